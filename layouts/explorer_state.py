"""The explorer's filter state: parsed from the URL or the controls, validated, written back.

Pure Python (no Dash, no database), so that every bad input can be unit-tested alone. Whatever
arrives (a hand-edited URL, a raw callback POST with the wrong types) becomes a valid state and a
list of notices saying, in plain French, what was ignored and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, make_dataclass, replace
from urllib.parse import parse_qsl, quote

from data.indicator_families import DEFAULT_FAMILY, FAMILY_CODES
from data.months import month_end
from data.observation_filter import BREAKDOWN_NAMES, LIST_FIELDS, ObservationFilter
from data.reference import PROGRAMME_END, PROGRAMME_START, YEAR_END, YEAR_START
from layouts.i18n import Messages

GRAINS = ("mois", "trimestre", "annee")
DEFAULT_GRAIN = "mois"
# Dimensions the breakdown chart and the table's detail can be cut by.
BREAKDOWNS = BREAKDOWN_NAMES
DEFAULT_BREAKDOWN = "territoire"
# The table's rows: totals per indicator, or detailed by period or by one breakdown.
DETAILS = ("total", "periode", *BREAKDOWNS)
DEFAULT_DETAIL = "total"
SORT_COLUMNS = ("ordre", "indicateur", "partenaire", "periode", "detail", "valeur", "habitants")
DEFAULT_SORT = "ordre"

# The URL parameter of each multi-valued filter (comma-separated in the URL).
_URL_NAMES = {
    "partners": "partenaires",
    "categories": "categories",
    "indicators": "indicateurs",
    "territories": "territoires",
    "profiles": "profils",
    "channels": "canaux",
    "age_bands": "ages",
}
# URL parameter -> state field, for every list field of the observation filter (a field added
# there without a URL name here fails at import, not in a page).
LIST_PARAMETERS = {_URL_NAMES[name]: name for name in LIST_FIELDS}
SINGLE_PARAMETERS = (
    "debut",
    "fin",
    "pas",
    "ventilation",
    "repartition",
    "detail",
    "tri",
    "ordre",
    "comparer",
)
# Bounds that keep a hostile URL from costing anything: longer values are refused outright.
MAX_QUERY_LENGTH = 4000
MAX_VALUES = 200
MAX_ECHO = 40

EXPLORER_STATE_TEXT = Messages(
    {
        "unknown_parameter": (
            "Le paramètre « {name} » de l'adresse est inconnu : il a été ignoré.",
            "The address parameter “{name}” is unknown: it was ignored.",
        ),
        "unknown_value": (
            "« {value} » n'est pas une valeur connue pour le filtre « {label} » : elle a été "
            "ignorée.",
            "“{value}” is not a known value of the “{label}” filter: it was ignored.",
        ),
        "bad_type": (
            "Le filtre « {label} » a reçu une valeur d'un type inattendu : elle a été ignorée.",
            "The “{label}” filter received a value of an unexpected type: it was ignored.",
        ),
        "bad_date": (
            "« {value} » ({label}) n'est pas une date valide : attendu une date au format "
            "AAAA-MM-JJ ou un mois AAAA-MM, par exemple 2012-03-01 ou 2012-03. La valeur par "
            "défaut ({default}) est utilisée.",
            "“{value}” ({label}) is not a valid date: expected a YYYY-MM-DD date or a YYYY-MM "
            "month, for example 2012-03-01 or 2012-03. The default ({default}) is used.",
        ),
        "date_out_of_range": (
            "La date {value} ({label}) est hors de la période du programme ({first} – {last}) : "
            "elle a été ramenée à {clamped}.",
            "The date {value} ({label}) is outside the programme's period ({first} – {last}): "
            "it was brought back to {clamped}.",
        ),
        "inverted_dates": (
            "La date de début ({start}) était postérieure à la date de fin ({end}) : les deux "
            "dates ont été inversées.",
            "The start date ({start}) was after the end date ({end}): the two dates were swapped.",
        ),
        "bad_choice": (
            "« {value} » n'est pas un choix possible pour « {label} » (choix possibles : "
            "{choices}) : « {default} » est utilisé.",
            "“{value}” is not a possible choice for “{label}” (possible choices: {choices}): "
            "“{default}” is used.",
        ),
        "too_many_values": (
            "Le filtre « {label} » comptait plus de {limit} valeurs : seules les {limit} "
            "premières ont été lues.",
            "The “{label}” filter had more than {limit} values: only the first {limit} were read.",
        ),
        "query_too_long": (
            "L'adresse est trop longue pour être lue ({length} caractères, {limit} au plus) : "
            "les filtres par défaut sont affichés.",
            "The address is too long to be read ({length} characters, at most {limit}): the "
            "default filters are shown.",
        ),
        "repeated_parameter": (
            "Le paramètre « {name} » figurait plusieurs fois dans l'adresse : seule sa première "
            "valeur a été lue.",
            "The parameter “{name}” appeared several times in the address: only its first value "
            "was read.",
        ),
        "bad_click": (
            "Le clic reçu ne correspond à aucun filtre connu : il a été ignoré.",
            "The click received matches no known filter: it was ignored.",
        ),
        # Filter labels, as the notices name them.
        "label_partners": ("partenaires", "partners"),
        "label_categories": ("catégories", "categories"),
        "label_indicators": ("indicateurs", "indicators"),
        "label_territories": ("territoires", "territories"),
        "label_profiles": ("profils", "profiles"),
        "label_channels": ("canaux", "channels"),
        "label_age_bands": ("tranches d'âge", "age bands"),
        "label_start": ("début de période", "start of period"),
        "label_end": ("fin de période", "end of period"),
        "label_grain": ("pas de temps", "time step"),
        "label_breakdown": ("ventilation", "breakdown"),
        "label_focus": ("indicateur réparti", "indicator broken down"),
        "label_detail": ("détail du tableau", "table detail"),
        "label_sort": ("tri", "sort"),
        "label_order": ("ordre du tri", "sort order"),
        "label_compare": ("comparaison des partenaires", "partner comparison"),
    }
)


@dataclass(frozen=True)
class Notice:
    """Something the page tells the user about their input; rendered in their language."""

    key: str
    values: tuple[tuple[str, str], ...] = ()

    def text(self, lang: str) -> str:
        values = {}
        for name, value in self.values:
            values[name] = (
                EXPLORER_STATE_TEXT(value[6:], lang) if value.startswith("label:") else value
            )
        return EXPLORER_STATE_TEXT(self.key, lang, **values)


def _notice(key: str, **values: object) -> Notice:
    return Notice(key, tuple((k, str(v)) for k, v in values.items()))


def _echo(value: object) -> str:
    """A bad value shown back to the user: short, and only ever rendered as text."""
    # A lone surrogate (any JSON may carry one) would make the whole answer unencodable.
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= MAX_ECHO else text[: MAX_ECHO - 1] + "…"


# The codes that exist in the store's reference data (a URL may name nothing else): one set per
# list field of the observation filter.
Allowed = make_dataclass(
    "Allowed",
    [(name, frozenset[str], field(default=frozenset())) for name in LIST_FIELDS],
    frozen=True,
)
# The state's list filters: the observation filter's own list fields (partners, categories...,
# one tuple of codes each), defined once in the data layer.
_ListFilters = make_dataclass(
    "_ListFilters",
    [(name, tuple[str, ...], field(default=())) for name in LIST_FIELDS],
    frozen=True,
)
Allowed.__module__ = _ListFilters.__module__ = __name__


@dataclass(frozen=True)
class ExplorerState(_ListFilters):
    """Everything that defines a view of the explorer; its URL is `to_query(state)`.

    Besides the fields below, one tuple of codes per list filter (`LIST_FIELDS`)."""

    start: dt.date = YEAR_START
    end: dt.date = YEAR_END
    grain: str = DEFAULT_GRAIN
    breakdown: str = DEFAULT_BREAKDOWN
    # The indicator the breakdown chart shows ("" = the largest of those broken down).
    focus: str = ""
    detail: str = DEFAULT_DETAIL
    sort: str = DEFAULT_SORT
    descending: bool = False
    # The indicator family the partner comparison shows (data.indicator_families).
    compare: str = DEFAULT_FAMILY
    notices: tuple[Notice, ...] = field(default=(), compare=False)

    def observation_filter(self, **overrides) -> ObservationFilter:
        """The query filter of this view (publication rules are added by the viewer's context)."""
        flt = ObservationFilter(
            start=self.start,
            end=self.end,
            **{name: getattr(self, name) for name in LIST_FIELDS},
        )
        return replace(flt, **overrides) if overrides else flt

    def toggled(self, field_name: str, code: str) -> ExplorerState:
        """This state with `code` added to, or removed from, one list filter."""
        current: tuple[str, ...] = getattr(self, field_name)
        values = tuple(v for v in current if v != code) if code in current else (*current, code)
        return replace(self, **{field_name: values})

    @property
    def has_filters(self) -> bool:
        return any(getattr(self, f) for f in LIST_PARAMETERS.values()) or (
            self.start,
            self.end,
        ) != (YEAR_START, YEAR_END)


DEFAULT_STATE = ExplorerState()


# --- reading


def parse_query(query: str | Mapping[str, object] | None, allowed: Allowed) -> ExplorerState:
    """The state a URL describes; everything unreadable is ignored and reported in `notices`.

    `query` is the raw query string (with or without "?") or Dash Pages' parsed mapping.
    """
    notices: list[Notice] = []
    pairs = _pairs(query, notices)
    if pairs is None:
        return replace(DEFAULT_STATE, notices=tuple(notices))
    raw: dict[str, object] = {}
    for name, value in pairs:
        if name not in LIST_PARAMETERS and name not in SINGLE_PARAMETERS:
            notices.append(_notice("unknown_parameter", name=_echo(name)))
            continue
        if name in raw:
            if name in LIST_PARAMETERS:
                # partenaires=paris&partenaires=essonne is read like partenaires=paris,essonne
                raw[name] = f"{raw[name]},{value}"
            else:
                notices.append(_notice("repeated_parameter", name=name))
            continue
        raw[name] = value
    values = {field_name: raw.get(param, "") for param, field_name in LIST_PARAMETERS.items()}
    return _build(
        start=raw.get("debut"),
        end=raw.get("fin"),
        grain=raw.get("pas"),
        lists={k: _split(v) for k, v in values.items()},
        breakdown=raw.get("ventilation"),
        focus=raw.get("repartition"),
        detail=raw.get("detail"),
        sort=raw.get("tri"),
        order=raw.get("ordre"),
        compare=raw.get("comparer"),
        allowed=allowed,
        notices=notices,
    )


def from_controls(values: Mapping[str, object], allowed: Allowed) -> ExplorerState:
    """The state the page's controls describe (as posted by the browser: any type may arrive)."""
    notices: list[Notice] = []
    lists = {}
    for field_name in LIST_PARAMETERS.values():
        value = values.get(field_name)
        if value is None:
            lists[field_name] = []
        elif isinstance(value, list | tuple):
            lists[field_name] = list(value)
        else:
            notices.append(_notice("bad_type", label=f"label:label_{field_name}"))
            lists[field_name] = []
    return _build(
        start=values.get("start"),
        end=values.get("end"),
        grain=values.get("grain"),
        lists=lists,
        breakdown=values.get("breakdown"),
        focus=values.get("focus"),
        detail=values.get("detail"),
        sort=values.get("sort"),
        order=values.get("order"),
        compare=values.get("compare"),
        allowed=allowed,
        notices=notices,
    )


def _pairs(query: str | Mapping[str, object] | None, notices: list[Notice]):
    if query is None:
        return []
    if isinstance(query, Mapping):
        pairs = []
        for name, value in query.items():
            for item in value if isinstance(value, list) else [value]:
                pairs.append((str(name), item))
        length = sum(len(str(n)) + len(str(v)) + 2 for n, v in pairs)
    else:
        text = query[1:] if query.startswith("?") else query
        length = len(text)
        if length <= MAX_QUERY_LENGTH:
            pairs = parse_qsl(text, keep_blank_values=True)
    if length > MAX_QUERY_LENGTH:
        notices.append(_notice("query_too_long", length=length, limit=MAX_QUERY_LENGTH))
        return None
    return pairs


def _split(value: object) -> list[object]:
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    return [value]


def _build(
    *,
    start,
    end,
    grain,
    lists: Mapping[str, list[object]],
    breakdown,
    focus,
    detail,
    sort,
    order,
    compare=None,
    allowed: Allowed,
    notices: list[Notice],
) -> ExplorerState:
    start_date = _date(start, YEAR_START, "start", notices)
    end_date = _date(end, YEAR_END, "end", notices)
    if start_date > end_date:
        notices.append(
            _notice("inverted_dates", start=start_date.isoformat(), end=end_date.isoformat())
        )
        start_date, end_date = end_date, start_date
    chosen = {}
    for field_name, items in lists.items():
        chosen[field_name] = _codes(field_name, items, getattr(allowed, field_name), notices)
    return ExplorerState(
        start=start_date,
        end=end_date,
        grain=_choice(grain, GRAINS, DEFAULT_GRAIN, "grain", notices),
        breakdown=_choice(breakdown, BREAKDOWNS, DEFAULT_BREAKDOWN, "breakdown", notices),
        focus=(_codes("focus", [focus], allowed.indicators, notices) or ("",))[0]
        if focus not in (None, "")
        else "",
        detail=_choice(detail, DETAILS, DEFAULT_DETAIL, "detail", notices),
        sort=_choice(sort, SORT_COLUMNS, DEFAULT_SORT, "sort", notices),
        descending=_choice(order, ("asc", "desc"), "asc", "order", notices) == "desc",
        compare=_choice(compare, FAMILY_CODES, DEFAULT_FAMILY, "compare", notices),
        notices=tuple(notices),
        **chosen,
    )


def _date(value: object, default: dt.date, which: str, notices: list[Notice]) -> dt.date:
    if value is None or value == "":
        return default
    label = f"label:label_{which}"
    try:
        if not isinstance(value, str) or len(value) not in (7, 10):
            raise ValueError
        if len(value) == 7:
            # A month, as partner pages write it (?debut=2012-03&fin=2012-06): its first day
            # for a start, its last day for an end.
            first = dt.date.fromisoformat(value + "-01")
            parsed = first if which == "start" else month_end(first)
        else:
            parsed = dt.date.fromisoformat(value)
    except ValueError:
        notices.append(
            _notice("bad_date", value=_echo(value), label=label, default=default.isoformat())
        )
        return default
    clamped = min(max(parsed, PROGRAMME_START), PROGRAMME_END)
    if clamped != parsed:
        notices.append(
            _notice(
                "date_out_of_range",
                value=parsed.isoformat(),
                label=label,
                first=PROGRAMME_START.isoformat(),
                last=PROGRAMME_END.isoformat(),
                clamped=clamped.isoformat(),
            )
        )
    return clamped


def _codes(
    field_name: str, items: Iterable[object], allowed: frozenset[str], notices: list[Notice]
) -> tuple[str, ...]:
    label = f"label:label_{field_name}"
    items = list(items)
    if len(items) > MAX_VALUES:
        notices.append(_notice("too_many_values", label=label, limit=MAX_VALUES))
        items = items[:MAX_VALUES]
    codes: list[str] = []
    for item in items:
        if not isinstance(item, str):
            notices.append(_notice("bad_type", label=label))
        elif item not in allowed:
            notices.append(_notice("unknown_value", value=_echo(item), label=label))
        elif item not in codes:
            codes.append(item)
    return tuple(codes)


def _choice(
    value: object, choices: tuple[str, ...], default: str, which: str, notices: list[Notice]
) -> str:
    if value is None or value == "":
        return default
    if isinstance(value, str) and value in choices:
        return value
    notices.append(
        _notice(
            "bad_choice",
            value=_echo(value),
            label=f"label:label_{which}",
            choices=", ".join(choices),
            default=default,
        )
    )
    return default


# --- writing


def to_query(state: ExplorerState) -> str:
    """The query string of a state ("" for the default view), defaults left out, stable order."""
    parts: list[tuple[str, str]] = []
    if state.start != YEAR_START:
        parts.append(("debut", state.start.isoformat()))
    if state.end != YEAR_END:
        parts.append(("fin", state.end.isoformat()))
    if state.grain != DEFAULT_GRAIN:
        parts.append(("pas", state.grain))
    for param, field_name in LIST_PARAMETERS.items():
        values = getattr(state, field_name)
        if values:
            parts.append((param, ",".join(values)))
    if state.breakdown != DEFAULT_BREAKDOWN:
        parts.append(("ventilation", state.breakdown))
    if state.focus:
        parts.append(("repartition", state.focus))
    if state.detail != DEFAULT_DETAIL:
        parts.append(("detail", state.detail))
    if state.sort != DEFAULT_SORT:
        parts.append(("tri", state.sort))
    if state.descending:
        parts.append(("ordre", "desc"))
    if state.compare != DEFAULT_FAMILY:
        parts.append(("comparer", state.compare))
    if not parts:
        return ""
    return "?" + "&".join(f"{name}={quote(value, safe=',-_')}" for name, value in parts)
