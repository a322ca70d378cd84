"""What a load would do, told before it is confirmed (`data.importing.preview`): on the data
page as tables, on the command line as lines of text — the same sentences in both."""

from __future__ import annotations

import datetime as dt

from dash import html

from data.months import calendar_period
from layouts.i18n import Messages, format_date, format_month, format_number

LOAD_PREVIEW_TEXT = Messages(
    {
        "title": ("Ce que le chargement va faire", "What the load will do"),
        "rows": ("{count} ligne{s}", "{count} row{s}"),
        "summary": (
            "{added} ajoutée{s_added}, {replaced} remplacée{s_replaced}, {unchanged} "
            "inchangée{s_unchanged}.",
            "{added} added, {replaced} replaced, {unchanged} unchanged.",
        ),
        "items_summary": (
            "{added} ajouté{s_added}, {replaced} remplacé{s_replaced}, {unchanged} "
            "inchangé{s_unchanged}.",
            "{added} added, {replaced} replaced, {unchanged} unchanged.",
        ),
        "groups_caption": (
            "Lignes ajoutées, remplacées et inchangées, par indicateur et par mois",
            "Rows added, replaced and unchanged, by indicator and month",
        ),
        "changes_title": (
            "Valeurs remplacées (ancienne → nouvelle)",
            "Replaced values (old → new)",
        ),
        "items_title": ("Ajouts et remplacements", "Additions and replacements"),
        "first_shown": (
            "Les {shown} premières des {total} lignes remplacées sont détaillées ci-dessous.",
            "The first {shown} of the {total} replaced rows are listed below.",
        ),
        "first_items": (
            "Les {shown} premiers des {total} ajouts et remplacements sont détaillés ci-dessous.",
            "The first {shown} of the {total} additions and replacements are listed below.",
        ),
        "nothing_replaced": (
            "Aucune valeur déjà chargée ne sera remplacée.",
            "No value already loaded will be replaced.",
        ),
        "added": ("ajout", "added"),
        "replaced": ("remplacement", "replaced"),
        "whole": ("ensemble", "whole"),
        "pending_title": (
            "Valeurs en attente d'approbation (publiée → en attente)",
            "Values waiting for approval (published → pending)",
        ),
        "pending_intro": (
            "Le public voit la valeur publiée tant que le chargement n'est pas approuvé ; "
            "vous voyez la valeur en attente. Publier un chargement la rend publique, "
            "l'annuler garde la valeur publiée.",
            "The public sees the published value until the load is approved; you see the "
            "pending value. Publishing a load makes it public, undoing it keeps the published "
            "value.",
        ),
        "pending_first": (
            "Les {shown} premières des {total} valeurs en attente sont détaillées ci-dessous.",
            "The first {shown} of the {total} pending values are listed below.",
        ),
        "pending_none": (
            "Aucune valeur en attente d'approbation.",
            "No value waiting for approval.",
        ),
        "not_published": ("aucune (nouvelle)", "none (new)"),
        "pending_mark": ("en attente", "pending"),
    }
)
GROUP_COLUMNS = (
    ("Indicateur", "Indicator"),
    ("Mois", "Month"),
    ("Ajoutées", "Added"),
    ("Remplacées", "Replaced"),
    ("Inchangées", "Unchanged"),
)
# The values first after the line: on a phone they are what is seen without scrolling the box.
CHANGE_COLUMNS = (
    ("Ligne", "Line"),
    ("Ancienne valeur", "Old value"),
    ("Nouvelle valeur", "New value"),
    ("Période", "Period"),
    ("Ventilation", "Breakdown"),
    ("Indicateur", "Indicator"),
)
NUMBER_COLUMNS = {"Ajoutées", "Remplacées", "Inchangées", "Ancienne valeur", "Nouvelle valeur"}
# The approval screen: the published value beside the pending one, and the load that holds it.
PENDING_COLUMNS = (
    ("Chargement", "Load"),
    ("Valeur publiée", "Published value"),
    ("Valeur en attente", "Pending value"),
    ("Période", "Period"),
    ("Ventilation", "Breakdown"),
    ("Indicateur", "Indicator"),
    ("Partenaire", "Partner"),
)
NUMBER_COLUMNS |= {"Valeur publiée", "Valeur en attente"}
ITEM_COLUMNS = (
    ("Ligne", "Line"),
    ("Titre", "Title"),
    ("Partenaire", "Partner"),
    ("Date ou type", "Date or kind"),
    ("Effet", "Effect"),
    ("Ce qui change", "What changes"),
)


def _plural(count: int) -> str:
    return "s" if count > 1 else ""


