"""The data page in real Chromium: upload a file, read the report, confirm; no axe violation."""

from __future__ import annotations

import pytest

from data.access import Viewer
from tests.importing_support import csv_bytes

pytestmark = pytest.mark.browser

MANAGER = Viewer(role="charge_de_mission", email="cm@example.org")
UPLOAD_INPUT = "#donnees-depot input[type=file]"


def _as_manager(app) -> None:
    app.server.config["DEMOCRATIC_VIEWER_RESOLVER"] = lambda: MANAGER


def test_upload_report_then_confirm(app, live_server, page, tmp_path):
    _as_manager(app)
    page.goto(live_server.url + "/donnees")
    page.wait_for_selector(UPLOAD_INPUT, state="attached")

    bad = tmp_path / "pratiques-fausses.csv"
    bad.write_bytes(
        csv_bytes(
            [
                ["indicateur", "début", "territoire", "valeur"],
                ["paris_pratiques_detectees", "01/03/2012", "75111", "douze"],
            ]
        )
    )
    page.set_input_files(UPLOAD_INPUT, str(bad))
    page.wait_for_selector(".report-refused")
    assert "1 problème à corriger" in page.locator(".report-refused").inner_text()
    assert "« douze » n'est pas un nombre." in page.locator(".import-report table").inner_text()
    assert page.locator("#donnees-confirmer").is_hidden()
    # The refused file is on record at once, for whoever follows the loads up.
    assert "pratiques-fausses.csv" in page.locator("#donnees-chargements").inner_text()

    good = tmp_path / "pratiques.csv"
    good.write_bytes(
        csv_bytes(
            [
                ["indicateur", "début", "territoire", "valeur"],
                ["paris_pratiques_detectees", "01/03/2012", "75111", "1 200"],
            ]
        )
    )
    page.set_input_files(UPLOAD_INPUT, str(good))
    page.wait_for_selector(".report-valid")
    assert "1 ligne" in page.locator(".report-valid").inner_text()
    page.click("#donnees-confirmer")
    page.wait_for_selector("#donnees-etat .alert-success")
    status = page.locator("#donnees-etat").inner_text()
    assert "effectué" in status and "publiées" in status
    loads = page.locator("#donnees-chargements").inner_text()
    assert "pratiques.csv" in loads and "pratiques-fausses.csv" in loads
    # Undo it from the list of loads.
    page.locator("#donnees-chargements button", has_text="Annuler le chargement").first.click()
    page.wait_for_selector("#donnees-annulation-texte >> text=pratiques.csv")
    page.click("#donnees-annulation-confirmer")
    page.wait_for_selector("#donnees-etat >> text=annulé")
    assert "annulé" in page.locator("#donnees-chargements").inner_text()


def test_the_data_page_has_no_accessibility_violation(app, live_server, page):
    from axe_playwright_python.sync_playwright import Axe

    _as_manager(app)
    page.goto(live_server.url + "/donnees")
    page.wait_for_selector(UPLOAD_INPUT, state="attached")
    page.wait_for_selector("#donnees-chargements table")
    # The page's own content (the shared header and footer are checked with the other pages).
    page.wait_for_selector(".upload-zone input[aria-label]", state="attached")
    results = Axe().run(page, context="#contenu")
    violations = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == [], violations


def test_the_upload_zone_opens_the_file_chooser_from_the_keyboard(app, live_server, page):
    _as_manager(app)
    page.goto(live_server.url + "/donnees")
    page.wait_for_selector(".upload-zone input[aria-label]", state="attached")
    # The page's sections are still being drawn by their callbacks: a redraw after the focus
    # would move it (seen on a busy machine), so the keys are pressed once nothing is loading.
    page.wait_for_load_state("networkidle")
    page.locator("#donnees-type-fichier").focus()
    page.keyboard.press("Tab")  # the next stop is the file input
    assert page.evaluate("document.activeElement.type") == "file"
    # Failed once under a full suite's load, the Tab having reached the input: if a late redraw
    # replaced it, the key must go to the input as it is now (a no-op when it is the same one).
    with page.expect_file_chooser() as chooser:
        page.locator(".upload-zone input[aria-label]").focus()
        page.keyboard.press("Space")
    assert chooser.value is not None


def test_an_oversized_file_is_stopped_with_a_message(settings, page, tmp_path):
    import dataclasses

    from dashboard.app import create_app
    from tests.conftest import LiveServer

    small = create_app(dataclasses.replace(settings, max_upload_bytes=2048))
    _as_manager(small)
    big = tmp_path / "gros.csv"
    big.write_bytes(
        csv_bytes([["indicateur", "début", "valeur"]] + [["x", "01/03/2012", "1"]] * 300)
    )
    with LiveServer(small) as server:
        page.goto(server.url + "/donnees")
        page.wait_for_selector(UPLOAD_INPUT, state="attached")
        page.set_input_files(UPLOAD_INPUT, str(big))
        page.wait_for_selector("#donnees-fichier-trop-gros >> text=trop volumineux")
        message = page.locator("#donnees-fichier-trop-gros").inner_text()
    assert message == (
        "Le fichier « gros.csv » est trop volumineux (0,0 Mo) : la taille maximale est de 2 Ko. "
        "Découpez-le en plusieurs fichiers."
    )
    assert page.locator(".import-report").count() == 0


