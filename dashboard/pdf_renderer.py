"""A page of the app printed to PDF by a headless Chromium the server starts for it.

Why a browser rather than a PDF library: the PDF then holds exactly the figures the screen
shows, drawn by the same plotly.js and laid out by the same print style (assets/print.css,
assets/print-charts.js) that already fits a partner page on two A4 landscape sheets. Chromium is
driven through Playwright's DevTools-protocol client, pointed at the system's Chromium (no
browser is downloaded). Nothing is fetched from elsewhere than the app itself: every other
request of the page is aborted.

The page says when it is ready (assets/paper-ready.js): every chart drawn, then every chart
redrawn to its paper box once print media is emulated. No fixed sleep, and a bounded wait that
ends in `RenderTimeout`, a French message, never a blank or half-drawn PDF.
"""

from __future__ import annotations

import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
CHARTS_DRAWN = "() => !!(window.democraticPaper && window.democraticPaper.chartsDrawn())"
PAPER_READY = "() => !!(window.democraticPaper && window.democraticPaper.paperReady())"
POLL_MS = 50


class RenderUnavailable(Exception):
    """No PDF on this machine: the message says why, in French."""


class RenderTimeout(Exception):
    """The page did not say it was ready within the time allowed."""


@dataclass(frozen=True)
class Cookie:
    name: str
    value: str


def chromium_executable(configured: str = "") -> str | None:
    """The Chromium to start: the configured path (and no other), else `chromium` on the PATH."""
    candidates = (configured,) if configured else (shutil.which("chromium"), "/usr/bin/chromium")
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return candidate
    return None


def unavailable_reason(configured: str = "") -> str | None:
    """Why PDFs cannot be made here (French), or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "le module Python « playwright », qui pilote Chromium, n'est pas installé sur ce "
            "serveur."
        )
    if chromium_executable(configured) is None:
        where = f" ({configured})" if configured else ""
        return f"le navigateur Chromium n'est pas installé sur ce serveur{where}."
    return None


def render_pdf(
    url: str,
    cookies: list[Cookie],
    timeout_seconds: float,
    chromium: str = "",
    language: str = "fr",
) -> bytes:
    """The page at `url`, printed on A4 landscape once it says it is ready."""
    reason = unavailable_reason(chromium)
    if reason:
        raise RenderUnavailable(reason)
    # Playwright's synchronous client refuses to run in a thread with an asyncio loop (an
    # async server, a test's own browser): each PDF gets a thread of its own.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="pdf") as pool:
        return pool.submit(_render, url, cookies, timeout_seconds, chromium, language).result()


def _render(url, cookies, timeout_seconds, chromium, language) -> bytes:
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    origin = _origin(url)
    deadline = time.monotonic() + timeout_seconds
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium_executable(chromium),
                args=CHROMIUM_ARGS,
                timeout=timeout_seconds * 1000,
            )
            try:
                context = browser.new_context(
                    viewport={"width": 1280, "height": 900},
                    locale="en-GB" if language == "en" else "fr-FR",
                )
                context.add_cookies(
                    [
                        {"name": c.name, "value": c.value, "url": origin, "httpOnly": True}
                        for c in cookies
                    ]
                )
                # Only the app itself is ever asked for anything.
                context.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if _origin(route.request.url) == origin
                        else route.abort("blockedbyclient")
                    ),
                )
                page = context.new_page()
                page.goto(url, wait_until="load", timeout=_left(deadline) * 1000)
                _wait(page, CHARTS_DRAWN, deadline, timeout_seconds, DRAWING_LATE)
                page.emulate_media(media="print")
                _wait(page, PAPER_READY, deadline, timeout_seconds, PAPER_LATE)
                return page.pdf(format="A4", landscape=True, print_background=True)
            finally:
                browser.close()
    except PlaywrightError as error:
        if "Timeout" in type(error).__name__ or "Timeout" in str(error):
            raise RenderTimeout(_late_message(PAGE_LATE, timeout_seconds)) from error
        # The browser could not start or reach the page: said in French, never a 500 page.
        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0][:200]
        raise RenderUnavailable(
            f"le navigateur n'a pas pu ouvrir la page à imprimer ({first_line})."
        ) from error


def _wait(page, expression: str, deadline: float, seconds: float, late: str) -> None:
    # page.evaluate goes through the DevTools protocol, which the page's CSP (no eval) allows.
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise RenderTimeout(_late_message(late, seconds))
        page.wait_for_timeout(POLL_MS)


PAGE_LATE = "la page ne s'est pas chargée"
DRAWING_LATE = "les graphiques de la page ne se sont pas tous affichés"
PAPER_LATE = "la page ne s'est pas mise en page pour le papier"


def _late_message(what: str, seconds: float) -> str:
    return (
        f"Le PDF n'a pas pu être préparé : {what} en {seconds:g} s. Réessayez dans un moment, "
        "ou imprimez la page depuis le navigateur (bouton « Imprimer »)."
    )


def _left(deadline: float) -> float:
    return max(0.5, deadline - time.monotonic())


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()
