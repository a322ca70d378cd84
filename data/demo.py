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
from data.reference import COLLOQUIUM_DATE
from data.reference_indicators import INDICATORS, IndicatorSpec
from data.reference_loading import load_reference
from data.reference_territories import (
    OTHER_TERRITORIES,
    PARIS_ARRONDISSEMENTS,
    SEINE_SAINT_DENIS_COMMUNES,
    TERRITORIES,
)
from data.store import bump_data_version, transaction

DEFAULT_SEED = 2012
# The demonstration is seen from the eve of the colloquium: data up to the end of November 2012.
AS_OF = dt.date(2012, 11, 30)
DEMO_LOAD_NAME = "Données de démonstration"
DEMO_AUTHOR = "générateur de démonstration"
INSERT_CHUNK = 20_000

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Series:
    """How one indicator's demonstration values are made."""

    total: float  # annual total (SUM) or final value (LATEST, DISTINCT)
    start: dt.date
    end: dt.date
    # Breakdown values used for this series (subset of the indicator's breakdowns).
    channels: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    profiles: dict[str, float] | None = None  # profile -> share (or absolute, for LATEST)
    by_territory: bool = False
    # Fraction of the partner's territories where activity took place.
    territory_share: float = 1.0
    # By the partner's territories at another level (data/reference_territories.py's OTHER_TERRITORIES).
    by_canton: bool = False


S = Series
D = dt.date
SERIES: dict[str, Series] = {
    "paris_coordinateurs_rencontres": S(23, D(2012, 1, 16), D(2012, 6, 29), by_territory=True),
    "paris_pratiques_detectees": S(26, D(2012, 1, 16), D(2012, 6, 29), by_territory=True),
    "paris_sessions_echange": S(9, D(2012, 4, 2), AS_OF, by_territory=True, territory_share=0.4),
    "paris_conseillers_participants": S(
        214, D(2012, 4, 2), AS_OF, by_territory=True, channels=("presentiel", "distanciel")
    ),
    "paris_dispositifs_hybrides": S(
        8, D(2012, 3, 1), AS_OF, by_territory=True, territory_share=0.35
    ),
    "paris_participants_hybrides": S(
        1240,
        D(2012, 3, 1),
        AS_OF,
        by_territory=True,
        territory_share=0.35,
        channels=("presentiel", "distanciel"),
    ),
    "paris_part_conseils_touches": S(43.0, D(2012, 1, 16), AS_OF),
    "paris_contributions_upca": S(5, D(2012, 5, 1), AS_OF),
    "ssd_clameurs_publiees": S(
        1380,
        D(2012, 2, 1),
        AS_OF,
        by_territory=True,
        channels=("mobile", "web"),
        ages=("15-17", "18-20", "21-25"),
    ),
    "ssd_jeunes_contributeurs": S(
        412,
        D(2012, 2, 1),
        AS_OF,
        by_territory=True,
        territory_share=0.6,
        ages=("15-17", "18-20", "21-25"),
    ),
    "ssd_actions_promues": S(19, D(2012, 2, 1), AS_OF),
    "ssd_portee_actions": S(18_500, D(2012, 2, 1), AS_OF, channels=("mobile", "web")),
    "ssd_sessions_buzz": S(6, D(2012, 3, 5), D(2012, 6, 22)),
    "ssd_jeunes_formes": S(64, D(2012, 3, 5), D(2012, 6, 22), ages=("15-17", "18-20", "21-25")),
    "essonne_ateliers_tenus": S(2, D(2012, 3, 22), D(2012, 6, 14)),
    "essonne_membres_groupe_pilote": S(
        29, D(2012, 3, 22), AS_OF, profiles={"citoyen": 12, "association": 6, "elu": 4, "agent": 7}
    ),
    "essonne_propositions": S(17, D(2012, 3, 22), D(2012, 6, 14)),
    "essonne_propositions_retenues": S(5, D(2012, 9, 1), D(2012, 9, 30)),
    # The inventory went canton by canton (the cantonal councils): data by canton.
    "essonne_pratiques_inventoriees": S(
        47, D(2012, 1, 9), D(2012, 5, 31), by_territory=True, territory_share=0.75, by_canton=True
    ),
    "essonne_acteurs_mis_en_relation": S(14, D(2012, 4, 1), AS_OF),
    "colloque_jalons_realises": S(6, D(2012, 4, 2), AS_OF),
    "colloque_partenaires_associes": S(3, D(2012, 4, 2), AS_OF),
    "colloque_inscriptions": S(
        212,
        D(2012, 9, 17),
        AS_OF,
        profiles={
            "elu": 0.18,
            "agent": 0.34,
            "association": 0.2,
            "citoyen": 0.16,
            "porteur_projet": 0.12,
        },
    ),
    # Val-de-Marne: implementation still being defined, so no data at all (never shown as zero).
    # Colloquium attendance: the colloquium has not taken place yet on AS_OF.
}


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


