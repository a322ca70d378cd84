"""Generated sentences, French and English: the usual case and the edge cases."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from data.headlines import HeadlineFigure, SparkPoint
from data.models import Aggregation
from data.progress import Status
from layouts.sentences import (
    amount_text,
    period_phrase,
    summary_sentences,
    value_text,
    whole_units,
)

YEAR = (dt.date(2012, 1, 1), dt.date(2012, 12, 31))


def figure(code: str, value, *, target=None, status=None, defined=True, suppressed=False, **kw):
    if status is None:
        status = Status.NO_DATA if value is None else Status.NO_TARGET
    return HeadlineFigure(
        indicator_code=code,
        partner_slug=kw.pop("partner", "seine-saint-denis"),
        label_fr=kw.pop("label_fr", "Clameurs publiées"),
        label_en=kw.pop("label_en", "Clameurs published"),
        definition_fr="…",
        definition_en="…",
        unit_fr=kw.pop("unit_fr", "clameurs"),
        unit_en=kw.pop("unit_en", "clameurs"),
        aggregation=Aggregation.SUM.value,
        higher_is_better=True,
        value=value,
        target=target,
        full_target=target,
        target_prorated=False,
        expected=kw.pop("expected", None),
        status=status,
        headline_rank=kw.pop("headline_rank", None),
        defined=defined,
        suppressed=suppressed,
        sparkline=kw.pop("sparkline", ()),
    )


def youth_figures(youth, clameurs, **kw):
    return [
        figure("ssd_clameurs_publiees", clameurs, target=1500, status=Status.ON_TRACK),
        figure("ssd_jeunes_contributeurs", youth, target=400, status=Status.REACHED, **kw),
    ]


def test_youth_sentence_in_french_and_english_with_number_formats():
    fr = summary_sentences("seine-saint-denis", youth_figures(412, 1380), *YEAR, "fr", threshold=5)
    en = summary_sentences("seine-saint-denis", youth_figures(412, 1380), *YEAR, "en", threshold=5)
    assert fr[0] == "412 jeunes ont publié 1\u202f380 clameurs en 2012."
    assert en[0] == "412 young people published 1,380 clameurs in 2012."
    assert fr[1] == "Sur 2 chiffres ayant un objectif, 1 atteint et 1 dans les temps."
    assert en[1] == "Of 2 figures with a target, 1 reached and 1 on track."


def test_singular_agreement_for_a_single_young_person():
    fr = summary_sentences("seine-saint-denis", youth_figures(1, 1), *YEAR, "fr", threshold=5)
    en = summary_sentences("seine-saint-denis", youth_figures(1, 1), *YEAR, "en", threshold=5)
    assert fr[0] == "1 jeune a publié 1 clameur en 2012."
    assert en[0] == "1 young person published 1 clameur in 2012."


def test_hidden_small_count_is_written_fewer_than_five():
    figures = youth_figures(None, 12, suppressed=True)
    assert summary_sentences("seine-saint-denis", figures, *YEAR, "fr", threshold=5)[0].startswith(
        "Moins de 5 jeunes ont publié 12 clameurs"
    )
    assert summary_sentences("seine-saint-denis", figures, *YEAR, "en", threshold=5)[0].startswith(
        "Fewer than 5 young people published"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fr", "La mise en œuvre est en cours de définition : aucun chiffre n'est encore attendu."),
        ("en", "Implementation is still being defined: no figure is expected yet."),
    ],
)
def test_undefined_action_is_said_so_and_never_zero(lang, expected):
    figures = [
        figure("vdm_rencontres_tenues", None, defined=False, status=Status.NOT_DEFINED),
        figure("vdm_participants", None, defined=False, status=Status.NOT_DEFINED),
    ]
    sentences = summary_sentences("val-de-marne", figures, *YEAR, lang, threshold=5)
    assert sentences == [expected]
    assert "0" not in sentences[0]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_data_says_nothing_was_published(lang):
    sentences = summary_sentences(
        "essonne", [figure("essonne_ateliers_tenus", None)], *YEAR, lang, threshold=5
    )
    assert len(sentences) == 1
    assert ("Aucune donnée" in sentences[0]) if lang == "fr" else ("No data" in sentences[0])
    assert summary_sentences("essonne", [], *YEAR, lang, threshold=5) == sentences


def test_no_target_falls_back_to_a_generic_sentence_and_says_there_is_no_target():
    figures = [
        figure(
            "autre",
            3,
            label_fr="Rencontres organisées",
            label_en="Meetups held",
            unit_fr="rencontres",
            unit_en="meetups",
            partner="val-de-marne",
        )
    ]
    fr = summary_sentences(
        "val-de-marne", figures, dt.date(2012, 3, 1), dt.date(2012, 6, 30), "fr", threshold=5
    )
    en = summary_sentences(
        "val-de-marne", figures, dt.date(2012, 3, 1), dt.date(2012, 6, 30), "en", threshold=5
    )
    assert fr == [
        "Rencontres organisées du 1er mars au 30 juin 2012 : 3 rencontres.",
        "Aucun de ces chiffres n'a d'objectif fixé pour cette période.",
    ]
    assert en == [
        "Meetups held from 1 March to 30 June 2012: 3 meetups.",
        "None of these figures has a target for this period.",
    ]


def test_single_figure_with_a_single_point():
    one = figure(
        "essonne_ateliers_tenus",
        1,
        target=2,
        status=Status.BEHIND,
        partner="essonne",
        label_fr="Ateliers tenus",
        label_en="Workshops held",
        expected=1.6,
        sparkline=(SparkPoint(dt.date(2012, 3, 1), 1.0),),
    )
    # The late figure is named, its expected value in whole workshops (1,6 -> 2).
    assert summary_sentences("essonne", [one], *YEAR, "fr", threshold=5) == [
        "1 atelier tenu sur 2 prévus.",
        "Le seul chiffre ayant un objectif est en retard.",
        "En retard : ateliers tenus (1 sur 2, attendu : 2).",
    ]
    assert summary_sentences("essonne", [one], *YEAR, "en", threshold=5) == [
        "1 workshop held out of 2 planned.",
        "The only figure with a target is behind.",
        "Behind: workshops held (1 out of 2, expected: 2).",
    ]


def test_period_phrase_across_years_and_value_text():
    assert period_phrase(dt.date(2011, 11, 1), dt.date(2012, 2, 29), "fr") == (
        "du 1er novembre 2011 au 29 février 2012"
    )
    assert period_phrase(dt.date(2011, 11, 1), dt.date(2012, 2, 29), "en") == (
        "from 1 November 2011 to 29 February 2012"
    )
    assert value_text(43.0, "fr", share=True) == "43\u00a0%"
    assert value_text(1234.5, "fr") == "1\u202f234"
    assert value_text(12.5, "en") == "12.5"
    assert value_text(None, "fr", suppressed=True, threshold=5) == "< 5"
    assert value_text(None, "en") == "—"


@pytest.mark.parametrize(
    ("amount", "value", "expected"),
    [
        (3.7, None, "4"),  # « attendu : 4 », never « 3,7 partenaires »
        (3.7, 3, "4"),
        (11.35, 9, "11"),  # 9 out of 12 when 11,35 were expected
        (3.4, None, "3"),
        (3.4, 3, "4"),  # 3 done when 3,4 were expected is not written « 3 sur 3 »
        (3.4, 4, "3"),  # reached: the usual rounding
        (12, 9, "12"),
        (1_499.6, 1_380, "1\u202f500"),
    ],
)
def test_counts_are_written_in_whole_units_without_hiding_a_shortfall(amount, value, expected):
    assert whole_units(amount, "fr", value) == expected


def test_expected_value_of_a_count_is_whole_and_of_a_share_keeps_its_unit():
    count = figure("colloque_partenaires_associes", 3, target=4, expected=3.7)
    assert amount_text(count, count.expected, "fr") == "4"
    share = dataclasses.replace(count, unit_fr="%", value=38.0, expected=37.8)
    assert amount_text(share, share.expected, "fr") == "38\u00a0%"
