"""The words of a partner's page, in French and English: headings, labels, notes."""

from __future__ import annotations

from layouts.i18n import Messages

PARTNER_PAGE_TEXT = Messages(
    {
        "kicker": ("Partenaire du programme", "Programme partner"),
        "period": ("Période", "Period"),
        "period_form": ("Changer de période", "Change the period"),
        "print": ("Imprimer", "Print"),
        "print_label": (
            "Imprimer cette page (A4 paysage, deux pages au plus)",
            "Print this page (A4 landscape, two pages at most)",
        ),
        "from": ("De", "From"),
        "to": ("À", "To"),
        "apply": ("Afficher", "Show"),
        "presets": ("Périodes fréquentes", "Common periods"),
        "year": ("Année 2012", "Year 2012"),
        "quarter": ("{n}ᵉ trimestre", "Q{n}"),
        "first_quarter": ("1er trimestre", "Q1"),
        "notice_title": ("Période non reconnue", "Period not recognised"),
        "summary": ("En bref", "In brief"),
        "headlines": ("Chiffres clés", "Key figures"),
        "over_time": ("Évolution dans le temps", "Over time"),
        "breakdowns": ("Répartitions", "Breakdowns"),
        "where": ("Où les actions ont eu lieu", "Where things happened"),
        "where_note": (
            "La carte montre chaque territoire ; son tableau les classe du plus actif au moins "
            "actif.",
            "The map shows each place; its table ranks them from the most active.",
        ),
        "timeline": ("Calendrier des actions", "Timeline of actions"),
        "outcomes": ("Résultats qualitatifs", "Qualitative outcomes"),
        "all_indicators": ("Tous les indicateurs", "All indicators"),
        "indicator": ("Indicateur", "Indicator"),
        "value": ("Valeur", "Value"),
        "unit": ("Unité", "Unit"),
        "target": ("Objectif", "Target"),
        "status": ("Statut", "Status"),
        "definition": ("Ce qui est compté", "What is counted"),
        "month": ("Mois", "Month"),
        "place": ("Territoire", "Place"),
        "insee": ("Code INSEE", "INSEE code"),
        "no_charts": (
            "Aucune donnée chiffrée pour cette période.",
            "No figures for this period.",
        ),
        "not_defined_charts": (
            "La mise en œuvre de ce partenaire est en cours de définition : les graphiques "
            "apparaîtront avec les premières données.",
            "This partner's implementation is still being defined: charts will appear with the "
            "first data.",
        ),
        "profil": ("par profil", "by profile"),
        "canal": ("par canal", "by channel"),
        "tranche_age": ("par tranche d'âge", "by age band"),
        "territoire": ("par territoire", "by place"),
        "scroll_hint": (
            "Sur un téléphone, faites défiler le tableau vers la droite : objectif, statut et "
            "définition.",
            "On a phone, scroll the table sideways: target, status and definition.",
        ),
        "all_indicators_caption": (
            "Valeur de chaque indicateur sur la période",
            "Value of each indicator over the period",
        ),
    }
)
