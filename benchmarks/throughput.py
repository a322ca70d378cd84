"""Throughput: several clients sending callbacks back to back, from one asyncio loop (aiohttp).

The clients used to be threads of `requests` in the benchmark's own process: on a 2-core machine
they took as much CPU as the server, and their round trip was three times the server's time, so
the figure measured the clients. Here each client is a coroutine that only sends bytes encoded
once and reads the answer's bytes (not decompressed, not parsed), so that the generator stays
far from a core; its CPU time is reported next to the server's, so that the reader can see which
of the two was the limit.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from dataclasses import dataclass

import aiohttp
import orjson

from benchmarks.load import CACHE_TIMING, SERVER_TIMING, RunResult, Sample
from benchmarks.workload import Request

# What `requests` sends (the one-client run and the warm-up): the same answers are kept.
ACCEPT_ENCODING = "gzip, deflate"


@dataclass
class Throughput:
    run: RunResult
    client_cpu_seconds: float
    server_cpu_seconds: float

    def summary(self) -> dict:
        seconds = self.run.seconds or 1.0
        return {
            "client_cpu_seconds": round(self.client_cpu_seconds, 2),
            "client_cpu_percent": round(100 * self.client_cpu_seconds / seconds, 1),
            "server_cpu_seconds": round(self.server_cpu_seconds, 2),
            "server_cpu_percent": round(100 * self.server_cpu_seconds / seconds, 1),
            "server_cpu_ms_per_response": round(
                1000 * self.server_cpu_seconds / max(len(self.run.ok), 1), 2
            ),
        }


def replay(server, requests_: list[Request], clients: int, total: int) -> Throughput:
    """Send `total` requests (cycling through the workload) from `clients` concurrent clients,
    each sending its next request as soon as it has its answer."""
    cpu_before = server.cpu_seconds()
    client_before = time.process_time()
    run = asyncio.run(_replay(server.url, requests_, clients, total))
    return Throughput(
        run,
        client_cpu_seconds=time.process_time() - client_before,
        server_cpu_seconds=server.cpu_seconds() - cpu_before,
    )


async def _replay(base_url: str, requests_: list[Request], clients: int, total: int) -> RunResult:
    bodies = {id(r): orjson.dumps(r.body) for r in requests_ if r.body is not None}
    source = itertools.islice(itertools.cycle(requests_), total)
    result = RunResult(clients=clients, seconds=0.0)
    connector = aiohttp.TCPConnector(limit=clients)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(
        connector=connector, timeout=timeout, auto_decompress=False
    ) as http:

        async def client() -> None:
            # One coroutine at a time runs: taking the next request needs no lock.
            for request in source:
                result.samples.append(await _send(http, base_url, request, bodies))

        started = time.perf_counter()
        await asyncio.gather(*(client() for _ in range(clients)))
        result.seconds = time.perf_counter() - started
    return result


async def _send(http, base_url: str, request: Request, bodies: dict[int, bytes]) -> Sample:
    headers = {"Accept-Encoding": ACCEPT_ENCODING}
    started = time.perf_counter()
    if request.body is None:
        call = http.get(base_url + request.page, cookies=request.cookies, headers=headers)
    else:
        headers["Content-Type"] = "application/json"
        call = http.post(
            base_url + "/_dash-update-component",
            data=bodies[id(request)],
            cookies=request.cookies,
            headers=headers,
        )
    try:
        async with call as response:
            content = await response.read()
            status = response.status
            timing = response.headers.get("Server-Timing", "")
    except (aiohttp.ClientError, TimeoutError):
        return Sample(request.name, 0, (time.perf_counter() - started) * 1000, None, 0, [])
    elapsed = (time.perf_counter() - started) * 1000
    server = SERVER_TIMING.search(timing)
    cache = CACHE_TIMING.search(timing)
    return Sample(
        name=request.name,
        status=status,
        round_trip_ms=elapsed,
        server_ms=float(server.group(1)) if server else None,
        response_bytes=len(content),
        figure_bytes=[],
        cache_hits=int(cache.group(1)) if cache else 0,
        cache_misses=int(cache.group(2)) if cache else 0,
    )
