"""The presentation mode's wiring: URL options, the deck read from the store, and its two routes.

The page renders every slide once; `assets/colloque.js` rotates them in the browser and fetches
`/colloque/contenu.json` at the refresh interval, so that a lost server leaves the last slides on
screen. Both read the store for the viewer of the request, through the shared seams.
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass
from functools import partial
from urllib.parse import urlencode, urlsplit

import flask
import plotly.utils
import segno
from dash import html

from callbacks.context import (
    aggregate_for_viewer,
    connect,
    current_language,
    current_viewer,
    small_count_threshold,
)
from data import headlines, interpretations, publication, queries
from data.access import Viewer
from data.models import ActionStatus
from data.progress import WEAKEST_FIRST
from data.reference import COLLOQUIUM_DATE, YEAR_END, YEAR_START
from layouts import colloquium as view
from layouts import colloquium_deck
from layouts.i18n import Messages
from layouts.sentences import late_sentences, summary_sentences

PATH = "/colloque"
CONTENT_PATH = "/colloque/contenu.json"
QR_PATH = "/colloque/qr.svg"
PROGRAMME = "programme"

# Seconds between slides: long enough to be read, short enough for the tests (2 s).
MIN_INTERVAL = 2
MAX_INTERVAL = 3600
# Seconds between refreshes of the figures.
MIN_REFRESH = 1
MAX_REFRESH = 86_400

COLLOQUIUM_TEXT = Messages(
    {
        "interval_invalid": (
            "Paramètre « interval » ignoré : « {value} » n'est pas un nombre entier de secondes "
            "entre {low} et {high} ; les diapositives avancent toutes les {default} secondes.",
            "Parameter “interval” ignored: “{value}” is not a whole number of seconds between "
            "{low} and {high}; slides advance every {default} seconds.",
        ),
        "theme_invalid": (
            "Paramètre « theme » ignoré : « {value} » n'est pas un thème connu (attendu : "
            "« clair » ou « sombre ») ; thème « {default} » utilisé.",
            "Parameter “theme” ignored: “{value}” is not a known theme (expected: “clair” or "
            "“sombre”); theme “{default}” used.",
        ),
    }
)


@dataclass(frozen=True)
class ParsedOptions:
    options: colloquium_deck.Options
    warnings: tuple[str, ...]


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def parse_options(query: dict, settings, lang: str) -> ParsedOptions:
    """Validate `?interval=SECONDS&theme=clair|sombre` against the settings' defaults.

    A bad value never breaks the presentation: the default is used and a precise message says
    which parameter was ignored and what was expected.
    """
    warnings: list[str] = []
    default_interval = _clamp(int(settings.slide_interval), MIN_INTERVAL, MAX_INTERVAL)
    default_theme = (
        settings.slide_theme if settings.slide_theme in colloquium_deck.THEMES else "clair"
    )
    interval = default_interval
    raw = query.get("interval")
    text = str(raw).strip() if raw is not None else ""
    if text:
        if text.isascii() and text.isdigit() and MIN_INTERVAL <= int(text) <= MAX_INTERVAL:
            interval = int(text)
        else:
            warnings.append(
                COLLOQUIUM_TEXT(
                    "interval_invalid",
                    lang,
                    value=str(raw)[:40],
                    low=MIN_INTERVAL,
                    high=MAX_INTERVAL,
                    default=default_interval,
                )
            )
    theme = default_theme
    raw_theme = query.get("theme")
    if raw_theme not in (None, ""):
        if raw_theme in colloquium_deck.THEMES:
            theme = raw_theme
        else:
            warnings.append(
                COLLOQUIUM_TEXT(
                    "theme_invalid", lang, value=str(raw_theme)[:40], default=default_theme
                )
            )
    refresh = _clamp(int(settings.slide_refresh), MIN_REFRESH, MAX_REFRESH)
    return ParsedOptions(colloquium_deck.Options(interval, refresh, theme), tuple(warnings))


def public_url(settings) -> str:
    """The configured public URL, only when it is a plain http(s) address."""
    url = (getattr(settings, "public_url", "") or "").strip()
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc and not any(c.isspace() for c in url):
        return url
    return ""


def _name(row: dict, lang: str) -> str:
    return row["name_en" if lang == "en" else "name_fr"]


def read_deck(connection, lang: str, viewer: Viewer, settings) -> colloquium_deck.Deck:
    """Everything the slides show, read from the store for `viewer`."""
    read = partial(aggregate_for_viewer, viewer=viewer)
    threshold = small_count_threshold()
    partner_rows = queries.partners(connection)
    categories = {
        c["code"]: c["label_en" if lang == "en" else "label_fr"]
        for c in queries.categories(connection)
    }
    actions = queries.actions(connection)
    as_of = headlines.as_of_date(connection, YEAR_START, YEAR_END)

    def partner_slide(row: dict) -> colloquium_deck.PartnerSlide:
        # Every indicator: the slide shows four key figures, but its status and sentences are
        # rolled up from all of them, as on the partner's page.
        every = headlines.headline_figures(
            connection, row["slug"], YEAR_START, YEAR_END, read, as_of=as_of, headlines_only=False
        )
        figures = headlines.key_figures(every, 4)
        sentences = summary_sentences(
            row["slug"], every, YEAR_START, as_of, lang, threshold=threshold
        )
        late = late_sentences(every, lang, threshold=threshold)
        return colloquium_deck.PartnerSlide(
            slug=row["slug"],
            name=_name(row, lang),
            category=categories.get(row["category_code"], ""),
            description=row["description_en" if lang == "en" else "description_fr"],
            figures=tuple(figures),
            status=headlines.partner_status(every),
            # The room reads the finding and the count; the names of what is late are on the
            # partner's page (a slide has no room for them).
            sentences=tuple(s for s in sentences if s not in late),
            late=(
                len(headlines.late_figures(every)),
                sum(1 for f in every if f.status in WEAKEST_FIRST),
            ),
            actions=tuple(
                (a["title_en" if lang == "en" else "title_fr"], ActionStatus(a["status"]))
                for a in actions
                if a["partner_slug"] == row["slug"]
            ),
        )

    slides = [partner_slide(row) for row in partner_rows]
    programme = next(s for s in slides if s.slug == PROGRAMME)
    names = {row["slug"]: row["short_name"] for row in partner_rows}
    events_held = sum(
        1
        for e in queries.events(connection, published_only=not viewer.sees_all_unpublished)
        if YEAR_START <= e["event_date"] <= as_of
    )
    url = public_url(settings)
    summary = queries.store_summary(connection)
    return colloquium_deck.Deck(
        lang=lang,
        as_of=as_of,
        data_date=publication.data_date(connection),
        demonstration=summary.demonstration,
        colloquium_date=COLLOQUIUM_DATE,
        year_start=YEAR_START,
        year_end=YEAR_END,
        programme=programme,
        partners=tuple(s for s in slides if s.slug != PROGRAMME),
        events_held=events_held,
        threshold=threshold,
        timeline=tuple(
            colloquium_deck.TimelineAction(
                partner_slug=a["partner_slug"],
                partner_name=names.get(a["partner_slug"], a["partner_slug"]),
                title=a["title_en" if lang == "en" else "title_fr"],
                status=ActionStatus(a["status"]),
                start=a["start_date"],
                end=a["end_date"],
            )
            for a in actions
        ),
        public_url=url,
        qr_src=QR_PATH if url else "",
        notes=_notes(connection, viewer),
    )


def _notes(connection, viewer: Viewer) -> dict[str, tuple]:
    """The interpretations `viewer` reads (rights decided in data.interpretations), by indicator."""
    by_code: dict[str, list] = {}
    for note in interpretations.visible_notes(connection, viewer):
        by_code.setdefault(note.indicator_code, []).append(note)
    return {code: tuple(notes) for code, notes in by_code.items()}


def deck_payload(deck: colloquium_deck.Deck, theme: str) -> tuple[list, str, str]:
    """The slides, their JSON, and a version that changes whenever what they show changes."""
    slides = view.slides(deck, theme)
    encoded = json.dumps(slides, cls=plotly.utils.PlotlyJSONEncoder, sort_keys=True)
    return slides, encoded, hashlib.sha256(encoded.encode()).hexdigest()[:16]


def _settings():
    from callbacks.context import resources

    return resources().settings


def layout(**query) -> html.Div:
    """The /colloque page (Dash Pages passes the query string as keyword arguments)."""
    lang = current_language()
    settings = _settings()
    parsed = parse_options(query, settings, lang)
    with connect() as connection:
        deck = read_deck(connection, lang, current_viewer(), settings)
    slide_list, _encoded, version = deck_payload(deck, parsed.options.theme)
    source = f"{CONTENT_PATH}?{urlencode({'theme': parsed.options.theme})}"
    return view.presentation(
        slide_list,
        parsed.options,
        lang=lang,
        version=version,
        source=source,
        warnings=parsed.warnings,
    )


def content():
    """GET /colloque/contenu.json?theme=…: the current slides and their version."""
    lang = current_language()
    theme = flask.request.args.get("theme", "clair")
    if theme not in colloquium_deck.THEMES:
        body = {"erreur": COLLOQUIUM_TEXT("theme_invalid", lang, value=theme[:40], default="clair")}
        return flask.Response(json.dumps(body), status=400, mimetype="application/json")
    with connect() as connection:
        deck = read_deck(connection, lang, current_viewer(), _settings())
    slides, encoded, version = deck_payload(deck, theme)
    # The slides are already JSON: splice them in rather than decode and encode them again.
    body = f'{{"version": "{version}", "count": {len(slides)}, "slides": {encoded}}}'
    response = flask.Response(body, mimetype="application/json")
    response.headers["Cache-Control"] = "no-store"
    return response


def qr_code():
    """GET /colloque/qr.svg: a QR code of the public URL, generated here (never fetched)."""
    url = public_url(_settings())
    if not url:
        flask.abort(404)
    qr = segno.make(url, error="m", micro=False)
    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=10, border=2, dark="#000000", light="#ffffff", xmldecl=False)
    response = flask.Response(buffer.getvalue(), mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "max-age=3600"
    return response


def register(app) -> None:
    """The two routes of the presentation mode (the rotation itself needs no callback)."""
    server = app.server
    server.add_url_rule(CONTENT_PATH, "colloque_contenu", content, methods=["GET"])
    server.add_url_rule(QR_PATH, "colloque_qr", qr_code, methods=["GET"])
