"""The whole store as a Frictionless data package (one CSV per table and datapackage.json), and
back: importing an export directory into an empty store gives back exactly the same content.

Text columns are written through `data.spreadsheet_safety` (a programme manager opens these
files in a spreadsheet, and partner editors type the text): the marks it adds are recorded in
datapackage.json and taken off exactly on import.

Accounts (`app_user`) are left out on purpose: they hold e-mail addresses and password hashes,
which have no place in a file meant to be shared; a restored store gets its accounts anew.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    Float,
    Integer,
    Table,
    func,
    select,
    text,
)

from data.models import Base, DataLoad, Event, Observation, Outcome
from data.spreadsheet_safety import CONVENTION, csv_text, restored_from_csv
from data.store import (
    StoreError,
    bump_data_version,
    data_version,
    head_revision,
    transaction,
    upgrade,
)

DESCRIPTOR = "datapackage.json"
# Personal data and secrets stay out of an export; so does anything that depends on them.
# (Sessions follow `app_user`; login attempts are keyed hashes of addresses, kept an hour;
# upload_job is background work in progress, not data, and it names who uploaded what.)
EXCLUDED_TABLES = frozenset({"app_user", "login_attempt", "upload_job"})
ETALAB_LICENCE = {
    "name": "etalab-2.0",
    "title": "Licence Ouverte / Open Licence version 2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
}
CHUNK = 10_000
Progress = Callable[[int], None]


def exported_tables() -> list[Table]:
    """Every table of the store in foreign-key order, less the excluded ones and their dependants."""
    excluded = set(EXCLUDED_TABLES)
    tables = []
    for table in Base.metadata.sorted_tables:
        if any(fk.column.table.name in excluded for fk in table.foreign_keys):
            excluded.add(table.name)
            continue
        if table.name not in excluded:
            tables.append(table)
    return tables


def _field_type(column: Column) -> dict:
    kind = column.type
    if isinstance(kind, Boolean):
        return {"type": "boolean", "trueValues": ["true"], "falseValues": ["false"]}
    if isinstance(kind, Integer):
        return {"type": "integer"}
    if isinstance(kind, Float):
        return {"type": "number"}
    if isinstance(kind, DateTime):
        return {"type": "datetime"}
    if isinstance(kind, Date):
        return {"type": "date"}
    field: dict = {"type": "string"}
    if getattr(kind, "enums", None):
        field["constraints"] = {"enum": list(kind.enums)}
    # No maxLength: the marks that keep a text inert in a spreadsheet lengthen it in the CSV
    # (the store's own column lengths still hold once they are taken off on import).
    return field


def _is_text(column: Column) -> bool:
    return _field_type(column)["type"] == "string"


def _schema(table: Table) -> dict:
    fields = []
    for column in table.columns:
        field = {"name": column.name, **_field_type(column)}
        # Text columns that may not be NULL hold "" when empty: not "required" in the CSV sense.
        if not column.nullable and field["type"] != "string":
            field.setdefault("constraints", {})["required"] = True
        if column.comment:
            field["description"] = column.comment
        fields.append(field)
    schema: dict = {
        "fields": fields,
        "missingValues": [""],
        "primaryKey": [c.name for c in table.primary_key.columns],
    }
    foreign = []
    for constraint in sorted(table.foreign_key_constraints, key=lambda c: c.name or ""):
        foreign.append(
            {
                "fields": [c.name for c in constraint.columns],
                "reference": {
                    "resource": constraint.referred_table.name,
                    "fields": [e.column.name for e in constraint.elements],
                },
            }
        )
    if foreign:
        schema["foreignKeys"] = foreign
    return schema


def descriptor(connection: Connection) -> dict:
    licensed = connection.execute(text("SELECT COUNT(*) FROM partner WHERE licence IS NOT NULL"))
    return {
        "profile": "tabular-data-package",
        "name": "democratic-stockage",
        "title": "Tableau de bord democraTIC — export complet du stockage",
        "description": (
            "Toutes les tables du tableau de bord du programme Innovations democraTIC, une par "
            "fichier CSV (UTF-8, virgule, dates ISO 8601). Les données des partenaires sont "
            "publiées sous la Licence Ouverte 2.0 d'Etalab lorsque la colonne « licence » du "
            "fichier partner.csv la mentionne. Les comptes des utilisateurs (adresses, mots de "
            "passe) ne sont pas exportés. Les lignes non publiées (published = false) attendent "
            "l'approbation d'un chargé de mission. " + CONVENTION["description"]
        ),
        "created": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "licenses": [ETALAB_LICENCE] if licensed.scalar() else [],
        "democratic": {
            "schema_version": head_revision(),
            "excluded_tables": sorted(EXCLUDED_TABLES),
            "spreadsheet_safety": CONVENTION,
        },
        "resources": [
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"delimiter": ",", "header": True, "quoteChar": '"'},
                "schema": _schema(table),
            }
            for table in exported_tables()
        ],
    }


# --- writing


def _to_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            raise StoreError(f"valeur non finie dans le stockage : {value}")
        return repr(value)  # repr round-trips every float exactly
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return value.isoformat() + "Z"  # stored in UTC on both backends
    if isinstance(value, dt.date):
        return value.isoformat()
    if hasattr(value, "value"):  # enums
        return str(value.value)
    return str(value)


def _rows(connection: Connection, table: Table) -> Iterator[list]:
    statement = select(table).order_by(*table.primary_key.columns)
    result = connection.execution_options(yield_per=CHUNK).execute(statement)
    for partition in result.partitions():
        yield from partition


def export_store(engine: Engine, directory: Path, progress: Progress | None = None) -> dict:
    """Write every table and the descriptor into `directory`; return the descriptor."""
    directory.mkdir(parents=True, exist_ok=True)
    with engine.connect() as connection:
        package = descriptor(connection)
        for table in exported_tables():
            text_columns = [_is_text(c) for c in table.columns]
            with open(directory / f"{table.name}.csv", "w", encoding="utf-8", newline="") as out:
                # CRLF (RFC 4180, Frictionless' default): the csv module then quotes a text
                # holding a lone CR too, which "\n" left bare and the reader took for a new row.
                writer = csv.writer(out, lineterminator="\r\n")
                writer.writerow([c.name for c in table.columns])
                for row in _rows(connection, table):
                    writer.writerow(
                        [
                            csv_text(_to_text(v)) if text else _to_text(v)
                            for v, text in zip(row, text_columns, strict=True)
                        ]
                    )
                    if progress:
                        progress(1)
    (directory / DESCRIPTOR).write_text(
        json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return package


def export_zip(engine: Engine, target: io.BufferedIOBase | Path, workdir: Path) -> None:
    """The export as one ZIP (for a download)."""
    export_store(engine, workdir)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(workdir.iterdir()):
            archive.write(path, arcname=path.name)


# --- reading back


def _from_text(column: Column, raw: str, marked: bool = False) -> object:
    kind = column.type
    if marked and _is_text(column):
        raw = restored_from_csv(raw)
    if raw == "":
        if column.nullable:
            return None
        if isinstance(kind, Integer | Float | Boolean | Date | DateTime):
            raise ValueError("valeur obligatoire manquante")
        return ""
    if isinstance(kind, Boolean):
        if raw not in ("true", "false"):
            raise ValueError(f"« {raw} » n'est pas true ni false")
        return raw == "true"
    if isinstance(kind, Integer):
        return int(raw)
    if isinstance(kind, Float):
        return float(raw)
    if isinstance(kind, DateTime):
        value = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(kind, Date):
        return dt.date.fromisoformat(raw)
    return raw


def store_is_empty(connection: Connection) -> bool:
    """No facts and no loads (reference data alone, as `init-db` leaves it, counts as empty)."""
    return all(
        not connection.scalar(select(func.count()).select_from(model))
        for model in (Observation, Event, Outcome, DataLoad)
    )


def import_store(engine: Engine, directory: Path, progress: Progress | None = None) -> dict:
    """Load an export directory into an empty store, in one transaction; return rows per table."""
    path = directory / DESCRIPTOR
    if not path.is_file():
        raise StoreError(f"{directory} n'est pas un export du stockage : {DESCRIPTOR} est absent.")
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise StoreError(f"{DESCRIPTOR} est illisible : {error}.") from error
    version = package.get("democratic", {}).get("schema_version")
    if version != head_revision():
        raise StoreError(
            f"Cet export a été fait avec la version de schéma {version!r}, ce logiciel utilise "
            f"la version {head_revision()!r} : importez-le avec la même version du logiciel."
        )
    marked = _spreadsheet_marks(package)
    upgrade(engine)
    tables = {t.name: t for t in exported_tables()}
    names = [r.get("name") for r in package.get("resources", [])]
    unknown = [n for n in names if n not in tables]
    if unknown:
        raise StoreError(f"Tables inconnues dans l'export : {', '.join(map(str, unknown))}.")
    counts: dict[str, int] = {}
    with transaction(engine) as session:
        connection = session.connection()
        version_before = int(data_version(connection))
        if not store_is_empty(connection):
            raise StoreError(
                "Le stockage contient déjà des données (observations, événements, résultats ou "
                "chargements) : importez un export dans un stockage vide."
            )
        ordered = [t for t in exported_tables() if t.name in names]
        kept: dict[str, set[tuple]] = {}
        for table in ordered:
            if connection.scalar(select(func.count()).select_from(table)):
                # Reference data written by init-db (accounts may point at it): updated in place.
                kept[table.name] = set()
                counts[table.name] = 0
                for batch in _batches(table, directory, marked):
                    counts[table.name] += _sync(connection, table, batch, kept[table.name])
            else:
                counts[table.name] = 0
                for batch in _batches(table, directory, marked):
                    connection.execute(table.insert(), batch)
                    counts[table.name] += len(batch)
                    if progress:
                        progress(len(batch))
        for table in reversed(ordered):
            if table.name in kept:
                _delete_others(connection, table, kept[table.name])
        _reset_sequences(connection, ordered)
        # The export's own version is restored as is (exact round trip), unless caches of this
        # store could hold that number already: then it moves past them.
        while int(data_version(connection)) <= version_before:
            bump_data_version(session)
            session.flush()
    return counts


def _spreadsheet_marks(package: dict) -> bool:
    """Whether the export's text carries the marks of `data.spreadsheet_safety` (exports made
    before them carry none, and are read as they are)."""
    convention = package.get("democratic", {}).get("spreadsheet_safety")
    if convention is None:
        return False
    known = {k: CONVENTION[k] for k in ("version", "mark")}
    if not isinstance(convention, dict) or {k: convention.get(k) for k in known} != known:
        raise StoreError(
            f"{DESCRIPTOR} annonce une protection des textes contre les formules que ce logiciel "
            f"ne connaît pas ({convention!r}) : importez-le avec la version du logiciel qui l'a "
            "fait."
        )
    return True


def _key(table: Table, row) -> tuple:
    return tuple(row[c.name] for c in table.primary_key.columns)


def _sync(connection: Connection, table: Table, batch: list[dict], kept: set[tuple]) -> int:
    existing = {tuple(r) for r in connection.execute(select(*table.primary_key.columns))}
    key_columns = list(table.primary_key.columns)
    for row in batch:
        key = _key(table, row)
        kept.add(key)
        if key in existing:
            condition = [c == v for c, v in zip(key_columns, key, strict=True)]
            connection.execute(table.update().where(*condition).values(**row))
        else:
            connection.execute(table.insert().values(**row))
    return len(batch)


def _delete_others(connection: Connection, table: Table, kept: set[tuple]) -> None:
    key_columns = list(table.primary_key.columns)
    for key in [tuple(r) for r in connection.execute(select(*key_columns))]:
        if key not in kept:
            condition = [c == v for c, v in zip(key_columns, key, strict=True)]
            connection.execute(table.delete().where(*condition))


def _batches(table: Table, directory: Path, marked: bool) -> Iterator[list[dict]]:
    path = directory / f"{table.name}.csv"
    if not path.is_file():
        raise StoreError(f"Le fichier {path.name} annoncé par {DESCRIPTOR} est absent.")
    columns = {c.name: c for c in table.columns}
    with open(path, encoding="utf-8", newline="") as source:
        reader = csv.reader(source)
        header = next(reader, None) or []
        # A column with a default may be absent (an export made before it was added).
        missing = [
            name
            for name, c in columns.items()
            if name not in header and not c.nullable and c.server_default is None
        ]
        if missing:
            raise StoreError(f"{path.name} : colonnes absentes : {', '.join(missing)}.")
        known = [(i, columns[name]) for i, name in enumerate(header) if name in columns]
        batch: list[dict] = []
        for number, record in enumerate(reader, start=2):
            try:
                batch.append({c.name: _from_text(c, record[i], marked) for i, c in known})
            except (ValueError, IndexError) as error:
                raise StoreError(f"{path.name}, ligne {number} : {error}.") from error
            if len(batch) >= CHUNK:
                yield batch
                batch = []
        if batch:
            yield batch


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    """PostgreSQL's id sequences must continue after the ids that were inserted explicitly."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        key = list(table.primary_key.columns)
        if len(key) != 1 or not isinstance(key[0].type, Integer) or not key[0].autoincrement:
            continue
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', '{key[0].name}'), "
                f"COALESCE((SELECT MAX({key[0].name}) FROM {table.name}), 0) + 1, false)"
            )
        )
