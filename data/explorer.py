"""What the explorer reads: reference labels, the filter values that exist, and the table rows.

The facets come from one GROUP BY over the observations of the period (the distinct combinations
of partner, indicator and breakdowns — a few thousand rows even for a million observations); which
values each filter offers is then worked out from that small set, so that every filter offers only
the values that exist given the other filters, without one query per filter.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import Connection, and_, select

from data import queries, rollup
from data.languages import column, in_language
from data.models import (
    ActionStatus,
    Aggregation,
    Indicator,
    Observation,
    ObservationRollup,
    Partner,
    StoreInfo,
)
from data.months import month_end, month_start
from data.observation_filter import (
    BREAKDOWN_FIELDS,
    BREAKDOWNS,
    FIELD_BREAKDOWNS,
    LIST_FIELDS,
    PAIR_FIELDS,
    ObservationFilter,
    conditions,
)

# The filters the explorer offers values for: every list field of the filter.
FACETS = LIST_FIELDS
PER_INHABITANTS = 10_000


@dataclass(frozen=True)
class IndicatorInfo:
    """What the explorer needs of an indicator (from `queries.indicators`' records)."""

    code: str
    partner: str
    category: str
    label_fr: str
    label_en: str
    unit_fr: str
    unit_en: str
    aggregation: Aggregation
    sort_order: int

    @property
    def per_capita_makes_sense(self) -> bool:
        """A rate or a mean divided by a population means nothing; counts can be compared."""
        return self.aggregation != Aggregation.MEAN and self.unit_fr != "%"


@dataclass(frozen=True)
class Reference:
    """Labels, orders and populations of everything the explorer names (small tables)."""

    partners: Mapping[str, dict]  # slug -> partner row (name, short_name, population, source)
    categories: Mapping[str, dict]  # code -> label_fr, label_en
    indicators: Mapping[str, IndicatorInfo]
    territories: Mapping[str, dict]  # code -> name, population, partner_slug
    dimensions: Mapping[str, Mapping[str, dict]]  # profil/canal/tranche_age -> code -> row
    # Partners whose every action is still being defined: no figure is expected from them yet.
    being_defined: frozenset[str] = frozenset()

    def is_programme(self, slug: str) -> bool:
        """The programme itself (its colloquium) is listed with the partners but is not one."""
        return (self.partners.get(slug) or {}).get("kind") == "programme"

    def label(self, field: str, code: str, lang: str) -> str:
        """The plain label of one filter value (the code itself if it is not known)."""
        label = column("label", lang)
        if field == "partners":
            row = self.partners.get(code)
            return row["short_name"] if row else code
        if field == "categories":
            return self.categories.get(code, {}).get(label, code)
        if field == "indicators":
            info = self.indicators.get(code)
            return getattr(info, label) if info else code
        if field == "territories":
            row = self.territories.get(code)
            return f"{row['name']} ({code})" if row else code
        dimension = FIELD_BREAKDOWNS[field]
        return self.dimensions.get(dimension, {}).get(code, {}).get(label, code)

    def allowed(self) -> dict[str, frozenset[str]]:
        return {
            "partners": frozenset(self.partners),
            "categories": frozenset(self.categories),
            "indicators": frozenset(self.indicators),
            "territories": frozenset(self.territories),
            **{
                b.field: frozenset(self.dimensions.get(b.name, {}))
                for b in BREAKDOWNS
                if b.name != "territoire"
            },
        }

    def order(self, field: str) -> list[str]:
        """Every code of a filter, in the order the page lists them."""
        if field == "partners":
            return list(self.partners)
        if field == "categories":
            return [p["category_code"] for p in self.partners.values()]
        if field == "indicators":
            return sorted(self.indicators, key=lambda c: self.indicators[c].sort_order)
        if field == "territories":
            return sorted(self.territories)
        return list(self.dimensions.get(FIELD_BREAKDOWNS[field], {}))


def load_reference(connection: Connection) -> Reference:
    partners = {p["slug"]: p for p in queries.partners(connection)}
    indicators = {
        record.code: IndicatorInfo(
            code=record.code,
            partner=record.partner_slug,
            category=record.category_code,
            label_fr=record.label_fr,
            label_en=record.label_en,
            unit_fr=record.unit_fr,
            unit_en=record.unit_en,
            aggregation=record.aggregation,
            sort_order=record.sort_order,
        )
        for record in queries.indicators(connection)
    }
    dimensions: dict[str, dict[str, dict]] = {}
    for row in queries.dimension_values(connection):
        dimensions.setdefault(row["dimension"], {})[row["code"]] = row
    statuses: dict[str, set[str]] = {}
    for action in queries.actions(connection):
        status = str(getattr(action["status"], "value", action["status"]))
        statuses.setdefault(action["partner_slug"], set()).add(status)
    return Reference(
        partners=partners,
        categories={c["code"]: c for c in queries.categories(connection)},
        indicators=indicators,
        territories={t["code"]: t for t in queries.territories(connection)},
        dimensions=dimensions,
        being_defined=frozenset(
            slug for slug, found in statuses.items() if found == {ActionStatus.NOT_DEFINED.value}
        ),
    )


# --- the values that exist


class Combination(NamedTuple):
    """A (partner, indicator) pair present in the period, with one breakdown value or none.

    `dimension` is the filter field of the breakdown ("territories", ...) and `code` its value;
    both are "" for the pair itself. Filters are combined one breakdown at a time: a territory is
    offered if the pair has data there, whatever the channel (the summary rows keep one breakdown
    at a time, and that is what keeps this small and fast).
    """

    partners: str
    categories: str
    indicators: str
    dimension: str
    code: str


def existing_combinations(connection: Connection, flt: ObservationFilter) -> list[Combination]:
    """What exists in the months the period touches, for this viewer: each (partner, indicator)
    pair, and each pair's breakdown values, one breakdown at a time.

    Only the period and the publication rules of `flt` are applied: the other filters are worked
    out in Python from this small set (see `facet_values`). Read from the monthly summary rows
    (a few thousand, whatever the number of observations) when they are up to date, else from
    the observations; whole months either way, so both give the same answer.
    """
    flt = month_scope(flt)
    if rollup.is_fresh(connection):
        return _combinations_from_rollup(connection, flt)
    columns = (
        Partner.slug,
        Indicator.category_code,
        Observation.indicator_code,
        *[getattr(Observation, b.column) for b in BREAKDOWNS],
    )
    statement = (
        select(*columns)
        .join(Partner, Partner.id == Observation.partner_id)
        .join(Indicator, Indicator.code == Observation.indicator_code)
        .where(and_(*conditions(Observation, flt.shape)))
        .group_by(*columns)
    )
    found: set[Combination] = set()
    for slug, category, indicator, *codes in connection.execute(statement, flt.parameters()):
        found.add(Combination(slug, category, indicator, "", ""))
        for field, code in zip(BREAKDOWN_FIELDS.values(), codes, strict=True):
            if code:
                found.add(Combination(slug, category, indicator, field, code))
    return sorted(found, key=lambda c: (c.partners, c.indicators, c.dimension, c.code))


def month_scope(flt: ObservationFilter) -> ObservationFilter:
    """The period and publication rules of `flt`, widened to whole months (what is offered in
    the filters is what exists in the months shown)."""
    return flt.scope(start=month_start(flt.start), end=month_end(flt.end))


def _combinations_from_rollup(connection: Connection, flt: ObservationFilter) -> list[Combination]:
    cells = ObservationRollup
    groupings = {"": ""} | {name: name for name in rollup.ALL_DIMENSIONS}
    columns = (
        cells.grouping,
        Partner.slug,
        Indicator.category_code,
        cells.indicator_code,
        *[getattr(cells, b.column) for b in BREAKDOWNS],
    )
    statement = (
        select(*columns)
        .join(Partner, Partner.id == cells.partner_id)
        .join(Indicator, Indicator.code == cells.indicator_code)
        .where(
            cells.grouping.in_(list(groupings)),
            cells.grain == "mois",
            *conditions(cells, flt.shape),
        )
        .group_by(*columns)
    )
    found = []
    for grouping, slug, category, indicator, *codes in connection.execute(
        statement, flt.parameters()
    ):
        if not grouping:
            found.append(Combination(slug, category, indicator, "", ""))
            continue
        for field, code in zip(BREAKDOWN_FIELDS.values(), codes, strict=True):
            if code:
                found.append(Combination(slug, category, indicator, field, code))
    return found


PAIR_FACETS = PAIR_FIELDS
BREAKDOWN_FACETS = tuple(BREAKDOWN_FIELDS.values())


def facet_values(
    combinations: Iterable[Combination], selected: Mapping[str, Sequence[str]]
) -> dict[str, set[str]]:
    """For each filter, the values that exist given every *other* filter's selection."""
    chosen = {name: set(selected.get(name) or ()) for name in FACETS}
    pairs: set[tuple[str, str, str]] = set()
    # For each breakdown: the pairs having a selected value of it, and every value per pair.
    matching: dict[str, set[tuple[str, str, str]]] = {name: set() for name in BREAKDOWN_FACETS}
    values: dict[str, dict[tuple[str, str, str], set[str]]] = {
        name: {} for name in BREAKDOWN_FACETS
    }
    for combination in combinations:
        pair = (combination.partners, combination.categories, combination.indicators)
        if not combination.dimension:
            pairs.add(pair)
            continue
        values[combination.dimension].setdefault(pair, set()).add(combination.code)
        if combination.code in chosen[combination.dimension]:
            matching[combination.dimension].add(pair)

    def allowed_pairs(skip: str) -> set[tuple[str, str, str]]:
        result = set(pairs)
        for position, name in enumerate(PAIR_FACETS):
            if name != skip and chosen[name]:
                result = {p for p in result if p[position] in chosen[name]}
        for name in BREAKDOWN_FACETS:
            if name != skip and chosen[name]:
                result &= matching[name]
        return result

    result: dict[str, set[str]] = {}
    for position, name in enumerate(PAIR_FACETS):
        result[name] = {p[position] for p in allowed_pairs(name)}
    for name in BREAKDOWN_FACETS:
        found: set[str] = set()
        per_pair = values[name]
        for pair in allowed_pairs(name):
            found |= per_pair.get(pair, set())
        result[name] = found
    return result


# --- the table behind the charts


@dataclass(frozen=True)
class TableRow:
    """One line of the explorer's table, with the exact numbers shown and exported."""

    order: tuple
    category: str
    partner: str
    partner_slug: str
    indicator: str
    indicator_code: str
    unit: str
    period: str | None  # ISO date of the bucket's first day
    detail_code: str | None  # the breakdown's code ('' = not broken down), None without detail
    detail: str | None
    value: float | None  # None: suppressed (small count)
    per_10k: float | None
    population_source: str | None
    # For those who see values waiting for approval: whether this number counts one, and the
    # published number it would replace (docs/pending-values.md).
    pending: bool = False
    published_value: float | None = None
    # The published number exists but is a small count: shown « < N », like any hidden value.
    published_hidden: bool = False


def _pending_fields(row: queries.AggregateRow, pending: Mapping) -> dict:
    if row.key not in pending:
        return {}
    before = pending[row.key]
    hidden = before is not None and before.suppressed
    shown = None if before is None or hidden else rounded(before.value, 1)
    return {"pending": True, "published_value": shown, "published_hidden": hidden}


def rounded(value: float | None, digits: int) -> float | None:
    """The one rounding used on screen and in the exports, so that both show the same number."""
    if value is None:
        return None
    result = round(float(value), digits)
    return result + 0.0  # no "-0"


# Per how many inhabitants a comparison is given: the first that makes its largest value at
# least 1, so that small rates are not all shown as « 0,0 ».
PER_INHABITANTS_SCALES = (10_000, 100_000, 1_000_000)


def per_inhabitants_scale(rates_per_person: Iterable[float]) -> int:
    """The number of inhabitants to count per (10,000, 100,000 or 1,000,000)."""
    largest = max((r for r in rates_per_person if r), default=0.0)
    if not largest:
        return PER_INHABITANTS_SCALES[0]
    for scale in PER_INHABITANTS_SCALES:
        if largest * scale >= 1:
            return scale
    return PER_INHABITANTS_SCALES[-1]


def significant_digits(value: float, digits: int = 1) -> int:
    """The decimals that show at least `digits` significant digits of `value` (with one:
    0.04 -> 2, 0.24 -> 1, 18.5 -> 0): a small rate is never rounded to 0."""
    if not value:
        return 0
    magnitude = math.floor(math.log10(abs(value)))
    return max(0, digits - 1 - magnitude)


def populations(reference: Reference, territories: Sequence[str] = ()) -> dict[str, int | None]:
    """The population each partner's figures are to be divided by: the whole partner's, or,
    when the view keeps some territories only, the sum of those territories' populations."""
    result: dict[str, int | None] = {
        slug: row.get("population") for slug, row in reference.partners.items()
    }
    if territories:
        chosen: dict[str, int] = {}
        for code in territories:
            territory = reference.territories.get(code)
            if territory and territory.get("partner_slug") and territory.get("population"):
                slug = territory["partner_slug"]
                chosen[slug] = chosen.get(slug, 0) + int(territory["population"])
        # A partner none of whose territories is kept has no figure left to divide.
        result = {slug: chosen.get(slug) for slug in result}
    return result


def table_rows(
    rows: Iterable[queries.AggregateRow],
    reference: Reference,
    detail: str,
    lang: str,
    territories: Sequence[str] = (),
    pending: Mapping[tuple, queries.AggregateRow | None] | None = None,
) -> list[TableRow]:
    """Aggregate rows as table lines: labels, rounding, and the value per 10,000 inhabitants
    (of the territory when the line is one, of the partner — or of its kept territories —
    otherwise)."""
    per_partner = populations(reference, territories)
    dimension = detail if detail in BREAKDOWN_FIELDS else None
    not_broken_down = in_language("Non ventilé", "Not broken down", lang)
    result = []
    for row in rows:
        info = reference.indicators.get(row.indicator_code)
        partner = reference.partners.get(row.partner_slug, {})
        code = row.dimension(dimension) if dimension else None
        population = per_partner.get(row.partner_slug)
        source = partner.get("population_source")
        if dimension == "territoire":
            territory = reference.territories.get(code or "")
            population = territory.get("population") if territory else None
        value = rounded(row.value, 1) if not row.suppressed else None
        per_10k = None
        if value is not None and population and info and info.per_capita_makes_sense:
            per_10k = rounded(row.value * PER_INHABITANTS / population, 2)
        category = info.category if info else ""
        label = (
            reference.label(BREAKDOWN_FIELDS[dimension], code, lang)
            if dimension and code
            else (not_broken_down if dimension else None)
        )
        result.append(
            TableRow(
                order=(
                    list(reference.partners).index(row.partner_slug)
                    if row.partner_slug in reference.partners
                    else 99,
                    info.sort_order if info else 0,
                    row.period or "",
                    code or "",
                ),
                category=reference.categories.get(category, {}).get(
                    column("label", lang), category
                ),
                partner=reference.label("partners", row.partner_slug, lang),
                partner_slug=row.partner_slug,
                indicator=getattr(info, column("label", lang)) if info else row.indicator_code,
                indicator_code=row.indicator_code,
                unit=getattr(info, column("unit", lang)) if info else "",
                period=row.period,
                detail_code=code,
                detail=label,
                value=value,
                per_10k=per_10k,
                population_source=source if per_10k is not None else None,
                **_pending_fields(row, pending or {}),
            )
        )
    return result


SORT_KEYS = {
    "ordre": lambda r: r.order,
    "indicateur": lambda r: (r.indicator.casefold(), r.order),
    "partenaire": lambda r: (r.partner.casefold(), r.order),
    "periode": lambda r: (r.period or "", r.order),
    "detail": lambda r: ((r.detail or "").casefold(), r.order),
    # Missing values (suppressed, not applicable) always go last, whatever the direction.
    "valeur": lambda r: (r.value is None, r.value or 0.0, r.order),
    "habitants": lambda r: (r.per_10k is None, r.per_10k or 0.0, r.order),
}


def sort_rows(rows: list[TableRow], column: str, descending: bool) -> list[TableRow]:
    key = SORT_KEYS.get(column, SORT_KEYS["ordre"])
    if not descending:
        return sorted(rows, key=key)
    present = [r for r in rows if key(r)[0] is not True]
    missing = [r for r in rows if key(r)[0] is True]
    return sorted(present, key=key, reverse=True) + sorted(missing, key=key)


def is_demonstration(connection: Connection) -> bool:
    """Whether the store holds demonstration data (said on every chart's source line)."""
    value = connection.scalar(select(StoreInfo.value).where(StoreInfo.key == "demonstration"))
    return value == "true"
