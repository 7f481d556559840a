"""Property tests (hypothesis) over ingest and extraction (issue 6).

Any text at all — control characters, CRLF, U+2028, combining marks,
emoji, right-to-left scripts — read from any bytes must give a Document or
one InputError, never another exception; extraction over any text must not
raise, every statement's evidence must be exactly ``text[start:end]``, every
attribution span must lie inside the text, and the graph built from the
result must serialise and parse back isomorphic in every format.

Texts are built from fragments that make the pipeline find statements
(speakers, cues, claim phrasings from the seed codebook) mixed with
arbitrary Unicode, so the offset checks run on real statements, not only on
empty results. Examples are few and small so the suite stays fast; the long
run is ``benchmarks/fuzz_ingest.py``.
"""
from __future__ import annotations

import gzip
import json
import os
import warnings

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib.compare import isomorphic

from graphbuild.codebook.codebook import load_codebook
from graphbuild.errors import InputError
from graphbuild.nlp.extract import extract_statements, find_attributions
from graphbuild.text.ingest import InputWarning, document_from_text, read_documents
from graphbuild.nlp.pipeline import load_nlp
from graphbuild.rdf.build import build_graph
from graphbuild.rdf.io import load_graph, serialize_graph

pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")

# GB_PROPERTY_EXAMPLES=1000 runs the same properties longer (docs/robustness.md).
FAST = settings(max_examples=int(os.environ.get("GB_PROPERTY_EXAMPLES", "25")), deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

# Words and marks that steer the pipeline into finding speakers, cues and claims.
FRAGMENTS = [
    "Senator Jane Doe said", "Professor John Roe argued that", "“", "”", '"', "'", "—", ", ", ". ", "\n",
    "\r\n", "\n\n", "the breakup of Russia is necessary", "Russia is resilient", "Russia should be dissolved",
    "sanctions", "According to the ministry,", "By Ann Writer\n", "Share\n", "© 2024 Daily Planet\n",
    "\u2028", "\u00a0", "e\u0301", "👍🏽", "مرحبا", "שלום", "\t", "\x0c",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), min_size=1, max_size=25).map("".join)
SAYS = "Senator Jane Doe said the breakup of Russia is necessary. Professor John Roe said Russia is resilient."


@pytest.fixture(scope="module")
def book(seeds_dir):
    return load_codebook(seeds_dir / "codebook.yaml")


@pytest.fixture(scope="module")
def nlp(book):
    return load_nlp(book)


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    """One folder reused by every example (tmp_path is per test, not per example)."""
    return tmp_path_factory.mktemp("props")


@pytest.fixture(scope="module")
def nlp_attributions():
    return load_nlp(None, positions=False)


def test_the_fragments_do_make_statements(book, nlp):
    """The generator's building blocks are not inert: the checks below see real statements."""
    statements = list(extract_statements([document_from_text("t", SAYS)], book, nlp=nlp))
    assert {(s.actor, s.claim) for s in statements} == {("Jane Doe", "russia-dissolution"),
                                                       ("John Roe", "russia-collapse")}


@FAST
@given(text=st.text(max_size=300))
@example(text="\r\n\r\n")
@example(text="By\n\n©")
def test_document_from_any_text_is_consistent(text):
    doc = document_from_text("d", text)
    assert doc.text == text and len(doc.clean_text) == len(text)
    assert all(0 <= a < b <= len(text) for a, b in doc.boilerplate)
    if doc.title_span:
        start, end = doc.title_span
        assert 0 <= start < end <= len(text)


def _read_all(paths):
    """Documents, errors, and documents skipped as not English (a warning each)."""
    errors = []
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        docs = list(read_documents(paths, on_error=errors.append))
    assert all(isinstance(e, InputError) and e.path for e in errors)
    assert all(str(e).count("\n") == 0 for e in errors), "each error is one line"
    skipped = [w for w in caught if "does not look like English" in str(w.message)]
    return docs, errors, skipped


