"""From figures to what the reader sees: the partner's overall status, badges in words and icons,
cards that say "< 5" and "Non défini" rather than a number."""

from __future__ import annotations

import dataclasses
import json

import pytest
from plotly.utils import PlotlyJSONEncoder

from data.headlines import partner_status
from data.progress import Status
from layouts.headline_cards import headline_card
from layouts.status import STATUS_ICONS, status_badge
from tests.test_sentences import figure


def as_json(component) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder, ensure_ascii=False)


@pytest.mark.parametrize(
    ("statuses", "expected"),
    [
        ([Status.REACHED, Status.BEHIND, Status.NO_TARGET], Status.BEHIND),
        ([Status.REACHED, Status.AHEAD], Status.AHEAD),
        ([Status.REACHED, Status.NO_TARGET], Status.REACHED),
        ([Status.NO_TARGET, Status.NO_TARGET], Status.NO_TARGET),
    ],
)
def test_partner_status_is_the_weakest_status_with_a_target(statuses, expected):
    figures = [figure(f"i{n}", 3, target=5, status=s) for n, s in enumerate(statuses)]
    assert partner_status(figures) is expected


def test_partner_status_without_data_or_definition():
    assert partner_status([]) is Status.NOT_DEFINED
    assert partner_status([figure("a", None)]) is Status.NO_DATA
    undefined = [figure("a", None, defined=False, status=Status.NOT_DEFINED)]
    assert partner_status(undefined) is Status.NOT_DEFINED


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_a_word_and_an_icon_in_both_languages(status):
    french, english = as_json(status_badge(status, "fr")), as_json(status_badge(status, "en"))
    assert STATUS_ICONS[status.value] in french
    assert french != english


def test_hidden_small_count_card_says_fewer_than_five():
    card = as_json(
        headline_card(
            figure("ssd", None, suppressed=True, target=400), "#D55E00", "fr", "c", threshold=5
        )
    )
    assert "< 5" in card and "valeur masquée (moins de 5)" in card


def test_undefined_card_shows_no_number():
    card = as_json(
        headline_card(
            figure("vdm", None, defined=False, status=Status.NOT_DEFINED),
            "#009E73",
            "en",
            "c",
            threshold=5,
        )
    )
    assert "Not defined" in card and "Not yet defined" in card
    assert "headline-number" not in card


def test_card_writes_the_expected_count_whole_and_keeps_the_exact_value_in_its_hover():
    partners = dataclasses.replace(
        figure("colloque_partenaires_associes", 3, target=4, status=Status.BEHIND),
        unit_fr="partenaires",
        expected=3.7,
    )
    card = as_json(headline_card(partners, "#4D4D4D", "fr", "c", threshold=5))
    assert "attendu à cette date : 4" in card
    assert "3,7 partenaires" not in card and "attendu à cette date : 3,7" not in card
    # The exact value is in the definition, read on focus and by screen readers.
    assert "Attendu à cette date avec une progression régulière vers l'objectif : 3,7." in card
