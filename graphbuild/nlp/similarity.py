"""Sentence similarity from static word embeddings (wordllama).

wordllama ships its weights inside the wheel, needs no torch and embeds a
thousand sentences in a tenth of a second (../shared/DEPENDENCIES.md), so
semantic matching costs far less than the parse it follows.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np


@lru_cache(maxsize=1)
def _model():
    import wordllama
    from wordllama import WordLlama

    # The package directory holds the bundled weights; disable_download makes a
    # missing file an error instead of a network call.
    return WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length embeddings, one row per text.

    >>> v = embed(["Russia should be broken up", "the dissolution of Russia"])
    >>> v.shape[0], round(float(np.linalg.norm(v[0])), 3)
    (2, 1.0)
    """
    if not texts:
        return np.zeros((0, 0), dtype=np.float32)
    vectors = np.asarray(_model().embed(texts, norm=True), dtype=np.float32)
    return vectors


def cosine(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine similarity matrix of two sets of unit vectors.

    >>> v = embed(["Russia should be broken up", "the dissolution of Russia", "a recipe for pancakes"])
    >>> sims = cosine(v[:1], v[1:])
    >>> bool(sims[0, 0] > sims[0, 1])
    True
    """
    if a.size == 0 or b.size == 0:
        return np.zeros((len(a), len(b)), dtype=np.float32)
    return a @ b.T
