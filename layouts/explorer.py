"""The explorer page: filter panel, active-filter chips, charts, the table behind them, exports.

Pure component trees: callbacks hand in plain values (the filter state, the options that exist,
table rows) and get components back. Controls are accessible ones (fieldsets with legends,
native checkboxes and date inputs, a real <table> whose column headers are sort buttons).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html

from data.explorer import TableRow
from data.indicator_families import FAMILIES
from data.months import month_end, month_starts, quarter_span
from data.reference import PROGRAMME_END, PROGRAMME_START, YEAR_END, YEAR_START
from layouts import explorer_map, ids
from layouts.components import html_element, page_header
from layouts.copy_link import copy_link_button
from layouts.explorer_charts import period_label
from layouts.explorer_state import BREAKDOWNS, DETAILS, GRAINS, ExplorerState
from layouts.figures import PENDING_TEXT, graph_config
from layouts.i18n import Messages, format_date, format_month, format_number
from layouts.sentences import hidden_text

MAX_TABLE_ROWS = 500
# The breakdown chart's "automatic" indicator choice (a select cannot show an empty value).
FOCUS_AUTO = "auto"

EXPLORER_TEXT = Messages(
    {
        "title": ("Explorateur des indicateurs", "Indicator explorer"),
        "lead": (
            "Choisissez une période, des partenaires, des indicateurs : les graphiques, le "
            "tableau et les exports suivent. L'adresse de la page garde tous les filtres : "
            "copiez-la pour partager cette vue.",
            "Choose a period, partners, indicators: the charts, the table and the exports "
            "follow. The page's address keeps every filter: copy it to share this view.",
        ),
        "filters": ("Filtres", "Filters"),
        "period": ("Période", "Period"),
        "from": ("Du", "From"),
        "to": ("Au", "To"),
        "grain": ("Pas de temps", "Time step"),
        "grain_mois": ("Mois", "Month"),
        "grain_trimestre": ("Trimestre", "Quarter"),
        "grain_annee": ("Année", "Year"),
        "partners": ("Partenaires", "Partners"),
        "categories": ("Catégories", "Categories"),
        "indicators": ("Indicateurs", "Indicators"),
        "territories": ("Territoires", "Territories"),
        "profiles": ("Profils des publics", "Audience profiles"),
        "channels": ("Canaux", "Channels"),
        "age_bands": ("Tranches d'âge", "Age bands"),
        "no_value": (
            "Aucune valeur avec les autres filtres.",
            "No value with the other filters.",
        ),
        "absent": ("(aucune donnée avec ces filtres)", "(no data with these filters)"),
        "reset": ("Effacer tous les filtres", "Clear every filter"),
        "active_filters": ("Filtres actifs", "Active filters"),
        "no_active_filter": (
            "Aucun filtre : toute l'année 2012, tous les indicateurs.",
            "No filter: the whole of 2012, every indicator.",
        ),
        "remove_filter": ("Retirer le filtre : {label}", "Remove the filter: {label}"),
        "period_chip": ("Période : {start} – {end}", "Period: {start} – {end}"),
        "summary": (
            "{indicators}, {partners}, du {start} au {end}.",
            "{indicators}, {partners}, from {start} to {end}.",
        ),
        "n_indicators_one": ("1 indicateur", "1 indicator"),
        "n_indicators": ("{n} indicateurs", "{n} indicators"),
        "n_partners_one": ("1 partenaire", "1 partner"),
        "n_partners": ("{n} partenaires", "{n} partners"),
        "programme_only": ("le programme seul", "the programme only"),
        "and_programme": ("{partners} et le programme", "{partners} and the programme"),
        "being_defined": (
            "sans chiffres : mise en œuvre en cours de définition",
            "no figures: implementation being defined",
        ),
        "empty_being_defined": (
            "La mise en œuvre de {names} est en cours de définition : aucun chiffre n'est "
            "encore attendu. Les graphiques apparaîtront avec les premières données.",
            "The implementation of {names} is still being defined: no figure is expected yet. "
            "Charts will appear with the first data.",
        ),
        "presets": ("Périodes usuelles", "Usual periods"),
        "preset_year": ("Année {year}", "Year {year}"),
        "preset_quarter": ("T{n} {year}", "Q{n} {year}"),
        "preset_quarter_label": (
            "{n}e trimestre {year}",
            "Quarter {n} of {year}",
        ),
        "preset_quarter_1_label": ("1er trimestre {year}", "First quarter of {year}"),
        "compare_by": ("Comparer", "Compare"),
        "loading": ("Calcul en cours…", "Computing…"),
        "table_region": (
            "Tableau des chiffres (défile horizontalement)",
            "Table of figures (scrolls sideways)",
        ),
        "focus_auto": ("Le plus élevé (automatique)", "The largest (automatic)"),
        "empty": (
            "Aucune donnée ne correspond à ces filtres. Retirez un filtre ci-dessus ou "
            "élargissez la période.",
            "No data matches these filters. Remove a filter above or widen the period.",
        ),
        "notices_title": ("Dans l'adresse ou les filtres", "In the address or the filters"),
        "evolution": ("Évolution dans le temps", "Trend over time"),
        "breakdown": ("Répartition", "Breakdown"),
        "breakdown_by": ("Répartir par", "Break down by"),
        "focus": ("Indicateur", "Indicator"),
        "comparison": ("Comparaison des partenaires", "Partner comparison"),
        "comparison_note": (
            "Chaque barre est un partenaire : son indicateur « {family} » ({indicators}). Les "
            "indicateurs ne s'additionnent pas entre eux. Populations : {source}.",
            "Each bar is one partner: its “{family}” indicator ({indicators}). Indicators are "
            "never added together. Populations: {source}.",
        ),
        "comparison_being_defined": (
            "Mise en œuvre en cours de définition, pas encore de chiffre : {names}.",
            "Implementation being defined, no figure yet: {names}.",
        ),
        "comparison_no_figure": (
            "Sans chiffre pour cette période et ces filtres : {names}.",
            "No figure for this period and these filters: {names}.",
        ),
        "click_hint": (
            "Cliquez sur un point ou une barre pour filtrer les autres graphiques ; un second clic "
            "retire le filtre.",
            "Click a point or a bar to filter the other charts; a second click removes the filter.",
        ),
        "chart_data": ("Données du graphique", "Chart data"),
        "table": ("Les chiffres", "The figures"),
        "table_caption": (
            "Valeurs agrégées selon la règle de chaque indicateur (somme, dernière valeur "
            "cumulée ou moyenne) pour les filtres actifs.",
            "Values aggregated following each indicator's rule (sum, latest cumulative value or "
            "mean) for the active filters.",
        ),
        "detail": ("Détail du tableau", "Table detail"),
        "detail_total": ("Total de la période", "Period total"),
        "detail_periode": ("Par période", "By period"),
        "dim_territoire": ("Territoire", "Territory"),
        "dim_profil": ("Profil", "Profile"),
        "dim_canal": ("Canal", "Channel"),
        "dim_tranche_age": ("Tranche d'âge", "Age band"),
        "col_category": ("Catégorie", "Category"),
        "col_partner": ("Partenaire", "Partner"),
        "col_indicator": ("Indicateur", "Indicator"),
        "col_unit": ("Unité", "Unit"),
        "col_period": ("Période", "Period"),
        "col_value": ("Valeur", "Value"),
        "col_per_10k": ("Pour 10 000 habitants", "Per 10,000 inhabitants"),
        "sort_by": ("Trier par {column}", "Sort by {column}"),
        "truncated": (
            "{shown} premières lignes affichées sur {total} : l'export contient toutes les lignes.",
            "First {shown} rows shown out of {total}: the export holds every row.",
        ),
        "rows": ("{n} lignes", "{n} rows"),
        "export_csv": ("Exporter en CSV (Excel)", "Export as CSV (Excel)"),
        "export_xlsx": ("Exporter en XLSX", "Export as XLSX"),
        "export_note": (
            "Les exports contiennent exactement les lignes et les valeurs du tableau.",
            "The exports hold exactly the table's rows and values.",
        ),
        "no_chart_data": ("Rien à tracer pour ces filtres.", "Nothing to plot for these filters."),
        "no_breakdown": (
            "Aucun indicateur retenu n'est ventilé par {dimension}.",
            "No selected indicator is broken down by {dimension}.",
        ),
        "series_capped": (
            "Les {shown} indicateurs aux valeurs les plus élevées sont tracés (sur {total}) ; "
            "choisissez des indicateurs pour en tracer d'autres. Le tableau donne tous les chiffres.",
            "The {shown} indicators with the highest values are plotted (out of {total}); choose "
            "indicators to plot others. The table gives every figure.",
        ),
        "bars_capped": (
            "Les {shown} valeurs les plus élevées sont tracées (sur {total}) ; le tableau, détaillé "
            "par la même dimension, les donne toutes.",
            "The {shown} highest values are plotted (out of {total}); the table, detailed by the "
            "same dimension, gives them all.",
        ),
        "no_population": (
            "Sans population de référence, « {names} » n'apparaît pas dans la comparaison par "
            "habitant.",
            "Without a reference population, “{names}” is left out of the per-inhabitant "
            "comparison.",
        ),
    }
)

FIELD_LABELS = {
    "partners": "partners",
    "categories": "categories",
    "indicators": "indicators",
    "territories": "territories",
    "profiles": "profiles",
    "channels": "channels",
    "age_bands": "age_bands",
}
# Long lists are folded (and scroll) unless a value of theirs is selected.
LONG_LISTS = ("indicators", "territories")


def dimension_label(name: str, lang: str) -> str:
    return EXPLORER_TEXT(f"dim_{name}", lang)


def detail_label(name: str, lang: str) -> str:
    if name in BREAKDOWNS:
        return dimension_label(name, lang)
    return EXPLORER_TEXT(f"detail_{name}", lang)


# --- the filter panel


def filter_group(
    field: str, options: Sequence[dict], value: Sequence[str], lang: str
) -> html.Fieldset:
    checklist = dbc.Checklist(
        id=ids.indexed(ids.EXPLORER_FILTER, field),
        options=list(options),
        value=list(value),
        className="explorer-checklist",
    )
    legend = EXPLORER_TEXT(FIELD_LABELS[field], lang)
    # When no value exists given the other filters, CSS shows this text in the empty list.
    body = html.Div(
        checklist, className="explorer-options", **{"data-empty": EXPLORER_TEXT("no_value", lang)}
    )
    if field in LONG_LISTS:
        body = html.Details(
            [html.Summary(f"{legend} ({len(options)})"), body],
            open=bool(value),
            className="explorer-fold",
        )
    return html.Fieldset(
        [html.Legend(legend, className="explorer-legend"), body],
        className="explorer-group",
    )


def checklist_options(
    codes_in_order: Sequence[str],
    existing: set[str],
    selected: Sequence[str],
    label,
    lang: str,
    always: Collection[str] = (),
    being_defined: Collection[str] = (),
) -> list[dict]:
    """The values that exist given the other filters, plus the selected ones and those always
    offered (every partner and its category), marked when they have no data, so that nothing is
    hidden: a partner still defining its implementation says so, as on its own page."""
    options = []
    for code in codes_in_order:
        if code in existing:
            options.append({"label": label(code), "value": code})
        elif code in being_defined:
            options.append(
                {"label": f"{label(code)} ({EXPLORER_TEXT('being_defined', lang)})", "value": code}
            )
        elif code in selected or code in always:
            options.append(
                {"label": f"{label(code)} {EXPLORER_TEXT('absent', lang)}", "value": code}
            )
    return options


def period_options(day: dt.date, which: str, lang: str) -> list[dict]:
    """The months of the programme, named in words (« mars 2012 »): the first day of each for
    the start, the last day for the end. A day set by the address that is not a month's edge is
    offered too, so that the select always shows the period in force."""
    options = []
    for first in month_starts(PROGRAMME_START, PROGRAMME_END):
        value = first if which == "start" else month_end(first)
        options.append({"label": format_month(first, lang), "value": value.isoformat()})
    if day.isoformat() not in {o["value"] for o in options}:
        options.append({"label": format_date(day, lang), "value": day.isoformat()})
        options.sort(key=lambda o: o["value"])
    return options


def presets(year: int, lang: str) -> list[tuple[str, str, dt.date, dt.date]]:
    """(short label, full label, start, end) of the usual periods: the year and its quarters."""
    spans = [
        (
            EXPLORER_TEXT("preset_year", lang, year=year),
            EXPLORER_TEXT("preset_year", lang, year=year),
            dt.date(year, 1, 1),
            dt.date(year, 12, 31),
        )
    ]
    for n in range(1, 5):
        first, last = quarter_span(year, n)
        full = EXPLORER_TEXT(
            "preset_quarter_1_label" if n == 1 else "preset_quarter_label", lang, n=n, year=year
        )
        spans.append((EXPLORER_TEXT("preset_quarter", lang, n=n, year=year), full, first, last))
    return spans


def preset_buttons(state: ExplorerState, lang: str) -> list:
    """The usual periods as buttons; the one in force is pressed (aria-pressed, and marked)."""
    buttons = []
    for short, full, first, last in presets(YEAR_START.year, lang):
        current = (first, last) == (state.start, state.end)
        buttons.append(
            html.Button(
                # Short on screen (T2 2012), in words for screen readers (2e trimestre 2012).
                [
                    html.Span(short, **{"aria-hidden": "true"}),
                    html.Span(full, className="visually-hidden"),
                ],
                id=ids.indexed(ids.EXPLORER_PRESET, f"{first.isoformat()}_{last.isoformat()}"),
                type="button",
                className="explorer-preset" + (" active" if current else ""),
                title=full,
                **{"aria-pressed": "true" if current else "false"},
            )
        )
    return [
        html.Div(
            buttons,
            role="group",
            className="explorer-presets",
            **{"aria-label": EXPLORER_TEXT("presets", lang)},
        )
    ]


def filter_panel(state: ExplorerState, options: Mapping[str, list[dict]], lang: str) -> html.Aside:
    period = html.Fieldset(
        [
            html.Legend(EXPLORER_TEXT("period", lang), className="explorer-legend"),
            html.Div(preset_buttons(state, lang), id=ids.EXPLORER_PRESETS),
            dbc.Row(
                [
                    dbc.Col(
                        [
                            dbc.Label(EXPLORER_TEXT("from", lang), html_for=ids.EXPLORER_START),
                            dbc.Select(
                                id=ids.EXPLORER_START,
                                options=period_options(state.start, "start", lang),
                                value=state.start.isoformat(),
                            ),
                        ],
                        xs=12,
                        sm=6,
                        lg=12,
                    ),
                    dbc.Col(
                        [
                            dbc.Label(EXPLORER_TEXT("to", lang), html_for=ids.EXPLORER_END),
                            dbc.Select(
                                id=ids.EXPLORER_END,
                                options=period_options(state.end, "end", lang),
                                value=state.end.isoformat(),
                            ),
                        ],
                        xs=12,
                        sm=6,
                        lg=12,
                    ),
                ],
                className="g-2 mb-2",
            ),
            html.Fieldset(
                [
                    html.Legend(EXPLORER_TEXT("grain", lang), className="explorer-sublegend"),
                    dbc.RadioItems(
                        id=ids.EXPLORER_GRAIN,
                        options=[
                            {"label": EXPLORER_TEXT(f"grain_{g}", lang), "value": g} for g in GRAINS
                        ],
                        value=state.grain,
                        inline=True,
                    ),
                ],
            ),
        ],
        className="explorer-group",
    )
    groups = [
        filter_group(field, options.get(field, []), getattr(state, field), lang)
        for field in FIELD_LABELS
    ]
    return html.Aside(
        [
            html.H2(EXPLORER_TEXT("filters", lang), id="explorateur-titre-filtres", className="h4"),
            period,
            *groups,
            html.Button(
                EXPLORER_TEXT("reset", lang),
                id=ids.EXPLORER_RESET,
                type="button",
                className="btn btn-outline-primary btn-sm mt-2",
            ),
        ],
        className="explorer-filters",
        **{"aria-labelledby": "explorateur-titre-filtres"},
    )


# --- chips and notices


@dataclass(frozen=True)
class Chip:
    token: str  # "partners:paris", "period:reset"
    label: str


def chips(items: Sequence[Chip], lang: str) -> list:
    if not items:
        return [html.P(EXPLORER_TEXT("no_active_filter", lang), className="explorer-no-filter")]
    return [
        html.Ul(
            [
                html.Li(
                    html.Button(
                        [html.Span(item.label), html.Span(" ✕", **{"aria-hidden": "true"})],
                        id=ids.indexed(ids.EXPLORER_CHIP, item.token),
                        type="button",
                        className="explorer-chip",
                        **{"aria-label": EXPLORER_TEXT("remove_filter", lang, label=item.label)},
                    )
                )
                for item in items
            ],
            className="explorer-chip-list",
        )
    ]


def period_chip_label(state: ExplorerState, lang: str) -> str | None:
    if (state.start, state.end) == (YEAR_START, YEAR_END):
        return None
    return EXPLORER_TEXT(
        "period_chip",
        lang,
        start=format_date(state.start, lang),
        end=format_date(state.end, lang),
    )


def notices(texts: Sequence[str], lang: str) -> list:
    if not texts:
        return []
    return [
        dbc.Alert(
            [
                html.P(html.Strong(EXPLORER_TEXT("notices_title", lang)), className="mb-1"),
                html.Ul([html.Li(text) for text in texts], className="mb-0"),
            ],
            color="warning",
            className="explorer-notices",
        )
    ]


# --- charts


def loading(children, lang: str) -> dcc.Loading:
    """A loading state while the view is computed: the old content stays in place, paled, under
    a spinner (no layout shift); shown only when the answer takes more than a moment."""
    return dcc.Loading(
        children,
        type="circle",
        delay_show=300,
        overlay_style={"visibility": "visible", "opacity": 0.45},
        className="explorer-loading",
        custom_spinner=html.Span(
            EXPLORER_TEXT("loading", lang), className="explorer-loading-text", role="status"
        ),
    )


def chart_card(graph_id: str, heading: str, view: View, lang: str, extra=None) -> html.Section:
    return html.Section(
        [
            html.H2(heading, className="h4"),
            extra,
            _graph_block(graph_id, view, lang),
        ],
        className="explorer-chart",
        **{"aria-label": heading},
    )


def chart_data_table(headers: Sequence[str], rows: Sequence[Sequence[str]], lang: str) -> list:
    """The text alternative of a chart: its numbers, folded under the chart."""
    if not rows:
        return []
    return [
        html.Details(
            [
                html.Summary(EXPLORER_TEXT("chart_data", lang)),
                html.Div(
                    html.Table(
                        [
                            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
                            html.Tbody(
                                [
                                    html_element(
                                        "Tr",
                                        [
                                            html_element("Td", cell, _cell_class(i))
                                            for i, cell in enumerate(row)
                                        ],
                                    )
                                    for row in rows
                                ]
                            ),
                        ],
                        className="table table-sm explorer-data-table",
                    ),
                    className="table-responsive",
                ),
            ],
            className="explorer-chart-data",
        )
    ]


def _cell_class(index: int) -> str:
    return "text-end" if index > 0 else ""


@dataclass(frozen=True)
class LegendItem:
    label: str
    colour: str
    line: str  # CSS border style: solid, dashed, dotted, double
    glyph: str  # the marker's shape, as a character


def html_legend(items: Sequence[LegendItem]) -> html.Ul:
    """A legend in the page rather than in the figure: it wraps on a phone, is read by screen
    readers, and tells lines apart by shape and dash as well as colour."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        [
                            html.Span(
                                className="explorer-legend-line",
                                style={"borderTop": f"3px {item.line} {item.colour}"},
                            ),
                            html.Span(
                                item.glyph,
                                style={"color": item.colour},
                                className="explorer-legend-glyph",
                            ),
                        ],
                        **{"aria-hidden": "true"},
                        className="explorer-legend-sample",
                    ),
                    html.Span(item.label),
                ]
            )
            for item in items
        ],
        className="explorer-legend-list",
    )


