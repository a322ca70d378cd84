"""`python -m benchmarks`: generate (or reuse) stores, run the app under gunicorn, replay its
callbacks, and print the figures against the targets."""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
from pathlib import Path

import requests

from benchmarks import baseline, figures, lighthouse, load, viewers
from benchmarks.report_text import TARGETS, format_markdown, format_run
from benchmarks.server import GunicornServer
from benchmarks.stores import RESULTS_DIR, STORES_DIR, ensure_store
from benchmarks.throughput import replay as replay_throughput
from benchmarks.workload import Discovery, build_workload

DEFAULT_REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Banc d'essai de performance du tableau de bord (voir docs/performance.md).",
    )
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="tailles de stockage, en observations, séparées par des virgules "
        "(défaut : 100000,1000000)",
    )
    parser.add_argument(
        "--backends",
        default="sqlite,postgresql",
        help="bases à mesurer : sqlite, postgresql (défaut : les deux)",
    )
    parser.add_argument(
        "--with-10m",
        action="store_true",
        help="ajouter un stockage de 10 000 000 d'observations (sa génération prend des minutes)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help="essai rapide : un petit stockage SQLite, quelques requêtes (vérifie que tout marche)",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="workers gunicorn (défaut : gunicorn.conf.py)"
    )
    parser.add_argument(
        "--worker-class", default=None, help="sync, gthread… (défaut : gunicorn.conf.py)"
    )
    parser.add_argument(
        "--threads", type=int, default=None, help="fils par worker (défaut : gunicorn.conf.py)"
    )
    parser.add_argument(
        "--viewers",
        type=int,
        default=None,
        help="visiteurs simultanés de la salle (défaut : 800, rapide : 30 ; 0 : pas de salle)",
    )
    parser.add_argument(
        "--viewer-seconds",
        type=float,
        default=None,
        help="durée de la salle, en secondes (défaut : 180, rapide : 15)",
    )
    parser.add_argument(
        "--viewer-ramp",
        type=float,
        default=None,
        help="les visiteurs arrivent pendant ces secondes (défaut : 60, rapide : 5)",
    )
    parser.add_argument(
        "--previous",
        type=Path,
        default=figures.RECORDED,
        help="chiffres de l'exécution précédente (défaut : docs/performance-figures.json)",
    )
    parser.add_argument(
        "--record",
        type=Path,
        nargs="?",
        const=figures.RECORDED,
        default=None,
        help="enregistrer les chiffres de cette exécution comme la précédente de la suivante "
        "(défaut : docs/performance-figures.json)",
    )
    parser.add_argument(
        "--requests", type=int, default=None, help="requêtes par mesure (défaut : 400, rapide : 30)"
    )
    parser.add_argument("--clients", type=int, default=4, help="clients simultanés (défaut : 4)")
    parser.add_argument("--no-browser", action="store_true", help="ne pas lancer Chromium")
    parser.add_argument(
        "--lighthouse-only",
        action="store_true",
        help="seulement Lighthouse sur chaque page (un stockage : le premier de --sizes et --backends)",
    )
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=None,
        help="passages Lighthouse par page, la médiane est gardée (défaut : 3, rapide : 1)",
    )
    parser.add_argument(
        "--scale-out",
        action="store_true",
        help="mesurer aussi deux processus applicatifs sur un même PostgreSQL, cache Redis partagé",
    )
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL, help="Redis pour --scale-out")
    parser.add_argument(
        "--store-dir", type=Path, default=None, help="dossier des stockages SQLite générés"
    )
    parser.add_argument(
        "--out", type=Path, default=RESULTS_DIR, help="dossier des résultats (JSON et Markdown)"
    )
    parser.add_argument("--seed", type=int, default=8, help="graine des valeurs de filtre")
    parser.add_argument(
        "--app-root",
        type=Path,
        default=None,
        help="mesurer l'application d'un autre dossier du projet (une autre version, pour un "
        "avant / après avec le même banc ; défaut : ce dossier)",
    )
    return parser.parse_args(argv)


def _sizes(args) -> list[int]:
    if args.quick and args.sizes == "100000,1000000":
        return [3000]
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    except ValueError as error:
        raise SystemExit(f"--sizes : nombres entiers attendus ({args.sizes!r})") from error
    if args.with_10m and 10_000_000 not in sizes:
        sizes.append(10_000_000)
    return sizes