def _value(value: float, lang: str) -> str:
    """A figure with the decimals it has (3 → « 3 », 1.5 → « 1,5 »), in French format."""
    for decimals in (0, 1, 2, 3):
        if round(value, decimals) == value:
            return format_number(value, lang, decimals)
    return format_number(value, lang, 3)


def _period(start: str, end: str, lang: str) -> str:
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
    if calendar_period(first, last) == "mois":
        return format_month(first, lang)
    if first == last:
        return format_date(first, lang, "dd/MM/y")
    return f"{format_date(first, lang, 'dd/MM/y')} – {format_date(last, lang, 'dd/MM/y')}"


def summary(preview: dict, lang: str, counts: dict | None = None) -> str:
    """« 3 ajoutées, 1 remplacée, 0 inchangée. », for the whole file or one group's `counts`."""
    counts = counts or preview["totals"]
    added, replaced, unchanged = counts["ajoutees"], counts["remplacees"], counts["inchangees"]
    key = "summary" if preview["kind"] == "observations" else "items_summary"
    return LOAD_PREVIEW_TEXT(
        key,
        lang,
        added=format_number(added, lang),
        replaced=format_number(replaced, lang),
        unchanged=format_number(unchanged, lang),
        s_added=_plural(added),
        s_replaced=_plural(replaced),
        s_unchanged=_plural(unchanged),
    )


def _detail_note(preview: dict, lang: str) -> str | None:
    """Says how many rows are detailed when the detail stops before the end."""
    totals = preview["totals"]
    if preview["kind"] == "observations":
        total, key = totals["remplacees"], "first_shown"
    else:
        total, key = totals["ajoutees"] + totals["remplacees"], "first_items"
    shown = len(preview["changes"])
    if shown >= total:
        return None
    return LOAD_PREVIEW_TEXT(
        key, lang, shown=format_number(shown, lang), total=format_number(total, lang)
    )


def _differences(item: dict) -> str:
    return " ; ".join(f"{label} : {old} → {new}" for label, old, new in item["differences"])


# --- on the page


def _table(columns, rows: list, caption: str, lang: str, class_name: str) -> html.Div:
    index = 1 if lang == "en" else 0
    return html.Div(
        html.Table(
            [
                html.Caption(caption, className="visually-hidden"),
                html.Thead(
                    html.Tr(
                        [
                            html.Th(
                                c[index],
                                scope="col",
                                className="text-end" if c[0] in NUMBER_COLUMNS else None,
                            )
                            for c in columns
                        ]
                    )
                ),
                html.Tbody(rows),
            ],
            className=f"table table-sm data-table align-middle {class_name}",
        ),
        className="table-responsive preview-scroll",
        tabIndex=0,  # a long table scrolls in its own box, by keyboard too
        role="region",
        **{"aria-label": caption},
    )


def preview_view(preview: dict | None, lang: str) -> html.Div | None:
    """The tables shown above the confirm button."""
    if not preview:
        return None
    title = LOAD_PREVIEW_TEXT("title", lang)
    parts: list = [
        html.H3(title, className="h5 mt-3"),
        html.P(summary(preview, lang)),
    ]
    note = _detail_note(preview, lang)
    if preview["kind"] == "observations":
        labels = {g["indicator"]: g["label"] for g in preview["groups"]}
        group_rows = [
            html.Tr(
                [
                    html.Td([html.Span(g["label"]), html.Br(), html.Code(g["indicator"])]),
                    html.Td(format_month(dt.date.fromisoformat(g["month"]), lang)),
                    html.Td(format_number(g["ajoutees"], lang), className="text-end"),
                    html.Td(format_number(g["remplacees"], lang), className="text-end"),
                    html.Td(format_number(g["inchangees"], lang), className="text-end"),
                ]
            )
            for g in preview["groups"]
        ]
        parts.append(
            _table(
                GROUP_COLUMNS,
                group_rows,
                LOAD_PREVIEW_TEXT("groups_caption", lang),
                lang,
                "preview-groups",
            )
        )
        if preview["changes"]:
            change_rows = [
                html.Tr(
                    [
                        html.Td(c["line"]),
                        html.Td(html.Del(_value(c["old"], lang)), className="text-end"),
                        html.Td(html.Ins(_value(c["new"], lang)), className="text-end"),
                        html.Td(_period(c["period_start"], c["period_end"], lang)),
                        html.Td(c["breakdown"] or LOAD_PREVIEW_TEXT("whole", lang)),
                        html.Td(labels.get(c["indicator"], c["indicator"])),
                    ]
                )
                for c in preview["changes"]
            ]
            parts += [
                html.H4(LOAD_PREVIEW_TEXT("changes_title", lang), className="h6 mt-3"),
                html.P(note, className="preview-more") if note else None,
                _table(
                    CHANGE_COLUMNS,
                    change_rows,
                    LOAD_PREVIEW_TEXT("changes_title", lang),
                    lang,
                    "preview-changes",
                ),
            ]
        else:
            parts.append(html.P(LOAD_PREVIEW_TEXT("nothing_replaced", lang)))
    elif preview["changes"]:
        item_rows = [
            html.Tr(
                [
                    html.Td(c["line"]),
                    html.Td(c["title"]),
                    html.Td(c["partner"]),
                    html.Td(c["when"]),
                    html.Td(
                        LOAD_PREVIEW_TEXT(
                            "added" if c["outcome"] == "ajoutees" else "replaced", lang
                        )
                    ),
                    html.Td(_differences(c) or "—"),
                ]
            )
            for c in preview["changes"]
        ]
        parts += [
            html.H4(LOAD_PREVIEW_TEXT("items_title", lang), className="h6 mt-3"),
            html.P(note, className="preview-more") if note else None,
            _table(
                ITEM_COLUMNS,
                item_rows,
                LOAD_PREVIEW_TEXT("items_title", lang),
                lang,
                "preview-changes",
            ),
        ]
    return html.Div(parts, className="load-preview", id="donnees-apercu")


