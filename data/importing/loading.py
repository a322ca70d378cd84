"""Writing a validated file into the store as one load, or recording a refused file.

Every function works inside the caller's transaction: a load is all or nothing. Rows replaced by
a load (same natural key) are kept in `load_replaced_row`, so that undoing the load puts them back.
Each one first takes the store's writer lock (`data.write_lock`), before it reads what it will
replace or restore: two writers never decide from the same state, the second waits for the first
(or is told to retry). The rows themselves are written by `data.importing.load_writes`;
approving and undoing a load are in `data.importing.load_review`.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from data import audit
from data.importing.catalog import Catalog
from data.importing.kinds import EVENTS, OBSERVATIONS, OUTCOMES
from data.importing.load_writes import (
    Progress,
    _now,
    _write_events,
    _write_observations,
    _write_outcomes,
)
from data.importing.problems import Report
from data.models import DataLoad, LoadStatus
from data.rollup import changes_of
from data.store import bump_data_version
from data.write_lock import hold_writer_lock

# A load message keeps this many problems (the full list is shown when the file is checked).
MESSAGE_PROBLEMS = 30


def record_load(
    session: Session,
    report: Report,
    catalog: Catalog,
    *,
    file_name: str,
    file_size: int,
    file_sha256: str,
    created_by: str,
    publish: bool,
    progress: Progress | None = None,
) -> DataLoad:
    """Write the rows of a valid report as one load; return the load."""
    if not report.ok:
        raise ValueError("a file with problems is never loaded")
    # Before anything is read or numbered: what the load replaces is decided under the lock, and
    # load numbers follow the order in which loads are written (undo relies on it).
    hold_writer_lock(session)
    partners = {row["partner"] for row in report.rows}
    load = DataLoad(
        created_by=created_by,
        kind=report.kind,
        file_name=file_name[:300],
        file_size=file_size,
        file_sha256=file_sha256,
        partner_id=catalog.partner_ids[next(iter(partners))] if len(partners) == 1 else None,
        rows_accepted=len(report.rows),
        rows_rejected=0,
        status=LoadStatus.ACCEPTED,
        message="; ".join(report.warnings),
        published=publish,
        published_at=_now() if publish else None,
        published_by=created_by if publish else None,
    )
    session.add(load)
    session.flush()
    writer = {OBSERVATIONS: _write_observations, EVENTS: _write_events, OUTCOMES: _write_outcomes}
    writer[report.kind](session, report.rows, catalog, load, progress)
    # Only observations feed the summary tables, and only their indicators' rows change.
    observations = report.rows if report.kind == OBSERVATIONS else []
    bump_data_version(
        session, changes_of((r["indicator_code"], r["period_start"]) for r in observations)
    )
    audit.record(session, **audit.of_load(load, created_by, audit.LOAD))
    return load


def record_rejection(
    session: Session,
    *,
    kind: str,
    file_name: str,
    file_size: int,
    file_sha256: str,
    created_by: str,
    partner_id: int | None,
    problems: list[str],
    rows_rejected: int,
) -> DataLoad:
    """Keep a trace of a file that was refused, so that someone can follow it up."""
    if session.get_bind().dialect.name == "sqlite":
        # SQLite has one writer whatever the table: wait for it as a load would (bounded, with a
        # plain message). PostgreSQL writes a journal line beside a running load.
        hold_writer_lock(session)
    shown = problems[:MESSAGE_PROBLEMS]
    if len(problems) > MESSAGE_PROBLEMS:
        shown.append(f"… et {len(problems) - MESSAGE_PROBLEMS} autres problèmes.")
    load = DataLoad(
        created_by=created_by,
        kind=kind,
        file_name=file_name[:300],
        file_size=file_size,
        file_sha256=file_sha256,
        partner_id=partner_id,
        rows_accepted=0,
        rows_rejected=rows_rejected,
        status=LoadStatus.REJECTED,
        message="\n".join(shown),
        published=False,
    )
    session.add(load)
    session.flush()
    return load
