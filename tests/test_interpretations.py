"""Interpretations on figures: who may do what (a table of cases), storage and its rules on
SQLite and PostgreSQL, hostile text refused with a precise message, the store unchanged."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from sqlalchemy import func, select

from data import audit
from data import interpretations as notes
from data.access import PUBLIC_VIEWER, AccessRefused, Viewer
from data.interpretations import InterpretationRefused
from data.models import Interpretation
from data.store import data_version, transaction

MANAGER = Viewer("charge_de_mission", None, "charge@example.org")
ADMIN = Viewer("administrateur", None, "admin@example.org")
PARIS = Viewer("editeur", "paris", "editeur.paris@example.org")
PARIS_OTHER = Viewer("editeur", "paris", "autre.paris@example.org")
ESSONNE = Viewer("editeur", "essonne", "editeur.essonne@example.org")
NOW = dt.datetime(2012, 11, 5, 9, 30, tzinfo=dt.UTC)
INDICATOR = "paris_sessions_echange"

# (viewer, scope) -> may write
WRITE_CASES = [
    (MANAGER, "paris", True),
    (MANAGER, "programme", True),
    (ADMIN, "essonne", True),
    (PARIS, "paris", True),
    (PARIS, "essonne", False),
    (PARIS, "programme", False),
    (Viewer("editeur", None, "sans.partenaire@example.org"), "paris", False),
    (PUBLIC_VIEWER, "paris", False),
]


@pytest.mark.parametrize(("viewer", "scope", "allowed"), WRITE_CASES)
def test_who_may_write_for_a_scope(viewer, scope, allowed):
    assert notes.can_write(viewer, scope) is allowed


AUTHOR = PARIS.email
# (viewer, scope, author) -> (edit, delete)
CHANGE_CASES = [
    (PARIS, "paris", AUTHOR, (True, True)),
    (PARIS_OTHER, "paris", AUTHOR, (False, False)),
    (MANAGER, "paris", AUTHOR, (False, True)),
    (MANAGER, "paris", MANAGER.email, (True, True)),
    (ESSONNE, "paris", AUTHOR, (False, False)),
    # An account moved to another partner no longer edits what it wrote for the first one.
    (Viewer("editeur", "essonne", AUTHOR), "paris", AUTHOR, (False, False)),
    (PUBLIC_VIEWER, "paris", "public", (False, False)),
]


@pytest.mark.parametrize(("viewer", "scope", "author", "expected"), CHANGE_CASES)
def test_the_author_edits_and_a_manager_deletes_any(viewer, scope, author, expected):
    edit, remove = expected
    assert notes.can_edit(viewer, scope, author) is edit
    assert notes.can_delete(viewer, scope, author) is remove


@pytest.mark.parametrize(
    ("viewer", "allowed"), [(MANAGER, True), (ADMIN, True), (PARIS, False), (PUBLIC_VIEWER, False)]
)
def test_only_managers_moderate(viewer, allowed):
    assert notes.can_moderate(viewer) is allowed


@pytest.mark.parametrize(
    ("viewer", "visibility", "status"),
    [
        (MANAGER, "public", "publie"),
        (MANAGER, "interne", "publie"),
        (PARIS, "interne", "publie"),
        (PARIS, "public", "en_attente"),
    ],
)
def test_a_partner_editors_public_text_waits_for_approval(viewer, visibility, status):
    assert notes.initial_status(viewer, visibility) == status


# (viewer, scope, visibility, status, author) -> reads
READ_CASES = [
    (PUBLIC_VIEWER, "paris", "public", "publie", AUTHOR, True),
    (PUBLIC_VIEWER, "paris", "public", "en_attente", AUTHOR, False),
    (PUBLIC_VIEWER, "paris", "interne", "publie", AUTHOR, False),
    (PUBLIC_VIEWER, "paris", "public", "masque", AUTHOR, False),
    (PARIS_OTHER, "paris", "interne", "publie", AUTHOR, True),
    (PARIS_OTHER, "paris", "public", "en_attente", AUTHOR, True),
    (PARIS_OTHER, "paris", "public", "masque", AUTHOR, False),
    (PARIS, "paris", "public", "masque", AUTHOR, False),  # its author neither
    (ESSONNE, "paris", "interne", "publie", AUTHOR, False),
    (ESSONNE, "paris", "public", "en_attente", AUTHOR, False),
    (ESSONNE, "paris", "public", "publie", AUTHOR, True),
    (PARIS, "programme", "interne", "publie", MANAGER.email, False),
    (MANAGER, "paris", "interne", "masque", AUTHOR, True),
    (ADMIN, "essonne", "public", "en_attente", ESSONNE.email, True),
]


@pytest.mark.parametrize(("viewer", "scope", "visibility", "status", "author", "reads"), READ_CASES)
def test_who_reads_what(viewer, scope, visibility, status, author, reads):
    assert notes.can_read(viewer, scope, visibility, status, author) is reads


HOSTILE_TITLES = [
    ("", "Indiquez un titre"),
    ("x" * 121, "121 caractères : 120 au plus"),
    ("<script>alert(1)</script>", "balise HTML"),
    ('=HYPERLINK("http://x")', "ne peut pas commencer par « = »"),
    ("@SUM(A1)", "ne peut pas commencer par « @ »"),
    ("Grève\u202e", "U+202E"),
    (12, "Indiquez un titre"),
]


@pytest.mark.parametrize(("title", "message"), HOSTILE_TITLES)
def test_hostile_titles_are_refused_with_a_precise_message(title, message):
    with pytest.raises(InterpretationRefused, match=re.escape(message)):
        notes.clean_title(title)


HOSTILE_BODIES = [
    ("x" * 4001, "4001 caractères : 4000 au plus"),
    ("Voir <img src=x onerror=alert(1)>", "balise HTML"),
    ("<!-- caché -->", "balise HTML"),
    ("[clic](javascript:alert(1))", "« javascript: » n'est pas accepté"),
    ("[clic](data:text/html,xx)", "n'est pas accepté"),
    ("=1+2", "ne peut pas commencer par « = »"),
]


@pytest.mark.parametrize(("body", "message"), HOSTILE_BODIES)
def test_hostile_texts_are_refused_with_a_precise_message(body, message):
    with pytest.raises(InterpretationRefused, match=message):
        notes.clean_body(body)


def test_light_formatting_and_lists_are_accepted():
    text = "Une **grève** en mars.\n\n- voir [le communiqué](https://example.org/a)\n- fin"
    assert notes.clean_body(text) == text


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (None, None, "Indiquez la date"),
        ("2012-13-01", None, "n'est pas une date"),
        ("2012-05-01", "2012-04-01", "La date de fin précède la date de début : 01/04/2012"),
        ("1999-12-31", None, "hors des années 2000 à 2100"),
    ],
)
def test_bad_dates_are_refused(start, end, message):
    with pytest.raises(InterpretationRefused, match=message):
        notes.clean_dates(start, end)


def test_one_day_range_is_a_date():
    assert notes.clean_dates("2012-05-03", "2012-05-03") == (dt.date(2012, 5, 3), None)


def _count(engine) -> int:
    with engine.connect() as connection:
        return connection.scalar(select(func.count()).select_from(Interpretation))


def test_a_manager_writes_and_everyone_allowed_reads(engine):
    with engine.connect() as connection:
        before = data_version(connection)
    with transaction(engine) as session:
        public_id = notes.create(
            session,
            MANAGER,
            indicator_code=INDICATOR,
            scope="paris",
            start="2012-03-01",
            end="2012-03-31",
            title="Grève des transports",
            body="Les sessions de mars ont été **annulées**.",
            visibility="public",
            now=NOW,
        )
        internal_id = notes.create(
            session,
            MANAGER,
            indicator_code=INDICATOR,
            scope="paris",
            start="2012-06-12",
            title="Nouvel animateur",
            visibility="interne",
            now=NOW,
        )
        notes.reply(session, PARIS, public_id, "Merci, c'est exact.", NOW)
    with engine.connect() as connection:
        assert data_version(connection) != before  # cached pages see the change
        public = notes.visible_notes(connection, PUBLIC_VIEWER, [INDICATOR])
        paris = notes.visible_notes(connection, PARIS_OTHER, [INDICATOR], ["paris"])
        essonne = notes.visible_notes(connection, ESSONNE, [INDICATOR])
    assert [n.id for n in public] == [public_id]
    assert public[0].end_date == dt.date(2012, 3, 31) and public[0].status == "publie"
    # The editor's public reply waits for approval: the public does not see it yet.
    assert public[0].replies == ()
    assert [n.id for n in paris] == [public_id, internal_id]
    assert [r.body for r in paris[0].replies] == ["Merci, c'est exact."]
    assert paris[0].replies[0].status == "en_attente"
    assert [n.id for n in essonne] == [public_id]
    # Every write is in the audit trail, in its own transaction, with who and which gesture.
    with engine.connect() as connection:
        trail = audit.events(connection, action=audit.INTERPRETATION, page_size=None)
    assert sorted((e.actor, e.detail["geste"]) for e in trail) == [
        (MANAGER.email, "creation"),
        (MANAGER.email, "creation"),
        (PARIS.email, "reponse"),
    ]
    created = {e.subject for e in trail if e.detail["geste"] == "creation"}
    assert created == {f"interprétation n° {public_id}", f"interprétation n° {internal_id}"}


def _editor_public_note(engine) -> int:
    with transaction(engine) as session:
        return notes.create(
            session,
            PARIS,
            indicator_code=INDICATOR,
            scope="paris",
            start=dt.date(2012, 4, 2),
            title="Retard de saisie",
            body="Les chiffres d'avril arrivent en mai.",
            visibility="public",
            now=NOW,
        )


def test_an_editors_public_text_is_shown_once_approved_and_hidden_by_moderation(engine):
    note_id = _editor_public_note(engine)
    with engine.connect() as connection:
        assert notes.visible_notes(connection, PUBLIC_VIEWER) == []
    with pytest.raises(AccessRefused), transaction(engine) as session:
        notes.set_status(session, PARIS, note_id, "publie")
    with transaction(engine) as session:
        notes.set_status(session, MANAGER, note_id, "publie")
    with engine.connect() as connection:
        assert [n.title for n in notes.visible_notes(connection, PUBLIC_VIEWER)] == [
            "Retard de saisie"
        ]
    # Edited by its author, it waits for approval again.
    with transaction(engine) as session:
        notes.edit(session, PARIS, note_id, title="Retard de saisie (avril)", now=NOW)
    with engine.connect() as connection:
        assert notes.visible_notes(connection, PUBLIC_VIEWER) == []
        (mine,) = notes.visible_notes(connection, PARIS)
    assert mine.title == "Retard de saisie (avril)" and mine.edited_at is not None
    with transaction(engine) as session:
        notes.set_status(session, MANAGER, note_id, "masque")
    with engine.connect() as connection:
        assert notes.visible_notes(connection, PARIS_OTHER) == []
        assert [n.status for n in notes.visible_notes(connection, MANAGER)] == ["masque"]


def test_forbidden_and_bad_writes_leave_the_store_unchanged(engine):
    note_id = _editor_public_note(engine)
    with engine.connect() as connection:
        before = data_version(connection)
    attempts = [
        (AccessRefused, lambda s: notes.edit(s, PARIS_OTHER, note_id, title="Pris", now=NOW)),
        (AccessRefused, lambda s: notes.delete(s, ESSONNE, note_id)),
        (AccessRefused, lambda s: notes.reply(s, ESSONNE, note_id, "Bonjour", NOW)),
        (AccessRefused, lambda s: notes.set_status(s, PUBLIC_VIEWER, note_id, "masque")),
        (
            AccessRefused,
            lambda s: notes.create(
                s,
                ESSONNE,
                indicator_code=INDICATOR,
                scope="paris",
                start="2012-01-01",
                title="Intrus",
                now=NOW,
            ),
        ),
        (
            InterpretationRefused,
            lambda s: notes.create(
                s,
                MANAGER,
                indicator_code=INDICATOR,
                scope="essonne",
                start="2012-01-01",
                title="Mauvais partenaire",
                now=NOW,
            ),
        ),
        (
            InterpretationRefused,
            lambda s: notes.create(
                s,
                MANAGER,
                indicator_code="inconnu",
                scope="paris",
                start="2012-01-01",
                title="Inconnu",
                now=NOW,
            ),
        ),
        (InterpretationRefused, lambda s: notes.edit(s, PARIS, note_id, body="<b>x</b>", now=NOW)),
        (InterpretationRefused, lambda s: notes.delete(s, MANAGER, 999_999)),
        (InterpretationRefused, lambda s: notes.delete(s, MANAGER, "1")),
        (InterpretationRefused, lambda s: notes.set_status(s, MANAGER, note_id, "supprime")),
    ]
    for error, attempt in attempts:
        with pytest.raises(error), transaction(engine) as session:
            attempt(session)
    with engine.connect() as connection:
        assert data_version(connection) == before
        (kept,) = notes.visible_notes(connection, MANAGER)
    assert kept.title == "Retard de saisie" and kept.body == "Les chiffres d'avril arrivent en mai."


def test_deleting_an_interpretation_takes_its_replies(engine):
    note_id = _editor_public_note(engine)
    with transaction(engine) as session:
        notes.reply(session, MANAGER, note_id, "Vu.", NOW)
        notes.reply(session, PARIS, note_id, "Merci.", NOW)
    assert _count(engine) == 3
    with transaction(engine) as session:
        notes.delete(session, PARIS, note_id)
    assert _count(engine) == 0


def test_a_reply_to_a_reply_answers_the_first_text(engine):
    note_id = _editor_public_note(engine)
    with transaction(engine) as session:
        first = notes.reply(session, MANAGER, note_id, "Vu.", NOW)
        second = notes.reply(session, PARIS, first, "Merci.", NOW)
        assert session.get(Interpretation, second).parent_id == note_id


def test_the_migration_upgrades_a_store_with_data_without_loss(store_url):
    """A store at the schema before interpretations, holding its reference data, targets and
    observations (written as that schema had them), gains the interpretations table; nothing it
    held changes."""
    from alembic import command
    from sqlalchemy import text

    from data.reference_loading import load_reference
    from data.store import alembic_config, current_revision, head_revision, make_engine, upgrade

    held = {
        "observation": "SELECT id, indicator_code, period_start, value, published FROM "
        "observation ORDER BY id",
        "target": "SELECT id, indicator_code, partner_id, value FROM target ORDER BY id",
        "partner": "SELECT id, slug FROM partner ORDER BY id",
    }

    def contents(engine) -> dict:
        with engine.connect() as connection:
            return {
                name: [tuple(r) for r in connection.execute(text(q))] for name, q in held.items()
            }

    engine = make_engine(store_url)
    try:
        command.upgrade(alembic_config(engine), "0008")
        with transaction(engine) as session:
            load_reference(session)
        with engine.begin() as connection:
            partner = connection.scalar(text("SELECT id FROM partner WHERE slug = 'paris'"))
            for month, value in ((3, 4.0), (4, 6.0)):
                connection.execute(
                    text(
                        "INSERT INTO observation (indicator_code, partner_id, period_start, "
                        "period_end, territory_code, profile, channel, age_band, value, "
                        "published) VALUES (:code, :partner, :start, :end, '', '', '', '', "
                        ":value, :published)"
                    ),
                    {
                        "code": INDICATOR,
                        "partner": partner,
                        "start": dt.date(2012, month, 1),
                        "end": dt.date(2012, month, 28),
                        "value": value,
                        "published": True,
                    },
                )
        before = contents(engine)
        assert before["observation"] and before["target"]
        upgrade(engine)
        assert current_revision(engine) == head_revision()
        assert contents(engine) == before
        assert _count(engine) == 0
        with transaction(engine) as session:
            notes.create(
                session,
                MANAGER,
                indicator_code=INDICATOR,
                scope="paris",
                start="2012-05-01",
                title="Après la mise à jour",
                now=NOW,
            )
        assert _count(engine) == 1
    finally:
        engine.dispose()
