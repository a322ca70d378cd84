"""Reading one cell as French Excel writes it: numbers with a decimal comma and thousands
separators, dates as dd/mm/yyyy, labels with stray spaces and accents."""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata

# Spaces Excel and LibreOffice put between thousands: space, no-break and narrow no-break space.
_SPACES = re.compile(r"[\s\u00a0\u202f\u2007]+")
_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")
_DATE_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def clean_text(value: object) -> str | None:
    """The cell as text without stray spaces (inner runs of spaces become one); None if blank."""
    if isinstance(value, str):
        return _clean_str(value)
    if is_blank(value):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an Excel number cell holding a code (75101.0)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    return _SPACES.sub(" ", str(value)).strip()


@functools.lru_cache(maxsize=65_536)
def _clean_str(value: str) -> str | None:
    text = _SPACES.sub(" ", value).strip()
    return text or None


def match_key(value: object) -> str:
    """A key to compare labels typed by people: no accents, no case, one kind of apostrophe,
    no punctuation differences between « Val-de-Marne », « val de marne » and « VAL DE MARNE »."""
    if isinstance(value, str):
        return _match_text(value)  # a file repeats the same few codes: computed once each
    return _match_text(clean_text(value) or "")


@functools.lru_cache(maxsize=65_536)
def _match_text(value: str) -> str:
    text = clean_text(value) or ""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("œ", "oe"))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return re.sub(r"[^a-z0-9%]+", " ", text).strip()


def parse_number(value: object) -> float | None:
    """A number from a cell (1 234,5 · 1.234,5 · 1234.5 · 12 %), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, str):
        return _number_text(value)
    return None


@functools.lru_cache(maxsize=65_536)
def _number_text(value: str) -> float | None:
    text = clean_text(value)
    if text is None:
        return None
    text = _SPACES.sub("", text)
    if text.endswith("%"):
        text = text[:-1]
    if "," in text:
        # French decimal comma; dots are then thousands separators (1.234,5).
        if text.count(",") > 1:
            return None
        text = text.replace(".", "").replace(",", ".")
    elif _DOT_THOUSANDS.match(text):
        text = text.replace(".", "")
    if not _NUMBER.match(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def parse_date(value: object) -> dt.date | None:
    """A date from a cell: an Excel date, dd/mm/yyyy (also with - or .), or yyyy-mm-dd."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        return _date_text(value)
    return None


@functools.lru_cache(maxsize=65_536)
def _date_text(value: str) -> dt.date | None:
    text = clean_text(value)
    if text is None:
        return None
    try:
        if match := _DATE_DMY.match(text):
            day, month, year = (int(g) for g in match.groups())
            return dt.date(year, month, day)
        if match := _DATE_ISO.match(text):
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    except ValueError:  # 31/02/2012
        return None
    return None


def header_key(value: object) -> str:
    """A column title as a key: « Date de début » -> date_de_debut."""
    return match_key(value).replace(" ", "_").replace("%", "")
