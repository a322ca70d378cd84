"""Two loads at the same moment on the same store, then undone in either order: the store ends
exactly as if the same operations had run one after the other, on SQLite and PostgreSQL.

Each concurrent test forces the worst interleaving rather than hoping for it: the first load
pauses inside its transaction, after it has written its rows, until the second load (its own
engine, so its own connection) is waiting on the database; only then does the first commit.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, create_engine, event, select, text

from data.importing.load_review import LoadRefused, undo_load
from data.importing.service import ImportResult, import_file
from data.models import AuditEvent, DataLoad, Observation
from data.reference_loading import load_reference
from data.store import make_engine, transaction, upgrade
from data.write_lock import StoreBusy
from tests.conftest import POSTGRES_ADMIN_URL
from tests.importing_support import MANAGER, csv_bytes, snapshot, xlsx_bytes

# Only a guard against a hung test: nothing is asserted on how long anything takes.
GIVE_UP_SECONDS = 60

HEADER = ["Indicateur", "Début", "Fin", "Territoire", "Valeur"]
MONTHS = {
    "mars": ("01/03/2012", "31/03/2012"),
    "avril": ("01/04/2012", "30/04/2012"),
    "mai": ("01/05/2012", "31/05/2012"),
    "juin": ("01/06/2012", "30/06/2012"),
}


def observations(values: dict[str, int]) -> bytes:
    """A file of Paris's detected practices, one row per month."""
    rows = [HEADER]
    for month, value in values.items():
        start, end = MONTHS[month]
        rows.append(["paris_pratiques_detectees", start, end, "75111", str(value)])
    return csv_bytes(rows)


def events(attendance: dict[str, int]) -> bytes:
    """A file of Essonne workshops: title -> citizens present."""
    rows: list[list[object]] = [
        ["partenaire", "action", "type", "titre", "date", "lieu", "présents citoyens", "Élus"]
    ]
    for title, count in attendance.items():
        rows.append(
            [
                "Essonne",
                "essonne-ateliers-pilote",
                "Atelier",
                title,
                "15/11/2012",
                "Évry",
                str(count),
                "3",
            ]
        )
    return xlsx_bytes(rows)


# (first file, second file): the same natural keys, some shared, none shared; and events.
CASES = {
    "memes-cles": (observations({"mars": 1, "avril": 2}), observations({"mars": 10, "avril": 20})),
    "cles-en-partie-communes": (
        observations({"mars": 1, "avril": 2}),
        observations({"avril": 20, "mai": 30}),
    ),
    "cles-differentes": (observations({"mars": 1}), observations({"mai": 30})),
    "evenements-memes-cles": (events({"Atelier 1": 12}), events({"Atelier 1": 14})),
}


# --- stores


def _prepared(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    with transaction(engine) as session:
        load_reference(session)
    return engine


@pytest.fixture
def twin_url(store_url: str, tmp_path) -> Iterator[str]:
    """A second, independent store on the same backend, for the serial run."""
    if store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'serial.sqlite3'}"
        return
    name = f"democratic_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield admin.url.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def stores(store_url: str, twin_url: str) -> Iterator[tuple[Engine, Engine]]:
    concurrent, serial = _prepared(store_url), _prepared(twin_url)
    yield concurrent, serial
    concurrent.dispose()
    serial.dispose()


def contents(engine: Engine) -> dict[str, list[tuple]]:
    """Every table, with what legitimately differs between two runs blanked: the clock."""
    tables = snapshot(engine)
    with engine.connect() as connection:
        columns = list(connection.execute(select(DataLoad).limit(0)).keys())
    clock = {columns.index("created_at"), columns.index("published_at")}
    message = columns.index("message")
    tables["data_load"] = [
        tuple(
            None
            if i in clock
            else re.sub(r"le \d\d/\d\d/\d{4} à \d\d:\d\d", "le …", v)
            if i == message
            else v
            for i, v in enumerate(row)
        )
        for row in tables["data_load"]
    ]
    with engine.connect() as connection:
        audit_columns = list(connection.execute(select(AuditEvent).limit(0)).keys())
    when = audit_columns.index("occurred_at")
    tables["audit_event"] = [
        tuple(None if i == when else v for i, v in enumerate(row))
        for row in tables.get("audit_event", [])
    ]
    return tables


# --- forcing the interleaving


