"""Registration of the pages with Dash Pages, and the navigation built from that registry."""

from __future__ import annotations

from collections.abc import Callable

import dash

from callbacks import (
    colloquium,
    data_page,
    explorer,
    history_section,
    interpretation_admin,
    overview,
    page_sections,
    partner,
    sharing,
)
from callbacks import pages as views
from callbacks.context import current_language
from callbacks.page_cache import cached_page
from data.reference import PARTNERS
from layouts.i18n import COMMON
from layouts.shell import NavEntry

# (module name, path, message key, layout function); partner pages come from the partner table.
FIXED_PAGES = [
    # The read-mostly pages are kept whole in the cache (callbacks.page_cache).
    ("programme", "/", "overview", cached_page("overview", overview.layout)),
    ("explorateur", "/explorer", "explorer", cached_page("explorer", explorer.page)),
    # Not kept whole for accounts that load data: it lists the loads just rejected, which do
    # not change the data version (the public's answer is kept, callbacks/data_page.py).
    (
        "donnees",
        "/donnees",
        "data",
        page_sections.followed_by(
            data_page.page_layout,
            sharing.sections,
            interpretation_admin.sections,
            history_section.sections,
        ),
    ),
    ("colloque", colloquium.PATH, "colloquium", cached_page("colloquium", colloquium.layout)),
]


# Pages built afresh for an account (not kept whole in the cache, see FIXED_PAGES).
BUILT_PER_ACCOUNT = {"donnees"}

# Pages shown without the site's header, navigation and footer (the projector's full screen).
BARE_PAGES = {colloquium.PATH}


def register_pages() -> None:
    for order, (module, path, key, layout) in enumerate(FIXED_PAGES):
        dash.register_page(
            module,
            path=path,
            name=COMMON(key, "fr"),
            title=_title(key),
            layout=layout,
            order=order,
            bare=path in BARE_PAGES,
        )
    dash.register_page(
        "partenaire",
        path_template="/partenaires/<slug>",
        name=COMMON("partners", "fr"),
        title=partner.title,
        layout=cached_page("partner", partner.layout),
        order=len(FIXED_PAGES),
    )
    dash.register_page(
        "not_found_404", path="/404", title=COMMON("not_found_title", "fr"), layout=views.not_found
    )


def _title(key: str) -> Callable[[], str]:
    """The tab title, in the reader's language (Dash Pages calls it for every page view)."""

    def title() -> str:
        lang = current_language()
        return f"{COMMON(key, lang)} — {COMMON('app_title', lang)}"

    return title


def navigation_entries(lang: str) -> tuple[list[NavEntry], list[NavEntry]]:
    """The main entries (in registry order) and one entry per partner."""
    keys = {module: key for module, _p, key, _l in FIXED_PAGES}
    main = [
        NavEntry(
            COMMON(keys[page["module"]], lang), page["path"], full_load=page.get("bare", False)
        )
        for page in sorted(dash.page_registry.values(), key=lambda p: p.get("order") or 0)
        if page["module"] in keys
    ]
    partners = [
        NavEntry(spec.name_en if lang == "en" else spec.short_name, f"/partenaires/{spec.slug}")
        for spec in PARTNERS
        if spec.kind != "programme"
    ]
    return main, partners


def is_bare_path(path: str) -> bool:
    """True for a page drawn without the site's frame (the presentation mode)."""
    return (path.rstrip("/") or "/") in BARE_PAGES
