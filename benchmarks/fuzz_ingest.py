"""Fuzz the ingest parsers for a few minutes and report what broke.

Every byte of an article comes from the open web. This feeds the readers
(``.txt``, ``.html``, ``.jsonl``, ``.jsonl.gz`` files through
:func:`graphbuild.read_documents`), the boilerplate scan and the metadata
parsers with generated input, and counts as a failure:

* any exception but :class:`~graphbuild.errors.InputError` escaping a reader
  that was given an ``on_error`` handler (one bad article would stop a batch);
* an error message of more than one line, or one not naming the file;
* a Document breaking its invariants: ``clean_text`` as long as ``text``,
  boilerplate ranges sorted, disjoint and inside the text, the title span
  inside the text, no empty text;
* the scan or a metadata parser raising, or giving offsets outside its input;
* one input taking longer than ``--slow`` seconds (runaway regular expressions, or
  work quadratic in the number of lines: ``scan-big`` repeats its input to 60,000
  characters);
* a document field that cannot be written as UTF-8 (a lone surrogate);
* for the generated hostile corpora (``deep``, ``bignum``, ``surrogate``,
  ``gz-bomb``: a corpus line nested thousands deep, numbers of thousands of digits,
  surrogate escapes in every field, a gzip whose one line expands to up to 128 MiB),
  a good line before or after the hostile one not read (after a bomb line more than
  64 MiB past the limit the rest of the file is given up, with an error that says
  so), or the reader holding more than 32 MB at once for a gzip bomb.

Engines: ``atheris`` (coverage-guided libFuzzer, ``pip install atheris``) when
it is installed, else ``hypothesis`` (random generation from structured
strategies, shrinking each failure to a small example). Each distinct failure
(exception type and innermost graphbuild frame) is printed once and its input
saved under ``--save`` for ``--replay``. docs/robustness.md has the results.

    python benchmarks/fuzz_ingest.py                        # 3 minutes, best engine available
    python benchmarks/fuzz_ingest.py --engine hypothesis --seconds 60
    python benchmarks/fuzz_ingest.py --replay fuzz-failures  # re-run saved failures after a fix
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import sys
import tempfile
import time
import traceback
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

KINDS = ("txt", "html", "jsonl", "jsonl.gz", "gz-raw", "scan", "scan-big", "metadata",
         "deep", "bignum", "surrogate", "gz-bomb")
# Kinds whose corpus is built from the input by a generator (the input's bytes choose
# its shape), each between a good line before and one after that must both be read.
GENERATED = ("deep", "bignum", "surrogate", "gz-bomb")
# Kinds that cost a tenth of a second or more an input, drawn only one time in 29.
HEAVY = ("scan-big", "gz-bomb")
# "scan-big" repeats its input to this many characters: a scan quadratic in the number of
# lines shows up as a slow input (30,000 "Share" lines took minutes before it was fixed).
BIG_CHARS = 60_000
# Which parser an input goes to (by its first byte, or drawn): every kind alike, but
# the heavy ones only one time in 29.
DRAW = tuple(k for k in KINDS if k not in HEAVY) * 4 + ("scan-big",)
# Most a reader may hold at once while it skips a gzip bomb's line.
BOMB_MEMORY = 32_000_000
FIELDS = ("id", "text", "title", "authors", "date", "source", "url", "extra")
# Tokens that steer generation towards the parsers' special cases (libFuzzer dictionary
# and hypothesis fragments): byte-order marks, line ends, JSON and HTML syntax, furniture.
TOKENS = [
    b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\x00\x00", b"\x00", b"\r\n", b"\r", b"\n\n", b"\xe2\x80\xa8",
    b"\xc3", b"\xed\xa0\x80", b'{"id": "a", "text": "', b'"}', b'", "title": ', b'"authors": [', b'"date": "',
    b"null", b"\\u0000", b"\\ud800", b"<html><body><article><p>", b"</p></article></body></html>",
    b"<script>", b"<meta name=\"author\" content=\"", b"By ", b"By: ", b"\xc2\xa9 2024 ", b"Related Content\n",
    b"The post ", b" appeared first on ", b"Source: ", b"Share\n", b"About the Author\n", b"Photo: ",
    b"is a senior fellow at ", b"January 5, 2024", b"2024-13-45", b"Jane Doe", b" and ", b"\xd0\x98\xd1\x81",
]
SAMPLES = [
    b"Sanctions Work\nBy Jane Doe\nJanuary 5, 2024\n\nThe minister said the plan would work.\nShare\n",
    b"\xef\xbb\xbfHeadline\r\nBy: John Roe, Senior Fellow\r\n\r\nA paragraph.\r\n\xc2\xa9 2023 Daily Planet\r\n",
    "Заголовок\nThe article, in UTF-16.\nRelated Content\nOther".encode("utf-16"),
    b'{"id": "a", "text": "Body one.", "title": "T", "authors": ["A B"], "date": "2024-01-02"}\n'
    b'{"id": "b", "text": "Body two.", "source": "X", "url": "https://x.org/b"}\n',
    b"<html><head><title>T</title><meta name=\"author\" content=\"Jane Doe\"></head>"
    b"<body><article><h1>T</h1><p>Jane Doe said the plan would work, and it did.</p></article></body></html>",
    b"The post Breaking Up Russia appeared first on The National Interest.\nJanusz Bugajski is a Senior Fellow "
    b"at the Jamestown Foundation.",
    b"Share\n",
]


@dataclass
class Report:
    started: float = field(default_factory=time.monotonic)
    tried: Counter = field(default_factory=Counter)
    failures: dict = field(default_factory=dict)  # key -> [description, count, saved path]
    slowest: tuple = (0.0, "")
    save: Path | None = None
    stop_after: float = float("inf")  # inputs

    def add(self, kind: str, data: bytes, key: str, description: str) -> None:
        if key in self.failures:
            self.failures[key][1] += 1
            return
        saved = None
        if self.save is not None:
            self.save.mkdir(parents=True, exist_ok=True)
            saved = self.save / f"{kind}-{hashlib.sha1(data).hexdigest()[:12]}.bin"
            saved.write_bytes(data)
        self.failures[key] = [description, 1, saved]
        print(f"FAILURE {kind}: {description}" + (f"  (input saved: {saved})" if saved else ""), flush=True)

    def summary(self, engine: str) -> str:
        took = time.monotonic() - self.started
        total = sum(self.tried.values())
        lines = [f"engine {engine}, {took:.0f} s: {total:,} inputs tried ({total / max(took, 1e-9):,.0f}/s)",
                 "  " + ", ".join(f"{k} {n:,}" for k, n in sorted(self.tried.items())),
                 f"  slowest input: {self.slowest[0]:.2f} s ({self.slowest[1]})",
                 f"{len(self.failures)} distinct failure(s)"]
        for description, count, saved in self.failures.values():
            lines.append(f"  {description}  [{count} input(s)]" + (f"  {saved}" if saved else ""))
        return "\n".join(lines)


class Violation(Exception):
    """An invariant the fuzzer checks did not hold."""


# --- generated hostile corpora ------------------------------------------------------------------
# Each takes the fuzzer's bytes as choices (so atheris mutates them and --replay rebuilds the
# same corpus) and returns (file suffix, file bytes, max_chars).

def _pick(data: bytes, i: int, options):
    return options[data[i] % len(options)] if len(data) > i else options[0]


def _filler(data: bytes, default: str = "x") -> str:
    text = data[4:40].decode("utf-8", errors="ignore")
    return json.dumps(text or default)[1:-1]


GOOD_BEFORE = {"id": "fuzz-good-1", "text": "Senator Jane Doe said the plan works."}
GOOD_AFTER = {"id": "fuzz-good-2", "text": "Professor John Roe said it fails."}


def _corpus(line: bytes) -> bytes:
    return (json.dumps(GOOD_BEFORE) + "\n").encode() + line + b"\n" + (json.dumps(GOOD_AFTER) + "\n").encode()


def gen_deep(data: bytes) -> tuple[str, bytes, int | None]:
    depth = _pick(data, 0, (50, 999, 1000, 3000, 5000, 20000, 100000, 400000))
    opener, closer = _pick(data, 1, (("[", "]"), ('{"a":', "}"), ("[{\"b\":", "}]")))
    field = _pick(data, 2, FIELDS)
    balanced = _pick(data, 3, (True, True, False))
    nest = opener * depth + '"' + _filler(data) + '"' + (closer * depth if balanced else closer * (depth // 2))
    line = f'{{"id": "deep", "text": "A b c.", "{field}": {nest}}}' if field not in ("id", "text") else \
        f'{{"id": "deep", "text": "A b c.", "{field}": {nest}, "title": "T"}}'
    return "jsonl", _corpus(line.encode()), None


def gen_bignum(data: bytes) -> tuple[str, bytes, int | None]:
    digits = _pick(data, 0, (4300, 4301, 4302, 5000, 20000, 100000, 1_000_000))
    shape = _pick(data, 1, ("{}", "-{}", "{}.5", "0.{}", "1e{}", "-1e-{}", "[{}]", "{{\"n\": {}}}"))
    field = _pick(data, 2, FIELDS)
    number = shape.format(str(1 + (data[3] % 9 if len(data) > 3 else 0)) * digits if "e" not in shape
                          else "9" * min(digits, 5000))
    line = f'{{"id": "big", "text": "A b c.", "{field}": {number}}}' if field != "id" else \
        f'{{"id": {number}, "text": "A b c."}}'
    return "jsonl", _corpus(line.encode()), None


_ESCAPES = ("\\ud800", "\\udfff", "\\udc00\\ud800", "\\ud83d\\ude00", "\\ud83d", "\\ud83dx\\ude00",
            "\\udbff\\udfff", "\\ud800\\ud800", "\\ude00")


def gen_surrogate(data: bytes) -> tuple[str, bytes, int | None]:
    row = {"id": "surr", "text": "Senator Jane Doe said the plan works.", "title": "T", "authors": "Ann Lee",
           "date": "2024-01-02", "source": "Daily", "url": "https://x.org/a"}
    parts = []
    for i, key in enumerate(row):
        value = json.dumps(row[key])[1:-1]
        if len(data) > i and data[i] % 3:  # two fields in three get an escape, somewhere
            at = data[i] % (len(value) + 1)
            value = value[:at] + _ESCAPES[data[i] % len(_ESCAPES)] + value[at:]
        if key == "authors" and len(data) > 8 and data[8] % 2:
            parts.append(f'"authors": ["{value}", "B{_ESCAPES[data[8] % len(_ESCAPES)]}C"]')
        else:
            parts.append(f'"{key}": "{value}"')
    line = "{" + ", ".join(parts) + "}"
    return "jsonl", _corpus(line.encode()), None


def gen_gz_bomb(data: bytes) -> tuple[str, bytes, int | None]:
    import zlib

    mib = _pick(data, 0, (2, 16, 128))
    fill = bytes([32 + (data[1] % 90 if len(data) > 1 else 1)]).replace(b'"', b"a").replace(b"\\", b"b")
    inside = _pick(data, 2, (True, False))
    max_chars = _pick(data, 3, (None, 1000, 200_000))
    gz = zlib.compressobj(1, zlib.DEFLATED, 31)  # gzip framing
    out = [gz.compress(_corpus(b"\0")[: _corpus(b"\0").index(b"\0")])]
    out.append(gz.compress(b'{"id": "bomb", "text": "' if inside else b""))
    block = fill * (1 << 20)
    out.extend(gz.compress(block) for _ in range(mib))
    out.append(gz.compress(b'"}' if inside else b""))
    tail = _corpus(b"\0")
    out.append(gz.compress(tail[tail.index(b"\0") + 1:]))
    out.append(gz.flush())
    return "jsonl.gz", b"".join(out), max_chars


GENERATORS = {"deep": gen_deep, "bignum": gen_bignum, "surrogate": gen_surrogate, "gz-bomb": gen_gz_bomb}


def check(kind: str, data: bytes, workdir: Path, slow: float, report: Report) -> tuple[str, str] | None:
    """Run one input through one parser; (failure key, description), or None when all is well."""
    report.tried[kind] += 1
    if kind in GENERATED:  # building the corpus (a 128 MiB gzip) is not the parser's time
        data = _generate(kind, data, workdir)
    start = time.monotonic()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _check_one(kind, data, workdir)
    except Violation as v:
        return f"{kind}:{str(v).split(':')[0]}", f"{kind}: {v}"
    except Exception as e:  # noqa: BLE001  (this is what the fuzzer looks for)
        frames = [f for f in traceback.extract_tb(e.__traceback__) if "/graphbuild/" in f.filename]
        where = f"{Path(frames[-1].filename).relative_to(REPO)}:{frames[-1].lineno}" if frames else "?"
        return f"{kind}:{type(e).__name__}:{where}", f"{kind}: {type(e).__name__} at {where}: {str(e)[:160]}"
    took = time.monotonic() - start
    if took > slow:  # once more, so a moment of a busy machine is not taken for a slow parser
        again = time.monotonic()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                _check_one(kind, data, workdir)
            except Exception:  # noqa: BLE001  (it passed the first time; only its time counts here)
                pass
        took = min(took, time.monotonic() - again)
    if took > report.slowest[0]:
        report.slowest = (took, f"{kind}, {len(data):,} bytes")
    if took > slow:
        return f"{kind}:slow", f"{kind}: one input took {took:.1f} s ({len(data):,} bytes)"
    return None


def _check_one(kind: str, data: bytes, workdir: Path) -> None:
    if kind in GENERATED:
        _check_generated(kind, data, workdir)
    elif kind in ("scan", "scan-big", "metadata"):
        text = data.decode("utf-8", errors="replace")
        if kind == "scan-big" and text:
            text = (text * (BIG_CHARS // len(text) + 1))[:BIG_CHARS]
        _check_text(kind, text)
    else:
        _check_file(kind, data, workdir)


def _check_file(kind: str, data: bytes, workdir: Path) -> None:
    from graphbuild.errors import InputError
    from graphbuild.text.ingest import read_documents

    suffix = {"gz-raw": "jsonl.gz"}.get(kind, kind)
    path = workdir / f"input.{suffix}"
    path.write_bytes(gzip.compress(data, mtime=0) if kind == "jsonl.gz" else data)
    errors: list = []
    # A size limit from the data itself, so the limit checks run too.
    max_chars = (len(data) // 3 or None) if data[-1:] == b"!" else None
    docs = list(read_documents([path], on_error=errors.append, max_chars=max_chars))
    for err in errors:
        if not isinstance(err, InputError):
            raise Violation(f"on_error got {type(err).__name__}")
        if "\n" in str(err) or "\r" in str(err) or not str(err).startswith(str(path)):
            raise Violation(f"error message not one line naming the file: {str(err)[:120]!r}")
    ids = [d.id for d in docs]
    if len(ids) != len(set(ids)):
        raise Violation("duplicate document ids yielded")
    for doc in docs:
        _check_document(doc)


def _generate(kind: str, data: bytes, workdir: Path) -> bytes:
    """Write the corpus ``data`` chooses; returns what _check_generated needs to find it."""
    suffix, content, max_chars = GENERATORS[kind](data)
    (workdir / f"input.{suffix}").write_bytes(content)
    return json.dumps([suffix, max_chars]).encode()


def _check_generated(kind: str, data: bytes, workdir: Path) -> None:
    import tracemalloc

    from graphbuild.errors import InputError
    from graphbuild.text.ingest import read_documents

    suffix, max_chars = json.loads(data)
    path = workdir / f"input.{suffix}"
    errors: list = []
    if kind == "gz-bomb":
        tracemalloc.start()
    try:
        docs = list(read_documents([path], on_error=errors.append, max_chars=max_chars))
        peak = tracemalloc.get_traced_memory()[1] if kind == "gz-bomb" else 0
    finally:
        tracemalloc.stop()
    if peak > BOMB_MEMORY:
        raise Violation(f"held {peak / 1e6:.0f} MB at once for a gzip line")
    for err in errors:
        if not isinstance(err, InputError) or "\n" in str(err) or not str(err).startswith(str(path)):
            raise Violation(f"error not one line naming the file: {str(err)[:120]!r}")
    ids = [d.id for d in docs]
    given_up = any("the rest of the file is not read" in str(e) for e in errors)
    if given_up and kind == "gz-bomb" and ids == [GOOD_BEFORE["id"]] and len(errors) == 1:
        return
    if ids[:1] != [GOOD_BEFORE["id"]] or ids[-1:] != [GOOD_AFTER["id"]]:
        raise Violation(f"good lines around the hostile one not read: got {ids}")
    if len(docs) + len(errors) != 3:
        raise Violation(f"the hostile line gave {len(docs) - 2} document(s) and {len(errors)} error(s)")
    for doc in docs:
        _check_document(doc)


def _check_document(doc) -> None:
    for value in (doc.id, doc.text, doc.title, doc.date, doc.outlet, doc.url, doc.source_path, *doc.authors):
        try:
            (value or "").encode("utf-8")
        except UnicodeEncodeError:
            raise Violation("a document field cannot be written as UTF-8 (lone surrogate)") from None
    n = len(doc.text)
    if not doc.text.strip():
        raise Violation("a document with empty text")
    if len(doc.clean_text) != n:
        raise Violation("clean_text length differs from text")
    last = -1
    for a, b in doc.boilerplate:
        if not (0 <= a < b <= n) or a <= last:
            raise Violation(f"boilerplate ranges not sorted, disjoint and inside the text: {doc.boilerplate[:5]}")
        last = b
    if doc.title_span is not None and not (0 <= doc.title_span[0] < doc.title_span[1] <= n):
        raise Violation(f"title span outside the text: {doc.title_span} of {n}")


def _check_text(kind: str, text: str) -> None:
    from graphbuild.text import boilerplate, language, metadata
    from graphbuild.text.ingest import document_from_text

    if kind in ("scan", "scan-big"):
        if text.strip():
            _check_document(document_from_text("fuzz", text))
        title = text.splitlines()[0] if text.splitlines() else None
        s = boilerplate.scan(text, title=title)
        if s.title_span is not None and text[slice(*s.title_span)].translate(boilerplate._QUOTES) != \
                (s.title or "").translate(boilerplate._QUOTES):
            raise Violation(f"title span does not hold the title: {s.title_span} {s.title!r}")
        language.looks_english(text)
        return
    found = metadata.find_date(text)
    if found is not None and not (0 <= found[1] < found[2] <= len(text)):
        raise Violation(f"find_date offsets outside the text: {found}")
    metadata.parse_date(text)
    metadata.split_authors(text)
    metadata.is_person_name(text)
    metadata.bio_author(text)
    for line in text.splitlines() or [text]:
        byline = metadata.parse_byline(line)
        if byline is not None and not 0 <= byline[1] < len(line):
            raise Violation(f"parse_byline start outside the line: {byline}")


# --- engines -----------------------------------------------------------------------------------

def _instrument() -> None:
    """Coverage instrumentation for atheris: must run before graphbuild is first imported."""
    import atheris

    with atheris.instrument_imports(include=["graphbuild"]):
        import graphbuild.text.boilerplate  # noqa: F401
        import graphbuild.text.furniture  # noqa: F401
        import graphbuild.text.ingest  # noqa: F401
        import graphbuild.text.language  # noqa: F401
        import graphbuild.text.metadata  # noqa: F401
        import graphbuild.text.lines  # noqa: F401


def run_atheris(seconds: float, workdir: Path, slow: float, report: Report) -> None:
    import atheris

    deadline = time.monotonic() + seconds

    def one_input(data: bytes) -> None:
        if time.monotonic() > deadline or sum(report.tried.values()) >= report.stop_after:
            print(report.summary("atheris"), flush=True)
            os._exit(1 if report.failures else 0)  # libFuzzer would exit without our summary
        # scan-big by count, not by the data: its large texts give libFuzzer new coverage
        # all the time, so chosen by the data it would take over the run.
        small = tuple(k for k in DRAW if k not in HEAVY)
        kinds = [small[data[0] % len(small)] if data else "txt"]
        if sum(report.tried.values()) % len(DRAW) == 0:
            kinds.append(HEAVY[sum(report.tried.values()) // len(DRAW) % len(HEAVY)])
        for kind in kinds:
            failure = check(kind, data[1:], workdir, slow, report)
            if failure:
                report.add(kind, data[1:], *failure)

    corpus = workdir / "corpus"
    corpus.mkdir()
    small = tuple(k for k in DRAW if k not in HEAVY)
    for i, sample in enumerate(SAMPLES):
        for kind in set(small):
            (corpus / f"s{i}-{kind}").write_bytes(bytes([small.index(kind)]) + sample)
    dictionary = workdir / "tokens.dict"
    hexed = ("".join("\\x%02x" % b for b in token) for token in TOKENS)
    dictionary.write_text("".join(f'"{h}"\n' for h in hexed), encoding="ascii")
    atheris.Setup([sys.argv[0], "-max_len=4096", f"-dict={dictionary}", "-timeout=600", "-rss_limit_mb=4096",
                   "-print_final_stats=0", "-print_pcs=0", str(corpus)], one_input)
    atheris.Fuzz()


def run_hypothesis(seconds: float, workdir: Path, slow: float, report: Report) -> None:
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    class Found(Exception):
        pass

    encodings = st.sampled_from(["utf-8", "utf-16", "utf-32", "latin-1", "utf-8-sig"])
    text = st.text(max_size=600)
    fragments = st.lists(st.one_of(st.sampled_from(TOKENS + SAMPLES), st.binary(max_size=20)), max_size=30).map(b"".join)
    value = st.one_of(st.text(max_size=40), st.integers(), st.none(), st.booleans(), st.floats(),
                      st.lists(st.text(max_size=8), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2))
    record = st.dictionaries(st.sampled_from(["id", "text", "title", "authors", "date", "source", "url", "x"]), value)
    jsonl = st.lists(st.one_of(record.map(json.dumps), st.text(max_size=30)), max_size=6).map(
        lambda rows: "\n".join(rows).encode("utf-8", errors="surrogatepass"))
    payload = st.one_of(st.binary(max_size=2048), st.tuples(text, encodings).map(
        lambda t: t[0].encode(t[1], errors="replace")), fragments, jsonl)

    @settings(max_examples=200, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(kind=st.sampled_from(DRAW[:-1] * 2 + HEAVY), data=payload)
    def one_round(kind: str, data: bytes) -> None:
        failure = check(kind, data, workdir, slow, report)
        if failure:
            raise Found(kind, data, failure)

    deadline = time.monotonic() + seconds
    shown = 0
    while time.monotonic() < deadline and sum(report.tried.values()) < report.stop_after:
        if sum(report.tried.values()) >= shown + 10_000:  # a long run shows how far it is
            shown = sum(report.tried.values()) // 10_000 * 10_000
            print(f"  {shown:,} inputs, {len(report.failures)} failure(s), "
                  f"{time.monotonic() - report.started:.0f} s", flush=True)
        try:
            one_round()
        except Found as found:  # raised again for the shrunk example: record that one
            kind, data, failure = found.args
            report.add(kind, data, *failure)
        except BaseExceptionGroup as group:  # hypothesis could not make it fail again (a timing)
            for found in _found_in(group, Found):
                kind, data, (key, description) = found.args
                report.add(kind, data, key + ":flaky", description + " (not reproduced on rerun)")


def _found_in(group: BaseExceptionGroup, kind: type) -> list:
    found = []
    for e in group.exceptions:
        if isinstance(e, BaseExceptionGroup):
            found.extend(_found_in(e, kind))
        elif isinstance(e, kind):
            found.append(e)
    return found


def replay(folder: Path, workdir: Path, slow: float, report: Report) -> None:
    for path in sorted(folder.glob("*.bin")):
        kind = next(k for k in sorted(KINDS, key=len, reverse=True) if path.name.startswith(k + "-"))
        failure = check(kind, path.read_bytes(), workdir, slow, report)
        print(f"{path.name}: {'FAILS ' + failure[1] if failure else 'ok'}")
        if failure:
            report.failures[failure[0]] = [failure[1], 1, path]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seconds", type=float, default=180, help="How long to fuzz (default 180).")
    ap.add_argument("--engine", choices=["auto", "atheris", "hypothesis"], default="auto",
                    help="atheris when installed (auto), else hypothesis.")
    ap.add_argument("--inputs", type=int, default=None, help="Stop after this many inputs (or --seconds).")
    ap.add_argument("--slow", type=float, default=5.0, help="Seconds after which one input counts as a failure.")
    ap.add_argument("--save", type=Path, default=Path("fuzz-failures"), help="Folder for failing inputs.")
    ap.add_argument("--replay", type=Path, default=None, help="Re-run the inputs saved in this folder and stop.")
    args = ap.parse_args()
    report = Report(save=None if args.replay else args.save)
    with tempfile.TemporaryDirectory(prefix="gb-fuzz-") as tmp:
        workdir = Path(tmp)
        if args.replay:
            replay(args.replay, workdir, args.slow, report)
            print(report.summary("replay"))
            return 1 if report.failures else 0
        engine = args.engine
        if engine == "auto":
            try:
                import atheris  # noqa: F401
                engine = "atheris"
            except ImportError:
                engine = "hypothesis"
        if engine == "atheris":
            _instrument()
        # Warm up (imports, lexicons, trafilatura) so no input is timed with them.
        for kind in KINDS:
            for sample in SAMPLES:
                check(kind, sample, workdir, float("inf"), report)
        report = Report(save=args.save, stop_after=args.inputs or float("inf"))
        print(f"fuzzing the ingest parsers for {args.seconds:.0f} s with {engine}", flush=True)
        (run_atheris if engine == "atheris" else run_hypothesis)(args.seconds, workdir, args.slow, report)
        print(report.summary(engine))
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
