"""`python -m benchmarks.map_draw`: draw time of a partner page's « where » figure, the ranked
bars it was against the map it is, interleaved in one headless Chromium with the app's own
plotly.js bundle (nothing downloaded). Interleaving both figures in one browser keeps the
comparison fair on a busy machine, where the cold draw of a whole page varies by seconds."""

from __future__ import annotations

import json
import random
import statistics

from benchmarks.browser import CHROMIUM, CHROMIUM_ARGS
from dashboard.settings import PROJECT_ROOT
from data import reference_territories as reference
from layouts import charts, maps

ROUNDS = 12  # the first two are a warm-up, left out

DRAW = """async (figure) => {
    const graph = document.getElementById('graph');
    Plotly.purge(graph);
    const start = performance.now();
    await Plotly.newPlot(graph, figure.data, figure.layout);
    return performance.now() - start;
}"""


def figures(slug: str) -> dict[str, dict]:
    rng = random.Random(1)
    rows = [
        {"code": code, "label": name, "value": float(rng.randint(1, 100))}
        for code, name, _population in reference.TERRITORIES[slug][1]
    ]
    options = {"lang": "fr", "value_label": "Clameurs", "source": "Démo", "threshold": 5}
    return {
        "barres": charts.ranked_territories(rows, colour="#D55E00", **options),
        "carte": maps.partner_territory_map(slug, rows, **options),
    }


def main() -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1000, "height": 800})
        page.set_content("<html><body><div id='graph' style='width:900px'></div></body></html>")
        page.add_script_tag(path=str(PROJECT_ROOT / "assets" / "plotly-basic.min.js"))
        for slug in ("paris", "seine-saint-denis"):
            built = figures(slug)
            times: dict[str, list[float]] = {name: [] for name in built}
            for round_number in range(ROUNDS):
                for name, figure in built.items():
                    elapsed = page.evaluate(DRAW, figure)
                    if round_number >= 2:
                        times[name].append(elapsed)
            summary = ", ".join(
                f"{name} {statistics.median(values):.1f} ms "
                f"({len(json.dumps(built[name])) / 1024:.1f} Ko JSON)"
                for name, values in times.items()
            )
            print(f"{slug} : {summary}")
        browser.close()


if __name__ == "__main__":
    main()
