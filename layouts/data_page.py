"""The data page: loading files (upload, report, confirmation), the record of loads, data
quality (freshness and completeness) and the indicator catalogue. Pure components.

This module holds the record of loads, the quality and catalogue sections and the page itself; the
loading section is in `layouts.data_import`, the words and shared pieces in
`layouts.data_page_parts`."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts import ids
from layouts.components import html_element, page_header
from layouts.data_page_parts import (
    DATA_PAGE_TEXT,
    FREQUENCIES,
    KIND_LABELS,
    STATUS_LABELS,
    _label,
    _local,
    _table,
)
from layouts.i18n import dimension_name, format_date, format_number


def loads_table(loads: list[dict], rights: dict[int, tuple[bool, bool]], lang: str) -> html.Div:
    """`rights`: load id -> (may approve, may undo), decided on the server."""
    if not loads:
        return html.P(DATA_PAGE_TEXT("loads_empty", lang))
    rows = []
    for load in loads:
        approve, undo = rights.get(load["id"], (False, False))
        status = _label(STATUS_LABELS, load["status"], lang)
        if load["status"] == "accepte":
            status += " · " + ("publié" if load["published"] else "non publié (à approuver)")
        actions = [
            dbc.Button(
                DATA_PAGE_TEXT("approve", lang),
                id={"type": ids.DATA_APPROVE, "index": load["id"]},
                size="sm",
                color="primary",
                className="me-1",
                title=f"{DATA_PAGE_TEXT('approve', lang)} : n° {load['id']}",
            )
            if approve
            else None,
            dbc.Button(
                DATA_PAGE_TEXT("undo", lang),
                id={"type": ids.DATA_UNDO, "index": load["id"]},
                size="sm",
                color="danger",
                outline=True,
                title=f"{DATA_PAGE_TEXT('undo', lang)} : n° {load['id']}",
            )
            if undo
            else None,
        ]
        created = _local(load["created_at"])
        rows.append(
            html.Tr(
                [
                    html.Td(load["id"]),
                    html.Td(
                        f"{format_date(created.date(), lang)} {created:%H:%M}" if created else "—"
                    ),
                    html.Td(load["created_by"]),
                    html.Td(load["file_name"], className="text-break"),
                    html.Td(_label(KIND_LABELS, load["kind"], lang)),
                    html.Td(load["partner_name"] or "—"),
                    html.Td(format_number(load["rows_accepted"], lang), className="text-end"),
                    html.Td(status),
                    html.Td([a for a in actions if a is not None] or "—"),
                ]
            )
        )
    return _table("loads", rows, lang, DATA_PAGE_TEXT("loads_title", lang))


def quality_section(freshness: list, failed: list[dict], as_of, lang: str) -> html.Section:
    rows = []
    for item in freshness:
        if item.not_defined:
            missing = DATA_PAGE_TEXT("not_defined", lang)
        elif item.frequency == "ponctuel":
            missing = DATA_PAGE_TEXT("punctual", lang)
        else:
            missing = ", ".join(item.missing) or DATA_PAGE_TEXT("none_missing", lang)
        # Plain-dict cells (layouts.components.html_element): this table has a row per indicator.
        rows.append(
            html_element(
                "Tr",
                [
                    html_element("Td", item.partner_name),
                    html_element(
                        "Td",
                        [
                            html_element("Span", item.indicator_label),
                            html_element("Br", None),
                            html_element("Code", item.indicator_code),
                        ],
                    ),
                    html_element("Td", _label(FREQUENCIES, item.frequency, lang)),
                    html_element(
                        "Td",
                        format_date(item.last_period_end, lang)
                        if item.last_period_end
                        else DATA_PAGE_TEXT("no_data", lang),
                    ),
                    html_element("Td", missing, "missing-periods" if item.missing else None),
                ],
            )
        )
    failed_block = None
    if failed:
        failed_block = html.Div(
            [
                html.H3(DATA_PAGE_TEXT("failed_title", lang), className="h5"),
                html.Ul(
                    [
                        html.Li(
                            [
                                html.Strong(f"{load['file_name']}"),
                                f" — {load['created_by']}, "
                                f"{format_date(load['created_at'].date(), lang) if load['created_at'] else ''}"
                                f" ({load['partner_name'] or '—'}) : ",
                                html.Span(
                                    (load["message"] or "").splitlines()[0]
                                    if load["message"]
                                    else ""
                                ),
                            ]
                        )
                        for load in failed
                    ]
                ),
            ]
        )
    return html.Section(
        [
            html.H2(DATA_PAGE_TEXT("quality_title", lang), id="titre-qualite"),
            html.P(DATA_PAGE_TEXT("quality_lead", lang, date=format_date(as_of, lang))),
            _table("quality", rows, lang, DATA_PAGE_TEXT("quality_title", lang)),
            failed_block,
        ],
        className="data-section",
        **{"aria-labelledby": "titre-qualite"},
    )


def catalogue_section(indicators: list[dict], partners: dict[str, str], lang: str) -> html.Section:
    en = lang == "en"
    rows = [
        html_element(
            "Tr",
            [
                html_element("Td", html_element("Code", i["code"])),
                html_element("Td", i["label_en" if en else "label_fr"]),
                html_element("Td", i["definition_en" if en else "definition_fr"]),
                html_element("Td", i["unit_en" if en else "unit_fr"]),
                html_element("Td", partners.get(i["partner_slug"], i["partner_slug"])),
                html_element(
                    "Td", ", ".join(dimension_name(b, lang) for b in i["breakdowns"]) or "—"
                ),
                html_element("Td", _label(FREQUENCIES, i["expected_frequency"], lang)),
            ],
        )
        for i in indicators
    ]
    return html.Section(
        [
            html.H2(DATA_PAGE_TEXT("catalogue_title", lang), id="titre-catalogue"),
            _table("catalogue", rows, lang, DATA_PAGE_TEXT("catalogue_title", lang)),
        ],
        className="data-section",
        **{"aria-labelledby": "titre-catalogue"},
    )


def export_section(lang: str) -> html.Section:
    return html.Section(
        [
            html.H2(DATA_PAGE_TEXT("export_title", lang), id="titre-export"),
            html.P(DATA_PAGE_TEXT("export_text", lang)),
            html.A(
                DATA_PAGE_TEXT("export_button", lang),
                href="/donnees/export.zip",
                className="btn btn-outline-primary",
                download="",
            ),
        ],
        className="data-section",
        **{"aria-labelledby": "titre-export"},
    )


def page(
    import_part: html.Section,
    loads_part: html.Div | None,
    quality_part: html.Section,
    catalogue_part: html.Section,
    export_part: html.Section | None,
    lang: str,
) -> html.Div:
    loads_block = None
    if loads_part is not None:
        loads_block = html.Section(
            [
                html.H2(DATA_PAGE_TEXT("loads_title", lang), id="titre-chargements"),
                html.Div(id=ids.DATA_STATUS, role="status", **{"aria-live": "polite"}),
                html.Div(loads_part, id=ids.DATA_LOADS),
                undo_dialog(lang),
            ],
            className="data-section",
            **{"aria-labelledby": "titre-chargements"},
        )
    return html.Div(
        [
            page_header(DATA_PAGE_TEXT("title", lang), DATA_PAGE_TEXT("lead", lang)),
            import_part,
            loads_block,
            quality_part,
            catalogue_part,
            export_part,
        ],
        className="data-page",
    )


def undo_dialog(lang: str) -> dbc.Modal:
    """Undoing is not reversible: it is asked for twice."""
    return html.Div(
        [
            dcc.Store(id=ids.DATA_UNDO_TARGET),
            dbc.Modal(
                [
                    dbc.ModalHeader(dbc.ModalTitle(DATA_PAGE_TEXT("undo_title", lang))),
                    dbc.ModalBody(html.P(id=ids.DATA_UNDO_TEXT)),
                    dbc.ModalFooter(
                        [
                            dbc.Button(
                                DATA_PAGE_TEXT("undo_confirm", lang),
                                id=ids.DATA_UNDO_CONFIRM,
                                color="danger",
                            ),
                            dbc.Button(
                                DATA_PAGE_TEXT("undo_keep", lang),
                                id=ids.DATA_UNDO_KEEP,
                                color="secondary",
                                outline=True,
                            ),
                        ]
                    ),
                ],
                id=ids.DATA_UNDO_DIALOG,
                is_open=False,
            ),
        ]
    )


def undo_question(load: dict) -> str:
    return (
        f"Le chargement n° {load['id']} (« {load['file_name']} », "
        f"{load['rows_accepted']} lignes) sera annulé : les lignes qu'il a apportées seront "
        "retirées et les valeurs qu'il avait remplacées rétablies."
    )