@FAST
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".txt", ".html", ".jsonl", ".jsonl.gz"]))
@example(data=b"\xff\xfe" + "é\r\nx".encode("utf-16-le"), suffix=".txt")
@example(data=b'{"id": "a", "text": "\\u0000\\ud800"}\n', suffix=".jsonl")
def test_any_bytes_give_documents_or_one_line_errors(tmp_path_factory, data, suffix):
    path = tmp_path_factory.mktemp("bytes") / f"in{suffix}"
    path.write_bytes(gzip.compress(data) if suffix.endswith(".gz") else data)
    docs, errors, skipped = _read_all([path])
    assert docs or errors or skipped
    for doc in docs:
        assert len(doc.clean_text) == len(doc.text)


@FAST
@given(rows=st.lists(st.dictionaries(st.sampled_from(["id", "text", "title", "authors", "date", "source", "url"]),
                                     st.one_of(st.text(max_size=40), st.integers(), st.none(),
                                               st.lists(st.text(max_size=5), max_size=2))),
                     min_size=1, max_size=6))
def test_any_json_records_give_documents_or_errors_naming_their_line(tmp_path_factory, rows):
    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    docs, errors, skipped = _read_all([path])
    assert all(e.line is not None and 1 <= e.line <= len(rows) for e in errors if "empty file" not in e.reason)
    assert len(docs) + len(errors) + len(skipped) == len(rows) or any("empty file" in e.reason for e in errors)
    assert len({d.id for d in docs}) == len(docs)
    for doc in docs:
        assert any(r.get("id", "").strip() == doc.id and r.get("text") == doc.text
                   for r in rows if isinstance(r.get("id"), str)), doc


@FAST
@given(text=TEXT)
@example(text=SAYS)
@example(text=SAYS.replace(" ", "\u2028").replace(".", ".\r\n"))
def test_extraction_never_raises_and_offsets_are_exact(book, nlp, scratch, text):
    doc = document_from_text("d", text)
    statements = list(extract_statements([doc], book, nlp=nlp))
    for s in statements:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start:s.end] == s.evidence
        assert s.actor.strip() and s.claim in {c.id for c in book.claims}
    graph = build_graph([doc], statements, book)
    for fmt, suffix in (("turtle", ".ttl"), ("nt", ".nt"), ("json-ld", ".jsonld")):
        back = load_graph(serialize_graph(graph, scratch / f"g{suffix}", fmt))
        assert isomorphic(graph, back), fmt


@FAST
@given(text=TEXT)
@example(text='"We will win," Jane Doe said.\r\n“No,” he replied.')
def test_attribution_spans_lie_inside_the_text(nlp_attributions, text):
    for a in find_attributions([document_from_text("d", text)], nlp=nlp_attributions):
        for span in (a.content, a.source, a.cue):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text), (a, text)


@FAST
@given(ranges=st.lists(st.tuples(st.integers(0, 60), st.integers(1, 30)).map(lambda t: (t[0], t[0] + t[1])),
                       max_size=12),
       queries=st.lists(st.tuples(st.integers(0, 80), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])),
                        min_size=1, max_size=12))
def test_boilerplate_covered_agrees_with_checking_every_range(ranges, queries):
    """Scan.covered answers by bisection (a page of 30,000 "Share" lines made the scan quadratic);
    it must give exactly the answer of looking at every range, also as ranges are added."""
    from graphbuild.text.furniture import Scan

    scan = Scan()
    for r in ranges:
        scan.blank(*r)
        for start, end in queries:
            assert scan.covered(start, end) == any(s <= start and end <= e for s, e in scan.ranges)
    scan.ranges = list(reversed(scan.ranges))[:3]  # reassigned, as scan() does when it merges
    for start, end in queries:
        assert scan.covered(start, end) == any(s <= start and end <= e for s, e in scan.ranges)
