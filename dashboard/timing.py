"""A `Server-Timing` header on every response: how long the server worked, and how the aggregate
cache answered. Browsers' developer tools show it; the benchmark reads it to separate server time
from client and network time."""

from __future__ import annotations

import time

import flask

from callbacks.answer_cache import outcome
from callbacks.context import cache_stats


def register_server_timing(server: flask.Flask) -> None:
    @server.before_request
    def _start_clock():
        flask.g.server_timing_start = time.perf_counter()

    @server.after_request
    def _add_header(response: flask.Response) -> flask.Response:
        started = flask.g.get("server_timing_start")
        if started is None:
            return response
        parts = [f"app;dur={(time.perf_counter() - started) * 1000:.1f}"]
        stats = cache_stats()
        if stats.hits or stats.misses:
            parts.append(f'aggcache;desc="hits={stats.hits} misses={stats.misses}"')
        answer = outcome()
        if answer:
            # The callback's whole answer: sent from the kept bytes ("hit"), or computed and kept.
            parts.append(f'answer;desc="{answer}"')
        response.headers["Server-Timing"] = ", ".join(parts)
        return response
