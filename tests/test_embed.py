"""The embedded page `/integrer/<slug>`: public figures only whoever asks (a signed-in
administrator's cookie included), framing allowed by the partner's listed sites alone (and only
on that route), origins validated before they reach a header, the command line, and a real
frame in Chromium from an allowed and a refused origin."""

from __future__ import annotations

import datetime as dt
import html
import http.server
import re
import threading
import time

import pytest
from click.testing import CliRunner
from sqlalchemy import create_engine

from dashboard.cli import main as cli_main
from data import embed_origins
from data.store import transaction
from tests.accounts import PASSWORD, create_accounts, log_in
from tests.browser_support import wait_for
from tests.test_browser_partners import serious_violations

NOW = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
# A month of Seine-Saint-Denis: its youth counts are small, rounded or hidden for the public.
YOUTH_PERIOD = "?debut=2012-03&fin=2012-03"


def allow(settings, slug: str, origin: str) -> None:
    engine = create_engine(settings.database_url)
    with transaction(engine) as session:
        embed_origins.add(session, slug, origin, "test", NOW)
    engine.dispose()


def numbers(body: str) -> list[str]:
    found = re.findall(r'class="headline-number">([^<]*)<', body)
    return [html.unescape(n).replace("\u202f", " ") for n in found]


def frame_ancestors(response) -> str:
    policy = response.headers["Content-Security-Policy"]
    return next(d for d in policy.split("; ") if d.startswith("frame-ancestors"))


# --- origins


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("https://www.mairie-paris.fr", "https://www.mairie-paris.fr"),
        ("HTTPS://Mairie.Example.FR/", "https://mairie.example.fr"),
        ("https://mairie.example.fr:443", "https://mairie.example.fr"),
        ("http://127.0.0.1:8095", "http://127.0.0.1:8095"),
    ],
)
def test_an_origin_is_stored_as_browsers_compare_it(given, stored):
    assert embed_origins.normalise_origin(given) == stored


@pytest.mark.parametrize(
    ("given", "reason"),
    [
        ("", "Indiquez l'adresse"),
        ("mairie.fr", "doit commencer par https://"),
        ("javascript:alert(1)", "doit commencer par https://"),
        ("https://a.fr; script-src *", "sans espace"),
        ("https://a.fr https://b.fr", "sans espace"),
        ("*", "sans espace"),
        ("https://*.mairie.fr", "sans espace"),
        ("https://a.fr/page", "sans chemin"),
        ("https://moi:secret@a.fr", "sans chemin"),
        ("https://a.fr?x=1", "sans chemin"),
        ("https://a_b!.fr", "nom du site n'est pas valide"),
        ("'self'", "sans espace"),
    ],
)
def test_anything_but_one_site_is_refused_with_the_reason(given, reason):
    with pytest.raises(embed_origins.OriginRefused, match=reason):
        embed_origins.normalise_origin(given)


def test_origins_per_partner_added_once_and_removed(engine):
    with transaction(engine) as session:
        assert embed_origins.add(session, "paris", "https://a.fr/", "x", NOW) == (
            "https://a.fr",
            True,
        )
        assert embed_origins.add(session, "paris", "https://A.fr", "x", NOW)[1] is False
        with pytest.raises(embed_origins.OriginRefused, match="Partenaire inconnu"):
            embed_origins.add(session, "programme", "https://a.fr", "x", NOW)
    with engine.connect() as connection:
        assert embed_origins.origins(connection, "paris") == ["https://a.fr"]
        assert embed_origins.origins(connection, "essonne") == []
    with transaction(engine) as session:
        assert embed_origins.remove(session, "paris", "https://a.fr") is True
        assert embed_origins.remove(session, "paris", "https://a.fr") is False


# --- the route and its headers


