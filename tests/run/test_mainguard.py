"""jobs > 1 from a script without `if __name__ == "__main__":`, in real subprocesses."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def run_script(tmp_path: Path, body: str, timeout: float = 600) -> subprocess.CompletedProcess:
    script = tmp_path / "script.py"
    script.write_text(textwrap.dedent(body), encoding="utf-8")
    return subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path,
                          timeout=timeout)


@pytest.mark.parametrize("body, expected", [
    ("from graphbuild.run.mainguard import unguarded_script\nprint(unguarded_script() is not None)\n", "True"),
    ("from graphbuild.run.mainguard import unguarded_script\n"
     "if __name__ == '__main__':\n    print(unguarded_script() is not None)\n", "False"),
    ("from graphbuild.run.mainguard import unguarded_script\n"
     "def main():\n    print(unguarded_script() is not None)\n"
     "if '__main__' == __name__:\n    main()\n", "False"),
    ("from graphbuild.run.mainguard import unguarded_script\n"
     "def main():\n    print(unguarded_script() is not None)\nmain()\n", "True"),
])
def test_the_script_top_level_is_recognised(tmp_path, body, expected):
    done = run_script(tmp_path, body, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == expected


def test_unguarded_build_with_two_jobs_runs_in_one_process_with_one_warning(tmp_path):
    # Before the fix this died with BrokenProcessPool: each spawned worker imported the
    # script, which started the build again.
    done = run_script(tmp_path, f"""
        import graphbuild as gb
        result = gb.build([{str(REPO / "seeds")!r}], "out", jobs=2, map_file=False)
        print(len(result.statements))
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    warning = [line for line in done.stderr.splitlines() if "UnguardedScriptWarning" in line]
    assert len(warning) == 1 and "outside `if __name__ == \"__main__\":`" in warning[0]
    assert "extracting in one process instead" in warning[0]
    assert "BrokenProcessPool" not in done.stderr and "Traceback" not in done.stderr
    lines = (tmp_path / "out" / "statements.jsonl").read_text(encoding="utf-8").splitlines()
    assert int(done.stdout.strip()) == len(lines) > 0
    assert all(json.loads(line)["doc_id"] for line in lines)
