"""`/integrer/<slug>`: a partner's public figures, compact and read-only, for an `<iframe>` on
the partner's own website.

Whoever asks, the page is built for the public viewer (public data, small counts protected):
a session cookie is never read for it, so that even a signed-in administrator's browser gets
nothing wider. No navigation, no export, no sign-in. Only this route may be framed, and only
by the sites listed for its partner (`Content-Security-Policy: frame-ancestors`, see
dashboard/security.py); with none listed it refuses framing like every other page.
"""

from __future__ import annotations

import flask

from callbacks.context import connect
from callbacks.partner import build_page
from callbacks.period import parse_period
from dashboard import security
from data import embed_origins, queries
from data.access import PUBLIC_VIEWER
from layouts.embed_view import summary_view
from layouts.i18n import COMMON, normalise_language
from layouts.sharing_section import iframe_code

EMBED_PATH = "/integrer/<slug>"


def embed_path(slug: str) -> str:
    return f"/integrer/{slug}"


def snippet(base_url: str, slug: str, title: str) -> str:
    """The `<iframe>` code a partner pastes into its site."""
    return iframe_code(base_url, slug, title)


def register(server: flask.Flask) -> None:
    settings = server.extensions["democratic"].settings

    @server.get(EMBED_PATH)
    def embedded(slug: str):
        if not settings.public_access:
            # A closed dashboard has no public figures to show anywhere.
            flask.abort(404)
        # The page's language from the address only: a frame on another site has no say in
        # the viewer's cookies, and must not depend on them.
        lang = normalise_language(flask.request.args.get("langue"))
        period = parse_period(flask.request.args.get("debut"), flask.request.args.get("fin"), lang)
        with connect() as connection:
            partner = queries.partner(connection, slug)
            if partner is None or partner["kind"] == "programme":
                flask.abort(404)
            page = build_page(connection, partner, period, PUBLIC_VIEWER, lang)
            allowed = embed_origins.origins(connection, slug)
        view = summary_view(page, lang)
        security.allow_framing(allowed)
        response = flask.make_response(
            flask.render_template(
                "embed.html",
                view=view,
                lang=lang,
                colour=page.colour,
                title_suffix=COMMON("app_title", lang),
                figures={"figures": [c.figure for c in view.charts], "config": view.config},
            )
        )
        # The same for everyone: no cookie is set or read for it.
        response.headers["Cache-Control"] = "public, max-age=300"
        return response
