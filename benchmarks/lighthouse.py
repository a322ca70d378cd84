"""What a visitor feels, page by page: Lighthouse (desktop preset) on every page of the
navigation, the app under gunicorn on loopback, the Debian Chromium with the PDF renderer's flags.

Lighthouse is an npm package, pinned in benchmarks/lighthouse/package.json and its lock file
(12.2.3: version 13 needs Node 22). The benchmark installs it with `npm ci` into
benchmarks/lighthouse/node_modules/ (git-ignored) the first time; install scripts are not run, so
nothing else is downloaded (Lighthouse drives the Chromium given in CHROME_PATH).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
from dataclasses import asdict, dataclass
from pathlib import Path

import requests

from benchmarks.browser import CHROMIUM
from dashboard.pdf_renderer import CHROMIUM_ARGS

FOLDER = Path(__file__).parent / "lighthouse"
CLI = FOLDER / "node_modules" / "lighthouse" / "cli" / "index.js"
INSTALLED_LOCK = FOLDER / "node_modules" / ".package-lock.json"
TARGETS = {
    "performance": 90,  # at least
    "accessibility": 100,  # at least
    "tbt_ms": 200,
    "cls": 0.1,
    "lcp_ms": 1200,
}
AT_LEAST = ("performance", "accessibility")


class LighthouseUnavailable(Exception):
    """Node, npm or the package is missing: said in French, the stage is skipped."""


@dataclass(frozen=True)
class PageScore:
    path: str
    runs: int
    performance: float  # 0-100, median of the runs
    accessibility: float
    tbt_ms: float  # total blocking time
    cls: float  # cumulative layout shift
    lcp_ms: float  # largest contentful paint
    fcp_ms: float  # first contentful paint
    speed_index_ms: float
    bytes: int  # total byte weight on the wire
    main_thread_ms: float  # main-thread work, all of it
    script_ms: float  # of which script evaluation


def ensure_installed(log=print) -> Path:
    """The pinned Lighthouse, installed from the lock file (again when the lock file changes)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        raise LighthouseUnavailable("Node.js et npm sont nécessaires pour Lighthouse")
    lock = FOLDER / "package-lock.json"
    if CLI.exists() and INSTALLED_LOCK.exists() and _locked(INSTALLED_LOCK) == _locked(lock):
        return CLI
    log("  installation de Lighthouse (npm ci, version figée par package-lock.json)…")
    finished = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=FOLDER,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if finished.returncode != 0 or not CLI.exists():
        raise LighthouseUnavailable(f"npm ci a échoué : {finished.stderr.strip()[-500:]}")
    return CLI


def _locked(path: Path) -> dict:
    """The versions a lock file pins (npm's hidden lock in node_modules has the same shape)."""
    packages = json.loads(path.read_text()).get("packages", {})
    return {name: spec.get("version") for name, spec in packages.items() if name}


def audit(base_url: str, path: str, keep: Path | None = None, attempts: int = 3) -> dict:
    """One Lighthouse run on one page: its JSON report (kept in `keep` when given). On a busy
    machine Lighthouse now and then loses its own trace (NO_NAVSTART...): tried again."""
    for attempt in range(1, attempts + 1):
        try:
            return _audit_once(base_url, path, keep)
        except RuntimeError:
            if attempt == attempts:
                raise
    raise AssertionError("unreachable")


