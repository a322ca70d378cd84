"""Figure builders: plain rows in, a plotly figure dict out (no I/O, no Dash).

Shared by the partner pages, the overview and the explorer. Every text that may come from data
(labels, titles of events) goes through `plain()`: plotly renders a subset of HTML in its texts,
so data is escaped to stay inert. Numbers shown on the charts are formatted in Python (Babel),
the same way as in the tables, and passed as `customdata`.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import replace

from data.months import month_count, month_start
from layouts.figures import (
    GRID,
    INK,
    MUTED,
    NoteMark,
    add_note_marks,
    add_target_line,
    add_target_steps,
    base_layout,
    hover_template,
    labelled,
    mark_pending,
    pending_hover,
    plain,
    show_pending_legend,
)
from layouts.i18n import format_date, format_month
from layouts.sentences import value_text

DAY_MS = 86_400_000


def _as_date(value: dt.date | str) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _layout(title: str | None, lang: str, source: str | None, height: int) -> dict:
    layout = base_layout(title or "", lang, source, height=height)
    if not title:
        layout["margin"]["t"] = 16
    return layout


def _display(row: Mapping, lang: str, share: bool, threshold: int | None) -> str:
    # `threshold` (the small-count threshold in force) is needed only when a row is hidden.
    return value_text(
        row.get("value"),
        lang,
        suppressed=bool(row.get("suppressed")),
        share=share,
        threshold=threshold,
    )


def _published_text(row: Mapping, lang: str, share: bool, threshold: int | None) -> str | None:
    """The published value a pending one would replace, as written on the page (None: none)."""
    if row.get("published") is None and not row.get("published_suppressed"):
        return None
    published = {"value": row.get("published"), "suppressed": row.get("published_suppressed")}
    return _display(published, lang, share, threshold)


def sparkline(
    points: Sequence[tuple[dt.date | str, float | None]],
    *,
    colour: str,
    lang: str,
    height: int = 48,
) -> dict:
    """A small trend line without axes; hidden points (None) leave a gap."""
    layout = _layout(None, lang, None, height)
    layout.update(
        margin={"l": 4, "r": 8, "t": 6, "b": 6},
        xaxis={"visible": False, "fixedrange": True},
        yaxis={"visible": False, "fixedrange": True, "rangemode": "tozero"},
        hovermode=False,
    )
    xs = [_as_date(p[0]).isoformat() for p in points]
    ys = [p[1] for p in points]
    last = [i for i, y in enumerate(ys) if y is not None][-1:]
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": xs,
            "y": ys,
            "line": {"color": colour, "width": 2},
            "fill": "tozeroy",
            "fillcolor": _tint(colour),
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "x": [xs[i] for i in last],
            "y": [ys[i] for i in last],
            "marker": {"color": colour, "size": 7},
            "hoverinfo": "skip",
        },
    ]
    return {"data": data, "layout": layout}


def _tint(colour: str, alpha: float = 0.15) -> str:
    colour = colour.lstrip("#")
    red, green, blue = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgba({red},{green},{blue},{alpha})"


def _on_month_bars(notes: Sequence[NoteMark]) -> list[NoteMark]:
    """A month's bar is centred on its first day and about a month wide: a day of that month
    is drawn where it falls across the bar (half a month earlier), and a range's last day
    covers the whole of it."""
    half = dt.timedelta(days=15)

    def moved(day: str, after: int = 0) -> str:
        return (dt.date.fromisoformat(day) - half + dt.timedelta(days=after)).isoformat()

    return [replace(n, start=moved(n.start), end=moved(n.end, 1) if n.end else None) for n in notes]


def time_series(
    rows: Sequence[Mapping],
    *,
    lang: str,
    colour: str,
    value_label: str,
    title: str | None = None,
    source: str | None = None,
    kind: str = "bar",
    share: bool = False,
    target: float | None = None,
    target_label: str | None = None,
    target_steps: Sequence[tuple[dt.date, float]] = (),
    height: int = 300,
    threshold: int | None = None,
    notes: Sequence[NoteMark] = (),
) -> dict:
    """Values over time: `rows` are {period, value, suppressed}; bars for counts per period,
    a line for levels (cumulative values, shares), with the target as a dashed line if given
    (`target_steps` (from date, value), when the target was revised, draws the target in force
    at each date instead of one value) and the interpretations as marks (`notes`)."""
    ordered = sorted(rows, key=lambda r: _as_date(r["period"]))
    xs = [_as_date(r["period"]).isoformat() for r in ordered]
    ys = [None if r.get("suppressed") else r.get("value") for r in ordered]
    texts = [_display(r, lang, share, threshold) for r in ordered]
    months = [format_month(_as_date(r["period"]), lang) for r in ordered]
    customdata = [[m, t] for m, t in zip(months, texts, strict=True)]
    hover = hover_template(
        "%{customdata[0]}", labelled(plain(value_label), "%{customdata[1]}", lang)
    )
    layout = _layout(title, lang, source, height)
    one_year = len({x[:4] for x in xs}) <= 1
    layout["xaxis"].update(type="date", tickformat="%b" if one_year else "%b %Y")
    if one_year and xs:
        # The year is in the title and the period line; keep the month ticks short (phones).
        layout["xaxis"]["dtick"] = "M1" if len(xs) <= 6 else "M2"
    layout["yaxis"].update(rangemode="tozero", ticksuffix="\u00a0%" if share else "")
    layout["hovermode"] = "closest"
    layout["uniformtext"] = {"minsize": 10, "mode": "hide"}
    visible = [y for y in ys if y is not None]
    if not share and visible and max(visible) <= 6:
        layout["yaxis"]["dtick"] = 1  # small counts: whole numbers on the axis, not 0,2 0,4...
    if kind == "bar":
        trace = {
            "type": "bar",
            "x": xs,
            # Explicit widths (most of a month): plotly cannot infer one from a single bar.
            "width": [0.8 * 30 * DAY_MS] * len(xs),
            "y": [0 if y is None else y for y in ys],
            "marker": {"color": colour},
            "text": texts,
            "textposition": "outside",
            "cliponaxis": False,
            "textfont": {"size": 11, "color": INK},
        }
    else:
        trace = {
            "type": "scatter",
            "mode": "lines+markers+text" if len(xs) <= 12 else "lines+markers",
            "x": xs,
            "y": ys,
            "line": {"color": colour, "width": 2.5},
            "marker": {"color": colour, "size": 7},
            "text": texts,
            "textposition": "top center",
            "textfont": {"size": 11, "color": INK},
            "cliponaxis": False,
        }
    trace.update(customdata=customdata, hovertemplate=hover, name=plain(value_label))
    data = [trace]
    # Values waiting for approval (only ever in the rows of those who see them).
    pending = [bool(r.get("pending")) for r in ordered]
    hovers = [
        pending_hover(_published_text(r, lang, share, threshold), lang) if p else ""
        for r, p in zip(ordered, pending, strict=True)
    ]
    legend = mark_pending(trace, pending, hovers, lang)
    if legend is not None:
        data.append(legend)
        layout["barmode"] = "overlay"  # the legend's entry takes no room beside the bars
        show_pending_legend(layout)
    if len(xs) == 1:
        # A single point: give the axis a month either side so it is not drawn as a bare tick.
        only = _as_date(xs[0])
        layout["xaxis"]["range"] = [
            (only - dt.timedelta(days=31)).isoformat(),
            (only + dt.timedelta(days=31)).isoformat(),
        ]
    if target is not None and xs:
        values = [y for y in ys if y is not None]
        if len(target_steps) > 1:
            steps = [(max(d.isoformat(), xs[0]), v) for d, v in target_steps]
            add_target_steps(layout, steps, xs[-1], plain(target_label or ""))
            values += [v for _d, v in target_steps]
        else:
            add_target_line(layout, target, plain(target_label or ""))
        layout["yaxis"]["range"] = [0, max([target, *values]) * 1.15]
    if notes and xs:
        add_note_marks(layout, _on_month_bars(notes) if kind == "bar" else list(notes))
    return {"data": data, "layout": layout}


def bar_breakdown(
    rows: Sequence[Mapping],
    *,
    lang: str,
    colour: str,
    value_label: str,
    title: str | None = None,
    source: str | None = None,
    ranked: bool = False,
    share: bool = False,
    top: int | None = None,
    threshold: int | None = None,
) -> dict:
    """Horizontal bars, one per category: `rows` are {label, value, suppressed}. `ranked` sorts
    them from the largest (hidden small counts last), `top` keeps the first n."""
    ordered = list(rows)
    if ranked:
        ordered.sort(key=lambda r: (r.get("suppressed", False), -(r.get("value") or 0)))
    if top is not None:
        ordered = ordered[:top]
    labels = [plain(r["label"]) for r in ordered]
    texts = [_display(r, lang, share, threshold) for r in ordered]
    values = [0 if r.get("suppressed") else (r.get("value") or 0) for r in ordered]
    # Each category's name sits above its bar, so that bars use the full width on a phone.
    pitch = 46
    height = 40 + pitch * max(len(ordered), 1) + (44 if source else 0) + (40 if title else 0)
    layout = _layout(title, lang, source, height)
    layout["yaxis"].update(
        range=[len(ordered) - 0.5, -0.75],
        showticklabels=False,
        gridcolor="rgba(0,0,0,0)",
        zeroline=False,
    )
    layout["xaxis"].update(rangemode="tozero", showticklabels=False, gridcolor=GRID)
    layout["xaxis"]["range"] = [0, (max(values) if values else 0) * 1.18 or 1]
    layout["margin"].update(l=8, r=8, t=layout["margin"]["t"] - 8)
    layout["hovermode"] = "closest"
    layout["annotations"] = [
        *layout.get("annotations", []),
        *(
            {
                "text": label,
                "x": 0,
                "y": index - 0.28,
                "xref": "x",
                "xanchor": "left",
                "yanchor": "bottom",
                "showarrow": False,
                "font": {"size": 12, "color": INK},
            }
            for index, label in enumerate(labels)
        ),
    ]
    hover = hover_template(
        "%{customdata[0]}", labelled(plain(value_label), "%{customdata[1]}", lang)
    )
    data = [
        {
            "type": "bar",
            "orientation": "h",
            "x": values,
            "y": list(range(len(ordered))),
            "width": 0.45,
            "marker": {"color": colour},
            "text": texts,
            "textposition": "outside",
            "cliponaxis": False,
            "textfont": {"size": 12, "color": INK},
            "customdata": [[label, text] for label, text in zip(labels, texts, strict=True)],
            "hovertemplate": hover,
            "name": plain(value_label),
        }
    ]
    return {"data": data, "layout": layout}


def ranked_territories(rows: Sequence[Mapping], **options) -> dict:
    """Where things happened: territories ranked from the most active (see `bar_breakdown`).

    Partner pages draw a map instead (`layouts/maps.py`, from the bundled boundaries); this
    ranking remains for a partner without boundaries, and its rows are the map's table.
    """
    return bar_breakdown(rows, ranked=True, **options)


def _wrap_label(label: str, status: str, width: int) -> str:
    """`label — status` wrapped to `width` characters, the status in italics."""
    lines = textwrap.wrap(f"{label} — {status}", width) or [""]
    text = "<br>".join(plain(line) for line in lines)
    escaped_status = plain(status)
    if text.endswith(escaped_status):
        text = text[: -len(escaped_status)] + f"<i>{escaped_status}</i>"
    return text


def gantt(
    rows: Sequence[Mapping],
    *,
    lang: str,
    start: dt.date,
    end: dt.date,
    undefined_label: str,
    title: str | None = None,
    source: str | None = None,
    events: Sequence[Mapping] = (),
    markers: Sequence[tuple[dt.date, str]] = (),
    wrap: int = 42,
) -> dict:
    """A timeline of actions: `rows` are {label, start, end, status, status_label, colour};
    an action without dates (not yet defined) gets no bar but the words `undefined_label`.
    `events` are {row, date, label} diamonds on their action's row; `markers` dated lines."""
    lines = max(
        (len(textwrap.wrap(f"{r['label']} — {r['status_label']}", wrap)) for r in rows), default=1
    )
    # Room for the longest label (wrapped) above each bar.
    pitch = 36 + 15 * lines
    layout = _layout(title, lang, source, 60 + pitch * max(len(rows), 1) + (40 if source else 0))
    # A tick on the first of every month from the period's first month, each name centred on
    # its month, one name in `step` months. Left to plotly, ticks count from January 2000: a
    # period starting in an even month got names on odd months only, none for its first month;
    # and a name centred on the 1st of the first month was cut at the left edge.
    months = month_count(start, end)
    step = 1 if months <= 6 else 2 if months <= 12 else 3 if months <= 24 else 6
    layout["xaxis"].update(
        type="date",
        range=[start.isoformat(), (end + dt.timedelta(days=1)).isoformat()],
        tickmode="linear",
        tick0=month_start(start).isoformat(),
        dtick="M1",
        ticklabelstep=step,
        tickformat="%b",
        ticklabelmode="period",
        side="top",
        gridcolor=GRID,
    )
    layout["yaxis"].update(
        range=[len(rows) - 0.45, -0.85],
        showticklabels=False,
        gridcolor="rgba(0,0,0,0)",
        zeroline=False,
    )
    layout["margin"].update(l=8, r=8, t=40 if not title else 72)
    layout["hovermode"] = "closest"
    layout["barmode"] = "overlay"  # one bar per row: never offset side by side
    annotations = layout.setdefault("annotations", [])
    data: list[dict] = []
    patterns = {"termine": "", "en_cours": "/", "prevu": "."}
    for index, row in enumerate(rows):
        label = _wrap_label(row["label"], row["status_label"], wrap)
        annotations.append(
            {
                "text": label,
                "x": start.isoformat(),
                "y": index - 0.2,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "font": {"size": 12, "color": INK},
            }
        )
        row_start, row_end = row.get("start"), row.get("end")
        if row_start is None or row_end is None:
            annotations.append(
                {
                    "text": f"<i>({plain(undefined_label)})</i>",
                    "x": start.isoformat(),
                    "y": index + 0.05,
                    "xanchor": "left",
                    "yanchor": "middle",
                    "showarrow": False,
                    "font": {"size": 12, "color": MUTED},
                }
            )
            continue
        row_start, row_end = _as_date(row_start), _as_date(row_end)
        dates = f"{format_date(row_start, lang)} – {format_date(row_end, lang)}"
        data.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [row_start.isoformat()],
                "x": [((row_end - row_start).days + 1) * DAY_MS],
                "y": [index],
                "width": [0.32],
                "marker": {
                    "color": row["colour"],
                    "pattern": {
                        "shape": patterns.get(row.get("status", ""), ""),
                        "fgcolor": "#ffffff",
                        "fillmode": "overlay",
                        "solidity": 0.3,
                    },
                },
                "customdata": [[plain(row["label"]), plain(row["status_label"]), dates]],
                "hovertemplate": hover_template(
                    "%{customdata[0]}", "%{customdata[1]} · %{customdata[2]}"
                ),
            }
        )
    if events:
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [_as_date(e["date"]).isoformat() for e in events],
                "y": [e["row"] for e in events],
                "marker": {
                    "symbol": "diamond",
                    "size": 9,
                    "color": "#ffffff",
                    "line": {"color": INK, "width": 1.5},
                },
                "customdata": [
                    [plain(e["label"]), format_date(_as_date(e["date"]), lang)] for e in events
                ],
                "hovertemplate": hover_template("%{customdata[1]}", "%{customdata[0]}"),
            }
        )
    shapes = []
    shown_markers = sorted((m for m in markers if start <= m[0] <= end), key=lambda m: m[0])
    for position, (day, text) in enumerate(shown_markers):
        # Words to the left of their line, alternately at the bottom and the top: no overlap,
        # and nothing cut off at the right edge on a phone.
        top = position % 2 == 1
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": day.isoformat(),
                "x1": day.isoformat(),
                "y0": 0,
                "y1": 1,
                "line": {"color": MUTED, "width": 1.5, "dash": "dot"},
            }
        )
        annotations.append(
            {
                "text": plain(text),
                "xref": "x",
                "yref": "paper",
                "x": day.isoformat(),
                "y": 1 if top else 0,
                "xanchor": "right",
                "yanchor": "top" if top else "bottom",
                "showarrow": False,
                "font": {"size": 11, "color": MUTED},
                "bgcolor": "rgba(255,255,255,0.85)",
            }
        )
    layout["shapes"] = shapes
    return {"data": data, "layout": layout}
