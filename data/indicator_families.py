"""Indicator families: what the partners count alike, so that partners can be compared.

Every indicator belongs to one partner, so no single indicator can be compared across partners.
A family names, for each partner that has one, *the* indicator that counts the same kind of
thing (people reached, meetings held...). A comparison then shows one indicator per partner,
each with its own aggregation rule; indicators are never added together, not even within a
partner. The programme itself (the colloquium) is not a partner and is never compared.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    code: str  # as written in the explorer's address (?comparer=...)
    label_fr: str
    label_en: str
    unit_fr: str
    unit_en: str
    indicators: Mapping[str, str]  # partner slug -> the partner's indicator of this family

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_fr

    def unit(self, lang: str) -> str:
        return self.unit_en if lang == "en" else self.unit_fr


FAMILIES = (
    Family(
        "personnes-touchees",
        "Personnes touchées",
        "People reached",
        "personnes",
        "people",
        {
            "paris": "paris_participants_hybrides",
            "seine-saint-denis": "ssd_jeunes_contributeurs",
            "val-de-marne": "vdm_participants",
            "essonne": "essonne_membres_groupe_pilote",
        },
    ),
    Family(
        "rencontres-tenues",
        "Rencontres tenues",
        "Meetings held",
        "rencontres",
        "meetings",
        {
            "paris": "paris_sessions_echange",
            "seine-saint-denis": "ssd_sessions_buzz",
            "val-de-marne": "vdm_rencontres_tenues",
            "essonne": "essonne_ateliers_tenus",
        },
    ),
    Family(
        "pratiques-reperees",
        "Pratiques repérées",
        "Practices identified",
        "pratiques",
        "practices",
        {
            "paris": "paris_pratiques_detectees",
            "essonne": "essonne_pratiques_inventoriees",
        },
    ),
)
FAMILY_CODES = tuple(f.code for f in FAMILIES)
DEFAULT_FAMILY = FAMILIES[0].code


def family(code: str) -> Family:
    """The family of that code (the default one for any unknown code)."""
    return next((f for f in FAMILIES if f.code == code), FAMILIES[0])
