"""The ``graphbuild`` command line: thin commands over the public Python API.

Each command parses its options and calls one ``graphbuild`` function. User
errors become one line on stderr and a non-zero exit, never a traceback; a bad
input in a batch is reported on its own line and the others still run (exit 1).

To add a command, decorate a function with ``@cli.command()``, give every
option a ``help=`` and the docstring a ``\\b`` Example block, and call the
library through ``gb`` inside ``_guard`` (tests/test_cli.py checks the help).
"""
from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

# The API is imported on first attribute access, so --help never loads spaCy.
import graphbuild as gb

from .atomic import atomic_open
from .errors import printable
from .rdf.deadline import DEFAULT_TIMEOUT

CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
RDF_FORMATS = ["turtle", "nt", "json-ld"]
RESULT_FORMATS = ["table", "csv", "json"]
MAP_VIEWS = ["claims", "congruence", "conflict"]
EXIT_SOME_INPUTS_FAILED = 1
EXIT_INTERRUPTED = 130  # the shell's code for a run stopped by Ctrl-C (128 + SIGINT)
# Longest document read by default: 3x the longest of 21,000 real news articles,
# and well under spaCy's limit (nlp.max_length, 1,000,000 characters).
DEFAULT_MAX_CHARS = 200_000
# Memory a store query may take: far above what the bundled queries need on a store of
# 20,000 articles, far below what a cartesian product with ORDER BY takes (12.7 GB in 60 s).
DEFAULT_QUERY_MEMORY = 4096


class InputErrors:
    """Reports each unreadable input at once, on one line, and lets the batch go on.

    Used as a context manager it also prints each warning (e.g. invalid UTF-8
    replaced, a document not in English) as one ``Warning:`` line, every time.
    """

    def __init__(self) -> None:
        self.count = 0
        self._warnings = warnings.catch_warnings()

    def __enter__(self) -> "InputErrors":
        self._warnings.__enter__()
        warnings.simplefilter("always", gb.InputWarning)
        warnings.showwarning = lambda message, *_args, **_kw: _echo_err(f"Warning: {message}")
        return self

    def __exit__(self, *exc) -> None:
        self._warnings.__exit__(*exc)

    def __call__(self, err: Exception) -> None:
        self.count += 1
        _echo_err(f"Error: {err}")

    def exit_code(self) -> int:
        """0, or :data:`EXIT_SOME_INPUTS_FAILED` (with a closing line on stderr) when an input failed.

        >>> errors = InputErrors()
        >>> errors.exit_code()
        0
        >>> errors(ValueError("a.txt: not UTF-8")); errors.exit_code() == EXIT_SOME_INPUTS_FAILED
        True
        """
        if self.count:
            _echo_err(f"{self.count} input(s) could not be read; the others were processed.")
            return EXIT_SOME_INPUTS_FAILED
        return 0


def _inputs_exist(inputs) -> None:
    """Stop with one line per input when none of them exists: before a codebook is looked
    for or a model loaded, a mistyped path is the one thing to say (read_documents reports
    a missing input among others, and the rest go on)."""
    if inputs and not any(Path(p).exists() or gb.is_stdin(p) for p in inputs):
        for path in inputs:
            _echo_err(f"Error: {path}: no such file or folder")
        sys.exit(EXIT_SOME_INPUTS_FAILED)


def _echo_err(message: str) -> None:
    from tqdm import tqdm

    # tqdm.write clears a running progress bar first, so the line is not garbled; a file
    # name or id from the input may hold terminal escapes, shown rather than obeyed.
    tqdm.write(printable(message), file=sys.stderr)


def _progress(label: str, inputs=None, limit: int | None = None):
    """Wrap a document stream in a tqdm bar on stderr (shown only on a terminal).

    Given the inputs, the bar counts them first (a quick pass over the files)
    so it can show the rate in documents/s and an ETA.
    """
    from tqdm import tqdm

    def wrap(docs):
        total = None
        if inputs is not None and sys.stderr.isatty():
            total = gb.count_documents(inputs, limit)
        return tqdm(docs, desc=label, unit="doc", file=sys.stderr, disable=None, leave=False, total=total,
                    smoothing=0.05)

    return wrap


