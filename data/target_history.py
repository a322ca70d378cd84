"""Targets that change: every revision kept, and the target in force at any date.

The `target` row always holds the latest value (so that every reader of targets keeps working);
`target_revision` holds each value it has had, with who set it, why and from which day. A
revision is refused with a precise French message (value not a number, period outside the
programme, empty reason) and then nothing is written.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from data import audit, queries
from data.models import Partner, Target, TargetRevision
from data.reference import PROGRAMME_END, PROGRAMME_START
from data.store import bump_data_version
from data.version_memo import per_data_version
from data.write_lock import hold_writer_lock

REASON_MAX = 500
# Who set a target never revised: the reference data. A target with no stored revision reads as
# its revision 1 (so that every way a store is filled, at any schema version, needs no extra
# step); the first revision stores that revision 1 before its own.
FIRST_AUTHOR = "référentiel"


class RevisionRefused(ValueError):
    """A revision that cannot be made; its message says why, in French."""


@dataclass(frozen=True)
class Revision:
    target_id: int
    indicator_code: str
    partner_slug: str
    revision: int
    value: float
    period_start: dt.date
    period_end: dt.date
    effective_from: dt.date | None
    reason: str
    revised_by: str
    revised_at: dt.datetime | None  # None: revision 1 of a target never revised
    previous_value: float | None  # the value it replaced (None for revision 1)


def _fr(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def parse_value(text) -> float:
    """The target value as typed (« 30 », « 12,5 »), or a French refusal."""
    raw = str(text if text is not None else "").strip().replace("\u202f", "").replace(" ", "")
    try:
        value = float(raw.replace(",", "."))
    except ValueError:
        raise RevisionRefused(
            f"La valeur de l'objectif « {str(text)[:40]} » n'est pas un nombre."
        ) from None
    if not math.isfinite(value) or value < 0:
        raise RevisionRefused("La valeur de l'objectif doit être un nombre positif ou nul.")
    return value


def _check(period_start: dt.date, period_end: dt.date, effective_from: dt.date, reason: str):
    for day in (period_start, period_end, effective_from):
        if not PROGRAMME_START <= day <= PROGRAMME_END:
            raise RevisionRefused(
                f"La date du {_fr(day)} est hors de la période du programme "
                f"(du {_fr(PROGRAMME_START)} au {_fr(PROGRAMME_END)})."
            )
    if period_end < period_start:
        raise RevisionRefused("La fin de la période de l'objectif précède son début.")
    if not reason.strip():
        raise RevisionRefused("La raison de la révision est obligatoire.")
    if len(reason) > REASON_MAX:
        raise RevisionRefused(f"La raison dépasse {REASON_MAX} caractères.")


def _target(session: Session, indicator_code: str, partner_slug: str) -> Target:
    found = session.scalars(
        select(Target)
        .join(Partner, Partner.id == Target.partner_id)
        .where(Target.indicator_code == indicator_code, Partner.slug == partner_slug)
        .order_by(Target.period_start)
    ).all()
    if not found:
        raise RevisionRefused(
            f"L'indicateur « {indicator_code[:60]} » du partenaire « {partner_slug[:60]} » "
            "n'a pas d'objectif à réviser."
        )
    if len(found) > 1:
        raise RevisionRefused("Cet indicateur a plusieurs objectifs : précisez lequel.")
    return found[0]


def _first_revision(target: Target) -> TargetRevision:
    """Revision 1 of a target: the value set with the reference data, in force from the start."""
    return TargetRevision(
        target_id=target.id,
        revision=1,
        value=target.value,
        period_start=target.period_start,
        period_end=target.period_end,
        effective_from=None,
        reason="",
        revised_by=FIRST_AUTHOR,
        revised_at=dt.datetime.now(dt.UTC),
    )


def revise(
    session: Session,
    *,
    actor: str,
    indicator_code: str,
    partner_slug: str,
    value,
    period_start: dt.date,
    period_end: dt.date,
    effective_from: dt.date,
    reason: str,
) -> TargetRevision:
    """Append a revision of a target, make it the target's value, and record it in the audit
    trail, all in the caller's transaction. The caller checks the rights."""
    number = parse_value(value)
    reason = (reason or "").strip()
    _check(period_start, period_end, effective_from, reason)
    hold_writer_lock(session)
    target = _target(session, indicator_code, partner_slug)
    last = session.scalar(
        select(func.max(TargetRevision.revision)).where(TargetRevision.target_id == target.id)
    )
    previous = target.value
    if last is None:
        session.add(_first_revision(target))
        last = 1
    revision = TargetRevision(
        target_id=target.id,
        revision=last + 1,
        value=number,
        period_start=period_start,
        period_end=period_end,
        effective_from=effective_from,
        reason=reason,
        revised_by=actor[:254],
        revised_at=dt.datetime.now(dt.UTC),
    )
    session.add(revision)
    target.value = number
    target.period_start = period_start
    target.period_end = period_end
    session.flush()
    audit.record(
        session,
        actor=actor,
        action=audit.TARGET_REVISION,
        subject=f"objectif {indicator_code} / {partner_slug}",
        detail={
            "revision": revision.revision,
            "avant": previous,
            "apres": number,
            "du": period_start.isoformat(),
            "au": period_end.isoformat(),
            "en_vigueur_le": effective_from.isoformat(),
            "raison": reason,
        },
    )
    # Statuses and charts read targets: cached pages must not outlive the revision (no
    # observation changed, so the summary tables stay as they are).
    bump_data_version(session, {})
    return revision


