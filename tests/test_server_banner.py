"""No `Server` header naming the software or its version, under the two servers the project
runs: gunicorn (production) and Werkzeug's (`democratic serve`). Real processes, real sockets."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dashboard.settings import PROJECT_ROOT
from data.reference_loading import load_reference
from data.store import make_engine, transaction, upgrade

# Asked of each server: a page, an unknown page, a refused callback, a method not allowed.
REQUESTS = [
    ("GET", "/", None, 200),
    ("GET", "/nulle-part", None, 404),
    ("POST", "/_dash-update-component", "pas du json", 400),
    ("DELETE", "/connexion", None, 405),
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def store_env(tmp_path: Path, sqlite_url: str) -> dict[str, str]:
    engine = make_engine(sqlite_url)
    upgrade(engine)
    with transaction(engine) as session:
        load_reference(session)
    engine.dispose()
    env = {**os.environ, "DATABASE_URL": sqlite_url}
    env["DEMOCRATIC_INSTANCE_PATH"] = str(tmp_path / "instance")
    env.pop("REDIS_URL", None)
    return env


def _wait_until_listening(process: subprocess.Popen, port: int) -> None:
    """Readiness only (no timing is asserted): the process answers, or it died and says why."""
    for _ in range(600):
        if process.poll() is not None:
            raise AssertionError(process.stderr.read().decode(errors="replace")[-2000:])
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise AssertionError("the server never listened")


def _start(command: list[str], env: dict[str, str], port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        command, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_until_listening(process, port)
    except BaseException:
        process.kill()
        process.wait(timeout=30)
        raise
    return process


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=30)


def _assert_no_banner(port: int) -> None:
    for method, path, body, status in REQUESTS:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        connection.close()
        assert response.status == status, (method, path)
        assert response.getheader("Server") is None, (path, response.getheader("Server"))
        assert "Content-Security-Policy" in response.headers  # the app itself answered
    # A request the server refuses before the app sees it (a header line far too long).
    with socket.create_connection(("127.0.0.1", port), timeout=60) as raw:
        raw.sendall(b"GET / HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 70_000 + b"\r\n\r\n")
        answer = b""
        while chunk := raw.recv(65536):
            answer += chunk
    assert answer.startswith(b"HTTP/1."), answer[:200]
    head = answer.split(b"\r\n\r\n")[0].lower()
    assert b"\r\nserver:" not in head, head


def test_gunicorn_sends_no_server_banner(store_env):
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--no-control-socket",
        "--config",
        "gunicorn.conf.py",
        "--workers",
        "1",
        "--bind",
        f"127.0.0.1:{port}",
        "dashboard.wsgi:server",
    ]
    process = _start(command, store_env, port)
    try:
        _assert_no_banner(port)
    finally:
        _stop(process)


def test_democratic_serve_sends_no_server_banner(store_env):
    port = _free_port()
    command = [sys.executable, "-m", "dashboard.cli", "serve", "--port", str(port)]
    process = _start(command, store_env, port)
    try:
        _assert_no_banner(port)
    finally:
        _stop(process)
