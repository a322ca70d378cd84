"""The question asked of the observations: what to aggregate, and who may see what.

One home for the filter's fields, the breakdowns (their names in URLs, their filter fields and
their columns), the one builder of WHERE conditions — used alike on the raw observations and on
the summary rows, which share those columns — and the publication rule. Adding a breakdown or
changing who sees unpublished data is an edit here, not in every reader.

The conditions carry bound parameters (`ObservationFilter.parameters`): a statement depends only
on the *shape* of a question (which filters are set), so that readers may build it once per shape
and run it with each question's values.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field, replace
from typing import NamedTuple

from sqlalchemy import Integer, String, bindparam, func, select
from sqlalchemy.sql import ColumnElement

from data.access import Viewer
from data.models import Indicator, Partner
from data.reference import YEAR_END, YEAR_START


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One way the observations can be cut, under its three names."""

    name: str  # in URLs, layouts and `by=` ("territoire")
    field: str  # the ObservationFilter field that selects its values ("territories")
    column: str  # its column, the same in the observations and the summary rows


BREAKDOWNS = (
    Breakdown("territoire", "territories", "territory_code"),
    Breakdown("profil", "profiles", "profile"),
    Breakdown("canal", "channels", "channel"),
    Breakdown("tranche_age", "age_bands", "age_band"),
)
BREAKDOWN_NAMES = tuple(b.name for b in BREAKDOWNS)
# Breakdown name -> column name (in both tables).
DIMENSION_COLUMNS = {b.name: b.column for b in BREAKDOWNS}
# Breakdown name -> filter field, and back.
BREAKDOWN_FIELDS = {b.name: b.field for b in BREAKDOWNS}
FIELD_BREAKDOWNS = {b.field: b.name for b in BREAKDOWNS}
# The filters of a (partner, indicator) pair, then those of the breakdowns: every multi-valued
# field of the filter, in the order pages list them.
PAIR_FIELDS = ("partners", "categories", "indicators")
LIST_FIELDS = PAIR_FIELDS + tuple(b.field for b in BREAKDOWNS)
GRAINS = ("jour", "mois", "trimestre", "annee")


class FilterShape(NamedTuple):
    """Which conditions a question has (not their values): what a built statement depends on."""

    lists: tuple[str, ...]  # the list fields that are set, in LIST_FIELDS order
    published_only: bool
    with_unpublished: bool  # some partners' unpublished rows are visible too
    pending_only: bool = False  # only the pending values among the visible rows


@dataclass(frozen=True)
class ObservationFilter:
    """What to aggregate; every field is already validated. Empty tuples mean 'all'."""

    start: dt.date = YEAR_START
    end: dt.date = YEAR_END
    partners: tuple[str, ...] = ()  # slugs
    categories: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    profiles: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    age_bands: tuple[str, ...] = ()
    published_only: bool = True
    # Partners whose unpublished data may be seen too (a partner editor's own partner).
    unpublished_partners: tuple[str, ...] = field(default=())
    # Only the pending values this viewer sees (docs/pending-values.md): where to mark them.
    pending_only: bool = False

    def as_key(self) -> str:
        """The filter as canonical JSON, for cache keys (`dataclasses.asdict` deep-copies every
        field: several times slower, for the same text)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return json.dumps(values, sort_keys=True, default=str)

    def for_viewer(self, viewer: Viewer) -> ObservationFilter:
        """This question as `viewer` may have it answered: unpublished rows for those who see
        them all (programme managers), and for a partner editor their own partner's."""
        return replace(
            self,
            published_only=not viewer.sees_all_unpublished,
            unpublished_partners=viewer.unpublished_partners(),
        )

    @property
    def shows_pending(self) -> bool:
        """Whether this question may be answered with pending values (never the public's)."""
        return not self.published_only or bool(self.unpublished_partners)

    def pending(self) -> ObservationFilter:
        """The same question, answered from the pending values it would show only: those that
        stand in for a published value, or are new. Empty when it shows none."""
        return replace(self, pending_only=True)

    def as_published(self) -> ObservationFilter:
        """The same question as the public has it answered: the published values only."""
        return replace(self, published_only=True, unpublished_partners=(), pending_only=False)

    def scope(self, start: dt.date | None = None, end: dt.date | None = None) -> ObservationFilter:
        """Only the period (this one, or the one given) and the publication rules: every value
        this viewer may see in those days, whatever the other filters."""
        return ObservationFilter(
            start=self.start if start is None else start,
            end=self.end if end is None else end,
            published_only=self.published_only,
            unpublished_partners=self.unpublished_partners,
        )

    @property
    def shape(self) -> FilterShape:
        return FilterShape(
            tuple(name for name in LIST_FIELDS if getattr(self, name)),
            self.published_only,
            self.published_only and bool(self.unpublished_partners),
            self.pending_only,
        )

    def parameters(self) -> dict[str, object]:
        """The values of the bound parameters `conditions` names."""
        values: dict[str, object] = {"start": self.start, "end": self.end}
        shape = self.shape
        for name in shape.lists:
            values[name] = list(getattr(self, name))
        if shape.with_unpublished:
            values["unpublished_partners"] = list(self.unpublished_partners)
        return values


