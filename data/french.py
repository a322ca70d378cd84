"""French grammar of the programme's names: the article a name takes after « de » and « à ».

French says « les données de Paris », « de l'Essonne », « du Val-de-Marne », « de la
Seine-Saint-Denis », « du programme »: the article of a département is a fact of the language,
not of its spelling, so it is written down here, once; a name not listed follows the general
rule of a town: no article, and « de » elides before a vowel (« d'Évry »).
"""

from __future__ import annotations

import unicodedata

# The article each name takes (a trailing apostrophe elides). Short names of the partners, and
# the first word of their full names (« Conseil général … », « Mairie de Paris »).
ARTICLES = {
    "Paris": "",
    "Essonne": "l'",
    "Val-de-Marne": "le ",
    "Seine-Saint-Denis": "la ",
    "Programme": "le ",
    "programme": "le ",
    "Conseil": "le ",
    "Mairie": "la ",
}
_CONTRACTIONS = {
    ("de", "le "): "du ",
    ("de", "les "): "des ",
    ("à", "le "): "au ",
    ("à", "les "): "aux ",
}


def _article(name: str) -> str:
    if name in ARTICLES:
        return ARTICLES[name]
    # Not listed: a place name (a town takes no article), unless its first word is listed.
    return ARTICLES.get(name.split(" ", 1)[0], "")


def _with(preposition: str, name: str) -> str:
    article = _article(name)
    if (preposition, article) in _CONTRACTIONS:
        return _CONTRACTIONS[preposition, article] + _lowered(name, article)
    if preposition == "de" and article == "" and _elides(name):
        return "d'" + name
    return f"{preposition} {article}{_lowered(name, article)}"


def _elides(name: str) -> bool:
    letter = unicodedata.normalize("NFD", name[:1]).lower()[:1]
    return bool(letter) and letter in "aeiouy"


def _lowered(name: str, article: str) -> str:
    # « du programme Innovations democraTIC »: a common noun after its article is lower case.
    if article and name.split(" ", 1)[0] == "Programme":
        return "p" + name[1:]
    return name


def of(name: str) -> str:
    """« de » and the name with its article: `de Paris`, `de l'Essonne`, `du Val-de-Marne`."""
    return _with("de", name)


def to(name: str) -> str:
    """« à » and the name with its article: `à Paris`, `à l'Essonne`, `au Val-de-Marne`."""
    return _with("à", name)


def the(name: str) -> str:
    """The name with its article, as a subject or object: `Paris`, `l'Essonne`, `le Val-de-Marne`."""
    article = _article(name)
    return article + _lowered(name, article)
