"""Maps of where things happened: territories drawn as filled `scatter` polygons (no I/O, no Dash).

Why polygons rather than plotly's map traces: the basic plotly.js bundle the app serves has no
map trace, and the map traces fetch a base map from the internet as soon as they draw; filled
scatter shapes are in the basic bundle and need nothing but the bundled boundaries
(`data/boundaries.py`).

Rows are the ranked list's rows (`{code, label, value, suppressed}`), already through the privacy
gate (`data.privacy.for_viewer`): a hidden small count arrives as `suppressed` and is drawn with a
pattern of its own, written « < 5 », never coloured by a value. A territory with no row is drawn
hatched, « pas de données », not as zero. The classes are quantiles of the shown values, in a
palette that stays ordered in black and white, and each territory with data has its value
printed at its centre too. The ranked list stays the accessible alternative (the card's table).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from data.boundaries import PARTNER_DEPARTMENTS, Boundaries, Place
from data.boundaries import boundaries as bundled_boundaries
from layouts.figures import (
    INK,
    MAP_BORDER,
    MAP_CLASSES,
    MAP_DARK_FROM,
    PAGE,
    PAGE_THEME,
    Size,
    Theme,
    hover_template,
    labelled,
    map_layout,
    plain,
)
from layouts.i18n import Messages, format_number, format_share
from layouts.sentences import hidden_text, value_text

MAP_WORDS = Messages(
    {
        "no_data": ("pas de données", "no data"),
        "hidden": ("{hidden} (petit effectif masqué)", "{hidden} (small count hidden)"),
        "range": ("{low} à {high}", "{low} to {high}"),
        "being_defined": ("en cours de définition", "being defined"),
        "merged": ("{name} (avec {others})", "{name} (with {others})"),
        "shared": (
            # Short lines: the hover label stays within a phone's width.
            "commune partagée<br>entre le {first}<br>et le {second},<br>comptée dans leurs valeurs",
            "commune split<br>between the {first}<br>and the {second},<br>counted in their values",
        ),
    }
)
SHARED_FILL = "#e9ecef"
NO_DATA_PATTERN = {"shape": "/", "fgcolor": "#8a939e", "bgcolor": "#f4f5f7", "size": 7}
HIDDEN_PATTERN = {"shape": ".", "fgcolor": "#4d5866", "bgcolor": "#ffffff", "size": 6}
NO_DATA_FILL = "#f4f5f7"
# Values are printed at the territories' centres up to this many territories with data.
PRINTED_VALUES = 24


@dataclass(frozen=True)
class Shown:
    """One territory as the map shows it."""

    place: Place
    label: str
    text: str  # the value as written (`1 234`, `< 5`, `—`)
    klass: int | None  # colour class; None: no data or hidden
    hidden: bool
    hover: str  # as `text`; a shape shared by merged communes lists each one's value


def _classes(values: Sequence[float], count: int = len(MAP_CLASSES)) -> list[float]:
    """Upper bounds of up to `count` quantile classes of the distinct values."""
    distinct = sorted(set(values))
    if not distinct:
        return []
    count = min(count, len(distinct))
    return [
        distinct[min(len(distinct) - 1, round((i + 1) * len(distinct) / count) - 1)]
        for i in range(count)
    ]


def _palette(count: int) -> list[str]:
    """`count` colours spread over the palette, light to dark."""
    if count <= 1:
        return [MAP_CLASSES[3]] * count
    last = len(MAP_CLASSES) - 1
    return [MAP_CLASSES[round(i * last / (count - 1))] for i in range(count)]


def _number(value: float, lang: str, share: bool) -> str:
    if share:
        return format_share(value, lang)
    return format_number(value, lang, 0 if float(value).is_integer() or abs(value) >= 100 else 1)


def _legend_labels(
    bounds: Sequence[float], values: Sequence[float], lang: str, share: bool
) -> list[str]:
    labels = []
    for index, high in enumerate(bounds):
        inside = [v for v in values if (index == 0 or v > bounds[index - 1]) and v <= high]
        low = min(inside)
        if low == high:
            labels.append(_number(high, lang, share))
        else:
            labels.append(
                MAP_WORDS(
                    "range", lang, low=_number(low, lang, share), high=_number(high, lang, share)
                )
            )
    return labels


def _ring_xy(place: Place) -> tuple[list, list]:
    xs: list = []
    ys: list = []
    for ring in place.rings:
        if xs:
            xs.append(None)
            ys.append(None)
        xs.extend(x for x, _ in ring)
        ys.extend(y for _, y in ring)
    return xs, ys


def shown_territories(
    rows: Sequence[Mapping],
    places: Sequence[Place],
    boundaries: Boundaries,
    lang: str,
    share: bool = False,
    *,
    threshold: int,
) -> tuple[list[Shown], list[float]]:
    """Every place of the map with what it shows, and the classes' upper bounds."""
    by_place: dict[str, list[Mapping]] = {}
    for row in rows:
        drawn = boundaries.drawn_code(str(row.get("code") or ""))
        if drawn is not None:
            by_place.setdefault(drawn, []).append(row)
    visible = [
        float(r["value"])
        for r in rows
        if not r.get("suppressed")
        and r.get("value") is not None
        and boundaries.drawn_code(str(r.get("code") or "")) is not None
    ]
    bounds = _classes(visible)
    result = []
    for place in places:
        found = by_place.get(place.code, [])
        # The store's own row for this shape first (a merged commune's row after it).
        found.sort(key=lambda r: r.get("code") != place.code)
        own = found[0] if found else None
        label = plain(own["label"]) if own else plain(place.name)
        if len(found) > 1:
            others = ", ".join(plain(r["label"]) for r in found[1:])
            label = MAP_WORDS("merged", lang, name=label, others=others)
        if own is None:
            none = MAP_WORDS("no_data", lang)
            result.append(Shown(place, label, none, None, False, none))
            continue
        hidden = bool(own.get("suppressed"))
        value = own.get("value")
        text = value_text(value, lang, suppressed=hidden, share=share, threshold=threshold)
        hover_text = text
        if len(found) > 1:
            hover_text = " ; ".join(
                value_text(
                    r.get("value"),
                    lang,
                    suppressed=bool(r.get("suppressed")),
                    share=share,
                    threshold=threshold,
                )
                for r in found
            )
        klass = None
        if not hidden and value is not None:
            klass = next(i for i, high in enumerate(bounds) if float(value) <= high)
        result.append(Shown(place, label, text, klass, hidden, hover_text))
    return result, bounds


