"""The benchmark's report as text: each run's figures against the targets, for the terminal
(`format_run`) and for the Markdown summary written beside the JSON (`format_markdown`). Kept
apart from `benchmarks.cli`, which runs the measurements: what is measured and how it is said
change for different reasons."""

from __future__ import annotations

TARGETS = {
    "p95_one_client_ms": 8.0,
    "p95_four_clients_ms": 60.0,
    "throughput_per_s": 400.0,
    "typical_figure_kb": 5.0,
    "charts_drawn_ms": 1500.0,
    "worker_rss_mb": 250.0,
    "viewers": 800,
    "viewers_p95_ms": 500.0,
}


def _mark(value, target, lower_is_better: bool = True) -> str:
    if value is None:
        return "—"
    ok = value <= target if lower_is_better else value >= target
    return "✓" if ok else "✗"


def format_run(run: dict) -> str:
    one, many = run["one_client"], run["many_clients"]
    lines = [
        f"  serveur   : {run['server']}",
        f"  charge de la machine (1, 5, 15 min) : {run['load_average_before']} avant, "
        f"{run['load_average_after']} après",
        f"  1 client  : serveur p50 {one['server_ms']['p50']} ms, p95 {one['server_ms']['p95']} ms "
        f"{_mark(one['server_ms']['p95'], TARGETS['p95_one_client_ms'])} "
        f"(aller-retour p95 {one['round_trip_ms']['p95']} ms)",
        f"  {many['clients']} clients : serveur p50 {many['server_ms']['p50']} ms, "
        f"p95 {many['server_ms']['p95']} ms "
        f"{_mark(many['server_ms']['p95'], TARGETS['p95_four_clients_ms'])} "
        f"(aller-retour p95 {many['round_trip_ms']['p95']} ms)",
        f"  calculées (sans cache) : 1 client p50 {one['computed_server_ms']['p50']} ms, "
        f"p95 {one['computed_server_ms']['p95']} ms (n={one['computed_server_ms']['n']}); "
        f"{many['clients']} clients p95 {many['computed_server_ms']['p95']} ms "
        f"(n={many['computed_server_ms']['n']})",
        f"  débit     : {many['throughput_per_s']} réponses/s "
        f"{_mark(many['throughput_per_s'], TARGETS['throughput_per_s'], False)} "
        f"(CPU : serveur {many.get('server_cpu_percent')} % d'un cœur, "
        f"{many.get('server_cpu_ms_per_response')} ms par réponse ; générateur "
        f"{many.get('client_cpu_percent')} %)",
        f"  erreurs   : {one['errors'] + many['errors']} {one['error_statuses'] + many['error_statuses']}",
    ]
    figures = run["figures"]
    if figures.get("count"):
        lines.append(
            f"  figures   : médiane {figures['median_kb']} Ko "
            f"{_mark(figures['median_kb'], TARGETS['typical_figure_kb'])}, "
            f"p90 {figures['p90_kb']} Ko, max {figures['max_kb']} Ko ({figures['count']})"
        )
    rss = run["worker_rss_mb"]
    lines.append(
        f"  mémoire   : {rss} Mo par worker "
        f"{_mark(max(rss) if rss else None, TARGETS['worker_rss_mb'])}"
    )
    if "browser" in run:
        b = run["browser"]
        lines.append(
            f"  navigateur: {b['path']} — {b['charts']} graphiques dessinés en "
            f"{b['drawn_ms']:.0f} ms {_mark(b['drawn_ms'], TARGETS['charts_drawn_ms'])}; "
            f"1re visite {b['first_load_bytes'] / 1024:.0f} Ko ({b['first_load_requests']} req.), "
            f"visite suivante {b['repeat_bytes'] / 1024:.0f} Ko ({b['repeat_requests']} req., "
            f"{b['repeat_drawn_ms']:.0f} ms)"
        )
    if "pdf" in run:
        p = run["pdf"]
        lines.append(
            f"  PDF       : {p['path']} — {p['seconds_p50']} s par PDF (max {p['seconds_max']} s, "
            f"{p['pdfs']} PDF, {p['errors']} erreurs, {p['bytes'] / 1024:.0f} Ko); "
            f"mémoire des processus lancés {p['peak_renderer_mb']} Mo au plus, "
            f"worker +{p['worker_growth_mb']} Mo"
        )
    base = run["baseline"]
    lines.append(
        f"  référence : {base['chart']} — pandas {base['naive_ms']:.0f} ms "
        f"({base['rows_loaded']} lignes), SQL brut {base['raw_sql_ms']:.0f} ms, "
        f"application {base['app_ms']:.1f} ms → ×{base['naive_ms'] / max(base['app_ms'], 0.01):.0f}"
        f"{'' if base['same_result'] else ' (RÉSULTATS DIFFÉRENTS)'}"
    )
    slow = run["per_callback"][:5]
    lines.append(
        "  callbacks les plus lents (p95) : "
        + "; ".join(f"{r['callback'][:40]} {r['p95_ms']} ms" for r in slow)
    )
    return "\n".join(lines)


