"""Shipped scenario files (YAML); see docs/simulate.md."""
