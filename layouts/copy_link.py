"""« Copier le lien »: a button that copies the page's address, with what it shows (the period,
the filters) in its query string, to share it.

The copying is done in the browser by `assets/copy-link.js` (the Content-Security-Policy allows
no inline script, and no server round trip is needed): it copies `window.location.href` and says
« Lien copié » in the live region next to the button, so that a screen reader hears it too. The
words come from here, in the page's language, as data attributes.
"""

from __future__ import annotations

from dash import html

from layouts.i18n import Messages

COPY_LINK_TEXT = Messages(
    {
        "copy": ("Copier le lien", "Copy the link"),
        "copy_label": (
            "Copier le lien de cette page, avec la période affichée",
            "Copy this page's link, with the period shown",
        ),
        "copied": ("Lien copié", "Link copied"),
        "failed": (
            "Copie impossible : copiez l'adresse depuis la barre du navigateur",
            "Could not copy: copy the address from the browser's address bar",
        ),
    }
)


def copy_link_button(lang: str, label: str | None = None) -> html.Span:
    """The button and its live region; `label` names what the link keeps (its accessible name)."""
    return html.Span(
        [
            html.Button(
                [
                    html.I(className="bi bi-link-45deg", **{"aria-hidden": "true"}),
                    " ",
                    COPY_LINK_TEXT("copy", lang),
                ],
                type="button",
                className="btn btn-outline-secondary btn-sm copy-link-button",
                title=label or COPY_LINK_TEXT("copy_label", lang),
                **{
                    "data-copy-link": "page",
                    "data-copied": COPY_LINK_TEXT("copied", lang),
                    "data-failed": COPY_LINK_TEXT("failed", lang),
                    "aria-label": label or COPY_LINK_TEXT("copy_label", lang),
                },
            ),
            # Polite: the confirmation is read after what the user is doing, never over it.
            html.Span(
                className="copy-link-status",
                role="status",
                **{"aria-live": "polite", "data-copy-link-status": "page"},
            ),
        ],
        className="copy-link no-print",
    )