def _legend_entry(name: str, fill: dict) -> dict:
    """A legend-only trace: nothing drawn on the map, its swatch in the legend."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "lines",
        "fill": "toself",
        "name": name,
        "line": {"color": "#8a939e", "width": 1},
        "hoverinfo": "skip",
        **fill,
    }


def territory_map(
    rows: Sequence[Mapping],
    places: Sequence[Place],
    boundaries: Boundaries,
    *,
    lang: str,
    value_label: str,
    threshold: int,
    source: str | None = None,
    share: bool = False,
    height: int = 420,
    size: Size = PAGE,
    theme: Theme = PAGE_THEME,
    selected: frozenset[str] = frozenset(),
    shared: Sequence[Place] = (),
) -> dict:
    """A choropleth of `places` coloured by the rows' values (see the module's docstring).
    `shared`: communes split between two of `places` (cantons), drawn plain and said so.

    One trace per territory (its fill answers hover and click: `customdata` holds its INSEE
    code), one trace of the values printed at the centres, and legend-only traces for the
    classes, « < 5 » and « pas de données »."""
    shown, bounds = shown_territories(rows, places, boundaries, lang, share, threshold=threshold)
    colours = _palette(len(bounds))
    visible = [
        float(r["value"])
        for r in rows
        if not r.get("suppressed")
        and r.get("value") is not None
        and boundaries.drawn_code(str(r.get("code") or "")) is not None
    ]
    data = []
    for item in shown:
        xs, ys = _ring_xy(item.place)
        if item.klass is not None:
            fill = {"fillcolor": colours[item.klass]}
        elif item.hidden:
            fill = {"fillcolor": "#ffffff", "fillpattern": HIDDEN_PATTERN}
        else:
            fill = {"fillcolor": NO_DATA_FILL, "fillpattern": NO_DATA_PATTERN}
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "fill": "toself",
                # A territory the explorer filters by is outlined in ink.
                "line": (
                    {"color": INK, "width": 3}
                    if item.place.code in selected
                    else {
                        "color": MAP_BORDER if item.klass is not None else "#8a939e",
                        "width": 0.8,
                    }
                ),
                "hoveron": "fills",
                "hoverinfo": "text",
                "text": labelled(item.label, item.hover, lang),
                "name": item.label,
                "showlegend": False,
                "customdata": [item.place.code],
                **fill,
            }
        )
    for place in shared:
        # « le canton d'Évry »: the name within a sentence.
        first, second = (plain(_lower_first(boundaries.places[c].name)) for c in place.within)
        note = MAP_WORDS("shared", lang, first=first, second=second)
        data.append(_shared_trace(place, labelled(plain(place.name), note, lang)))
    # Values printed at the centres (they survive black and white); not on the dotted « < 5 »
    # pattern, where they would not be legible: its legend says what it means.
    with_data = [s for s in shown if s.klass is not None]
    # Beyond a couple of dozen, the numbers cover each other (and the map on paper): the
    # classes and the table say them.
    if with_data and len(with_data) <= PRINTED_VALUES:
        centres = [s.place.centre for s in with_data]
        data.append(
            {
                "type": "scatter",
                "x": [x for x, _ in centres],
                "y": [y for _, y in centres],
                "mode": "text",
                "text": [s.text for s in with_data],
                "textfont": {
                    "size": size.note if size is PAGE else size.font,
                    "color": [
                        "#ffffff"
                        if s.klass is not None and colours[s.klass] in MAP_CLASSES[MAP_DARK_FROM:]
                        else INK
                        for s in with_data
                    ],
                },
                "customdata": [[s.place.code] for s in with_data],
                "hovertext": [labelled(s.label, s.hover, lang) for s in with_data],
                "hovertemplate": hover_template("%{hovertext}"),
                "showlegend": False,
                "name": plain(value_label),
            }
        )
    labels = _legend_labels(bounds, visible, lang, share)
    data += [
        _legend_entry(label, {"fillcolor": colour})
        for label, colour in zip(labels, colours, strict=True)
    ]
    if any(s.hidden for s in shown):
        data.append(
            _legend_entry(
                MAP_WORDS("hidden", lang, hidden=hidden_text(threshold=threshold)),
                {"fillcolor": "#ffffff", "fillpattern": HIDDEN_PATTERN},
            )
        )
    if any(s.klass is None and not s.hidden for s in shown):
        data.append(
            _legend_entry(
                MAP_WORDS("no_data", lang),
                {"fillcolor": NO_DATA_FILL, "fillpattern": NO_DATA_PATTERN},
            )
        )
    latitude = _middle_latitude(places)
    layout = map_layout(
        lang, latitude=latitude, source=source, height=height, size=size, theme=theme
    )
    return {"data": data, "layout": layout}


def _lower_first(name: str) -> str:
    return name[:1].lower() + name[1:]


def _shared_trace(place: Place, text: str) -> dict:
    """A commune split between two cantons: its own plain shape, what it is on hover."""
    xs, ys = _ring_xy(place)
    return {
        "type": "scatter",
        "x": xs,
        "y": ys,
        "mode": "lines",
        "fill": "toself",
        "fillcolor": SHARED_FILL,
        "line": {"color": "#8a939e", "width": 0.8},
        "hoveron": "fills",
        "hoverinfo": "text",
        "text": text,
        "name": plain(place.name),
        "showlegend": False,
        "customdata": [place.code],
    }


def _tint(colour: str, alpha: float = 0.3) -> str:
    """A light tint of a partner's colour: its name, in ink, stays readable on it (AA)."""
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


