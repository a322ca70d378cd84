"""The benchmark harness runs end to end (`--quick`, a tiny store): it finds the app's callbacks,
replays them under gunicorn, draws a partner page in Chromium and writes its report. Timings
are the benchmark's business, not the tests': nothing here asserts a duration."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks import figures
from dashboard.settings import PROJECT_ROOT
from tests.conftest import CHROMIUM, unavailable

pytestmark = pytest.mark.browser


def test_quick_benchmark_replays_the_apps_callbacks_and_reports(tmp_path):
    if not Path(CHROMIUM).exists():
        unavailable(f"Chromium introuvable ({CHROMIUM})")
    # As `make bench` runs it: its own process (it starts gunicorn and Chromium itself).
    command = [sys.executable, "-m", "benchmarks", "--quick", "--requests", "12"]
    command += ["--out", str(tmp_path), "--store-dir", str(tmp_path)]
    recorded_path = tmp_path / "figures.json"
    command += ["--previous", str(tmp_path / "none.json"), "--record", str(recorded_path)]
    finished = subprocess.run(
        command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=600
    )
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert "1 client" in finished.stdout
    (report_path,) = tmp_path.glob("bench-*.json")
    report = json.loads(report_path.read_text())
    (run,) = report["runs"]
    assert run["backend"] == "sqlite"
    assert run["observations"] > 0
    assert any(path.startswith("/partenaires/") for path in run["pages"])
    for measure in ("one_client", "many_clients"):
        assert run[measure]["requests"] == 12 * (1 if measure == "one_client" else 2)
        assert run[measure]["errors"] == 0
        # Server time comes from the app's Server-Timing header.
        assert run[measure]["server_ms"]["n"] == run[measure]["requests"]
    # The throughput clients are coroutines: their CPU is reported next to the server's.
    many = run["many_clients"]
    assert many["server_cpu_seconds"] > 0 and many["client_cpu_seconds"] > 0
    assert many["server_cpu_ms_per_response"] > 0
    callbacks = {row["callback"] for row in run["per_callback"]}
    assert "page /" in callbacks
    # The explorer's filters are replayed too (its chips input matches no component at first).
    assert any(name.startswith("explorateur-debut.value") for name in callbacks)
    assert len(run["worker_rss_mb"]) == 2
    assert run["browser"]["path"].startswith("/partenaires/")
    assert run["browser"]["first_load_bytes"] > run["browser"]["repeat_bytes"] > 0
    # A partner page's PDF, made by the app's own Chromium, timed and its memory sampled.
    assert run["pdf"]["path"] == run["browser"]["path"].split("?")[0] + ".pdf"
    assert run["pdf"]["pdfs"] == 1 and run["pdf"]["errors"] == 0
    assert run["pdf"]["bytes"] > 10_000 and run["pdf"]["peak_renderer_mb"] > 0
    assert run["baseline"]["same_result"] is True
    # Lighthouse on a partner page (installed by the benchmark from its lock file, with npm).
    lighthouse = run["lighthouse"]
    if shutil.which("npm") is None:
        assert "unavailable" in lighthouse
    else:
        ((path, scores),) = lighthouse["pages"].items()
        assert path.startswith("/partenaires/")
        assert 0 <= scores["performance"] <= 100 and scores["accessibility"] == 100
        assert scores["lcp_ms"] > 0 and scores["tbt_ms"] >= 0 and scores["cls"] >= 0
        assert "Lighthouse" in (tmp_path / report_path.name.replace(".json", ".md")).read_text()
    assert (tmp_path / report_path.name.replace(".json", ".md")).exists()
    # A room of viewers on a fresh server: page, scripts, layout, callbacks, filter changes.
    room = run["room"]
    assert room["viewers"] == 30 and room["errors"] == 0
    assert room["html_n"] == 30 and room["asset_n"] >= 30 and room["callback_n"] >= 30
    assert room["server_cpu_seconds"] > 0 and room["client_cpu_seconds"] > 0
    assert len(room["worker_rss_mb"]) == 2
    # Its figures are recorded for the next run's comparison.
    assert "Aucune exécution précédente" in finished.stdout
    recorded = figures.load_recorded(recorded_path)
    assert recorded["figures"] == figures.figures_of(report)
    # One run of the benchmark costs minutes: its real figures serve the checks below.
    each_figure_is_compared_with_the_previous_run(report, recorded)
    a_figure_added_anywhere_is_compared_without_being_listed(report)


def each_figure_is_compared_with_the_previous_run(report: dict, recorded: dict) -> None:
    current = figures.figures_of(report)
    run = report["runs"][0]
    p95 = f"{figures.run_name(run)}.one_client.server_ms.p95"
    throughput = f"{figures.run_name(run)}.many_clients.throughput_per_s"
    assert current[p95] == run["one_client"]["server_ms"]["p95"]
    assert current[f"{figures.run_name(run)}.room.all_p95_ms"] == run["room"]["all_p95_ms"]
    # A previous run where every figure was twice as large, and one figure it did not have yet
    # (a measurement added since): each ratio is one half, the new figure has none.
    previous = {name: 2 * value for name, value in recorded["figures"].items() if name != p95}
    rows = {row["figure"]: row for row in figures.compare(current, previous)}
    assert rows.keys() == current.keys()
    assert rows[p95]["previous"] is None and rows[p95]["ratio"] is None
    for name, row in rows.items():
        if name != p95 and current[name]:
            assert row["ratio"] == pytest.approx(0.5)
    # Halved is better for a time, worse for a throughput: only the latter are flagged.
    assert not figures.worse(rows[f"{figures.run_name(run)}.one_client.server_ms.p50"])
    assert figures.worse(rows[throughput])
    # Fewer answers from the cache is flagged, more is not.
    hits = "sqlite 1000000.many_clients.cache_hits"
    assert figures.worse({"figure": hits, "ratio": 0.5})
    assert not figures.worse({"figure": hits, "ratio": 4.0})
    text = figures.format_comparison(list(rows.values()), {**recorded, "figures": previous})
    assert f"{throughput} : " in text and "×0.50" in text
    assert "sans valeur précédente : 1 chiffres" in text


def a_figure_added_anywhere_is_compared_without_being_listed(report: dict) -> None:
    added = {**report, "lighthouse": {"/partenaires/paris": {"performance": 91, "tbt_ms": 150}}}
    names = figures.figures_of(added).keys() - figures.figures_of(report).keys()
    assert names == {
        "lighthouse./partenaires/paris.performance",
        "lighthouse./partenaires/paris.tbt_ms",
    }
