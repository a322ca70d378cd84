"""The data page's words and the pieces its sections share: the texts, the tables' column titles
and labels, a table's frame, and times shown in Paris.

Kept apart from the sections (`layouts.data_import` for loading a file, `layouts.data_page` for
the rest), which all read them.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from dash import html

from layouts.i18n import Messages

DATA_PAGE_TEXT = Messages(
    {
        "title": ("Données et qualité", "Data and quality"),
        "lead": (
            "Charger les fichiers des partenaires, suivre les chargements, repérer les données "
            "manquantes, consulter le catalogue des indicateurs et tout exporter.",
            "Load the partners' files, follow the loads, spot missing data, read the indicator "
            "catalogue and export everything.",
        ),
        "import_title": ("Charger un fichier", "Load a file"),
        "import_help": (
            "Fichiers CSV (séparateur point-virgule ou virgule, UTF-8 ou Windows-1252) ou Excel "
            ".xlsx (première feuille), d'au plus {size}. Le fichier est d'abord vérifié : rien "
            "n'est chargé tant que vous n'avez pas confirmé, et un fichier qui comporte une "
            "erreur n'est jamais chargé en partie.",
            "CSV files (semicolon or comma separated, UTF-8 or Windows-1252) or Excel .xlsx "
            "(first sheet), up to {size}. The file is checked first: nothing is loaded until "
            "you confirm, and a file with an error is never partly loaded.",
        ),
        "login_needed": (
            "Connectez-vous avec un compte de chargé de mission ou d'éditeur partenaire pour "
            "charger des données.",
            "Log in with a programme manager or partner editor account to load data.",
        ),
        "editor_note": (
            "Votre compte charge les données {of_partner} ; elles seront publiées après "
            "l'approbation d'un chargé de mission.",
            "Your account loads {partner}'s data; it is published once a programme manager "
            "approves it.",
        ),
        "kind_label": ("Type de fichier", "Kind of file"),
        "kind_auto": ("Reconnaître d'après l'en-tête", "Recognise from the header"),
        "templates": ("Modèles à remplir", "Templates to fill in"),
        "upload_label": ("Fichier à vérifier", "File to check"),
        "upload_text": (
            "Déposez le fichier ici ou cliquez pour le choisir",
            "Drop the file here or click to choose it",
        ),
        "loads_title": ("Chargements", "Loads"),
        "loads_empty": ("Aucun chargement pour le moment.", "No load yet."),
        "quality_title": ("Fraîcheur et complétude", "Freshness and completeness"),
        "quality_lead": (
            "Pour chaque indicateur : la dernière période renseignée et les périodes attendues "
            "(selon la fréquence de l'indicateur) pour lesquelles aucune donnée n'est chargée, "
            "au {date}.",
            "For each indicator: the last period with data and the expected periods (by the "
            "indicator's frequency) with no data loaded, as of {date}.",
        ),
        "failed_title": ("Chargements refusés à reprendre", "Refused loads to follow up"),
        "catalogue_title": ("Catalogue des indicateurs", "Indicator catalogue"),
        "export_title": ("Exporter tout le stockage", "Export the whole store"),
        "export_text": (
            "Une archive ZIP : une table par fichier CSV et sa description (paquet de données "
            "Frictionless, datapackage.json), sous Licence Ouverte 2.0 d'Etalab pour les données "
            "des partenaires. Les comptes des utilisateurs n'y figurent pas.",
            "A ZIP archive: one CSV file per table and its description (a Frictionless data "
            "package, datapackage.json), under the Etalab Open Licence 2.0 for the partners' "
            "data. User accounts are not included.",
        ),
        "export_button": ("Télécharger l'export (ZIP)", "Download the export (ZIP)"),
        "confirm": ("Confirmer le chargement", "Confirm the load"),
        "cancel": ("Abandonner", "Discard"),
        "approve": ("Publier", "Publish"),
        "undo": ("Annuler le chargement", "Undo the load"),
        "none_missing": ("aucune", "none"),
        "not_defined": ("mise en œuvre en cours de définition", "implementation being defined"),
        "no_data": ("aucune donnée", "no data"),
        "punctual": ("ponctuel : pas de période attendue", "one-off: no expected period"),
        "undo_title": ("Annuler ce chargement ?", "Undo this load?"),
        "undo_confirm": ("Oui, annuler le chargement", "Yes, undo the load"),
        "undo_keep": ("Non, le garder", "No, keep it"),
    }
)
COLUMNS = {
    "loads": (
        ("N°", "No."),
        ("Date", "Date"),
        ("Par", "By"),
        ("Fichier", "File"),
        ("Type", "Kind"),
        ("Partenaire", "Partner"),
        ("Lignes", "Rows"),
        ("État", "Status"),
        ("Actions", "Actions"),
    ),
    "quality": (
        ("Partenaire", "Partner"),
        ("Indicateur", "Indicator"),
        ("Fréquence attendue", "Expected frequency"),
        ("Dernière donnée", "Latest data"),
        ("Périodes manquantes", "Missing periods"),
    ),
    "catalogue": (
        ("Code", "Code"),
        ("Indicateur", "Indicator"),
        ("Ce qui est compté", "What is counted"),
        ("Unité", "Unit"),
        ("Partenaire", "Partner"),
        ("Ventilations", "Breakdowns"),
        ("Fréquence", "Frequency"),
    ),
    "problems": (("Ligne", "Line"), ("Colonne", "Column"), ("Problème", "Problem")),
}
STATUS_LABELS = {
    "accepte": ("en vigueur", "in force"),
    "rejete": ("refusé", "refused"),
    "annule": ("annulé", "undone"),
}
FREQUENCIES = {
    "mois": ("mensuelle", "monthly"),
    "trimestre": ("trimestrielle", "quarterly"),
    "annee": ("annuelle", "yearly"),
    "ponctuel": ("ponctuelle", "one-off"),
}
KIND_LABELS = {
    "observations": ("Observations", "Observations"),
    "evenements": ("Événements", "Events"),
    "resultats": ("Résultats qualitatifs", "Qualitative outcomes"),
    "demonstration": ("Démonstration", "Demonstration"),
}


PARIS = ZoneInfo("Europe/Paris")


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Moments are stored in UTC (naive on SQLite): shown in Paris time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(PARIS)


def _head(key: str, lang: str) -> html.Thead:
    index = 1 if lang == "en" else 0
    return html.Thead(html.Tr([html.Th(c[index], scope="col") for c in COLUMNS[key]]))


def _table(key: str, rows: list, lang: str, caption: str) -> html.Div:
    return html.Div(
        html.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                _head(key, lang),
                html.Tbody(rows),
            ],
            className="table table-sm data-table align-middle",
        ),
        className="table-responsive",
    )


def _label(table: dict, code: str, lang: str) -> str:
    pair = table.get(str(code))
    return pair[1 if lang == "en" else 0] if pair else str(code)
