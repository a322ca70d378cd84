"""Replaying requests against a running app: latency for one and several clients, throughput."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
import statistics
import threading
import time
from dataclasses import dataclass, field

import requests

from benchmarks.workload import Request

SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")
CACHE_TIMING = re.compile(r'aggcache;desc="hits=(\d+) misses=(\d+)"')


@dataclass
class Sample:
    name: str
    status: int
    round_trip_ms: float
    server_ms: float | None
    response_bytes: int
    figure_bytes: list[int]
    cache_hits: int = 0
    cache_misses: int = 0


@dataclass
class RunResult:
    clients: int
    seconds: float
    samples: list[Sample] = field(default_factory=list)

    @property
    def ok(self) -> list[Sample]:
        return [s for s in self.samples if s.status in (200, 204)]

    @property
    def errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status not in (200, 204)]

    @property
    def throughput(self) -> float:
        return len(self.ok) / self.seconds if self.seconds else 0.0

    def percentiles(self, attribute: str = "server_ms") -> dict[str, float | None]:
        values = [getattr(s, attribute) for s in self.ok if getattr(s, attribute) is not None]
        return {"p50": percentile(values, 50), "p95": percentile(values, 95), "n": len(values)}


def percentile(values: list[float], q: float) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def figure_sizes(payload) -> list[int]:
    """The JSON size of every figure in a callback response (a `figure` output, or a dcc.Graph
    inside returned children)."""
    sizes: list[int] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "Graph" and isinstance(node.get("props"), dict):
                figure = node["props"].get("figure")
                if figure:
                    sizes.append(_size(figure))
                return
            for key, value in node.items():
                if key == "figure" and isinstance(value, dict) and ("data" in value):
                    sizes.append(_size(value))
                else:
                    walk(value)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(payload)
    return sizes


def _size(value) -> int:
    return len(json.dumps(value, separators=(",", ":")).encode())


def send(http: requests.Session, base_url: str, request: Request, figures: bool = True) -> Sample:
    started = time.perf_counter()
    if request.body is None:
        response = http.get(base_url + request.page, cookies=request.cookies, timeout=120)
    else:
        response = http.post(
            base_url + "/_dash-update-component",
            json=request.body,
            cookies=request.cookies,
            timeout=120,
        )
    content = response.content
    elapsed = (time.perf_counter() - started) * 1000
    timing = response.headers.get("Server-Timing", "")
    server = SERVER_TIMING.search(timing)
    cache = CACHE_TIMING.search(timing)
    # Named apart from the `figures` flag: the same name here once made the flag always false,
    # and no figure was ever measured.
    sizes: list[int] = []
    if figures and response.status_code == 200 and request.body is not None:
        with contextlib.suppress(ValueError):
            sizes = figure_sizes(json.loads(content))
    return Sample(
        name=request.name,
        status=response.status_code,
        round_trip_ms=elapsed,
        server_ms=float(server.group(1)) if server else None,
        response_bytes=len(content),
        figure_bytes=sizes,
        cache_hits=int(cache.group(1)) if cache else 0,
        cache_misses=int(cache.group(2)) if cache else 0,
    )


def replay(
    base_urls: list[str],
    requests_: list[Request],
    clients: int,
    total: int,
    figures: bool = True,
) -> RunResult:
    """Send `total` requests (cycling through the workload) from `clients` concurrent clients;
    with several app processes, clients take turns among them."""
    source = itertools.islice(itertools.cycle(requests_), total)
    lock = threading.Lock()
    result = RunResult(clients=clients, seconds=0.0)

    def client(index: int) -> None:
        http = requests.Session()
        for turn in itertools.count():
            with lock:
                request = next(source, None)
            if request is None:
                return
            base_url = base_urls[(index + turn) % len(base_urls)]
            sample = send(http, base_url, request, figures)
            with lock:
                result.samples.append(sample)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
