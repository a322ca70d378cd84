"""A page followed by sections that other modules add (the data page's « Diffusion » and
« Historique »): each section builder decides, on the server, whether this viewer gets it."""

from __future__ import annotations

import functools
from collections.abc import Callable

from dash import html


def followed_by(
    layout: Callable[..., object], *builders: Callable[[], list]
) -> Callable[..., object]:
    """`layout` with what each of `builders` gives (nothing for a viewer who may not see it)."""

    @functools.wraps(layout)
    def page(**query):
        body = layout(**query)
        extra = [section for build in builders for section in build()]
        return html.Div([body, *extra]) if extra else body

    return page
