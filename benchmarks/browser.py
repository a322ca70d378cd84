"""What a visitor sees: time until every chart of a page is drawn, and the bytes transferred,
in headless Chromium (the Debian build; nothing is downloaded)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

from dashboard.pdf_renderer import CHROMIUM_ARGS

# The Chromium to drive; its flags (CHROMIUM_ARGS) are the PDF renderer's, one list for all.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Runs in the page from its first script: records the moment (ms since navigation start) when
# the page content is there, every chart in it is drawn and nothing is loading any more.
WATCH_SCRIPT = """
(() => {
  window.__benchDrawnAt = null;
  const check = () => {
    const content = document.getElementById('_pages_content');
    const graphs = document.querySelectorAll('.dash-graph');
    const drawn = document.querySelectorAll('.dash-graph .js-plotly-plot .main-svg');
    const loading = document.querySelector('[data-dash-is-loading="true"]');
    const ready = content && content.children.length > 0 && !loading
      && drawn.length >= graphs.length;
    if (ready && window.__benchDrawnAt === null) {
      window.__benchDrawnAt = performance.now();
      window.__benchCharts = graphs.length;
    } else if (!ready) {
      window.__benchDrawnAt = null;
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();
"""


@dataclass(frozen=True)
class PageVisit:
    path: str
    charts: int
    drawn_ms: float  # navigation start -> every chart drawn
    first_load_bytes: int  # bytes on the wire, headers included
    first_load_requests: int
    repeat_bytes: int
    repeat_requests: int
    repeat_drawn_ms: float


class _Traffic:
    """Bytes on the wire, from Chromium's own network events (compressed sizes)."""

    def __init__(self, cdp) -> None:
        self.bytes = 0
        self.requests = 0
        cdp.on("Network.loadingFinished", self._finished)
        cdp.send("Network.enable")

    def _finished(self, event) -> None:
        self.requests += 1
        self.bytes += int(event.get("encodedDataLength", 0))

    def reset(self) -> None:
        self.bytes = 0
        self.requests = 0


def visit(base_url: str, path: str, settle_ms: int = 700) -> PageVisit:
    """A cold visit (empty cache), then a repeat visit of the same page in the same browser."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # Playwright's wait_for_function polls with eval, which the app's Content-Security-
            # Policy forbids (no 'unsafe-eval'); the policy costs nothing to measure, so the
            # harness's own browser context bypasses it.
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, locale="fr-FR", bypass_csp=True
            )
            context.add_init_script(WATCH_SCRIPT)
            page = context.new_page()
            traffic = _Traffic(context.new_cdp_session(page))
            first_ms, charts = _load(page, base_url + path, settle_ms)
            first_bytes, first_requests = traffic.bytes, traffic.requests
            traffic.reset()
            repeat_ms, _ = _load(page, base_url + path, settle_ms)
            return PageVisit(
                path=path,
                charts=charts,
                drawn_ms=first_ms,
                first_load_bytes=first_bytes,
                first_load_requests=first_requests,
                repeat_bytes=traffic.bytes,
                repeat_requests=traffic.requests,
                repeat_drawn_ms=repeat_ms,
            )
        finally:
            browser.close()


def _load(page, url: str, settle_ms: int) -> tuple[float, int]:
    page.goto(url, wait_until="load", timeout=60_000)
    # Ready, and still ready a moment later (a late callback would reset the mark).
    page.wait_for_function("window.__benchDrawnAt !== null", timeout=60_000)
    page.wait_for_timeout(settle_ms)
    page.wait_for_function("window.__benchDrawnAt !== null", timeout=60_000)
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__benchDrawnAt"), page.evaluate("window.__benchCharts")
