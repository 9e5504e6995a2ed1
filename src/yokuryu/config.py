"""Every setting, declared once: name, default, help.

A setting is read from the environment as ``YOKURYU_<NAME>`` (upper case) when set,
otherwise its default applies.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env_var(self) -> str:
        return f"YOKURYU_{self.name.upper()}"

    def value(self) -> str:
        return os.environ.get(self.env_var, self.default)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in [
        Setting("archive", "archive", "Folder holding registry.db and run artefacts."),
        Setting("user", "", "Who is acting, recorded in the audit trail (default: OS user)."),
        Setting(
            "sniff_bytes",
            "1048576",
            "Bytes read from the start of a file to detect its encoding and delimiter.",
        ),
        Setting(
            "max_bad_decode_share",
            "0.02",
            "Share of rows with undecodable bytes (at least 5 of them) above which a file "
            "is refused as being in the wrong encoding, and of lines with NUL bytes above "
            "which it is refused as binary.",
        ),
        Setting(
            "link_memory_limit",
            "",
            "DuckDB's memory limit when linking (e.g. 8GB); above it DuckDB spills to a "
            "temporary folder. Default: a third of the machine's memory.",
        ),
        Setting(
            "public_after_years",
            "110",
            "A person born more than this many years ago may be shown publicly.",
        ),
    ]
}


def setting(name: str) -> str:
    """The current value of a declared setting."""
    return SETTINGS[name].value()


def default_archive() -> Path:
    """The archive folder: ``$YOKURYU_ARCHIVE`` or ``./archive``."""
    return Path(setting("archive"))


def acting_user() -> str:
    """Who the audit trail records for CLI actions."""
    explicit = setting("user")
    if explicit:
        return explicit
    return os.environ.get("USER") or os.environ.get("LOGNAME") or "unknown"