def conditions(table, shape: FilterShape) -> list[ColumnElement[bool]]:
    """The WHERE conditions of a question of this shape, on `table`: the observations or the
    summary rows (same columns), joined to their partner. Values are bound parameters, named as
    the filter's fields (see `ObservationFilter.parameters`)."""
    result: list[ColumnElement[bool]] = [
        table.period_start >= bindparam("start"),
        table.period_start <= bindparam("end"),
    ]
    for name in shape.lists:
        values = bindparam(name, expanding=True)
        if name == "partners":
            # On the table's own column, so that its index can be used (a condition on the
            # joined partner's slug cannot).
            result.append(table.partner_id.in_(select(Partner.id).where(Partner.slug.in_(values))))
        elif name == "categories":
            result.append(
                table.indicator_code.in_(
                    select(Indicator.code).where(Indicator.category_code.in_(values))
                )
            )
        elif name == "indicators":
            result.append(table.indicator_code.in_(values))
        else:
            column = getattr(table, DIMENSION_COLUMNS[FIELD_BREAKDOWNS[name]])
            result.append(column.in_(values))
    result.append(visible(table, shape.with_unpublished, shape.published_only))
    if shape.pending_only:
        # Among the rows this viewer sees, the pending ones (none when they see published only).
        result.append(table.published.is_(False))
    return result


def visible(table, with_unpublished: bool, published_only: bool = True) -> ColumnElement[bool]:
    """The publication rule. The public sees the published rows; those who see pending data
    (programme managers for every partner, a partner editor for the partners named by the
    `unpublished_partners` parameter) see the `current` rows instead: the pending values, and
    the published ones that no pending correction stands in for. A correction waiting for
    approval thus never hides the published value from the public, and never counts twice for
    anyone (docs/pending-values.md). `table` (observations or summary rows) is joined to its
    partner."""
    if not published_only:
        return table.current.is_(True)
    rule = table.published.is_(True)
    if with_unpublished:
        insiders = Partner.slug.in_(bindparam("unpublished_partners", expanding=True))
        rule = (rule & ~insiders) | (table.current.is_(True) & insiders)
    return rule


def period_bucket(column: ColumnElement, grain: str, dialect: str) -> ColumnElement:
    """The first day of the day/month/quarter/year containing `column`, as ISO text."""
    if grain == "jour":
        return func.cast(column, String())
    if dialect == "sqlite":
        if grain == "mois":
            return func.strftime("%Y-%m-01", column)
        if grain == "annee":
            return func.strftime("%Y-01-01", column)
        month = func.cast(func.strftime("%m", column), Integer())
        first_month = ((month - 1) // 3) * 3 + 1
        return func.printf("%s-%02d-01", func.strftime("%Y", column), first_month)
    unit = {"mois": "month", "trimestre": "quarter", "annee": "year"}[grain]
    return func.to_char(func.date_trunc(unit, column), "YYYY-MM-DD")


def check_question(grain: str | None, by) -> None:
    """Refuse a time step or a breakdown that does not exist."""
    if grain is not None and grain not in GRAINS:
        raise ValueError(f"grain inconnu : {grain}")
    unknown = set(by) - set(DIMENSION_COLUMNS)
    if unknown:
        raise ValueError(f"ventilation inconnue : {', '.join(sorted(unknown))}")


@dataclass(frozen=True)
class AggregateRow:
    """One number of an answer, whether read from the raw observations or the summary rows."""

    indicator_code: str
    partner_slug: str
    period: str | None  # ISO date of the bucket's first day, None when not grouped by time
    dimensions: tuple[tuple[str, str], ...]  # (breakdown, code) pairs
    value: float | None  # None only when suppressed
    # How many raw observations were combined (for small-count checks and data quality).
    n: int
    # A small count about young people hidden from this viewer (shown as "< 5", the threshold).
    suppressed: bool = False

    def dimension(self, name: str) -> str:
        return dict(self.dimensions).get(name, "")

    @property
    def key(self) -> tuple:
        """What identifies this number in its answer: indicator, partner, period, cells."""
        return (self.indicator_code, self.partner_slug, self.period, self.dimensions)
