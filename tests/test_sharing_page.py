"""The data page's « Diffusion » sections through HTTP, as each role's browser (or a forged
request) would use them: who sees them, who may change the embedding sites and the digests,
and French messages for bad input that leave the store unchanged."""

from __future__ import annotations

import datetime as dt
import html
import json

import pytest
from sqlalchemy import create_engine, select

from data import digest, embed_origins
from data.models import DigestSubscription, EmbedOrigin
from data.store import session_factory
from layouts import sharing_section as view
from tests.accounts import create_accounts, log_in


@pytest.fixture
def store(settings):
    engine = create_engine(settings.database_url)
    create_accounts(engine)
    yield engine
    engine.dispose()


def signed_in(app, email):
    client = app.server.test_client()
    if email:
        assert log_in(client, email).status_code == 303
    return client


def data_page(client) -> str:
    body = {
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [
            {"id": "_pages_content", "property": "children"},
            {"id": "_pages_store", "property": "data"},
        ],
        "inputs": [
            {"id": "_pages_location", "property": "pathname", "value": "/donnees"},
            {"id": "_pages_location", "property": "search", "value": ""},
        ],
        "state": [],
        "changedPropIds": ["_pages_location.pathname"],
    }
    response = client.post("/_dash-update-component", json=body)
    assert response.status_code == 200
    return text(response)


def embed_request(client, add_clicks, slug, origin, remove=()):
    """The embedding callback as the browser sends it; `remove`: (index, n_clicks) of the
    « Retirer » buttons drawn, the first one with clicks being the trigger."""
    removing = [(i, n) for i, n in remove if n]
    changed = (
        f'{{"index":"{removing[0][0]}","type":"{view.EMBED_REMOVE}"}}.n_clicks'
        if removing
        else f"{view.EMBED_ADD}.n_clicks"
    )
    return client.post(
        "/_dash-update-component",
        json={
            "output": f"{view.EMBED_AREA}.children",
            "outputs": {"id": view.EMBED_AREA, "property": "children"},
            "inputs": [
                {"id": view.EMBED_ADD, "property": "n_clicks", "value": add_clicks},
                [
                    {
                        "id": {"type": view.EMBED_REMOVE, "index": i},
                        "property": "n_clicks",
                        "value": n,
                    }
                    for i, n in remove
                ],
            ],
            "state": [
                {"id": view.EMBED_PARTNER, "property": "value", "value": slug},
                {"id": view.EMBED_ORIGIN, "property": "value", "value": origin},
            ],
            "changedPropIds": [changed],
        },
    )


def digest_request(
    client, add_clicks, email, scope="paris", lang="fr", frequency="mensuel", end=()
):
    ending = [(i, n) for i, n in end if n]
    changed = (
        f'{{"index":{ending[0][0]},"type":"{view.DIGEST_END}"}}.n_clicks'
        if ending
        else f"{view.DIGEST_ADD}.n_clicks"
    )
    return client.post(
        "/_dash-update-component",
        json={
            "output": f"{view.DIGEST_AREA}.children",
            "outputs": {"id": view.DIGEST_AREA, "property": "children"},
            "inputs": [
                {"id": view.DIGEST_ADD, "property": "n_clicks", "value": add_clicks},
                [
                    {
                        "id": {"type": view.DIGEST_END, "index": i},
                        "property": "n_clicks",
                        "value": n,
                    }
                    for i, n in end
                ],
            ],
            "state": [
                {"id": view.DIGEST_EMAIL, "property": "value", "value": email},
                {"id": view.DIGEST_SCOPE, "property": "value", "value": scope},
                {"id": view.DIGEST_LANG, "property": "value", "value": lang},
                {"id": view.DIGEST_FREQUENCY, "property": "value", "value": frequency},
            ],
            "changedPropIds": [changed],
        },
    )


def text(response) -> str:
    """What an answer writes, readable (Dash's JSON escapes accents and « < »)."""
    if response.status_code == 204:
        return ""
    return html.unescape(json.dumps(response.get_json(), ensure_ascii=False))


def origins(store, slug="essonne"):
    with store.connect() as connection:
        return embed_origins.origins(connection, slug)


