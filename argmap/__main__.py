"""``python -m argmap`` runs the command line."""

from argmap.cli import main

main(prog_name="argmap")
