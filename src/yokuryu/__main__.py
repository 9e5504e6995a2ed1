"""`python -m yokuryu` runs the CLI."""

from yokuryu.cli import main

main()
