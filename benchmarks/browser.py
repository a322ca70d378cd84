"""What a visitor sees: time until every chart of a page is drawn, and the bytes transferred,
in headless Chromium (the Debian build; nothing is downloaded)."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass

from dashboard.pdf_renderer import CHROMIUM_ARGS

# The Chromium to drive; its flags (CHROMIUM_ARGS) are the PDF renderer's, one list for all.
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"

# Runs in the page from its first script. The page draws a chart when it comes near the window
# (assets/plotly-on-demand.js), so the script reads on as a visitor would, as fast as the page
# lets it: once every chart in the window is drawn, it scrolls one window down, to the end. It
# records (ms since navigation start) when the page content is there with every chart of the
# first window drawn, when every chart of the page is drawn and nothing is loading any more, and
# for each chart how long it stayed blank in the window.
WATCH_SCRIPT = """
(() => {
  // A repeat visit starts at the top too (not where the previous one ended).
  history.scrollRestoration = 'manual';
  window.__benchDrawnAt = null;
  window.__benchFirstScreenAt = null;
  window.__benchLagMs = 0;
  const entered = new Map();
  const inWindow = (graph) => {
    const box = graph.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight && box.height > 0;
  };
  const isDrawn = (graph) => !!graph.querySelector('.js-plotly-plot .main-svg');
  const check = () => {
    const now = performance.now();
    const content = document.getElementById('_pages_content');
    const graphs = Array.from(document.querySelectorAll('.dash-graph'));
    const loading = document.querySelector('[data-dash-is-loading="true"]');
    const there = content && content.children.length > 0 && !loading;
    const visible = graphs.filter(inWindow);
    visible.forEach((g) => { if (!entered.has(g)) { entered.set(g, now); } });
    graphs.filter(isDrawn).forEach((g) => {
      if (entered.has(g) && !g.__benchLagged) {
        g.__benchLagged = true;
        window.__benchLagMs = Math.max(window.__benchLagMs, now - entered.get(g));
      }
    });
    const windowDrawn = visible.every(isDrawn);
    if (there && windowDrawn && window.__benchFirstScreenAt === null) {
      window.__benchFirstScreenAt = now;
    }
    const ready = there && graphs.every(isDrawn);
    if (ready && window.__benchDrawnAt === null) {
      window.__benchDrawnAt = now;
      window.__benchCharts = graphs.length;
    } else if (!ready) {
      window.__benchDrawnAt = null;
    }
    const bottom = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
    // 'instant': the page's stylesheet asks for smooth scrolling, which a scroll every frame
    // would restart forever.
    if (there && windowDrawn && !bottom) {
      window.scrollBy({ top: window.innerHeight, behavior: 'instant' });
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
    drawn_ms: float  # navigation start -> every chart drawn (read down to the end)
    first_screen_ms: float  # navigation start -> content and the charts of the first window
    lag_ms: float  # longest time a chart stayed blank in the window
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
            first_ms, charts, first_screen_ms, lag_ms = _load(page, base_url + path, settle_ms)
            first_bytes, first_requests = traffic.bytes, traffic.requests
            traffic.reset()
            repeat_ms, *_ = _load(page, base_url + path, settle_ms)
            return PageVisit(
                path=path,
                charts=charts,
                drawn_ms=first_ms,
                first_screen_ms=first_screen_ms,
                lag_ms=lag_ms,
                first_load_bytes=first_bytes,
                first_load_requests=first_requests,
                repeat_bytes=traffic.bytes,
                repeat_requests=traffic.requests,
                repeat_drawn_ms=repeat_ms,
            )
        finally:
            browser.close()


def _load(page, url: str, settle_ms: int) -> tuple[float, int, float, float]:
    page.goto(url, wait_until="load", timeout=60_000)
    # Ready, and still ready a moment later (a late callback would reset the mark).
    page.wait_for_function("window.__benchDrawnAt !== null", timeout=60_000)
    page.wait_for_timeout(settle_ms)
    page.wait_for_function("window.__benchDrawnAt !== null", timeout=60_000)
    page.wait_for_load_state("networkidle")
    return page.evaluate(
        "[window.__benchDrawnAt, window.__benchCharts, window.__benchFirstScreenAt,"
        " window.__benchLagMs]"
    )
