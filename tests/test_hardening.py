"""Security headers on every response, French error answers without internal detail, the session
secret, and hostile text stored and shown as plain text."""

from __future__ import annotations

import datetime as dt
import json
import stat

import pytest
from sqlalchemy import create_engine, select

from dashboard.settings import Settings
from data.models import Event, Outcome, Partner
from data.store import bump_data_version, transaction

RESPONSES = [
    ("GET", "/", None),
    ("GET", "/explorer", None),
    ("GET", "/nulle-part", None),
    ("GET", "/connexion", None),
    ("GET", "/_dash-layout", None),
    ("GET", "/_dash-dependencies", None),
    ("GET", "/assets/style.css", None),
    ("GET", "/vendor/bootstrap/css/bootstrap.min.css", None),
    ("GET", "/vendor/bootstrap/absent.css", None),
    ("GET", "/langue/en", None),
    ("POST", "/_dash-update-component", "pas du json"),
    ("DELETE", "/connexion", None),
]


@pytest.mark.parametrize(("method", "path", "body"), RESPONSES)
def test_every_response_carries_the_security_headers(client, method, path, body):
    response = client.open(path, method=method, data=body, content_type="application/json")
    headers = response.headers
    policy = headers["Content-Security-Policy"]
    assert "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'sha256-" in policy
    assert "object-src 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_script_hashes_cover_dash_inline_renderer(app, client):
    html = client.get("/").get_data(as_text=True)
    policy = client.get("/").headers["Content-Security-Policy"]
    for digest in app.csp_hashes():
        assert digest in policy
    assert "new DashRenderer" in html


@pytest.mark.parametrize(
    ("method", "path", "status", "words"),
    [
        ("GET", "/vendor/bootstrap/absent.css", 404, "Page introuvable"),
        ("DELETE", "/connexion", 405, "Méthode non autorisée"),
        ("PUT", "/_dash-update-component", 405, "Méthode non autorisée"),
    ],
)
def test_errors_are_answered_in_french(client, method, path, status, words):
    response = client.open(path, method=method)
    assert response.status_code == status
    text = response.get_json()["message"] if response.is_json else response.get_data(as_text=True)
    assert words in text


def test_too_large_upload_is_answered_413_in_french(settings):
    from dataclasses import replace

    from dashboard.app import create_app

    app = create_app(replace(settings, max_upload_bytes=1024 * 1024))
    client = app.server.test_client()
    response = client.post(
        "/_dash-update-component",
        data=json.dumps({"output": "x", "pad": "a" * 2_000_000}),
        content_type="application/json",
    )
    assert response.status_code == 413
    message = response.get_json()["message"]
    assert "Fichier trop volumineux" in message
    assert "la taille maximale acceptée est de 1 Mo" in message


def test_an_unexpected_failure_shows_no_trace_nor_sql(app, client):
    @app.server.get("/essai-panne")
    def _broken():
        raise RuntimeError("SELECT secret FROM app_user -- détail interne")

    response = client.get("/essai-panne")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Erreur interne" in text
    assert "SELECT" not in text and "Traceback" not in text and "RuntimeError" not in text


def test_cross_site_posts_are_refused(client):
    response = client.post(
        "/connexion", data={"email": "a@example.org"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert "ne vient pas de ce site" in response.get_data(as_text=True)


def test_session_secret_is_generated_once_private_and_kept(tmp_path):
    settings = Settings(database_url="sqlite://", instance_path=tmp_path / "instance")
    first = settings.resolved_secret_key()
    path = tmp_path / "instance" / "secret_key"
    assert len(first) >= 64
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert (
        Settings(
            database_url="sqlite://", instance_path=tmp_path / "instance"
        ).resolved_secret_key()
        == first
    )
    assert (
        Settings(database_url="sqlite://", instance_path=tmp_path / "autre").resolved_secret_key()
        != first
    )
    assert Settings.from_env({"SECRET_KEY": "k" * 40}).resolved_secret_key() == "k" * 40


def test_session_cookie_is_httponly_and_samesite(client):
    from tests.accounts import create_accounts, log_in

    engine = create_engine(client.application.extensions["democratic"].settings.database_url)
    create_accounts(engine)
    engine.dispose()
    response = log_in(client, "charge@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


# --- hostile text


HOSTILE = {
    "script": "<script>alert('x')</script>",
    "image": '<img src=x onerror="alert(1)">',
    "url": "javascript:alert(document.cookie)",
    "sql": "'; DROP TABLE observation; --",
    "long": "é" * 290,
    "unicode": "\u202eevil\u200b\U0001f600 \u0000nul",
}


def test_hostile_outcome_and_event_texts_are_stored_and_shown_as_plain_text(settings, client):
    engine = create_engine(settings.database_url)
    with transaction(engine) as session:
        essonne = session.scalar(select(Partner.id).where(Partner.slug == "essonne"))
        for key, text in HOSTILE.items():
            clean = text.replace("\u0000", "")  # PostgreSQL refuses NUL; imports strip it
            session.add(
                Outcome(
                    partner_id=essonne,
                    kind="proposition",
                    title=f"{key} {clean}"[:300],
                    description=clean,
                    status="proposee",
                    outcome_date=dt.date(2012, 6, 1),
                )
            )
            session.add(
                Event(
                    partner_id=essonne,
                    kind="atelier",
                    title=f"{key} {clean}"[:300],
                    event_date=dt.date(2012, 6, 2),
                    place=clean[:300],
                    outcomes=clean,
                )
            )
        bump_data_version(session)
    with transaction(engine) as session:
        stored = session.scalars(select(Outcome.description).where(Outcome.kind == "proposition"))
        assert HOSTILE["sql"] in set(stored)
    engine.dispose()
    from tests.test_access import _render_page

    text = _render_page(client, "/partenaires/essonne")
    # Whatever the page shows of these texts travels as JSON strings (rendered as text nodes by
    # React), never as markup: no raw tag can appear in the answer.
    assert "<script>" not in text and "<img" not in text
    payload = json.loads(text)
    assert payload["multi"] is True
    html = client.get("/partenaires/essonne").get_data(as_text=True)
    # The page drawn in the first answer (dashboard/first_paint.py) shows them as text, escaped.
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;img src=x onerror=" in html


def test_a_refusal_raised_by_the_code_is_a_403_with_its_own_message(app, client):
    from data.access import AccessRefused

    @app.server.get("/essai-refus")
    def _refused():
        raise PermissionError("Connectez-vous avec un compte autorisé à charger des données.")

    @app.server.get("/essai-refus-bis")
    def _refused_again():
        raise AccessRefused()

    @app.server.get("/essai-fichier")
    def _file():
        open("/root/inaccessible")  # noqa: SIM115 - an OS permission error, not a refusal

    response = client.get("/essai-refus")
    assert response.status_code == 403
    assert "compte autorisé" in response.get_data(as_text=True)
    assert client.get("/essai-refus-bis").status_code == 403
    internal = client.get("/essai-fichier")
    assert internal.status_code in (404, 500)
    assert "/root" not in internal.get_data(as_text=True)