def _guard(fn, *args, **kwargs):
    """Call into the library, turning its errors into one-line CLI errors."""
    try:
        return fn(*args, **kwargs)
    except gb.GraphbuildError as e:
        raise click.ClickException(str(e)) from None
    except OSError as e:  # e.g. --out names a file, or a folder we may not write
        raise click.ClickException(f"{e.filename or ''}: {e.strerror or e}".lstrip(": ")) from None


@contextmanager
def _store_warnings():
    """Each :class:`~graphbuild.StoreWarning` (an unfinished store) as one ``Warning:`` line,
    once however many queries a command asks."""
    shown: set[str] = set()

    def show(message, *_args, **_kw) -> None:
        if str(message) not in shown:
            shown.add(str(message))
            _echo_err(f"Warning: {message}")

    with warnings.catch_warnings():
        warnings.simplefilter("always", gb.StoreWarning)
        warnings.showwarning = show
        yield


def _stream_json(rows: Iterable) -> None:
    """Print records as JSON lines as they come, so long runs show output early."""
    iterator: Iterator = iter(rows)
    while True:
        row = _guard(next, iterator, None)
        if row is None:
            return
        click.echo(json.dumps(row.to_json(), ensure_ascii=False))


inputs_argument = click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
max_chars_option = click.option(
    "--max-chars", default=DEFAULT_MAX_CHARS, show_default=True, type=click.IntRange(min=0),
    help="Skip (and report) any document longer than this many characters (0: no limit but the parser's, "
         "1,000,000).")
codebook_option = click.option("--codebook", "-c", type=click.Path(dir_okay=False, path_type=Path),
                               help="Claim codebook YAML (default: codebook.yaml in an input folder).")
graph_argument = click.argument("graph_file", type=click.Path(dir_okay=False, path_type=Path))
aliases_option = click.option("--aliases", type=click.Path(dir_okay=False, path_type=Path), default=None,
                              help="Actor alias file (YAML: canonical name: [other names]); see the README.")

jobs_option = click.option("--jobs", "-j", default=1, show_default=True, type=click.IntRange(min=1),
                           help="Extract in this many processes (same statements as one).")


@click.group(context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="graphbuild")
def cli() -> None:
    """Map who argues what: actor-stance-claim statements from news and op-eds.

    INPUTs are .txt and .html articles, folders of them, and corpus .jsonl or
    .jsonl.gz files (one {"id", "text", ...} article per line).

    \b
    Example:
        graphbuild build seeds/ --out out/
        graphbuild query --file queries/who-supports.rq -p claimId=russia-dissolution -g out/graph.ttl
    """


@cli.command()
@inputs_argument
@codebook_option
@click.option("--out", "-o", "out_dir", default="out", show_default=True,
              type=click.Path(file_okay=False, path_type=Path),
              help="Directory for the graph, statements.jsonl and map.html.")
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), default="turtle", show_default=True,
              help="RDF syntax of the graph file (graph.ttl, graph.nt or graph.jsonld).")
@click.option("--map/--no-map", "map_file", default=True, show_default=True, help="Also render map.html.")
@click.option("--top", default=100, show_default=True, type=click.IntRange(min=0),
              help="Rows of the summary table: the most frequent actor-stance-claim triples (0: all).")
@max_chars_option
@click.option("--store", "store", metavar="DIR|URL", default=None,
              help="Keep the graph in a store and build incrementally: an Oxigraph directory (created if "
                   "missing) or a SPARQL 1.1 endpoint URL (http://host:port/query).")
@jobs_option
@click.option("--limit", default=None, type=click.IntRange(min=0), help="Read only the first N documents.")
@click.option("--dask", "dask", metavar="tcp://HOST:PORT", default=None,
              help="Extract on a Dask cluster: the scheduler's address (workers need graphbuild installed).")
