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