class _Generator:
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

    # --- events and outcomes
    def events_and_outcomes(self, load_id: int) -> tuple[int, int]:
        pid, aid = self.ids.partners, self.ids.actions
        events: list[Event] = []
        paris = [code for code, _n, _p in PARIS_ARRONDISSEMENTS]

        def add(
            partner,
            action,
            kind,
            title,
            date,
            channel="presentiel",
            territory="",
            place="",
            attendance=None,
            outcomes="",
        ):
            event = Event(
                partner_id=pid[partner],
                action_id=aid[action],
                kind=kind,
                title=title,
                event_date=date,
                place=place,
                territory_code=territory,
                channel=channel,
                outcomes=outcomes,
                load_id=load_id,
                published=True,
            )
            event.attendance = [
                EventAttendance(profile=p, count=c) for p, c in (attendance or {}).items()
            ]
            events.append(event)

        for i, day in enumerate(self._dates(D(2012, 1, 16), D(2012, 6, 29), 23)):
            arr = paris[i % len(paris)]
            add(
                "paris",
                "paris-rencontres-coordinateurs",
                "entretien",
                f"Entretien avec la coordination des conseils de quartier ({int(arr[-2:])}e)",
                day,
                territory=arr,
                place=f"Mairie du {int(arr[-2:])}e arrondissement",
                attendance={"agent": int(self.rng.integers(1, 3))},
            )
        for i, day in enumerate(self._dates(D(2012, 4, 2), AS_OF, 9)):
            arr = paris[(i * 7) % len(paris)]
            add(
                "paris",
                "paris-echanges-savoirs",
                "echange_savoirs",
                f"Échange de savoirs n° {i + 1}",
                day,
                channel="hybride",
                territory=arr,
                place=f"Maison des associations du {int(arr[-2:])}e",
                attendance={"conseiller_quartier": int(self.rng.integers(14, 34))},
            )
        for i, day in enumerate(self._dates(D(2012, 3, 1), AS_OF, 8)):
            arr = paris[(i * 3 + 5) % len(paris)]
            add(
                "paris",
                "paris-dispositifs-hybrides",
                "reunion_hybride",
                f"Conseil de quartier hybride n° {i + 1}",
                day,
                channel="hybride",
                territory=arr,
                attendance={
                    "citoyen": int(self.rng.integers(60, 140)),
                    "conseiller_quartier": int(self.rng.integers(8, 20)),
                },
            )
        communes = [code for code, _n, _p in SEINE_SAINT_DENIS_COMMUNES]
        for i, day in enumerate(self._dates(D(2012, 3, 5), D(2012, 6, 22), 6)):
            add(
                "seine-saint-denis",
                "ssd-formation-buzz",
                "formation",
                f"Formation « buzz » n° {i + 1}",
                day,
                territory=communes[(i * 5) % len(communes)],
                place="Forum des Jeunes",
                attendance={"jeune": int(self.rng.integers(9, 13))},
            )
        add(
            "essonne",
            "essonne-ateliers-pilote",
            "atelier",
            "Atelier 1 : diagnostic de la participation",
            D(2012, 3, 22),
            territory="91228",
            place="Hôtel du Département, Évry",
            attendance={"citoyen": 12, "association": 6, "elu": 3, "agent": 7},
            outcomes="9 propositions formulées par le groupe pilote.",
        )
        add(
            "essonne",
            "essonne-ateliers-pilote",
            "atelier",
            "Atelier 2 : prototypes de conseils cantonaux",
            D(2012, 6, 14),
            territory="91228",
            place="Hôtel du Département, Évry",
            attendance={"citoyen": 11, "association": 6, "elu": 4, "agent": 7},
            outcomes="8 propositions ; 5 retenues en septembre pour la phase pilote.",
        )
        for i, day in enumerate(self._dates(D(2012, 4, 10), AS_OF, 8)):
            add(
                "programme",
                "programme-colloque",
                "comite_preparation",
                f"Comité de préparation du colloque n° {i + 1}",
                day,
                channel="hybride",
                place="Paris",
                attendance={"agent": int(self.rng.integers(6, 12))},
            )
        add(
            "programme",
            "programme-colloque",
            "colloque",
            "Colloque Innovations democraTIC",
            COLLOQUIUM_DATE,
            place="Paris",
            outcomes="",
        )
        self.session.add_all(events)

        outcomes = [
            *self._practices_paris(load_id),
            *self._essonne_outcomes(load_id),
            *self._colloquium_milestones(load_id),
        ]
        self.session.add_all(outcomes)
        self.session.flush()
        return len(events), len(outcomes)

    def _dates(self, start: dt.date, end: dt.date, n: int) -> list[dt.date]:
        """n working days spread over [start, end], deterministic."""
        span = (end - start).days
        days = []
        for i in range(n):
            day = start + dt.timedelta(days=round(span * (i + 0.5) / n))
            while day.weekday() >= 5:
                day -= dt.timedelta(days=1)
            days.append(day)
        return days

    def _practices_paris(self, load_id: int) -> list[Outcome]:
        titles = [
            ("Compte rendu collaboratif en ligne des séances", "outil_collaboratif"),
            ("Diffusion en direct des conseils de quartier", "diffusion"),
            ("Questionnaire en ligne avant chaque séance", "consultation"),
            ("Carte participative des projets de quartier", "cartographie"),
            ("Liste de diffusion par SMS des habitants", "information"),
            ("Budget participatif de quartier voté en ligne", "consultation"),
            ("Atelier d'initiation numérique pour conseillers", "formation"),
            ("Forum en ligne entre deux séances", "outil_collaboratif"),
        ]
        return [
            Outcome(
                partner_id=self.ids.partners["paris"],
                action_id=self.ids.actions["paris-rencontres-coordinateurs"],
                kind="pratique",
                title=title,
                practice_type=kind,
                status="detectee",
                outcome_date=day,
                load_id=load_id,
                published=True,
            )
            for (title, kind), day in zip(
                titles, self._dates(D(2012, 1, 20), D(2012, 6, 25), len(titles)), strict=True
            )
        ]

    def _essonne_outcomes(self, load_id: int) -> list[Outcome]:
        pid, aid = self.ids.partners["essonne"], self.ids.actions
        proposals = [
            "Ordre du jour des conseils cantonaux ouvert aux contributions en ligne",
            "Retransmission vidéo des conseils cantonaux",
            "Carte interactive des projets cantonaux",
            "Questions citoyennes posées en séance par SMS",
            "Compte rendu illustré publié sous huit jours",
            "Plateforme de pétitions locales",
            "Permanences numériques dans les médiathèques",
            "Tirage au sort de citoyens associés",
            "Budget participatif cantonal",
            "Atelier de formation des élus aux outils numériques",
            "Observatoire des engagements des élus",
            "Réunions décentralisées avec participation à distance",
            "Espace de dialogue en ligne modéré",
            "Kit de communication pour les associations",
            "Agenda partagé des instances participatives",
            "Baromètre annuel de la participation",
            "Restitution publique des suites données aux avis",
        ]
        retained = {0, 1, 3, 11, 16}
        discarded = {5, 7, 10}
        outcomes = []
        for i, title in enumerate(proposals):
            status = "retenue" if i in retained else "ecartee" if i in discarded else "proposee"
            outcomes.append(
                Outcome(
                    partner_id=pid,
                    action_id=aid["essonne-ateliers-pilote"],
                    kind="proposition",
                    title=title,
                    status=status,
                    outcome_date=D(2012, 3, 22) if i < 9 else D(2012, 6, 14),
                    load_id=load_id,
                    published=True,
                )
            )
        practice_types = [
            "consultation",
            "information",
            "cartographie",
            "outil_collaboratif",
            "diffusion",
        ]
        for i in range(12):
            outcomes.append(
                Outcome(
                    partner_id=pid,
                    action_id=aid["essonne-etat-des-lieux"],
                    kind="pratique",
                    title=f"Pratique recensée n° {i + 1:02d} ({practice_types[i % 5].replace('_', ' ')})",
                    practice_type=practice_types[i % 5],
                    status="inventoriee",
                    outcome_date=D(2012, 1, 9) + dt.timedelta(days=11 * i),
                    load_id=load_id,
                    published=True,
                )
            )
        outcomes.append(
            Outcome(
                partner_id=pid,
                action_id=aid["essonne-ateliers-pilote"],
                kind="jalon",
                title="Lancement de la phase pilote",
                status="atteint",
                outcome_date=D(2012, 10, 15),
                description="Les cinq propositions retenues sont expérimentées dans deux cantons.",
                load_id=load_id,
                published=True,
            )
        )
        return outcomes

    def _colloquium_milestones(self, load_id: int) -> list[Outcome]:
        steps = [
            ("Cadrage du colloque avec les partenaires", D(2012, 4, 10), "atteint"),
            ("Choix du format « colloque/conférence »", D(2012, 5, 15), "atteint"),
            ("Programme et thèmes des tables rondes", D(2012, 6, 26), "atteint"),
            ("Réservation du lieu", D(2012, 7, 10), "atteint"),
            ("Intervenants confirmés", D(2012, 9, 14), "atteint"),
            ("Ouverture des inscriptions", D(2012, 9, 17), "atteint"),
            ("Supports de restitution par partenaire", D(2012, 11, 30), "a_venir"),
            ("Tenue du colloque", COLLOQUIUM_DATE, "a_venir"),
        ]
        return [
            Outcome(
                partner_id=self.ids.partners["programme"],
                action_id=self.ids.actions["programme-colloque"],
                kind="jalon",
                title=title,
                status=status,
                outcome_date=day,
                load_id=load_id,
                published=True,
            )
            for title, day, status in steps
        ]

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
