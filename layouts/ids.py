"""Component ids shared by layouts and callbacks: one constant per id, never a literal twice."""

# Shell
URL = "url"
NAVBAR = "navbar"
MAIN = "contenu"
LANGUAGE_SWITCH = "choix-langue"
DEMO_BANNER = "bandeau-demonstration"

# Presentation mode (/colloque)
COLLOQUE_STAGE = "colloque"
COLLOQUE_DECK = "colloque-diapositives"
COLLOQUE_COUNTER = "colloque-compteur"
COLLOQUE_PROGRESS = "colloque-progression"
COLLOQUE_NOTICE = "colloque-avis"
COLLOQUE_PAUSED = "colloque-pause"


def indexed(kind: str, index: str) -> dict[str, str]:
    """A pattern-matching id, e.g. indexed('figure', 'paris_pratiques_detectees')."""
    return {"type": kind, "index": index}


# --- Explorer (/explorer)
EXPLORER_URL = "explorateur-adresse"
EXPLORER_START = "explorateur-debut"
EXPLORER_END = "explorateur-fin"
EXPLORER_GRAIN = "explorateur-pas"
EXPLORER_BREAKDOWN = "explorateur-ventilation"
EXPLORER_DETAIL = "explorateur-detail"
EXPLORER_SORT = "explorateur-tri"
EXPLORER_RESET = "explorateur-effacer"
EXPLORER_NOTICES = "explorateur-avis"
EXPLORER_CHIPS = "explorateur-filtres-actifs"
EXPLORER_SUMMARY = "explorateur-resume"
EXPLORER_EMPTY = "explorateur-vide"
EXPLORER_RESULTS = "explorateur-resultats"
EXPLORER_EVOLUTION = "explorateur-evolution"
EXPLORER_BREAKDOWN_GRAPH = "explorateur-repartition"
EXPLORER_COMPARISON = "explorateur-comparaison"
EXPLORER_PER_CAPITA = "explorateur-par-habitant"
EXPLORER_TABLE = "explorateur-tableau"
EXPLORER_CSV = "explorateur-export-csv"
EXPLORER_XLSX = "explorateur-export-xlsx"
EXPLORER_DOWNLOAD = "explorateur-telechargement"
# Pattern-matching kinds: one checklist per filter, one chip per active filter, one sort button
# per table column, one data table (text alternative) per chart.
EXPLORER_FILTER = "explorateur-filtre"
EXPLORER_CHIP = "explorateur-puce"
EXPLORER_SORT_BUTTON = "explorateur-tri-colonne"
EXPLORER_CHART_DATA = "explorateur-donnees-graphique"
EXPLORER_COMPARISON_NOTE = "explorateur-comparaison-note"
EXPLORER_FOCUS = "explorateur-indicateur-reparti"
EXPLORER_COMPARE = "explorateur-comparer"
# One button per usual period (the year, each quarter), indexed by "start_end".
EXPLORER_PRESET = "explorateur-periode-usuelle"
EXPLORER_PRESETS = "explorateur-periodes-usuelles"
# "compact" once the browser says the screen is a phone's: the charts are then simplified.
EXPLORER_SCREEN = "explorateur-ecran"

# Accounts and publication (header)
LOGIN_LINK = "lien-connexion"
LOGOUT_BUTTON = "bouton-deconnexion"
ACCOUNT_NAME = "compte-connecte"
PUBLICATION_NOTE = "note-publication"

# --- Data page (/donnees): imports, loads, quality, export
DATA_KIND = "donnees-type-fichier"
DATA_UPLOAD = "donnees-depot"
DATA_REPORT = "donnees-rapport"
DATA_RECEIVED = "donnees-fichier-recu"  # the upload once its size is checked in the browser
DATA_LIMIT = "donnees-taille-max"
DATA_TOO_BIG = "donnees-fichier-trop-gros"
DATA_TOKEN = "donnees-jeton"
DATA_CONFIRM = "donnees-confirmer"
DATA_CANCEL = "donnees-abandonner"
DATA_ACTIONS = "donnees-actions"
DATA_STATUS = "donnees-etat"
DATA_LOADS = "donnees-chargements"
DATA_JOB = "donnees-travail"  # the background check or load being followed
DATA_POLL = "donnees-travail-suivi"  # the interval that reads its progress
DATA_PROGRESS = "donnees-travail-progression"
DATA_JOB_STOP = "donnees-travail-arreter"
DATA_APPROVE = "donnees-publier"  # pattern-matching: {"type": DATA_APPROVE, "index": load id}
DATA_UNDO = "donnees-annuler"  # pattern-matching: {"type": DATA_UNDO, "index": load id}
DATA_UNDO_DIALOG = "donnees-annulation"
DATA_UNDO_TARGET = "donnees-annulation-cible"
DATA_UNDO_TEXT = "donnees-annulation-texte"
DATA_UNDO_CONFIRM = "donnees-annulation-confirmer"
DATA_UNDO_KEEP = "donnees-annulation-garder"

# --- Partner pages: each chart's data as CSV and XLSX (pattern-matching: index = chart key)
PARTNER_CHART_CSV = "partenaire-graphique-csv"
PARTNER_CHART_XLSX = "partenaire-graphique-xlsx"
PARTNER_DOWNLOAD = "partenaire-telechargement"
PARTNER_EXPORT_CONTEXT = "partenaire-export-contexte"
# --- Explorer's map (layouts/explorer_map.py, callbacks/explorer_map.py)
EXPLORER_MAP = "explorateur-carte"
EXPLORER_MAP_MEASURE = "explorateur-carte-mesure"
EXPLORER_MAP_DATA = "explorateur-carte-donnees"
EXPLORER_MAP_CODES = "explorateur-carte-codes"
