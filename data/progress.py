"""Where an indicator stands against its target: the status rules, as pure functions.

A status is always said in words (and shown with an icon), never by colour alone; an action whose
implementation is not yet defined has a status of its own and is never shown as zero.
"""

from __future__ import annotations

import datetime as dt
import enum

# Within ±10 % of the expected progress counts as on track.
TOLERANCE = 0.10


class Status(enum.StrEnum):
    REACHED = "atteint"
    AHEAD = "en_avance"
    ON_TRACK = "dans_les_temps"
    BEHIND = "en_retard"
    NOT_DEFINED = "non_defini"
    NO_TARGET = "sans_cible"
    NO_DATA = "sans_donnees"


def elapsed_fraction(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of the period [start, end] elapsed on `as_of` (0 before it starts, 1 after it ends)."""
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def expected_value(target: float, fraction: float) -> float:
    """What should have been reached by now, if progress towards the target were steady."""
    return target * fraction


def status_for(
    value: float | None,
    target: float | None,
    fraction: float,
    *,
    defined: bool = True,
    higher_is_better: bool = True,
) -> Status:
    """The status of one figure; see the module docstring for the vocabulary."""
    if not defined:
        return Status.NOT_DEFINED
    if value is None:
        return Status.NO_DATA
    if target is None:
        return Status.NO_TARGET
    if higher_is_better and value >= target:
        return Status.REACHED
    if not higher_is_better and fraction >= 1 and value <= target:
        return Status.REACHED
    expected = expected_value(target, fraction)
    if expected <= 0:
        return Status.ON_TRACK
    ratio = value / expected if higher_is_better else expected / max(value, 1e-9)
    if ratio >= 1 + TOLERANCE:
        return Status.AHEAD
    if ratio >= 1 - TOLERANCE:
        return Status.ON_TRACK
    return Status.BEHIND