def format_markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"# Banc d'essai du {report['started_at']}",
        "",
        f"Machine : {m.get('cpu', '?')}, {m.get('cpus')} cœurs, {m.get('memory_gb', '?')} Go, "
        f"{m.get('system')}, Python {m.get('python')}.",
        "",
        "| base | observations | p50 / p95 1 client (ms) | p50 / p95 4 clients (ms) | débit (rép./s) "
        "| figure médiane / max (Ko) | graphiques dessinés (ms) | 1re visite / suivante (Ko) "
        "| RSS worker (Mo) | pandas / SQL brut / appli (ms) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for run in report["runs"]:
        one, many, fig = run["one_client"], run["many_clients"], run["figures"]
        b = run.get("browser")
        base = run["baseline"]
        drawn = f"{b['drawn_ms']:.0f}" if b else "—"
        transfer = (
            f"{b['first_load_bytes'] / 1024:.0f} / {b['repeat_bytes'] / 1024:.0f}" if b else "—"
        )
        observations = f"{run['observations']:,}".replace(",", " ")
        rss = ", ".join(str(v) for v in run["worker_rss_mb"])
        lines.append(
            f"| {run['backend']} | {observations} "
            f"| {one['server_ms']['p50']} / {one['server_ms']['p95']} "
            f"| {many['server_ms']['p50']} / {many['server_ms']['p95']} "
            f"| {many['throughput_per_s']} "
            f"| {fig.get('median_kb', '—')} / {fig.get('max_kb', '—')} "
            f"| {drawn} | {transfer} | {rss} "
            f"| {base['naive_ms']:.0f} / {base['raw_sql_ms']:.0f} / {base['app_ms']:.1f} |"
        )
    rooms = [run for run in report["runs"] if "room" in run]
    if rooms:
        lines += [
            "",
            "| base | observations | serveur | visiteurs | requêtes (/s) | erreurs "
            "| attente p50 / p95 / p99 (ms) | calculs p95 (ms) | CPU serveur / générateur (% d'un cœur) "
            "| RSS par worker, fin / au plus (Mo) |",
            "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for run in rooms:
            r = run["room"]
            lines.append(
                f"| {run['backend']} | {run['observations']:,} | {r['server']} | {r['viewers']} "
                f"| {r['requests']} ({r['requests_per_s']}) | {r['errors']} "
                f"| {r.get('all_p50_ms')} / {r.get('all_p95_ms')} / {r.get('all_p99_ms')} "
                f"{_mark(r.get('all_p95_ms'), TARGETS['viewers_p95_ms'])} "
                f"| {r.get('callback_p95_ms')} "
                f"| {r['server_cpu_percent']} / {r['client_cpu_percent']} "
                f"| {max(r['worker_rss_mb'], default='—')} / "
                f"{max(r['worker_peak_rss_mb'], default='—')} |".replace(",", " ", 1)
            )
    pdfs = [
        (run["backend"], run["observations"], run["pdf"]) for run in report["runs"] if "pdf" in run
    ]
    if pdfs:
        lines += ["", "PDF d'une page partenaire (Chromium lancé par le serveur) :", ""]
        for backend, observations, p in pdfs:
            lines.append(
                f"- {backend}, {observations:,} obs. : {p['seconds_p50']} s par PDF (max "
                f"{p['seconds_max']} s), processus lancés {p['peak_renderer_mb']} Mo au plus, "
                f"worker +{p['worker_growth_mb']} Mo, {p['errors']} erreur(s)".replace(",", " ", 1)
            )
    if "scale_out" in report:
        s = report["scale_out"]
        many = s["many_clients"]
        lines += [
            "",
            f"Deux processus (1 worker chacun) sur un PostgreSQL, cache Redis partagé : "
            f"p50 / p95 {many['server_ms']['p50']} / {many['server_ms']['p95']} ms, "
            f"{many['throughput_per_s']} réponses/s, {many['errors']} erreur(s); "
            f"après un chargement, {s['after_load']['recomputed_after_load']} requêtes "
            f"recalculées par un processus, dont {s['after_load']['then_shared']} servies ensuite "
            "à l'autre par le cache Redis.",
        ]
    return "\n".join(lines) + "\n"
