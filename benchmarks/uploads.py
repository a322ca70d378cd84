"""Peak memory and time to check and to load big uploads, on SQLite and PostgreSQL.

    python -m benchmarks.uploads [--rows 100000 1000000] [--postgres postgresql://…/base]

For each size, a CSV of observations (as French Excel writes it) is generated; then the real
`democratic import` runs in a child process, once with --dry-run (check only) and once for real
(check and load), on a fresh store of each backend. The child's peak resident memory is read from
`resource.getrusage(RUSAGE_CHILDREN)` (one child at a time, so the maximum is that child's).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, text

from data.importing.catalog import load_catalog
from data.reference import PROGRAMME_END, PROGRAMME_START

DEFAULT_ROWS = (100_000, 1_000_000)
HEADER = ["indicateur", "début", "fin", "territoire", "valeur"]


def observation_rows(engine: Engine, count: int) -> Iterator[list[str]]:
    """`count` valid observation rows, each with its own natural key: one per period, indicator
    and territory of its partner (and without territory), values as French Excel writes them."""
    with engine.connect() as connection:
        catalog = load_catalog(connection)
    combos = []
    for code, info in sorted(catalog.indicator_info.items()):
        combos.append((code, ""))
        if "territoire" in info.breakdowns:
            combos += [
                (code, territory)
                for territory, partner in sorted(catalog.territory_partner.items())
                if partner in (None, info.partner)
            ]
    days = [PROGRAMME_START + dt.timedelta(days=d) for d in range(366)]
    made = 0
    # Periods of one day, then of two days, three…: as many distinct keys as needed.
    for length in range(40):
        for day in days:
            end = day + dt.timedelta(days=length)
            if end > PROGRAMME_END:
                continue
            start_text, end_text = day.strftime("%d/%m/%Y"), end.strftime("%d/%m/%Y")
            for index, (code, territory) in enumerate(combos):
                if made >= count:
                    return
                yield [code, start_text, end_text, territory, f"{(made * 7 + index) % 1000},5"]
                made += 1
    if made < count:
        raise ValueError(f"only {made} distinct keys available, {count} asked")


def write_csv(engine: Engine, path: Path, count: int) -> int:
    """Write the file in Windows-1252 with `;` and CRLF, as French Excel does; return its size."""
    with open(path, "w", encoding="cp1252", newline="") as handle:
        handle.write(";".join(HEADER) + "\r\n")
        for row in observation_rows(engine, count):
            handle.write(";".join(row) + "\r\n")
    return path.stat().st_size


def _run_child(database_url: str, source: Path, dry_run: bool) -> tuple[float, float, int]:
    """(seconds, peak MiB of the child, exit code) of one `democratic import`."""
    env = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "dashboard.cli", "import", str(source), "--user", "bench"]
    if dry_run:
        command.append("--dry-run")
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    if done.returncode:
        sys.stderr.write(done.stderr[-2000:])
    return seconds, peak_kib / 1024, done.returncode


def _fresh_store(url: str | None, workdir: Path, name: str) -> str:
    """A new empty store at the current schema with the reference data; its URL."""
    if url is None:
        database_url = f"sqlite:///{workdir / name}.sqlite3"
    else:
        admin = create_engine(url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        database_url = url.rsplit("/", 1)[0] + f"/{name}"
    env = {**os.environ, "DATABASE_URL": database_url}
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "init-db"],
        env=env,
        check=True,
        capture_output=True,
    )
    return database_url


def _drop_store(url: str | None, name: str) -> None:
    if url is None:
        return  # the SQLite file goes with the temporary folder
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=list(DEFAULT_ROWS))
    parser.add_argument(
        "--postgres",
        default=os.environ.get("BENCH_POSTGRES_URL", ""),
        help="URL of a PostgreSQL database whose server may create scratch databases",
    )
    args = parser.parse_args(argv)
    backends = [("SQLite", None)] + ([("PostgreSQL", args.postgres)] if args.postgres else [])
    print("| rows | file | backend | check: time | check: peak RSS | load: time | load: peak RSS |")
    print("|---:|---:|---|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as workdir:
        work = Path(workdir)
        for count in args.rows:
            source = work / f"observations-{count}.csv"
            size = None
            for label, url in backends:
                name = f"bench_uploads_{count}_{label.lower()}"
                database_url = _fresh_store(url, work, name)
                if size is None:
                    engine = create_engine(database_url)
                    size = write_csv(engine, source, count)
                    engine.dispose()
                # Separate processes (getrusage's maximum is over all children so far, so each
                # measure runs in its own grandchild through a fresh interpreter).
                check = _measure(database_url, source, dry_run=True)
                load = _measure(database_url, source, dry_run=False)
                _drop_store(url, name)
                print(
                    f"| {count:,} | {size / 1048576:.1f} MiB | {label} | "
                    f"{check[0]:.1f} s | {check[1]:.0f} MiB | {load[0]:.1f} s | {load[1]:.0f} MiB |"
                    + ("" if not (check[2] or load[2]) else " (failed)"),
                    flush=True,
                )
    return 0


def _measure(database_url: str, source: Path, dry_run: bool) -> tuple[float, float, int]:
    """Run one import in a fresh interpreter that reports its own child's figures."""
    code = (
        "import sys; from pathlib import Path; from benchmarks.uploads import _run_child; "
        f"print(*_run_child({database_url!r}, Path({str(source)!r}), {dry_run!r}))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    seconds, peak, status = done.stdout.split()
    return float(seconds), float(peak), int(status)


if __name__ == "__main__":
    sys.exit(main())
