"""Wiring of the data page's « Diffusion » sections (layouts/sharing_section.py): the sites that
may embed each partner's page (administrators change them, programme managers read them and the
`<iframe>` code), and the digests' subscriptions and log (programme managers and
administrators). Every callback checks the viewer's role on the server; anyone else's request
changes nothing."""

from __future__ import annotations

import datetime as dt

import dash
import flask
from dash import ALL, Input, Output, State, no_update

from callbacks.context import connect, current_language, current_viewer, resources
from data import digest, embed_origins, queries
from data.access import Viewer
from data.models import Role
from data.reference import PARTNER_SLUGS
from data.store import session_factory, transaction
from layouts import sharing_section as view


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def may_manage_digests(viewer: Viewer) -> bool:
    return viewer.sees_all_unpublished  # programme managers and administrators


def may_edit_embedding(viewer: Viewer) -> bool:
    return viewer.role == Role.ADMINISTRATOR.value


def sections() -> list:
    viewer = current_viewer()
    if not may_manage_digests(viewer):
        return []
    lang = current_language()
    editable = may_edit_embedding(viewer)
    with connect() as connection:
        names = _partner_names(connection, lang)
        embed_part = _embed_area(connection, names, editable, lang)
        digest_part = _digest_area(connection, names, lang)
    partners = [(slug, names[slug]) for slug in PARTNER_SLUGS]
    scopes = [*partners, (digest.PROGRAMME, view.programme_option(lang))]
    return [
        view.embed_section(embed_part, partners, editable, lang),
        view.digest_section(digest_part, scopes, lang),
    ]


def _partner_names(connection, lang: str) -> dict[str, str]:
    return {
        p["slug"]: p["name_en" if lang == "en" else "short_name"]
        for p in queries.partners(connection)
    }


def _base_url() -> str:
    settings = resources().settings
    if settings.public_url:
        return settings.public_url.rstrip("/")
    return flask.request.host_url.rstrip("/") if flask.has_request_context() else ""


def _embed_area(connection, names, editable, lang, message=None, colour="success"):
    listed = embed_origins.all_origins(connection)
    base = _base_url()
    rows = [
        (
            slug,
            names[slug],
            listed.get(slug, []),
            view.iframe_code(base, slug, f"{names[slug]} — democraTIC"),
        )
        for slug in PARTNER_SLUGS
    ]
    return view.embed_area(rows, editable, lang, message, colour)


def _digest_area(connection, names, lang, message=None, colour="success"):
    now = _now()
    with session_factory(resources().engine)() as session:
        subscriptions = digest.active_subscriptions(session)
    scope_name = {**names, digest.PROGRAMME: view.programme_option(lang)}
    language = (
        {"fr": "français", "en": "anglais"} if lang == "fr" else {"fr": "French", "en": "English"}
    )
    subscribed = [
        {
            "id": s.id,
            "email": s.email,
            "scope": scope_name.get(s.scope, s.scope),
            "lang": language.get(s.lang, s.lang),
            "frequency": view.frequency_word(s.frequency, lang),
            "since": digest.paris_time(s.created_at, lang),
        }
        for s in subscriptions
    ]
    log = [
        {
            "when": digest.paris_time(line.sent_at or line.claimed_at, lang),
            "recipient": line.email,
            "scope": scope_name.get(line.scope, line.scope),
            "period": line.period_key,
            "state": digest.STATE_LABELS[line.state][1 if lang == "en" else 0],
            "attempts": line.attempts,
            "pdf": line.with_pdf,
            "error": line.error if line.state != digest.SENT else "",
        }
        for line in digest.send_log(connection, now)
    ]
    return view.digest_area(subscribed, log, lang, message, colour)


def _clicked(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def register(app: dash.Dash) -> None:
    @app.callback(
        Output(view.EMBED_AREA, "children"),
        Input(view.EMBED_ADD, "n_clicks"),
        Input({"type": view.EMBED_REMOVE, "index": ALL}, "n_clicks"),
        State(view.EMBED_PARTNER, "value"),
        State(view.EMBED_ORIGIN, "value"),
        prevent_initial_call=True,
    )
    def change_embedding(add_clicks, _remove_clicks, slug, origin):
        viewer = current_viewer()
        if not may_edit_embedding(viewer):
            return no_update
        trigger = dash.ctx.triggered_id
        lang = current_language()
        removing = isinstance(trigger, dict) and trigger.get("type") == view.EMBED_REMOVE
        if removing:
            if not _clicked(dash.ctx.triggered[0].get("value")):
                return no_update  # a button drawn anew, not a click
            slug, _, origin = str(trigger.get("index", "")).partition(" ")
        elif not _clicked(add_clicks):
            return no_update
        with connect() as connection:
            names = _partner_names(connection, lang)
        if not isinstance(slug, str) or slug not in names or slug not in PARTNER_SLUGS:
            message, colour = "Choisissez un partenaire de la liste.", "danger"
        else:
            try:
                with transaction(resources().engine) as session:
                    if removing:
                        embed_origins.remove(session, slug, origin)
                        key, shown = "removed", embed_origins.normalise_origin(origin)
                    else:
                        shown, added = embed_origins.add(
                            session, slug, origin, viewer.email or "", _now()
                        )
                        key = "allowed" if added else "already"
                message = view.SHARING_TEXT(key, lang, origin=shown, partner=names[slug])
                colour = "success"
            except embed_origins.OriginRefused as refused:
                message, colour = str(refused), "danger"
        with connect() as connection:
            return _embed_area(connection, names, True, lang, message, colour)

    @app.callback(
        Output(view.DIGEST_AREA, "children"),
        Input(view.DIGEST_ADD, "n_clicks"),
        Input({"type": view.DIGEST_END, "index": ALL}, "n_clicks"),
        State(view.DIGEST_EMAIL, "value"),
        State(view.DIGEST_SCOPE, "value"),
        State(view.DIGEST_LANG, "value"),
        State(view.DIGEST_FREQUENCY, "value"),
        prevent_initial_call=True,
    )
    def change_digests(add_clicks, _end_clicks, email, scope, language, frequency):
        viewer = current_viewer()
        if not may_manage_digests(viewer):
            return no_update
        trigger = dash.ctx.triggered_id
        lang = current_language()
        ending = isinstance(trigger, dict) and trigger.get("type") == view.DIGEST_END
        if ending and not _clicked(dash.ctx.triggered[0].get("value")):
            return no_update
        if not ending and not _clicked(add_clicks):
            return no_update
        try:
            with transaction(resources().engine) as session:
                if ending:
                    ended = digest.end_subscription(session, trigger.get("index"), _now())
                    message = view.SHARING_TEXT("ended", lang) if ended else None
                else:
                    row = digest.subscribe(
                        session, email, scope, language, frequency, viewer.email or "", _now()
                    )
                    message = view.SHARING_TEXT("subscribed", lang, email=row.email)
            colour = "success"
        except digest.DigestRefused as refused:
            message, colour = str(refused), "danger"
        with connect() as connection:
            names = _partner_names(connection, lang)
            return _digest_area(connection, names, lang, message, colour)
