"""The app under gunicorn, as it runs in production: started, waited for, measured, stopped."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from dashboard.settings import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class GunicornServer:
    """`gunicorn dashboard.wsgi:server`, debug off, on a given store: with the project's
    gunicorn.conf.py, or with the workers, worker class and threads given."""

    def __init__(
        self,
        database_url: str,
        workers: int | None = None,
        redis_url: str | None = None,
        extra_env: dict[str, str] | None = None,
        worker_class: str | None = None,
        threads: int | None = None,
        app_root: Path | None = None,
    ) -> None:
        # The project's folder whose app is run (another version of it, for a before / after).
        self.app_root = Path(app_root or PROJECT_ROOT)
        self.database_url = database_url
        self.workers = workers or gunicorn_setting("workers", 1, self.app_root)
        self.worker_class = worker_class
        self.threads = threads
        self.redis_url = redis_url
        self.extra_env = extra_env or {}
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None
        self._instance = tempfile.TemporaryDirectory(prefix="bench-instance-")
        # Closed in __exit__: the server's output, shown if it fails to start.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115

    def __enter__(self) -> GunicornServer:
        env = {
            **os.environ,
            "DATABASE_URL": self.database_url,
            "DEMOCRATIC_INSTANCE_PATH": self._instance.name,
            "DEMOCRATIC_DEBUG": "0",
            "SECRET_KEY": "benchmark-only-secret",
            "PYTHONPATH": str(self.app_root),
            **self.extra_env,
        }
        env.pop("REDIS_URL", None)
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(self.workers),
            *(["--worker-class", self.worker_class] if self.worker_class else []),
            *(["--threads", str(self.threads)] if self.threads else []),
            "--bind",
            f"127.0.0.1:{self.port}",
            # gunicorn 27 otherwise opens one control socket shared by every gunicorn here.
            "--no-control-socket",
            "--timeout",
            "120",
            "dashboard.wsgi:server",
        ]
        self.process = subprocess.Popen(
            command, cwd=self.app_root, env=env, stdout=self._log, stderr=subprocess.STDOUT
        )
        self._wait_until_ready()
        return self

    def _wait_until_ready(self, timeout: float = 180) -> None:
        # Generous: on a machine shared with other work, importing the app took over a minute.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn s'est arrêté au démarrage :\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.url + "/_dash-dependencies", timeout=5):
                    pass
                if len(self.worker_pids()) >= self.workers:
                    return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn n'a pas répondu en {timeout:.0f} s :\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        self._log.seek(0)
        return "\n".join(self._log.read().decode(errors="replace").splitlines()[-lines:])

    def worker_pids(self) -> list[int]:
        if self.process is None:
            return []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        try:
            return [int(pid) for pid in children.read_text().split()]
        except OSError:
            return []

    def worker_rss_mb(self) -> list[float]:
        """Resident memory of each worker (VmRSS), in MB."""
        sizes = [rss_mb(pid) for pid in self.worker_pids()]
        return [size for size in sizes if size is not None]

    def cpu_seconds(self) -> float:
        """CPU time (user and system) used so far by the master and its live workers."""
        return sum(_cpu_seconds(pid) for pid in [self.process.pid, *self.worker_pids()])

    def describe(self) -> str:
        worker_class = self.worker_class or gunicorn_setting("worker_class", "sync", self.app_root)
        threads = self.threads or gunicorn_setting("threads", 1, self.app_root)
        return f"{self.workers} workers {worker_class}" + (
            f" × {threads} fils" if threads > 1 else ""
        )

    def __exit__(self, *exc) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()
        self._instance.cleanup()


def gunicorn_setting(name: str, default, app_root: Path = PROJECT_ROOT):
    """A setting of the project's gunicorn.conf.py (what `gunicorn dashboard.wsgi:server` runs
    with), read without starting gunicorn."""
    import ast

    tree = ast.parse((app_root / "gunicorn.conf.py").read_text())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            try:
                return ast.literal_eval(node.value)
            except ValueError:
                return default
    return default


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime, the 14th and 15th fields of the line (after the command's name).
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
