"""The frame around every page: skip link, header with navigation, language switch, footer."""

from __future__ import annotations

from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.i18n import COMMON


@dataclass(frozen=True)
class NavEntry:
    label: str
    href: str
    # A page drawn without the site's frame is loaded afresh, so that the server draws it bare.
    full_load: bool = False


def navigation(entries: list[NavEntry], partner_entries: list[NavEntry], lang: str) -> html.Nav:
    """The main navigation; built from the page registry, never written by hand per page."""
    links = [
        html.Li(dcc.Link(entry.label, href=entry.href, className="nav-link"), className="nav-item")
        for entry in entries[:1]
    ]
    links.append(
        html.Li(
            [
                html.Span(
                    COMMON("partners", lang), className="nav-group-label", id="nav-partenaires"
                ),
                html.Ul(
                    [
                        html.Li(dcc.Link(p.label, href=p.href, className="nav-link"))
                        for p in partner_entries
                    ],
                    className="nav-sublist",
                    **{"aria-labelledby": "nav-partenaires"},
                ),
            ],
            className="nav-item nav-group",
        )
    )
    links.extend(
        html.Li(
            dcc.Link(entry.label, href=entry.href, className="nav-link", refresh=entry.full_load),
            className="nav-item",
        )
        for entry in entries[1:]
    )
    return html.Nav(
        html.Ul(links, className="nav main-nav"),
        id=ids.NAVBAR,
        className="site-nav",
        **{"aria-label": COMMON("main_navigation", lang)},
    )


def language_switch(lang: str) -> html.A:
    other = "en" if lang == "fr" else "fr"
    # A plain link to a server route that sets the cookie and comes back to the page it was
    # clicked on (the Referer): works without JS.
    return html.A(
        COMMON("switch_language", lang),
        href=f"/langue/{other}",
        id=ids.LANGUAGE_SWITCH,
        className="btn btn-outline-primary btn-sm language-switch",
        lang=other,
        hrefLang=other,
        title=COMMON("switch_language_label", lang),
    )


def demo_banner(lang: str) -> html.P:
    return html.P(
        COMMON("demo_banner", lang), id=ids.DEMO_BANNER, className="demo-banner", role="note"
    )


def shell(
    content,
    nav: html.Nav,
    lang: str,
    demonstration: bool,
    account=None,
    publication=None,
) -> html.Div:
    """The whole page around `content` (Dash Pages' container)."""
    return html.Div(
        [
            html.A(COMMON("skip_to_content", lang), href=f"#{ids.MAIN}", className="skip-link"),
            html.Header(
                dbc.Container(
                    [
                        html.Div(
                            [
                                dcc.Link(
                                    [
                                        html.Span("democra", className="brand-light"),
                                        html.Span("TIC", className="brand-strong"),
                                        html.Span(
                                            " — "
                                            + COMMON("app_title", lang)
                                            .replace("democraTIC", "")
                                            .strip(),
                                            className="brand-sub",
                                        ),
                                    ],
                                    href="/",
                                    className="brand",
                                ),
                                html.Div(
                                    [language_switch(lang), account],
                                    className="header-tools",
                                ),
                            ],
                            className="header-top",
                        ),
                        nav,
                        publication,
                    ],
                    fluid="lg",
                ),
                className="site-header no-print-controls",
            ),
            demo_banner(lang) if demonstration else None,
            html.Main(
                dbc.Container(content, fluid="lg"),
                id=ids.MAIN,
                tabIndex="-1",
                className="site-main",
            ),
            html.Footer(
                dbc.Container(html.P(COMMON("footer", lang)), fluid="lg"),
                className="site-footer",
            ),
        ],
        className="site",
    )
