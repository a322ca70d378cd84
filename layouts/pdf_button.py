"""The partner page's « PDF » button, beside « Imprimer »: a link to the PDF the server makes,
or, on a server that cannot make one, a plain sentence saying why (never a dead button)."""

from __future__ import annotations

from dataclasses import dataclass

from dash import html

from layouts.i18n import Messages

PDF_WORDS = Messages(
    {
        "pdf": ("PDF", "PDF"),
        "pdf_label": (
            "Télécharger cette page en PDF (A4 paysage, deux pages au plus)",
            "Download this page as a PDF (A4 landscape, two pages at most)",
        ),
        "unavailable": (
            "PDF indisponible sur ce serveur : {reason}",
            "No PDF on this server: {reason}",
        ),
    }
)


@dataclass(frozen=True)
class PdfLink:
    href: str
    # Why this server makes no PDF (French), or None.
    unavailable: str | None = None


def pdf_button(link: PdfLink | None, lang: str):
    if link is None:
        return None
    if link.unavailable:
        return html.Span(
            PDF_WORDS("unavailable", lang, reason=link.unavailable),
            className="pdf-unavailable small text-muted no-print ms-2",
            role="note",
        )
    return html.A(
        [html.I(className="bi bi-file-earmark-pdf", **{"aria-hidden": "true"}), " ", "PDF"],
        href=link.href,
        className="btn btn-outline-secondary btn-sm print-button pdf-button no-print ms-2",
        title=PDF_WORDS("pdf_label", lang),
        **{"aria-label": PDF_WORDS("pdf_label", lang)},
    )