# --- the table


def with_pending(rows: Sequence[TableRow]) -> bool:
    """Whether the table counts a value waiting for approval: then it says so for each line
    (never for the public, whose rows never count one)."""
    return any(row.pending for row in rows)


def table_columns(state: ExplorerState, lang: str, pending: bool = False) -> list[tuple[str, str]]:
    """(sort key, header) of the table's columns for this view (`pending`: with the columns
    that mark values waiting for approval, see `with_pending`)."""
    columns = [
        ("partenaire", EXPLORER_TEXT("col_partner", lang)),
        ("indicateur", EXPLORER_TEXT("col_indicator", lang)),
    ]
    if state.detail == "periode":
        columns.append(("periode", EXPLORER_TEXT("col_period", lang)))
    elif state.detail in BREAKDOWNS:
        columns.append(("detail", dimension_label(state.detail, lang)))
    columns += [
        ("valeur", EXPLORER_TEXT("col_value", lang)),
        ("", EXPLORER_TEXT("col_unit", lang)),
        ("habitants", EXPLORER_TEXT("col_per_10k", lang)),
    ]
    if pending:
        columns += [
            ("", PENDING_TEXT("status", lang)),
            ("", PENDING_TEXT("published_value", lang)),
        ]
    return columns


def table_cells(
    rows: Sequence[TableRow], state: ExplorerState, lang: str, *, threshold: int
) -> list[list]:
    """The table's cells as plain values (text or numbers): the screen and the exports both
    come from these, so an exported value is the value on screen."""
    result = []
    pending = with_pending(rows)
    for row in rows:
        cells: list = [row.partner, row.indicator]
        if state.detail == "periode":
            cells.append(period_label(row.period, state.grain, lang) if row.period else "")
        elif state.detail in BREAKDOWNS:
            cells.append(row.detail or "")
        cells += [
            row.value if row.value is not None else hidden_text(threshold),
            row.unit,
            row.per_10k,
        ]
        if pending:
            cells += [
                PENDING_TEXT("mark" if row.pending else "published", lang),
                _published_cell(row, threshold) if row.pending else cells[-3],
            ]
        result.append(cells)
    return result


