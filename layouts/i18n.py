"""French first, English second: message tables, and number and date formats through Babel."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

from babel.core import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import NumberPattern, format_decimal, format_percent, parse_pattern

from data.languages import DEFAULT_LANGUAGE, LANGUAGES, in_language

LOCALES = {"fr": "fr_FR", "en": "en_GB"}


def normalise_language(value: object) -> str:
    """Any input (cookie, URL) to a supported language; unknown values fall back to French."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


class Messages:
    """A module's own message table: key -> (French, English)."""

    def __init__(self, table: Mapping[str, tuple[str, str]]):
        self.table = dict(table)

    def __call__(self, key: str, lang: str, **values: object) -> str:
        text = in_language(*self.table[key], lang)
        return text.format(**values) if values else text


COMMON = Messages(
    {
        "app_title": ("Tableau de bord democraTIC", "democraTIC dashboard"),
        "programme": ("Programme", "Programme"),
        "overview": ("Vue d'ensemble", "Overview"),
        "partners": ("Partenaires", "Partners"),
        "explorer": ("Explorateur", "Explorer"),
        "data": ("Données", "Data"),
        "colloquium": ("Colloque", "Colloquium"),
        "skip_to_content": ("Aller au contenu", "Skip to content"),
        "main_navigation": ("Navigation principale", "Main navigation"),
        "language": ("Langue", "Language"),
        "switch_language": ("English", "Français"),
        "switch_language_label": ("Read this page in English", "Lire cette page en français"),
        "demo_data": ("Données de démonstration", "Demonstration data"),
        "demo_banner": (
            "Données de démonstration : chiffres fictifs, générés pour présenter l'outil.",
            "Demonstration data: made-up figures, generated to show the tool.",
        ),
        "data_as_of": ("Données au {date}", "Data as of {date}"),
        "no_data_date": ("Aucune donnée publiée pour l'instant", "No data published yet"),
        "not_found_title": ("Page introuvable", "Page not found"),
        "not_found_text": (
            "Cette adresse ne correspond à aucune page du tableau de bord.",
            "This address matches no page of the dashboard.",
        ),
        "back_home": ("Revenir à la vue d'ensemble", "Back to the overview"),
        "footer": (
            "Programme Innovations democraTIC — tableau de bord de suivi des expérimentations 2012",
            "Innovations democraTIC programme — monitoring the 2012 experiments",
        ),
        "observations": ("observations", "observations"),
        "events": ("événements", "events"),
        "outcomes": ("résultats qualitatifs", "qualitative outcomes"),
        "indicators": ("indicateurs", "indicators"),
        "source": ("Source : {source}", "Source: {source}"),
        "no_data": ("Aucune donnée", "No data"),
        "not_defined": ("Non défini", "Not yet defined"),
    }
)


# The breakdowns' names, as a column header or in a list (never the code `tranche_age`): one
# table for every page that names them.
DIMENSIONS = Messages(
    {
        "profil": ("Profil", "Profile"),
        "canal": ("Canal", "Channel"),
        "tranche_age": ("Tranche d'âge", "Age band"),
        "territoire": ("Territoire", "Place"),
    }
)


def dimension_name(code: str, lang: str) -> str:
    """`Tranche d'âge` for `tranche_age`; a code this version does not know stays as it is."""
    return DIMENSIONS(code, lang) if code in DIMENSIONS.table else code


@lru_cache(maxsize=64)
def _pattern(pattern: str) -> NumberPattern:
    # Babel parses a pattern string on every call; pages format hundreds of numbers.
    return parse_pattern(pattern)


@lru_cache(maxsize=8)
def _locale(lang: str) -> Locale:
    # Parsed once: Babel parses a locale name on every call otherwise (most of a number's cost).
    return Locale.parse(LOCALES[lang])


# Formatting with Babel costs about 15 µs a value and a partner page formats hundreds, most of
# them the same small counts and months: the results are kept (pure functions of their arguments).
_memo = lru_cache(maxsize=8192, typed=True)


@_memo
def format_number(value: float | int | None, lang: str, decimals: int = 0) -> str:
    """`1 234,5` in French, `1,234.5` in English; None is shown as an em dash."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=_pattern(pattern), locale=_locale(lang))


@_memo
def format_share(value: float | None, lang: str, decimals: int = 0) -> str:
    """A share given in percent points (26.0 -> `26 %` in French, `26%` in English)."""
    if value is None:
        return "—"
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "\u00a0%"
    if lang == "en":
        pattern = pattern.replace("\u00a0", "")
    return format_percent(value / 100, format=_pattern(pattern), locale=_locale(lang))


@_memo
def format_date(value: dt.date | None, lang: str, fmt: str = "long") -> str:
    """`12 mars 2012` in French, `12 March 2012` in English; the one date format of the app.

    French writes the first of a month as an ordinal, « 1er janvier 2012 » (Babel writes
    « 1 janvier »): every date written with its day gets it here, once."""
    if value is None:
        return "—"
    pattern = "d MMMM y" if fmt == "long" else fmt
    text = _babel_date(value, format=pattern, locale=_locale(lang))
    if lang == "fr" and value.day == 1 and pattern.startswith("d ") and text.startswith("1 "):
        return "1er" + text[1:]
    return text


def data_date_text(day: dt.date | None, lang: str) -> str:
    """« Données au 30 novembre 2012 »: the data date (`data.publication.data_date`), said in
    the same words on every page, on paper and in exports."""
    if day is None:
        return COMMON("no_data_date", lang)
    return COMMON("data_as_of", lang, date=format_date(day, lang))


@_memo
def format_month(value: dt.date, lang: str) -> str:
    return _babel_date(value, format="LLLL y", locale=_locale(lang))
