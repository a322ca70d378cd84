"""On the demonstration store, every place that states a status says the same thing: the
overview's partner cards, each partner page's sentence and its « Tous les indicateurs » table.
Pages are asked for as the browser asks for them (Dash's page-content request, through the
Flask test client)."""

from __future__ import annotations

import re

from tests.page_support import page_body

PARTNERS = ("paris", "seine-saint-denis", "essonne", "val-de-marne")
LATE = {"en_retard", "non_atteint"}


def _page(client, path: str) -> dict:
    response = client.post("/_dash-update-component", json=page_body(path))
    assert response.status_code == 200
    return response.get_json()


def _nodes(tree):
    if isinstance(tree, list):
        for item in tree:
            yield from _nodes(item)
    elif isinstance(tree, dict):
        if "props" in tree and "type" in tree:
            yield tree
            yield from _nodes(tree["props"].get("children"))
        else:
            for value in tree.values():
                yield from _nodes(value)


def _classes(node) -> list[str]:
    return (node["props"].get("className") or "").split()


def _text(tree) -> str:
    if isinstance(tree, str):
        return tree
    if isinstance(tree, list):
        return "".join(_text(t) for t in tree)
    if isinstance(tree, dict) and "props" in tree:
        return _text(tree["props"].get("children"))
    return "" if tree is None else str(tree)


def _badge_status(tree) -> str:
    """The status of the first status badge under `tree` (its `status-…` class)."""
    for node in _nodes(tree):
        classes = _classes(node)
        if "status-badge" in classes:
            return next(
                c[len("status-") :]
                for c in classes
                if c.startswith("status-") and c != "status-badge"
            )
    raise AssertionError("no status badge")


def _table_statuses(page) -> dict[str, str]:
    """Label -> status of each row of the « Tous les indicateurs » table."""
    table = next(n for n in _nodes(page) if "indicators-table" in _classes(n))
    rows = {}
    for row in _nodes(table):
        if row["type"] != "Tr":
            continue
        cells = row["props"]["children"]
        if cells and cells[0]["type"] == "Th" and cells[0]["props"].get("scope") == "row":
            rows[_text(cells[0])] = (
                _badge_status(cells[4])
                if isinstance(cells[4]["props"].get("children"), dict)
                else "—"
            )
    return rows


def _sentences(page) -> str:
    return " ".join(_text(n) for n in _nodes(page) if "summary-sentence" in _classes(n))


def _overview_statuses(overview) -> dict[str, str]:
    cards = {}
    for node in _nodes(overview):
        if "partner-card" in _classes(node):
            link = next(
                n for n in _nodes(node) if n["props"].get("href", "").startswith("/partenaires/")
            )
            cards[link["props"]["href"].rsplit("/", 1)[1]] = _badge_status(node)
    return cards


def test_overview_sentence_and_table_agree_on_every_partner(client):
    overview = _overview_statuses(_page(client, "/"))
    assert set(overview) == set(PARTNERS)
    for slug in PARTNERS:
        page = _page(client, f"/partenaires/{slug}")
        table = _table_statuses(page)
        sentence = _sentences(page)
        late = {label for label, status in table.items() if status in LATE}
        if late:
            # No partner with a late indicator is shown as on time (or better) on the overview.
            assert overview[slug] == "en_retard", slug
        else:
            assert overview[slug] != "en_retard", slug
        # The sentence counts what the table shows, and names each late indicator.
        behind = sum(1 for s in table.values() if s == "en_retard")
        missed = sum(1 for s in table.values() if s == "non_atteint")
        with_target = sum(
            1 for s in table.values() if s in LATE | {"atteint", "en_avance", "dans_les_temps"}
        )
        if with_target > 1:
            assert f"Sur {with_target} chiffres ayant un objectif" in sentence, slug
        if behind:
            assert re.search(rf"\b{behind} en retard\b", sentence), sentence
        if missed:
            assert re.search(rf"\b{missed} non atteints?\b", sentence), sentence
        for label in late:
            assert label[0].lower() + label[1:] in sentence, (slug, label)


def test_paris_shows_its_delays_everywhere(client):
    # What the issue saw: Paris said « Dans les temps » with two indicators late on its page.
    overview = _overview_statuses(_page(client, "/"))
    page = _page(client, "/partenaires/paris")
    table = _table_statuses(page)
    sentence = _sentences(page)
    assert overview["paris"] == "en_retard"
    assert table["Sessions d'échange de savoirs"] == "en_retard"  # 9 out of 12
    assert table["Dispositifs hybrides expérimentés"] == "en_retard"  # 8 out of 10
    # Its action ended in June: 26 out of 30 is a target missed, not « dans les temps ».
    assert table["Pratiques innovantes détectées"] == "non_atteint"
    assert "dans les temps" not in sentence
    assert "sessions d'échange de savoirs (9 sur 12, attendu : 11)" in sentence
    assert "Objectif non atteint, action terminée : pratiques innovantes détectées (26 sur 30)" in (
        sentence
    )


def test_essonne_counts_every_targeted_indicator(client):
    # « Pratiques recensées » has a target too: the sentence counts both, not « the only one ».
    page = _page(client, "/partenaires/essonne")
    table = _table_statuses(page)
    assert table["Pratiques recensées dans l'état des lieux"] == "atteint"
    assert table["Ateliers tenus avec le groupe pilote"] == "atteint"
    assert "Sur 2 chiffres ayant un objectif, 2 atteints." in _sentences(page)


def test_programme_status_rolls_up_the_partners(client):
    overview = _page(client, "/")
    line = next(n for n in _nodes(overview) if "programme-status" in _classes(n))
    assert _badge_status(line) == "en_retard"
    names = _text(line)
    assert "Paris" in names and "Seine-Saint-Denis" in names
    assert "Essonne" not in names and "Val-de-Marne" not in names
