"""From the pipeline's decisions to statements: evidence, offsets, mixed positions, quality floor."""
from __future__ import annotations

import pytest

from graphbuild.codebook.codebook import load_codebook
from graphbuild.models import Actor, Document
from graphbuild.nlp.extensions import AttributionSpan, ClaimMatch
from graphbuild.nlp.extract import extract_statements, statements_from_doc
from graphbuild.nlp.pipeline import load_nlp
from graphbuild.text.ingest import read_documents

ANN = Actor("Ann Lee", "Person", role="senator")
TEXT = "Lawmakers must pass the bill. The bill would save lives. The bill is a mistake."


def _statements(nlp_base, specs):
    """Statements from hand-made decisions: (sentence index, claim, score, polarity, stance confidence)."""
    doc = nlp_base(TEXT)
    sents = list(doc.sents)
    att = AttributionSpan(doc[0:len(doc)], "quote", doc[0:1], None, ANN)
    doc._.claim_matches = [ClaimMatch(att, sents[i], c, s, p, k) for i, c, s, p, k in specs]
    return statements_from_doc(doc, Document(id="d", text=TEXT))


def test_a_decision_becomes_a_statement_with_its_exact_evidence(nlp_base):
    [s] = _statements(nlp_base, [(1, "bill", 0.8, +1, 0.75)])
    assert (s.actor, s.claim, s.stance, s.attribution) == ("Ann Lee", "bill", "supports", "quote")
    assert s.evidence == "The bill would save lives." == TEXT[s.start:s.end]
    assert s.confidence == pytest.approx(0.6) and s.actor_role == "senator" and not s.extra


def test_both_sides_of_one_actor_are_kept_and_marked_mixed(nlp_base):
    out = _statements(nlp_base, [(2, "bill", 0.7, -1, 0.9), (0, "bill", 0.8, +1, 0.9)])
    assert [s.stance for s in out] == ["supports", "opposes"]  # in text order
    assert all(s.extra.get("mixed") for s in out)


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


def test_the_seeds_as_a_user_extracts_them_match_the_statement_model_path(seed_statements, seeds_dir):
    """``extract_statements`` and the training script's prediction path give the same statements."""
    import sys as _sys
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    _sys.path.insert(0, str(repo / "training"))
    import train_statements as ts
    from graphbuild.nlp.statement_model import load_model

    if not (ts.EVAL / "seeds" / "gold.jsonl").exists():
        pytest.skip("../shared (evaluation data) is not beside this checkout")
    _, statements = seed_statements
    assert [s.to_json() for s in ts.predict(ts.collect("seeds"), load_model())] == [s.to_json() for s in statements]
