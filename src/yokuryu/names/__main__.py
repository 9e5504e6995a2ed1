"""`python -m yokuryu.names`: build the reading index now (run by `make setup`)."""

from yokuryu.names.index import main

main()
