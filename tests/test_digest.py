"""Scheduled digests, for real: messages received by a local SMTP server (aiosmtpd) and read
back, the schedule in Paris time, each digest sent exactly once by two senders at the same time
(SQLite and PostgreSQL), failures recorded and retried a bounded number of times, the
unsubscribe link without an account, and the command line."""

from __future__ import annotations

import datetime as dt
import email
import html
import io
import re
import socket
import threading
from dataclasses import replace
from email import policy

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine, select, update

from dashboard.settings import Settings
from data import digest
from data.models import DigestSend, DigestSubscription
from data.store import session_factory, transaction

PARIS = digest.PARIS
# Sunday 6 December 2026, 10:00 in Paris: November's monthly digest and week 48's are due.
NOW = dt.datetime(2026, 12, 6, 9, 0, tzinfo=dt.UTC)
LONG_AGO = dt.datetime(2026, 10, 1, tzinfo=dt.UTC)


def paris(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=PARIS)


# --- the schedule


@pytest.mark.parametrize(
    ("frequency", "now", "key", "due"),
    [
        # Monthly: the 1st at 8:00 in Paris, for the month just ended.
        (digest.MONTHLY, paris(2026, 12, 1, 8, 0), "2026-11", paris(2026, 12, 1, 8, 0)),
        (digest.MONTHLY, paris(2026, 12, 1, 7, 59), "2026-10", paris(2026, 11, 1, 8, 0)),
        (digest.MONTHLY, paris(2026, 1, 15, 12, 0), "2025-12", paris(2026, 1, 1, 8, 0)),
        # In summer time, 8:00 in Paris is 6:00 UTC (and 7:00 UTC in winter).
        (
            digest.MONTHLY,
            dt.datetime(2026, 7, 1, 6, 0, tzinfo=dt.UTC),
            "2026-06",
            paris(2026, 7, 1, 8, 0),
        ),
        (
            digest.MONTHLY,
            dt.datetime(2026, 7, 1, 5, 59, tzinfo=dt.UTC),
            "2026-05",
            paris(2026, 6, 1, 8, 0),
        ),
        # Weekly: Monday 8:00 in Paris, for the ISO week just ended.
        (digest.WEEKLY, paris(2026, 11, 30, 8, 0), "2026-W48", paris(2026, 11, 30, 8, 0)),
        (digest.WEEKLY, paris(2026, 11, 30, 7, 0), "2026-W47", paris(2026, 11, 23, 8, 0)),
        (digest.WEEKLY, paris(2026, 12, 6, 23, 0), "2026-W48", paris(2026, 11, 30, 8, 0)),
        # The Monday after the change to summer time (29 March 2026) keeps 8:00 in Paris.
        (digest.WEEKLY, paris(2026, 4, 1, 12, 0), "2026-W13", paris(2026, 3, 30, 8, 0)),
        (digest.WEEKLY, paris(2027, 1, 4, 9, 0), "2026-W53", paris(2027, 1, 4, 8, 0)),
    ],
)
def test_a_digest_is_due_at_8_in_paris_for_the_period_just_ended(frequency, now, key, due):
    found_key, found_due = digest.due_period(frequency, now)
    assert found_key == key
    assert found_due == due
    assert found_due.utcoffset() == due.utcoffset()


def test_no_digest_due_before_the_subscription_was_made():
    made = digest.Subscription(1, "a@b.fr", "paris", "fr", digest.MONTHLY, "k" * 40, NOW)
    assert digest.is_due(made, NOW) is None
    assert digest.is_due(made, paris(2027, 1, 1, 8, 0)) == ("2026-12", paris(2027, 1, 1, 8, 0))


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("", "Indiquez l'adresse"),
        ("pas une adresse", "n'est pas une adresse électronique valide"),
        ("a@b.fr, c@d.fr", "n'est pas une adresse électronique valide"),
        ("a@b.fr\r\nBcc: x@y.fr", "n'est pas une adresse électronique valide"),
        ("a@localhost", "n'est pas une adresse électronique valide"),
        ("x" * 250 + "@b.fr", "n'est pas une adresse électronique valide"),
    ],
)
def test_a_bad_address_is_refused_with_the_reason(address, reason):
    with pytest.raises(digest.DigestRefused, match=reason):
        digest.normalise_email(address)


