"""The app's two languages: French first, English second.

The one place that picks between a French and an English text, for the data layer (records with
`label_fr` / `label_en` columns) and for the layouts' message tables alike; any language other than
English reads French.
"""

from __future__ import annotations

from typing import TypeVar

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"

Text = TypeVar("Text")


def in_language(french: Text, english: Text, lang: str) -> Text:
    """The English text when English is asked for, the French one otherwise."""
    return english if lang == "en" else french


def column(name: str, lang: str) -> str:
    """The name of a bilingual column in `lang`: `label` -> `label_fr` or `label_en`."""
    return f"{name}_{in_language('fr', 'en', lang)}"
