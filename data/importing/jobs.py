"""Checks and loads run in the background, so that a long file never holds a web request.

A job runs in a thread of the app process that started it; its state (phase, rows done,
result, a cancellation flag, a heartbeat) lives in the `upload_job` table, so that every process
can show it and stop it. A job whose heartbeat stops (its process died) is marked failed by
whoever reads it next.

With SQLite, a load holds the store's only write lock until it commits: the jobs' state is then
kept in a small SQLite file next to the store (same folder, same machine), so that progress keeps
being written while the load runs.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Engine, select, update

from data.access import Viewer
from data.importing.kinds import KIND_LABELS
from data.importing.service import CHECKING, LOADING, ImportResult, import_file
from data.models import UploadJob
from data.store import StoreError, make_engine, transaction

log = logging.getLogger(__name__)

RUNNING, DONE, FAILED, CANCELLED = "en_cours", "termine", "echoue", "annule"
HEARTBEAT_SECONDS = 2.0
STALE_SECONDS = 30.0
# Progress is written at most this often (each write is a short transaction).
PROGRESS_SECONDS = 0.5

_state_engines: dict[str, Engine] = {}
_state_lock = threading.Lock()
_threads: dict[str, threading.Thread] = {}


class JobCancelled(Exception):
    """Someone asked to stop the job: its transaction is rolled back."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def state_engine(engine: Engine) -> Engine:
    """Where jobs' state is kept: the store itself, or a file beside it for SQLite."""
    url = engine.url
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return engine
    path = Path(url.database)
    side = path.with_name(f"{path.stem}-travaux.sqlite3")
    with _state_lock:
        found = _state_engines.get(str(side))
        if found is None:
            found = make_engine(f"sqlite:///{side}")
            UploadJob.__table__.create(found, checkfirst=True)
            _state_engines[str(side)] = found
    return found


class JobTracker:
    """Writes a job's progress; raises JobCancelled once someone asked to stop it."""

    def __init__(self, engine: Engine, job_id: str) -> None:
        self.engine, self.job_id = engine, job_id
        self.phase, self.total, self.done = "", 0, 0
        self._written = 0.0

    def start(self, phase: str, total: int) -> None:
        self.phase, self.total, self.done = phase, total, 0
        self._write(force=True)

    def advance(self, count: int) -> None:
        self.done += count
        self._write()

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._written < PROGRESS_SECONDS:
            return
        self._written = now
        with transaction(self.engine) as session:
            session.execute(
                update(UploadJob)
                .where(UploadJob.id == self.job_id)
                .values(phase=self.phase, done=self.done, total=self.total, heartbeat_at=_now())
            )
            stop = session.scalar(
                select(UploadJob.cancel_requested).where(UploadJob.id == self.job_id)
            )
        if stop:
            raise JobCancelled


def owner_of(viewer: Viewer) -> str:
    return json.dumps(
        {"role": viewer.role, "partner": viewer.partner_slug, "email": viewer.email},
        sort_keys=True,
    )


def result_data(result: ImportResult) -> dict:
    """What the page and the command line show of an import, as plain JSON."""
    report = result.report
    problems = []
    if result.refused:
        problems = [{"line": None, "column": "", "message": result.refused}]
    elif report:
        problems = [
            {"line": p.line or None, "column": p.where, "message": p.message if p.line else str(p)}
            for p in report.kept()
        ]
    return {
        "ok": result.ok,
        "file_name": result.file_name,
        "kind": result.kind,
        "kind_label": KIND_LABELS.get(result.kind or "", result.kind or ""),
        "details": result.details,
        "warnings": report.warnings if report else [],
        "problems": problems,
        "problem_count": report.problem_count if report else len(problems),
        "left_out": report.problems_left_out if report else 0,
        "rows": report.n_rows if report else 0,
        "load_id": result.load_id,
        "published": result.published,
        "rejection_id": result.rejection_id,
        "preview": result.preview,
    }


def start_job(
    engine: Engine,
    run: Callable[[JobTracker], ImportResult],
    *,
    viewer: Viewer,
    created_by: str,
    action: str,
    file_name: str,
    kind: str | None,
    cleanup: Callable[[], None] | None = None,
) -> str:
    """Record a job and start it in a thread; return its id."""
    states = state_engine(engine)
    job_id = secrets.token_urlsafe(32)
    now = _now()
    with transaction(states) as session:
        session.add(
            UploadJob(
                id=job_id,
                created_at=now,
                created_by=created_by[:200],
                owner=owner_of(viewer),
                action=action,
                file_name=file_name[:300],
                kind=kind,
                state=RUNNING,
                phase="",
                done=0,
                total=0,
                cancel_requested=False,
                heartbeat_at=now,
                result="",
            )
        )
    thread = threading.Thread(
        target=_run, args=(states, job_id, run, cleanup), name=f"import-{job_id[:8]}", daemon=True
    )
    _threads[job_id] = thread
    thread.start()
    return job_id


