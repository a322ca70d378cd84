"""Helpers for the Chromium tests that keep working under the app's Content-Security-Policy.

Playwright's `page.wait_for_function` compiles its predicate with `eval` inside the page, which
the app's CSP (no 'unsafe-eval') rightly forbids. Polling with `page.evaluate` goes through the
DevTools protocol instead, which the page's CSP does not govern.
"""

from __future__ import annotations

import time

DEFAULT_TIMEOUT_MS = 15_000


def wait_for(
    page, expression: str, timeout: float = DEFAULT_TIMEOUT_MS, polling: float = 50
) -> None:
    """Wait until the JavaScript `expression` is truthy in the page (a wait, not a timing test)."""
    deadline = time.monotonic() + timeout / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"still false after {timeout / 1000:.0f} s: {expression}")
        page.wait_for_timeout(polling)


# Dash has drawn the page: the server's copy of it (dashboard/first_paint.py), which stands in
# for it until then with the same texts and classes but neither its ids nor working controls, is
# gone; or no script runs in this page (the copy is then the page).
DASH_DRAWN = "!document.getElementById('premier-affichage') || !window.DashRenderer"


def waiting_for_dash(navigate):
    """A page's navigation by address (goto, reload) that returns once Dash has drawn the page,
    as a reader's first action would find it."""

    def navigate_then_wait(page, *args, **kwargs):
        response = navigate(page, *args, **kwargs)
        wait_for(page, DASH_DRAWN)
        return response

    return navigate_then_wait


# Every chart box in the window holds a drawn chart (a chart is drawn when it comes near the
# window: assets/plotly-on-demand.js).
WINDOW_DRAWN = """() => Array.from(document.querySelectorAll('.dash-graph')).every(graph => {
    const box = graph.getBoundingClientRect();
    const seen = box.bottom > 0 && box.top < window.innerHeight && box.height > 0;
    return !seen || graph.querySelector('.js-plotly-plot .main-svg');
})"""
AT_THE_END = "window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2"


def read_to_the_end(page, timeout: float = DEFAULT_TIMEOUT_MS) -> None:
    """Scroll down one window at a time, as a reader does, each window's charts drawn before
    the next, down to the end of the page; then back to the top."""
    for _ in range(200):
        wait_for(page, "!document.querySelector('[data-dash-is-loading=\"true\"]')", timeout)
        wait_for(page, WINDOW_DRAWN, timeout)
        if page.evaluate(AT_THE_END):
            break
        page.evaluate("window.scrollBy({top: window.innerHeight, behavior: 'instant'})")
    page.evaluate("window.scrollTo(0, 0)")
