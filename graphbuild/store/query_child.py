"""One SPARQL query on an Oxigraph store directory, opened read-only, in a child process.

Oxigraph evaluates in Rust and cannot be stopped once a query has started,
so :func:`graphbuild.store.local.LocalStore.select` runs a query that has a time
limit in this script and kills the process at the limit. It is run as a
file, not as part of the package, and imports only pyoxigraph: importing
graphbuild (rdflib) would cost more than most queries.

    python -P query_child.py STORE_DIR [MEMORY_MB [CHECK_ASK]] < query.rq > results.srj

Exit status: 0 with SPARQL JSON results on stdout; 2 a SPARQL syntax error
or a ``SERVICE`` clause, 3 not a SELECT or ASK query, 4 the store cannot be
opened or read, 5 out of memory, each with a message on stderr. With
``MEMORY_MB`` (0: none) the process may use that much heap at most; a query
that needs more dies of it (Rust aborts, SIGABRT) or exits 5. When
``CHECK_ASK`` answers true after a successful query, ``INCOMPLETE`` is
printed on stderr (the caller's warning that the store is unfinished).

``SERVICE`` is refused here too, not only by the caller: Oxigraph would fetch
the URL in it from Rust, where nothing in Python can stop the request.
"""
import re
import resource
import sys

import pyoxigraph as ox

SYNTAX, NOT_SELECT, CANNOT_OPEN, FAILED = 2, 3, 4, 5
# Said on stderr: the memory limit was hit (Rust says "memory allocation of N bytes failed"
# and aborts), and the store's check query answered true.
OUT_OF_MEMORY = "memory allocation failed"
INCOMPLETE = "graphbuild: store incomplete"
SERVICE_REFUSED = "SERVICE is not allowed (graphbuild queries never reach the network)"

# SPARQL reads \uXXXX and \UXXXXXXXX escapes anywhere in a query before parsing it.
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# What cannot hold a keyword: comments, strings (long ones first) and IRIs.
_SKIP = re.compile(r"#[^\n]*|'''(?:[^\\]|\\.)*?'''|\"\"\"(?:[^\\]|\\.)*?\"\"\"|'(?:[^'\\\n]|\\.)*'"
                   r'|"(?:[^"\\\n]|\\.)*"|<[^<>"{}|^`\\\s]*>', re.DOTALL)
# The keyword, not part of a prefixed name (ex:SERVICE, service:p), a variable or a longer word.
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(sparql: str) -> bool:
    r"""Whether a query holds the ``SERVICE`` keyword (federation), outside strings, IRIs and comments.

    >>> uses_service("SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }")
    True
    >>> uses_service('SELECT ?service WHERE { ?service <http://x/SERVICE> "SERVICE" } # SERVICE')
    False
    """
    text = _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return bool(_SERVICE.search(_SKIP.sub(" ", text)))


def main(argv: list[str]) -> int:
    """Run the query on stdin against the store ``argv[1]``; the exit status says how it went (see above).

    >>> import subprocess, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> ox.Store(folder).flush()
    >>> def child(query):
    ...     return subprocess.run([sys.executable, "-P", __file__, folder], input=query.encode(), capture_output=True)
    >>> child("ASK { ?s ?p ?o }").stdout
    b'{"head":{},"boolean":false}'
    >>> child("CONSTRUCT WHERE { ?s ?p ?o }").returncode == NOT_SELECT
    True
    """
    memory = int(argv[2]) if len(argv) > 2 else 0
    if memory:
        # Heap and anonymous mappings, where Oxigraph keeps a sort or a join: a query over
        # a cartesian product would otherwise take the machine's memory before its time is up.
        resource.setrlimit(resource.RLIMIT_DATA, (memory << 20, memory << 20))
    try:
        # Read-only: the parent holds the store's lock (or has it open itself) and writes
        # nothing while it waits, and a killed reader leaves nothing half-written.
        store = ox.Store.read_only(argv[1])
    except (OSError, RuntimeError) as e:  # RuntimeError: RocksDB finds the database damaged
        print(" ".join(str(e).split()), file=sys.stderr)
        return CANNOT_OPEN
    sparql = sys.stdin.buffer.read().decode("utf-8")
    if uses_service(sparql):
        print(SERVICE_REFUSED, file=sys.stderr)
        return SYNTAX
    try:
        result = store.query(sparql, use_default_graph_as_union=True)
        if not isinstance(result, (ox.QuerySolutions, ox.QueryBoolean)):
            return NOT_SELECT
        # SELECT solutions are computed while they are written.
        result.serialize(sys.stdout.buffer, format=ox.QueryResultsFormat.JSON)
        sys.stdout.buffer.flush()
        if len(argv) > 3 and bool(store.query(argv[3])):
            print(INCOMPLETE, file=sys.stderr)
    except SyntaxError as e:
        print(" ".join(str(e).split()), file=sys.stderr)
        return SYNTAX
    except MemoryError:
        print(OUT_OF_MEMORY, file=sys.stderr)
        return FAILED
    except (OSError, RuntimeError) as e:
        print(" ".join(str(e).split()), file=sys.stderr)
        return CANNOT_OPEN
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
