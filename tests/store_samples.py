"""Shared material of the store tests: a tiny corpus, graph comparison, a real Oxigraph server."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

REPO = Path(__file__).resolve().parents[1]
CODEBOOK = REPO / "seeds" / "codebook.yaml"

# Short articles on the seeds codebook's claims: quotes, an opinion piece, two
# speakers, one actor named in two documents, and one with no statement.
TINY = {
    "t1": 'Sanctions and Russia\nBy Ann Lee\n\n"The Russian Federation should be broken up into independent '
          'states," said Janusz Bugajski, a senior fellow.\n',
    "t2": "Opinion\nBy Bob Stone\n\nBreaking up Russia is a dangerous fantasy. Janusz Bugajski argued that Russia "
          "should be dissolved, but he is wrong.\n",
    "t3": '"Ukraine can defeat Russia militarily," said Oleg Magaletsky. Brandon Weichert disagreed: "Kyiv cannot '
          'defeat Russia militarily."\n',
    "t4": "Weather\n\nIt rained in Oslo on Tuesday. The city said the roads were clear.\n",
}


def write_corpus(path: Path, texts: dict[str, str]) -> Path:
    """A corpus JSONL with one {"id", "text"} line per article."""
    with open(path, "w", encoding="utf-8") as f:
        for doc_id, text in texts.items():
            f.write(json.dumps({"id": doc_id, "text": text}) + "\n")
    return path


def quads_of(source) -> set[str]:
    """A graph file or rdflib Graph as a set of canonical N-Triples lines.

    Loading through Oxigraph canonicalises literals ("0.900"^^xsd:decimal is
    "0.9"), so two graphs compare equal exactly when they hold the same
    triples; ours have no blank nodes, so that is isomorphism.
    """
    store = ox.Store()
    if isinstance(source, Graph):
        store.load(source.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    else:
        path = Path(source)
        fmt = ox.RdfFormat.N_TRIPLES if path.suffix == ".nt" else ox.RdfFormat.TURTLE
        store.load(path=str(path), format=fmt)
    return {str(q.triple) for q in store}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def oxigraph_binary() -> str:
    """The ``oxigraph`` server command of the PyPI package ``oxigraph`` (a test extra)."""
    found = Path(sys.executable).with_name("oxigraph")
    return str(found) if found.exists() else (shutil.which("oxigraph") or "")


class OxigraphServer:
    """A real ``oxigraph serve`` on a free port, stopped by its PID."""

    def __init__(self, location: Path):
        binary = oxigraph_binary()
        if not binary:
            pytest.skip("the oxigraph server (pip install oxigraph) is not installed")
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/query"
        self.proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(self.url + "?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                    self.stop()
                    raise RuntimeError(f"oxigraph serve did not start: {err}") from None
                time.sleep(0.1)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