def _published_cell(row: TableRow, threshold: int):
    """What a pending value would replace: nothing yet (None, « — »), a number, or a small count
    hidden as everywhere else."""
    return hidden_text(threshold) if row.published_hidden else row.published_value


def format_cell(value, lang: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float | int):
        decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
        return format_number(value, lang, decimals=min(decimals, 2))
    return str(value)


def data_table(
    rows: Sequence[TableRow], state: ExplorerState, lang: str, *, threshold: int
) -> list:
    columns = table_columns(state, lang, with_pending(rows))
    cells = table_cells(rows, state, lang, threshold=threshold)
    numeric = {
        EXPLORER_TEXT("col_value", lang),
        EXPLORER_TEXT("col_per_10k", lang),
        PENDING_TEXT("published_value", lang),
    }
    headers = []
    for key, header in columns:
        if not key:
            headers.append(html.Th(header, scope="col"))
            continue
        active = state.sort == key
        direction = "descending" if state.descending else "ascending"
        arrow = ("▼" if state.descending else "▲") if active else "↕"
        headers.append(
            html.Th(
                html.Button(
                    [header, html.Span(f" {arrow}", **{"aria-hidden": "true"})],
                    id=ids.indexed(ids.EXPLORER_SORT_BUTTON, key),
                    type="button",
                    className="explorer-sort",
                    title=EXPLORER_TEXT("sort_by", lang, column=header),
                ),
                scope="col",
                className="text-end" if header in numeric else None,
                **({"aria-sort": direction} if active else {}),
            )
        )
    shown = cells[:MAX_TABLE_ROWS]
    aligned = ["text-end" if header in numeric else None for _key, header in columns]
    body = [
        html_element(
            "Tr",
            [html_element("Td", format_cell(cell, lang), aligned[i]) for i, cell in enumerate(row)],
        )
        for row in shown
    ]
    note = (
        EXPLORER_TEXT("truncated", lang, shown=MAX_TABLE_ROWS, total=len(cells))
        if len(cells) > MAX_TABLE_ROWS
        else EXPLORER_TEXT("rows", lang, n=format_number(len(cells), lang))
    )
    return [
        html.Div(
            html.Table(
                [
                    html.Caption(EXPLORER_TEXT("table_caption", lang)),
                    html.Thead(html.Tr(headers)),
                    html.Tbody(body),
                ],
                className="table table-sm table-hover explorer-table",
            ),
            className="table-responsive explorer-table-wrap",
            tabIndex="0",
            role="region",
            # Not the section's own name: two landmarks must not share a label (axe).
            **{"aria-label": EXPLORER_TEXT("table_region", lang)},
        ),
        html.P(note, className="explorer-table-note"),
    ]


