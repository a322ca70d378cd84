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
