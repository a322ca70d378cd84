"""A room of viewers at once: each opens a page as a browser does on a first visit (the HTML, its
scripts and styles, the layout, the callbacks), then changes a filter every 5 to 15 seconds,
for a bounded time. Latency is what each viewer waits for each request (round trip on loopback).

The load generator is one asyncio loop (aiohttp): hundreds of open viewers cost it a few
coroutines, not a thread each, so that it does not become the bottleneck on the machine it
shares with the server. Its own CPU time is reported beside the server's.
"""

from __future__ import annotations

import asyncio
import gzip
import os
import random
import re
import resource
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp
import brotli
import orjson

from benchmarks import load
from benchmarks.server import rss_mb
from benchmarks.workload import Discovery, Request, build_body

# What a browser's first visit fetches besides the page: scripts and stylesheets of the HTML.
ASSET = re.compile(r'(?:src|href)="(/[^"]+\.(?:js|css)[^"]*)"')
# Pages a visitor opens (not the data page, for accounts, nor the projector's slides).
NOT_VISITED = ("/donnees", "/colloque")
# A browser opens up to 6 connections to one host.
BROWSER_CONNECTIONS = 6
KEEPALIVE_SECONDS = 2.0


@dataclass
class Hit:
    kind: str  # "html", "asset", "layout", "callback"
    status: int
    ms: float


@dataclass
class ViewerPlan:
    """What one viewer does: its page, the callbacks that page fires when it opens, and the
    filter changes to choose from."""

    path: str
    opening: list[Request]
    changes: list[Request]


@dataclass
class RoomResult:
    viewers: int
    seconds: float
    hits: list[Hit] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # the first answers in error
    client_cpu_seconds: float = 0.0

    def summary(self) -> dict:
        ok = [h for h in self.hits if 200 <= h.status < 400]
        errors = len(self.hits) - len(ok) + len(self.failures)
        result = {
            "viewers": self.viewers,
            "seconds": round(self.seconds, 1),
            "requests": len(self.hits) + len(self.failures),
            "errors": errors,
            "error_statuses": sorted({h.status for h in self.hits if not 200 <= h.status < 400}),
            "failures": sorted(set(self.failures))[:5],
            "refused": sorted(set(self.refused))[:5],
            "requests_per_s": round(len(ok) / self.seconds, 1) if self.seconds else 0.0,
            "client_cpu_seconds": round(self.client_cpu_seconds, 1),
            "client_cpu_percent": round(100 * self.client_cpu_seconds / self.seconds, 1)
            if self.seconds
            else 0.0,
        }
        result.update(_percentiles("all", [h.ms for h in ok]))
        for kind in ("html", "asset", "layout", "callback"):
            result.update(_percentiles(kind, [h.ms for h in ok if h.kind == kind]))
        return result


def _percentiles(kind: str, values: list[float]) -> dict:
    if not values:
        return {}
    return {
        f"{kind}_p50_ms": round(load.percentile(values, 50), 1),
        f"{kind}_p95_ms": round(load.percentile(values, 95), 1),
        f"{kind}_p99_ms": round(load.percentile(values, 99), 1),
        f"{kind}_max_ms": round(max(values), 1),
        f"{kind}_n": len(values),
    }


def plans(discovery: Discovery, seed: int, variants: int = 8) -> list[ViewerPlan]:
    """One plan per visited page: its opening callbacks, and varied filter changes (another
    period or choice of the page's own links and forms, or another value of a view callback)."""
    rng = random.Random(seed)
    result = []
    for path in discovery.paths:
        if path.startswith(NOT_VISITED) or not discovery.page_callback:
            continue
        found = discovery.pages[path]
        page = Request(
            "page " + path, path, build_body(discovery.page_callback, found, rng, [path])
        )
        views = discovery.view_callbacks(path)
        opening = [page] + [
            Request(cb.name, path, build_body(cb, found, rng, [path]))
            for cb in views
            if not cb.prevent_initial_call
        ]
        changes: list[Request] = []
        for query in (discovery.queries.get(path) or [])[:variants]:
            body = build_body(discovery.page_callback, found, rng, [path])
            for entry in body["inputs"]:
                if entry["property"] == "search":
                    entry["value"] = query
            changes.append(Request("page " + path, path, body))
        for callback in views:
            changes += [
                Request(callback.name, path, build_body(callback, found, rng, [path]))
                for _ in range(variants)
            ]
        result.append(ViewerPlan(path, opening, changes or [page]))
    return result


