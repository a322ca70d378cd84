"""A value waiting for approval in real Chromium, on SQLite and PostgreSQL: the partner's editor
sees its month marked on the chart (hatched bar or ringed point, hover « en attente de
validation ») and in the chart's table; the public sees the page it always saw; no axe
violation on the marked chart."""

from __future__ import annotations

import pytest

from data.access import PUBLIC_VIEWER
from data.importing.service import import_file
from tests.browser_support import wait_for
from tests.conftest import app_settings_on
from tests.importing_support import PARIS_EDITOR, csv_bytes
from tests.test_pending_values import CODE, HEADER, _paris_march_row

pytestmark = pytest.mark.browser
CARD = f".chart-card:has(#evolution-{CODE}-titre)"
# What the chart of the indicator draws as pending: hatched bars, or a trace of rings.
PENDING_DRAWN = f"""(() => {{
    const g = document.querySelector('{CARD} .js-plotly-plot');
    if (!g || !g.data) return null;
    const shapes = t => ((t.marker || {{}}).pattern || {{}}).shape;
    const hatched = g.data.flatMap(t => Array.isArray(shapes(t)) ? shapes(t) : [])
        .filter(s => s === '/').length;
    const rings = g.data.filter(t => t.type === 'scatter' && t.name === 'En attente de validation')
        .reduce((n, t) => n + t.x.length, 0);
    const hovers = g.data.flatMap(t => (t.customdata || []).flat())
        .filter(c => typeof c === 'string' && c.includes('en attente de validation'));
    const legend = g.data.filter(t => t.name === 'En attente de validation').length;
    return {{marks: hatched + rings, hovers: hovers.length, legend: legend}};
}})()"""


@pytest.fixture
def settings(tmp_path, demo_store):
    """Every test of this module on SQLite and on PostgreSQL."""
    return app_settings_on(demo_store, tmp_path)


def _open(app, live_server, page, viewer) -> dict:
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
    page.goto(live_server.url + "/partenaires/paris?debut=2012-01&fin=2012-06")
    # A chart is drawn when it comes near the window: the reader scrolls down to it.
    page.locator(CARD).scroll_into_view_if_needed()
    wait_for(page, f"{PENDING_DRAWN} !== null")
    return page.evaluate(PENDING_DRAWN)


def test_the_editor_sees_the_pending_month_marked_and_the_public_does_not(
    app, live_server, page, demo_store
):
    from axe_playwright_python.sync_playwright import Axe

    row = _paris_march_row(demo_store)
    assert import_file(demo_store, csv_bytes([HEADER, row]), "v2.csv", PARIS_EDITOR).ok
    drawn = _open(app, live_server, page, PARIS_EDITOR)
    assert drawn == {"marks": 1, "hovers": drawn["hovers"], "legend": 1}
    assert drawn["hovers"] >= 1
    page.click(f"{CARD} details.chart-data summary")
    table = page.locator(f"{CARD} details.chart-data table").inner_text()
    assert "Validation" in table and "Valeur publiée" in table
    lines = [line for line in table.splitlines() if "en attente" in line]
    assert len(lines) == 1 and lines[0].startswith("mars")
    results = Axe().run(page, context=CARD)
    violations = [(v["id"], v["impact"]) for v in results.response["violations"]]
    assert violations == [], violations

    public = _open(app, live_server, page, PUBLIC_VIEWER)
    assert public == {"marks": 0, "hovers": 0, "legend": 0}
    page.click(f"{CARD} details.chart-data summary")
    assert "Validation" not in page.locator(f"{CARD} details.chart-data table").inner_text()
