"""``python -m graphbuild`` runs the CLI."""
from .cli import cli

if __name__ == "__main__":  # importing the module (pytest --doctest-modules) runs nothing
    cli(prog_name="graphbuild")
