"""Interpretations as pages show them: the text's light formatting becomes components (never
an HTML string), links keep only web and mail addresses, and the chart marks what is listed."""

from __future__ import annotations

import datetime as dt
import json

import plotly.io

from data.interpretations import Note
from layouts import charts
from layouts.interpretations import LINK_REL, formatted, note_list, note_marks


def _json(components) -> str:
    return json.dumps(components, cls=plotly.utils.PlotlyJSONEncoder)


def _note(number: int, start, end=None, title="Grève", body="", replies=(), **extra) -> Note:
    fields = {
        "id": number,
        "indicator_code": "paris_sessions_echange",
        "scope": "paris",
        "parent_id": None,
        "start_date": start,
        "end_date": end,
        "title": title,
        "body": body,
        "visibility": "public",
        "status": "publie",
        "author": "charge@example.org",
        "created_at": dt.datetime(2012, 11, 5, tzinfo=dt.UTC),
        "edited_at": None,
        "replies": tuple(replies),
    }
    fields.update(extra)
    return Note(**fields)


def test_light_formatting_becomes_paragraphs_bold_and_safe_links():
    parts = formatted("Une **grève** en *mars*.\n\nVoir [le communiqué](https://example.org/a).")
    text = _json(parts)
    assert [type(p).__name__ for p in parts] == ["P", "P"]
    assert type(parts[0].children[1]).__name__ == "Strong"
    assert type(parts[0].children[3]).__name__ == "Em"
    link = parts[1].children[1]
    assert link.href == "https://example.org/a" and link.rel == LINK_REL
    assert "le communiqu" in text


def test_html_and_dangerous_links_stay_inert_text():
    hostile = (
        '<script>alert(1)</script> <img src=x onerror="alert(2)">\n\n'
        "[clic](javascript:alert(3)) [data](data:text/html;base64,PHNjcmlwdD4=) "
        "[fichier](file:///etc/passwd)"
    )
    parts = formatted(hostile)
    links = [
        child
        for p in parts
        for child in (p.children if isinstance(p.children, list) else [])
        if type(child).__name__ == "A"
    ]
    assert links == []
    # The tags are characters of the text, which React writes as text, never as elements.
    assert "<script>alert(1)</script>" in "".join(
        c for c in parts[0].children if isinstance(c, str)
    )
    assert '"type": "Script"' not in _json(parts) and '"type": "Img"' not in _json(parts)


def test_the_chart_marks_a_date_and_a_range_with_the_listed_numbers():
    notes = [
        _note(1, dt.date(2012, 3, 1), dt.date(2012, 3, 31), title="Grève <b>"),
        _note(2, dt.date(2012, 6, 12), title="Nouvel animateur"),
        _note(3, dt.date(2011, 6, 12), title="Hors période"),
    ]
    start, end = dt.date(2012, 1, 1), dt.date(2012, 12, 31)
    marks = note_marks(notes, "fr", start, end)
    rows = [{"period": dt.date(2012, m, 1), "value": m} for m in range(1, 7)]
    figure = charts.time_series(
        rows, lang="fr", colour="#0072B2", value_label="Sessions", notes=marks
    )
    shapes = figure["layout"]["shapes"]
    assert [s["type"] for s in shapes] == ["rect", "line"]
    # Bars are centred on the first of their month: March's days fall across its bar.
    assert (shapes[0]["x0"], shapes[0]["x1"]) == ("2012-02-15", "2012-03-17")
    hovers = [a["hovertext"] for a in figure["layout"]["annotations"] if "hovertext" in a]
    assert hovers == [
        "Grève &lt;b&gt; — du 1er mars 2012 au 31 mars 2012",
        "Nouvel animateur — 12 juin 2012",
    ]


def test_the_list_names_authors_only_to_signed_in_viewers_and_shows_replies():
    reply = _note(
        5,
        dt.date(2012, 3, 1),
        body="Merci **beaucoup**",
        parent_id=1,
        author="editeur.paris@example.org",
        status="en_attente",
    )
    notes = [_note(1, dt.date(2012, 3, 1), body="Texte", replies=[reply], visibility="interne")]
    public = _json(note_list("evolution-x", notes, "fr", show_authors=False))
    signed_in = _json(note_list("evolution-x", notes, "fr", show_authors=True))
    assert "example.org" not in public
    assert "par editeur.paris@example.org" in signed_in
    assert "en attente d'approbation" in signed_in and "interne" in signed_in
    assert note_list("evolution-x", [], "fr", show_authors=True) is None


def test_the_summary_points_to_the_interpretation_of_a_late_figure():
    from data.progress import Status
    from layouts.interpretations import delay_explanations
    from tests.test_sentences import figure

    late = figure("late", 9, target=12, status=Status.BEHIND, expected=11)
    fine = figure("fine", 12, target=12, status=Status.ON_TRACK)
    notes = {
        "late": [
            _note(1, dt.date(2012, 3, 1), title="Ancienne"),
            _note(2, dt.date(2012, 5, 2), title="Grève des transports"),
            _note(3, dt.date(2011, 5, 2), title="Hors période"),
        ],
        "fine": [_note(4, dt.date(2012, 5, 2), title="Rien à expliquer")],
    }
    sentences = delay_explanations(
        [late, fine], notes, dt.date(2012, 1, 1), dt.date(2012, 12, 31), "fr"
    )
    assert sentences == [
        "Retard expliqué pour clameurs publiées : « Grève des transports » (2 mai 2012)."
    ]
    assert delay_explanations([late], {}, dt.date(2012, 1, 1), dt.date(2012, 12, 31), "fr") == []
