"""Settings, read from the environment once, then injected into the app factory."""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from data.cache import store_identity

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCE = PROJECT_ROOT / "instance"


def default_database_url(instance_path: Path) -> str:
    return f"sqlite:///{instance_path / 'democratic.sqlite3'}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    instance_path: Path = DEFAULT_INSTANCE
    secret_key: str = field(default="", repr=False)
    # Public URL of the dashboard, shown as a QR code in the presentation mode when set.
    public_url: str = ""
    # Seconds between slides in the presentation mode, and between refreshes of its figures.
    slide_interval: int = 20
    slide_refresh: int = 300
    # Theme of the presentation mode: "clair" (light) or "sombre" (dark), for the room's lighting.
    slide_theme: str = "clair"
    # Whether the published pages are open to everyone or need an account.
    public_access: bool = True
    # Largest accepted upload, in bytes.
    max_upload_bytes: int = 20 * 1024 * 1024
    # Longest accepted file, in data rows: refused before any row is checked.
    max_upload_rows: int = 1_000_000
    # Seconds a request waits for its check or load before handing it to the progress bar.
    upload_wait_seconds: float = 5.0
    # Accounts: a session ends after this long without a request, and this long after login.
    session_idle_minutes: int = 30
    session_max_hours: int = 12
    # Counts about young people below this are shown as "< N" to the public.
    small_count_threshold: int = 5
    debug: bool = False
    # Redis shared by every app process (aggregate cache); empty: each process keeps its own.
    redis_url: str = ""
    # Keeps apart the entries of different stores sharing one Redis.
    cache_prefix: str = ""
    # PDF of a partner page (dashboard/pdf.py): the headless Chromium the server starts, how
    # long one PDF may take, and the address it reads the app at (default: the socket the
    # request came in on, never the Host header a client sends).
    chromium_path: str = ""
    pdf_timeout_seconds: int = 30
    pdf_base_url: str = ""
    # Scheduled digest (data/digest.py): the SMTP server and the sender's address.
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_starttls: bool = False
    mail_from: str = ""

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        instance = Path(env.get("DEMOCRATIC_INSTANCE_PATH", str(DEFAULT_INSTANCE)))
        return cls(
            database_url=env.get("DATABASE_URL") or default_database_url(instance),
            instance_path=instance,
            secret_key=env.get("SECRET_KEY", ""),
            public_url=env.get("DEMOCRATIC_PUBLIC_URL", ""),
            slide_interval=_int(env, "DEMOCRATIC_SLIDE_INTERVAL", 20),
            slide_refresh=_int(env, "DEMOCRATIC_SLIDE_REFRESH", 300),
            slide_theme=env.get("DEMOCRATIC_SLIDE_THEME", "clair"),
            public_access=env.get("DEMOCRATIC_PUBLIC_ACCESS", "1") not in ("0", "false", "non"),
            max_upload_bytes=_int(env, "DEMOCRATIC_MAX_UPLOAD_MB", 20) * 1024 * 1024,
            max_upload_rows=_int(env, "DEMOCRATIC_MAX_UPLOAD_ROWS", 1_000_000),
            upload_wait_seconds=_int(env, "DEMOCRATIC_UPLOAD_WAIT_SECONDS", 5),
            session_idle_minutes=_int(env, "DEMOCRATIC_SESSION_IDLE_MINUTES", 30),
            session_max_hours=_int(env, "DEMOCRATIC_SESSION_MAX_HOURS", 12),
            small_count_threshold=_int(env, "DEMOCRATIC_SMALL_COUNT_THRESHOLD", 5),
            debug=env.get("DEMOCRATIC_DEBUG", "0") in ("1", "true"),
            redis_url=env.get("REDIS_URL", ""),
            cache_prefix=env.get("DEMOCRATIC_CACHE_PREFIX", ""),
            chromium_path=env.get("DEMOCRATIC_CHROMIUM", ""),
            pdf_timeout_seconds=_int(env, "DEMOCRATIC_PDF_TIMEOUT", 30),
            pdf_base_url=env.get("DEMOCRATIC_PDF_BASE_URL", ""),
            smtp_host=env.get("DEMOCRATIC_SMTP_HOST", ""),
            smtp_port=_int(env, "DEMOCRATIC_SMTP_PORT", 25),
            smtp_user=env.get("DEMOCRATIC_SMTP_USER", ""),
            smtp_password=env.get("DEMOCRATIC_SMTP_PASSWORD", ""),
            smtp_starttls=env.get("DEMOCRATIC_SMTP_STARTTLS", "0") in ("1", "true", "oui"),
            mail_from=env.get("DEMOCRATIC_MAIL_FROM", ""),
        )

    def display_key(self) -> str:
        """The settings that change what a page shows, for the keys of cached pages: processes
        sharing one cache (several hosts) agree on it whatever their paths or secrets."""
        return repr(
            (
                self.public_url,
                self.slide_interval,
                self.slide_refresh,
                self.slide_theme,
                self.public_access,
                self.max_upload_bytes,
                self.small_count_threshold,
            )
        )

    def resolved_cache_prefix(self) -> str:
        if self.cache_prefix:
            return self.cache_prefix
        # Named by the store, never by its password.
        digest = hashlib.sha256(store_identity(self.database_url).encode()).hexdigest()[:12]
        return f"democratic:{digest}"

    def resolved_secret_key(self) -> str:
        """The session secret: from the environment, else generated once and kept in instance/."""
        if self.secret_key:
            return self.secret_key
        path = self.instance_path / "secret_key"
        if not path.exists():
            self.instance_path.mkdir(parents=True, exist_ok=True)
            # Written private to a temporary file, then linked into place: the key is never
            # readable by other users, and two workers starting together agree on one key (the
            # link fails for the second, which then reads the first's).
            temporary = path.with_name(f".secret_key.{os.getpid()}.{secrets.token_hex(4)}")
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w") as handle:
                handle.write(secrets.token_hex(32))
            try:
                os.link(temporary, path)
            except FileExistsError:
                pass
            finally:
                temporary.unlink()
        key = path.read_text().strip()
        if len(key) < 32:
            raise ValueError(
                f"La clé de session de {path} est vide ou trop courte : supprimez ce fichier "
                "pour en générer une nouvelle, ou définissez SECRET_KEY."
            )
        return key


def _int(env, name: str, default: int) -> int:
    raw = env.get(name, "")
    try:
        return int(raw) if raw else default
    except ValueError as error:
        raise ValueError(f"{name} doit être un nombre entier (reçu : {raw!r}).") from error
