"""The colloquium's slide deck as plain data: what each slide shows, already read for the viewer
and language, the presentation's settings and the slides' words.

Kept apart from the component tree (`layouts.colloquium_parts`, `layouts.colloquium_slides`,
`layouts.colloquium`) so that the callbacks read the deck without building any slide.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from data.headlines import HeadlineFigure
from data.interpretations import Note
from data.models import ActionStatus
from data.progress import Status
from layouts.figures import (
    PROJECTOR_THEMES,
)
from layouts.i18n import (
    Messages,
)

THEMES = tuple(PROJECTOR_THEMES)

SLIDE_TEXT = Messages(
    {
        "region": ("Présentation du colloque", "Colloquium presentation"),
        "roledescription": ("présentation", "presentation"),
        "slide": ("diapositive", "slide"),
        "slide_label": ("{n} sur {total} : {title}", "{n} of {total}: {title}"),
        "page_title": (
            "Mode présentation du colloque — Tableau de bord democraTIC",
            "Colloquium presentation mode — democraTIC dashboard",
        ),
        "instructions": (
            "Les diapositives avancent seules toutes les {seconds} secondes. Flèche droite ou Page "
            "suivante : diapositive suivante ; flèche gauche ou Page précédente : diapositive "
            "précédente ; Espace : pause ou reprise ; F : plein écran.",
            "Slides advance by themselves every {seconds} seconds. Right arrow or Page Down: next "
            "slide; left arrow or Page Up: previous slide; Space: pause or resume; F: full screen.",
        ),
        "paused": ("En pause", "Paused"),
        "offline": (
            "Serveur injoignable : les chiffres affichés sont ceux reçus à {heure}.",
            "Server unreachable: the figures shown are those received at {heure}.",
        ),
        "signed_out": (
            "Session terminée : reconnectez-vous pour mettre à jour les chiffres, reçus à {heure}.",
            "Session ended: sign in again to update the figures, received at {heure}.",
        ),
        "programme_name": ("Innovations democraTIC", "Innovations democraTIC"),
        "title_kicker": ("Colloque de restitution", "Closing colloquium"),
        "title_lead": (
            "Quatre collectivités ont expérimenté en 2012 des outils numériques au service de la "
            "démocratie locale.",
            "In 2012, four local governments tried digital tools for local democracy.",
        ),
        "with_partners": ("Avec", "With"),
        "figures_title": ("Le programme en chiffres", "The programme in figures"),
        "partners_engaged": ("collectivités partenaires", "partner local governments"),
        "events_held": (
            "rencontres, ateliers et formations tenus",
            "meetings, workshops and trainings held",
        ),
        "actions_running": ("actions engagées sur {total}", "actions under way out of {total}"),
        "partner_kicker": ("Partenaire {n} sur {total}", "Partner {n} of {total}"),
        "late_count": ("{n} indicateurs sur {total}", "{n} of {total} indicators"),
        "late_count_one": ("1 indicateur sur {total}", "1 of {total} indicators"),
        "target": ("objectif {target}", "target {target}"),
        "not_defined_title": (
            "Mise en œuvre en cours de définition",
            "Implementation still being defined",
        ),
        "not_defined_text": (
            "Aucun chiffre n'est encore attendu : il n'est pas affiché comme un zéro.",
            "No figure is expected yet: none is shown as a zero.",
        ),
        "planned_actions": ("Actions envisagées", "Planned actions"),
        "chart_sum": ("{label} : cumul depuis janvier", "{label}: running total since January"),
        "chart_level": ("{label}, mois par mois", "{label}, month by month"),
        "chart_target": ("Objectif {target}", "Target {target}"),
        "chart_alt": ("Valeurs du graphique : {values}.", "Chart values: {values}."),
        "no_chart": (
            "Pas encore de série mensuelle à représenter.",
            "No monthly series to chart yet.",
        ),
        "timeline_title": ("2012, action par action", "2012, action by action"),
        "map_title": ("Quatre territoires d'expérimentation", "Four places to experiment"),
        "map_alt": ("Carte : {places}.", "Map: {places}."),
        "timeline_undefined": ("Calendrier à définir", "Schedule to be defined"),
        "timeline_colloquium": ("Colloque", "Colloquium"),
        "timeline_dates": ("du {start} au {end}", "from {start} to {end}"),
        "closing_title": ("Merci !", "Thank you!"),
        "closing_lead": (
            "Les chiffres de cette présentation viennent du tableau de bord du programme.",
            "The figures in this presentation come from the programme's dashboard.",
        ),
        "closing_url": ("Retrouvez-les en ligne :", "Find them online:"),
        "qr_alt": ("Code QR vers {url}", "QR code to {url}"),
        "footer": ("Innovations democraTIC · {date}", "Innovations democraTIC · {date}"),
    }
)


@dataclass(frozen=True)
class PartnerSlide:
    """One partner's slide: its headline figures, status and summing-up sentence."""

    slug: str
    name: str
    category: str
    description: str
    figures: tuple[HeadlineFigure, ...]
    status: Status
    sentences: tuple[str, ...]
    # (title, status) of the partner's actions, shown when nothing is defined yet.
    actions: tuple[tuple[str, ActionStatus], ...] = ()
    # How many of all its indicators with a target are late (the slide shows only its key
    # figures, so a delay elsewhere is said in the header): (late, with a target).
    late: tuple[int, int] = (0, 0)

    @property
    def defined(self) -> bool:
        return self.status != Status.NOT_DEFINED


@dataclass(frozen=True)
class TimelineAction:
    partner_slug: str
    partner_name: str
    title: str
    status: ActionStatus
    start: dt.date | None
    end: dt.date | None


@dataclass(frozen=True)
class Deck:
    """Everything the slides show, already read for the current viewer and language."""

    lang: str
    as_of: dt.date
    demonstration: bool
    colloquium_date: dt.date
    year_start: dt.date
    year_end: dt.date
    programme: PartnerSlide
    partners: tuple[PartnerSlide, ...]
    events_held: int
    timeline: tuple[TimelineAction, ...]
    # The small-count threshold in force (the app's setting): hidden counts are written « < N ».
    threshold: int
    public_url: str = ""
    qr_src: str = ""  # URL of the QR code image (served by the app), empty without a public URL
    # « Données au … » (data.publication.data_date): the same day on every page.
    data_date: dt.date | None = None
    # The interpretations the viewer reads, by indicator: marked on the slides' charts.
    notes: Mapping[str, tuple[Note, ...]] = field(default_factory=dict)


@dataclass(frozen=True)
class Options:
    """The presentation's settings, validated (see callbacks.colloquium.parse_options)."""

    interval: int
    refresh: int
    theme: str
