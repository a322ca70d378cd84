"""« Copier le lien »: a button that copies the page's address, as it stands, to the clipboard.

The address is the view (period, filters), so copying it is how a view is shared. The copy is
done in the browser by `assets/copy-link.js` (the CSP forbids inline scripts): any button with
`data-copy-link` copies `location.href` and writes the confirmation (or the failure, with what
to do instead) into the status next to it, which screen readers announce (role="status").
"""

from __future__ import annotations

from dash import html

from layouts.i18n import Messages

T = Messages(
    {
        "copy": ("Copier le lien", "Copy the link"),
        "copy_label": (
            "Copier le lien de cette page, avec ses filtres, dans le presse-papiers",
            "Copy this page's link, with its filters, to the clipboard",
        ),
        "copied": (
            "Lien copié dans le presse-papiers.",
            "Link copied to the clipboard.",
        ),
        "failed": (
            "Le lien n'a pas pu être copié : copiez l'adresse affichée par le navigateur.",
            "The link could not be copied: copy the address shown by the browser.",
        ),
    }
)


def copy_link_button(lang: str) -> html.Div:
    """The button and its status line (empty until a copy is tried)."""
    return html.Div(
        [
            html.Button(
                [
                    html.I(className="bi bi-link-45deg", **{"aria-hidden": "true"}),
                    " ",
                    T("copy", lang),
                ],
                type="button",
                className="btn btn-outline-secondary btn-sm copy-link-button",
                title=T("copy_label", lang),
                **{
                    "data-copy-link": "page",
                    "data-copied": T("copied", lang),
                    "data-failed": T("failed", lang),
                    "aria-label": T("copy_label", lang),
                },
            ),
            html.Span(className="copy-link-status", role="status"),
        ],
        className="copy-link no-print",
    )
