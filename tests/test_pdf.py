"""The PDF of a partner page, made by the server's own headless Chromium: a real PDF read with
pypdf (two A4 landscape pages at most, the period, data date and source on each, the numbers of
the page), the viewer's rights (public: protected counts; a programme manager: exact counts,
lent for seconds and withdrawn), and a clear French answer where no PDF can be made."""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import replace

import pytest
import requests
from pypdf import PdfReader
from sqlalchemy import create_engine, func, select

from dashboard import pdf_renderer
from data import render_grants
from data.access import PUBLIC_VIEWER, Viewer
from data.models import RenderGrant
from data.store import session_factory, transaction
from tests.accounts import PASSWORD, create_accounts
from tests.test_browser_partners import open_page

# The demonstration data: the year 2012 by default, data up to 30 November 2012.
ON_EVERY_PAGE = [
    "Période : en 2012",
    "Données au 30 novembre 2012",
    "Source : Données de démonstration",
]
A4_LANDSCAPE = (842, 595)  # points


def page_texts(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [_spaces(page.extract_text() or "") for page in reader.pages]


def _spaces(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\xa0", " "))


def headline_numbers(page) -> list[str]:
    """The key figures as the page shows them (« 410 », « 1 380 », « < 5 »)."""
    return [_spaces(t).strip() for t in page.locator(".headline-number").all_inner_texts()]


@pytest.fixture
def accounts(settings):
    engine = create_engine(settings.database_url)
    create_accounts(engine)
    engine.dispose()


def grants_left(settings) -> int:
    engine = create_engine(settings.database_url)
    with engine.connect() as connection:
        count = connection.scalar(select(func.count()).select_from(RenderGrant))
    engine.dispose()
    return count


# --- the real PDF (Chromium)


@pytest.mark.browser
def test_public_pdf_has_two_a4_landscape_pages_at_most_and_the_numbers_of_the_page(
    live_server, page, settings
):
    slug = "seine-saint-denis"
    response = requests.get(f"{live_server.url}/partenaires/{slug}.pdf", timeout=120)
    assert response.status_code == 200, response.text[:300]
    assert response.headers["Content-Type"] == "application/pdf"
    assert "set-cookie" not in {k.lower() for k in response.headers}
    reader = PdfReader(io.BytesIO(response.content))
    assert 1 <= len(reader.pages) <= 2
    for sheet in reader.pages:
        width, height = float(sheet.mediabox.width), float(sheet.mediabox.height)
        assert (round(width), round(height)) == pytest.approx(A4_LANDSCAPE, abs=2)
    texts = page_texts(response.content)
    for number, text in enumerate(texts, start=1):
        for expected in ON_EVERY_PAGE:
            assert expected in text, f"page {number}: « {expected} » missing"
    # The same figures as the page a public visitor sees (youth counts rounded to 5).
    open_page(page, f"{live_server.url}/partenaires/{slug}")
    numbers = headline_numbers(page)
    assert len(numbers) >= 3
    whole = " ".join(texts)
    for number in numbers:
        assert number in whole, f"« {number} » of the page is not in the PDF"
    sentence = _spaces(page.locator(".summary-sentence").first.inner_text())
    assert sentence in whole
    assert grants_left(settings) == 0  # a public visitor's PDF needs no grant at all


@pytest.mark.browser
def test_a_programme_managers_pdf_has_the_exact_counts_the_public_one_protects(
    accounts, live_server, page, settings
):
    slug, period = "seine-saint-denis", "?debut=2012-03&fin=2012-03"
    public = page_texts(
        requests.get(f"{live_server.url}/partenaires/{slug}.pdf{period}", timeout=120).content
    )
    open_page(page, f"{live_server.url}/partenaires/{slug}{period}")
    public_numbers = headline_numbers(page)

    page.goto(f"{live_server.url}/connexion")
    page.get_by_label("Adresse électronique").fill("charge@example.org")
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")
    page.wait_for_selector("#compte-connecte")
    open_page(page, f"{live_server.url}/partenaires/{slug}{period}")
    manager_numbers = headline_numbers(page)
    # The manager's page shows what the public's hides or rounds (else this test proves nothing).
    assert manager_numbers != public_numbers
    answer = page.context.request.get(f"{live_server.url}/partenaires/{slug}.pdf{period}")
    assert answer.status == 200
    manager = page_texts(answer.body())
    assert len(manager) <= 2
    for number in manager_numbers:
        assert number in " ".join(manager)
    for number in public_numbers:
        assert number in " ".join(public)
    # The protected values are in the public PDF only: "< 5" or a rounded count.
    differing = [(p, m) for p, m in zip(public_numbers, manager_numbers, strict=True) if p != m]
    assert differing
    for public_value, _manager_value in differing:
        assert public_value in " ".join(public)
    # The rights lent to the server's browser are withdrawn once the PDF is made.
    assert grants_left(settings) == 0


@pytest.mark.browser
def test_english_pdf_and_a_forged_host_header_changes_nothing(live_server):
    # The server's browser reads the app where the request came in, not at the Host a client
    # writes: a forged Host still gives this app's page, never another site's.
    response = requests.get(
        f"{live_server.url}/partenaires/essonne.pdf?langue=en",
        headers={"Host": "attacker.invalid"},
        timeout=120,
    )
    assert response.status_code == 200
    text = " ".join(page_texts(response.content))
    assert "Period: in 2012" in text and "Data as of 30 November 2012" in text
    assert "Essonne" in text


@pytest.mark.browser
def test_a_page_that_never_says_it_is_ready_ends_in_a_timeout_not_a_blank_pdf(live_server):
    # The explorer is no partner page: the signal never comes, and the wait is bounded.
    with pytest.raises(pdf_renderer.RenderTimeout, match="Le PDF n'a pas pu être préparé"):
        pdf_renderer.render_pdf(f"{live_server.url}/explorer", [], timeout_seconds=3)


# --- without Chromium, with bad input (no browser needed)


@pytest.fixture
def no_chromium_app(settings, tmp_path):
    from dashboard.app import create_app

    return create_app(replace(settings, chromium_path=str(tmp_path / "pas-de-chromium")))


def test_without_chromium_the_route_answers_a_french_503_and_the_button_says_why(no_chromium_app):
    client = no_chromium_app.server.test_client()
    response = client.get("/partenaires/paris.pdf")
    assert response.status_code == 503
    body = html.unescape(response.get_data(as_text=True))
    assert "Le PDF n'est pas disponible" in body and "Chromium n'est pas installé" in body
    assert response.headers["Retry-After"]
    # The page itself still works, and says plainly why there is no PDF.
    from callbacks import partner

    with no_chromium_app.server.test_request_context("/partenaires/paris"):
        layout = str(partner.layout(slug="paris"))
    assert "PDF indisponible sur ce serveur" in layout
    assert "Chromium n'est pas installé" in layout


def test_unknown_partner_or_the_programme_has_no_pdf(client):
    assert client.get("/partenaires/nulle-part.pdf").status_code == 404
    assert client.get("/partenaires/programme.pdf").status_code == 404


def test_the_button_links_to_the_pdf_of_the_period_shown(app):
    from callbacks import partner

    with app.server.test_request_context("/partenaires/paris"):
        layout = str(partner.layout(slug="paris", debut="2012-04", fin="2012-06"))
        default = str(partner.layout(slug="paris"))
    assert "/partenaires/paris.pdf?debut=2012-04&fin=2012-06" in layout
    assert "/partenaires/paris.pdf'" in default or '/partenaires/paris.pdf"' in default


# --- render grants: bound to one viewer, seconds long, withdrawn


def test_a_render_grant_lends_the_viewers_rights_for_seconds_only(engine):
    manager = Viewer(role="charge_de_mission", email="charge@example.org")
    moment = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
    with transaction(engine) as session:
        token = render_grants.grant(session, manager, moment)
    with session_factory(engine)() as session:
        assert render_grants.viewer_of(session, token, moment) == manager
        late = moment + render_grants.LIFETIME + dt.timedelta(seconds=1)
        assert render_grants.viewer_of(session, token, late) is None
        assert render_grants.viewer_of(session, token + "x", moment) is None
        assert render_grants.viewer_of(session, "", moment) is None
    with transaction(engine) as session:
        render_grants.withdraw(session, token)
    with session_factory(engine)() as session:
        assert render_grants.viewer_of(session, token, moment) is None
        # Only a hash is kept: the key itself is nowhere in the store.
        assert session.scalar(select(func.count()).select_from(RenderGrant)) == 0


def test_a_forged_render_cookie_gives_nothing_but_the_public_view(client, settings):
    from dashboard import auth

    client.set_cookie(render_grants.COOKIE, "forged-key")
    with client.application.test_request_context(
        "/", headers={"Cookie": f"{render_grants.COOKIE}=forged-key"}
    ):
        client.application.preprocess_request()
        assert auth.resolve_viewer() == PUBLIC_VIEWER


@pytest.mark.browser
def test_on_a_closed_dashboard_a_signed_in_manager_gets_the_pdf_and_the_public_does_not(
    accounts, settings, browser
):
    from dashboard.app import create_app
    from tests.conftest import LiveServer

    closed = create_app(replace(settings, public_access=False))
    with LiveServer(closed) as server:
        anonymous = requests.get(
            f"{server.url}/partenaires/paris.pdf", allow_redirects=False, timeout=60
        )
        assert anonymous.status_code == 302
        assert anonymous.headers["Location"].startswith("/connexion")
        context = browser.new_context()
        try:
            page = context.new_page()
            page.goto(f"{server.url}/connexion")
            page.get_by_label("Adresse électronique").fill("charge@example.org")
            page.get_by_label("Mot de passe").fill(PASSWORD)
            page.get_by_label("Mot de passe").press("Enter")
            page.wait_for_selector("#compte-connecte")
            # The server's browser has no account: it prints with the rights lent for seconds.
            answer = page.context.request.get(f"{server.url}/partenaires/paris.pdf")
            assert answer.status == 200
            texts = page_texts(answer.body())
            assert 1 <= len(texts) <= 2 and "Mairie de Paris" in texts[0]
        finally:
            context.close()
    assert grants_left(settings) == 0
