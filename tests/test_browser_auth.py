"""Real Chromium: signing in and out, and the pages working under the Content-Security-Policy."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine

from tests.accounts import PASSWORD, create_accounts
from tests.test_app import PAGES

pytestmark = pytest.mark.browser

CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
    window.__cspViolations.push(event.violatedDirective + ' ' + event.blockedURI);
});
"""


@pytest.fixture
def accounts(settings):
    engine = create_engine(settings.database_url)
    create_accounts(engine)
    engine.dispose()


def _watch(page) -> list[str]:
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(CSP_PROBE)
    return errors


def test_log_in_see_who_is_signed_in_then_log_out(accounts, live_server, page):
    errors = _watch(page)
    page.goto(live_server.url + "/explorer")
    page.get_by_role("link", name="Se connecter").click()
    page.wait_for_url("**/connexion")
    page.get_by_label("Adresse électronique").fill("charge@example.org")
    page.get_by_label("Mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Se connecter").click()
    assert "mot de passe incorrect" in page.get_by_role("alert").inner_text()
    errors.clear()  # the browser logs the refused attempt's 401 itself
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_label("Mot de passe").press("Enter")  # the keyboard is enough
    page.wait_for_selector("#compte-connecte")
    assert "charge@example.org" in page.locator("#compte-connecte").inner_text()
    assert "chargé de mission" in page.locator("#compte-connecte").inner_text()
    assert "non publiées" in page.locator("#note-publication").inner_text()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_selector("#lien-connexion")
    assert page.locator("#compte-connecte").count() == 0
    assert "Données au" in page.locator("#note-publication").inner_text()
    assert errors == []
    assert page.evaluate("window.__cspViolations") == []


def test_every_page_runs_under_the_policy_without_violation(accounts, live_server, page):
    errors = _watch(page)
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_selector("h1")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    assert errors == []


def _axe_violations(page, context=None) -> list:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context) if context else Axe().run(page)
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]


def test_login_page_and_signed_in_header_have_no_accessibility_violation(
    accounts, live_server, page
):
    page.goto(live_server.url + "/connexion")
    assert _axe_violations(page) == []
    page.get_by_label("Adresse électronique").fill("editeur.essonne@example.org")
    page.get_by_label("Mot de passe").fill("faux")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_selector("#erreur-connexion")
    assert _axe_violations(page) == []
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_selector("#compte-connecte")
    assert "éditeur Essonne" in page.locator("#compte-connecte").inner_text()
    assert _axe_violations(page, "header") == []
