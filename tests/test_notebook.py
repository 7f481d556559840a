"""notebooks/explore.ipynb runs headless, top to bottom, on the venv's Python."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = REPO / "notebooks" / "explore.ipynb"


def _text(output: dict) -> str:
    if output.get("output_type") == "stream":
        return output.get("text", "")
    data = output.get("data", {})
    return data.get("text/html") or data.get("text/plain") or ""


def test_notebook_is_stored_without_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in nb.cells if c.cell_type == "code")


def test_notebook_uses_only_the_public_api():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    source = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
    assert "import graphbuild as gb" in source
    assert not re.search(r"\bgraphbuild\.\w|from graphbuild", source)


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    """The notebook executed in a scratch copy of the repo layout (seeds/ linked, notebooks/ the cwd)."""
    root = tmp_path_factory.mktemp("nbroot")
    (root / "seeds").symlink_to(REPO / "seeds", target_is_directory=True)
    cwd = root / "notebooks"
    cwd.mkdir()
    nb = nbformat.read(NOTEBOOK, as_version=4)
    # Appended here, not stored in the notebook: which Python ran it.
    nb.cells.append(nbformat.v4.new_code_cell("import sys; print(sys.executable)"))
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(cwd)}})
    client.execute()
    return nb, root


def test_runs_on_the_venv_python_without_errors(executed):
    nb, _ = executed
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.output_type == "stream" and o.name == "stderr" and "Traceback" in o.text]
    assert Path(_text(nb.cells[-1].outputs[0]).strip()).resolve() == Path(sys.executable).resolve()


def test_shows_what_the_build_wrote(executed):
    nb, root = executed
    out = root / "out" / "notebook"
    rows = [json.loads(line) for line in (out / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    assert rows, "the seeds give statements"
    shown = "\n".join(_text(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert f"5 documents, {len(rows)} statements, 0 errors" in shown
    # every actor of statements.jsonl is in the statements table (HTML-escaped)
    from html import escape

    for row in rows:
        assert escape(row["actor"]) in shown, row["actor"]
    assert "conforms: True" in shown


def test_shows_the_map_inline(executed):
    nb, root = executed
    last = [_text(o) for o in nb.cells[-2].outputs]
    assert any(t.startswith("<iframe srcdoc=") and "vis.Network" in t for t in last)
    assert (root / "out" / "notebook" / "map.html").is_file()


def test_drafts_a_codebook_from_raw_articles_and_maps_it(executed):
    nb, root = executed
    shown = "\n".join(_text(o) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "# argued in" in shown and "# e.g. " in shown  # the draft's YAML with its evidence
    rows = (root / "out" / "notebook" / "drafted" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert f"5 documents, {len(rows)} statements on the drafted claims" in shown
    assert (root / "out" / "notebook" / "drafted" / "map.html").is_file()


def test_lists_the_actors_with_their_other_names(executed):
    nb, root = executed
    [cell] = [c for c in nb.cells if c.cell_type == "code" and "gb.list_actors" in c.source]
    html = "".join(_text(o) for o in cell.outputs)
    assert "other names</th>" in html
    rows = [json.loads(line) for line in (root / "out" / "notebook" / "statements.jsonl").read_text(encoding="utf-8").splitlines()]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["actor"]] = counts.get(row["actor"], 0) + 1
    cell_ = "<td[^>]*>([^<]*)</td>"
    shown = {m[0]: int(m[3]) for m in re.findall("<tr>" + cell_ * 5 + "</tr>", html)}
    from html import unescape

    assert {unescape(k): v for k, v in shown.items()} == counts  # every actor once, with its statements


def test_reads_the_stance_of_its_own_sentences(executed):
    nb, _ = executed
    [cell] = [c for c in nb.cells if c.cell_type == "code" and "gb.classify_stance" in c.source]
    html = "".join(_text(o) for o in cell.outputs)
    stances = re.findall(r"<tr><td[^>]*>([^<]*)</td><td[^>]*>([^<]*)</td><td[^>]*>[0-9.]+</td></tr>", html)
    assert [s for _, s in stances] == ["supports", "opposes", "none"], stances
