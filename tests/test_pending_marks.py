"""A value waiting for approval is marked, value by value, wherever insiders see it — on the
partner page's chart (hatched bar or ringed point, with « en attente de validation » and the
published value it would replace on hover), in the chart's table, in its downloads, in the
explorer's table, chart and exports — and the public sees exactly what it saw before."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io

import dash

from callbacks.context import pending_for_viewer
from data.access import Viewer
from data.importing.load_review import approve_load
from data.importing.service import import_file
from data.observation_filter import ObservationFilter
from data.store import transaction
from layouts import charts
from layouts.figures import PENDING_PATTERN, mark_pending, pending_hover
from tests.importing_support import MANAGER, PARIS_EDITOR, PUBLIC, csv_bytes
from tests.test_pending_values import (
    APRIL,
    CODE,
    HEADER,
    MARCH,
    _corrected,
    _explorer_csv,
    _paris_march_row,
    _partner_chart_csv,
    _published_then_corrected,
)

ESSONNE_EDITOR = Viewer(role="editeur", partner_slug="essonne", email="e@essonne.example")


def _marks(engine, viewer):
    flt = ObservationFilter(indicators=(CODE,))
    with engine.connect() as connection:
        marks = pending_for_viewer(connection, flt, "mois", viewer=viewer)
    return {key[2]: (None if row is None else row.value) for key, row in marks.items()}


def test_insiders_learn_which_months_wait_and_what_they_would_replace(engine):
    assert _marks(engine, PARIS_EDITOR) == {}  # nothing pending yet
    _first, pending = _published_then_corrected(engine)
    # March corrects the published 3; May is new (nothing published there before).
    expected = {"2012-03-01": 3.0, "2012-05-01": None}
    assert _marks(engine, PARIS_EDITOR) == expected
    assert _marks(engine, MANAGER) == expected
    assert _marks(engine, PUBLIC) == {}
    assert _marks(engine, ESSONNE_EDITOR) == {}  # another partner's pending values
    with transaction(engine) as session:
        approve_load(session, pending.load_id, "cm@example.org")
    assert _marks(engine, MANAGER) == {}


def _rows(pending_month: str | None) -> list[dict]:
    rows = [{"period": f"2012-0{m}-01", "value": float(m), "suppressed": False} for m in (3, 4)]
    for row in rows:
        if row["period"] == pending_month:
            row.update(pending=True, published=1234.0, published_suppressed=False)
    return rows


def test_the_figure_kit_hatches_pending_bars_and_rings_pending_points():
    options = {"lang": "fr", "colour": "#0072B2", "value_label": "Pratiques"}
    bars = charts.time_series(_rows("2012-04-01"), kind="bar", **options)
    bar = bars["data"][0]
    assert bar["marker"]["pattern"]["shape"] == ["", "/"]
    assert bar["marker"]["line"]["width"] == [0, 2]
    assert bar["customdata"][1][-1] == pending_hover("1\u202f234", "fr")
    assert "en attente de validation" in bar["customdata"][1][-1]
    assert "remplace la valeur publiée 1\u202f234" in bar["customdata"][1][-1]
    assert bar["customdata"][0][-1] == ""
    # The hatching is named in the legend by an entry with no bar of its own.
    assert bars["data"][1]["name"] == "En attente de validation"
    assert bars["data"][1]["x"] == [None] and bars["layout"]["showlegend"]
    line = charts.time_series(_rows("2012-03-01"), kind="line", **options)
    assert len(line["data"]) == 2
    rings = line["data"][1]
    assert rings["x"] == ["2012-03-01"] and rings["y"] == [3.0]
    assert rings["name"] == "En attente de validation" and line["layout"]["showlegend"]
    # Nothing pending: the figure is the one the public always got, key for key.
    for kind in ("bar", "line"):
        plain = charts.time_series(_rows(None), kind=kind, **options)
        assert len(plain["data"]) == 1
        assert "pattern" not in plain["data"][0].get("marker", {})
        assert all(len(c) == 2 for c in plain["data"][0]["customdata"])
    assert mark_pending({"customdata": [["a", "b"]]}, [False], [""], "fr") is None
    assert PENDING_PATTERN["shape"] == "/"


def _partner_page(app, viewer) -> str:
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
    with app.server.test_request_context("/partenaires/paris"):
        return str(
            dash.page_registry["partenaire"]["layout"](slug="paris", debut="2012-03", fin="2012-03")
        )


def test_the_partner_page_marks_the_pending_month_for_insiders_only(app):
    engine = app.server.extensions["democratic"].engine
    public_before = _partner_page(app, PUBLIC)
    editor_before = _partner_page(app, PARIS_EDITOR)
    assert "en attente de validation" not in editor_before
    row = _paris_march_row(engine)
    pending = import_file(engine, csv_bytes([HEADER, row]), "v2.csv", PARIS_EDITOR)
    assert pending.ok and not pending.published
    assert _partner_page(app, PUBLIC) == public_before  # the public sees exactly the same
    for viewer in (PARIS_EDITOR, MANAGER):
        page = _partner_page(app, viewer)
        assert "en attente de validation" in page and "remplace la valeur publiée" in page
        # The chart's table: its headers and a cell, in the folded table's JSON
        # (layouts.chart_card.data_table).
        assert '"Validation"' in page and '"Valeur publiée"' in page
        assert '"en attente"' in page
    with transaction(engine) as session:
        approve_load(session, pending.load_id, "cm@example.org")
    assert "en attente de validation" not in _partner_page(app, PARIS_EDITOR)


def _csv(content: bytes | str) -> list[list[str]]:
    if isinstance(content, str):  # the explorer's download: base64, as Dash sends it
        content = base64.b64decode(content)
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def test_insiders_exports_say_which_values_wait_the_publics_do_not(app):
    engine = app.server.extensions["democratic"].engine
    public_before = {f: f(app, PUBLIC) for f in (_partner_chart_csv, _explorer_csv)}
    row = _paris_march_row(engine)
    assert import_file(engine, csv_bytes([HEADER, row]), "v2.csv", PARIS_EDITOR).ok
    for export in (_partner_chart_csv, _explorer_csv):
        assert export(app, PUBLIC) == public_before[export]
        public_header, public_line = _csv(public_before[export])
        assert "attente" not in " ".join(public_header + public_line)
        header, line = _csv(export(app, PARIS_EDITOR))
        assert header == [*public_header, "Validation", "Valeur publiée"]
        value = public_header.index("Valeur") if "Valeur" in public_header else 1
        # The pending total, marked, beside the published total it would replace.
        assert line[-2] == "en attente"
        assert line[-1] == public_line[value] != line[value]


def test_the_explorer_rings_the_pending_points_of_its_evolution(app):
    from callbacks import explorer_view
    from callbacks.explorer_reference import reference
    from layouts import ids
    from layouts.explorer_state import ExplorerState

    engine = app.server.extensions["democratic"].engine
    assert import_file(
        engine, csv_bytes([HEADER, _corrected(MARCH, "999"), APRIL]), "v2.csv", PARIS_EDITOR
    ).ok
    state = ExplorerState(start=dt.date(2012, 1, 1), end=dt.date(2012, 12, 31), indicators=(CODE,))

    def figure(viewer):
        app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
        with app.server.test_request_context("/explorer"), engine.connect() as connection:
            view = explorer_view.compute_view(connection, state, reference(connection), "fr")
        notes = str(view.chart_data.get(ids.EXPLORER_EVOLUTION))
        return view.figures[ids.EXPLORER_EVOLUTION], str(view.table) + notes

    public_figure, public_table = figure(PUBLIC)
    assert all(t.get("name") != "En attente de validation" for t in public_figure["data"])
    assert "en attente" not in public_table and "points cerclés" not in public_table
    editor_figure, editor_table = figure(PARIS_EDITOR)
    rings = [t for t in editor_figure["data"] if t.get("name") == "En attente de validation"]
    assert [x[:7] for x in rings[0]["x"]] == ["2012-03", "2012-04"]
    assert "remplace la valeur publiée" in rings[0]["customdata"][0][0]
    assert "en attente" in editor_table and "Validation" in editor_table
    assert "Les points cerclés comptent une valeur en attente de validation" in editor_table