class Room:
    """`viewers` viewers arriving over `ramp_seconds`, each staying until `seconds` have passed."""

    def __init__(
        self,
        base_url: str,
        plans_: list[ViewerPlan],
        viewers: int,
        seconds: float,
        ramp_seconds: float,
        seed: int = 8,
        think: tuple[float, float] = (5.0, 15.0),
    ) -> None:
        self.base_url = base_url
        self.plans = plans_
        self.viewers = viewers
        self.seconds = seconds
        self.ramp_seconds = min(ramp_seconds, seconds)
        self.rng = random.Random(seed)
        self.think = think
        self.result = RoomResult(viewers=viewers, seconds=0.0)
        self.assets: dict[str, list[str]] = {}

    def run(self) -> RoomResult:
        _raise_open_files_limit(4 * self.viewers + 256)
        started_cpu = time.process_time()
        started = time.perf_counter()
        asyncio.run(self._room())
        self.result.seconds = time.perf_counter() - started
        self.result.client_cpu_seconds = time.process_time() - started_cpu
        return self.result

    async def _room(self) -> None:
        timeout = aiohttp.ClientTimeout(total=120)
        # A browser keeps an idle connection open for a while; here for less time than the
        # server keeps it (gunicorn.conf.py: keepalive), so that no request is sent on a
        # connection the server is closing.
        connector = aiohttp.TCPConnector(limit=0, keepalive_timeout=KEEPALIVE_SECONDS)
        # Answers are read as bytes, not decompressed (but the HTML, for its scripts): that is
        # the browser's work, not the server's, and it would take the generator's CPU.
        async with aiohttp.ClientSession(
            connector=connector, timeout=timeout, auto_decompress=False
        ) as http:
            self.deadline = time.perf_counter() + self.seconds
            tasks = []
            for index in range(self.viewers):
                delay = self.ramp_seconds * index / max(self.viewers, 1)
                plan = self.plans[index % len(self.plans)]
                tasks.append(
                    asyncio.create_task(self._viewer(http, plan, delay, self.rng.random()))
                )
            await asyncio.gather(*tasks)

    async def _viewer(self, http, plan: ViewerPlan, delay: float, seed: float) -> None:
        rng = random.Random(seed)
        await asyncio.sleep(delay)
        cookies = {"langue": "en" if rng.random() < 0.2 else "fr"}
        html = await self._get(http, plan.path, "html", cookies, text=True)
        if html is None:
            return
        assets = ASSET.findall(html)
        gate = asyncio.Semaphore(BROWSER_CONNECTIONS)

        async def asset(url: str) -> None:
            async with gate:
                await self._get(http, url, "asset", cookies)

        await asyncio.gather(*(asset(url) for url in assets))
        await self._get(http, "/_dash-layout", "layout", cookies)
        await self._get(http, "/_dash-dependencies", "layout", cookies)
        for request in plan.opening:
            await self._post(http, request, cookies)
        while True:
            pause = rng.uniform(*self.think)
            if time.perf_counter() + pause >= self.deadline:
                return
            await asyncio.sleep(pause)
            await self._post(http, rng.choice(plan.changes), cookies)

    async def _get(self, http, path: str, kind: str, cookies: dict, text: bool = False):
        started = time.perf_counter()
        try:
            async with http.get(
                self.base_url + path, cookies=cookies, headers={"Accept-Encoding": "gzip, br"}
            ) as response:
                body = await response.read()
                self._record(kind, response.status, started, path)
                if text:
                    return _decompressed(body, response.headers.get("Content-Encoding", ""))
                return body
        except (aiohttp.ClientError, TimeoutError) as error:
            self.result.failures.append(f"{kind}: {type(error).__name__}")
            return None

    async def _post(self, http, request: Request, cookies: dict) -> None:
        started = time.perf_counter()
        try:
            async with http.post(
                self.base_url + "/_dash-update-component",
                data=_encoded(request),
                cookies=cookies,
                headers={"Accept-Encoding": "gzip, br", "Content-Type": "application/json"},
            ) as response:
                await response.read()
                self._record("callback", response.status, started, request.name)
        except (aiohttp.ClientError, TimeoutError) as error:
            self.result.failures.append(f"callback: {type(error).__name__}")

    def _record(self, kind: str, status: int, started: float, what: str) -> None:
        self.result.hits.append(Hit(kind, status, (time.perf_counter() - started) * 1000))
        if status >= 400 and len(self.result.refused) < 20:
            self.result.refused.append(f"{status} {what}")


def _decompressed(body: bytes, encoding: str) -> str:
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return body.decode(errors="replace")


_ENCODED: dict[int, bytes] = {}


