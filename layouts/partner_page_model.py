"""What a partner's page is built from: the plain records the callbacks fill from the store."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from data.headlines import HeadlineFigure
from data.indicator_record import IndicatorRecord
from data.interpretations import Note
from data.models import Aggregation
from layouts.pdf_button import PdfLink


@dataclass
class IndicatorSeries:
    """One indicator's data for the page: monthly rows and breakdown rows."""

    indicator: IndicatorRecord
    monthly: list[dict]  # {period, value, suppressed}
    breakdowns: dict[str, list[dict]] = field(default_factory=dict)  # dim -> {label, value, ...}
    target: float | None = None
    # The target's revisions (data.target_history), and the target in force as (from, value)
    # steps over the page's period: the chart draws the steps, the card lists the revisions.
    revisions: tuple = ()
    target_steps: tuple = ()


@dataclass
class IndicatorTotal:
    indicator: IndicatorRecord
    value: float | None
    suppressed: bool
    target: float | None
    status: str | None  # a data.progress.Status value, by the one rule for every indicator
    count: bool = (
        False  # a count: its target is shown in whole units (layouts.sentences.whole_units)
    )


@dataclass
class PartnerPage:
    partner: dict
    start: dt.date
    end: dt.date
    as_of: dt.date
    problems: tuple[str, ...]
    figures: list[HeadlineFigure]
    series: list[IndicatorSeries]
    territory: IndicatorSeries | None  # the indicator whose places are ranked
    total_places: int
    actions: list[dict]
    events: list[dict]
    outcomes: list[dict]
    totals: list[IndicatorTotal]
    source: str
    colour: str
    month_choices: list[tuple[str, str]]
    # The small-count threshold in force (the app's setting): hidden counts are written « < N ».
    threshold: int
    presets: list[tuple[str, str, bool]] = field(default_factory=list)  # (label, href, current)
    # What this viewer is not shown for this period, and why (youth figures off the grid).
    withheld: tuple[str, ...] = ()
    # Every indicator's figure (the table's rows): the sentence and the status are said from
    # all of them, so that a delay outside the key figures is never left out.
    every_figure: list[HeadlineFigure] = field(default_factory=list)
    # « Données au … » (data.publication.data_date): the same day on every page.
    data_date: dt.date | None = None
    # The « PDF » button beside « Imprimer » (layouts/pdf_button.py), or None.
    pdf: PdfLink | None = None
    # The interpretations this viewer may read, by indicator code (data.interpretations), and
    # whether their authors are named (to signed-in viewers only).
    notes: dict[str, list[Note]] = field(default_factory=dict)
    show_authors: bool = False
    # The « Interpréter les chiffres » form: for this partner's editors and programme managers
    # (decided on the server, data.interpretations.can_write), with moderation for the latter.
    may_write_notes: bool = False
    may_moderate_notes: bool = False


def is_level(indicator: IndicatorRecord) -> bool:
    """A level (a running count, a latest value, a mean), not a sum of months: drawn as a line
    with its target, and its finding read as cumulative."""
    return indicator.aggregation != Aggregation.SUM
