"""One import, start to finish: read the file, validate it, and load it in one transaction,
a chunk of rows at a time."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Protocol

from sqlalchemy import Engine

from data.access import Viewer
from data.importing import rights
from data.importing.catalog import load_catalog
from data.importing.kinds import KIND_LABELS, guess_kind, normalise_kind
from data.importing.load_writes import Progress
from data.importing.loading import MESSAGE_PROBLEMS, record_load, record_rejection
from data.importing.preview import preview_load
from data.importing.problems import Report, more_problems
from data.importing.reading import FileRefused, Source, open_table, source_size, too_big
from data.importing.spool import RowSpool
from data.importing.validation import ChunkValidator
from data.store import transaction


@dataclass
class ImportResult:
    """What happened to a file: its report, and the load written (None on a dry run or refusal)."""

    file_name: str
    file_size: int
    file_sha256: str
    kind: str | None
    report: Report | None = None
    refused: str | None = None  # the file could not be read at all
    load_id: int | None = None
    rejection_id: int | None = None
    published: bool = False
    details: list[str] = field(default_factory=list)  # format, encoding, separator
    # What loading a valid file would do (rows added, replaced, unchanged), told by a check.
    preview: dict | None = None

    @property
    def ok(self) -> bool:
        return self.refused is None and self.report is not None and self.report.ok

    def problems(self) -> list[str]:
        if self.refused:
            return [self.refused]
        return self.report.messages() if self.report else []


class Tracker(Protocol):
    """Who follows an import: told of each phase and of the rows done; may stop it by raising."""

    def start(self, phase: str, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


CHECKING, COMPARING, LOADING = "verification", "comparaison", "chargement"


def file_sha256(source: Source) -> str:
    digest = hashlib.sha256()
    if isinstance(source, bytes | bytearray):
        digest.update(source)
    else:
        with open(source, "rb") as handle:
            while block := handle.read(1024 * 1024):
                digest.update(block)
    return digest.hexdigest()


def import_file(
    engine: Engine,
    content: Source,
    file_name: str,
    viewer: Viewer,
    *,
    kind: str | None = None,
    dry_run: bool = False,
    check_only: bool = False,
    record_failure: bool = True,
    max_bytes: int | None = None,
    max_rows: int | None = None,
    created_by: str | None = None,
    progress: Progress | None = None,
    tracker: Tracker | None = None,
    spool_dir: str | None = None,
) -> ImportResult:
    """Check a file and, unless `dry_run` or `check_only`, load it; a file with any problem
    changes no data.

    `content` is the file's bytes or its path; it is read a chunk at a time, its valid rows kept
    on disk until written, so memory stays bounded whatever its length (`max_rows` refuses a
    longer file before any row is checked). A refused file is recorded as a failed load (unless
    `dry_run` or not `record_failure`), so that the data page can show what is left to chase;
    `check_only` is the first step of the upload page (check and record a failure, load only
    once the user confirms); a valid file's check or dry run tells what its load would do
    (`result.preview`). `tracker` hears of each phase and each chunk; an exception it
    raises stops the import with nothing changed.
    """
    if not rights.can_import(viewer):
        raise PermissionError("Connectez-vous avec un compte autorisé à charger des données.")
    result = ImportResult(
        file_name=file_name,
        file_size=source_size(content),
        file_sha256=file_sha256(content),
        kind=normalise_kind(kind) if kind else None,
    )
    if kind and result.kind is None:
        raise ValueError(
            f"type de fichier inconnu : « {kind} » (attendu : {', '.join(KIND_LABELS)})."
        )
    author = created_by or rights.author(viewer)
    editor = rights.editor_partner(viewer)
    spool = RowSpool(spool_dir)
    try:
        with transaction(engine) as session:
            catalog = load_catalog(session.connection())
            try:
                table = open_table(content, file_name, max_bytes=max_bytes, max_rows=max_rows)
                result.details = [
                    f"format {table.format.upper()}",
                    *([f"encodage {table.encoding_label}"] if table.encoding_label else []),
                    *(
                        [f"séparateur « {_separator_name(table.separator)} »"]
                        if table.separator
                        else []
                    ),
                    f"{table.n_rows} ligne{'s' if table.n_rows > 1 else ''} de données",
                ]
                result.kind = result.kind or guess_kind(table.headers)
                if result.kind is None:
                    raise FileRefused(
                        "Le type de fichier n'a pas pu être reconnu d'après la ligne d'en-tête : "
                        "choisissez-le (observations, événements ou résultats) ou partez du modèle."
                    )
                validator = ChunkValidator(
                    table.headers,
                    result.kind,
                    catalog,
                    table.n_rows,
                    editor_partner=editor,
                    rows=spool,
                )
                if tracker:
                    tracker.start(CHECKING, table.n_rows)
                if validator.useful:
                    for chunk in table.chunks():
                        validator.check(chunk)
                        if tracker:
                            tracker.advance(len(chunk))
                result.report = validator.finish()
                if result.report.ok and (dry_run or check_only):
                    # Told before the user confirms: what the load would add and replace.
                    if tracker:
                        tracker.start(COMPARING, len(result.report.rows))
                    result.preview = preview_load(
                        session,
                        result.report,
                        catalog,
                        tracker.advance if tracker else None,
                    )
            except FileRefused as error:
                result.refused = str(error)
                result.report = None
            if dry_run:
                return result
            if result.ok and not check_only:
                if tracker:
                    tracker.start(LOADING, len(result.report.rows))

                def written(count: int) -> None:
                    if progress:
                        progress(count)
                    if tracker:
                        tracker.advance(count)

                load = record_load(
                    session,
                    result.report,
                    catalog,
                    file_name=file_name,
                    file_size=result.file_size,
                    file_sha256=result.file_sha256,
                    created_by=author,
                    publish=rights.publishes_at_once(viewer),
                    progress=written,
                )
                result.load_id, result.published = load.id, load.published
            elif not result.ok and record_failure:
                rejected = record_rejection(
                    session,
                    kind=result.kind or "inconnu",
                    file_name=file_name,
                    file_size=result.file_size,
                    file_sha256=result.file_sha256,
                    created_by=author,
                    partner_id=catalog.partner_ids.get(editor) if editor else None,
                    problems=_journal_problems(result),
                    rows_rejected=result.report.lines_rejected if result.report else 0,
                )
                result.rejection_id = rejected.id
    finally:
        spool.close()
        if result.report is not None and isinstance(result.report.rows, RowSpool):
            result.report.rows = []  # the spool is gone; the rows are in the store
    return result


def record_refused_upload(
    engine: Engine, file_name: str, file_size: int, viewer: Viewer, max_bytes: int
) -> int:
    """Record a file stopped before it was sent (too big, seen by the browser); return its id."""
    if not rights.can_import(viewer):
        raise PermissionError("Connectez-vous avec un compte autorisé à charger des données.")
    editor = rights.editor_partner(viewer)
    with transaction(engine) as session:
        catalog = load_catalog(session.connection())
        rejected = record_rejection(
            session,
            kind="inconnu",
            file_name=file_name,
            file_size=file_size,
            file_sha256="",  # never received
            created_by=rights.author(viewer),
            partner_id=catalog.partner_ids.get(editor) if editor else None,
            problems=[str(too_big(file_size, max_bytes))],
            rows_rejected=0,
        )
        return rejected.id


def _journal_problems(result: ImportResult) -> list[str]:
    """The problems the journal keeps: the first ones, then how many more (with the total)."""
    if result.refused or result.report is None:
        return result.problems()
    report = result.report
    if report.problem_count <= MESSAGE_PROBLEMS:
        return [str(p) for p in report.kept()]
    shown = [str(p) for p in report.kept()[: MESSAGE_PROBLEMS - 1]]
    return [*shown, more_problems(report.problem_count - len(shown), report.problem_count)]


def _separator_name(separator: str) -> str:
    return {";": "point-virgule", ",": "virgule", "\t": "tabulation"}.get(separator, separator)
