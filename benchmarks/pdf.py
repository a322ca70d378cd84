"""Time and memory per PDF of a partner page (`/partenaires/<slug>.pdf`), as the app makes it:
its worker starts a headless Chromium, which reads the page from the other worker and prints it.

Memory is the peak of everything the app's processes started for the PDF (the Playwright driver
and Chromium's processes), their shared pages counted once (PSS), sampled every 50 ms from /proc
while the PDF is made, plus how much the worker itself grew."""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import requests

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class PdfMeasure:
    path: str
    pdfs: int
    errors: int
    bytes: int
    seconds_p50: float
    seconds_max: float
    peak_renderer_mb: float  # the started processes (driver and Chromium), summed, at their peak
    worker_growth_mb: float  # the workers' resident size after, minus before


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _descendants(pids: list[int]) -> list[int]:
    seen, todo = [], list(pids)
    while todo:
        for child in _children(todo.pop()):
            if child not in seen:
                seen.append(child)
                todo.append(child)
    return seen


def _rss_mb(pids: list[int]) -> float:
    """Their memory, shared pages divided among the processes sharing them (PSS): Chromium's
    processes share most of their libraries, and adding up their RSS would count them six
    times over. RSS where PSS cannot be read."""
    total = 0
    for pid in pids:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
            total += next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
            continue
        except (OSError, StopIteration):
            pass
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


class _PeakSampler(threading.Thread):
    def __init__(self, roots: list[int]) -> None:
        super().__init__(daemon=True)
        self.roots, self.peak, self.stopped = roots, 0.0, threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            self.peak = max(self.peak, _rss_mb(_descendants(self.roots)))
            time.sleep(SAMPLE_SECONDS)


def measure(server, path: str, repeat: int = 3) -> PdfMeasure:
    """`repeat` PDFs of `path`, one after the other."""
    workers = server.worker_pids()
    before = sum(server.worker_rss_mb())
    durations, errors, size = [], 0, 0
    sampler = _PeakSampler(workers)
    sampler.start()
    try:
        for _ in range(repeat):
            started = time.perf_counter()
            response = requests.get(server.url + path, timeout=180)
            durations.append(time.perf_counter() - started)
            ok = response.status_code == 200 and response.content.startswith(b"%PDF")
            errors += 0 if ok else 1
            size = len(response.content) if ok else size
    finally:
        sampler.stopped.set()
        sampler.join()
    return PdfMeasure(
        path=path,
        pdfs=repeat,
        errors=errors,
        bytes=size,
        seconds_p50=round(statistics.median(durations), 2),
        seconds_max=round(max(durations), 2),
        peak_renderer_mb=round(sampler.peak, 1),
        worker_growth_mb=round(sum(server.worker_rss_mb()) - before, 1),
    )