LABEL_SIDES = {"75": "middle left", "93": "top center", "94": "middle right"}


def _label_anchor(place: Place) -> tuple[float, float, str]:
    """Where a département's name is written, and on which side of that point."""
    xs = [x for ring in place.rings for x, _ in ring]
    ys = [y for ring in place.rings for _, y in ring]
    side = LABEL_SIDES.get(place.code, "middle center")
    x = {"middle left": min(xs), "middle right": max(xs)}.get(side, (min(xs) + max(xs)) / 2)
    y = max(ys) if side == "top center" else (min(ys) + max(ys)) / 2
    return x, y, side


def _middle_latitude(places: Sequence[Place]) -> float:
    ys = [y for p in places for ring in p.rings for _, y in ring]
    return (min(ys) + max(ys)) / 2 if ys else 48.85


def partners_map(
    partners: Sequence[Mapping],
    boundaries: Boundaries,
    *,
    lang: str,
    colours: Mapping[str, str],
    source: str | None = None,
    height: int = 420,
    size: Size = PAGE,
    theme: Theme = PAGE_THEME,
) -> dict:
    """The overview's map: each partner's département in its colour, with its name; a partner
    whose territory is still being defined (`defined` false) hatched, and said so."""
    data = []
    places = []
    for partner in partners:
        place = boundaries.places.get(partner["department"])
        if place is None:
            continue
        places.append(place)
        name = plain(partner["name"])
        defined = partner.get("defined", True)
        note = "" if defined else MAP_WORDS("being_defined", lang)
        xs, ys = _ring_xy(place)
        fill = (
            {"fillcolor": _tint(colours[partner["slug"]])}
            if defined
            else {
                "fillcolor": "#ffffff",
                "fillpattern": {**NO_DATA_PATTERN, "fgcolor": colours[partner["slug"]]},
            }
        )
        data.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines",
                "fill": "toself",
                "line": {"color": colours[partner["slug"]], "width": 1.5},
                "hoveron": "fills",
                "hoverinfo": "text",
                "text": labelled(name, note, lang) if note else name,
                "name": f"{name} — {note}" if note else name,
                "customdata": [partner["slug"]],
                **fill,
            }
        )
    # Names outside the small départements, so that they do not cover each other: Paris to the
    # west, Seine-Saint-Denis to the north, Val-de-Marne to the east, Essonne in its middle.
    anchors = [_label_anchor(p) for p in places]
    labelled_partners = [p for p in partners if p["department"] in boundaries.places]
    data.append(
        {
            "type": "scatter",
            "x": [x for x, _, _ in anchors],
            "y": [y for _, y, _ in anchors],
            "mode": "text",
            "textposition": [position for _, _, position in anchors],
            "text": [
                f"<b>{plain(p.get('short_name') or p['name'])}</b>"
                if p.get("defined", True)
                else f"<b>{plain(p.get('short_name') or p['name'])}</b><br>"
                f"<i>{MAP_WORDS('being_defined', lang)}</i>"
                for p in labelled_partners
            ],
            "textfont": {"size": size.note + 1 if size is PAGE else size.title, "color": theme.ink},
            "hoverinfo": "skip",
            "showlegend": False,
            "cliponaxis": False,
        }
    )
    layout = map_layout(
        lang,
        latitude=_middle_latitude(places),
        source=source,
        height=height,
        size=size,
        theme=theme,
    )
    # Each name is written on the map: no legend. Room on the sides for the names written
    # outside Paris and Val-de-Marne, even on a phone.
    layout["showlegend"] = False
    xs = [x for p in places for ring in p.rings for x, _ in ring]
    ys = [y for p in places for ring in p.rings for _, y in ring]
    if not xs:
        return {"data": data, "layout": layout}
    width = max(xs) - min(xs)
    # Paris's name fits west of Paris, inside Essonne's width; Val-de-Marne's needs room east.
    layout["xaxis"]["range"] = [min(xs) - 0.1 * width, max(xs) + 0.9 * width]
    layout["yaxis"]["range"] = [min(ys) - 0.02, max(ys) + 0.06]
    return {"data": data, "layout": layout}


def partner_territory_map(
    partner_slug: str,
    rows: Sequence[Mapping],
    *,
    lang: str,
    value_label: str,
    threshold: int,
    source: str | None = None,
    share: bool = False,
    boundaries: Boundaries | None = None,
    **options,
) -> dict | None:
    """A partner's map of where things happened: its département's arrondissements, communes,
    or cantons when the rows are by canton. None when the partner has no bundled boundaries."""
    found = boundaries or bundled_boundaries()
    department = PARTNER_DEPARTMENTS.get(partner_slug)
    if department is None:
        return None
    level = found.level_of([str(r.get("code") or "") for r in rows], department)
    places = found.of(department, level)
    if not places:
        return None
    if level == "canton":
        options.setdefault("shared", found.of(department, "shared"))
    line = found.source_line(lang)
    # Paris is wide and flat; the other départements are about as tall as wide.
    options.setdefault("height", 340 if department == "75" else 440)
    return territory_map(
        rows,
        places,
        found,
        lang=lang,
        value_label=value_label,
        threshold=threshold,
        # On a line of its own: the two sources side by side overflow a phone's width.
        source=f"{source}<br>{line}" if source else line,
        share=share,
        **options,
    )
