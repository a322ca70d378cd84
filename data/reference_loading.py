"""Writing the programme's reference data in a store (once, when it has none) and reading back
the ids of its rows.

Kept apart from the data themselves (`data.reference`, `data.reference_indicators`,
`data.reference_territories`), which are plain lists any module may read without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.models import (
    Action,
    Category,
    DimensionValue,
    Indicator,
    Partner,
    Target,
    Territory,
)
from data.reference import (
    ACTIONS,
    CATEGORIES,
    DIMENSION_VALUES,
    PARTNERS,
    POPULATION_SOURCE,
    YEAR_END,
    YEAR_START,
)
from data.reference_indicators import INDICATORS
from data.reference_territories import territory_lists


@dataclass
class ReferenceIds:
    """Database ids of the reference rows, for generators and importers."""

    partners: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)


def load_reference(session: Session) -> ReferenceIds:
    """Insert the programme's reference data if the store has none yet; return their ids."""
    if session.scalar(select(Partner.id).limit(1)) is None:
        _insert_reference(session)
    return reference_ids(session)


def reference_ids(session: Session) -> ReferenceIds:
    ids = ReferenceIds()
    ids.partners = dict(session.execute(select(Partner.slug, Partner.id)).all())
    ids.actions = dict(session.execute(select(Action.code, Action.id)).all())
    return ids


def _insert_reference(session: Session) -> None:
    session.add_all(Category(code=c, label_fr=fr, label_en=en) for c, fr, en in CATEGORIES)
    session.flush()
    partners = {}
    for order, spec in enumerate(PARTNERS):
        partner = Partner(
            slug=spec.slug,
            name_fr=spec.name_fr,
            name_en=spec.name_en,
            short_name=spec.short_name,
            kind=spec.kind,
            category_code=spec.category,
            population=spec.population,
            population_source=POPULATION_SOURCE if spec.population else None,
            description_fr=spec.description_fr,
            description_en=spec.description_en,
            sort_order=order,
            licence=spec.licence,
        )
        partners[spec.slug] = partner
    session.add_all(partners.values())
    session.flush()
    for slug, level, places in territory_lists():
        session.add_all(
            Territory(
                code=code, name=name, level=level, partner_id=partners[slug].id, population=pop
            )
            for code, name, pop in places
        )
    session.add_all(
        DimensionValue(dimension=d, code=c, label_fr=fr, label_en=en, sort_order=i)
        for i, (d, c, fr, en) in enumerate(DIMENSION_VALUES)
    )
    actions = {}
    for spec in ACTIONS:
        actions[spec.code] = Action(
            partner_id=partners[spec.partner].id,
            code=spec.code,
            title_fr=spec.title_fr,
            title_en=spec.title_en,
            status=spec.status,
            start_date=spec.start,
            end_date=spec.end,
        )
    session.add_all(actions.values())
    session.flush()
    for order, spec in enumerate(INDICATORS):
        partner = partners[spec.partner]
        session.add(
            Indicator(
                code=spec.code,
                partner_id=partner.id,
                category_code=spec.category or partner.category_code,
                action_id=actions[spec.action].id if spec.action else None,
                label_fr=spec.label_fr,
                label_en=spec.label_en,
                definition_fr=spec.definition_fr,
                definition_en=spec.definition_en,
                unit_fr=spec.unit_fr,
                unit_en=spec.unit_en,
                aggregation=spec.aggregation,
                higher_is_better=spec.higher_is_better,
                about_youth=spec.about_youth,
                headline_rank=spec.headline_rank,
                breakdowns=",".join(spec.breakdowns),
                expected_frequency=spec.expected_frequency,
                sort_order=order,
            )
        )
    session.flush()
    for spec in INDICATORS:
        if spec.target_2012 is not None:
            session.add(
                Target(
                    indicator_code=spec.code,
                    partner_id=partners[spec.partner].id,
                    period_start=YEAR_START,
                    period_end=YEAR_END,
                    value=spec.target_2012,
                )
            )
    session.flush()
