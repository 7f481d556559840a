"""A drafted codebook: its claims, the evidence behind each, and its YAML file.

:func:`graphbuild.codebook.suggest.suggest_codebook` returns a :class:`Draft`.
Its YAML is a valid codebook (docs/formats.md §2) in which every claim carries,
as comments, how many documents argue it, the share for and against and two
example sentences with their document ids, so a person can edit it with
confidence. A draft with no claims says why in ``reason``.
"""
from __future__ import annotations

from dataclasses import dataclass

import yaml

from ..errors import CodebookError
from ..models import Codebook
from .codebook import parse_codebook

__all__ = ["Draft", "DraftClaim", "codebook_yaml"]

_EXAMPLE_CHARS = 220


@dataclass(frozen=True)
class DraftClaim:
    """One drafted claim and the evidence for it."""

    id: str
    label: str
    kind: str
    aliases: tuple[str, ...]
    opposing: tuple[str, ...]
    documents: int  # documents that argue it, either way
    supporting: int  # of them, documents for
    opposing_documents: int  # and against
    examples: tuple[tuple[str, str], ...]  # (document id, sentence)

    def entry(self) -> dict:
        """The codebook entry (docs/formats.md §2).

        >>> DraftClaim("tax", "Taxes should rise", "normative", (), (), 3, 2, 1, ()).entry()
        {'id': 'tax', 'label': 'Taxes should rise', 'kind': 'normative', 'aliases': [], 'opposing': []}
        """
        return {"id": self.id, "label": self.label, "kind": self.kind, "aliases": list(self.aliases),
                "opposing": list(self.opposing)}

    def comments(self) -> list[str]:
        """What a person needs to judge the claim: how widely argued, which way, two examples.

        >>> claim = DraftClaim("tax", "Taxes should rise", "normative", (), (), 4, 3, 1,
        ...                    (("d1", "Taxes  should rise."),))
        >>> claim.comments()
        ['argued in 4 documents: 3 for (75%), 1 against (25%)', 'e.g. d1: Taxes should rise.']
        """
        n = max(self.documents, 1)
        lines = [f"argued in {self.documents} documents: {self.supporting} for "
                 f"({100 * self.supporting // n}%), {self.opposing_documents} against "
                 f"({100 * self.opposing_documents // n}%)"]
        for doc_id, text in self.examples:
            text = " ".join(text.split())
            if len(text) > _EXAMPLE_CHARS:
                text = text[:_EXAMPLE_CHARS - 1] + "…"
            lines.append(f"e.g. {doc_id}: {text}")
        return lines


@dataclass(frozen=True)
class Draft:
    """A draft codebook: claims (most widely argued first), or ``reason`` why there are none."""

    claims: list[DraftClaim]
    documents: int  # documents read
    positions: int  # sentences that take a position
    reason: str | None = None

    def codebook(self, name: str = "draft") -> Codebook:
        """The draft as a codebook for extraction; a :class:`CodebookError` with the reason when it is empty.

        >>> Draft([], 3, 0, "nothing argued").codebook()
        Traceback (most recent call last):
        ...
        graphbuild.errors.CodebookError: no codebook could be drafted: nothing argued
        """
        if not self.claims:
            raise CodebookError(f"no codebook could be drafted: {self.reason}")
        return parse_codebook({"claims": [c.entry() for c in self.claims]}, source="<drafted codebook>", name=name)


def codebook_yaml(draft: Draft) -> str:
    """The draft as a codebook file: a header saying what to edit, each claim with its evidence as comments.

    >>> claim = DraftClaim("tax", "Taxes should rise", "normative", ("higher taxes",), (), 3, 2, 1,
    ...                    (("a", "Taxes should rise."),))
    >>> print(codebook_yaml(Draft([claim], 10, 4)))  # doctest: +NORMALIZE_WHITESPACE
    # Draft codebook suggested by `graphbuild codebook suggest` (docs/formats.md §2) from 10 documents.
    ...
    claims:
    # argued in 3 documents: 2 for (66%), 1 against (33%)
    # e.g. a: Taxes should rise.
    - id: tax
      label: Taxes should rise
      kind: normative
      aliases:
      - higher taxes
      opposing: []
    """
    header = [f"Draft codebook suggested by `graphbuild codebook suggest` (docs/formats.md §2) from "
              f"{draft.documents} documents.",
              "Edit before use: reword labels, merge or drop claims, add aliases and `opposing` phrasings.",
              "The comments above each claim say how many documents argue it and show two examples."]
    if draft.reason:
        header.append(f"No claims: {draft.reason}")
    out = [f"# {line}" for line in header]
    out.append("claims:" + ("" if draft.claims else " []"))
    for claim in draft.claims:
        out.extend(f"# {line}" for line in claim.comments())
        out.append(yaml.safe_dump([claim.entry()], sort_keys=False, allow_unicode=True, width=1000).rstrip("\n"))
    return "\n".join(out) + "\n"
