"""The web's settings, declared once (name, default, help), with safe limits.

Each is read from ``YOKURYU_<NAME>`` like the project's other settings; `yokuryu serve`
flags override host and port. :func:`check_secure` refuses to start on insecure
defaults, the way the FastAPI full-stack template refuses a secret left as "changethis".
"""

from __future__ import annotations

import ipaddress
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from yokuryu.config import Setting, setting
from yokuryu.errors import YokuryuError

WEB_SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("host", "127.0.0.1", "Address `yokuryu serve` binds to."),
        Setting("port", "8000", "Port `yokuryu serve` listens on."),
        Setting(
            "secret_key",
            "",
            "Key for session tokens (at least 32 characters). Required when the server "
            "listens on anything but loopback; on loopback a random one is made per start.",
        ),
        Setting("session_hours", "12", "How long a login lasts."),
        Setting("login_attempts", "5", "Failed logins for one name allowed per window."),
        Setting("login_window_minutes", "15", "The window for counting failed logins."),
        Setting("max_query_chars", "200", "Longest search query accepted."),
        Setting("page_size", "25", "Search results per page (the API allows up to 100)."),
        Setting(
            "tile_url",
            "",
            "Optional map tile URL (e.g. a local tile server); empty draws Natural Earth only.",
        ),
        Setting("cookie_secure", "auto", "Mark cookies Secure: auto (not on loopback), yes, no."),
        Setting(
            "refresh_seconds",
            "5",
            "How often (at most) a running server checks for a new linkage run and "
            "rebuilds its search index.",
        ),
    ]
}

_WEAK_SECRETS = {"changethis", "secret", "changeme", "yokuryu", "password"}
MIN_SECRET_CHARS = 32


class InsecureSettings(YokuryuError):
    """The server would start with a setting that exposes the archive."""


def _web(name: str) -> str:
    return WEB_SETTINGS[name].value()


@dataclass(frozen=True)
class WebSettings:
    host: str = field(default_factory=lambda: _web("host"))
    port: int = field(default_factory=lambda: int(_web("port")))
    secret_key: str = field(default_factory=lambda: _web("secret_key"))
    session_hours: float = field(default_factory=lambda: float(_web("session_hours")))
    login_attempts: int = field(default_factory=lambda: int(_web("login_attempts")))
    login_window_minutes: float = field(default_factory=lambda: float(_web("login_window_minutes")))
    max_query_chars: int = field(default_factory=lambda: int(_web("max_query_chars")))
    page_size: int = field(default_factory=lambda: int(_web("page_size")))
    tile_url: str = field(default_factory=lambda: _web("tile_url"))
    cookie_secure: str = field(default_factory=lambda: _web("cookie_secure"))
    refresh_seconds: float = field(default_factory=lambda: float(_web("refresh_seconds")))
    public_after_years: int = field(default_factory=lambda: int(setting("public_after_years")))

    def with_overrides(self, **values: object) -> WebSettings:
        return replace(self, **{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def secure_cookies(self) -> bool:
        if self.cookie_secure in ("yes", "no"):
            return self.cookie_secure == "yes"
        return not self.loopback


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_secure(settings: WebSettings) -> WebSettings:
    """Refuse insecure settings; on loopback fill a missing secret with a random one.

    Raises:
        InsecureSettings: a weak or missing secret key off loopback, or silly limits.
    """
    key = settings.secret_key
    weak = not key or key.lower() in _WEAK_SECRETS or len(key) < MIN_SECRET_CHARS
    if weak and not settings.loopback:
        raise InsecureSettings(
            f"Refusing to listen on {settings.host} without a strong secret key: set "
            f"YOKURYU_SECRET_KEY to at least {MIN_SECRET_CHARS} random characters "
            '(e.g. python -c "import secrets; print(secrets.token_urlsafe(32))").'
        )
    if settings.cookie_secure == "no" and not settings.loopback:
        raise InsecureSettings(
            f"Refusing to send login cookies without Secure on {settings.host}; "
            "unset YOKURYU_COOKIE_SECURE or serve behind HTTPS."
        )
    if not 1 <= settings.max_query_chars <= 1000 or not 1 <= settings.page_size <= 100:
        raise InsecureSettings(
            "YOKURYU_MAX_QUERY_CHARS must be 1-1000 and YOKURYU_PAGE_SIZE 1-100."
        )
    if weak:
        return replace(settings, secret_key=secrets.token_urlsafe(32))
    return settings


def vendor_manifest(static_dir: Path) -> dict[str, str]:
    """Paths of the npm assets installed by scripts/install-web-assets (empty if absent)."""
    import json

    path = static_dir / "vendor" / "manifest.json"
    if not path.exists():
        return {}
    return {k: f"vendor/{v}" for k, v in json.loads(path.read_text(encoding="utf-8")).items()}