def waiting_on_the_database(engine: Engine) -> Callable[[], bool]:
    """True once another connection of this store waits for a lock held by the paused load.

    PostgreSQL says so itself; SQLite cannot, so the second engine announces the first statement
    that needs the writer's lock (anything but a read), which then waits for it."""
    if engine.dialect.name == "postgresql":

        def postgres_waits() -> bool:
            with engine.connect() as connection:
                return bool(
                    connection.scalar(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                            "current_database() AND wait_event_type = 'Lock' "
                            "AND pid <> pg_backend_pid()"
                        )
                    )
                )

        return postgres_waits
    announced = threading.Event()

    @event.listens_for(engine, "before_cursor_execute")
    def _announce(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().split(None, 1)[0].upper() not in ("SELECT", "PRAGMA"):
            announced.set()

    return announced.is_set


def run_concurrently(url: str, first: Callable, second: Callable) -> tuple:
    """Run `first(engine, progress)` (a load) and, while it holds its transaction open after
    writing its rows, `second(engine)`; each on its own engine. Their results, in order."""
    engines = [make_engine(url), make_engine(url)]
    second_waits = waiting_on_the_database(engines[1])
    first_wrote = threading.Event()
    results: dict[int, object] = {}
    errors: list[BaseException] = []

    def pause(_rows: int) -> None:
        if first_wrote.is_set():
            return
        first_wrote.set()
        deadline = time.monotonic() + GIVE_UP_SECONDS
        while not second_waits():
            if time.monotonic() > deadline:
                raise AssertionError("the second writer never reached the database")
            time.sleep(0.01)

    def run(index: int, work: Callable) -> None:
        try:
            results[index] = work()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
            first_wrote.set()

    threads = [
        threading.Thread(target=run, args=(0, lambda: first(engines[0], pause))),
        threading.Thread(target=run, args=(1, lambda: second(engines[1]))),
    ]
    threads[0].start()
    assert first_wrote.wait(GIVE_UP_SECONDS)
    threads[1].start()
    for thread in threads:
        thread.join(GIVE_UP_SECONDS)
    for engine in engines:
        engine.dispose()
    if errors:
        raise errors[0]
    return results[0], results[1]


def loading(content: bytes, name: str) -> Callable:
    def load(engine: Engine, progress=None) -> ImportResult:
        result = import_file(engine, content, f"{name}.csv", MANAGER, progress=progress)
        assert result.ok, result.problems()
        return result

    return load


def undo(engine: Engine, load_id: int) -> str | None:
    """Undo a load; the refusal's message if it is refused."""
    try:
        with transaction(engine) as session:
            undo_load(session, load_id, "cm@example.org")
    except LoadRefused as error:
        return str(error)
    return None


# --- the tests


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("order", ["dernier-d-abord", "premier-d-abord"])
def test_concurrent_loads_then_undos_match_a_serial_run(stores, store_url, case, order):
    concurrent, serial = stores
    first, second = CASES[case]
    loads = run_concurrently(store_url, loading(first, "premier"), loading(second, "second"))
    serial_loads = [
        import_file(serial, first, "premier.csv", MANAGER),
        import_file(serial, second, "second.csv", MANAGER),
    ]
    assert [r.load_id for r in loads] == [r.load_id for r in serial_loads]
    assert contents(concurrent) == contents(serial)
    undo_order = [1, 0] if order == "dernier-d-abord" else [0, 1]
    for index in undo_order:
        load_id = loads[index].load_id
        assert undo(concurrent, load_id) == undo(serial, load_id)
        assert contents(concurrent) == contents(serial)
    with concurrent.connect() as connection:
        # Both undone: nothing is left of either load.
        assert connection.scalar(select(Observation.id).limit(1)) is None


def test_a_second_writer_that_cannot_wait_is_told_to_retry(stores, store_url, monkeypatch):
    """Past the bounded wait, the second load is refused in plain French and writes nothing."""
    from data import write_lock

    concurrent, serial = stores
    first, second = CASES["memes-cles"]
    engines = [make_engine(store_url), make_engine(store_url)]
    holding, release = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def hold(_rows: int) -> None:
        holding.set()
        assert release.wait(GIVE_UP_SECONDS)

    def first_load() -> None:
        try:
            import_file(engines[0], first, "premier.csv", MANAGER, progress=hold)
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            errors.append(error)
            holding.set()

    thread = threading.Thread(target=first_load)
    thread.start()
    try:
        assert holding.wait(GIVE_UP_SECONDS)
        monkeypatch.setattr(write_lock, "WAIT_SECONDS", 0.2)
        with pytest.raises(StoreBusy, match="réessayez"):
            import_file(engines[1], second, "second.csv", MANAGER)
    finally:
        release.set()
        thread.join(GIVE_UP_SECONDS)
        for engine in engines:
            engine.dispose()
    assert not errors
    import_file(serial, first, "premier.csv", MANAGER)
    assert contents(concurrent) == contents(serial)


def _content_by_key(engine: Engine) -> dict:
    """Observations and the record of what loads replaced, by natural key and file name (so that
    stores whose load numbers differ compare)."""
    with engine.connect() as connection:
        files = dict(connection.execute(text("SELECT id, file_name FROM data_load")).all())
        rows = connection.execute(
            text(
                "SELECT id, period_start, value, load_id, published FROM observation "
                "ORDER BY period_start"
            )
        ).all()
        replaced = connection.execute(
            text("SELECT load_id, row_id, payload FROM load_replaced_row")
        ).all()
    month = {row.id: str(row.period_start)[:7] for row in rows}
    return {
        "observations": {
            str(r.period_start)[:7]: (r.value, files.get(r.load_id), bool(r.published))
            for r in rows
        },
        "replaced": sorted(
            (
                files[load_id],
                month.get(row_id),
                re.sub(r'"load_id": (\d+)', lambda m: files[int(m[1])], payload),
            )
            for load_id, row_id, payload in replaced
        ),
    }


def test_undoing_an_earlier_load_keeps_what_a_later_load_replaced(stores):
    """A, then B over some of A's rows: undoing A leaves the store as if only B had been loaded
    (B's values stay; what A replaced comes back elsewhere), then undoing B as if neither."""
    store, twin = stores
    base = observations({"mars": 1, "avril": 1})
    earlier = observations({"avril": 2, "mai": 2})
    later = observations({"avril": 40, "juin": 40})
    import_file(store, base, "base.csv", MANAGER)
    a = import_file(store, earlier, "a.csv", MANAGER)
    b = import_file(store, later, "b.csv", MANAGER)
    import_file(twin, base, "base.csv", MANAGER)
    only_base = _content_by_key(twin)
    import_file(twin, later, "b.csv", MANAGER)

    assert undo(store, a.load_id) is None
    assert _content_by_key(store) == _content_by_key(twin)
    assert undo(store, b.load_id) is None
    assert _content_by_key(store) == only_base


def test_undoing_an_undone_load_is_refused_and_changes_nothing(stores):
    store, _ = stores
    a = import_file(store, observations({"mars": 1}), "a.csv", MANAGER)
    assert undo(store, a.load_id) is None
    before = contents(store)
    assert "rien à annuler" in undo(store, a.load_id)
    assert contents(store) == before


@pytest.mark.parametrize("case", ["memes-cles", "cles-en-partie-communes"])
def test_an_undo_during_a_load_matches_a_serial_run(stores, store_url, case):
    """A load of rows an earlier load wrote, and the undo of that earlier load, at once."""
    concurrent, serial = stores
    earlier, later = CASES[case]
    first_id, serial_first_id = (
        import_file(engine, earlier, "premier.csv", MANAGER).load_id for engine in stores
    )
    assert first_id == serial_first_id
    loaded, refused = run_concurrently(
        store_url, loading(later, "second"), lambda engine: undo(engine, first_id)
    )
    assert refused is None
    import_file(serial, later, "second.csv", MANAGER)
    assert undo(serial, first_id) is None
    assert contents(concurrent) == contents(serial)
    # Then the later load undone too: nothing is left of either.
    for engine in stores:
        assert undo(engine, loaded.load_id) is None
    assert contents(concurrent) == contents(serial)
    with concurrent.connect() as connection:
        assert connection.scalar(select(Observation.id).limit(1)) is None


@pytest.mark.postgres
@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_a_command_line_load_in_another_process_waits_for_the_app(stores, store_url, tmp_path):
    """The app's workers and the command line are separate processes: the lock holds across
    them (PostgreSQL shows the command line's connection waiting, then its load comes second)."""
    from tests.test_cli import run

    concurrent, serial = stores
    first, second = CASES["cles-en-partie-communes"]
    path = tmp_path / "second.csv"
    path.write_bytes(second)

    def command_line(_engine):
        return run(["import", str(path), "--user", "cm@example.org"], tmp_path, store_url)

    loaded, finished = run_concurrently(store_url, loading(first, "premier"), command_line)
    assert finished.returncode == 0, finished.stderr
    assert f"Chargement n° {loaded.load_id + 1} :" in finished.stdout
    import_file(serial, first, "premier.csv", MANAGER)
    import_file(serial, second, "second.csv", MANAGER)
    assert contents(concurrent) == contents(serial)