def pending_view(
    corrections: list[dict], total: int, labels: dict[str, str], partners: dict[str, str], lang: str
) -> html.Section:
    """The values waiting for approval, each beside the published value it would replace
    (`data.publication.pending_corrections`): what approving a load would change for the public."""
    title = LOAD_PREVIEW_TEXT("pending_title", lang)
    if not corrections:
        return html.Section(
            [
                html.H3(title, className="h5 mt-4"),
                html.P(LOAD_PREVIEW_TEXT("pending_none", lang)),
            ],
            className="pending-values",
        )
    rows = [
        html.Tr(
            [
                html.Td(f"n° {c['load_id']}"),
                html.Td(
                    html.Del(_value(c["old"], lang))
                    if c["old"] is not None
                    else LOAD_PREVIEW_TEXT("not_published", lang),
                    className="text-end",
                ),
                html.Td(
                    [
                        html.Ins(_value(c["new"], lang)),
                        " ",
                        html.Span(
                            LOAD_PREVIEW_TEXT("pending_mark", lang),
                            className="badge text-bg-warning",
                        ),
                    ],
                    className="text-end",
                ),
                html.Td(_period(c["period_start"], c["period_end"], lang)),
                html.Td(c["breakdown"] or LOAD_PREVIEW_TEXT("whole", lang)),
                html.Td(labels.get(c["indicator"], c["indicator"])),
                html.Td(partners.get(c["partner"], c["partner"])),
            ]
        )
        for c in corrections
    ]
    more = (
        LOAD_PREVIEW_TEXT(
            "pending_first",
            lang,
            shown=format_number(len(rows), lang),
            total=format_number(total, lang),
        )
        if total > len(rows)
        else None
    )
    return html.Section(
        [
            html.H3(title, className="h5 mt-4"),
            html.P(LOAD_PREVIEW_TEXT("pending_intro", lang)),
            html.P(more, className="preview-more") if more else None,
            _table(PENDING_COLUMNS, rows, title, lang, "pending-changes"),
        ],
        className="pending-values",
        id="donnees-en-attente",
    )


# --- on the command line


def preview_lines(preview: dict | None, lang: str = "fr") -> list[str]:
    """The same preview as text: the summary, the counts by indicator and month, the changes."""
    if not preview:
        return []
    lines = [f"{LOAD_PREVIEW_TEXT('title', lang)} : {summary(preview, lang)}"]
    note = _detail_note(preview, lang)
    if preview["kind"] == "observations":
        for g in preview["groups"]:
            month = format_month(dt.date.fromisoformat(g["month"]), lang)
            lines.append(f"  {g['indicator']}, {month} : {summary(preview, lang, g)}")
        if preview["changes"]:
            lines.append(LOAD_PREVIEW_TEXT("changes_title", lang) + " :")
            if note:
                lines.append(note)
            for c in preview["changes"]:
                where = f", {c['breakdown']}" if c["breakdown"] else ""
                lines.append(
                    f"  ligne {c['line']} : {c['indicator']}, "
                    f"{_period(c['period_start'], c['period_end'], lang)}{where} : "
                    f"{_value(c['old'], lang)} → {_value(c['new'], lang)}"
                )
    elif preview["changes"]:
        if note:
            lines.append(note)
        for c in preview["changes"]:
            effect = LOAD_PREVIEW_TEXT("added" if c["outcome"] == "ajoutees" else "replaced", lang)
            changed = f" : {_differences(c)}" if c["differences"] else ""
            lines.append(f"  ligne {c['line']} : {c['title']} ({c['when']}), {effect}{changed}")
    return lines
