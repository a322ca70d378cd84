"""One import, start to finish: read the file, validate it, and load it in one transaction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import Engine

from data.access import Viewer
from data.importing import rights
from data.importing.catalog import load_catalog
from data.importing.kinds import KIND_LABELS, guess_kind, normalise_kind
from data.importing.loading import Progress, record_load, record_rejection
from data.importing.reading import FileRefused, read_table
from data.importing.validation import Report, validate
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

    @property
    def ok(self) -> bool:
        return self.refused is None and self.report is not None and self.report.ok

    def problems(self) -> list[str]:
        if self.refused:
            return [self.refused]
        return self.report.messages() if self.report else []


def import_file(
    engine: Engine,
    content: bytes,
    file_name: str,
    viewer: Viewer,
    *,
    kind: str | None = None,
    dry_run: bool = False,
    check_only: bool = False,
    record_failure: bool = True,
    max_bytes: int | None = None,
    created_by: str | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Check a file and, unless `dry_run` or `check_only`, load it; a file with any problem
    changes no data.

    A refused file is recorded as a failed load (unless `dry_run` or not `record_failure`), so
    that the data page can show what is left to chase; `check_only` is the first step of the
    upload page (check and record a failure, load only once the user confirms).
    """
    if not rights.can_import(viewer):
        raise PermissionError("Connectez-vous avec un compte autorisé à charger des données.")
    result = ImportResult(
        file_name=file_name,
        file_size=len(content),
        file_sha256=hashlib.sha256(content).hexdigest(),
        kind=normalise_kind(kind) if kind else None,
    )
    if kind and result.kind is None:
        raise ValueError(
            f"type de fichier inconnu : « {kind} » (attendu : {', '.join(KIND_LABELS)})."
        )
    author = created_by or rights.author(viewer)
    editor = rights.editor_partner(viewer)
    with transaction(engine) as session:
        catalog = load_catalog(session.connection())
        try:
            table = read_table(content, file_name, max_bytes=max_bytes)
            result.details = [
                f"format {table.format.upper()}",
                *([f"encodage {table.encoding}"] if table.encoding else []),
                *(
                    [f"séparateur « {_separator_name(table.separator)} »"]
                    if table.separator
                    else []
                ),
                f"{len(table.rows)} ligne{'s' if len(table.rows) > 1 else ''} de données",
            ]
            result.kind = result.kind or guess_kind(table.headers)
            if result.kind is None:
                raise FileRefused(
                    "Le type de fichier n'a pas pu être reconnu d'après la ligne d'en-tête : "
                    "choisissez-le (observations, événements ou résultats) ou partez du modèle."
                )
        except FileRefused as error:
            result.refused = str(error)
        else:
            result.report = validate(table, result.kind, catalog, editor_partner=editor)
        if dry_run:
            return result
        if result.ok and not check_only:
            load = record_load(
                session,
                result.report,
                catalog,
                file_name=file_name,
                file_size=result.file_size,
                file_sha256=result.file_sha256,
                created_by=author,
                publish=rights.publishes_at_once(viewer),
                progress=progress,
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
                problems=result.problems(),
                rows_rejected=len({p.line for p in result.report.problems if p.line})
                if result.report
                else 0,
            )
            result.rejection_id = rejected.id
    return result


def _separator_name(separator: str) -> str:
    return {";": "point-virgule", ",": "virgule", "\t": "tabulation"}.get(separator, separator)