def test_embedded_page_may_be_framed_by_the_partners_sites_only(client, settings):
    allow(settings, "paris", "https://www.paris.example")
    allow(settings, "paris", "http://127.0.0.1:8095")
    response = client.get("/integrer/paris")
    assert response.status_code == 200
    assert frame_ancestors(response) == (
        "frame-ancestors http://127.0.0.1:8095 https://www.paris.example"
    )
    assert "X-Frame-Options" not in response.headers
    # Another partner's embedded page, with no site listed, refuses every frame.
    other = client.get("/integrer/essonne")
    assert frame_ancestors(other) == "frame-ancestors 'none'"
    assert other.headers["X-Frame-Options"] == "DENY"
    # Every other page keeps refusing to be framed, the partner's own page included.
    for path in ("/", "/partenaires/paris", "/donnees", "/connexion", "/assets/embed.js"):
        answer = client.get(path)
        assert frame_ancestors(answer) == "frame-ancestors 'none'", path
        assert answer.headers["X-Frame-Options"] == "DENY", path


def test_embedded_page_is_compact_read_only_and_public(client):
    body = client.get("/integrer/seine-saint-denis").get_data(as_text=True)
    text = html.unescape(body)
    assert "Seine-Saint-Denis" in text
    assert "Période : en 2012 · Données au 30 novembre 2012" in text
    assert len(numbers(body)) >= 3
    # No navigation, no export, no sign-in, no form: nothing leads anywhere from the frame.
    for absent in ("<nav", "<form", "/connexion", "<a ", "Exporter", "<button"):
        assert absent not in body, absent
    # Each chart has its values as a table.
    assert body.count('class="embed-graph"') == body.count("<table")
    assert body.count('class="embed-graph"') >= 1


def test_a_signed_in_managers_cookie_does_not_widen_the_embedded_page(client, settings):
    public = numbers(
        client.get(f"/integrer/seine-saint-denis{YOUTH_PERIOD}").get_data(as_text=True)
    )
    create_accounts(create_engine(settings.database_url))
    assert log_in(client, "admin@example.org").status_code == 303
    page = client.get(f"/partenaires/seine-saint-denis{YOUTH_PERIOD}")
    assert page.status_code == 200
    embedded = client.get(f"/integrer/seine-saint-denis{YOUTH_PERIOD}")
    assert numbers(embedded.get_data(as_text=True)) == public
    # The administrator's own view differs for this period (else the test would prove nothing).
    from callbacks import partner

    with client.application.test_request_context(f"/partenaires/seine-saint-denis{YOUTH_PERIOD}"):
        from data.access import Viewer

        client.application.config["DEMOCRATIC_VIEWER_RESOLVER"], saved = (
            lambda: Viewer(role="administrateur"),
            client.application.config["DEMOCRATIC_VIEWER_RESOLVER"],
        )
        try:
            admin = str(partner.layout(slug="seine-saint-denis", debut="2012-03", fin="2012-03"))
        finally:
            client.application.config["DEMOCRATIC_VIEWER_RESOLVER"] = saved
    admin_numbers = re.findall(r"children='([^']*)', className='headline-number'", admin)
    assert admin_numbers and [n.replace("\u202f", " ") for n in admin_numbers] != public


def test_unknown_partner_the_programme_and_bad_periods(client):
    assert client.get("/integrer/nulle-part").status_code == 404
    assert client.get("/integrer/programme").status_code == 404
    body = html.unescape(client.get("/integrer/paris?debut=<b>&fin=2099-01").get_data(as_text=True))
    assert "Période : en 2012" in body  # the default period, the bad values ignored
    assert "<b>" not in body


def test_english_from_the_address_only(client):
    client.set_cookie("langue", "fr")
    body = html.unescape(client.get("/integrer/paris?langue=en").get_data(as_text=True))
    assert "Period: in 2012" in body and 'lang="en"' in body


def test_closed_dashboard_has_no_embedded_page(settings):
    from dataclasses import replace

    from dashboard.app import create_app

    closed = create_app(replace(settings, public_access=False)).server.test_client()
    assert closed.get("/integrer/paris").status_code in (302, 404)


# --- the command line


