"""The data page's « Historique » sections in real Chromium, on SQLite and PostgreSQL: a
programme manager revises a target (a refusal first, in French), finds it in the audit trail;
no axe violation."""

from __future__ import annotations

import pytest

from data.access import Viewer
from layouts import history_section as view
from tests.conftest import app_settings_on

pytestmark = pytest.mark.browser


@pytest.fixture
def settings(tmp_path, demo_store):
    """Every test of this module on SQLite and on PostgreSQL."""
    return app_settings_on(demo_store, tmp_path)


MANAGER = Viewer(role="charge_de_mission", email="cm@example.org")


def test_revise_a_target_then_find_it_in_the_trail_without_axe_violation(app, live_server, page):
    from axe_playwright_python.sync_playwright import Axe

    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: MANAGER
    page.goto(live_server.url + "/donnees")
    page.wait_for_selector(f"#{view.TARGET_SAVE}")
    page.select_option(f"#{view.TARGET_CHOICE}", "paris_part_conseils_touches|paris")
    page.fill(f"#{view.TARGET_VALUE}", "cinquante")
    page.fill(f"#{view.TARGET_FROM}", "01/04/2012")
    page.fill(f"#{view.TARGET_REASON}", "Nouveaux conseils créés au printemps")
    page.click(f"#{view.TARGET_SAVE}")
    page.wait_for_selector(f"#{view.TARGET_AREA} .alert-danger")
    assert "« cinquante » n'est pas un nombre" in page.locator(f"#{view.TARGET_AREA}").inner_text()
    page.fill(f"#{view.TARGET_VALUE}", "50")
    page.click(f"#{view.TARGET_SAVE}")
    page.wait_for_selector(f"#{view.TARGET_AREA} .alert-success")
    revisions = page.locator(f"#{view.TARGET_AREA}").inner_text()
    assert (
        "Objectif relevé de 40\u00a0% à 50\u00a0% le 1er avril 2012 : Nouveaux conseils"
        in revisions
    )
    page.select_option(f"#{view.AUDIT_ACTION}", "revision_objectif")
    page.wait_for_selector(f"#{view.AUDIT_AREA} >> text=Page 1 sur 1 — 1 événement(s)")
    trail = page.locator(f"#{view.AUDIT_AREA} table").inner_text()
    assert "cm@example.org" in trail and "Révision d'objectif" in trail
    for section in (
        "section[aria-labelledby=titre-objectifs]",
        "section[aria-labelledby=titre-journal]",
    ):
        results = Axe().run(page, context=section)
        violations = [
            (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
            for v in results.response["violations"]
        ]
        assert violations == [], violations
