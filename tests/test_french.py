"""French conventions written once: the article of a name after « de » and « à » (every partner
by its short and full name, and the general rule for a name not listed), and « 1er » in dates."""

from __future__ import annotations

import datetime as dt

import pytest

from data import french
from data.reference import PARTNERS
from layouts.i18n import format_date
from layouts.sentences import period_phrase

CASES = [
    ("Paris", "de Paris", "à Paris"),
    ("Essonne", "de l'Essonne", "à l'Essonne"),
    ("Val-de-Marne", "du Val-de-Marne", "au Val-de-Marne"),
    ("Seine-Saint-Denis", "de la Seine-Saint-Denis", "à la Seine-Saint-Denis"),
    ("Programme", "du programme", "au programme"),
    ("Mairie de Paris", "de la Mairie de Paris", "à la Mairie de Paris"),
    (
        "Conseil général de l'Essonne",
        "du Conseil général de l'Essonne",
        "au Conseil général de l'Essonne",
    ),
    (
        "Conseil général de la Seine-Saint-Denis",
        "du Conseil général de la Seine-Saint-Denis",
        "au Conseil général de la Seine-Saint-Denis",
    ),
    (
        "Conseil général du Val-de-Marne",
        "du Conseil général du Val-de-Marne",
        "au Conseil général du Val-de-Marne",
    ),
    (
        "Programme Innovations democraTIC",
        "du programme Innovations democraTIC",
        "au programme Innovations democraTIC",
    ),
    # Not listed: a town takes no article, and « de » elides before a vowel.
    ("Bobigny", "de Bobigny", "à Bobigny"),
    ("Évry", "d'Évry", "à Évry"),
]


@pytest.mark.parametrize(("name", "of", "to"), CASES)
def test_names_take_their_article(name, of, to):
    assert (french.of(name), french.to(name)) == (of, to)


@pytest.mark.parametrize(
    ("name", "the"),
    [
        ("Paris", "Paris"),
        ("Essonne", "l'Essonne"),
        ("Val-de-Marne", "le Val-de-Marne"),
        ("Seine-Saint-Denis", "la Seine-Saint-Denis"),
        ("Programme", "le programme"),
    ],
)
def test_names_as_subject_take_their_article(name, the):
    assert french.the(name) == the


def test_every_partner_name_is_covered_by_a_case():
    names = {p.short_name for p in PARTNERS} | {p.name_fr for p in PARTNERS}
    assert names <= {name for name, _of, _to in CASES}


@pytest.mark.parametrize(
    ("day", "lang", "fmt", "text"),
    [
        (dt.date(2012, 1, 1), "fr", "long", "1er janvier 2012"),
        (dt.date(2012, 3, 1), "fr", "d MMMM", "1er mars"),
        (dt.date(2012, 3, 2), "fr", "long", "2 mars 2012"),
        (dt.date(2012, 3, 11), "fr", "long", "11 mars 2012"),
        (dt.date(2012, 1, 1), "en", "long", "1 January 2012"),
        (dt.date(2012, 1, 1), "fr", "LLLL y", "janvier 2012"),
    ],
)
def test_the_one_date_format_writes_the_first_of_a_month_as_an_ordinal(day, lang, fmt, text):
    assert format_date(day, lang, fmt) == text


def test_a_period_from_the_first_says_1er_once():
    assert period_phrase(dt.date(2012, 3, 1), dt.date(2012, 6, 30), "fr") == (
        "du 1er mars au 30 juin 2012"
    )