@aliases_option
def build(inputs, codebook, out_dir, fmt, map_file, top, max_chars, store, jobs, limit, dask, aliases):
    """Build the graph, statements and map from articles.

    Writes graph.ttl (or .nt, .jsonld), statements.jsonl and map.html to
    --out. Extracts statements from INPUTS against the codebook, prints who supports
    or opposes which claim, then the paths written. Without --codebook (and no
    codebook.yaml beside the inputs) a codebook is drafted from the articles,
    written to --out as codebook.yaml and used. With --store, only new or
    changed documents are extracted and the outputs are written from the store.

    \b
    Example:
        graphbuild build seeds/ --out out/
        graphbuild build articles.jsonl --out out/   # drafts out/codebook.yaml
        graphbuild build corpus.jsonl.gz --codebook claims.yaml --format nt --out corpus-out/
        graphbuild build corpus.jsonl.gz --codebook claims.yaml --store store/ --jobs 2 --out out/
        graphbuild build corpus.jsonl.gz --codebook claims.yaml --aliases aliases.yaml --out out/
    """
    _inputs_exist(inputs)
    with InputErrors() as errors:
        try:
            result = _guard(gb.build, list(inputs), out_dir, codebook=codebook, fmt=fmt, on_error=errors,
                            progress=_progress("extracting", inputs, limit), map_file=map_file,
                            max_chars=max_chars or None, store=store, jobs=jobs, limit=limit, dask=dask,
                            aliases=aliases)
        except gb.BuildInterrupted as stop:
            _echo_err(stop.result.store.line())
            _echo_err("Interrupted: run the same command again to process the rest.")
            sys.exit(EXIT_INTERRUPTED)
        except KeyboardInterrupt:
            _echo_err("Interrupted: nothing was committed." if store else "Interrupted: nothing was written.")
            sys.exit(EXIT_INTERRUPTED)
    rows = result.summary()
    if result.drafted is not None:
        click.echo(result.drafted_line())
    if result.store is not None:
        click.echo(result.store.line())
    click.echo(f"{result.document_count} documents, {result.statement_count} statements, "
               f"{len({r[0] for r in rows})} actors, {len({r[1] for r in rows})} claims")
    if rows:
        click.echo(_summary_table(rows, top))
    _echo_files(result)
    sys.exit(errors.exit_code())


def _echo_files(result) -> None:
    """``wrote KIND: PATH`` per output, or ``unchanged`` when the store had not changed since."""
    verb = "unchanged" if result.store is not None and not result.store.outputs_written else "wrote"
    for kind, path in result.files.items():
        click.echo(f"{verb} {kind}: {path}")


def _summary_table(rows: list[tuple[str, str, str, int]], top: int) -> str:
    shown = rows
    if top and len(rows) > top:
        keep = set(sorted(rows, key=lambda r: (-r[3], r[1], r[0]))[:top])
        shown = [r for r in rows if r in keep]
    table = gb.format_result(gb.QueryResult(["claim", "stance", "actor", "statements"],
                                         [(c, st, a, n) for a, c, st, n in shown]), "table")
    if len(shown) < len(rows):
        table += f"\n(the {len(shown)} most frequent of {len(rows)} rows; --top 0 shows all)"
    return table