# --- the page


@dataclass
class View:
    """Every part of the page that follows the filters, ready to be placed or sent back."""

    options: dict[str, list[dict]]
    notices: list
    chips: list
    summary: str
    empty: list
    results_class: str
    figures: dict[str, dict]  # graph id -> figure
    chart_data: dict[str, list]  # graph id -> its data table (text alternative)
    comparison_note: str
    table: list
    focus_options: list[dict]
    focus: str


def page(state: ExplorerState, view: View, lang: str) -> html.Div:
    """The whole page, filled with the view the callback would send for the same state."""
    breakdown_select = html.Div(
        [
            dbc.Label(
                EXPLORER_TEXT("breakdown_by", lang),
                html_for=ids.EXPLORER_BREAKDOWN,
                className="me-2",
            ),
            dbc.Select(
                id=ids.EXPLORER_BREAKDOWN,
                options=[{"label": dimension_label(d, lang), "value": d} for d in BREAKDOWNS],
                value=state.breakdown,
                className="explorer-select",
            ),
        ],
        className="explorer-inline-control",
    )
    focus_select = html.Div(
        [
            dbc.Label(EXPLORER_TEXT("focus", lang), html_for=ids.EXPLORER_FOCUS, className="me-2"),
            dbc.Select(
                id=ids.EXPLORER_FOCUS,
                options=view.focus_options,
                value=view.focus or FOCUS_AUTO,
                className="explorer-select explorer-select-wide",
            ),
        ],
        className="explorer-inline-control",
    )
    detail_select = html.Div(
        [
            dbc.Label(
                EXPLORER_TEXT("detail", lang), html_for=ids.EXPLORER_DETAIL, className="me-2"
            ),
            dbc.Select(
                id=ids.EXPLORER_DETAIL,
                options=[{"label": detail_label(d, lang), "value": d} for d in DETAILS],
                value=state.detail,
                className="explorer-select",
            ),
        ],
        className="explorer-inline-control",
    )
    results = html.Div(
        [
            html.P(EXPLORER_TEXT("click_hint", lang), className="explorer-hint"),
            chart_card(ids.EXPLORER_EVOLUTION, EXPLORER_TEXT("evolution", lang), view, lang),
            chart_card(
                ids.EXPLORER_BREAKDOWN_GRAPH,
                EXPLORER_TEXT("breakdown", lang),
                view,
                lang,
                html.Div([breakdown_select, focus_select], className="explorer-chart-tools"),
            ),
            explorer_map.map_section(lang),
            html.Section(
                [
                    html.H2(EXPLORER_TEXT("comparison", lang), className="h4"),
                    html.Div(
                        html.Div(
                            [
                                dbc.Label(
                                    EXPLORER_TEXT("compare_by", lang),
                                    html_for=ids.EXPLORER_COMPARE,
                                    className="me-2",
                                ),
                                dbc.Select(
                                    id=ids.EXPLORER_COMPARE,
                                    options=[
                                        {"label": f.label(lang), "value": f.code} for f in FAMILIES
                                    ],
                                    value=state.compare,
                                    className="explorer-select",
                                ),
                            ],
                            className="explorer-inline-control",
                        ),
                        className="explorer-chart-tools",
                    ),
                    html.P(
                        view.comparison_note,
                        id=ids.EXPLORER_COMPARISON_NOTE,
                        className="explorer-note",
                    ),
                    _graph_block(ids.EXPLORER_COMPARISON, view, lang),
                    _graph_block(ids.EXPLORER_PER_CAPITA, view, lang),
                ],
                className="explorer-chart",
                **{"aria-label": EXPLORER_TEXT("comparison", lang)},
            ),
            html.Section(
                [
                    html.H2(EXPLORER_TEXT("table", lang), className="h4"),
                    html.Div(
                        [
                            detail_select,
                            html.Div(
                                [
                                    html.Button(
                                        EXPLORER_TEXT("export_csv", lang),
                                        id=ids.EXPLORER_CSV,
                                        type="button",
                                        className="btn btn-primary btn-sm",
                                    ),
                                    html.Button(
                                        EXPLORER_TEXT("export_xlsx", lang),
                                        id=ids.EXPLORER_XLSX,
                                        type="button",
                                        className="btn btn-outline-primary btn-sm",
                                    ),
                                ],
                                className="explorer-exports",
                            ),
                        ],
                        className="explorer-table-tools",
                    ),
                    html.P(EXPLORER_TEXT("export_note", lang), className="explorer-note"),
                    loading(html.Div(view.table, id=ids.EXPLORER_TABLE), lang),
                    dcc.Download(id=ids.EXPLORER_DOWNLOAD),
                ],
                className="explorer-table-section",
                **{"aria-label": EXPLORER_TEXT("table", lang)},
            ),
        ],
        id=ids.EXPLORER_RESULTS,
        className=view.results_class,
    )
    return html.Div(
        [
            dcc.Location(id=ids.EXPLORER_URL, refresh=False),
            dcc.Store(id=ids.EXPLORER_SORT, data={"sort": state.sort, "desc": state.descending}),
            dcc.Store(id=ids.EXPLORER_SCREEN, data=""),
            page_header(EXPLORER_TEXT("title", lang), EXPLORER_TEXT("lead", lang)),
            copy_link_button(lang),
            # Above the filters, so that what was ignored in the address is read first, on a
            # phone too (where the filters come before the results).
            html.Div(view.notices, id=ids.EXPLORER_NOTICES, role="status"),
            dbc.Row(
                [
                    dbc.Col(filter_panel(state, view.options, lang), lg=3, className="mb-3"),
                    dbc.Col(
                        [
                            html.Section(
                                [
                                    html.H2(EXPLORER_TEXT("active_filters", lang), className="h5"),
                                    html.Div(view.chips, id=ids.EXPLORER_CHIPS),
                                ],
                                className="explorer-active",
                                **{"aria-label": EXPLORER_TEXT("active_filters", lang)},
                            ),
                            html.P(
                                view.summary, id=ids.EXPLORER_SUMMARY, className="explorer-summary"
                            ),
                            html.Div(view.empty, id=ids.EXPLORER_EMPTY, role="status"),
                            results,
                        ],
                        lg=9,
                    ),
                ]
            ),
        ],
        className="explorer",
    )


