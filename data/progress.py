"""Where an indicator stands against its target: the status rules, as pure functions.

Two rules, and only these two, decide every status the dashboard shows (the headline cards, the
« Tous les indicateurs » table, the summing-up sentences, the programme overview and the
colloquium); `docs/statuts.md` says them in plain French:

- `status_for` decides one indicator's status from its value, its target, what steady progress
  would have given by the data date, and whether its action is over (an action that has ended
  below its target has not reached it: it can no longer be « dans les temps »);
- `roll_up` sums up the statuses of several indicators (a partner) or of several partners (the
  programme): any delay wins, so a partner with one late indicator is never shown as on time.

A status is always said in words (and shown with an icon), never by colour alone; an action whose
implementation is not yet defined has a status of its own and is never shown as zero.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

# Within ±10 % of the expected progress counts as on track.
TOLERANCE = 0.10


class Status(enum.StrEnum):
    REACHED = "atteint"
    AHEAD = "en_avance"
    ON_TRACK = "dans_les_temps"
    BEHIND = "en_retard"
    # The action is over and its target was not reached: no longer a delay that can be made up.
    NOT_REACHED = "non_atteint"
    NOT_DEFINED = "non_defini"
    NO_TARGET = "sans_cible"
    NO_DATA = "sans_donnees"


# The statuses that say « this is late »: a roll-up containing one of them is late.
LATE = frozenset({Status.BEHIND, Status.NOT_REACHED})
# Statuses of figures that have a target and data, from the weakest to the strongest.
WEAKEST_FIRST = (Status.NOT_REACHED, Status.BEHIND, Status.ON_TRACK, Status.AHEAD, Status.REACHED)


def elapsed_fraction(start: dt.date, end: dt.date, as_of: dt.date) -> float:
    """Share of the period [start, end] elapsed on `as_of` (0 before it starts, 1 after it ends)."""
    if as_of < start:
        return 0.0
    if as_of >= end:
        return 1.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def progress_span(
    target_start: dt.date,
    target_end: dt.date,
    action_start: dt.date | None = None,
    action_end: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """The span over which steady progress towards a target is expected: the target's span,
    narrowed to the dates of the indicator's action when it has some (nothing is expected of an
    action before it starts, and all of it is expected once it has ended)."""
    start = max(target_start, action_start) if action_start else target_start
    end = min(target_end, action_end) if action_end else target_end
    if start > end:  # the action lies outside the target's span: keep the target's
        return target_start, target_end
    return start, end


def action_is_over(action_end: dt.date | None, as_of: dt.date, *, done: bool = False) -> bool:
    """An action is over when it is marked done or its end date has passed on `as_of`."""
    return done or (action_end is not None and action_end < as_of)


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
    action_over: bool = False,
) -> Status:
    """The status of one figure (the rule written out in docs/statuts.md):

    1. its action is still being defined (and nothing was entered): « en cours de définition »;
    2. no value: « pas encore de données »; no target: « sans objectif chiffré »;
    3. target reached: « atteint » (for a figure where lower is better: at the end, at or under);
    4. action over and target not reached: « objectif non atteint »;
    5. otherwise compared with what steady progress would have given by now (`fraction` of the
       target): at least 10 % above, « en avance »; within 10 %, « dans les temps »; more than
       10 % below, « en retard ».
    """
    if not defined:
        return Status.NOT_DEFINED
    if value is None:
        return Status.NO_DATA
    if target is None:
        return Status.NO_TARGET
    finished = action_over or fraction >= 1
    if higher_is_better and value >= target:
        return Status.REACHED
    if not higher_is_better and finished and value <= target:
        return Status.REACHED
    if action_over:
        return Status.NOT_REACHED
    expected = expected_value(target, fraction)
    if expected <= 0:
        return Status.ON_TRACK
    ratio = value / expected if higher_is_better else expected / max(value, 1e-9)
    if ratio >= 1 + TOLERANCE:
        return Status.AHEAD
    if ratio >= 1 - TOLERANCE:
        return Status.ON_TRACK
    return Status.BEHIND


def roll_up(statuses: Iterable[Status]) -> Status:
    """One status for several: a partner's indicators, or the programme's partners.

    Nothing defined: « en cours de définition ». Any indicator late (behind, or an ended action
    below its target): « en retard », whatever the others say. Otherwise the weakest of the
    statuses that have a target (on track < ahead < reached). Without any target: « sans objectif
    chiffré », or « pas encore de données » when nothing has a value.
    """
    statuses = [Status(s) for s in statuses]
    if not statuses or all(s == Status.NOT_DEFINED for s in statuses):
        return Status.NOT_DEFINED
    if any(s in LATE for s in statuses):
        return Status.BEHIND
    ranked = [s for s in statuses if s in WEAKEST_FIRST]
    if ranked:
        return min(ranked, key=WEAKEST_FIRST.index)
    if all(s in (Status.NO_DATA, Status.NOT_DEFINED) for s in statuses):
        return Status.NO_DATA
    return Status.NO_TARGET