@cli.command()
@inputs_argument
@codebook_option
@max_chars_option
@aliases_option
@click.option("--out", "-o", "out_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Write the JSON lines to this file (whole, or not at all) instead of standard output.")
@jobs_option
def extract(inputs, codebook, max_chars, aliases, out_file, jobs):
    """Print statements as JSON lines (docs/formats.md §3).

    One line per actor, claim and stance in each document. In a folder, a
    .jsonl of records about articles (gold, statements) is skipped with a
    warning, so an annotated debate's folder can be given whole.

    \b
    Example:
        graphbuild extract seeds/ > statements.jsonl
        graphbuild extract corpus.jsonl --codebook seeds/codebook.yaml --out statements.jsonl
        graphbuild extract corpus.jsonl --codebook claims.yaml --aliases aliases.yaml --jobs 2
        cat corpus.jsonl | graphbuild extract - --codebook claims.yaml   # - is standard input
    """
    _inputs_exist(inputs)
    with InputErrors() as errors:
        rows = _guard(gb.stream_statements, list(inputs), codebook, aliases=aliases, on_error=errors,
                      max_chars=max_chars or None, progress=_progress("extracting"), jobs=jobs)
        if out_file is None:
            _stream_json(rows)
        else:
            _guard(gb.write_statements, _guard(list, rows), out_file)
            _echo_err(f"wrote {out_file}")
    sys.exit(errors.exit_code())


@cli.command()
@inputs_argument
@max_chars_option
def attributions(inputs, max_chars):
    """Print who said what as JSON lines (docs/formats.md §5).

    Source, cue and content spans of every attribution; no codebook needed.

    \b
    Example:
        graphbuild attributions ../shared/data/polnear/dev.jsonl > attributions.jsonl
    """
    _inputs_exist(inputs)
    with InputErrors() as errors:
        _stream_json(gb.stream_attributions(list(inputs), on_error=errors, max_chars=max_chars or None,
                                            progress=_progress("attributing")))
    sys.exit(errors.exit_code())


@cli.command()
@click.argument("pairs_file", metavar="PAIRS.jsonl", type=click.Path(dir_okay=False, path_type=Path))
def stance(pairs_file):
    """Classify (text, claim) pairs as supports / opposes / none.

    PAIRS.jsonl holds one {"id", "text", "claim"} object a line ("claim" is a
    proposition, or {"label", "aliases", "opposing"}). Prints one
    {"id", "stance", "confidence"} line per pair with the learned stance model;
    a bad line is reported and the others are still classified (exit 1).

    \b
    Example:
        echo '{"id": 1, "text": "Tariffs are a tax on families.", "claim": "Tariffs raise prices"}' > pairs.jsonl
        graphbuild stance pairs.jsonl
    """
    with InputErrors() as errors:
        rows = gb.stance_pairs(pairs_file, on_error=errors)
        # The model loads with the first batch: its errors are one line too.
        while (row := _guard(next, rows, None)) is not None:
            click.echo(json.dumps(row, ensure_ascii=False))
    sys.exit(errors.exit_code())


@cli.command()
@click.argument("sparql", required=False)
@click.option("--file", "-f", "query_file", metavar="FILE",
              help="Read the query from FILE, or name a bundled query (who-supports, contested-claims, …).")
