"""Graph files: Turtle, N-Triples and JSON-LD round trips, atomic writes, clear load errors."""
from __future__ import annotations

import pytest
from rdflib import Literal
# xsd: warns when pytest probes module globals, so keep it behind a module.
import rdflib.namespace as rns
from rdflib.compare import isomorphic

from graphbuild.errors import InputError
from graphbuild.models import Document, Statement
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.io import format_for_path, load_graph, serialize_graph
from graphbuild.rdf.iri import claim_iri, document_iri
from graphbuild.rdf.namespace import GB
from graphbuild.rdf.validate import validate_graph

from rdf_samples import ALIASES, CODEBOOK, documents, statements

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

FORMATS = [("turtle", "ttl"), ("nt", "nt"), ("json-ld", "jsonld")]


@pytest.fixture(scope="module")
def graph():
    return build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES)


@pytest.mark.parametrize("fmt, ext", FORMATS)
def test_round_trip_is_isomorphic_and_conforms(graph, tmp_path, fmt, ext):
    path = serialize_graph(graph, tmp_path / f"graph.{ext}", fmt)
    back = load_graph(path)
    assert len(back) == len(graph)
    assert isomorphic(graph, back)
    assert validate_graph(back).conforms


@pytest.mark.parametrize("fmt, ext", FORMATS)
def test_serialising_twice_gives_identical_bytes(graph, tmp_path, fmt, ext):
    a = serialize_graph(graph, tmp_path / f"a.{ext}", fmt).read_bytes()
    b = serialize_graph(build_graph(documents(), statements(), CODEBOOK, aliases=ALIASES),
                        tmp_path / f"b.{ext}", fmt).read_bytes()
    assert a == b


def test_ntriples_lines_are_sorted_and_survive_unicode_line_breaks(tmp_path):
    # Form feed, NEL and U+2028 are line breaks to str.splitlines but not to N-Triples.
    text = "He said\u2028it\x0cis\x85so\r\nand \"that\" > this."
    doc = Document(id="d\u2028", text=text, title="A\u2029title")
    s = Statement(doc.id, "Jane\u2028Roe", "Person", "c\x0c1", "supports", "quote", text, 0, len(text), 0.9)
    g = build_graph([doc], [s])
    path = serialize_graph(g, tmp_path / "g.nt", "nt")
    lines = path.read_text(encoding="utf-8").split("\n")
    assert lines[-1] == "" and all(line.endswith(" .") for line in lines[:-1])
    assert lines[:-1] == sorted(lines[:-1])
    assert isomorphic(g, load_graph(path))


def test_loaded_strings_are_plain_so_parameters_match(graph, tmp_path):
    back = load_graph(serialize_graph(graph, tmp_path / "g.ttl"))
    assert (document_iri("d1"), None, Literal("d1")) in back
    assert not [o for o in back.objects() if isinstance(o, Literal) and o.datatype == rns.XSD.string]
    # Typed values keep their types.
    assert back.value(claim_iri("c1"), GB.inCodebook) == Literal(True)


def test_write_is_atomic_and_creates_folders(graph, tmp_path):
    target = tmp_path / "deep" / "er" / "graph.ttl"
    serialize_graph(graph, target)
    serialize_graph(graph, target)  # overwrite in place
    assert [p.name for p in target.parent.iterdir()] == ["graph.ttl"]
    # Readable by others, not the 0600 of the temporary file it was renamed from.
    assert target.stat().st_mode & 0o044 == 0o044


def test_unknown_output_format(graph, tmp_path):
    with pytest.raises(ValueError, match="rdfxml"):
        serialize_graph(graph, tmp_path / "g.rdf", "rdfxml")
    assert not (tmp_path / "g.rdf").exists()


@pytest.mark.parametrize("name, fmt", [("g.ttl", "turtle"), ("g.NT", "nt"), ("g.jsonld", "json-ld"),
                                       ("g.json", "json-ld"), ("g", "turtle")])
def test_format_for_path(name, fmt):
    assert format_for_path(name) == fmt


def test_format_aliases_write_the_same(graph, tmp_path):
    a = serialize_graph(graph, tmp_path / "a.ttl", "ttl").read_bytes()
    b = serialize_graph(graph, tmp_path / "b.ttl", "turtle").read_bytes()
    assert a == b


@pytest.mark.parametrize("name, content, reason", [
    ("graph.rdf", "<rdf/>", "unknown graph file extension"),
    ("graph.ttl", None, "no such graph file"),
    ("graph.ttl", "<a> <b> .", "cannot parse as turtle"),
    ("graph.nt", "<http://a> <http://b> \"c\"\n", "cannot parse as ntriples"),
    ("graph.jsonld", '{"@id": ', "cannot parse as json-ld"),
])
def test_load_errors_name_the_file_on_one_line(tmp_path, name, content, reason):
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_graph(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert reason in message and "\n" not in message
    assert info.value.path == str(path)
