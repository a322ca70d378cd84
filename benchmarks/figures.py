"""Each figure of a run beside the same figure of the previous recorded run, as a ratio.

A run's report (nested JSON) is flattened into named figures, one number each: "sqlite 1 000 033
obs. / one_client.server_ms.p95" = 3.1. Whatever a measurement adds to the report (a new stage,
a new figure) is flattened and compared the same way, without being listed here. The previous
run's figures are kept, flattened, in `docs/performance-figures.json` (written by `--record`),
which `docs/performance.md` points to.
"""

from __future__ import annotations

import json
from pathlib import Path

from dashboard.settings import PROJECT_ROOT

RECORDED = PROJECT_ROOT / "docs" / "performance-figures.json"
# Parts of a report that are not measurements (settings, descriptions, the machine's load).
NOT_FIGURES = {
    "arguments",
    "machine",
    "targets",
    "started_at",
    "load_average_before",
    "load_average_after",
    "size",
    "observations",
    "generated_seconds",
    "clients",
    "viewers",
    "seed",
}
# Names of figures where more is better; everywhere else (times, bytes, memory) less is better.
# Counts of answers served from the cache are better higher too: more of the measured requests
# were what a visitor usually gets.
MORE_IS_BETTER = ("per_s", "throughput", "same_result", "then_shared", "score", "cache_hits")
# A ratio past this, the wrong way, is flagged.
FLAG = 1.2


def run_name(run: dict) -> str:
    """One store of a run: its backend and size (the observations differ a little from it)."""
    return f"{run.get('backend', '?')} {run.get('size', '?')}"


def flatten(value: object, prefix: str = "") -> dict[str, float]:
    """Every number in `value`, named by its path; a list of numbers gives its largest."""
    figures: dict[str, float] = {}
    if isinstance(value, bool):
        return figures
    if isinstance(value, int | float):
        figures[prefix] = float(value)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key in NOT_FIGURES:
                continue
            figures.update(flatten(inner, f"{prefix}.{key}" if prefix else str(key)))
    elif (
        isinstance(value, list)
        and value
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
    ):
        figures[f"{prefix}.max"] = float(max(value))
    return figures


def figures_of(report: dict) -> dict[str, float]:
    """The figures of a whole report: each store's run, and the other stages at the top."""
    figures: dict[str, float] = {}
    for run in report.get("runs", []):
        # Per-callback rows are many and their names change with the pages: left out.
        measured = {k: v for k, v in run.items() if k not in ("per_callback", "pages")}
        figures.update(flatten(measured, run_name(run)))
    for key, value in report.items():
        if key not in ("runs", *NOT_FIGURES):
            figures.update(flatten(value, key))
    return figures


def load_recorded(path: Path = RECORDED) -> dict:
    """The previous recorded run ({"recorded_at", "command", "figures"}), or {} if none."""
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return {}


def record(report: dict, command: str, path: Path = RECORDED) -> None:
    """Keep this run's figures as the previous run of the next one."""
    recorded = {
        "recorded_at": report.get("started_at"),
        "command": command,
        "machine": report.get("machine"),
        "figures": figures_of(report),
    }
    path.write_text(json.dumps(recorded, indent=1, ensure_ascii=False, sort_keys=True) + "\n")


def compare(current: dict[str, float], previous: dict[str, float]) -> list[dict]:
    """Each current figure with the previous one and their ratio (None when new or zero)."""
    rows = []
    for name, value in current.items():
        before = previous.get(name)
        ratio = value / before if before else None
        rows.append({"figure": name, "value": value, "previous": before, "ratio": ratio})
    return rows


def worse(row: dict) -> bool:
    ratio = row["ratio"]
    if ratio is None:
        return False
    more_is_better = any(word in row["figure"] for word in MORE_IS_BETTER)
    return ratio < 1 / FLAG if more_is_better else ratio > FLAG


def format_comparison(rows: list[dict], recorded: dict) -> str:
    if not recorded.get("figures"):
        return "Aucune exécution précédente enregistrée (--record l'enregistre)."
    compared = [r for r in rows if r["ratio"] is not None]
    lines = [
        f"Par rapport à l'exécution enregistrée le {recorded.get('recorded_at')} "
        f"({recorded.get('command')}) : {len(compared)} chiffres comparés, "
        f"{sum(worse(r) for r in compared)} moins bons de plus de {int((FLAG - 1) * 100)} % (⚠)"
    ]
    for row in compared:
        lines.append(
            f"  {'⚠' if worse(row) else ' '} {row['figure']} : {_number(row['value'])} "
            f"(avant {_number(row['previous'])}) ×{row['ratio']:.2f}"
        )
    new = [r["figure"] for r in rows if r["previous"] is None]
    if new:
        lines.append(f"  sans valeur précédente : {len(new)} chiffres")
    return "\n".join(lines)


def _number(value: float) -> str:
    return f"{value:.0f}" if abs(value) >= 100 else f"{value:.3g}"
