"""The demonstration's events and outcomes: meetings, workshops and sessions with their
attendance, the practices and outcomes each partner reports, and the colloquium's milestones.

A part of the demonstration generator (`data.demo`) of its own: it makes few rows, by hand-written
calendars, where the observations are made from series (`data.demo_series`).
"""

from __future__ import annotations

import datetime as dt

from data.demo_series import AS_OF, D
from data.models import Event, EventAttendance, Outcome
from data.reference import COLLOQUIUM_DATE
from data.reference_territories import PARIS_ARRONDISSEMENTS, SEINE_SAINT_DENIS_COMMUNES


class DemoEvents:
    """The generator's events and outcomes; needs `session`, `ids` and `rng` from the generator."""

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