def _audit_once(base_url: str, path: str, keep: Path | None) -> dict:
    command = [
        shutil.which("node") or "node",
        str(CLI),
        base_url + path,
        "--preset=desktop",
        "--only-categories=performance,accessibility",
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        "--disable-full-page-screenshot",
        "--chrome-flags=" + " ".join(CHROMIUM_ARGS),
        "--locale=fr",
    ]
    env = {**os.environ, "CHROME_PATH": CHROMIUM}
    finished = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    if finished.returncode != 0:
        raise RuntimeError(f"Lighthouse a échoué sur {path} : {finished.stderr.strip()[-800:]}")
    report = json.loads(finished.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse, {path} : {report['runtimeError'].get('message')}")
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
        name = (path.strip("/").replace("/", "_") or "accueil") + ".json"
        (keep / name).write_text(finished.stdout)
    return report


def figures(report: dict) -> dict:
    audits = report["audits"]

    def value(name: str) -> float:
        return float(audits[name].get("numericValue") or 0)

    breakdown = audits.get("mainthread-work-breakdown", {}).get("details", {}).get("items", [])
    return {
        "performance": round(100 * (report["categories"]["performance"]["score"] or 0)),
        "accessibility": round(100 * (report["categories"]["accessibility"]["score"] or 0)),
        "tbt_ms": value("total-blocking-time"),
        "cls": value("cumulative-layout-shift"),
        "lcp_ms": value("largest-contentful-paint"),
        "fcp_ms": value("first-contentful-paint"),
        "speed_index_ms": value("speed-index"),
        "bytes": value("total-byte-weight"),
        "main_thread_ms": sum(item.get("duration", 0) for item in breakdown),
        "script_ms": sum(
            item.get("duration", 0) for item in breakdown if item.get("group") == "scriptEvaluation"
        ),
    }


def score_page(base_url: str, path: str, runs: int, keep: Path | None = None) -> PageScore:
    """The median of `runs` Lighthouse runs, figure by figure (the machine is noisy)."""
    samples = [
        figures(audit(base_url, path, keep / f"run{i + 1}" if keep else None)) for i in range(runs)
    ]

    def median(name: str) -> float:
        return statistics.median(sample[name] for sample in samples)

    return PageScore(
        path=path,
        runs=runs,
        performance=median("performance"),
        accessibility=median("accessibility"),
        tbt_ms=round(median("tbt_ms")),
        cls=round(median("cls"), 3),
        lcp_ms=round(median("lcp_ms")),
        fcp_ms=round(median("fcp_ms")),
        speed_index_ms=round(median("speed_index_ms")),
        bytes=int(median("bytes")),
        main_thread_ms=round(median("main_thread_ms")),
        script_ms=round(median("script_ms")),
    )


def measure(
    base_url: str, paths: list[str], runs: int, log=print, keep: Path | None = None
) -> dict:
    """Every page, warmed once on the server (its aggregates cached: the browser is measured,
    not the first computation), then scored. Returns {path: figures}, or {"unavailable": why}."""
    try:
        ensure_installed(log)
    except LighthouseUnavailable as error:
        log(f"  Lighthouse : {error} — étape passée")
        return {"unavailable": str(error)}
    pages = {}
    http = requests.Session()
    for path in paths:
        http.get(base_url + path, timeout=60)
        score = score_page(base_url, path, runs, keep / _slug(path) if keep else None)
        pages[path] = asdict(score)
        log(format_page(score))
    return {"runs_per_page": runs, "pages": pages}


def _slug(path: str) -> str:
    return path.strip("/").replace("/", "_") or "accueil"


def public_pages(paths: list[str]) -> list[str]:
    """The navigation's pages, each once, without query strings."""
    seen: list[str] = []
    for path in paths:
        bare = path.split("?")[0] or "/"
        if bare not in seen:
            seen.append(bare)
    return seen


def _mark(name: str, value: float) -> str:
    target = TARGETS[name]
    ok = value >= target if name in AT_LEAST else value <= target
    return "✓" if ok else "✗"


def format_page(score: PageScore) -> str:
    return (
        f"  {score.path:<32} performance {score.performance:>3.0f} "
        f"{_mark('performance', score.performance)}  accessibilité "
        f"{score.accessibility:>3.0f} {_mark('accessibility', score.accessibility)}  "
        f"TBT {score.tbt_ms:>5.0f} ms {_mark('tbt_ms', score.tbt_ms)}  "
        f"CLS {score.cls:.3f} {_mark('cls', score.cls)}  "
        f"LCP {score.lcp_ms:>5.0f} ms {_mark('lcp_ms', score.lcp_ms)}  "
        f"(FCP {score.fcp_ms:.0f} ms, {score.bytes / 1024:.0f} Ko, "
        f"fil principal {score.main_thread_ms:.0f} ms dont scripts {score.script_ms:.0f} ms)"
    )


def run_alone(store, args, log=print) -> dict:
    """`--lighthouse-only`: the app under gunicorn on one store, every page scored, nothing else
    (the run has the same shape as a full one, with only its Lighthouse figures)."""
    from benchmarks.server import GunicornServer
    from benchmarks.workload import Discovery

    result: dict = {
        "load_average_before": [round(v, 1) for v in os.getloadavg()],
        "backend": store.backend,
        "size": store.size,
        "observations": store.observations,
    }
    with GunicornServer(store.url, workers=args.workers) as server:
        paths = pages_to_score(Discovery(server.url).paths, args.quick)
        result["pages"] = paths
        result["lighthouse"] = measure(server.url, paths, runs_for(args), log, keep_for(args))
    result["load_average_after"] = [round(v, 1) for v in os.getloadavg()]
    return result


def pages_to_score(paths: list[str], quick: bool) -> list[str]:
    """Every page of the navigation; a quick run scores one partner page."""
    pages = public_pages(paths)
    if quick:
        partners = [p for p in pages if p.startswith("/partenaires/")]
        return partners[:1] or pages[:1]
    return pages


def runs_for(args) -> int:
    return args.lighthouse_runs or (1 if args.quick else 3)


def keep_for(args) -> Path | None:
    """The full Lighthouse reports, kept beside the run's results (their diagnostics say where
    the time goes)."""
    return args.out / "lighthouse" if args.out else None


def format_markdown(report: dict) -> str:
    """The per-page table of every run that has Lighthouse figures."""
    lines: list[str] = []
    for run in report["runs"]:
        pages = run.get("lighthouse", {}).get("pages")
        if not pages:
            continue
        lines += [
            "",
            f"Lighthouse (préréglage bureau, médiane de {run['lighthouse']['runs_per_page']} "
            f"passages), {run['backend']}, {run['observations']:,} obs. :".replace(",", " "),
            "",
            "| page | performance | accessibilité | TBT (ms) | CLS | LCP (ms) | FCP (ms) | Ko |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for path, s in pages.items():
            lines.append(
                f"| `{path}` | {s['performance']:.0f} | {s['accessibility']:.0f} "
                f"| {s['tbt_ms']:.0f} | {s['cls']:.3f} | {s['lcp_ms']:.0f} | {s['fcp_ms']:.0f} "
                f"| {s['bytes'] / 1024:.0f} |"
            )
    return "\n".join(lines) + ("\n" if lines else "")
