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