def _encoded(request: Request) -> bytes:
    """The request's JSON body, encoded once (each viewer sends the same few many times)."""
    body = _ENCODED.get(id(request))
    if body is None:
        body = _ENCODED[id(request)] = orjson.dumps(request.body)
    return body


def _raise_open_files_limit(wanted: int) -> None:
    """Each viewer holds a connection or two: the default limit (1024) may be too low."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))


class _MemorySampler:
    """The largest resident size of each server process seen during the run, sampled every
    second (a worker's size rises while it builds pages)."""

    def __init__(self, server) -> None:
        self.server = server
        self.peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> _MemorySampler:
        self._thread.start()
        return self

    def _sample(self) -> None:
        while True:
            for pid in self.server.worker_pids():
                size = rss_mb(pid)
                if size is not None:
                    self.peaks[pid] = max(size, self.peaks.get(pid, 0.0))
            if self._stop.wait(1.0):
                return

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=5)


def run_room(
    server, viewers: int, seconds: float, ramp_seconds: float, seed: int = 8, log=print
) -> dict:
    """The room against a running server (its caches as they are): the viewers' figures, the
    server's CPU and memory, the load generator's CPU."""
    discovery = Discovery(server.url)
    room = Room(server.url, plans(discovery, seed), viewers, seconds, ramp_seconds, seed=seed)
    load_before = [round(v, 1) for v in os.getloadavg()]
    cpu_before = server.cpu_seconds()
    with _MemorySampler(server) as memory:
        result = room.run()
    summary = result.summary()
    server_cpu = server.cpu_seconds() - cpu_before
    summary.update(
        {
            "server": server.describe(),
            "server_cpu_seconds": round(server_cpu, 1),
            "server_cpu_percent": round(100 * server_cpu / result.seconds, 1),
            "worker_rss_mb": [round(v, 1) for v in server.worker_rss_mb()],
            "worker_peak_rss_mb": [round(v, 1) for v in memory.peaks.values()],
            "load_average_before": load_before,
            "load_average_after": [round(v, 1) for v in os.getloadavg()],
        }
    )
    log(format_room(summary))
    return summary


def format_room(s: dict) -> str:
    return (
        f"  salle     : {s['viewers']} visiteurs, {s['seconds']} s, {s['server']} — "
        f"{s['requests']} requêtes ({s['requests_per_s']}/s), {s['errors']} erreurs "
        f"{s['error_statuses'] or ''}{s['failures'] or ''}{s['refused'] or ''}\n"
        f"              attente p50 {s.get('all_p50_ms')} ms, p95 {s.get('all_p95_ms')} ms, "
        f"p99 {s.get('all_p99_ms')} ms (calculs p95 {s.get('callback_p95_ms')} ms, pages HTML "
        f"p95 {s.get('html_p95_ms')} ms, fichiers p95 {s.get('asset_p95_ms')} ms)\n"
        f"              CPU : serveur {s['server_cpu_percent']} % d'un cœur, générateur de "
        f"charge {s['client_cpu_percent']} %; mémoire par worker {s['worker_rss_mb']} Mo "
        f"(au plus {s['worker_peak_rss_mb']} Mo); charge de la machine "
        f"{s['load_average_before']} → {s['load_average_after']}"
    )


def main(argv: list[str] | None = None) -> int:
    """`python -m benchmarks.viewers`: one room against a fresh server, for comparing worker
    models on one store (`make bench` runs the room with the project's gunicorn.conf.py)."""
    import argparse
    import json

    from benchmarks.server import GunicornServer
    from benchmarks.stores import ensure_store

    parser = argparse.ArgumentParser(prog="python -m benchmarks.viewers", description=__doc__)
    parser.add_argument("--backend", default="sqlite", choices=("sqlite", "postgresql"))
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--viewers", type=int, default=800)
    parser.add_argument("--seconds", type=float, default=180.0)
    parser.add_argument("--ramp", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--worker-class", default=None)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--json", type=Path, default=None, help="écrire le résumé dans ce fichier")
    parser.add_argument(
        "--app-root", type=Path, default=None, help="l'application d'un autre dossier du projet"
    )
    args = parser.parse_args(argv)
    store = ensure_store(args.backend, args.size)
    with GunicornServer(
        store.url,
        workers=args.workers,
        worker_class=args.worker_class,
        threads=args.threads,
        app_root=args.app_root,
    ) as server:
        summary = run_room(server, args.viewers, args.seconds, args.ramp, args.seed)
    summary.update({"backend": args.backend, "observations": store.observations})
    if args.json:
        args.json.write_text(json.dumps(summary, indent=1))
    return 1 if summary["errors"] else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
