"""From claim matches to statements: aggregation, genre, evidence offsets, quality floor."""
from __future__ import annotations

import sys

import pytest

from graphbuild.codebook.codebook import load_codebook
from graphbuild.nlp.extract import ExtractOptions, extract_statements, statements_from_doc
from graphbuild.text.ingest import read_documents
from graphbuild.models import Document
from graphbuild.nlp.pipeline import load_nlp
from graphbuild.models import Actor
from graphbuild.nlp.extensions import AttributionSpan, ClaimMatch

ANN = Actor("Ann Lee", "Person")
TEXT = ("Lawmakers must pass the bill. The bill would save lives. "
        "The bill is a mistake. Nobody else spoke.")


def _statements(nlp_base, specs, *, actor=ANN, kind="quote", options=ExtractOptions()):
    """Statements from hand-made matches: (sentence index, claim, score, polarity, confidence)."""
    doc = nlp_base(TEXT)
    sents = list(doc.sents)
    att = AttributionSpan(doc[0:len(doc)], kind, doc[0:1] if kind != "author" else None, None, actor)
    doc._.attributions = [att]
    doc._.claim_matches = [ClaimMatch(att, sents[i], claim, score, pol, conf) for i, claim, score, pol, conf in specs]
    return statements_from_doc(doc, Document(id="d", text=TEXT, authors=("Ann Lee",)), options)


def test_several_mentions_aggregate_into_one_stance(nlp_base):
    out = _statements(nlp_base, [(0, "bill", 0.9, +1, 0.8), (1, "bill", 0.7, +1, 0.65), (2, "bill", 0.5, -1, 0.5)])
    assert [(s.claim, s.stance) for s in out] == [("bill", "supports")]
    # the strongest evidence is kept, with its exact offsets
    assert out[0].evidence == "Lawmakers must pass the bill." and TEXT[out[0].start:out[0].end] == out[0].evidence
    assert 0 < out[0].confidence <= 1 and "mixed" not in out[0].extra


def test_a_genuinely_mixed_position_is_marked_not_forced(nlp_base):
    out = _statements(nlp_base, [(1, "bill", 0.8, +1, 0.8), (2, "bill", 0.8, -1, 0.8)])
    assert sorted(s.stance for s in out) == ["opposes", "supports"]
    assert all(s.extra.get("mixed") for s in out)


def test_weak_evidence_gives_no_statement(nlp_base):
    assert _statements(nlp_base, [(0, "bill", 0.3, +1, 0.5)]) == []


def test_no_actor_no_statement(nlp_base):
    assert _statements(nlp_base, [(0, "bill", 0.9, +1, 0.8)], actor=None) == []


def test_a_news_reporter_argues_only_in_the_lede(nlp_base):
    # the whole text is the author's own voice: an opinion piece, whose
    # every sentence may argue
    opinion = _statements(nlp_base, [(2, "bill", 0.9, -1, 0.8)], kind="author")
    assert [s.stance for s in opinion] == ["opposes"]
    # read as news (no share of attributed text is low enough), only the opening counts
    news = ExtractOptions(opinion_max_attributed=-1.0, lede_sentences=2)
    assert _statements(nlp_base, [(2, "bill", 0.9, -1, 0.8)], kind="author", options=news) == []
    assert [s.attribution for s in _statements(nlp_base, [(0, "bill", 0.9, +1, 0.8)], kind="author",
                                                options=news)] == ["author"]


@pytest.fixture(scope="module")
def seed_statements(seeds_dir):
    book = load_codebook(seeds_dir / "codebook.yaml")
    docs = {d.id: d for d in read_documents([seeds_dir])}
    return docs, list(extract_statements(docs.values(), book, nlp=load_nlp(book)))


def test_evidence_offsets_point_into_the_document_text(seed_statements):
    docs, statements = seed_statements
    assert statements
    for s in statements:
        assert docs[s.doc_id].text[s.start:s.end] == s.evidence
        assert s.attribution in ("author", "quote", "reported")
        assert s.stance in ("supports", "opposes") and 0 < s.confidence <= 1
        assert s.actor and s.actor.lower() not in ("he", "she", "they", "it")


def test_one_stance_per_actor_and_claim_unless_mixed(seed_statements):
    _, statements = seed_statements
    seen = {}
    for s in statements:
        seen.setdefault((s.doc_id, s.actor, s.claim), []).append(s)
    for group in seen.values():
        assert len(group) == 1 or all(s.extra.get("mixed") for s in group)


# Measured F1 (docs/quality.md) minus a margin: a change that loses real
# quality on either development set fails here.
FLOORS = {"seeds": 0.72, "guns": 0.56}


@pytest.mark.shared
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(FLOORS))
def test_triple_f1_stays_above_the_measured_floor(shared_dir, seeds_dir, name):
    sys.path.insert(0, str(shared_dir / "eval"))
    import score

    if name == "seeds":
        corpus, codebook, gold = seeds_dir, seeds_dir / "codebook.yaml", shared_dir / "eval/seeds/gold.jsonl"
    else:
        corpus = shared_dir / "eval/guns/corpus.jsonl"
        codebook, gold = shared_dir / "eval/guns/codebook.yaml", shared_dir / "eval/guns/gold.jsonl"
    book = load_codebook(codebook)
    preds = [s.to_json() for s in extract_statements(read_documents([corpus]), book, nlp=load_nlp(book))]
    result = score.score(score.read_jsonl(str(gold)), score.read_codebook_ids(str(codebook)), preds)
    assert result["triples"]["f1"] >= FLOORS[name], result["triples"]


def test_a_relayed_newspaper_report_takes_no_stance_in_news(nlp_base):
    # a quote is attributed text, so the document reads as news
    courant = Actor("Courant", "Organization")
    assert _statements(nlp_base, [(0, "bill", 0.9, +1, 0.8)], actor=courant) == []
    herald = Actor("Miami Herald", "Organization")
    assert _statements(nlp_base, [(0, "bill", 0.9, +1, 0.8)], actor=herald) == []
    # a senator quoted the same way does take one
    senator = Actor("Ann Lee", "Person")
    assert [s.stance for s in _statements(nlp_base, [(0, "bill", 0.9, +1, 0.8)], actor=senator)] == ["supports"]
