"""Real Chromium: every page renders with no error in the browser console."""

from __future__ import annotations

import pytest

from tests.test_app import PAGES

pytestmark = pytest.mark.browser


def test_every_page_renders_without_console_errors(live_server, page):
    errors: list[str] = []
    page.on(
        "console", lambda message: errors.append(message.text) if message.type == "error" else None
    )
    page.on("pageerror", lambda error: errors.append(str(error)))
    outside: list[str] = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if not request.url.startswith(live_server.url) and not request.url.startswith("data:")
            else None
        ),
    )
    for path in PAGES:
        page.goto(live_server.url + path)
        page.wait_for_selector("h1")
        assert page.locator("h1").first.inner_text().strip()
        assert page.evaluate("document.documentElement.lang") == "fr"
    assert errors == []
    assert outside == []
