"""Manifests: several lists with their mappings, imported in one command."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from yokuryu.errors import MappingError
from yokuryu.ingest.mapping import Mapping, load_mapping


@dataclass(frozen=True)
class ManifestEntry:
    path: Path
    mapping: Mapping
    encoding: str | None


def _entry(item: object, base: Path, number: int, problems: list[str]) -> ManifestEntry | None:
    if not isinstance(item, dict) or "path" not in item or "mapping" not in item:
        problems.append(f"entry {number} needs 'path' and 'mapping'")
        return None
    path = base / str(item["path"])
    if not path.is_file():
        problems.append(f"entry {number}: file {path} does not exist")
    try:
        mapping = load_mapping(base / str(item["mapping"]))
    except MappingError as exc:
        problems.append(f"entry {number}: {exc}")
        return None
    encoding = item.get("encoding")
    return ManifestEntry(path, mapping, str(encoding) if encoding else None)


def load_manifest(path: Path) -> list[ManifestEntry]:
    """Read a manifest and check every file and mapping in it before anything is imported.

    Format: ``{"files": [{"path": "cards.csv", "mapping": "cards.yaml", "encoding": "cp1251"}]}``,
    paths relative to the manifest; other top-level keys are ignored.
    """
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise MappingError(f"Manifest {path} does not exist.") from None
    except json.JSONDecodeError as exc:
        raise MappingError(
            f"Manifest {path} is not valid JSON ({exc.msg}, line {exc.lineno})."
        ) from None
    files = raw.get("files") if isinstance(raw, dict) else None
    if not isinstance(files, list) or not files:
        raise MappingError(f"Manifest {path} needs a non-empty 'files' list.")
    problems: list[str] = []
    entries = [_entry(item, Path(path).parent, n, problems) for n, item in enumerate(files, 1)]
    if problems:
        raise MappingError(f"Manifest {path}: " + "; ".join(problems) + ".")
    return [e for e in entries if e is not None]
