"""The period shown on a page, read from the URL query string (`?debut=2012-03&fin=2012-06`).

The browser's values are never trusted: a value that is not a month of the programme is ignored,
the default period is shown, and the page says precisely why.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from data.months import month_end, month_starts
from data.reference import PROGRAMME_END, PROGRAMME_START, YEAR_END, YEAR_START
from layouts.i18n import Messages, format_month

START_PARAM = "debut"
END_PARAM = "fin"
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Long enough for any valid value; longer ones are not echoed back whole.
ECHO_LIMIT = 40

PERIOD_TEXT = Messages(
    {
        "bad_format": (
            "Le paramètre « {name} » de l'adresse vaut « {value} », qui n'est pas un mois : "
            "attendu AAAA-MM, par exemple 2012-03.",
            "The address parameter “{name}” is “{value}”, which is not a month: expected "
            "YYYY-MM, for example 2012-03.",
        ),
        "out_of_range": (
            "Le paramètre « {name} » de l'adresse vaut « {value} » : le mois doit être compris "
            "entre {first} et {last}.",
            "The address parameter “{name}” is “{value}”: the month must be between {first} and "
            "{last}.",
        ),
        "reversed": (
            "La période demandée commence ({start}) après sa fin ({end}).",
            "The requested period starts ({start}) after it ends ({end}).",
        ),
        "fallback": (
            "La période par défaut, l'année 2012 entière, est affichée.",
            "The default period, the whole of 2012, is shown.",
        ),
    }
)


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date
    problems: tuple[str, ...] = ()  # what was wrong with the requested period, in words

    @property
    def is_default(self) -> bool:
        return (self.start, self.end) == (YEAR_START, YEAR_END)

    def query(self) -> str:
        return period_query(self.start, self.end)


def period_query(start: dt.date, end: dt.date) -> str:
    return f"?{START_PARAM}={start:%Y-%m}&{END_PARAM}={end:%Y-%m}"


def _echo(value: object) -> str:
    # A lone surrogate (any JSON may carry one) would make the whole answer unencodable.
    text = str(value).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= ECHO_LIMIT else text[:ECHO_LIMIT] + "…"


def _month(name: str, value: object, lang: str) -> tuple[dt.date | None, str | None]:
    match = MONTH.match(value) if isinstance(value, str) else None
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None, PERIOD_TEXT("bad_format", lang, name=name, value=_echo(value))
    day = dt.date(int(match.group(1)), int(match.group(2)), 1)
    if not PROGRAMME_START <= day <= PROGRAMME_END:
        return None, PERIOD_TEXT(
            "out_of_range",
            lang,
            name=name,
            value=_echo(value),
            first=format_month(PROGRAMME_START, lang),
            last=format_month(PROGRAMME_END, lang),
        )
    return day, None


def parse_period(start: object, end: object, lang: str) -> Period:
    """The period asked for by `?debut=AAAA-MM&fin=AAAA-MM` (either may be absent)."""
    problems = []
    first = last = None
    if start not in (None, ""):
        first, problem = _month(START_PARAM, start, lang)
        problems += [problem] if problem else []
    if end not in (None, ""):
        last, problem = _month(END_PARAM, end, lang)
        problems += [problem] if problem else []
    if problems:
        return Period(YEAR_START, YEAR_END, (*problems, PERIOD_TEXT("fallback", lang)))
    period_start = first or YEAR_START
    period_end = month_end(last) if last else YEAR_END
    if period_start > period_end:
        problem = PERIOD_TEXT(
            "reversed",
            lang,
            start=format_month(period_start, lang),
            end=format_month(period_end, lang),
        )
        return Period(YEAR_START, YEAR_END, (problem, PERIOD_TEXT("fallback", lang)))
    return Period(period_start, period_end)


def month_choices(lang: str) -> list[tuple[str, str]]:
    """(value, label) for every month of the programme, for the period selects."""
    return [
        (f"{day:%Y-%m}", format_month(day, lang))
        for day in month_starts(PROGRAMME_START, PROGRAMME_END)
    ]
