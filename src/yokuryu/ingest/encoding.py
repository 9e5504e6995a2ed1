"""Detecting a list's text encoding from a sample of its bytes, and refusing binary files.

Archive lists arrive as UTF-8 (with or without BOM), UTF-16 (Excel's "Unicode text"),
cp1251 or KOI8-R (Russian), cp932/Shift_JIS or EUC-JP (Japanese). The single-byte
Cyrillic encodings decode any byte, so detection scores how plausible each decoding is.
"""

from __future__ import annotations

import codecs
import math
import unicodedata
from dataclasses import dataclass

from yokuryu.config import setting
from yokuryu.errors import UnreadableFile

CANDIDATES = ("cp1251", "koi8_r", "cp932", "euc_jp")
# An encoding is ruled out when more than half the lines with non-ASCII text fail in it.
WRONG_ENCODING_SHARE = 0.5
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Relative frequency (per mille) of Russian letters in running text; names of Japanese
# people in Cyrillic use the same common letters (а, о, и, с, т, к, р, м, н, х).
_RUSSIAN_LETTERS = {
    "о": 110,
    "е": 85,
    "а": 80,
    "и": 73,
    "н": 67,
    "т": 63,
    "с": 55,
    "р": 47,
    "в": 45,
    "л": 44,
    "к": 35,
    "м": 32,
    "д": 30,
    "п": 28,
    "у": 26,
    "я": 20,
    "ы": 19,
    "ь": 17,
    "г": 17,
    "з": 16,
    "б": 16,
    "ч": 15,
    "й": 12,
    "х": 10,
    "ж": 9,
    "ш": 7,
    "ю": 6,
    "ц": 5,
    "щ": 4,
    "э": 3,
    "ф": 3,
    "ъ": 1,
    "ё": 2,
}


@dataclass(frozen=True)
class DetectedEncoding:
    name: str
    detected: bool  # False when the caller declared it


def _char_log_weight(ch: str) -> float:
    """How likely a character is in an archive list (log scale; higher is likelier)."""
    code = ord(ch)
    if code < 128:
        return 0.0 if ch.isprintable() or ch in "\r\n\t" else -8.0
    lower = ch.lower()
    if lower in _RUSSIAN_LETTERS:
        return math.log(_RUSSIAN_LETTERS[lower] / 1000) + (0.0 if ch == lower else -0.7)
    if 0x3041 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0x3000 <= code <= 0x303F:
        return -2.0
    if 0xFF01 <= code <= 0xFF5E:
        return -4.0
    if unicodedata.category(ch).startswith(("L", "N")):
        return -7.0
    return -9.0


def plausibility(text: str) -> float:
    """Mean log-weight of the non-ASCII characters (0 when there are none)."""
    scored = [_char_log_weight(ch) for ch in text if ord(ch) >= 128]
    return sum(scored) / len(scored) if scored else 0.0


def _trim_to_line(sample: bytes, complete: bool) -> bytes:
    """Cut a sample at its last newline so a multi-byte character is never split."""
    if complete:
        return sample
    cut = sample.rfind(b"\n")
    return sample[: cut + 1] if cut > 0 else sample


def _refuse_binary(sample: bytes, lines: list[bytes], file_name: str) -> None:
    if sample.startswith(b"PK\x03\x04"):
        raise UnreadableFile(
            f"{file_name} is a zip container (probably an .xlsx workbook); "
            "give it an .xlsx name or set `format: xlsx` in the mapping."
        )
    # Text lists hold no NUL bytes (a damaged row or two aside); images, PDFs, databases
    # and word-processor files are full of them.
    with_nul = sum(1 for line in lines if b"\x00" in line)
    if with_nul and with_nul / max(1, len(lines)) > float(setting("max_bad_decode_share")):
        raise UnreadableFile(
            f"{file_name} looks like a binary file, not a text list ({sample.count(0)} NUL "
            f"bytes in the first {len(sample)}); export it as CSV, or as UTF-16 text with its BOM."
        )


def _strict_decodes(sample: bytes, encoding: str) -> bool:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def bad_line_share(lines: list[bytes], encoding: str) -> float:
    """Share of the lines holding non-ASCII bytes that do not decode in `encoding`.

    A list in the wrong encoding fails on most lines that are not plain ASCII; a list in
    the right one may still hold a few damaged rows, which are quarantined one by one.
    """
    non_ascii = [line for line in lines if not line.isascii()]
    if not non_ascii:
        return 0.0
    return sum(1 for line in non_ascii if not _strict_decodes(line, encoding)) / len(non_ascii)


def _ruled_out(lines: list[bytes], encoding: str) -> bool:
    return bad_line_share(lines, encoding) > WRONG_ENCODING_SHARE


def best_guess(sample: bytes) -> str:
    """The most plausible legacy encoding of bytes that are not UTF-8."""
    lines = sample.splitlines()
    scores = {
        name: plausibility(sample.decode(name, errors="replace"))
        for name in CANDIDATES
        if not _ruled_out(lines, name)
    }
    if not scores:
        return "cp1251"
    return max(scores, key=lambda n: scores[n])


def _first_bad_byte(sample: bytes, encoding: str) -> str:
    try:
        sample.decode(encoding)
    except UnicodeDecodeError as exc:
        return f"byte 0x{sample[exc.start]:02X} at offset {exc.start}"
    return "no bad byte in the sample"


def _check_declared(sample: bytes, lines: list[bytes], declared: str, file_name: str) -> str:
    name = codecs.lookup(declared).name
    if _ruled_out(lines, name):
        guess = "utf-8" if bad_line_share(lines, "utf-8") == 0 else best_guess(sample)
        share = bad_line_share(lines, name)
        raise UnreadableFile(
            f"{file_name} is not valid {declared} ({_first_bad_byte(sample, name)}; "
            f"{share:.0%} of the lines with non-ASCII text fail); it looks like {guess} — "
            f"pass --encoding {guess} or fix the mapping."
        )
    return name


def detect_encoding(
    sample: bytes, file_name: str, declared: str | None = None, complete: bool = False
) -> DetectedEncoding:
    """The encoding to read a file with, from its first bytes.

    Raises UnreadableFile for binary content, or when a declared encoding cannot be
    right for these bytes (a cp1251 file declared UTF-8), naming the likely one. A few
    damaged lines do not decide: their rows are quarantined when the file is read.
    """
    for bom, name in _BOMS:
        if sample.startswith(bom):
            return DetectedEncoding(name, detected=declared is None)
    sample = _trim_to_line(sample, complete)
    lines = sample.splitlines()
    _refuse_binary(sample, lines, file_name)
    if declared is not None:
        return DetectedEncoding(_check_declared(sample, lines, declared, file_name), False)
    if not _ruled_out(lines, "utf-8"):
        return DetectedEncoding("utf-8", detected=True)
    return DetectedEncoding(best_guess(sample), detected=True)
