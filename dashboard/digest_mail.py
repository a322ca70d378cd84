"""Sending the scheduled digests (`democratic digest send`, for a system timer), and the
unsubscribe link that works without an account.

Each digest due (data/digest.py) is claimed first, then composed and sent: the sentence and the
key figures of the partner's page in the message's body (plain text and HTML), the page's PDF
attached when this machine can make one, a link to the page, an unsubscribe link. Digests go to
people outside the dashboard (elected officials): they carry what a public visitor sees (public
data, small counts protected), whoever subscribed them.

The PDF is printed by the server's headless Chromium from a private copy of the app that this
command serves on 127.0.0.1 for the time of the run (no running app needed, nothing exposed).
A PDF that cannot be made does not stop the digest: it leaves without it, and says why.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import smtplib
import socket
import threading
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

import flask
from werkzeug.serving import WSGIRequestHandler, make_server

from callbacks.context import connect
from callbacks.partner import build_page
from callbacks.period import parse_period
from dashboard import pdf_renderer
from data import digest, queries
from data.access import PUBLIC_VIEWER
from data.reference import PARTNER_SLUGS
from data.store import session_factory, transaction
from layouts.digest_message import DIGEST_TEXT, digest_text, programme_title
from layouts.embed_view import summary_view

log = logging.getLogger(__name__)

UNSUBSCRIBE_PATH = "/desabonnement/<key>"
SMTP_TIMEOUT = 30


class DigestNotConfigured(ValueError):
    """A setting the digest needs is missing (the message names it, in French)."""


@dataclass
class RunReport:
    sent: list[str] = field(default_factory=list)  # "email period"
    failed: list[str] = field(default_factory=list)
    skipped: int = 0  # claimed by another sender, or done already


def check_settings(settings) -> None:
    missing = [
        name
        for name, value in (
            ("DEMOCRATIC_SMTP_HOST", settings.smtp_host),
            ("DEMOCRATIC_MAIL_FROM", settings.mail_from),
            ("DEMOCRATIC_PUBLIC_URL", settings.public_url),
        )
        if not value
    ]
    if missing:
        raise DigestNotConfigured(
            "l'envoi des lettres a besoin de " + ", ".join(missing) + " (voir le README)."
        )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def send_due(
    app, now: dt.datetime | None = None, worker: str | None = None, with_pdf: bool = True
) -> RunReport:
    """Send every digest due at `now` that no other sender has claimed."""
    server = app.server
    resources = server.extensions["democratic"]
    settings, engine = resources.settings, resources.engine
    check_settings(settings)
    now = now or _now()
    worker = worker or f"{socket.gethostname()}:{os.getpid()}:{threading.get_ident()}"
    report = RunReport()
    with session_factory(engine)() as session:
        subscriptions = digest.active_subscriptions(session)
    due = [(s, d[0]) for s in subscriptions if (d := digest.is_due(s, now))]
    if not due:
        return report
    printer = _LocalCopy(server) if with_pdf else None
    try:
        for subscription, period_key in due:
            claimed = digest.claim(engine, subscription.id, period_key, worker, now)
            if claimed is None:
                report.skipped += 1
                continue
            label = f"{subscription.email} {subscription.scope} {period_key}"
            try:
                message, attached, note = compose(server, subscription, period_key, now, printer)
                deliver(settings, message)
            except (smtplib.SMTPException, OSError) as error:
                state = digest.record_failure(engine, claimed, _reason(error), _now())
                log.warning("Lettre non envoyée (%s) : %s — %s", label, _reason(error), state)
                report.failed.append(label)
                continue
            except Exception as error:  # noqa: BLE001 - recorded, and the other digests go on
                log.exception("Lettre non composée (%s)", label)
                digest.record_failure(engine, claimed, _reason(error), _now())
                report.failed.append(label)
                continue
            digest.record_sent(engine, claimed, attached, _now(), note)
            report.sent.append(label)
    finally:
        if printer is not None:
            printer.close()
    return report


def _reason(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:500]


def compose(
    server: flask.Flask, subscription: digest.Subscription, period_key: str, now, printer
) -> tuple[EmailMessage, bool, str]:
    """(the message, whether the PDF is attached, why not when it is not)."""
    settings = server.extensions["democratic"].settings
    lang = subscription.lang
    base = settings.public_url.rstrip("/")
    unsubscribe_url = f"{base}/desabonnement/{subscription.unsubscribe_key}"
    # Inside the app's context the pages read its small-count threshold, as on the web.
    with server.test_request_context("/"):
        views, title, path = _views(subscription.scope, lang)
    pdf, note = None, ""
    if subscription.scope == digest.PROGRAMME:
        pdf_note = DIGEST_TEXT("pdf_none", lang)
    else:
        pdf, note = printer.pdf(path, lang) if printer else (None, "PDF non demandé.")
        pdf_note = (
            DIGEST_TEXT("pdf_attached", lang)
            if pdf
            else DIGEST_TEXT("pdf_missing", lang, reason=note)
        )
    words = digest_text(
        views,
        title,
        subscription.frequency,
        period_key,
        base + path,
        unsubscribe_url,
        pdf_note,
        digest.paris_time(now, lang),
        lang,
    )
    message = EmailMessage()
    message["Subject"] = words.subject
    message["From"] = settings.mail_from
    message["To"] = subscription.email
    message["Date"] = formatdate(now.timestamp(), localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.mail_from.rsplit("@", 1)[-1] or None)
    # One-click unsubscribe from the mail client (RFC 8058): a POST to the same link.
    message["List-Unsubscribe"] = f"<{unsubscribe_url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message.set_content(words.text)
    message.add_alternative(words.html, subtype="html")
    if pdf:
        name = f"democratic-{subscription.scope}-{period_key}.pdf"
        message.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
    return message, pdf is not None, note


def _views(scope: str, lang: str):
    period = parse_period(None, None, lang)  # what the page shows by default
    with connect() as connection:
        slugs = PARTNER_SLUGS if scope == digest.PROGRAMME else [scope]
        views = []
        for slug in slugs:
            partner = queries.partner(connection, slug)
            page = build_page(connection, partner, period, PUBLIC_VIEWER, lang)
            views.append(summary_view(page, lang, with_charts=False))
    if scope == digest.PROGRAMME:
        return views, programme_title(lang), "/"
    return views, views[0].name, f"/partenaires/{scope}"


def deliver(settings, message: EmailMessage) -> None:
    with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT) as smtp:
        if settings.smtp_starttls:
            smtp.starttls()
        if settings.smtp_user:
            smtp.login(settings.smtp_user, settings.smtp_password)
        smtp.send_message(message)


class _QuietHandler(WSGIRequestHandler):
    """The run's private copy of the app logs no request line (the command's output stays
    the list of digests sent)."""

    def log_request(self, *args, **kwargs) -> None:
        pass


class _LocalCopy:
    """The app served on 127.0.0.1 (a free port) for the run, for the PDF's headless browser;
    started at the first PDF, stopped at the end of the run."""

    def __init__(self, server: flask.Flask) -> None:
        self.app = server
        self.settings = server.extensions["democratic"].settings
        self.http = None
        self.reason = pdf_renderer.unavailable_reason(self.settings.chromium_path)

    def pdf(self, path: str, lang: str) -> tuple[bytes | None, str]:
        if self.reason:
            return None, self.reason
        if self.http is None:
            self.http = make_server(
                "127.0.0.1", 0, self.app, threaded=True, request_handler=_QuietHandler
            )
            threading.Thread(target=self.http.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{self.http.server_port}{path}"
        try:
            cookies = [pdf_renderer.Cookie("langue", lang)]
            return pdf_renderer.render_pdf(
                url, cookies, self.settings.pdf_timeout_seconds, self.settings.chromium_path, lang
            ), ""
        except (pdf_renderer.RenderUnavailable, pdf_renderer.RenderTimeout) as error:
            return None, str(error)

    def close(self) -> None:
        if self.http is not None:
            self.http.shutdown()
            self.http.server_close()


# --- the unsubscribe link


def register(server: flask.Flask) -> None:
    @server.route(UNSUBSCRIBE_PATH, methods=["GET", "POST"])
    def unsubscribe(key: str):
        engine = server.extensions["democratic"].engine
        if flask.request.method == "GET":
            # A link opened (or fetched by a mail scanner) changes nothing: a button confirms.
            with session_factory(engine)() as session:
                row = digest.find_by_key(session, key)
                found = row is not None
                active = bool(row and row.active)
                email = row.email if row else ""
            return _page(found, active, email, confirmed=False)
        with transaction(engine) as session:
            row = digest.unsubscribe_by_key(session, key, _now())
            found, email = row is not None, row.email if row else ""
        return _page(found, False, email, confirmed=found)


def _page(found: bool, active: bool, email: str, confirmed: bool) -> flask.Response:
    status = 200 if found else 404
    return flask.make_response(
        flask.render_template(
            "unsubscribe.html",
            found=found,
            active=active,
            email=email,
            confirmed=confirmed,
            lang="fr",
        ),
        status,
    )