def test_subscriptions_are_checked_and_not_doubled(engine):
    with transaction(engine) as session:
        digest.subscribe(session, "Elu@Mairie.FR", "paris", "fr", "mensuel", "x", NOW)
        with pytest.raises(digest.DigestRefused, match="reçoit déjà"):
            digest.subscribe(session, "Elu@mairie.fr", "paris", "en", "mensuel", "x", NOW)
        for scope, lang, frequency, reason in [
            ("nulle-part", "fr", "mensuel", "partenaire ou le programme"),
            ("paris", "de", "mensuel", "langue"),
            ("paris", "fr", "quotidien", "fréquence"),
        ]:
            with pytest.raises(digest.DigestRefused, match=reason):
                digest.subscribe(session, "a@b.fr", scope, lang, frequency, "x", NOW)
    with session_factory(engine)() as session:
        (only,) = digest.active_subscriptions(session)
    assert only.email == "Elu@mairie.fr"


# --- a real SMTP server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """aiosmtpd on a local port: every message it accepts, parsed; `refuse` failures first."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages: list[email.message.EmailMessage] = []
        self.refuse = 0
        self.lock = threading.Lock()
        inbox = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
                with inbox.lock:
                    if inbox.refuse > 0:
                        inbox.refuse -= 1
                        return "451 Service momentanément indisponible"
                    parsed = email.message_from_bytes(envelope.content, policy=policy.default)
                    inbox.messages.append(parsed)
                return "250 OK"

        self.port = free_port()
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)

    def __enter__(self) -> Inbox:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


@pytest.fixture
def inbox():
    with Inbox() as running:
        yield running


def mail_settings(database_url: str, tmp_path, inbox: Inbox) -> Settings:
    return Settings(
        database_url=database_url,
        instance_path=tmp_path / "instance",
        smtp_host="127.0.0.1",
        smtp_port=inbox.port,
        mail_from="tableau@democratic.example",
        public_url="https://tableau.democratic.example",
    )


def subscribe_long_ago(engine, *subscriptions) -> None:
    with transaction(engine) as session:
        for address, scope, lang, frequency in subscriptions:
            digest.subscribe(session, address, scope, lang, frequency, "test", LONG_AGO)


@pytest.fixture
def mail_app(sqlite_demo_engine, tmp_path, inbox):
    from dashboard.app import create_app

    url = sqlite_demo_engine.url.render_as_string(hide_password=False)
    return create_app(mail_settings(url, tmp_path, inbox))


def _engine(app):
    return app.server.extensions["democratic"].engine


def test_a_partners_digest_has_its_sentence_and_figures_in_the_body(mail_app, inbox):
    from dashboard.digest_mail import send_due

    subscribe_long_ago(_engine(mail_app), ("elu@ssd.example", "seine-saint-denis", "fr", "mensuel"))
    report = send_due(mail_app, now=NOW, with_pdf=False)
    assert report.sent == ["elu@ssd.example seine-saint-denis 2026-11"]
    (message,) = inbox.to("elu@ssd.example")
    assert message["Subject"] == (
        "Conseil général de la Seine-Saint-Denis — lettre mensuelle (novembre 2026)"
    )
    assert message["From"] == "tableau@democratic.example"
    text = message.get_body(("plain",)).get_content()
    page = html.unescape(message.get_body(("html",)).get_content())
    for body in (text, page):
        # The public page's sentence and key figures (youth counts rounded to 5).
        assert "410 jeunes ont publié 1\u202f380 clameurs en 2012." in body
        assert "Période : en 2012 · Données au 30 novembre 2012" in body
        assert "Jeunes ayant publié au moins une clameur" in body
        assert "https://tableau.democratic.example/partenaires/seine-saint-denis" in body
        assert "6 déc. 2026 à 10:00 (heure de Paris)" in body
    assert "- Clameurs publiées : 1\u202f380 clameurs — Statut : Dans les temps" in text
    # The unsubscribe link works without an account, and mail clients get it as a header.
    link = re.search(r"https://tableau\.democratic\.example(/desabonnement/[\w-]+)", text).group(1)
    assert message["List-Unsubscribe"] == f"<https://tableau.democratic.example{link}>"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    client = mail_app.server.test_client()
    opened = client.get(link)
    assert opened.status_code == 200 and "Me désabonner" in opened.get_data(as_text=True)
    with session_factory(_engine(mail_app))() as session:
        assert len(digest.active_subscriptions(session)) == 1  # opening the link changes nothing
    done = client.post(link)
    assert "ne recevra plus cette lettre" in done.get_data(as_text=True)
    with session_factory(_engine(mail_app))() as session:
        assert digest.active_subscriptions(session) == []
    assert "déjà désabonné" in client.get(link).get_data(as_text=True)
    assert client.get("/desabonnement/" + "x" * 43).status_code == 404
    # The month is done: the next run sends nothing more.
    assert send_due(mail_app, now=NOW + dt.timedelta(days=3), with_pdf=False).sent == []