def _backends(args) -> list[str]:
    if args.quick and args.backends == "sqlite,postgresql":
        return ["sqlite"]
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for backend in backends:
        if backend not in ("sqlite", "postgresql"):
            raise SystemExit(f"--backends : sqlite ou postgresql attendu (reçu : {backend!r})")
    return backends


def machine() -> dict:
    info = {
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "cpus": os.cpu_count(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return info


def run_store(store, args, log) -> dict:
    """Every measurement on one store."""
    quick = args.quick
    total = args.requests or (30 if quick else 400)
    result: dict = {
        # Other work on the machine slows everything: the load average says how much.
        "load_average_before": [round(v, 1) for v in os.getloadavg()],
        "backend": store.backend,
        "size": store.size,
        "observations": store.observations,
        "generated_seconds": store.generated_seconds,
    }
    with _server(store, args) as server:
        result["server"] = server.describe()
        discovery = Discovery(server.url)
        workload = build_workload(discovery, variants=2 if quick else 8, seed=args.seed)
        random.Random(args.seed).shuffle(workload)
        result["callbacks"] = len(discovery.callbacks)
        result["pages"] = discovery.paths
        result["workload"] = len(workload)
        log(
            f"  {len(discovery.callbacks)} callbacks, {len(discovery.paths)} pages, "
            f"{len(workload)} requêtes différentes"
        )
        _warm_up(server.url, workload)
        one = load.replay([server.url], workload, clients=1, total=total)
        # Figures are measured on the one-client run. The clients here are coroutines of one
        # asyncio loop that neither decompress nor parse the answers (benchmarks/throughput.py):
        # they measure the server, and their CPU is reported next to its.
        throughput = replay_throughput(server, workload, clients=args.clients, total=total * 2)
        many = throughput.run
        result["one_client"] = _summary(one)
        result["many_clients"] = {**_summary(many), **throughput.summary()}
        result["per_callback"] = _per_callback(one.samples + many.samples)
        result["figures"] = _figures(one.samples)
        result["worker_rss_mb"] = [round(v, 1) for v in server.worker_rss_mb()]
        if not args.no_browser:
            partner_pages = [p for p in discovery.paths if p.startswith("/partenaires/")]
            path = partner_pages[0] if partner_pages else discovery.paths[0]
            from benchmarks.browser import visit

            result["browser"] = dataclasses.asdict(visit(server.url, path))
            from benchmarks import pdf

            pdf_path = path.split("?")[0] + ".pdf" if path in partner_pages else None
            if pdf_path:
                result["pdf"] = dataclasses.asdict(pdf.measure(server, pdf_path, 1 if quick else 3))
            if (store.backend, store.size) == (_backends(args)[0], _sizes(args)[0]):
                result["lighthouse"] = lighthouse.measure(
                    server.url,
                    lighthouse.pages_to_score(discovery.paths, quick),
                    lighthouse.runs_for(args),
                    log,
                    lighthouse.keep_for(args),
                )
        result["static"] = _static_assets(server.url)
    count = _viewers(args)
    if count:
        # A fresh server: the room arrives on empty caches, as after a deployment.
        with _server(store, args) as server:
            result["room"] = viewers.run_room(
                server,
                count,
                _default(args.viewer_seconds, 15.0 if quick else 180.0),
                _default(args.viewer_ramp, 5.0 if quick else 60.0),
                seed=args.seed,
                log=log,
            )
    result["load_average_after"] = [round(v, 1) for v in os.getloadavg()]
    result["baseline"] = dataclasses.asdict(baseline.measure(store.url, repeat=1 if quick else 3))
    return result


def _server(store, args) -> GunicornServer:
    return GunicornServer(
        store.url,
        workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads,
        app_root=args.app_root,
    )


def _default(value, default):
    return default if value is None else value


def _viewers(args) -> int:
    return _default(args.viewers, 30 if args.quick else TARGETS["viewers"])


WARM_UP_ROUNDS = 6


def _warm_up(url: str, workload) -> None:
    """Not measured: each worker imports plotly, opens its pool, and computes the workload's
    answers. A client's connection stays with one worker, and each worker has its own cache
    without Redis: the workload is asked again on new connections until a round computes
    nothing (at most `WARM_UP_ROUNDS`), so the runs below measure answers already asked (the
    "computed" line still gives any that a worker had not yet computed itself)."""
    for _ in range(WARM_UP_ROUNDS):
        run = load.replay([url], workload, clients=4, total=len(workload), figures=False)
        if not any(s.cache_misses for s in run.samples):
            return


def _summary(run: load.RunResult) -> dict:
    return {
        "clients": run.clients,
        "requests": len(run.samples),
        "errors": len(run.errors),
        "error_statuses": sorted({s.status for s in run.errors}),
        "seconds": round(run.seconds, 2),
        "throughput_per_s": round(run.throughput, 1),
        "server_ms": _rounded(run.percentiles("server_ms")),
        "round_trip_ms": _rounded(run.percentiles("round_trip_ms")),
        # Requests that computed at least one aggregate or page (cache misses): the cost that
        # no cache hides.
        "computed_server_ms": _rounded(
            load.RunResult(
                run.clients, run.seconds, [s for s in run.samples if s.cache_misses]
            ).percentiles("server_ms")
        ),
        "cache_hits": sum(s.cache_hits for s in run.samples),
        "cache_misses": sum(s.cache_misses for s in run.samples),
    }


def _rounded(values: dict) -> dict:
    return {k: (round(v, 1) if isinstance(v, float) else v) for k, v in values.items()}


def _per_callback(samples: list[load.Sample]) -> list[dict]:
    groups: dict[str, list[load.Sample]] = {}
    for sample in samples:
        groups.setdefault(sample.name, []).append(sample)
    rows = []
    for name, group in groups.items():
        values = [s.server_ms if s.server_ms is not None else s.round_trip_ms for s in group]
        rows.append(
            {
                "callback": name,
                "n": len(group),
                "p50_ms": round(load.percentile(values, 50), 1),
                "p95_ms": round(load.percentile(values, 95), 1),
                "errors": sum(1 for s in group if s.status not in (200, 204)),
                "bytes_median": int(statistics.median(s.response_bytes for s in group)),
            }
        )
    return sorted(rows, key=lambda r: -r["p95_ms"])


def _figures(samples: list[load.Sample]) -> dict:
    sizes = [size for s in samples for size in s.figure_bytes]
    if not sizes:
        return {"count": 0}
    return {
        "count": len(sizes),
        "median_kb": round(statistics.median(sizes) / 1024, 2),
        "p90_kb": round(load.percentile(sizes, 90) / 1024, 2),
        "max_kb": round(max(sizes) / 1024, 2),
    }


def _static_assets(base_url: str) -> dict:
    """Whether the big static files are served compressed and cacheable."""
    http = requests.Session()
    page = http.get(base_url + "/", headers={"Accept-Encoding": "gzip, br"}, timeout=30)
    import re

    scripts = re.findall(r'src="([^"]+\.js[^"]*)"', page.text)
    result = {}
    for src in scripts:
        if "dash_core_components" in src or "plotly" in src:
            response = http.get(
                base_url + src, headers={"Accept-Encoding": "gzip, br"}, timeout=60, stream=True
            )
            raw = response.raw.read(decode_content=False)
            # Named without Dash's fingerprint, so that runs compare file by file.
            name = re.sub(r"\.v[0-9_]+m[0-9]+", "", src.split("?")[0].rsplit("/", 1)[-1])
            result[name] = {
                "bytes_on_wire": len(raw),
                "encoding": response.headers.get("Content-Encoding", "identity"),
                "cache_control": response.headers.get("Cache-Control", ""),
            }
    return result


def bump_version(database_url: str) -> None:
    """What every load does to the store's data version (the facts themselves are unchanged)."""
    from data.store import bump_data_version, make_engine, transaction

    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            # No observation changed: the summary rows stay, only the version moves.
            bump_data_version(session, {})
    finally:
        engine.dispose()


def run_scale_out(store, args, log) -> dict:
    """Two app processes on one PostgreSQL, sharing one Redis cache."""
    prefix = f"bench-{os.getpid()}-{random.randrange(1 << 30)}"
    env = {"DEMOCRATIC_CACHE_PREFIX": prefix}
    total = args.requests or (30 if args.quick else 400)
    with (
        GunicornServer(store.url, workers=1, redis_url=args.redis_url, extra_env=env) as first,
        GunicornServer(store.url, workers=1, redis_url=args.redis_url, extra_env=env) as second,
    ):
        discovery = Discovery(first.url)
        workload = build_workload(discovery, variants=2 if args.quick else 8, seed=args.seed + 1)
        random.Random(args.seed).shuffle(workload)
        urls = [first.url, second.url]
        many = load.replay(urls, workload, clients=args.clients, total=total * 2)
        # A load on one process invalidates the cache of both (the data version is in the
        # database); what one process recomputes, the other then reads from Redis.
        bump_version(store.url)
        probe = build_workload(discovery, variants=1, seed=args.seed + 2)
        http = requests.Session()
        recomputed = shared = 0
        for request in probe:
            after_load = load.send(http, second.url, request)
            if after_load.cache_misses == 0:
                continue  # already recomputed for an earlier request of this probe
            recomputed += 1
            other = load.send(http, first.url, request)
            shared += other.cache_misses == 0 and other.cache_hits > 0
        log(
            f"  après un chargement : {recomputed} requêtes recalculées par le processus B, "
            f"{shared} servies ensuite au processus A par le cache Redis"
        )
        shared_result = {"recomputed_after_load": recomputed, "then_shared": shared}
        return {
            "processes": 2,
            "workers_each": 1,
            "many_clients": _summary(many),
            "after_load": shared_result,
            "worker_rss_mb": [round(v, 1) for v in first.worker_rss_mb() + second.worker_rss_mb()],
        }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes, backends = _sizes(args), _backends(args)
    if args.lighthouse_only:
        sizes, backends = sizes[:1], backends[:1]
    args.out.mkdir(parents=True, exist_ok=True)
    temporary = tempfile.TemporaryDirectory(prefix="bench-stores-") if args.quick else None
    store_dir = args.store_dir or (Path(temporary.name) if temporary else STORES_DIR)
    report = {
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "arguments": {k: str(v) for k, v in vars(args).items()},
        "targets": TARGETS,
        "runs": [],
    }
    log = print
    log(f"Banc d'essai — {report['machine']}")
    try:
        for size in sizes:
            for backend in backends:
                log(f"\n== {backend}, {size:,} observations ==".replace(",", " "))
                store = ensure_store(backend, size, folder=store_dir, log=log)
                run = (lighthouse.run_alone if args.lighthouse_only else run_store)(
                    store, args, log
                )
                report["runs"].append(run)
                if not args.lighthouse_only:
                    log(format_run(run))
        if args.scale_out:
            size = max(sizes)
            log(f"\n== montée en charge : 2 processus, PostgreSQL, Redis ({size:,} obs.) ==")
            store = ensure_store("postgresql", size, folder=store_dir, log=log)
            report["scale_out"] = run_scale_out(store, args, log)
            log(json.dumps(report["scale_out"], indent=1))
    finally:
        if temporary:
            temporary.cleanup()
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    json_path = args.out / f"bench-{stamp}.json"
    json_path.write_text(json.dumps(report, indent=1, ensure_ascii=False, default=str))
    markdown_path = args.out / f"bench-{stamp}.md"
    summary = (
        "" if args.lighthouse_only else format_markdown(report)
    ) + lighthouse.format_markdown(report)
    recorded = figures.load_recorded(args.previous)
    comparison = figures.format_comparison(
        figures.compare(figures.figures_of(report), recorded.get("figures", {})), recorded
    )
    log("\n" + comparison)
    markdown_path.write_text(summary + "\n```\n" + comparison + "\n```\n")
    if args.record:
        figures.record(
            report, "python -m benchmarks " + " ".join(argv or sys.argv[1:]), args.record
        )
        log(f"Chiffres enregistrés pour la prochaine comparaison : {args.record}")
    log(f"\nRésultats : {json_path}\n           {markdown_path}")
    errors = sum(
        r["one_client"]["errors"] + r["many_clients"]["errors"] + r.get("room", {}).get("errors", 0)
        for r in report["runs"]
        if "one_client" in r
    )
    return 1 if errors else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