def _finish(states: Engine, job_id: str, state: str, result: dict) -> None:
    with transaction(states) as session:
        session.execute(
            update(UploadJob)
            .where(UploadJob.id == job_id)
            .values(
                state=state,
                finished_at=_now(),
                heartbeat_at=_now(),
                result=json.dumps(result, ensure_ascii=False, default=str),
            )
        )


def _run(states: Engine, job_id: str, run, cleanup) -> None:
    stop = threading.Event()

    def beat() -> None:  # alive even while one long statement runs
        while not stop.wait(HEARTBEAT_SECONDS):
            try:
                with transaction(states) as session:
                    session.execute(
                        update(UploadJob)
                        .where(UploadJob.id == job_id, UploadJob.state == RUNNING)
                        .values(heartbeat_at=_now())
                    )
            except Exception:  # noqa: BLE001 - a missed beat is retried two seconds later
                log.warning("heartbeat of job %s not written", job_id, exc_info=True)

    heart = threading.Thread(target=beat, name=f"heartbeat-{job_id[:8]}", daemon=True)
    heart.start()
    try:
        result = run(JobTracker(states, job_id))
        _finish(states, job_id, DONE, result_data(result))
    except JobCancelled:
        _finish(states, job_id, CANCELLED, {"message": "Arrêté à votre demande : rien n'a changé."})
    except StoreError as error:
        # Said to the user as it is (e.g. the store busy with another load: « réessayez »).
        _finish(states, job_id, FAILED, {"message": str(error)})
    except Exception:
        log.exception("job %s failed", job_id)
        _finish(
            states,
            job_id,
            FAILED,
            {"message": "Le traitement du fichier a échoué : rien n'a changé. Réessayez."},
        )
    finally:
        stop.set()
        heart.join()
        _threads.pop(job_id, None)
        if cleanup:
            cleanup()


def wait(job_id: str, seconds: float) -> None:
    """Wait up to `seconds` for a job started by this process."""
    thread = _threads.get(job_id)
    if thread is not None:
        thread.join(seconds)


def job_state(engine: Engine, job_id: object, viewer: Viewer) -> dict | None:
    """A job as its owner sees it (None for anybody else); a silent job is marked failed."""
    if not isinstance(job_id, str) or len(job_id) > 64:
        return None
    states = state_engine(engine)
    with transaction(states) as session:
        job = session.get(UploadJob, job_id)
        if job is None or job.owner != owner_of(viewer):
            return None
        if job.state == RUNNING and _now() - _aware(job.heartbeat_at) > dt.timedelta(
            seconds=STALE_SECONDS
        ):
            job.state, job.finished_at = FAILED, _now()
            job.result = json.dumps(
                {
                    "message": "Le traitement du fichier s'est interrompu (serveur redémarré ?) : "
                    "rien n'a changé. Déposez le fichier à nouveau."
                },
                ensure_ascii=False,
            )
        return {
            "id": job.id,
            "action": job.action,
            "file_name": job.file_name,
            "state": job.state,
            "phase": job.phase,
            "done": job.done,
            "total": job.total,
            "cancel_requested": job.cancel_requested,
            "result": json.loads(job.result) if job.result else None,
        }


def request_cancel(engine: Engine, job_id: object, viewer: Viewer) -> bool:
    """Ask a running job to stop (its owner only); it rolls back at its next chunk."""
    if not isinstance(job_id, str) or len(job_id) > 64:
        return False
    with transaction(state_engine(engine)) as session:
        done = session.execute(
            update(UploadJob)
            .where(
                UploadJob.id == job_id,
                UploadJob.owner == owner_of(viewer),
                UploadJob.state == RUNNING,
            )
            .values(cancel_requested=True)
        )
        return done.rowcount == 1


def check_job(engine: Engine, path: Path, file_name: str, viewer: Viewer, **options) -> str:
    """Start checking a file (and recording it if refused)."""
    return start_job(
        engine,
        lambda tracker: import_file(
            engine, path, file_name, viewer, check_only=True, tracker=tracker, **options
        ),
        viewer=viewer,
        created_by=options.get("created_by") or viewer.email or "",
        action=CHECKING,
        file_name=file_name,
        kind=options.get("kind"),
    )


def load_job(
    engine: Engine, path: Path, file_name: str, viewer: Viewer, *, cleanup=None, **options
) -> str:
    """Start checking again and loading a file; `cleanup` runs once it is over."""
    return start_job(
        engine,
        lambda tracker: import_file(engine, path, file_name, viewer, tracker=tracker, **options),
        viewer=viewer,
        created_by=options.get("created_by") or viewer.email or "",
        action=LOADING,
        file_name=file_name,
        kind=options.get("kind"),
        cleanup=cleanup,
    )
