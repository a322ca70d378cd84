"""Benchmark stores: generated once per (backend, size) and kept, so that re-runs start at once.

SQLite stores live under bench-results/stores/ (git-ignored); PostgreSQL ones are databases named
democratic_bench_<size>. A marker in store_info records the size, the seed and a fingerprint of
the generator's code: when the generator changes, the store is generated again.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url

from dashboard.settings import PROJECT_ROOT
from data import demo, rollup
from data.models import StoreInfo
from data.store import make_engine, transaction, upgrade

RESULTS_DIR = PROJECT_ROOT / "bench-results"
STORES_DIR = RESULTS_DIR / "stores"
MARKER_KEY = "benchmark_store"
POSTGRES_ADMIN_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@dataclass(frozen=True)
class BenchStore:
    backend: str
    size: int
    url: str
    generated_seconds: float | None  # None: reused from an earlier run
    observations: int


def generator_fingerprint() -> str:
    """A hash of the code that writes a demonstration store: the generator (`data/demo*.py`) and
    the reference data it writes (`data/reference*.py`), so a change to either regenerates."""
    digest = hashlib.sha256()
    data = PROJECT_ROOT / "data"
    for path in sorted([*data.glob("demo*.py"), *data.glob("reference*.py")]):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def store_url(backend: str, size: int, folder: Path = STORES_DIR) -> str:
    if backend == "sqlite":
        return f"sqlite:///{folder / f'demo-{size}.sqlite3'}"
    if backend == "postgresql":
        return (
            make_url(POSTGRES_ADMIN_URL)
            .set(database=f"democratic_bench_{size}")
            .render_as_string(hide_password=False)
        )
    raise ValueError(f"base inconnue : {backend} (attendu : sqlite ou postgresql)")


def _create_postgres_database(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            exists = connection.scalar(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": name}
            )
            if not exists:
                connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()


def ensure_store(
    backend: str, size: int, seed: int = demo.DEFAULT_SEED, folder: Path = STORES_DIR, log=print
) -> BenchStore:
    """A store of about `size` observations, reused when an identical one already exists."""
    url = store_url(backend, size, folder)
    if backend == "postgresql":
        _create_postgres_database(url)
    engine = make_engine(url)
    try:
        upgrade(engine)
        marker = f"{size}:{seed}:{generator_fingerprint()}"
        with engine.connect() as connection:
            current = connection.scalar(select(StoreInfo.value).where(StoreInfo.key == MARKER_KEY))
        elapsed = None
        if current != marker:
            log(f"  génération d'un stockage {backend} de {size:,} observations…".replace(",", " "))
            started = time.perf_counter()
            summary = demo.generate(engine, observations=size, seed=seed, reset_first=True)
            with transaction(engine) as session:
                session.merge(StoreInfo(key=MARKER_KEY, value=marker))
            elapsed = time.perf_counter() - started
            log(f"  {summary.observations} observations en {elapsed:.1f} s")
            if backend == "postgresql":
                # Fresh statistics, as a maintained production database has.
                with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("VACUUM ANALYZE"))
        # A reused store may predate a schema upgrade: its summary rows are rebuilt if stale.
        rollup.refresh_if_stale(engine)
        with engine.connect() as connection:
            observations = connection.scalar(text("SELECT count(*) FROM observation"))
    finally:
        engine.dispose()
    return BenchStore(backend, size, url, elapsed, int(observations))
