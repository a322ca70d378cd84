"""The data page's « Interprétations » section: who gets it, what its filters keep, and its
changes checked on the server whatever the request carries (signed-in HTTP requests, as the
browser sends them)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from data import interpretations
from data.access import Viewer
from data.models import Interpretation
from data.store import transaction
from layouts import interpretation_admin as view
from tests.accounts import create_accounts, log_in

NOW = dt.datetime(2012, 6, 1, tzinfo=dt.UTC)
PARIS = "editeur.paris@example.org"
ESSONNE = "editeur.essonne@example.org"
MANAGER = "charge@example.org"


def _write(engine, email, role, partner, code, scope, title, visibility="interne") -> int:
    viewer = Viewer(role=role, partner_slug=partner, email=email)
    with transaction(engine) as session:
        return interpretations.create(
            session,
            viewer,
            indicator_code=code,
            scope=scope,
            start="2012-03-05",
            title=title,
            visibility=visibility,
            now=NOW,
        )


def _notes(engine) -> dict[int, str]:
    """Every interpretation on record, and its status."""
    with engine.connect() as connection:
        rows = connection.execute(select(Interpretation.id, Interpretation.status))
        return dict(rows.all())


def _setup(app):
    engine = app.server.extensions["democratic"].engine
    create_accounts(engine)
    waiting = _write(
        engine, PARIS, "editeur", "paris", "paris_coordinateurs_rencontres", "paris",
        "Grève en mars", "public",
    )  # fmt: skip
    internal = _write(
        engine, ESSONNE, "editeur", "essonne", "essonne_ateliers_tenus", "essonne",
        "Note interne de l'Essonne",
    )  # fmt: skip
    return engine, waiting, internal


def _client(app, email):
    client = app.server.test_client()
    if email:
        assert log_in(client, email).status_code == 303
    return client


def _ask(client, *, partner="tous", indicator="tous", status="tous", visibility="tous",
         clicks=None, target=None, action=None, text=None):  # fmt: skip
    trigger = view.APPLY if clicks is not None else view.STATUS
    body = {
        "output": f"..{view.AREA}.children...{view.TARGET}.options...{view.MESSAGE}.children..",
        "outputs": [
            {"id": view.AREA, "property": "children"},
            {"id": view.TARGET, "property": "options"},
            {"id": view.MESSAGE, "property": "children"},
        ],
        "inputs": [
            {"id": view.PARTNER, "property": "value", "value": partner},
            {"id": view.INDICATOR, "property": "value", "value": indicator},
            {"id": view.STATUS, "property": "value", "value": status},
            {"id": view.VISIBILITY, "property": "value", "value": visibility},
            {"id": view.APPLY, "property": "n_clicks", "value": clicks},
        ],
        "state": [
            {"id": view.TARGET, "property": "value", "value": target},
            {"id": view.ACTION, "property": "value", "value": action},
            {"id": view.TEXT, "property": "value", "value": text},
        ],
        "changedPropIds": [f"{trigger}.{'n_clicks' if clicks is not None else 'value'}"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code in (200, 204), response.get_data(as_text=True)[:300]
    if response.status_code == 204 or not response.get_json()["response"]:
        return ""  # nothing read, nothing changed
    return response.get_data(as_text=True)


def test_the_section_is_drawn_for_managers_and_editors_only(app):
    _engine, waiting, internal = _setup(app)
    manager, paris = _client(app, MANAGER), _client(app, PARIS)
    assert manager.get("/donnees").status_code == 200
    public_page = _ask(_client(app, None), status="en_attente")
    assert public_page == ""  # the public's request reads nothing
    manager_list = _ask(manager)
    assert "Grève en mars" in manager_list and "Note interne de l'Essonne" in manager_list
    paris_list = _ask(paris)
    assert "Grève en mars" in paris_list and "Note interne de l'Essonne" not in paris_list
    # A forged partner filter never widens an editor's list.
    forged = _ask(paris, partner="essonne")
    assert "Note interne de l'Essonne" not in forged and "Grève en mars" in forged
    waiting_only = _ask(manager, status="en_attente")
    assert "Grève en mars" in waiting_only and "Note interne" not in waiting_only
    internal_only = _ask(manager, visibility="interne", partner="essonne")
    assert "Note interne de l'Essonne" in internal_only and "Grève" not in internal_only
    assert f"n° {waiting}" in manager_list and f"n° {internal}" in manager_list


def test_changes_follow_the_partner_pages_rules_on_the_server(app):
    engine, waiting, internal = _setup(app)
    paris, essonne, manager = (_client(app, e) for e in (PARIS, ESSONNE, MANAGER))
    refused = _ask(paris, clicks=1, target=str(waiting), action="approve")
    assert "Seuls les chargés de mission approuvent" in refused
    assert _notes(engine)[waiting] == "en_attente"
    # Another partner's editor cannot delete it, even by naming its number.
    other = _ask(essonne, clicks=1, target=str(waiting), action="delete")
    assert "Seuls son auteur et les chargés de mission" in other
    not_author = _ask(manager, clicks=1, target=str(internal), action="edit", text="Nouveau")
    assert "Seul son auteur peut modifier" in not_author
    unknown = _ask(manager, clicks=1, target="abc", action="approve")
    assert "Choisissez une interprétation de la liste." in unknown
    approved = _ask(manager, clicks=1, target=str(waiting), action="approve")
    assert "C'est fait." in approved
    assert _notes(engine)[waiting] == "publie"
    hidden = _ask(manager, clicks=1, target=str(internal), action="hide")
    assert "C'est fait." in hidden and _notes(engine)[internal] == "masque"
    deleted = _ask(paris, clicks=1, target=str(waiting), action="delete")
    assert "C'est fait." in deleted and waiting not in _notes(engine)
    # The public's click changes nothing, whatever it names.
    assert _ask(_client(app, None), clicks=1, target=str(internal), action="delete") == ""
    assert internal in _notes(engine)


def test_the_data_page_composes_the_section_for_those_who_manage_interpretations(app):
    import dash

    _setup(app)

    def page(viewer) -> str:
        app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: viewer
        with app.server.test_request_context("/donnees"):
            return str(dash.page_registry["donnees"]["layout"]())

    manager = page(Viewer(role="charge_de_mission", email=MANAGER))
    assert view.SECTION in manager and "approuver (publier)" in manager
    assert "Note interne de l'Essonne" in manager and "Grève en mars" in manager
    editor = page(Viewer(role="editeur", partner_slug="paris", email=PARIS))
    assert view.SECTION in editor and "approuver (publier)" not in editor
    assert "Grève en mars" in editor and "Note interne de l'Essonne" not in editor
    assert view.SECTION not in page(Viewer())
