"""An indicator as the rest of the app reads it: one frozen record, normalised once.

The database row is turned into this record where it leaves the store (`queries.indicators`):
its aggregation is an `Aggregation`, its breakdowns a tuple, its flags booleans, so that no
reader needs to guard against another form.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from data.languages import in_language
from data.models import Aggregation


class IndicatorWords:
    """What an indicator says in either language, for any record holding its words (the
    indicator itself, a headline figure): `label_fr`/`label_en`, `unit_*`, `definition_*`."""

    __slots__ = ()
    label_fr: str
    label_en: str
    unit_fr: str
    unit_en: str
    definition_fr: str
    definition_en: str

    def label(self, lang: str) -> str:
        return in_language(self.label_fr, self.label_en, lang)

    def unit(self, lang: str) -> str:
        return in_language(self.unit_fr, self.unit_en, lang)

    def definition(self, lang: str) -> str:
        return in_language(self.definition_fr, self.definition_en, lang)

    @property
    def is_share(self) -> bool:
        return self.unit_fr == "%"


@dataclass(frozen=True, slots=True)
class IndicatorRecord(IndicatorWords):
    code: str
    partner_id: int
    partner_slug: str
    category_code: str
    action_id: int | None
    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str
    unit_fr: str
    unit_en: str
    aggregation: Aggregation
    higher_is_better: bool
    about_youth: bool  # counts about young people: small values are protected
    headline_rank: int | None  # position among the partner's headline figures (None: not one)
    breakdowns: tuple[str, ...]  # the breakdowns that make sense for it
    expected_frequency: str  # mois, trimestre, annee, ponctuel
    sort_order: int

    @classmethod
    def from_row(cls, row: Mapping) -> IndicatorRecord:
        """The record of one `indicator` row joined to its partner's slug."""
        return cls(
            code=row["code"],
            partner_id=row["partner_id"],
            partner_slug=row["partner_slug"],
            category_code=row["category_code"],
            action_id=row["action_id"],
            label_fr=row["label_fr"],
            label_en=row["label_en"],
            definition_fr=row["definition_fr"],
            definition_en=row["definition_en"],
            unit_fr=row["unit_fr"],
            unit_en=row["unit_en"],
            aggregation=Aggregation(row["aggregation"]),
            higher_is_better=bool(row["higher_is_better"]),
            about_youth=bool(row["about_youth"]),
            headline_rank=row["headline_rank"],
            breakdowns=tuple(b for b in (row["breakdowns"] or "").split(",") if b),
            expected_frequency=row["expected_frequency"],
            sort_order=row["sort_order"],
        )

    @property
    def per_capita_makes_sense(self) -> bool:
        """A rate or a mean divided by a population means nothing; counts can be compared."""
        return self.aggregation != Aggregation.MEAN and not self.is_share

    def __getitem__(self, name: str):
        """Read like the dict it replaces (`indicator["code"]`), for pages not yet moved to
        attributes; the record stays read-only."""
        return getattr(self, name)
