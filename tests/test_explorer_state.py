"""The explorer's filter model: URL ⇄ state round trip, and every bad input reported, never raised."""

from __future__ import annotations

import datetime as dt

import pytest

from layouts.explorer_state import (
    DEFAULT_STATE,
    MAX_QUERY_LENGTH,
    MAX_VALUES,
    Allowed,
    ExplorerState,
    from_controls,
    parse_query,
    to_query,
)

ALLOWED = Allowed(
    partners=frozenset({"paris", "essonne", "seine-saint-denis"}),
    categories=frozenset({"conseils", "ateliers"}),
    indicators=frozenset({"paris_sessions_echange", "essonne_ateliers_tenus"}),
    territories=frozenset({"75111", "75118", "91228"}),
    profiles=frozenset({"citoyen", "elu"}),
    channels=frozenset({"presentiel", "distanciel"}),
    age_bands=frozenset({"15-17"}),
)


def texts(state: ExplorerState, lang: str = "fr") -> list[str]:
    return [notice.text(lang) for notice in state.notices]


def test_the_default_view_has_an_empty_query_and_reads_back_identically():
    assert to_query(DEFAULT_STATE) == ""
    assert parse_query("", ALLOWED) == DEFAULT_STATE
    assert parse_query(None, ALLOWED) == DEFAULT_STATE
    assert parse_query("?", ALLOWED).notices == ()


def test_every_field_survives_the_round_trip_through_the_url():
    state = ExplorerState(
        start=dt.date(2012, 3, 1),
        end=dt.date(2012, 6, 30),
        grain="trimestre",
        partners=("paris", "essonne"),
        categories=("conseils",),
        indicators=("paris_sessions_echange",),
        territories=("75111", "75118"),
        profiles=("elu",),
        channels=("presentiel",),
        age_bands=("15-17",),
        breakdown="canal",
        focus="paris_sessions_echange",
        detail="periode",
        sort="valeur",
        descending=True,
    )
    query = to_query(state)
    assert query.startswith("?debut=2012-03-01&fin=2012-06-30&pas=trimestre")
    assert "partenaires=paris,essonne" in query
    again = parse_query(query, ALLOWED)
    assert again == state
    assert again.notices == ()
    # Dash Pages hands the layout the parsed mapping rather than the raw string: same state.
    mapping = dict(pair.split("=", 1) for pair in query[1:].split("&"))
    assert parse_query(mapping, ALLOWED) == state


def test_repeated_list_parameters_are_read_like_a_comma_separated_list():
    state = parse_query("partenaires=paris&partenaires=essonne", ALLOWED)
    assert state.partners == ("paris", "essonne")
    assert parse_query({"partenaires": ["paris", "essonne"]}, ALLOWED).partners == (
        "paris",
        "essonne",
    )


def test_unknown_parameter_is_ignored_with_a_notice():
    state = parse_query("?partenaires=paris&couleur=rouge", ALLOWED)
    assert state.partners == ("paris",)
    assert texts(state) == ["Le paramètre « couleur » de l'adresse est inconnu : il a été ignoré."]
    assert texts(state, "en") == ["The address parameter “couleur” is unknown: it was ignored."]


def test_unknown_codes_are_dropped_and_named_the_known_ones_kept():
    state = parse_query("partenaires=paris,lyon&territoires=99999", ALLOWED)
    assert state.partners == ("paris",)
    assert state.territories == ()
    assert texts(state) == [
        "« lyon » n'est pas une valeur connue pour le filtre « partenaires » : elle a été ignorée.",
        "« 99999 » n'est pas une valeur connue pour le filtre « territoires » : elle a été "
        "ignorée.",
    ]


@pytest.mark.parametrize("bad", ["2012-13-01", "2012-02-30", "01/03/2012", "demain", "2012-3-1"])
def test_malformed_dates_fall_back_to_the_default_with_a_notice(bad):
    state = parse_query(f"debut={bad}", ALLOWED)
    assert state.start == DEFAULT_STATE.start
    (message,) = texts(state)
    assert f"« {bad} » (début de période) n'est pas une date valide" in message
    assert "AAAA-MM-JJ" in message


def test_inverted_dates_are_swapped_and_said():
    state = parse_query("debut=2012-09-30&fin=2012-03-01", ALLOWED)
    assert (state.start, state.end) == (dt.date(2012, 3, 1), dt.date(2012, 9, 30))
    assert texts(state) == [
        "La date de début (2012-09-30) était postérieure à la date de fin (2012-03-01) : les "
        "deux dates ont été inversées."
    ]


