"""The codes a file may use, read from the store, with the labels people type for them."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, select

from data.importing.parsing import match_key
from data.models import Action, DimensionValue, Indicator, Partner, Territory

# Kinds of events and of qualitative outcomes: code -> French label.
EVENT_KINDS = {
    "entretien": "Entretien",
    "echange_savoirs": "Échange de savoirs",
    "reunion_hybride": "Réunion hybride",
    "rencontre": "Rencontre",
    "formation": "Formation",
    "atelier": "Atelier",
    "comite_preparation": "Comité de préparation",
    "colloque": "Colloque",
}
OUTCOME_KINDS = {
    "pratique": "Pratique",
    "proposition": "Proposition",
    "jalon": "Jalon",
    "mise_en_relation": "Mise en relation",
}
OUTCOME_STATUSES = {
    "detectee": "Détectée",
    "inventoriee": "Inventoriée",
    "proposee": "Proposée",
    "retenue": "Retenue",
    "ecartee": "Écartée",
    "en_pilote": "En phase pilote",
    "a_venir": "À venir",
    "atteint": "Atteint",
}
# Which statuses make sense for which kind of outcome.
STATUSES_BY_KIND = {
    "pratique": ("detectee", "inventoriee"),
    "proposition": ("proposee", "retenue", "ecartee", "en_pilote"),
    "jalon": ("a_venir", "atteint"),
    "mise_en_relation": ("a_venir", "atteint"),
}
PRACTICE_TYPES = {
    "consultation": "Consultation",
    "information": "Information",
    "cartographie": "Cartographie",
    "outil_collaboratif": "Outil collaboratif",
    "diffusion": "Diffusion",
    "formation": "Formation",
}
DIMENSION_NAMES = {"profil": "profil", "canal": "canal", "tranche_age": "tranche d'âge"}


@dataclass
class Lookup:
    """Codes by the keys people may type (the code itself, its French or English label)."""

    codes: dict[str, str] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # code -> French label

    def add(self, code: str, label: str, *others: str) -> None:
        self.labels[code] = label
        for text in (code, label, *others):
            if text:
                self.codes.setdefault(match_key(text), code)

    def resolve(self, value: object) -> str | None:
        return self.codes.get(match_key(value))

    @classmethod
    def of(cls, table: dict[str, str]) -> Lookup:
        lookup = cls()
        for code, label in table.items():
            lookup.add(code, label)
        return lookup


@dataclass(frozen=True)
class IndicatorInfo:
    code: str
    label: str
    partner: str
    action_id: int | None
    breakdowns: tuple[str, ...]


@dataclass
class Catalog:
    partners: Lookup
    partner_ids: dict[str, int]
    indicators: Lookup
    indicator_info: dict[str, IndicatorInfo]
    territories: Lookup
    territory_partner: dict[str, str | None]
    dimensions: dict[str, Lookup]
    actions: Lookup
    action_info: dict[str, tuple[int, str]]  # code -> (id, partner slug)
    event_kinds: Lookup = field(default_factory=lambda: Lookup.of(EVENT_KINDS))
    outcome_kinds: Lookup = field(default_factory=lambda: Lookup.of(OUTCOME_KINDS))
    outcome_statuses: Lookup = field(default_factory=lambda: Lookup.of(OUTCOME_STATUSES))
    practice_types: Lookup = field(default_factory=lambda: Lookup.of(PRACTICE_TYPES))

    def partner_name(self, slug: str) -> str:
        return self.partners.labels.get(slug, slug)


def load_catalog(connection: Connection) -> Catalog:
    partners, partner_ids = Lookup(), {}
    slugs = {}
    for row in connection.execute(
        select(Partner.id, Partner.slug, Partner.short_name, Partner.name_fr, Partner.name_en)
    ):
        partners.add(row.slug, row.short_name, row.name_fr, row.name_en)
        partner_ids[row.slug] = row.id
        slugs[row.id] = row.slug
    indicators, info = Lookup(), {}
    for indicator in connection.execute(
        select(*Indicator.__table__.c).order_by(Indicator.sort_order)
    ):
        indicators.add(indicator.code, indicator.label_fr, indicator.label_en)
        info[indicator.code] = IndicatorInfo(
            code=indicator.code,
            label=indicator.label_fr,
            partner=slugs[indicator.partner_id],
            action_id=indicator.action_id,
            breakdowns=tuple(b for b in (indicator.breakdowns or "").split(",") if b),
        )
    territories, territory_partner = Lookup(), {}
    for row in connection.execute(
        select(Territory.code, Territory.name, Territory.partner_id).order_by(Territory.code)
    ):
        territories.add(row.code, row.name)
        territory_partner[row.code] = slugs.get(row.partner_id)
    dimensions: dict[str, Lookup] = {name: Lookup() for name in DIMENSION_NAMES}
    for value in connection.execute(
        select(*DimensionValue.__table__.c).order_by(DimensionValue.sort_order)
    ):
        dimensions.setdefault(value.dimension, Lookup()).add(
            value.code, value.label_fr, value.label_en
        )
    actions, action_info = Lookup(), {}
    for row in connection.execute(
        select(Action.id, Action.code, Action.title_fr, Action.partner_id).order_by(Action.id)
    ):
        actions.add(row.code, row.title_fr)
        action_info[row.code] = (row.id, slugs[row.partner_id])
    return Catalog(
        partners=partners,
        partner_ids=partner_ids,
        indicators=indicators,
        indicator_info=info,
        territories=territories,
        territory_partner=territory_partner,
        dimensions=dimensions,
        actions=actions,
        action_info=action_info,
    )
