"""The ``graphbuild`` command line: thin commands over the Python API.

Each command parses its options and calls one library function; user errors
become one line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import api
from .errors import GraphbuildError, InputError

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
RDF_FORMATS = ["turtle", "nt", "json-ld"]
EXIT_SOME_INPUTS_FAILED = 1


class Errors:
    """Collects per-input errors: each is reported at once, the batch goes on."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, err: InputError) -> None:
        self.count += 1
        click.echo(f"error: {err}", err=True)

    def exit_code(self) -> int:
        if self.count:
            click.echo(f"{self.count} input(s) could not be read; the others were processed.", err=True)
            return EXIT_SOME_INPUTS_FAILED
        return 0


def _progress(label: str):
    """A tqdm bar on stderr, shown only on a terminal (auto-disabled otherwise)."""
    from tqdm import tqdm

    return lambda docs: tqdm(docs, desc=label, unit="doc", file=sys.stderr, disable=None, leave=False)


def _guard(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except GraphbuildError as e:
        raise click.ClickException(str(e)) from None


inputs_argument = click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
codebook_option = click.option("--codebook", "-c", type=click.Path(path_type=Path),
                               help="Claim codebook YAML (default: codebook.yaml in an input folder).")


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="graphbuild")
def cli() -> None:
    """Map who argues what: actor-stance-claim statements from news and op-eds."""


@cli.command()
@inputs_argument
@codebook_option
@click.option("--out", "-o", "out_dir", default="out", show_default=True, type=click.Path(path_type=Path),
              help="Directory for graph, statements.jsonl and map.html.")
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), default="turtle", show_default=True,
              help="RDF serialisation of the graph file.")
@click.option("--map/--no-map", "map_file", default=True, help="Also render map.html.")
def build(inputs, codebook, out_dir, fmt, map_file):
    """Extract statements from INPUTS and write the graph, statements and map.

    \b
    Example:
        graphbuild build seeds/ --out out/
        graphbuild build corpus.jsonl.gz --codebook claims.yaml --format nt
    """
    errors = Errors()
    result = _guard(api.build, list(inputs), out_dir, codebook=codebook, fmt=fmt, on_error=errors,
                    progress=_progress("extracting"), map_file=map_file)
    rows = result.summary()
    click.echo(f"{len(result.documents)} documents, {len(result.statements)} statements")
    if rows:
        width = max(len(r[0]) for r in rows)
        cwidth = max(len(r[1]) for r in rows)
        click.echo(f"{'actor':<{width}}  {'stance':<8}  {'claim':<{cwidth}}  n")
        for actor, claim, stance, n in rows:
            click.echo(f"{actor:<{width}}  {stance:<8}  {claim:<{cwidth}}  {n}")
    for kind, path in result.files.items():
        click.echo(f"wrote {kind}: {path}")
    sys.exit(errors.exit_code())


@cli.command()
@inputs_argument
@codebook_option
def extract(inputs, codebook):
    """Print statements as JSON lines (FORMAT.md §3), one per actor-claim-stance.

    \b
    Example:
        graphbuild extract seeds/ --codebook seeds/codebook.yaml > statements.jsonl
    """
    errors = Errors()
    book = _guard(api.resolve_codebook, codebook, list(inputs))
    stream = api.read_documents(inputs, on_error=errors)
    for statement in _guard(lambda: list(api.extract_statements(_progress("extracting")(stream), book))):
        click.echo(json.dumps(statement.to_json(), ensure_ascii=False))
    sys.exit(errors.exit_code())


@cli.command()
@inputs_argument
def attributions(inputs):
    """Print who-said-what spans as JSON lines (FORMAT.md §5).

    \b
    Example:
        graphbuild attributions ../shared/data/polnear/dev.jsonl > attributions.jsonl
    """
    errors = Errors()
    stream = api.read_documents(inputs, on_error=errors)
    for attribution in _guard(lambda: list(api.find_attributions(_progress("attributing")(stream)))):
        click.echo(json.dumps(attribution.to_json(), ensure_ascii=False))
    sys.exit(errors.exit_code())


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "-f", "query_file", type=click.Path(exists=True, path_type=Path),
              help="Read the query from a file, e.g. queries/who-supports.rq.")
@click.option("--graph", "-g", "graph_file", required=True, type=click.Path(exists=True, path_type=Path),
              help="Graph file to query (.ttl, .nt, .jsonld).")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE as an RDF literal (<…> for an IRI); repeatable.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def query(sparql, query_file, graph_file, params, fmt):
    """Run a SPARQL query against a graph.

    \b
    Example:
        graphbuild query --file queries/who-supports.rq --param claimId=russia-dissolution --graph out/graph.ttl
        graphbuild query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --graph out/graph.ttl
    """
    if bool(sparql) == bool(query_file):
        raise click.UsageError("give a query either as an argument or with --file, not both")
    text = query_file.read_text(encoding="utf-8") if query_file else sparql
    bound = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        bound[name] = value
    result = _guard(api.run_query, graph_file, text, bound)
    click.echo(api.format_result(result, fmt))


@cli.command()
@click.argument("graph_file", type=click.Path(exists=True, path_type=Path))
@click.option("--out", "-o", default="map.html", show_default=True, type=click.Path(path_type=Path),
              help="HTML file to write.")
def render(graph_file, out):
    """Render the interactive HTML map of a graph (works offline).

    \b
    Example:
        graphbuild render out/graph.ttl --out debate.html
    """
    graph = _guard(api.load_graph, graph_file)
    path = _guard(api.render_map, graph, out)
    click.echo(f"wrote map: {path}")


@cli.command()
@click.argument("graph_file", type=click.Path(exists=True, path_type=Path))
def validate(graph_file):
    """Check a graph against the graphbuild SHACL shapes; exit 1 if it does not conform.

    \b
    Example:
        graphbuild validate out/graph.ttl
    """
    result = _guard(api.validate_file, graph_file)
    if result.conforms:
        click.echo(f"{graph_file}: conforms")
        return
    click.echo(result.report, err=True)
    raise click.ClickException(f"{graph_file}: does not conform ({result.violations} violation(s))")


@cli.command()
@click.argument("graph_file", type=click.Path(exists=True, path_type=Path))
def stats(graph_file):
    """Count documents, actors, claims and statements in a graph.

    \b
    Example:
        graphbuild stats out/graph.ttl
    """
    counts = _guard(api.graph_stats, _guard(api.load_graph, graph_file))
    for key, value in counts.items():
        click.echo(f"{key:<12} {value}")


if __name__ == "__main__":  # pragma: no cover
    cli()