def test_the_programmes_digest_in_english_covers_every_partner(mail_app, inbox):
    from dashboard.digest_mail import send_due

    subscribe_long_ago(_engine(mail_app), ("mayor@example.org", "programme", "en", "hebdomadaire"))
    assert send_due(mail_app, now=NOW, with_pdf=False).sent == [
        "mayor@example.org programme 2026-W48"
    ]
    (message,) = inbox.to("mayor@example.org")
    assert message["Subject"].endswith(
        "weekly digest (week of 23 November 2026 to 29 November 2026)"
    )
    text = message.get_body(("plain",)).get_content()
    for name in ("CITY OF PARIS", "SEINE-SAINT-DENIS", "VAL-DE-MARNE", "ESSONNE"):
        assert name in text
    assert "410 young people published 1,380 clameurs in 2012." in text
    assert "(Paris time)" in text


def test_failures_are_recorded_and_retried_a_bounded_number_of_times(mail_app, inbox):
    from dashboard.digest_mail import send_due

    engine = _engine(mail_app)
    subscribe_long_ago(engine, ("a@ville.example", "essonne", "fr", "mensuel"))
    inbox.refuse = 1
    first = send_due(mail_app, now=NOW, with_pdf=False)
    assert first.failed and not first.sent
    with engine.connect() as connection:
        (line,) = digest.send_log(connection, NOW)
    assert line.state == digest.FAILED and "451" in line.error and line.attempts == 1
    # Not again at once; after the delay, once, and it goes through.
    assert send_due(mail_app, now=NOW + dt.timedelta(minutes=1), with_pdf=False).skipped == 1
    later = send_due(mail_app, now=NOW + dt.timedelta(minutes=6), with_pdf=False)
    assert later.sent == ["a@ville.example essonne 2026-11"]
    assert len(inbox.to("a@ville.example")) == 1
    with engine.connect() as connection:
        (line,) = digest.send_log(connection, NOW)
    assert (line.state, line.attempts) == (digest.SENT, 2)

    # A server that keeps refusing: three attempts, then given up, never a fourth.
    subscribe_long_ago(engine, ("b@ville.example", "essonne", "fr", "mensuel"))
    inbox.refuse = 10
    for minutes in (0, 6, 12, 18, 24):
        send_due(mail_app, now=NOW + dt.timedelta(minutes=minutes), with_pdf=False)
    assert inbox.refuse == 10 - digest.MAX_ATTEMPTS
    with engine.connect() as connection:
        states = {
            line.email: (line.state, line.attempts) for line in digest.send_log(connection, NOW)
        }
    assert states["b@ville.example"] == (digest.GIVEN_UP, digest.MAX_ATTEMPTS)
    assert inbox.to("b@ville.example") == []


def test_a_claim_that_never_reported_is_shown_uncertain_and_not_sent_again(mail_app, inbox):
    from dashboard.digest_mail import send_due

    engine = _engine(mail_app)
    subscribe_long_ago(engine, ("c@ville.example", "paris", "fr", "mensuel"))
    with session_factory(engine)() as session:
        (subscription,) = digest.active_subscriptions(session)
    # A sender claimed it, then died before sending or recording anything.
    assert digest.claim(engine, subscription.id, "2026-11", "mort", NOW) is not None
    later = NOW + digest.UNCERTAIN_AFTER + dt.timedelta(minutes=1)
    assert send_due(mail_app, now=later, with_pdf=False).skipped == 1
    assert inbox.to("c@ville.example") == []
    with engine.connect() as connection:
        (line,) = digest.send_log(connection, later)
    assert line.state == digest.UNCERTAIN