def _graph_block(graph_id: str, view: View, lang: str) -> html.Div:
    figure = view.figures.get(graph_id, {"data": [], "layout": {}})
    height = figure.get("layout", {}).get("height")
    return html.Div(
        [
            loading(
                # The chart's box is kept until it is drawn, so nothing below it moves (the
                # graph's own box is empty until its code arrives); a floor, not a height: a
                # later view may be taller or shorter (released once drawn,
                # assets/plotly-on-demand.js).
                html.Div(
                    dcc.Graph(
                        id=graph_id,
                        config=graph_config(lang),
                        figure=figure,
                        className="explorer-graph",
                    ),
                    className="graph-reserve",
                    style={"minHeight": f"{height}px"} if height else None,
                ),
                lang,
            ),
            html.Div(
                view.chart_data.get(graph_id, []),
                id=ids.indexed(ids.EXPLORER_CHART_DATA, graph_id),
            ),
        ]
    )


def empty_message(lang: str, being_defined: Sequence[str] = ()) -> list:
    """Why nothing is shown: the chosen partners are still defining their implementation (as
    their own pages say), or the filters match no figure."""
    if being_defined:
        text = EXPLORER_TEXT("empty_being_defined", lang, names=", ".join(being_defined))
    else:
        text = EXPLORER_TEXT("empty", lang)
    return [html.P(text, className="explorer-empty")]


