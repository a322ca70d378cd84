"""Uploaded files waiting for their confirmation, kept on the server under a random token bound to
the viewer who sent them: saved, taken once (by the load that confirms them) or dropped, and
forgotten after a day.

Kept apart from the data page's wiring (`callbacks.data_page`): the one place that reads and
writes these files, so that nothing the browser sends back is ever taken for one.
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path

from callbacks.context import resources
from data.access import Viewer

PENDING_DIR = "imports-en-attente"
PENDING_MAX_AGE = 24 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def pending_dir() -> Path:
    path = Path(resources().settings.instance_path) / PENDING_DIR
    path.mkdir(parents=True, exist_ok=True)
    return path


def binding(viewer: Viewer) -> dict:
    return {"role": viewer.role, "partner": viewer.partner_slug, "email": viewer.email}


def save_pending(content: bytes, meta: dict) -> str:
    directory = pending_dir()
    now = time.time()
    for old in directory.glob("*.json"):  # forgotten uploads do not pile up
        if now - old.stat().st_mtime > PENDING_MAX_AGE:
            old.unlink(missing_ok=True)
            old.with_suffix(".bin").unlink(missing_ok=True)
    for old in directory.glob("*.chargement"):  # a load whose process died
        if now - old.stat().st_mtime > PENDING_MAX_AGE:
            old.unlink(missing_ok=True)
    token = secrets.token_urlsafe(32)
    (directory / f"{token}.bin").write_bytes(content)
    (directory / f"{token}.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def take_pending(token: object, viewer: Viewer) -> tuple[Path, dict] | None:
    """The upload behind `token` if it belongs to this viewer; it is used once (its file is
    moved aside for the job that loads it, which deletes it when done)."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    directory = pending_dir()
    meta_path, data_path = directory / f"{token}.json", directory / f"{token}.bin"
    if not meta_path.is_file() or not data_path.is_file():
        return None
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("viewer") != binding(viewer):
        return None
    taken = directory / f"{token}.chargement"
    data_path.replace(taken)
    meta_path.unlink(missing_ok=True)
    return taken, meta


def drop_pending(token: object, viewer: Viewer) -> None:
    taken = take_pending(token, viewer)
    if taken is not None:
        taken[0].unlink(missing_ok=True)


def remember_kind(token: object, viewer: Viewer, kind: str | None) -> None:
    """The kind found by the check is the one the load uses."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return
    meta_path = pending_dir() / f"{token}.json"
    if meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("viewer") == binding(viewer):
            meta["kind"] = kind
            meta_path.write_text(json.dumps(meta), encoding="utf-8")