def test_embed_commands(settings, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("DEMOCRATIC_INSTANCE_PATH", str(settings.instance_path))
    runner = CliRunner()
    added = runner.invoke(cli_main, ["embed", "allow", "essonne", "HTTPS://Essonne.example/"])
    assert added.exit_code == 0, added.output
    assert "https://essonne.example autorisé pour essonne" in added.output
    refused = runner.invoke(cli_main, ["embed", "allow", "essonne", "https://a.fr;x"])
    assert refused.exit_code == 1 and "sans espace" in refused.output
    listed = runner.invoke(cli_main, ["embed", "list"])
    assert "essonne : https://essonne.example" in listed.output
    assert "paris : aucun site" in listed.output
    snippet = runner.invoke(
        cli_main, ["embed", "snippet", "essonne", "--base-url", "https://tdb.example/"]
    )
    assert '<iframe src="https://tdb.example/integrer/essonne"' in snippet.output
    removed = runner.invoke(cli_main, ["embed", "deny", "essonne", "https://essonne.example"])
    assert removed.exit_code == 0
    again = runner.invoke(cli_main, ["embed", "deny", "essonne", "https://essonne.example"])
    assert again.exit_code == 1 and "rien n'a changé" in again.output


# --- a real frame in Chromium


class FramingSite:
    """A tiny site of its own origin whose only page frames the dashboard's embedded page."""

    def __init__(self, host: str, target: str) -> None:
        page = f'<!DOCTYPE html><title>Site</title><iframe src="{target}" width="900" height="700"></iframe>'

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the standard library's name
                body = page.encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}/"
        self.origin = self.url.rstrip("/")
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


def embedded_frame(page, timeout: float = 15):
    """The frame of the embedded page, once it has navigated (or failed to: Chromium's error
    page then takes its place)."""
    page.wait_for_load_state("load")
    deadline = time.monotonic() + timeout
    while True:
        frames = [f for f in page.frames if f != page.main_frame]
        if len(frames) == 1 and frames[0].url not in ("", "about:blank"):
            return frames[0]
        if time.monotonic() > deadline:
            raise TimeoutError(f"the frame never navigated: {[f.url for f in frames]}")
        page.wait_for_timeout(50)


@pytest.mark.browser
def test_a_listed_site_frames_the_page_and_another_origin_is_refused(live_server, page, settings):
    target = f"{live_server.url}/integrer/paris"
    with FramingSite("127.0.0.1", target) as allowed, FramingSite("localhost", target) as refused:
        allow(settings, "paris", allowed.origin)
        # Also signed in to the dashboard in this browser: the frame stays public.
        create_accounts(create_engine(settings.database_url))
        page.goto(f"{live_server.url}/connexion")
        page.get_by_label("Adresse électronique").fill("admin@example.org")
        page.get_by_label("Mot de passe").fill(PASSWORD)
        page.get_by_label("Mot de passe").press("Enter")
        page.wait_for_selector("#compte-connecte")

        page.goto(allowed.url)
        frame = embedded_frame(page)
        frame.wait_for_selector(".embed-card")
        wait_for(
            frame, "() => document.querySelectorAll('[data-drawn=true] .main-svg').length >= 1"
        )
        assert "Mairie de Paris" in frame.inner_text("h1")
        assert frame.locator(".headline-number").count() >= 3
        assert frame.locator("nav, form, a").count() == 0

        blocked: list[str] = []
        page.on(
            "console", lambda m: blocked.append(m.text) if "frame-ancestors" in m.text else None
        )
        page.goto(refused.url)
        frame = embedded_frame(page)
        # Chromium shows its own error page in place of the refused frame: none of the page.
        assert frame.url.startswith("chrome-error://"), frame.url
        assert frame.locator(".embed-card").count() == 0
        # Chromium says why in the console (the message may come just after the error page).
        deadline = time.monotonic() + 15
        while not blocked and time.monotonic() < deadline:
            page.wait_for_timeout(50)
        assert any("frame-ancestors" in line for line in blocked), blocked

    # The partner's own page is never framed, even from the listed site.
    with FramingSite("127.0.0.1", f"{live_server.url}/partenaires/paris") as site:
        allow(settings, "paris", site.origin)
        page.goto(site.url)
        frame = embedded_frame(page)
        assert frame.url.startswith("chrome-error://"), frame.url
        assert frame.locator(".partner-page").count() == 0


@pytest.mark.browser
def test_embedded_page_reads_at_phone_width_without_accessibility_violation(live_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="fr-FR")
    try:
        phone = context.new_page()
        phone.goto(f"{live_server.url}/integrer/seine-saint-denis")
        wait_for(phone, "() => document.querySelectorAll('[data-drawn=true]').length >= 1")
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1
        # Labelled charts, tables of their values, contrast: axe-core finds nothing serious.
        assert serious_violations(phone) == []
    finally:
        context.close()
