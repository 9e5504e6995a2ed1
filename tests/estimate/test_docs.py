"""docs/estimate.md documents every option of `yokuryu estimate` and every scope rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from yokuryu.estimate.cli import estimate_command
from yokuryu.estimate.scope import SCOPE_RULES

DOC = (Path(__file__).parents[2] / "docs" / "estimate.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("option", [p.opts[0] for p in estimate_command.params])
def test_every_option_is_documented(option: str) -> None:
    assert f"`{option}" in DOC


def test_help_has_an_example() -> None:
    assert "Examples:" in (estimate_command.help or "")
    assert "yokuryu estimate --table" in (estimate_command.help or "")


@pytest.mark.parametrize("kind", sorted({k for rules in SCOPE_RULES.values() for k in rules}))
def test_every_record_kind_has_its_scope_rule_documented(kind: str) -> None:
    assert f"| `{kind}` |" in DOC
