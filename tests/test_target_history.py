"""Target revisions: every revision kept, the target in force at each date, refusals in French,
and the audit trail written in the same transaction as the change; on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from data import audit, queries, target_history
from data.headlines import headline_figures
from data.models import AuditEvent, Target, TargetRevision
from data.store import transaction
from data.target_history import RevisionRefused
from layouts import charts
from layouts.target_history import revision_sentence, revisions_note

CODE, PARTNER = "paris_coordinateurs_rencontres", "paris"
YEAR = (dt.date(2012, 1, 1), dt.date(2012, 12, 31))


def revise(engine, value="30", reason="Nouveaux quartiers", effective=dt.date(2012, 6, 12), **kw):
    with transaction(engine) as session:
        target_history.revise(
            session,
            actor=kw.pop("actor", "cm@example.org"),
            indicator_code=CODE,
            partner_slug=PARTNER,
            value=value,
            period_start=kw.pop("start", YEAR[0]),
            period_end=kw.pop("end", YEAR[1]),
            effective_from=effective,
            reason=reason,
        )


def chain(engine) -> list[target_history.Revision]:
    with engine.connect() as connection:
        return [r for r in target_history.history(connection, PARTNER) if r.indicator_code == CODE]


def audit_count(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(AuditEvent))


def test_reference_targets_start_as_revision_one(engine):
    with engine.connect() as connection:
        targets = connection.scalar(select(func.count()).select_from(Target))
        firsts = [r for r in target_history.history(connection) if r.revision == 1]
    assert targets > 0 and len(firsts) == targets
    assert all(r.effective_from is None and r.previous_value is None for r in firsts)
    (first,) = chain(engine)
    assert (first.revision, first.value, first.effective_from) == (1, 20, None)


def test_the_first_revision_stores_revision_one_before_its_own(engine):
    revise(engine, "30", effective=dt.date(2012, 6, 12))
    with engine.connect() as connection:
        stored = connection.execute(
            select(TargetRevision.revision, TargetRevision.value).order_by(TargetRevision.revision)
        ).all()
    assert [tuple(row) for row in stored] == [(1, 20), (2, 30)]


def test_every_revision_is_kept_and_the_target_takes_the_latest(engine):
    revise(engine, "30", effective=dt.date(2012, 6, 12))
    revise(engine, "25,5", reason="Budget réduit", effective=dt.date(2012, 9, 1))
    revisions = chain(engine)
    assert [(r.revision, r.value, r.previous_value) for r in revisions] == [
        (1, 20, None),
        (2, 30, 20),
        (3, 25.5, 30),
    ]
    assert revisions[2].reason == "Budget réduit" and revisions[2].revised_by == "cm@example.org"
    with engine.connect() as connection:
        (current,) = [
            t for t in queries.targets(connection, PARTNER) if t["indicator_code"] == CODE
        ]
    assert current["value"] == 25.5


def test_the_target_in_force_follows_the_date(engine):
    revise(engine, "30", effective=dt.date(2012, 6, 12))
    revisions = chain(engine)
    assert target_history.in_force(revisions, dt.date(2012, 6, 11)).value == 20
    assert target_history.in_force(revisions, dt.date(2012, 6, 12)).value == 30
    start, end = YEAR
    target = {"indicator_code": CODE, "partner_slug": PARTNER, "value": 30}
    targets = [{**target, "period_start": start, "period_end": end}]
    in_march = target_history.targets_in_force(targets, revisions, dt.date(2012, 3, 31))
    assert in_march[0]["value"] == 20


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"value": "trente"}, "« trente » n'est pas un nombre"),
        ({"value": "-3"}, "positif ou nul"),
        ({"start": dt.date(2010, 1, 1)}, "hors de la période du programme"),
        ({"effective": dt.date(2014, 2, 1)}, "hors de la période du programme"),
        ({"reason": "   "}, "La raison de la révision est obligatoire"),
    ],
)
def test_a_bad_revision_is_refused_in_french_and_writes_nothing(engine, changes, message):
    with pytest.raises(RevisionRefused, match=message):
        revise(engine, **changes)
    assert [r.revision for r in chain(engine)] == [1]
    assert audit_count(engine) == 0


def test_a_revision_is_on_the_audit_trail(engine):
    revise(engine, "30", actor="cm@example.org")
    with engine.connect() as connection:
        (event,) = audit.events(connection, action=audit.TARGET_REVISION)
    assert event.actor == "cm@example.org"
    assert event.subject == f"objectif {CODE} / {PARTNER}"
    assert (event.detail["avant"], event.detail["apres"]) == (20, 30)
    assert event.detail["raison"] == "Nouveaux quartiers"
    assert event.occurred_at.tzinfo is not None and str(event.occurred_at.tzinfo) == "Europe/Paris"


def test_a_failed_change_leaves_no_audit_row(engine):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction(engine) as session:
        target_history.revise(
            session,
            actor="cm@example.org",
            indicator_code=CODE,
            partner_slug=PARTNER,
            value=30,
            period_start=YEAR[0],
            period_end=YEAR[1],
            effective_from=dt.date(2012, 6, 12),
            reason="essai",
        )
        raise Boom
    assert audit_count(engine) == 0
    assert [r.revision for r in chain(engine)] == [1]


def test_statuses_use_the_target_in_force_at_the_date_of_evaluation(demo_engine):
    revise(demo_engine, "2000", reason="Tout le département", effective=dt.date(2012, 6, 12))
    with demo_engine.connect() as connection:

        def figure(as_of):
            figures = headline_figures(connection, PARTNER, *YEAR, queries.aggregate, as_of=as_of)
            return next(f for f in figures if f.indicator_code == CODE)

        before, after = figure(dt.date(2012, 6, 1)), figure(dt.date(2012, 9, 30))
    assert (before.full_target, after.full_target) == (20, 2000)
    assert after.value < 2000 and after.is_late
    assert before.status != after.status


def test_the_chart_draws_the_target_in_force_as_steps(engine):
    revise(engine, "30", effective=dt.date(2012, 6, 12))
    revisions = chain(engine)
    steps = target_history.steps(revisions, *YEAR)
    assert steps == [(YEAR[0], 20), (dt.date(2012, 6, 12), 30)]
    assert target_history.steps(revisions, dt.date(2012, 1, 1), dt.date(2012, 3, 31)) == [
        (YEAR[0], 20)
    ]
    rows = [{"period": dt.date(2012, m, 1), "value": 2 * m} for m in range(1, 13)]
    figure = charts.time_series(
        rows, lang="fr", colour="#000", value_label="v", kind="line", target=30,
        target_label="Objectif : 30", target_steps=steps,
    )  # fmt: skip
    levels = [(s["x0"], s["x1"], s["y0"], s["y1"]) for s in figure["layout"]["shapes"]]
    assert levels == [
        ("2012-01-01", "2012-06-12", 20, 20),
        ("2012-06-12", "2012-06-12", 20, 30),
        ("2012-06-12", "2012-12-01", 30, 30),
    ]
    single = charts.time_series(rows, lang="fr", colour="#000", value_label="v", target=20)
    assert [s["xref"] for s in single["layout"]["shapes"]] == ["paper"]


def test_a_revision_reads_as_a_sentence_in_both_languages(engine):
    revise(engine, "30", reason="deux quartiers de plus", effective=dt.date(2012, 6, 12))
    revise(engine, "25", reason="budget réduit", effective=dt.date(2012, 9, 1))
    _first, raised, lowered = chain(engine)
    assert revision_sentence(raised, "fr") == (
        "Objectif relevé de 20 à 30 le 12 juin 2012 : deux quartiers de plus."
    )
    assert revision_sentence(raised, "en") == (
        "Target raised from 20 to 30 on 12 June 2012: deux quartiers de plus."
    )
    assert revision_sentence(lowered, "fr").startswith("Objectif abaissé de 30 à 25 le 1er sept")
    note = str(revisions_note([_first, raised, lowered], "fr"))
    assert "Révisions de l'objectif" in note and note.count("Objectif ") == 2
    assert revisions_note([_first], "fr") is None
