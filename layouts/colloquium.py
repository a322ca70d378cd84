"""The colloquium's presentation mode: the slide deck as plain data, and its component tree.

Slides are composed on a fixed 1920×1080 canvas that the browser scales to the screen (as
presentation software does), so that what fits on one projector fits on every one. Every slide is
rendered once; `assets/colloque.js` only switches which one is visible. This module puts the
slides (`layouts.colloquium_slides`) in order on the stage; the deck's data are in
`layouts.colloquium_deck`.
"""

from __future__ import annotations

from collections.abc import Sequence

from dash import html

from layouts import ids
from layouts.colloquium_deck import SLIDE_TEXT, Deck, Options
from layouts.colloquium_parts import _icon
from layouts.colloquium_slides import (
    closing_slide,
    figures_slide,
    map_slide,
    partner_slide,
    timeline_slide,
    title_slide,
)


def slides(deck: Deck, theme: str) -> list[html.Section]:
    """The whole deck, in order: title, programme figures, one per partner, timeline, closing."""
    result = [title_slide(deck), figures_slide(deck)]
    result += [partner_slide(deck, p, n, theme) for n, p in enumerate(deck.partners, start=1)]
    result += [map_slide(deck, theme), timeline_slide(deck), closing_slide(deck)]
    return result


def presentation(
    slide_list: list,
    options: Options,
    *,
    lang: str,
    version: str,
    source: str,
    warnings: Sequence[str] = (),
) -> html.Div:
    """The stage: the scaled canvas with every slide, the progress bar and the notices.

    The data-* attributes configure `assets/colloque.js`; nothing on it is clickable.
    """
    return html.Div(
        [
            html.H1(SLIDE_TEXT("page_title", lang), className="visually-hidden"),
            html.P(
                SLIDE_TEXT("instructions", lang, seconds=options.interval),
                className="visually-hidden",
            ),
            html.Div(
                [
                    html.Div(slide_list, id=ids.COLLOQUE_DECK, className="colloque-deck"),
                    html.P(
                        id=ids.COLLOQUE_COUNTER,
                        className="colloque-counter",
                        **{"aria-hidden": "true"},
                    ),
                    html.P(
                        [_icon("bi-pause-fill"), " ", SLIDE_TEXT("paused", lang)],
                        id=ids.COLLOQUE_PAUSED,
                        className="colloque-paused",
                    ),
                    html.P(id=ids.COLLOQUE_NOTICE, className="colloque-notice", role="status"),
                    html.Div(
                        html.Div(className="colloque-progress-bar"),
                        id=ids.COLLOQUE_PROGRESS,
                        className="colloque-progress",
                        **{"aria-hidden": "true"},
                    ),
                    html.Ul(
                        [html.Li(w) for w in warnings], className="colloque-warnings", role="alert"
                    )
                    if warnings
                    else None,
                ],
                className="colloque-canvas",
            ),
        ],
        id=ids.COLLOQUE_STAGE,
        className=f"colloque theme-{options.theme}",
        role="region",
        **{
            "aria-label": SLIDE_TEXT("region", lang),
            "aria-roledescription": SLIDE_TEXT("roledescription", lang),
            "data-interval": str(options.interval),
            "data-refresh": str(options.refresh),
            "data-theme": options.theme,
            "data-source": source,
            "data-version": version,
            "data-offline": SLIDE_TEXT("offline", lang, heure="{heure}"),
            "data-signed-out": SLIDE_TEXT("signed_out", lang, heure="{heure}"),
            "data-lang": lang,
        },
    )