def test_absurd_ranges_are_brought_back_within_the_programme():
    state = parse_query("debut=1900-01-01&fin=2999-12-31", ALLOWED)
    assert state.start == dt.date(2011, 1, 1)
    assert state.end == dt.date(2013, 12, 31)
    assert len(state.notices) == 2
    assert "hors de la période du programme" in texts(state)[0]


@pytest.mark.parametrize(
    ("query", "label"),
    [
        ("pas=semaine", "pas de temps"),
        ("ventilation=sexe", "ventilation"),
        ("detail=tout", "détail du tableau"),
        ("tri=id;DROP TABLE observation", "tri"),
        ("ordre=aleatoire", "ordre du tri"),
    ],
)
def test_bad_choices_fall_back_to_the_default(query, label):
    state = parse_query(query, ALLOWED)
    assert state == DEFAULT_STATE
    (message,) = texts(state)
    assert f"pour « {label} »" in message


def test_injected_text_is_only_ever_echoed_short_and_never_kept():
    hostile = "<script>alert(1)</script>' OR 1=1 --" * 3
    state = parse_query({"partenaires": hostile, "indicateurs": "x' OR '1'='1"}, ALLOWED)
    assert state.partners == () and state.indicators == ()
    assert all(len(text) < 200 for text in texts(state))
    assert "…" in texts(state)[0]


def test_a_too_long_address_gives_the_default_view():
    state = parse_query("partenaires=" + "paris," * MAX_QUERY_LENGTH, ALLOWED)
    assert state == DEFAULT_STATE
    assert "trop longue" in texts(state)[0]


def test_too_many_values_are_cut():
    state = from_controls({"partners": ["paris"] * (MAX_VALUES + 10)}, ALLOWED)
    assert state.partners == ("paris",)
    assert "plus de 200 valeurs" in texts(state)[0]


def test_a_repeated_single_parameter_keeps_its_first_value():
    state = parse_query("pas=annee&pas=mois", ALLOWED)
    assert state.grain == "annee"
    assert "plusieurs fois" in texts(state)[0]


@pytest.mark.parametrize(
    "controls",
    [
        {"partners": "paris"},  # a string instead of a list
        {"partners": 42},
        {"partners": [{"$ne": None}]},
        {"partners": [["paris"]]},
        {"start": 20120101},
        {"start": ["2012-01-01"]},
        {"grain": {"x": 1}},
        {"sort": 3.5},
    ],
)
def test_wrong_types_from_a_raw_callback_post_are_ignored_not_raised(controls):
    state = from_controls(controls, ALLOWED)
    assert state.partners == ()
    assert state.start == DEFAULT_STATE.start
    assert state.grain == DEFAULT_STATE.grain
    assert state.notices, "a wrong type must be reported"


def test_controls_and_url_describe_the_same_state():
    controls = {
        "start": "2012-04-01",
        "end": "2012-04-30",
        "grain": "mois",
        "partners": ["essonne"],
        "channels": ["presentiel"],
        "breakdown": "canal",
        "detail": "canal",
        "sort": "valeur",
        "order": "desc",
    }
    state = from_controls(controls, ALLOWED)
    assert state.notices == ()
    assert parse_query(to_query(state), ALLOWED) == state


def test_toggling_a_value_adds_then_removes_it():
    state = DEFAULT_STATE.toggled("territories", "75111")
    assert state.territories == ("75111",)
    assert state.toggled("territories", "75111").territories == ()


def test_observation_filter_carries_every_filter():
    state = parse_query("debut=2012-02-01&partenaires=paris&canaux=presentiel", ALLOWED)
    flt = state.observation_filter()
    assert (flt.start, flt.partners, flt.channels) == (
        dt.date(2012, 2, 1),
        ("paris",),
        ("presentiel",),
    )
    assert state.observation_filter(partners=()).partners == ()


def test_months_as_partner_pages_write_them_are_read_as_whole_months():
    state = parse_query("debut=2012-03&fin=2012-06", ALLOWED)
    assert (state.start, state.end) == (dt.date(2012, 3, 1), dt.date(2012, 6, 30))
    assert state.notices == ()


def test_the_compared_family_is_kept_in_the_url_and_an_unknown_one_is_reported():
    state = parse_query("comparer=rencontres-tenues", ALLOWED)
    assert state.compare == "rencontres-tenues"
    assert to_query(state) == "?comparer=rencontres-tenues"
    bad = parse_query("comparer=budget", ALLOWED)
    assert bad.compare == DEFAULT_STATE.compare
    assert "« budget » n'est pas un choix possible pour « comparaison des partenaires »" in (
        bad.notices[0].text("fr")
    )
