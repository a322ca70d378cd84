"""Chart titles that state the finding ("…: 1 380 in 2012, most in October"), FR and EN.

Pure functions of the same plain rows the figure builders take.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

from layouts.i18n import Messages, format_month, format_number, format_share
from layouts.sentences import value_text

FINDINGS_TEXT = Messages(
    {
        "no_data": ("{label} : aucune donnée {period}", "{label}: no data {period}"),
        "hidden": (
            "{label} : valeurs masquées (moins de {n})",
            "{label}: values hidden (fewer than {n})",
        ),
        "total_peak": (
            "{label} : {total} {period}, surtout en {month} ({peak})",
            "{label}: {total} {period}, most in {month} ({peak})",
        ),
        "total": ("{label} : {total} {period}", "{label}: {total} {period}"),
        "level_change": (
            "{label} : {last} en {month}, contre {first} en {first_month}",
            "{label}: {last} in {month}, from {first} in {first_month}",
        ),
        "level": ("{label} : {last} en {month}", "{label}: {last} in {month}"),
        "leader": (
            "{label} : {top} en tête ({share} du total)",
            "{label}: {top} first ({share} of the total)",
        ),
        "leader_tie": (
            "{label} : {top} à égalité en tête ({share} du total chacun)",
            "{label}: {top} tied first ({share} of the total each)",
        ),
        "only": ("{label} : uniquement {top}", "{label}: {top} only"),
        "territories": (
            "{label} : {top} en tête, {count} territoires concernés sur {total}",
            "{label}: {top} first, {count} places involved out of {total}",
        ),
        "territories_tie": (
            "{label} : {top} à égalité en tête, {count} territoires concernés sur {total}",
            "{label}: {top} tied first, {count} places involved out of {total}",
        ),
        "others": ("{names} et {n} autres", "{names} and {n} others"),
        "and": ("{first} et {last}", "{first} and {last}"),
        "tied": ("{names}, à égalité", "{names}, tied"),
        "timeline": ("{parts}", "{parts}"),
    }
)


def _visible(rows: Sequence[Mapping]) -> list[Mapping]:
    return [r for r in rows if not r.get("suppressed") and r.get("value") is not None]


def _leaders(visible: Sequence[Mapping]) -> list[Mapping]:
    """Every row sharing the highest value: naming one of several equals as « en tête » would
    say something the data does not."""
    top = max(r["value"] for r in visible)
    return [r for r in visible if r["value"] == top]


def _names(rows: Sequence[Mapping], lang: str, shown: int = 2) -> str:
    """`A et B`, or `A, B et 3 autres` when more are tied: a title stays one line."""
    labels = [str(r["label"]) for r in rows]
    if len(labels) <= shown:
        return FINDINGS_TEXT("and", lang, first=", ".join(labels[:-1]), last=labels[-1])
    return FINDINGS_TEXT(
        "others", lang, names=", ".join(labels[:shown]), n=format_number(len(labels) - shown, lang)
    )


def leader_text(pairs: Sequence[tuple[str, float]], lang: str) -> str:
    """The name of whoever has the most among (name, value) pairs, or, when several share it,
    their names said to be tied; « — » when there is nobody."""
    if not pairs:
        return "—"
    leaders = _leaders([{"label": name, "value": value} for name, value in pairs])
    if len(leaders) == 1:
        return str(leaders[0]["label"])
    return FINDINGS_TEXT("tied", lang, names=_names(leaders, lang))


def _month(row: Mapping, lang: str) -> str:
    period = row["period"]
    day = period if isinstance(period, dt.date) else dt.date.fromisoformat(str(period)[:10])
    return format_month(day, lang)


def series_finding(
    label: str,
    rows: Sequence[Mapping],
    lang: str,
    *,
    period: str,
    cumulative: bool = False,
    share: bool = False,
    threshold: int,
) -> str:
    """For counts per month: the total and the busiest month; for levels: the latest value and
    where it started from."""
    visible = sorted(_visible(rows), key=lambda r: str(r["period"]))
    if not visible:
        key = "hidden" if rows else "no_data"
        return FINDINGS_TEXT(key, lang, label=label, period=period, n=threshold)
    if cumulative or share:
        last, first = visible[-1], visible[0]
        values = {
            "label": label,
            "last": value_text(last["value"], lang, share=share),
            "month": _month(last, lang),
        }
        if first is last or first["value"] == last["value"]:
            return FINDINGS_TEXT("level", lang, **values)
        return FINDINGS_TEXT(
            "level_change",
            lang,
            first=value_text(first["value"], lang, share=share),
            first_month=_month(first, lang),
            **values,
        )
    total = sum(r["value"] for r in visible)
    peak = max(visible, key=lambda r: r["value"])
    # "Mostly in <month>" only when one month stands out.
    if len(visible) == 1 or sum(1 for r in visible if r["value"] == peak["value"]) > 1:
        return FINDINGS_TEXT(
            "total", lang, label=label, total=value_text(total, lang), period=period
        )
    return FINDINGS_TEXT(
        "total_peak",
        lang,
        label=label,
        total=value_text(total, lang),
        period=period,
        month=_month(peak, lang),
        peak=value_text(peak["value"], lang),
    )


def breakdown_finding(
    label: str, rows: Sequence[Mapping], lang: str, *, period: str, threshold: int
) -> str:
    """Which category leads, and its share of the total."""
    visible = _visible(rows)
    if not visible:
        return FINDINGS_TEXT(
            "hidden" if rows else "no_data", lang, label=label, period=period, n=threshold
        )
    leaders = _leaders(visible)
    top = leaders[0]
    if len(rows) == 1:
        return FINDINGS_TEXT("only", lang, label=label, top=top["label"])
    total = sum(r["value"] for r in visible)
    share = format_share(100 * top["value"] / total if total else 0, lang)
    if len(leaders) > 1:
        return FINDINGS_TEXT(
            "leader_tie", lang, label=label, top=_names(leaders, lang), share=share
        )
    return FINDINGS_TEXT("leader", lang, label=label, top=top["label"], share=share)


def territory_finding(
    label: str,
    rows: Sequence[Mapping],
    lang: str,
    *,
    period: str,
    total_places: int,
    threshold: int,
) -> str:
    """The most active place and how many of the partner's places saw activity."""
    visible = _visible(rows)
    if not visible:
        return FINDINGS_TEXT(
            "hidden" if rows else "no_data", lang, label=label, period=period, n=threshold
        )
    leaders = _leaders(visible)
    involved = sum(1 for r in rows if r.get("suppressed") or (r.get("value") or 0) > 0)
    return FINDINGS_TEXT(
        "territories_tie" if len(leaders) > 1 else "territories",
        lang,
        label=label,
        top=_names(leaders, lang) if len(leaders) > 1 else leaders[0]["label"],
        count=format_number(involved, lang),
        total=format_number(total_places, lang),
    )


def count_phrase(counts: Sequence[tuple[int, str, str]], lang: str) -> str:
    """`2 terminées, 3 en cours` from (count, singular, plural) triples (zeros are left out)."""
    parts = [
        f"{format_number(n, lang)} {one if (n < 2 if lang == 'fr' else n == 1) else many}"
        for n, one, many in counts
        if n
    ]
    return ", ".join(parts)
