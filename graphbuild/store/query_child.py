"""One SPARQL query on an Oxigraph store directory, opened read-only, in a child process.

Oxigraph evaluates in Rust and cannot be stopped once a query has started,
so :func:`graphbuild.store.local.LocalStore.select` runs a query that has a time
limit in this script and kills the process at the limit. It is run as a
file, not as part of the package, and imports only pyoxigraph: importing
graphbuild (rdflib) would cost more than most queries.

    python -P query_child.py STORE_DIR < query.rq > results.srj

Exit status: 0 with SPARQL JSON results on stdout; 2 a SPARQL syntax error,
3 not a SELECT or ASK query, 4 the store cannot be opened, each with a
message on stderr.
"""
import sys

import pyoxigraph as ox

SYNTAX, NOT_SELECT, CANNOT_OPEN = 2, 3, 4


def main(argv: list[str]) -> int:
    try:
        # Read-only: the parent holds the store's lock (or has it open itself) and writes
        # nothing while it waits, and a killed reader leaves nothing half-written.
        store = ox.Store.read_only(argv[1])
    except OSError as e:
        print(" ".join(str(e).split()), file=sys.stderr)
        return CANNOT_OPEN
    sparql = sys.stdin.buffer.read().decode("utf-8")
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
    except SyntaxError as e:
        print(" ".join(str(e).split()), file=sys.stderr)
        return SYNTAX
    if not isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
        return NOT_SELECT
    # SELECT solutions are computed while they are written.
    result.serialize(sys.stdout.buffer, format=ox.QueryResultsFormat.JSON)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
