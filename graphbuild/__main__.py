"""``python -m graphbuild`` runs the CLI."""
from .cli import cli

cli(prog_name="graphbuild")