def subscriptions(store):
    with session_factory(store)() as session:
        return digest.active_subscriptions(session)


@pytest.mark.parametrize(
    ("email", "sees", "edits"),
    [
        (None, False, False),
        ("editeur.paris@example.org", False, False),
        ("charge@example.org", True, False),
        ("admin@example.org", True, True),
    ],
)
def test_who_sees_the_sections_and_who_edits_the_sites(app, store, email, sees, edits):
    page = data_page(signed_in(app, email))
    assert ("Lettre périodique par courriel" in page) is sees
    assert ("Intégrer une page partenaire" in page) is sees
    assert (view.EMBED_ADD in page) is edits
    if sees:
        assert 'iframe src=\\"http://localhost/integrer/essonne' in page
        assert "Seul un administrateur peut modifier" in page or edits


def test_an_administrator_allows_and_removes_a_site_and_bad_input_changes_nothing(app, store):
    client = signed_in(app, "admin@example.org")
    added = embed_request(client, 1, "essonne", "HTTPS://www.Essonne.example/")
    assert added.status_code == 200
    assert "https://www.essonne.example peut désormais afficher la page de Essonne" in text(added)
    assert origins(store) == ["https://www.essonne.example"]
    for slug, origin, reason in [
        ("essonne", "https://a.fr; frame-ancestors *", "sans espace"),
        ("essonne", "ftp://a.fr", "doit commencer par https://"),
        ("programme", "https://a.fr", "Choisissez un partenaire"),
        (["essonne"], "https://a.fr", "Choisissez un partenaire"),
    ]:
        refused = embed_request(client, 2, slug, origin)
        assert refused.status_code == 200 and reason in text(refused), slug
    assert origins(store) == ["https://www.essonne.example"]
    index = "essonne https://www.essonne.example"
    removed = embed_request(client, 2, None, None, remove=[(index, 1)])
    assert "retiré pour Essonne" in text(removed)
    assert origins(store) == []


def test_a_programme_managers_or_the_publics_forged_site_request_changes_nothing(app, store):
    for email in ("charge@example.org", "editeur.essonne@example.org", None):
        response = embed_request(signed_in(app, email), 1, "essonne", "https://evil.example")
        assert response.status_code in (200, 204)
        assert "evil" not in text(response)
    assert origins(store) == []


def test_a_programme_manager_subscribes_and_ends_a_digest(app, store):
    client = signed_in(app, "charge@example.org")
    refused = digest_request(client, 1, "pas une adresse")
    assert "n'est pas une adresse électronique valide" in text(refused)
    assert subscriptions(store) == []
    for bad in [dict(scope="nulle-part"), dict(lang="de"), dict(frequency=["mensuel"])]:
        answer = digest_request(client, 1, "elu@paris.example", **bad)
        assert answer.status_code == 200 and "Choisissez" in text(answer)
    assert subscriptions(store) == []
    done = digest_request(client, 1, "elu@paris.example", frequency="hebdomadaire")
    assert "elu@paris.example est abonné." in text(done)
    (row,) = subscriptions(store)
    assert (row.email, row.scope, row.frequency, row.lang) == (
        "elu@paris.example",
        "paris",
        "hebdomadaire",
        "fr",
    )
    assert "(heure de Paris)" in text(done)
    # A digest sent shows in the log, at its Paris time.
    moment = dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)
    claimed = digest.claim(store, row.id, "2026-W49", "test", moment)
    digest.record_sent(store, claimed, True, moment)
    page = data_page(client)
    assert "7 déc. 2026 à 08:00 (heure de Paris)" in page and "2026-W49" in page
    ended = digest_request(client, 1, None, end=[(row.id, 1)])
    assert "Abonnement terminé." in text(ended)
    assert subscriptions(store) == []
    with session_factory(store)() as session:
        assert session.scalar(select(DigestSubscription.ended_at)) is not None


def test_an_editors_or_the_publics_forged_subscription_changes_nothing(app, store):
    for email in ("editeur.paris@example.org", None):
        response = digest_request(signed_in(app, email), 1, "elu@paris.example")
        assert response.status_code in (200, 204)
    assert subscriptions(store) == []
    with session_factory(store)() as session:
        assert session.query(EmbedOrigin).count() == 0
