"""The three kinds of files people load, their columns, and the headers they may carry."""

from __future__ import annotations

from dataclasses import dataclass

from data.importing.catalog import Catalog
from data.importing.parsing import header_key

OBSERVATIONS = "observations"
EVENTS = "evenements"
OUTCOMES = "resultats"
KINDS = (OBSERVATIONS, EVENTS, OUTCOMES)
KIND_LABELS = {
    OBSERVATIONS: "Observations (valeurs des indicateurs)",
    EVENTS: "Événements (rencontres, ateliers, formations…) avec les présents par profil",
    OUTCOMES: "Résultats qualitatifs (pratiques, propositions, jalons…)",
}
# Aliases of the kind names on the command line and in URLs.
KIND_ALIASES = {
    "observations": OBSERVATIONS,
    "observation": OBSERVATIONS,
    "evenements": EVENTS,
    "evenement": EVENTS,
    "événements": EVENTS,
    "events": EVENTS,
    "resultats": OUTCOMES,
    "resultat": OUTCOMES,
    "résultats": OUTCOMES,
    "outcomes": OUTCOMES,
}
ATTENDANCE_PREFIX = "presents_"


@dataclass(frozen=True)
class ColumnSpec:
    key: str  # canonical name
    header: str  # the title written in templates
    value_type: str  # how a cell is read and checked (see cell_checks.cell_rules)
    required: bool = False
    aliases: tuple[str, ...] = ()
    help: str = ""
    max_length: int = 300

    def header_keys(self) -> set[str]:
        return {header_key(self.key), header_key(self.header), *map(header_key, self.aliases)}


def columns(kind: str, catalog: Catalog) -> list[ColumnSpec]:
    if kind == OBSERVATIONS:
        return [
            ColumnSpec(
                "indicateur",
                "indicateur",
                "indicator",
                True,
                ("code indicateur", "code de l'indicateur", "libellé de l'indicateur"),
                "Code ou libellé de l'indicateur (voir la liste ci-dessous).",
            ),
            ColumnSpec(
                "partenaire",
                "partenaire",
                "partner",
                False,
                ("collectivité", "collectivite"),
                "Déduit de l'indicateur ; s'il est rempli, il doit lui correspondre.",
            ),
            ColumnSpec(
                "debut",
                "début",
                "date",
                True,
                ("date de début", "début de période", "date debut", "date", "periode debut"),
                "Premier jour de la période, jj/mm/aaaa.",
            ),
            ColumnSpec(
                "fin",
                "fin",
                "date",
                False,
                ("date de fin", "fin de période", "date fin", "periode fin"),
                "Dernier jour de la période, jj/mm/aaaa (vide : même jour que le début).",
            ),
            ColumnSpec(
                "territoire",
                "territoire",
                "territory",
                False,
                ("code insee", "commune", "arrondissement", "code territoire"),
                "Code INSEE ou nom de la commune / de l'arrondissement (facultatif).",
            ),
            ColumnSpec("profil", "profil", "dimension:profil", False, ("public",), "Facultatif."),
            ColumnSpec("canal", "canal", "dimension:canal", False, (), "Facultatif."),
            ColumnSpec(
                "tranche_age",
                "tranche d'âge",
                "dimension:tranche_age",
                False,
                ("tranche age", "age"),
                "Facultatif.",
            ),
            ColumnSpec(
                "valeur",
                "valeur",
                "number",
                True,
                ("nombre", "total", "effectif", "valeur observée"),
                "Nombre positif ; virgule décimale acceptée (12,5).",
            ),
        ]
    if kind == EVENTS:
        specs = [
            ColumnSpec("partenaire", "partenaire", "partner", True, ("collectivité",)),
            ColumnSpec("action", "action", "action", False, ("code action",), "Facultatif."),
            ColumnSpec(
                "type",
                "type",
                "event_kind",
                True,
                ("type d'événement", "type evenement", "nature"),
            ),
            ColumnSpec("titre", "titre", "text", True, ("intitulé", "nom", "libellé")),
            ColumnSpec("date", "date", "date", True, ("date de l'événement",), "jj/mm/aaaa."),
            ColumnSpec("lieu", "lieu", "text", False, ("adresse",)),
            ColumnSpec("territoire", "territoire", "territory", False, ("code insee", "commune")),
            ColumnSpec("canal", "canal", "dimension:canal", False, ("format",)),
            ColumnSpec(
                "resultats",
                "résultats",
                "text",
                False,
                ("résultat", "compte rendu", "suites"),
                max_length=5000,
            ),
        ]
        profiles = catalog.dimensions.get("profil")
        for code, label in (profiles.labels if profiles else {}).items():
            specs.append(
                ColumnSpec(
                    ATTENDANCE_PREFIX + code,
                    f"présents {label.lower()}",
                    "count",
                    False,
                    (f"présents {code}", f"participants {code}", f"participants {label}", label),
                    f"Nombre de présents : {label.lower()} (entier, facultatif).",
                )
            )
        return specs
    if kind == OUTCOMES:
        return [
            ColumnSpec("partenaire", "partenaire", "partner", True, ("collectivité",)),
            ColumnSpec("action", "action", "action", False, ("code action",), "Facultatif."),
            ColumnSpec("type", "type", "outcome_kind", True, ("type de résultat", "nature")),
            ColumnSpec("titre", "titre", "text", True, ("intitulé", "libellé")),
            ColumnSpec("description", "description", "text", False, (), max_length=5000),
            ColumnSpec("statut", "statut", "outcome_status", False, ("état", "etat")),
            ColumnSpec(
                "type_pratique",
                "type de pratique",
                "practice_type",
                False,
                ("type pratique",),
                "Pour les pratiques seulement.",
            ),
            ColumnSpec("date", "date", "date", False, (), "jj/mm/aaaa (facultatif)."),
        ]
    raise ValueError(f"type de fichier inconnu : {kind}")


def normalise_kind(value: str | None) -> str | None:
    if value is None:
        return None
    return KIND_ALIASES.get(value.strip().lower())


def guess_kind(headers: list[str]) -> str | None:
    """The kind whose telling columns are all present in the header line."""
    keys = {header_key(h) for h in headers}
    if "valeur" in keys or ({"indicateur", "code_indicateur"} & keys):
        return OBSERVATIONS
    if any(k.startswith("presents") or k.startswith("participants") for k in keys) or (
        {"lieu", "date"} <= keys
    ):
        return EVENTS
    if "statut" in keys or "description" in keys or "type_de_pratique" in keys:
        return OUTCOMES
    return None