@click.option("--graph", "-g", "graph_file", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Graph file to query (.ttl, .nt, .jsonld).")
@click.option("--store", "store", metavar="DIR|URL", default=None,
              help="Query a store instead of a file: an Oxigraph directory or a SPARQL endpoint URL.")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE, as a literal (<…> for an IRI); repeatable.")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="Result layout: aligned table, CSV, or a JSON list of objects.")
@click.option("--timeout", type=click.FloatRange(min=0), default=DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop the query after this many seconds (0: no limit); exit 1 and print no result.")
@click.option("--max-memory", type=click.IntRange(min=0), default=DEFAULT_QUERY_MEMORY, show_default=True,
              metavar="MB", help="On a store directory, stop a query that needs more memory than this (0: no limit).")
def query(sparql, query_file, graph_file, store, params, fmt, timeout, max_memory):
    """Run a SPARQL SELECT or ASK query against a graph file or a store.

    The gb:, skos:, prov:, dcterms:, oa: … prefixes are predeclared; values
    given with --param are bound as RDF terms, never pasted into the query.
    A query still running after --timeout seconds is stopped (exit 1).

    \b
    Example:
        graphbuild query --file queries/who-supports.rq --param claimId=russia-dissolution --graph out/graph.ttl
        graphbuild query 'SELECT (COUNT(*) AS ?n) WHERE { ?s a gb:Statement }' --graph out/graph.ttl --format csv
        graphbuild query --file who-opposes --param claimId=russia-dissolution --store store/
    """
    if not sparql and not query_file:
        raise click.UsageError("no query: give it as an argument or name a file with --file")
    if sparql and query_file:
        raise click.UsageError("give the query either as an argument or with --file, not both")
    if (graph_file is None) == (store is None):
        raise click.UsageError("give either --graph FILE or --store DIR|URL")
    text = sparql if sparql else _read_query(query_file)
    bound = {}
    for item in params:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        bound[name.strip()] = value
    if store is not None:
        with _store_warnings():
            result = _guard(gb.query_store, store, text, bound, timeout=timeout, max_memory=max_memory)
    else:
        result = _guard(gb.run_query, graph_file, text, bound, timeout=timeout)
    click.echo(gb.format_result(result, fmt).rstrip("\n"))


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True, metavar="DOC_ID...")
@click.option("--store", "store", metavar="DIR|URL", required=True,
              help="The store to remove documents from (an Oxigraph directory or a SPARQL endpoint URL).")
@click.option("--out", "-o", "out_dir", default=None, type=click.Path(file_okay=False, path_type=Path),
              help="Also rewrite the graph, statements.jsonl and map.html in this directory.")
@click.option("--format", "fmt", type=click.Choice(RDF_FORMATS), default="turtle", show_default=True,
              help="RDF syntax of the graph file written with --out.")
@click.option("--map/--no-map", "map_file", default=True, show_default=True, help="With --out, also render map.html.")
def remove(doc_ids, store, out_dir, fmt, map_file):
    """Remove documents from a store, with their statements.

    Actors and gb:supports/gb:opposes links that only these documents gave
    go with them. Exit 1 if an id is not in the store (the others are removed).

    \b
    Example:
        graphbuild remove 000_5cc2ea6aac582717 --store store/ --out out/
    """
    result = _guard(gb.remove_documents, list(doc_ids), store, out_dir, fmt=fmt, map_file=map_file)
    for line in result.errors:
        _echo_err(f"Error: {line}")
    click.echo(result.store.line())
    _echo_files(result)
    sys.exit(EXIT_SOME_INPUTS_FAILED if result.errors else 0)


def _read_query(name: str) -> str:
    path = Path(name)
    if path.is_file():
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            raise click.ClickException(f"{path}: cannot read query ({e})") from None
    if path.suffix in ("", ".rq") and len(path.parts) == 1:
        return _guard(gb.load_query, name)
    raise click.ClickException(f"{path}: no such query file")


@cli.command()
@graph_argument
@click.option("--out", "-o", default="map.html", show_default=True, type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write.")
@click.option("--view", type=click.Choice(MAP_VIEWS), default="claims", show_default=True,
              help="Actors linked to claims, or actors linked to allies (congruence) or opponents (conflict).")
@click.option("--title", default=None, help="Page title (default: graphbuild — who argues what).")
@click.option("--top", default=40, show_default=True, type=click.IntRange(min=0),
              help="Actors the page shows first, the most active (it can show more); 0: all.")
def render(graph_file, out, view, title, top):
    """Render the interactive map of a graph (offline HTML).

    The page first shows the most active actors, with a control to show
    more; dense actor views show the backbone of their ties (docs/analysis.md).

    \b
    Example:
        graphbuild render out/graph.ttl --out debate.html
        graphbuild render out/graph.ttl --view conflict --title "Who disagrees" --out conflict.html
        graphbuild render out/graph.ttl --top 0 --out everyone.html
    """
    graph = _guard(gb.load_graph, graph_file)
    options = {"view": view, "top": top or None} | ({"title": title} if title else {})
    path = _guard(gb.render_map, graph, out, **options)
    click.echo(f"wrote map: {path}")


@cli.command()
@click.argument("graph_file", required=False, metavar="GRAPH", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--store", "store", metavar="DIR|URL", default=None, help="List the actors of a store instead of a graph file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Aligned lines or JSON lines.")
@click.option("--top", default=0, show_default=True, type=click.IntRange(min=0), help="List only the first N (0: all).")
@click.option("--aliases-draft", "draft", default=None, type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the merges as an alias file to edit and pass to --aliases.")
def actors(graph_file, store, fmt, top, draft):
    """List the actors with their other names, type, statements and documents.

    Names that cross-document resolution merged into one actor are its other
    names; --aliases-draft writes them as an alias file for a person to fix.

    \b
    Example:
        graphbuild actors out/graph.ttl --top 20
        graphbuild actors --store store/ --aliases-draft aliases.yaml
    """
    if (graph_file is None) == (store is None):
        raise click.UsageError("give a GRAPH file or --store, not both")
    with _store_warnings():
        rows = _guard(gb.list_actors, graph_file, store=store)
    click.echo(gb.format_actors(rows, fmt, top=top or None), nl=False)
    if draft is not None:
        with atomic_open(draft) as f:
            f.write(gb.aliases_draft(rows))
        click.echo(f"wrote alias draft: {draft}", err=True)


@cli.command()
@graph_argument
def validate(graph_file):
    """Check a graph against the SHACL shapes (exit 1 if not).

    Prints the SHACL report and exits with status 1 when the graph does not
    conform to ontology/shapes.ttl.

    \b
    Example:
        graphbuild validate out/graph.ttl
    """
    result = _guard(gb.validate_file, graph_file)
    if result.conforms:
        click.echo(f"{graph_file}: conforms")
        return
    click.echo(result.report.rstrip(), err=True)
    raise click.ClickException(f"{graph_file}: does not conform ({result.violations} violation(s))")


@cli.command()
@graph_argument
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="Aligned lines or one JSON object.")
def stats(graph_file, fmt):
    """Count documents, actors, claims and statements in a graph.

    Statements are split by stance (supporting + opposing = statements);
    "pairs" are distinct actor-claim pairs: an actor who says the same
    thing three times is one pair and three statements.

    \b
    Example:
        graphbuild stats out/graph.ttl
        graphbuild stats out/graph.ttl --format json
    """
    counts = _guard(gb.graph_stats, _guard(gb.load_graph, graph_file))
    if fmt == "json":
        click.echo(json.dumps(counts))
        return
    width = max(len(key) for key in counts)
    for key, value in counts.items():
        click.echo(f"{key.replace('_', ' '):<{width}} {value}")


# --- analyze (debate analytics; library: graphbuild/analysis/) ---------------------
# Choices are spelled out here so --help does not import networkx and rdflib.
ANALYSIS_EXPORTS = ["graphml", "gexf", "csv", "json", "dna"]
_RDF_SUFFIXES = {".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld"}


@cli.command()
@graph_argument
@click.option("--out", "-o", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write tables (CSV), analysis.json, coalitions.ttl and network files here.")
@click.option("--export", "exports", multiple=True, type=click.Choice(ANALYSIS_EXPORTS),
              help="Network files to write with --out; repeatable (default: all).")
@click.option("--by", type=click.Choice(["week", "month", "year"]), default=None,
              help="Also measure each period (uses document dates).")
@click.option("--window", default=1, show_default=True, type=click.IntRange(min=1),
              help="With --by: sliding windows of this many periods, moving one period at a time.")
@click.option("--duplicates", type=click.Choice(["every", "document", "week", "month", "year"]), default="every",
              show_default=True, help="Count an identical statement every time, or once per document/period.")
@click.option("--normalization", type=click.Choice(["no", "average", "jaccard", "cosine"]), default="no",
              show_default=True, help="Edge weights of the actor and claim networks.")
@click.option("--two-mode-normalization", type=click.Choice(["no", "activity", "prominence"]), default="no",
              show_default=True, help="Edge weights of the actor-claim network.")
@click.option("--min-weight", default=0.0, show_default=True, type=float, help="Drop lighter edges.")
@click.option("--isolates/--no-isolates", default=False, show_default=True,
              help="Keep actors and claims without edges in the network files.")
@click.option("--claim", "claims", multiple=True, help="Only statements on this claim (id); repeatable.")
@click.option("--stance", type=click.Choice(["supports", "opposes"]), default=None,
              help="Only supporting or only opposing statements.")
@click.option("--graph-out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write the graph with coalition membership added (.ttl, .nt or .jsonld).")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="Terminal output: aligned tables, CSV sections or JSON.")
@click.option("--top", default=10, show_default=True, type=click.IntRange(min=0),
              help="Actors listed in the table output (0: all).")
def analyze(graph_file, out_dir, exports, by, window, duplicates, normalization, two_mode_normalization,
            min_weight, isolates, claims, stance, graph_out, fmt, top):
    """Coalitions, polarisation, controversial claims and bridging actors of a debate.

    Coalitions are signed-modularity communities of the actor network
    (agreement minus disagreement); see docs/analysis.md.

    \b
    Example:
        graphbuild analyze out/graph.ttl
        graphbuild analyze out/graph.ttl --by month --window 3 --out out/analysis
        graphbuild analyze out/graph.ttl --duplicates document --graph-out out/graph+coalitions.ttl
    """
    graph = _guard(gb.load_graph, graph_file)
    try:
        options = gb.AnalysisOptions(
            duplicates=duplicates, normalization=normalization, two_mode_normalization=two_mode_normalization,
            isolates=isolates, min_weight=min_weight, by=by, window=window, claims=tuple(claims) or None,
            stance=stance)
    except ValueError as e:
        raise click.UsageError(str(e)) from None
    result = _guard(gb.analyze, graph, options)
    click.echo(gb.format_analysis(result, fmt, top=top or None))
    if out_dir is not None:
        files = _guard(gb.write_analysis, result, out_dir, exports=tuple(exports) or tuple(ANALYSIS_EXPORTS))
        click.echo(f"wrote {len(files)} files to {out_dir}", err=True)
    if graph_out is not None:
        fmt_out = _RDF_SUFFIXES.get(graph_out.suffix.lower(), "turtle")
        path = _guard(gb.serialize_graph, result.add_to_graph(graph), graph_out, fmt_out)
        click.echo(f"wrote graph with coalitions: {path}", err=True)


@cli.group()
def codebook() -> None:
    """Work with claim codebooks (docs/formats.md §2).

    \b
    Example:
        graphbuild codebook suggest corpus.jsonl > codebook.yaml
    """


@codebook.command("suggest")
@inputs_argument
@max_chars_option
@click.option("--max-claims", default=12, show_default=True, type=click.IntRange(min=1),
              help="Propose at most this many claims.")
@click.option("--min-documents", default=2, show_default=True, type=click.IntRange(min=1),
              help="A claim must be argued in at least this many documents.")
def codebook_suggest(inputs, max_chars, max_claims, min_documents):
    """Print a draft codebook (YAML) from the positions argued in a corpus.

    Groups the sentences in which someone takes a position by meaning; a
    position argued in several documents becomes a claim to edit, with the
    documents for and against it and two examples as comments. When nothing
    qualifies, says why on stderr and exits 1.

    \b
    Example:
        graphbuild codebook suggest ../shared/data/allsides/articles.jsonl.gz > draft.yaml
    """
    with InputErrors() as errors:
        docs = _progress("reading")(gb.read_documents(inputs, on_error=errors, max_chars=max_chars or None))
        draft = _guard(gb.suggest_codebook, docs, max_claims=max_claims, min_documents=min_documents)
    if not draft.claims:
        _echo_err(f"Error: no claims drafted: {draft.reason}")
        errors.exit_code()
        sys.exit(EXIT_SOME_INPUTS_FAILED)
    click.echo(gb.codebook_yaml(draft), nl=False)
    sys.exit(errors.exit_code())


if __name__ == "__main__":  # pragma: no cover
    cli()
