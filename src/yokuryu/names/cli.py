"""`yokuryu names A [B]`: show how the engine reads one name, or compares two."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from yokuryu import names
from yokuryu.names.model import ParsedName


def _describe(text: str) -> dict[str, Any]:
    parsed, keys = names.standardise(text)
    return {
        "text": text,
        "script": parsed.script,
        "parts": [_part(p) for p in parsed.parts],
        "keys": [k._asdict() for k in keys],
        "readings": [r._asdict() for r in names.readings(text, limit=5)],
    }


def _part(part: Any) -> dict[str, Any]:
    return {
        "text": part.text,
        "role": part.role,
        "script": part.script,
        "readings": [{"kana": r.kana, "weight": round(r.weight, 4)} for r in part.readings[:5]],
        "cyrillic": names.to_cyrillic(part.best, limit=3) if part.best else [],
        "romaji": names.kana_to_romaji(part.best) if part.best else "",
    }


def _print_name(info: dict[str, Any]) -> None:
    click.echo(f"{info['text']}  [{info['script']}]")
    for part, key in zip(info["parts"], info["keys"], strict=False):
        readings = ", ".join(f"{r['kana']} {r['weight']:.2f}" for r in part["readings"])
        click.echo(f"  {part['role']:<10} {part['text']}: {readings or '(no reading)'}")
        if part["romaji"]:
            click.echo(
                f"  {'':<10} romaji {part['romaji']}, Cyrillic {' / '.join(part['cyrillic'])}"
            )
        click.echo(f"  {'':<10} keys exact={key['exact'] or '-'} coarse={key['coarse'] or '-'}")


def _print_comparison(result: dict[str, Any]) -> None:
    swapped = " (family/given swapped)" if result["swapped"] else ""
    click.echo(f"similarity {result['score']:.3f}{swapped}")
    for part in result["parts"]:
        click.echo(
            f"  {part['a']} ~ {part['b']}: {part['reading_a']} ~ {part['reading_b']} "
            f"score {part['score']:.3f}"
        )
        for step in part["steps"]:
            if step["op"] != "match":
                click.echo(
                    f"    {step['op']:<10} {step['a'] or '-'} → {step['b'] or '-'} "
                    f"cost {step['cost']:.2f}"
                )


@click.command("names")
@click.argument("name_a")
@click.argument("name_b", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def names_command(name_a: str, name_b: str | None, as_json: bool) -> None:
    """Read a name in any script (kanji, kana, romaji, Cyrillic), or compare two.

    Example: yokuryu names "Сато Хироси" "佐藤 博"
    """
    described = [_describe(t) for t in (name_a, name_b) if t is not None]
    result: dict[str, Any] = {"names": described}
    if name_b is not None:
        result["comparison"] = asdict(names.explain(name_a, name_b))
    if as_json:
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    for info in described:
        _print_name(info)
    if "comparison" in result:
        _print_comparison(result["comparison"])


__all__ = ["ParsedName", "names_command"]