# --- exactly once, two senders at the same time


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_two_senders_at_once_send_each_digest_exactly_once(
    backend, request, tmp_path, store_templates, inbox
):
    from dashboard.app import create_app
    from tests.store_templates import demonstration_store

    url = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url")
    engine = store_templates.engine(url, "demo", demonstration_store)
    recipients = [
        (f"elu{n}@ville.example", scope, "fr", frequency)
        for n, (scope, frequency) in enumerate(
            [
                ("paris", "mensuel"),
                ("essonne", "mensuel"),
                ("seine-saint-denis", "hebdomadaire"),
                ("val-de-marne", "mensuel"),
                ("programme", "hebdomadaire"),
                ("paris", "hebdomadaire"),
            ]
        )
    ]
    subscribe_long_ago(engine, *recipients)
    engine.dispose()
    settings = mail_settings(url, tmp_path, inbox)
    # Two app processes (or hosts): each its own app and engine, started at the same moment.
    senders = [create_app(settings), create_app(settings)]
    start = threading.Barrier(2)
    reports, errors = [], []

    def run(app, name):
        from dashboard.digest_mail import send_due

        start.wait()
        try:
            reports.append(send_due(app, now=NOW, worker=name, with_pdf=False))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=run, args=(a, f"s{n}")) for n, a in enumerate(senders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert errors == []
    assert sorted(m["To"] for m in inbox.messages) == sorted(r[0] for r in recipients)
    assert sum(len(r.sent) for r in reports) == len(recipients)
    assert sum(r.skipped for r in reports) == len(recipients)
    check = create_engine(url)
    with check.connect() as connection:
        states = [line.state for line in digest.send_log(connection, NOW)]
    check.dispose()
    assert states == [digest.SENT] * len(recipients)
    for app in senders:
        _engine(app).dispose()


# --- with the PDF attached (Chromium)


@pytest.mark.browser
def test_the_digest_carries_the_pages_pdf(mail_app, inbox):
    from pathlib import Path

    from pypdf import PdfReader

    from dashboard.digest_mail import send_due
    from tests.conftest import CHROMIUM, unavailable

    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium introuvable ({CHROMIUM})")
    subscribe_long_ago(_engine(mail_app), ("elu@essonne.example", "essonne", "fr", "mensuel"))
    assert send_due(mail_app, now=NOW).sent
    (message,) = inbox.to("elu@essonne.example")
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_filename() == "democratic-essonne-2026-11.pdf"
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    assert 1 <= len(reader.pages) <= 2
    text = " ".join(p.extract_text() for p in reader.pages).replace("\u202f", " ")
    assert "Essonne" in text and "Données au 30 novembre 2012" in text
    assert "La page en PDF est jointe" in message.get_body(("plain",)).get_content()
    with _engine(mail_app).connect() as connection:
        (line,) = digest.send_log(connection, NOW)
    assert line.with_pdf is True


def test_without_chromium_the_digest_leaves_without_pdf_and_says_why(
    sqlite_demo_engine, tmp_path, inbox
):
    from dashboard.app import create_app
    from dashboard.digest_mail import send_due

    url = sqlite_demo_engine.url.render_as_string(hide_password=False)
    settings = replace(mail_settings(url, tmp_path, inbox), chromium_path=str(tmp_path / "non"))
    app = create_app(settings)
    subscribe_long_ago(_engine(app), ("elu@paris.example", "paris", "fr", "mensuel"))
    assert send_due(app, now=NOW).sent
    (message,) = inbox.to("elu@paris.example")
    assert list(message.iter_attachments()) == []
    assert "n'a pas pu être jointe cette fois" in message.get_body(("plain",)).get_content()
    assert "Chromium n'est pas installé" in message.get_body(("plain",)).get_content()


def test_unsubscribe_link_works_on_a_closed_dashboard(sqlite_demo_engine, tmp_path, inbox):
    from dashboard.app import create_app

    url = sqlite_demo_engine.url.render_as_string(hide_password=False)
    app = create_app(replace(mail_settings(url, tmp_path, inbox), public_access=False))
    subscribe_long_ago(_engine(app), ("elu@paris.example", "paris", "fr", "mensuel"))
    with session_factory(_engine(app))() as session:
        key = session.scalar(select(DigestSubscription.unsubscribe_key))
    client = app.server.test_client()
    assert client.get("/partenaires/paris").status_code == 302  # closed
    assert client.post(f"/desabonnement/{key}").status_code == 200
    with session_factory(_engine(app))() as session:
        assert digest.active_subscriptions(session) == []


# --- the command line


def test_digest_commands(sqlite_demo_engine, tmp_path, inbox, monkeypatch):
    from dashboard.cli import main as cli_main

    url = sqlite_demo_engine.url.render_as_string(hide_password=False)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("DEMOCRATIC_INSTANCE_PATH", str(tmp_path / "instance"))
    runner = CliRunner()
    added = runner.invoke(cli_main, ["digest", "add", "elu@paris.example", "--scope", "paris"])
    assert added.exit_code == 0, added.output
    assert "elu@paris.example abonné : lettre mensuel de paris" in added.output
    refused = runner.invoke(cli_main, ["digest", "add", "pas une adresse", "--scope", "paris"])
    assert refused.exit_code == 1 and "n'est pas une adresse électronique valide" in refused.output
    listed = runner.invoke(cli_main, ["digest", "list"])
    assert "elu@paris.example\tparis\tmensuel\tfr" in listed.output
    assert "(heure de Paris)" in listed.output
    unconfigured = runner.invoke(cli_main, ["digest", "send"])
    assert unconfigured.exit_code == 1
    assert "DEMOCRATIC_SMTP_HOST" in unconfigured.output
    # Made long ago, so that November's digest is due now.
    engine = create_engine(url)
    with transaction(engine) as session:
        session.execute(update(DigestSubscription).values(created_at=LONG_AGO))
    engine.dispose()
    monkeypatch.setenv("DEMOCRATIC_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("DEMOCRATIC_SMTP_PORT", str(inbox.port))
    monkeypatch.setenv("DEMOCRATIC_MAIL_FROM", "tableau@democratic.example")
    monkeypatch.setenv("DEMOCRATIC_PUBLIC_URL", "https://tableau.democratic.example")
    sent = runner.invoke(cli_main, ["digest", "send", "--no-pdf"])
    assert sent.exit_code == 0, sent.output
    assert "1 lettre(s) envoyée(s)" in sent.output
    assert len(inbox.to("elu@paris.example")) == 1
    again = runner.invoke(cli_main, ["digest", "send", "--no-pdf"])
    assert "0 lettre(s) envoyée(s)" in again.output and "1 déjà prise(s) en charge" in again.output
    log = runner.invoke(cli_main, ["digest", "log"])
    assert "elu@paris.example\tparis\t" in log.output and "envoyé (1 essai(s))" in log.output
    (number,) = re.findall(r"^(\d+)\t", listed.output, re.M)
    removed = runner.invoke(cli_main, ["digest", "remove", number])
    assert removed.exit_code == 0
    assert "Aucun abonnement" in runner.invoke(cli_main, ["digest", "list"]).output
    assert runner.invoke(cli_main, ["digest", "remove", number]).exit_code == 1


def test_the_send_record_is_unique_per_subscription_and_period(engine):
    subscribe_long_ago(engine, ("d@ville.example", "paris", "fr", "mensuel"))
    with session_factory(engine)() as session:
        (subscription,) = digest.active_subscriptions(session)
    first = digest.claim(engine, subscription.id, "2026-11", "a", NOW)
    assert first is not None
    assert digest.claim(engine, subscription.id, "2026-11", "b", NOW) is None
    assert digest.claim(engine, subscription.id, "2026-10", "b", NOW) is not None
    with session_factory(engine)() as session:
        assert session.query(DigestSend).count() == 2
