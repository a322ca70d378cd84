"""The programme's reference data, from its 2012 outlook: its calendar, categories, partners,
actions and breakdown values.

This is not demonstration data: it describes the programme itself and is loaded in every store.
The indicators (`data.reference_indicators`) and the places (`data.reference_territories`) are
long lists of their own, each in its module; `data.reference_loading` writes them all in a store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from data.models import ActionStatus

YEAR_START = dt.date(2012, 1, 1)
YEAR_END = dt.date(2012, 12, 31)
# Dates the programme's data may fall in (imports outside it are refused).
PROGRAMME_START = dt.date(2011, 1, 1)
PROGRAMME_END = dt.date(2013, 12, 31)

POPULATION_SOURCE = "INSEE, populations légales 2009 (arrondies)"

CATEGORIES = [
    ("conseils", "Conseils de quartier", "Neighbourhood councils"),
    ("jeunesse", "Engagement des jeunes", "Youth engagement"),
    ("rencontres", "Rencontres", "Meetups"),
    ("ateliers", "Résultats des ateliers", "Workshop outcomes"),
    ("colloque", "Colloque", "Colloquium"),
]


@dataclass(frozen=True)
class PartnerSpec:
    slug: str
    name_fr: str
    name_en: str
    short_name: str
    kind: str
    category: str
    population: int | None
    description_fr: str
    description_en: str
    licence: str | None = "Licence Ouverte / Open Licence 2.0 (Etalab)"


PARTNERS = [
    PartnerSpec(
        "paris",
        "Mairie de Paris",
        "City of Paris",
        "Paris",
        "commune",
        "conseils",
        2_234_105,
        "Outils numériques pour les conseils de quartier et dispositifs de participation hybrides "
        "(présentiel et distanciel).",
        "Digital tools for neighbourhood councils and hybrid (in person and remote) participation.",
    ),
    PartnerSpec(
        "seine-saint-denis",
        "Conseil général de la Seine-Saint-Denis",
        "Seine-Saint-Denis departmental council",
        "Seine-Saint-Denis",
        "departement",
        "jeunesse",
        1_515_983,
        "Le Forum des Jeunes et le dispositif mobile « les clameurs » pour la prise de parole des "
        "jeunes.",
        "The Youth Forum and the mobile device “les clameurs” through which young people speak up.",
    ),
    PartnerSpec(
        "val-de-marne",
        "Conseil général du Val-de-Marne",
        "Val-de-Marne departmental council",
        "Val-de-Marne",
        "departement",
        "rencontres",
        1_327_732,
        "Rencontres entre agents et porteurs de projets innovants ; démocratie continue. "
        "Mise en œuvre en cours de définition.",
        "Meetups between agents and innovative project holders; continuous democracy. "
        "Implementation still being defined.",
    ),
    PartnerSpec(
        "essonne",
        "Conseil général de l'Essonne",
        "Essonne departmental council",
        "Essonne",
        "departement",
        "ateliers",
        1_208_004,
        "Deux ateliers avec un groupe pilote sur la participation dans les conseils cantonaux, "
        "et un état des lieux des pratiques numériques de démocratie participative.",
        "Two workshops with a pilot group on participation in cantonal councils, and an inventory "
        "of digital participatory-democracy practices.",
    ),
    PartnerSpec(
        "programme",
        "Programme Innovations democraTIC",
        "Innovations democraTIC programme",
        "Programme",
        "programme",
        "colloque",
        None,
        "La restitution du programme : un colloque en fin d'année, préparé dès avril avec les "
        "partenaires.",
        "The programme's closing event: a colloquium at the end of the year, prepared from April "
        "with the partners.",
    ),
]

PARTNER_SLUGS = [p.slug for p in PARTNERS if p.kind != "programme"]


@dataclass(frozen=True)
class ActionSpec:
    partner: str
    code: str
    title_fr: str
    title_en: str
    status: ActionStatus
    start: dt.date | None
    end: dt.date | None


ACTIONS = [
    ActionSpec(
        "paris",
        "paris-rencontres-coordinateurs",
        "Rencontres et interviews des coordinateurs des conseils de quartier",
        "Meetings and interviews with neighbourhood council coordinators",
        ActionStatus.DONE,
        dt.date(2012, 1, 16),
        dt.date(2012, 6, 29),
    ),
    ActionSpec(
        "paris",
        "paris-echanges-savoirs",
        "Échanges de savoirs entre conseillers de quartier",
        "Knowledge exchanges between neighbourhood councillors",
        ActionStatus.IN_PROGRESS,
        dt.date(2012, 4, 2),
        dt.date(2012, 12, 14),
    ),
    ActionSpec(
        "paris",
        "paris-dispositifs-hybrides",
        "Dispositifs de participation hybrides (présentiel et distanciel)",
        "Hybrid participation devices (in person and remote)",
        ActionStatus.IN_PROGRESS,
        dt.date(2012, 3, 1),
        dt.date(2012, 12, 14),
    ),
    ActionSpec(
        "paris",
        "paris-universite-populaire",
        "Contribution à l'Université Populaire de la Citoyenneté Active (DUCT)",
        "Contribution to the DUCT's People's University of Active Citizenship",
        ActionStatus.IN_PROGRESS,
        dt.date(2012, 5, 1),
        dt.date(2012, 11, 30),
    ),
    ActionSpec(
        "seine-saint-denis",
        "ssd-clameurs",
        "Dispositif mobile « les clameurs » du Forum des Jeunes",
        "The Youth Forum's mobile device “les clameurs”",
        ActionStatus.IN_PROGRESS,
        dt.date(2012, 2, 1),
        dt.date(2012, 12, 21),
    ),
    ActionSpec(
        "seine-saint-denis",
        "ssd-formation-buzz",
        "Formation aux techniques de buzz sur internet",
        "Training in internet buzz techniques",
        ActionStatus.DONE,
        dt.date(2012, 3, 5),
        dt.date(2012, 6, 22),
    ),
    ActionSpec(
        "val-de-marne",
        "vdm-rencontres-agents-porteurs",
        "Rencontres entre agents et porteurs de projets innovants",
        "Meetups between agents and innovative project holders",
        ActionStatus.NOT_DEFINED,
        None,
        None,
    ),
    ActionSpec(
        "val-de-marne",
        "vdm-democratie-continue",
        "Expérimentations autour de la démocratie continue",
        "Continuous-democracy experiments",
        ActionStatus.NOT_DEFINED,
        None,
        None,
    ),
    ActionSpec(
        "essonne",
        "essonne-ateliers-pilote",
        "Deux ateliers avec le groupe pilote, animés par un designer de services",
        "Two workshops with the pilot group, led by a service designer",
        ActionStatus.IN_PROGRESS,
        dt.date(2012, 3, 1),
        dt.date(2012, 10, 31),
    ),
    ActionSpec(
        "essonne",
        "essonne-etat-des-lieux",
        "État des lieux des pratiques numériques de démocratie participative",
        "Inventory of digital participatory-democracy practices",
        ActionStatus.DONE,
        dt.date(2012, 1, 9),
        dt.date(2012, 5, 31),
    ),
    ActionSpec(
        "essonne",
        "essonne-projet-catalyseur",
        "Le numérique comme catalyseur d'un projet de participation existant",
        "Digital tools as a catalyst for an existing participation project",
        ActionStatus.NOT_DEFINED,
        None,
        None,
    ),
    ActionSpec(
        "programme",
        "programme-colloque",
        "Colloque de restitution du programme",
        "The programme's closing colloquium",
        ActionStatus.IN_PROGRESS,
        dt.date(2012, 4, 2),
        dt.date(2012, 12, 6),
    ),
]

COLLOQUIUM_DATE = dt.date(2012, 12, 6)

# (dimension, code, label_fr, label_en)
DIMENSION_VALUES = [
    ("profil", "citoyen", "Citoyens", "Citizens"),
    ("profil", "association", "Associations", "Associations"),
    ("profil", "elu", "Élus", "Elected officials"),
    ("profil", "agent", "Agents publics", "Public agents"),
    ("profil", "porteur_projet", "Porteurs de projets", "Project holders"),
    ("profil", "jeune", "Jeunes", "Young people"),
    ("profil", "conseiller_quartier", "Conseillers de quartier", "Neighbourhood councillors"),
    ("canal", "presentiel", "Présentiel", "In person"),
    ("canal", "distanciel", "Distanciel", "Remote"),
    ("canal", "hybride", "Hybride", "Hybrid"),
    ("canal", "mobile", "Mobile (SMS, application)", "Mobile (SMS, app)"),
    ("canal", "web", "Web", "Web"),
    ("tranche_age", "15-17", "15 à 17 ans", "15 to 17"),
    ("tranche_age", "18-20", "18 à 20 ans", "18 to 20"),
    ("tranche_age", "21-25", "21 à 25 ans", "21 to 25"),
]

BREAKDOWN_DIMENSIONS = ("territoire", "profil", "canal", "tranche_age")


# Number of neighbourhood councils in Paris (the seed's order of magnitude).
PARIS_COUNCILS = 121
