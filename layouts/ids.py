"""Component ids shared by layouts and callbacks: one constant per id, never a literal twice."""

# Shell
URL = "url"
NAVBAR = "navbar"
MAIN = "contenu"
LANGUAGE_SWITCH = "choix-langue"
DEMO_BANNER = "bandeau-demonstration"


def indexed(kind: str, index: str) -> dict[str, str]:
    """A pattern-matching id, e.g. indexed('figure', 'paris_pratiques_detectees')."""
    return {"type": kind, "index": index}


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
DATA_APPROVE = "donnees-publier"  # pattern-matching: {"type": DATA_APPROVE, "index": load id}
DATA_UNDO = "donnees-annuler"  # pattern-matching: {"type": DATA_UNDO, "index": load id}
DATA_UNDO_DIALOG = "donnees-annulation"
DATA_UNDO_TARGET = "donnees-annulation-cible"
DATA_UNDO_TEXT = "donnees-annulation-texte"
DATA_UNDO_CONFIRM = "donnees-annulation-confirmer"
DATA_UNDO_KEEP = "donnees-annulation-garder"