@per_data_version
def history(connection, partner_slug: str | None = None) -> list[Revision]:
    """Every revision, oldest first per target (of one partner, or of all)."""
    statement = (
        select(
            TargetRevision.target_id,
            Target.indicator_code,
            Partner.slug,
            TargetRevision.revision,
            TargetRevision.value,
            TargetRevision.period_start,
            TargetRevision.period_end,
            TargetRevision.effective_from,
            TargetRevision.reason,
            TargetRevision.revised_by,
            TargetRevision.revised_at,
        )
        .join(Target, Target.id == TargetRevision.target_id)
        .join(Partner, Partner.id == Target.partner_id)
        .order_by(Target.indicator_code, TargetRevision.target_id, TargetRevision.revision)
    )
    if partner_slug is not None:
        statement = statement.where(Partner.slug == partner_slug)
    revisions: list[Revision] = []
    previous: dict[int, float] = {}
    for row in connection.execute(statement):
        revisions.append(Revision(*row, previous_value=previous.get(row.target_id)))
        previous[row.target_id] = row.value
    never_revised = (
        select(
            Target.id,
            Target.indicator_code,
            Partner.slug,
            Target.value,
            Target.period_start,
            Target.period_end,
        )
        .join(Partner, Partner.id == Target.partner_id)
        .where(Target.id.not_in(select(TargetRevision.target_id)))
    )
    if partner_slug is not None:
        never_revised = never_revised.where(Partner.slug == partner_slug)
    for row in connection.execute(never_revised):
        revisions.append(
            Revision(
                row.id,
                row.indicator_code,
                row.slug,
                1,
                row.value,
                row.period_start,
                row.period_end,
                None,
                "",
                FIRST_AUTHOR,
                None,
                previous_value=None,
            )
        )
    revisions.sort(key=lambda r: (r.indicator_code, r.target_id, r.revision))
    return revisions


def in_force(revisions: Sequence[Revision], day: dt.date) -> Revision | None:
    """The revision in force on `day`: the latest one that applies from that day or before
    (revision 1 applies from the start). `revisions` are one target's, oldest first."""
    current = None
    for revision in revisions:
        if revision.effective_from is None or revision.effective_from <= day:
            current = revision
    return current


def steps(revisions: Sequence[Revision], start: dt.date, end: dt.date) -> list[tuple]:
    """The target in force over [start, end] as (from date, value) steps, oldest first: the
    value in force on `start`, then each later revision that applies by `end`."""
    first = in_force(revisions, start)
    result = [(start, first.value)] if first else []
    for revision in revisions:
        since = revision.effective_from
        if since is not None and start < since <= end:
            if result and result[-1][0] == since:
                result[-1] = (since, revision.value)
            else:
                result.append((since, revision.value))
    return result


def targets_in_force(targets: Sequence[dict], revisions: Sequence[Revision], day: dt.date):
    """`targets` (as data.queries.targets gives them) with each value replaced by the value in
    force on `day`: statuses evaluated at a date use the target of that date."""
    by_key: dict[tuple, list[Revision]] = {}
    for revision in revisions:
        by_key.setdefault((revision.indicator_code, revision.partner_slug), []).append(revision)
    result = []
    for target in targets:
        chain = by_key.get((target["indicator_code"], target.get("partner_slug")), [])
        current = in_force(chain, day)
        if current is None:
            result.append(target)
            continue
        result.append(
            {
                **target,
                "value": current.value,
                "period_start": current.period_start,
                "period_end": current.period_end,
            }
        )
    return result


def targets_on(connection, partner_slug: str, day: dt.date) -> list[dict]:
    """The partner's targets as they stood on `day` (statuses evaluated at that date)."""
    return targets_in_force(
        queries.targets(connection, partner_slug), history(connection, partner_slug), day
    )