def summary_text(
    n_indicators: int,
    n_partners: int,
    start: dt.date,
    end: dt.date,
    lang: str,
    programme: bool = False,
) -> str:
    """« 23 indicateurs, 3 partenaires et le programme, du … au … »: the programme (its
    colloquium) is not counted as a partner."""
    if programme and n_partners == 0:
        partners = EXPLORER_TEXT("programme_only", lang)
    elif programme:
        partners = EXPLORER_TEXT(
            "and_programme", lang, partners=_count("n_partners", n_partners, lang)
        )
    else:
        partners = _count("n_partners", n_partners, lang)
    return EXPLORER_TEXT(
        "summary",
        lang,
        indicators=_count("n_indicators", n_indicators, lang),
        partners=partners,
        start=format_date(start, lang),
        end=format_date(end, lang),
    )


def _count(key: str, n: int, lang: str) -> str:
    return (
        EXPLORER_TEXT(f"{key}_one", lang)
        if n == 1
        else EXPLORER_TEXT(key, lang, n=format_number(n, lang))
    )


def focus_options(candidates: Sequence[tuple[str, str]], lang: str) -> list[dict]:
    """The breakdown chart's indicator choice: automatic (the largest), or one of them."""
    return [{"label": EXPLORER_TEXT("focus_auto", lang), "value": FOCUS_AUTO}] + [
        {"label": label, "value": code} for code, label in candidates
    ]
