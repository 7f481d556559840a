"""When a codebook change means extracting again: the codebook's fingerprint.

The fingerprint covers the claims and graphbuild's version, so a store
re-extracts a document when either changes, and a Dask worker knows when
its cached pipeline was built for another codebook.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
from importlib.metadata import version

from ..models import Codebook

__all__ = ["codebook_fingerprint"]

__version__ = version("graphbuild")


def codebook_fingerprint(codebook: Codebook) -> str:
    """A hash of the claims and of graphbuild's version: either change means re-extracting.

    >>> from graphbuild.models import Claim
    >>> book = Codebook((Claim("tax", "Taxes should rise"),))
    >>> codebook_fingerprint(book) == codebook_fingerprint(Codebook((Claim("tax", "Taxes should rise"),)))
    True
    >>> codebook_fingerprint(book) == codebook_fingerprint(Codebook((Claim("tax", "Taxes should fall"),)))
    False
    """
    claims = [dataclasses.asdict(c) for c in codebook.claims]
    return hashlib.sha256(json.dumps([__version__, claims], sort_keys=True).encode("utf-8")).hexdigest()
