"""A deterministic demonstration dataset: a plausible 2012 for the four partners and the colloquium.

Same seed, same data. The base dataset follows the seed's calendar; `observations=N` spreads the
additive series over days and breakdowns until the store holds about N observations, keeping every
total of the base dataset unchanged (so figures are comparable whatever the volume).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, delete, func, insert, select
from sqlalchemy.orm import Session

from data.demo_events import DemoEvents
from data.demo_series import AS_OF, SERIES, Series
from data.models import (
    Aggregation,
    DataLoad,
    DimensionValue,
    Event,
    EventAttendance,
    LoadStatus,
    Observation,
    Outcome,
    StoreInfo,
)
from data.months import month_spans
from data.reference_indicators import INDICATORS, IndicatorSpec
from data.reference_loading import load_reference
from data.reference_territories import (
    OTHER_TERRITORIES,
    TERRITORIES,
)
from data.store import bump_data_version, transaction

DEFAULT_SEED = 2012
DEMO_LOAD_NAME = "Données de démonstration"
DEMO_AUTHOR = "générateur de démonstration"
INSERT_CHUNK = 20_000

Progress = Callable[[int], None]


@dataclass
class DemoSummary:
    observations: int
    events: int
    outcomes: int


def split_integer(total: int, weights: np.ndarray) -> np.ndarray:
    """Split an integer total in proportion to weights, exactly (largest remainder)."""
    weights = np.asarray(weights, dtype=float)
    if total <= 0 or weights.sum() <= 0:
        return np.zeros(len(weights), dtype=int)
    raw = total * weights / weights.sum()
    parts = np.floor(raw).astype(int)
    remainder = total - parts.sum()
    if remainder:
        parts[np.argsort(-(raw - parts), kind="stable")[:remainder]] += 1
    return parts


class _Generator(DemoEvents):
    def __init__(self, session: Session, seed: int):
        self.session = session
        self.rng = np.random.default_rng(seed)
        self.ids = load_reference(session)
        self.indicators = {spec.code: spec for spec in INDICATORS}
        self.territories = {
            slug: [(code, pop) for code, _name, pop in places]
            for slug, (_level, places) in TERRITORIES.items()
        }
        self.cantons = {
            slug: [(code, pop) for code, _name, pop in places]
            for slug, (_level, places) in OTHER_TERRITORIES.items()
        }

    # --- observations
    def base_observations(self, load_id: int) -> list[dict]:
        rows: list[dict] = []
        for code, series in SERIES.items():
            spec = self.indicators[code]
            if spec.aggregation in (Aggregation.LATEST, Aggregation.DISTINCT):
                rows.extend(self._cumulative_rows(spec, series, load_id))
            else:
                rows.extend(self._additive_rows(spec, series, load_id))
        return rows

    def _cells(self, spec: IndicatorSpec, series: Series) -> tuple[list[dict], np.ndarray]:
        """The breakdown cells of a series, with a weight each."""
        cells: list[dict] = [{}]
        weights = np.ones(1)
        if series.by_territory:
            places = (self.cantons if series.by_canton else self.territories)[spec.partner]
            keep = max(1, round(len(places) * series.territory_share))
            chosen = sorted(self.rng.choice(len(places), size=keep, replace=False))
            pops = np.array([places[i][1] for i in chosen], dtype=float)
            cells = [{"territory_code": places[i][0]} for i in chosen]
            weights = pops * self.rng.uniform(0.6, 1.4, size=len(pops))
        for key, values, spread in (
            ("channel", series.channels, 0.5),
            ("age_band", series.ages, 0.4),
        ):
            if values:
                shares = self.rng.dirichlet(np.full(len(values), 1 / spread))
                cells = [{**cell, key: v} for cell in cells for v in values]
                weights = np.array([w * s for w in weights for s in shares])
        if series.profiles:
            shares = np.array(list(series.profiles.values()), dtype=float)
            cells = [{**cell, "profile": p} for cell in cells for p in series.profiles]
            weights = np.array([w * s for w in weights for s in shares])
        return cells, weights

    def _row(self, spec, start, end, cell, value, load_id) -> dict:
        return {
            "indicator_code": spec.code,
            "partner_id": self.ids.partners[spec.partner],
            "action_id": self.ids.actions.get(spec.action) if spec.action else None,
            "period_start": start,
            "period_end": end,
            "territory_code": cell.get("territory_code", ""),
            "profile": cell.get("profile", ""),
            "channel": cell.get("channel", ""),
            "age_band": cell.get("age_band", ""),
            "value": float(value),
            "load_id": load_id,
            "published": True,
        }

    def _additive_rows(self, spec, series: Series, load_id: int) -> Iterator[dict]:
        months = month_spans(series.start, series.end)
        # Activity ramps up then settles: a noisy, slightly rising monthly profile.
        month_weights = np.linspace(0.8, 1.2, len(months)) * self.rng.uniform(0.6, 1.4, len(months))
        monthly = split_integer(int(series.total), month_weights)
        cells, weights = self._cells(spec, series)
        for (start, end), month_total in zip(months, monthly, strict=True):
            for cell, value in zip(cells, split_integer(int(month_total), weights), strict=True):
                if value:
                    yield self._row(spec, start, end, cell, value, load_id)

    def _cumulative_rows(self, spec, series: Series, load_id: int) -> Iterator[dict]:
        months = month_spans(series.start, series.end)
        growth = np.cumsum(self.rng.uniform(0.5, 1.5, len(months)))
        growth /= growth[-1]
        cells, weights = self._cells(spec, series)
        if series.profiles and spec.aggregation == Aggregation.LATEST:
            finals = np.array(list(series.profiles.values()), dtype=float)
            finals = np.repeat(finals[None, :], len(cells) // len(finals), axis=0).ravel()
        elif float(series.total).is_integer():
            finals = split_integer(int(series.total), weights).astype(float)
        else:
            finals = np.array([series.total])  # a share, not split
        for (start, end), g in zip(months, growth, strict=True):
            for cell, final in zip(cells, finals, strict=True):
                value = round(final * g, 1) if not float(final).is_integer() else round(final * g)
                yield self._row(spec, start, end, cell, value, load_id)

    # --- scaling up
    def detail_rows(self, base: list[dict], target: int) -> Iterator[list[dict]]:
        """Spread additive base rows over days and breakdowns, keeping every total.

        Yields chunks of rows; the base rows of additive indicators are replaced by these.
        """
        additive = [
            r for r in base if self.indicators[r["indicator_code"]].aggregation == Aggregation.SUM
        ]
        fixed = len(base) - len(additive)
        dims = self._dimension_codes()
        spreads = [self._spread_space(row, dims) for row in additive]
        spaces = np.array([int(np.prod(sizes)) for _free, sizes in spreads])
        # Beyond every day x breakdown cell (about 4.5 million rows), rows also cover periods of
        # 1..n days starting that day: more distinct rows, the same totals by period start.
        lengths = max(1, -(-(target - fixed) // max(int(spaces.sum()), 1)))
        if lengths > 1:
            spreads = [(free, [*sizes, lengths]) for free, sizes in spreads]
            spaces = spaces * lengths
        factor = _factor_for(spaces, target - fixed)
        chunk: list[dict] = []
        for row, (free, sizes), space in zip(additive, spreads, spaces, strict=True):
            k = min(space, factor)
            picks = self.rng.choice(space, size=k, replace=False) if k < space else np.arange(space)
            values = self.rng.multinomial(int(row["value"]), np.full(k, 1 / k))
            for index, value in zip(picks, values, strict=True):
                day, *rest = np.unravel_index(index, sizes)
                length = int(rest.pop()) if lengths > 1 else 0
                date = row["period_start"] + dt.timedelta(days=int(day))
                cell = {
                    key: options[int(i)]
                    for (key, options), i in zip(free.items(), rest, strict=True)
                }
                chunk.append(
                    {
                        **row,
                        **cell,
                        "period_start": date,
                        "period_end": date + dt.timedelta(days=length),
                        "value": float(value),
                    }
                )
                if len(chunk) >= INSERT_CHUNK:
                    yield chunk
                    chunk = []
        if chunk:
            yield chunk

    def _spread_space(self, row: dict, dims: dict[str, list[str]]) -> tuple[dict, list[int]]:
        """The sub-cells a base row may be spread over: its days, and every breakdown it leaves open."""
        spec = self.indicators[row["indicator_code"]]
        places = [c for c, _p in self.territories.get(spec.partner, [])] or [""]
        options = {
            "territory_code": places,
            "channel": dims["canal"],
            "age_band": dims["tranche_age"],
            "profile": dims["profil"],
        }
        free = {key: [row[key]] if row[key] else values for key, values in options.items()}
        days = (row["period_end"] - row["period_start"]).days + 1
        return free, [days, *(len(v) for v in free.values())]

    def _dimension_codes(self) -> dict[str, list[str]]:
        codes: dict[str, list[str]] = {}
        for dimension, code in self.session.execute(
            select(DimensionValue.dimension, DimensionValue.code).order_by(
                DimensionValue.sort_order
            )
        ):
            codes.setdefault(dimension, []).append(code)
        return codes


def _factor_for(spaces: np.ndarray, wanted: int) -> int:
    """The number of sub-rows per base row so that sum(min(space, factor)) is about `wanted`."""
    low, high = 1, int(spaces.max(initial=1))
    while low < high:
        middle = (low + high) // 2
        if np.minimum(spaces, middle).sum() < wanted:
            low = middle + 1
        else:
            high = middle
    return low


def is_demo_store(session: Session) -> bool:
    return session.get(StoreInfo, "demonstration") is not None


def has_data(engine: Engine) -> bool:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Observation)) > 0


def reset(session: Session) -> None:
    """Remove every fact (observations, events, outcomes, loads); reference data stays."""
    for model in (EventAttendance, Outcome, Event, Observation, DataLoad):
        session.execute(delete(model))
    session.execute(
        delete(StoreInfo).where(StoreInfo.key.in_(["demonstration", "demonstration_as_of"]))
    )


def generate(
    engine: Engine,
    observations: int | None = None,
    seed: int = DEFAULT_SEED,
    reset_first: bool = False,
    progress: Progress | None = None,
) -> DemoSummary:
    """Fill the store with demonstration data, in one transaction."""
    with transaction(engine) as session:
        if reset_first:
            reset(session)
        elif session.scalar(select(func.count()).select_from(Observation)):
            raise ValueError(
                "Le stockage contient déjà des observations : utilisez --reset pour les remplacer."
            )
        generator = _Generator(session, seed)
        load = DataLoad(
            created_by=DEMO_AUTHOR,
            kind="demonstration",
            file_name=DEMO_LOAD_NAME,
            status=LoadStatus.ACCEPTED,
            published=True,
            published_by=DEMO_AUTHOR,
            published_at=dt.datetime.now(dt.UTC),
        )
        session.add(load)
        session.flush()
        base = generator.base_observations(load.id)
        if observations and observations > len(base):
            kept = [
                r
                for r in base
                if generator.indicators[r["indicator_code"]].aggregation != Aggregation.SUM
            ]
            chunks: Iterable[list[dict]] = [kept, *generator.detail_rows(base, observations)]
        else:
            chunks = [base[i : i + INSERT_CHUNK] for i in range(0, len(base), INSERT_CHUNK)]
        count = 0
        connection = session.connection()
        write = _copy_rows if connection.dialect.driver == "psycopg" else _insert_rows
        for chunk in chunks:
            if chunk:
                write(connection, chunk)
                count += len(chunk)
                if progress:
                    progress(len(chunk))
        n_events, n_outcomes = generator.events_and_outcomes(load.id)
        load.rows_accepted = count + n_events + n_outcomes
        load.message = "Jeu de données de démonstration (fictif)."
        session.merge(StoreInfo(key="demonstration", value="true"))
        session.merge(StoreInfo(key="demonstration_as_of", value=AS_OF.isoformat()))
        bump_data_version(session)
        return DemoSummary(observations=count, events=n_events, outcomes=n_outcomes)


COPY_COLUMNS = (
    "indicator_code",
    "partner_id",
    "action_id",
    "period_start",
    "period_end",
    "territory_code",
    "profile",
    "channel",
    "age_band",
    "value",
    "load_id",
    "published",
)


def _insert_rows(connection, rows: list[dict]) -> None:
    connection.execute(insert(Observation), rows)


def _copy_rows(connection, rows: list[dict]) -> None:
    """PostgreSQL's COPY: several times faster than INSERT for the millions of rows of a
    benchmark store; same rows, same order (ids follow it)."""
    cursor = connection.connection.driver_connection.cursor()
    columns = ", ".join(COPY_COLUMNS)
    with cursor.copy(f"COPY observation ({columns}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in COPY_COLUMNS])
