"""The interface in English, Japanese and Russian; the choice is kept in a cookie.

Messages live in ``locales/<lang>.json``; a key missing in one language falls back to
English, and a test checks that every language has every key.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

LANGUAGES = {"en": "English", "ja": "日本語", "ru": "Русский"}
DEFAULT = "en"
COOKIE = "lang"


@cache
def messages(lang: str) -> dict[str, str]:
    text = resources.files("yokuryu.web").joinpath(f"locales/{lang}.json").read_text("utf-8")
    return dict(json.loads(text))


def translator(lang: str):  # type: ignore[no-untyped-def]
    table, fallback = messages(lang), messages(DEFAULT)

    def t(key: str, **values: object) -> str:
        text = table.get(key) or fallback.get(key) or key
        return text.format(**values) if values else text

    return t


def choose(query_lang: str | None, cookie: str | None, accept_language: str | None) -> str:
    """?lang= wins, then the remembered cookie, then the browser's Accept-Language."""
    for candidate in (query_lang, cookie):
        if candidate in LANGUAGES:
            return str(candidate)
    for part in (accept_language or "").split(","):
        code = part.split(";")[0].strip()[:2].lower()
        if code in LANGUAGES:
            return code
    return DEFAULT