def test_a_background_check_shows_its_progress_then_its_report(settings, page, tmp_path):
    import dataclasses

    from dashboard.app import create_app
    from tests.conftest import LiveServer

    # No waiting in the request: every check goes to the progress bar.
    patient = create_app(dataclasses.replace(settings, upload_wait_seconds=0))
    _as_manager(patient)
    good = tmp_path / "suivi.csv"
    good.write_bytes(
        csv_bytes(
            [
                ["indicateur", "début", "territoire", "valeur"],
                ["paris_pratiques_detectees", "01/03/2012", "75111", "3"],
            ]
        )
    )
    with LiveServer(patient) as server:
        page.goto(server.url + "/donnees")
        page.wait_for_selector(UPLOAD_INPUT, state="attached")
        page.set_input_files(UPLOAD_INPUT, str(good))
        bar = page.locator("#donnees-travail-progression [role=progressbar]")
        bar.wait_for()
        assert bar.get_attribute("aria-valuemin") == "0"
        assert bar.get_attribute("aria-valuemax") == "100"
        page.wait_for_selector(".report-valid")
        page.wait_for_selector(
            "#donnees-travail-progression [role=progressbar][aria-valuenow='100']"
        )
        assert "suivi.csv — Terminé (100 %)" in page.locator(".job-label").inner_text()
        assert page.locator("#donnees-actions").is_visible()
        from axe_playwright_python.sync_playwright import Axe

        results = Axe().run(page, context="#donnees-travail-progression")
        violations = [(v["id"], v["impact"]) for v in results.response["violations"]]
        assert violations == [], violations


def test_a_file_that_replaces_values_shows_old_and_new_values_before_confirming(
    app, live_server, page, tmp_path, sqlite_demo_engine
):
    import datetime as dt

    from data.importing.service import import_file
    from tests.importing_support import xlsx_bytes

    header = ["Indicateur", "Début", "Fin", "Territoire", "Valeur"]
    march = ["paris_pratiques_detectees", dt.datetime(2012, 3, 1), dt.datetime(2012, 3, 31)]
    first = import_file(
        sqlite_demo_engine,
        xlsx_bytes([header, [*march, "75111", 1200], [*march, "75112", 7]]),
        "avant.xlsx",
        MANAGER,
    )
    assert first.ok, first.problems()
    _as_manager(app)
    page.goto(live_server.url + "/donnees")
    page.wait_for_selector(UPLOAD_INPUT, state="attached")
    replacing = tmp_path / "corrections.xlsx"
    replacing.write_bytes(
        xlsx_bytes([header, [*march, "75111", 1350.5], [*march, "75112", 7], [*march, "75113", 2]])
    )
    page.set_input_files(UPLOAD_INPUT, str(replacing))
    page.wait_for_selector(".report-valid")
    preview = page.locator("#donnees-apercu")
    assert "1 ajoutée, 1 remplacée, 1 inchangée." in preview.inner_text()
    cells = [
        [cell.strip() for cell in row.split("\t")]
        for row in page.locator(".preview-groups tbody tr").all_inner_texts()
    ]
    assert [row[1:] for row in cells] == [["mars 2012", "1", "1", "1"]]
    [change] = page.locator(".preview-changes tbody tr").all_inner_texts()
    # French thousands are separated by a narrow no-break space.
    cells = change.replace("\u202f", " ").split("\t")
    line, old, new, period, breakdown, _indicator = (c.strip() for c in cells)
    assert (line, period, old, new) == ("2", "mars 2012", "1 200", "1 350,5")
    assert breakdown.startswith("75111")
    assert page.locator("#donnees-confirmer").is_visible()  # seen before confirming
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context="#donnees-apercu")
    violations = [(v["id"], v["impact"]) for v in results.response["violations"]]
    assert violations == [], violations
    page.click("#donnees-confirmer")
    page.wait_for_selector("#donnees-etat .alert-success")
    assert "3 lignes" in page.locator("#donnees-etat").inner_text()


def test_a_pending_correction_is_shown_beside_the_published_value_then_published(
    app, live_server, page
):
    from axe_playwright_python.sync_playwright import Axe

    from data.importing.service import import_file
    from tests.importing_support import PARIS_EDITOR

    engine = app.server.extensions["democratic"].engine
    row = ["paris_pratiques_detectees", "01/03/2012", "31/03/2012", "75111"]
    header = ["indicateur", "début", "fin", "territoire", "valeur"]
    assert import_file(engine, csv_bytes([header, [*row, "1 234"]]), "v1.csv", MANAGER).ok
    pending = import_file(engine, csv_bytes([header, [*row, "4 321"]]), "v2.csv", PARIS_EDITOR)
    assert pending.ok and not pending.published
    _as_manager(app)
    page.goto(live_server.url + "/donnees")
    page.wait_for_selector("#donnees-en-attente table")
    cells = page.locator("#donnees-en-attente tbody tr").first.inner_text()
    assert "1\u202f234" in cells and "4\u202f321" in cells and "en attente" in cells
    assert page.locator("#donnees-en-attente del").first.inner_text() == "1\u202f234"
    results = Axe().run(page, context="#donnees-en-attente")
    assert results.response["violations"] == [], results.response["violations"]
    page.locator("#donnees-chargements button", has_text="Publier").first.click()
    page.wait_for_selector("#donnees-chargements >> text=Aucune valeur en attente d'approbation.")
