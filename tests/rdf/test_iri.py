"""Deterministic, always-valid IRIs minted from names and ids."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graphbuild.models import Document, Statement
from graphbuild.names import normalize_name
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.io import load_graph, serialize_graph
from graphbuild.rdf.iri import actor_iri, claim_iri, codebook_iri, document_iri, slug, statement_iri
from graphbuild.rdf.namespace import ID

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# Only unreserved characters and well-formed percent escapes after the base:
# valid in an IRI, in Turtle, in N-Triples and as a JSON-LD compact IRI.
VALID = re.compile(r"^" + re.escape(str(ID)) + r"(actor|claim|doc|codebook|statement)/"
                   r"(?:[A-Za-z0-9\-._~/]|%[0-9A-F]{2})+$")


@pytest.mark.parametrize("a, b", [
    ("Jane Roe", "jane roe"),
    ("the Free Nations of Post-Russia Forum", "Free Nations of Post-Russia Forum"),
    ("Dr. Ana Núñez", "Ana Nunez"),
    ("Prof. Dr. Ana Núñez", "ana  núñez"),
    ("Putin's", "Putin"),
    ("Putin\u2019s", "PUTIN"),
])
def test_name_variants_share_one_actor_iri(a, b):
    assert normalize_name(a) == normalize_name(b)
    assert actor_iri(a) == actor_iri(b)


@pytest.mark.parametrize("a, b", [
    ("Jane Roe", "John Roe"),
    ("General Smith", "Smith"),  # ranks are kept: they may be all the text gives
    ("The", "Dr"),
    ("...", "!!!"),
])
def test_different_names_get_different_iris(a, b):
    assert actor_iri(a) != actor_iri(b)


def test_a_lone_title_is_kept_as_the_name():
    assert normalize_name("Dr.") == "dr"
    assert normalize_name("the") == "the"


def test_claim_and_document_ids_are_verbatim_and_case_sensitive():
    assert claim_iri("russia-dissolution") == ID["claim/russia-dissolution"]
    assert claim_iri("A") != claim_iri("a")
    # Percent signs are escaped too, so an id cannot pose as another's escape.
    assert claim_iri("a b") != claim_iri("a%20b")
    assert document_iri("001_8efe145ea01ff212") == ID["doc/001_8efe145ea01ff212"]
    assert document_iri("x/y") == ID["doc/x%2Fy"]


def test_long_names_are_cut_with_a_hash_of_the_normalised_name():
    long = "Committee for the Protection of " + "Very " * 30 + "Long Names"
    assert len(slug(long)) < 100
    assert actor_iri(long) == actor_iri("The " + long.upper() + "'s")
    assert actor_iri(long) != actor_iri(long + " Two")


def test_names_that_normalise_to_nothing_are_stable():
    assert actor_iri("...") == actor_iri("...")
    assert VALID.match(actor_iri("..."))


def test_statement_iris_depend_on_every_part():
    parts = ["d1", "jane roe", "c1", "supports", "quote", 0, 9]
    assert statement_iri(parts) == statement_iri(list(parts))
    for i in range(len(parts)):
        changed = parts[:i] + ["other"] + parts[i + 1:]
        assert statement_iri(changed) != statement_iri(parts)
    # The separator keeps ("ab", "c") and ("a", "bc") apart.
    assert statement_iri(["ab", "c"]) != statement_iri(["a", "bc"])


def test_codebook_iri():
    assert codebook_iri("City Debate") == ID["codebook/city-debate"]


# Any text at all, including quotes, '>', newlines, NUL, U+2028 and other
# line breaks, surrogate-free so it is encodable as UTF-8.
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30)


@given(name=TEXT, ident=TEXT)
def test_minted_iris_are_always_valid(name, ident):
    for iri in (actor_iri(name), claim_iri(ident), document_iri(ident), codebook_iri(name),
                statement_iri([ident, name])):
        assert VALID.match(iri), iri


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(actor=TEXT.filter(str.strip), doc_id=TEXT.filter(str.strip), claim=TEXT, evidence=TEXT,
       title=TEXT)
def test_graph_with_arbitrary_names_round_trips_in_every_format(tmp_path, actor, doc_id, claim, evidence, title):
    text = evidence + " and more"
    doc = Document(id=doc_id, text=text, title=title, authors=(actor,), url=title)
    stmt = Statement(doc_id, actor, "Person", claim, "supports", "quote", evidence, 0, len(evidence), 0.5,
                     cue=title)
    graph = build_graph([doc], [stmt])
    for fmt, ext in (("turtle", "ttl"), ("nt", "nt"), ("json-ld", "jsonld")):
        path = serialize_graph(graph, tmp_path / f"g.{ext}", fmt)
        back = load_graph(path)
        assert isomorphic(graph, back), (fmt, path.read_text(encoding="utf-8"))
