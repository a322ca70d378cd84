"""How the demonstration's observations are made, indicator by indicator: each one's total, the
period it covers and the breakdowns it is spread over, as of the eve of the colloquium.

The tuning of the demonstration dataset, apart from the generator that turns it into rows
(`data.demo`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# The demonstration is seen from the eve of the colloquium: data up to the end of November 2012.
AS_OF = dt.date(2012, 11, 30)


@dataclass(frozen=True)
class Series:
    """How one indicator's demonstration values are made."""

    total: float  # annual total (SUM) or final value (LATEST, DISTINCT)
    start: dt.date
    end: dt.date
    # Breakdown values used for this series (subset of the indicator's breakdowns).
    channels: tuple[str, ...] = ()
    ages: tuple[str, ...] = ()
    profiles: dict[str, float] | None = None  # profile -> share (or absolute, for LATEST)
    by_territory: bool = False
    # Fraction of the partner's territories where activity took place.
    territory_share: float = 1.0
    # By the partner's territories at another level (reference_territories.OTHER_TERRITORIES).
    by_canton: bool = False


S = Series
D = dt.date
SERIES: dict[str, Series] = {
    "paris_coordinateurs_rencontres": S(23, D(2012, 1, 16), D(2012, 6, 29), by_territory=True),
    "paris_pratiques_detectees": S(26, D(2012, 1, 16), D(2012, 6, 29), by_territory=True),
    "paris_sessions_echange": S(9, D(2012, 4, 2), AS_OF, by_territory=True, territory_share=0.4),
    "paris_conseillers_participants": S(
        214, D(2012, 4, 2), AS_OF, by_territory=True, channels=("presentiel", "distanciel")
    ),
    "paris_dispositifs_hybrides": S(
        8, D(2012, 3, 1), AS_OF, by_territory=True, territory_share=0.35
    ),
    "paris_participants_hybrides": S(
        1240,
        D(2012, 3, 1),
        AS_OF,
        by_territory=True,
        territory_share=0.35,
        channels=("presentiel", "distanciel"),
    ),
    "paris_part_conseils_touches": S(43.0, D(2012, 1, 16), AS_OF),
    "paris_contributions_upca": S(5, D(2012, 5, 1), AS_OF),
    "ssd_clameurs_publiees": S(
        1380,
        D(2012, 2, 1),
        AS_OF,
        by_territory=True,
        channels=("mobile", "web"),
        ages=("15-17", "18-20", "21-25"),
    ),
    "ssd_jeunes_contributeurs": S(
        412,
        D(2012, 2, 1),
        AS_OF,
        by_territory=True,
        territory_share=0.6,
        ages=("15-17", "18-20", "21-25"),
    ),
    "ssd_actions_promues": S(19, D(2012, 2, 1), AS_OF),
    "ssd_portee_actions": S(18_500, D(2012, 2, 1), AS_OF, channels=("mobile", "web")),
    "ssd_sessions_buzz": S(6, D(2012, 3, 5), D(2012, 6, 22)),
    "ssd_jeunes_formes": S(64, D(2012, 3, 5), D(2012, 6, 22), ages=("15-17", "18-20", "21-25")),
    "essonne_ateliers_tenus": S(2, D(2012, 3, 22), D(2012, 6, 14)),
    "essonne_membres_groupe_pilote": S(
        29, D(2012, 3, 22), AS_OF, profiles={"citoyen": 12, "association": 6, "elu": 4, "agent": 7}
    ),
    "essonne_propositions": S(17, D(2012, 3, 22), D(2012, 6, 14)),
    "essonne_propositions_retenues": S(5, D(2012, 9, 1), D(2012, 9, 30)),
    # The inventory went canton by canton (the cantonal councils): data by canton.
    "essonne_pratiques_inventoriees": S(
        47, D(2012, 1, 9), D(2012, 5, 31), by_territory=True, territory_share=0.75, by_canton=True
    ),
    "essonne_acteurs_mis_en_relation": S(14, D(2012, 4, 1), AS_OF),
    "colloque_jalons_realises": S(6, D(2012, 4, 2), AS_OF),
    "colloque_partenaires_associes": S(3, D(2012, 4, 2), AS_OF),
    "colloque_inscriptions": S(
        212,
        D(2012, 9, 17),
        AS_OF,
        profiles={
            "elu": 0.18,
            "agent": 0.34,
            "association": 0.2,
            "citoyen": 0.16,
            "porteur_projet": 0.12,
        },
    ),
    # Val-de-Marne: implementation still being defined, so no data at all (never shown as zero).
    # Colloquium attendance: the colloquium has not taken place yet on AS_OF.
}
