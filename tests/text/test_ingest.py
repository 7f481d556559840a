"""Reading articles (graphbuild/ingest.py): seeds, corpora, HTML, and every kind of bad input."""
from __future__ import annotations

import gzip
import json
import tempfile
import warnings
from itertools import islice
from pathlib import Path

import pytest

import graphbuild.text.ingest as ingest
from graphbuild.errors import InputError
from graphbuild.text.ingest import InputWarning, document_from_text, read_document, read_documents

SEEDS = {
    "000_5cc2ea6aac582717": ("Brandon J. Weichert",),
    "001_8efe145ea01ff212": ("Janusz Bugajski",),
    "002_2728712bdb664b10": (),
    "003_ab5c1ee562d8710b": (),
    "004_c24847f011466667": ("Sarah Fields",),
}
OUTLETS = {"000": "The National Interest", "001": "Washington Examiner", "002": "Foreign Policy",
           "003": None, "004": "The Washington Post"}
TITLES = {"000": "Breaking Up Russia Is a Dangerous Fantasy",
          "001": "Dealing with Moscow after Russia is defeated in Ukraine",
          "002": "Ukraine’s Offensive Bolsters Russia’s Separatists",
          "003": None,  # the file opens with a paragraph: it has no headline
          "004": None}  # it opens with "Published by …" and a byline, then the dateline paragraph

# Per seed: furniture that must be gone from clean_text, and article sentences around it that must stay.
FURNITURE = {
    "000": (["Данное сообщение", "Topic: Diplomacy", "By: Brandon J. Weichert", "\nShare\n", "About the Author",
             "is a senior national security editor", "Image: Shutterstock", "appeared first on",
             "Источник: nationalinterest.org"],
            ["The “Free Nations of Post-Russia Forum” is fundamentally an opposition exile movement",
             "Reality will assert itself eventually.", "Breaking Up Russia Is a Dangerous Fantasy"]),
    "001": (["Crimea Russia Putin Anniversary", "Kremlin Press Service Pool Photo via AP",
             "RUSSIA’S PUTIN MAKES SURPRISE VISIT", "CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",
             "is\xa0a Senior Fellow at the Jamestown Foundation", "© 2023", "Related Content"],
            ["It’s clear that Russia faces a potential military calamity in Ukraine.",
             "Devastating military losses will chronically weaken the Russian state.",
             "Diplomatic support must be afforded to all post-Russia republics",
             "While the West cannot determine Russia’s dissolution"]),
    "002": (["appeared first on Foreign Policy"],
            ["As Mezerin told me, there’s no room for fatalism.", "Otherwise, I would have no reason to go on living."]),
    "003": (["(Sergey Ponomarev/The New York Times)", "Related Publications", "Potemkin Peacemaker",
             "Type: Analysis", "View All Publications"],
            ["a vital ally is Russia’s own civil society", "Close to a million Russians have fled their country",
             "Russians in exile, even the many who take risks to oppose Putin’s policies"]),
    "004": (["Published by The Washington Post", "By: Sarah Fields", "\n.\n"],
            ["Moscow — Evidence is mounting", "Political Fragmentation and Unrest", "it’s clear that Russia is at a tipping point."]),
}


@pytest.fixture(scope="module")
def seeds(seeds_dir):
    return {d.id[:3]: d for d in read_documents([seeds_dir])}


def test_seed_folder_reads_all_five_in_order(seeds_dir):
    assert [d.id for d in read_documents([seeds_dir])] == list(SEEDS)


@pytest.mark.parametrize("doc_id", list(SEEDS))
def test_seed_authors(seeds, doc_id):
    assert seeds[doc_id[:3]].authors == SEEDS[doc_id]


@pytest.mark.parametrize("key", list(OUTLETS))
def test_seed_outlets_and_titles(seeds, key):
    doc = seeds[key]
    assert doc.outlet == OUTLETS[key]
    assert doc.title == TITLES[key]
    if doc.title is None:
        assert doc.title_span is None
    else:
        assert doc.text[slice(*doc.title_span)] == doc.title


def test_seed_dates(seeds):
    assert seeds["000"].date == "2025-12-29"
    assert seeds["004"].date == "2024-11-05"
    assert seeds["001"].date == "2023"


@pytest.mark.parametrize("key", list(FURNITURE))
def test_seed_furniture_is_blanked_and_article_kept(seeds, key):
    doc = seeds[key]
    gone, kept = FURNITURE[key]
    assert len(doc.clean_text) == len(doc.text)
    for s in gone:
        assert s in doc.text and s not in doc.clean_text, s
    for s in kept:
        assert s in doc.clean_text, s


def test_seed_related_block_is_blanked_to_the_end(seeds):
    doc = seeds["003"]
    assert doc.clean_text[doc.text.index("Related Publications"):].strip() == ""


def test_seed_blanking_is_a_small_share_of_each_article(seeds):
    # 000 loses a long author bio (17%); 003 ends in a list of other publications, cut off here.
    for doc in seeds.values():
        end = doc.text.find("Related Publications") % (len(doc.text) + 1)
        blank = sum(min(e, end) - s for s, e in doc.boilerplate if s < end)
        assert blank < 0.2 * end, doc.id


def _gold_evidence(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        for triple in row["triples"]:
            if triple.get("evidence"):
                yield row["doc_id"], triple["evidence"], triple.get("optional", False)


@pytest.mark.parametrize("corpus", ["seeds", "guns"])
def test_gold_evidence_survives_cleaning(seeds_dir, shared_dir, corpus):
    inputs = [seeds_dir] if corpus == "seeds" else [shared_dir / "eval" / "guns" / "corpus.jsonl"]
    docs = {d.id: d for d in read_documents(inputs)}
    checked = 0
    for doc_id, evidence, _ in _gold_evidence(shared_dir / "eval" / corpus / "gold.jsonl"):
        doc = docs[doc_id]
        at = doc.text.find(evidence)
        assert at >= 0, evidence
        assert doc.clean_text[at:at + len(evidence)] == evidence, f"{doc_id}: blanked evidence {evidence!r}"
        checked += 1
    assert checked >= 30


def test_guns_corpus_reads_every_record_and_blanks_only_furniture(shared_dir):
    errors = []
    docs = {d.id: d for d in read_documents([shared_dir / "eval" / "guns" / "corpus.jsonl"], on_error=errors.append)}
    assert errors == [] and len(docs) == 12
    for doc in docs.values():
        assert doc.title and doc.outlet  # the corpus gives them
        assert sum(e - s for s, e in doc.boilerplate) < 0.15 * len(doc.text), doc.id
    # Spot checks: exactly the furniture, nothing else.
    nr = docs["p5FYRpHgmxVv1SPH"]
    assert [nr.text[s:e] for s, e in nr.boilerplate] == ["(Molly Riley/Reuters)"] + ["Advertisement"] * 4
    wt = docs["Mk7CZEVxsdtkwWo0"]
    assert [wt.text[s:e] for s, e in wt.boilerplate] == [
        "ANALYSIS/OPINION:", "ANALYSIS/OPINION:",  # the genre kicker, twice
        "Sign up for Charles Hurt's Newsletter",
        "Copyright © 2019 The Washington Times, LLC. Click here for reprint permission."]
    bbc = docs["rxdRVzKX9QM9XKRy"]
    assert all(bbc.text[s:e].strip().endswith("caption") for s, e in bbc.boilerplate)


def test_allsides_corpus_streams_gzip(shared_dir):
    path = shared_dir / "data" / "allsides" / "russia_ukraine.jsonl.gz"
    docs = list(islice(read_documents([path]), 200))
    assert len(docs) == 200 and len({d.id for d in docs}) == 200
    shares = sorted(sum(e - s for s, e in d.boilerplate) / len(d.text) for d in docs)
    assert shares[len(shares) // 2] < 0.02  # the typical article loses almost nothing


# --- corpora, HTML and metadata precedence -------------------------------------------------

def _jsonl(path, rows, opener=open):
    with opener(path, "wt", encoding="utf-8") as f:
        for row in rows:
            f.write((row if isinstance(row, str) else json.dumps(row, ensure_ascii=False)) + "\n")
    return path


ROWS = [{"id": "a1", "title": "Sanctions Are Working", "authors": "Jane Doe, John Roe", "date": "March 5, 2024",
         "source": "Daily Planet", "url": "https://example.org/a1",
         "text": "Sanctions Are Working\nBy Someone Else\nThe sanctions have cut deeply.\nShare"},
        {"id": "a2", "text": "Headline Two\nBy Ann Lee\nIt rained in Moscow.\n© 2020 Daily Bugle"}]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_corpus_records_read_with_record_metadata_winning_but_the_texts_own_writer_first(tmp_path, suffix):
    path = _jsonl(tmp_path / f"c{suffix}", ROWS, gzip.open if suffix.endswith(".gz") else open)
    a1, a2 = read_documents([path])
    assert (a1.id, a1.title, a1.authors, a1.date, a1.outlet, a1.url) == (
        "a1", "Sanctions Are Working", ("Someone Else", "Jane Doe", "John Roe"), "2024-03-05", "Daily Planet",
        "https://example.org/a1")
    assert a1.text == ROWS[0]["text"] and a1.text[slice(*a1.title_span)] == a1.title
    assert "Share" not in a1.clean_text and "By Someone Else" not in a1.clean_text
    assert (a2.title, a2.authors, a2.outlet, a2.date) == ("Headline Two", ("Ann Lee",), "Daily Bugle", "2020")
    assert a1.source_path == str(path)


def test_the_texts_own_writer_beats_a_scraped_author_field(tmp_path):
    body = ("The new bill leaves the worst provisions of the old law in place.\n\n"
            "It also takes several steps toward a working market for insurance.\n\n"
            "Dana R. Whitfield is president, CEO, and John Q. Adams Fellow in Health Policy at the "
            "Center for Market Studies.")
    rows = [{"id": "op", "authors": "Phil Wahl, Terry Cole", "text": body},  # the site's other writers
            {"id": "news", "authors": "Steve Hale", "text": "By Steve Hale and Andrew Oakes\n\nIt rained in Moscow."}]
    op, news = read_documents([_jsonl(tmp_path / "c.jsonl", rows)])
    assert op.author == "Dana R. Whitfield" and op.authors[1:] == ("Phil Wahl", "Terry Cole")
    assert news.authors == ("Steve Hale", "Andrew Oakes")  # a co-author the record left out comes after


def test_html_is_extracted_with_trafilatura(tmp_path):
    page = tmp_path / "planet.html"
    paragraph = "The sanctions imposed on Moscow in 2022 have cut deeply into the Russian economy."
    page.write_text(f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Sanctions Are Working | Daily Planet</title><meta name="author" content="Jane Doe">
<meta property="og:site_name" content="Daily Planet"><meta property="og:title" content="Sanctions Are Working">
<meta name="date" content="2024-03-05"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav><article><h1>Sanctions Are Working</h1>
<p>{paragraph} The evidence shows that the pressure is working as intended.</p>
<p>Western governments should keep the pressure on until the Kremlin withdraws its forces from Ukraine.</p>
<p>Critics argue that the measures hurt ordinary Russians more than the elite, but the data disagree.</p>
</article><footer><p>© 2024 Daily Planet. All rights reserved.</p></footer></body></html>""", encoding="utf-8")
    doc = read_document(page)
    assert (doc.id, doc.title, doc.authors, doc.outlet, doc.date) == (
        "planet", "Sanctions Are Working", ("Jane Doe",), "Daily Planet", "2024-03-05")
    assert paragraph in doc.clean_text and "Home" not in doc.text
    assert doc.text[slice(*doc.title_span)] == doc.title


def test_html_without_article_text_is_an_input_error(tmp_path):
    page = tmp_path / "empty.html"
    page.write_text("<html><head><title>Nothing</title></head><body><img src='a.png'></body></html>",
                    encoding="utf-8")
    with pytest.raises(InputError, match="empty.html: no article text"):
        read_document(page)


def test_document_from_text_normalises_given_metadata():
    doc = document_from_text("x", "Big Title\nBody text here.", authors="A B, C D", date="Nov. 5, 2024")
    assert (doc.authors, doc.date, doc.title) == (("A B", "C D"), "2024-11-05", "Big Title")
    assert document_from_text("y", "Body.", date="sometime in spring").date == "sometime in spring"


def test_folders_are_walked_sorted_skipping_hidden_and_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zed story.\nIt rained.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Ay story.\nIt snowed.", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "h.txt").write_text("Hidden.", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    assert [d.id for d in read_documents([tmp_path])] == ["a", "z"]


# --- bad input: one InputError naming file and line, and the batch goes on --------------------

def _read(inputs, **kwargs):
    errors: list[InputError] = []
    docs = list(read_documents(inputs, on_error=errors.append, **kwargs))
    return docs, errors


def test_bad_corpus_lines_each_give_one_error_and_the_rest_is_read(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", [
        {"id": "ok1", "text": "First article."},
        '{"id": "broken", "text": "no closing brace"',
        {"id": "notext", "title": "T"},
        {"id": "badtitle", "text": "Body.", "title": 123},
        {"id": "ok1", "text": "Same id again."},
        '[1, 2]',
        {"id": "badauthors", "text": "Body.", "authors": 7},
        {"id": "  ", "text": "Body."},
        {"id": "emptytext", "text": "  "},
        "",
        {"id": "ok2", "text": "Last article."},
    ])
    docs, errors = _read([path])
    assert [d.id for d in docs] == ["ok1", "ok2"]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6, 7, 8, 9]
    assert all(e.path == str(path) and str(e).startswith(f"{path}:{e.line}: ") for e in errors)
    reasons = [e.reason for e in errors]
    assert "not valid JSON" in reasons[0] and reasons[1] == "missing 'text'"
    assert "'title' must be a string" in reasons[2] and "duplicate id 'ok1'" in reasons[3]
    assert "JSON object" in reasons[4] and "'authors'" in reasons[5]


def test_bad_files_give_one_error_each_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A headline\nThe article.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n\n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (tmp_path / "image.jsonl").write_bytes(b"\x00\x01\x02\x03" * 500 + b"\n" * 20)
    (tmp_path / "fake.jsonl.gz").write_bytes(b"not gzip at all\n")
    docs, errors = _read([tmp_path / n for n in
                          ("empty.txt", "blank.jsonl", "image.txt", "image.jsonl", "fake.jsonl.gz", "missing.txt")]
                         + [good])
    assert [d.id for d in docs] == ["good"]
    assert [(e.path.rsplit("/", 1)[-1], e.line) for e in errors] == [
        ("empty.txt", None), ("blank.jsonl", None), ("image.txt", None), ("image.jsonl", None),
        ("fake.jsonl.gz", None), ("missing.txt", None)]
    assert "empty" in errors[0].reason and "empty" in errors[1].reason
    assert "binary" in errors[2].reason and "binary" in errors[3].reason


def test_without_a_handler_the_first_bad_input_raises(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(InputError, match="empty.txt: empty file"):
        list(read_documents([tmp_path / "empty.txt"]))


def test_reading_is_lazy(tmp_path):
    # A bad last line does not stop the first document from arriving.
    path = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": "First."}, "{broken"])
    stream = read_documents([path])
    assert next(stream).id == "a"
    with pytest.raises(InputError, match=r"c.jsonl:2: not valid JSON"):
        next(stream)


def test_duplicate_id_across_inputs_names_the_corpus_line(tmp_path):
    (tmp_path / "a1.txt").write_text("An article.", encoding="utf-8")
    path = _jsonl(tmp_path / "c.jsonl", [{"id": "b", "text": "B."}, {"id": "a1", "text": "Again."}])
    docs, errors = _read([tmp_path / "a1.txt", path])
    assert [d.id for d in docs] == ["a1", "b"]
    assert len(errors) == 1 and errors[0].line == 2 and "duplicate document id 'a1'" in errors[0].reason


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes("Caf\xe9 society.\nThe article goes on.".encode("latin-1"))
    with pytest.warns(InputWarning, match=r"latin.txt: invalid utf-8 at byte 3"):
        doc = read_document(path)
    assert doc.text == "Caf\ufffd society.\nThe article goes on."


def test_invalid_utf8_in_a_corpus_line_names_the_line(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "Caf\xe9"}\n')
    with pytest.warns(InputWarning, match=r"c.jsonl:2: invalid utf-8"):
        docs, errors = _read([path])
    assert errors == [] and docs[1].text == "Caf\ufffd"


def test_utf16_with_bom(tmp_path):
    text = "Заголовок\r\nThe article, in UTF-16.\r\nShare"
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    rows = "\r\n".join(json.dumps(r, ensure_ascii=False) for r in ({"id": "x", "text": "Привет."},
                                                                   {"id": "y", "text": "Second."}))
    (tmp_path / "u16.jsonl").write_bytes(rows.encode("utf-16"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # decoding with the BOM's codec is clean: no warning
        docs, errors = _read([tmp_path / "u16.txt", tmp_path / "u16.jsonl"])
    assert errors == []
    assert [d.text for d in docs] == [text, "Привет.", "Second."]
    assert docs[0].clean_text.endswith("\r\n     ")


def test_crlf_text_keeps_its_line_ends_and_offsets(tmp_path):
    text = "A Headline\r\nBy Jane Doe\r\nThe article says something.\r\nShare\r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    doc = read_document(path)
    assert doc.text == text and len(doc.clean_text) == len(text)
    assert (doc.title, doc.authors) == ("A Headline", ("Jane Doe",))
    assert doc.text[slice(*doc.title_span)] == "A Headline"
    assert doc.clean_text.count("\r\n") == 4 and "Share" not in doc.clean_text


def test_max_chars_refuses_long_documents_and_goes_on(tmp_path):
    (tmp_path / "long.txt").write_text("word " * 100, encoding="utf-8")
    (tmp_path / "short.txt").write_text("Short one.", encoding="utf-8")
    path = _jsonl(tmp_path / "c.jsonl", [{"id": "big", "text": "x" * 200}, {"id": "small", "text": "ok"}])
    docs, errors = _read([tmp_path / "long.txt", tmp_path / "short.txt", path], max_chars=100)
    assert [d.id for d in docs] == ["short", "small"]
    assert [(e.path.rsplit("/", 1)[-1], e.line) for e in errors] == [("long.txt", None), ("c.jsonl", 1)]
    assert all("max_chars=100" in e.reason for e in errors)


def test_read_document_refuses_corpora_and_missing_files(tmp_path):
    path = _jsonl(tmp_path / "c.jsonl", [{"id": "a", "text": "A."}])
    with pytest.raises(InputError, match="use read_documents"):
        read_document(path)
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")


def test_empty_folder_is_reported(tmp_path):
    (tmp_path / "sub").mkdir()
    docs, errors = _read([tmp_path / "sub"])
    assert docs == [] and len(errors) == 1 and "folder has no" in errors[0].reason



def test_an_annotated_debate_folder_reads_its_corpus_and_skips_its_gold(tmp_path):
    # eval/<debate>/ keeps gold.jsonl (and a run may leave statements.jsonl) beside corpus.jsonl
    _jsonl(tmp_path / "corpus.jsonl", ROWS)
    _jsonl(tmp_path / "gold.jsonl", [{"doc_id": "a1", "actors": {}, "triples": []}])
    _jsonl(tmp_path / "statements.jsonl", [{"doc_id": "a1", "actor": "Jane Doe", "claim": "c", "stance": "supports"}])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        docs, errors = _read([tmp_path])
    assert [d.id for d in docs] == ["a1", "a2"] and errors == []
    skipped = sorted(str(w.message).split(":")[0].rsplit("/", 1)[-1] for w in caught
                     if issubclass(w.category, InputWarning))
    assert skipped == ["gold.jsonl", "statements.jsonl"]
    # the store's change detection and the progress bar see the same files
    assert [f.name for f in ingest.input_files([tmp_path])] == ["corpus.jsonl"]
    assert ingest.count_documents([tmp_path]) == 2


def test_a_folder_of_records_only_and_an_explicit_gold_file_are_errors_that_say_why(tmp_path):
    gold = _jsonl(tmp_path / "gold.jsonl", [{"doc_id": "a1", "triples": []}, {"doc_id": "a2", "triples": []}])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        docs, errors = _read([tmp_path])
    assert docs == [] and [e.reason for e in errors] == [
        "folder has no articles, only records about them (keyed by 'doc_id')"]
    docs, errors = _read([gold])  # named explicitly: read as a corpus, each line says what it is
    assert docs == [] and [e.line for e in errors] == [1, 2]
    assert all("keyed by 'doc_id'" in e.reason for e in errors)


def test_a_folder_jsonl_that_is_broken_is_still_read_as_a_corpus_and_reported(tmp_path):
    _jsonl(tmp_path / "c.jsonl", ['{"doc_id": "x", "text"', {"id": "ok", "text": "A fine article."}])
    docs, errors = _read([tmp_path])
    assert [d.id for d in docs] == ["ok"] and [e.line for e in errors] == [1]

# -- hostile corpus lines (issue 16) ------------------------------------------------------------

GOOD_LINE = {"id": "ok", "text": "Senator Jane Doe said the plan works."}
LAST_LINE = {"id": "last", "text": "Professor John Roe said it fails."}


@pytest.mark.parametrize("bad, reason", [
    ('{"id":"b","text":"x y","authors":' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
    ('{"id":"b","text":"x y","date":' + "9" * 5000 + "}", "number too long"),
    ('{"id":"b","text":"x y","n":' + "1" * 5000 + ".5}", None),  # a float this long is fine: it is ignored
])
def test_deep_nesting_and_huge_numbers_cost_one_line(tmp_path, bad, reason):
    path = _jsonl(tmp_path / "c.jsonl", [GOOD_LINE, bad, LAST_LINE])
    docs, errors = _read([path])
    if reason is None:
        assert [d.id for d in docs] == ["ok", "b", "last"] and errors == []
        return
    assert [d.id for d in docs] == ["ok", "last"]
    assert [(e.line, reason in e.reason) for e in errors] == [(2, True)], [str(e) for e in errors]
    assert "\n" not in str(errors[0]) and len(str(errors[0])) < 200


@pytest.mark.parametrize("field", ["id", "text", "title", "authors", "authors-list", "date", "source", "url"])
def test_a_lone_surrogate_in_any_field_is_replaced_with_a_warning(tmp_path, field):
    key = field.split("-")[0]
    row = {"id": "s", "text": "Senator Jane Doe said the plan works.", "title": "T", "authors": "Ann Lee",
           "date": "2024-01-02", "source": "Daily", "url": "https://x.org/a"}
    row[key] = (["Ann \ud800Lee"] if field == "authors-list" else
                row[key][:3] + "\ud800" + row[key][3:])
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(GOOD_LINE) + "\n" + json.dumps(row) + "\n", encoding="utf-8")
    assert "\\ud800" in path.read_text(encoding="utf-8"), "the surrogate is a JSON escape in the file"
    with pytest.warns(InputWarning, match=r"c.jsonl:2: lone surrogate .*replaced with U\+FFFD") as caught:
        docs, errors = _read([path])
    assert errors == [] and [d.id for d in docs][0] == "ok" and len(docs) == 2
    assert len([w for w in caught if issubclass(w.category, InputWarning)]) == 1
    doc = docs[1]
    values = [doc.id, doc.text, doc.title or "", *doc.authors, doc.date or "", doc.outlet or "", doc.url or ""]
    assert any("\ufffd" in v for v in values)
    for v in values:
        v.encode("utf-8")  # every field can now be written


def _gzip_corpus(path, line_mib: int):
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write((json.dumps(GOOD_LINE) + "\n").encode())
        f.write(b'{"id": "bomb", "text": "')
        chunk = b"a " * (1 << 19)
        for _ in range(line_mib):
            f.write(chunk)
        f.write(b'"}\n')
        f.write((json.dumps(LAST_LINE) + "\n").encode())
    return path


@pytest.mark.parametrize("line_mib, read_after", [(32, True), (512, False)])
def test_a_gzip_bomb_line_is_refused_as_it_streams(tmp_path, line_mib, read_after):
    """A long line is skipped as it streams, never held; one that goes on for more than 64 MiB past
    the limit is a bomb (0.5 MB of gzip here): the rest of that file is given up, with one error."""
    import time
    import tracemalloc

    path = _gzip_corpus(tmp_path / "bomb.jsonl.gz", line_mib)
    assert path.stat().st_size < 2_000_000
    tracemalloc.start()
    started = time.monotonic()
    docs, errors = _read([path], max_chars=10_000)
    took = time.monotonic() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [d.id for d in docs] == (["ok", "last"] if read_after else ["ok"])
    assert [e.line for e in errors] == [2] and "line is longer than" in errors[0].reason
    assert ("the rest of the file is not read" in errors[0].reason) != read_after, errors[0].reason
    assert peak < 20_000_000, f"{peak:,} bytes held for a {line_mib} MiB line"
    assert took < 30


def test_lines_are_capped_without_max_chars_too(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"id": "big", "text": "' + b"a " * (ingest.PARSER_MAX_CHARS * 7) + b'"}\n'
                     + (json.dumps(LAST_LINE) + "\n").encode())
    docs, errors = _read([path])
    assert [d.id for d in docs] == ["last"]
    assert [e.line for e in errors] == [1] and "line is longer than" in errors[0].reason


def test_documents_longer_than_the_parser_takes_are_refused_up_front(tmp_path):
    import time

    (tmp_path / "huge.txt").write_bytes(b"word " * (10 * 1024 * 1024))  # 50 MB
    (tmp_path / "long.txt").write_text("Word. " * (ingest.PARSER_MAX_CHARS // 6 + 10), encoding="utf-8")
    path = _jsonl(tmp_path / "c.jsonl", [{"id": "big", "text": "x " * (ingest.PARSER_MAX_CHARS // 2 + 1)}])
    started = time.monotonic()
    docs, errors = _read([tmp_path / "huge.txt", tmp_path / "long.txt", path])
    assert time.monotonic() - started < 10
    assert docs == [] and len(errors) == 3
    assert all("more than the parser takes" in e.reason for e in errors), [str(e) for e in errors]


@pytest.mark.parametrize("name, data", [
    ("paper.txt", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"),
    ("paper.jsonl", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n"),
    ("archive.txt", b"PK\x03\x04" + b"word " * 50),
    ("page.html", b"%PDF-1.7\n<html><body><p>Jane Doe said so.</p></body></html>"),
])
def test_a_pdf_or_archive_without_nul_bytes_is_refused_by_its_magic(tmp_path, name, data):
    (tmp_path / name).write_bytes(data)
    docs, errors = _read([tmp_path / name])
    assert docs == [] and len(errors) == 1 and "binary file" in errors[0].reason, [str(e) for e in errors]
    assert errors[0].line is None


def test_an_unreadable_subfolder_is_reported(tmp_path):
    import subprocess
    import sys

    import os

    root = Path(tempfile.mkdtemp(prefix="gb-perm-"))  # not under pytest's root-only folder
    try:
        (root / "a.txt").write_text("Senator Jane Doe said the plan works.", encoding="utf-8")
        (root / "locked").mkdir()
        (root / "locked" / "b.txt").write_text("Professor John Roe said it fails.", encoding="utf-8")
        os.chmod(root, 0o755)
        os.chmod(root / "a.txt", 0o644)
        os.chmod(root / "locked", 0o000)
        # Root reads any folder: the child warms up (imports, lexicons) as root, then
        # becomes nobody to see what a user would.
        code = ("import graphbuild.text.ingest as i, os, sys, pathlib\nerrs=[]\n"
                "list(i.read_documents([pathlib.Path(sys.argv[1], 'a.txt')]))\n"
                "os.geteuid() == 0 and os.setuid(65534)\n"
                "docs=list(i.read_documents([sys.argv[1]], on_error=errs.append))\n"
                "print([d.id for d in docs]); print('\\n'.join(str(e) for e in errs))")
        proc = subprocess.run([sys.executable, "-c", code, str(root)], capture_output=True, text=True, timeout=120,
                              check=False, cwd="/")
        assert proc.returncode == 0, proc.stderr
        lines = proc.stdout.splitlines()
        assert lines[0] == "['a']"
        assert lines[1:] == [f"{root / 'locked'}: cannot read folder (Permission denied)"]
    finally:
        os.chmod(root / "locked", 0o755)
        import shutil

        shutil.rmtree(root)


# -- standard input ("-") --------------------------------------------------------------

def _stdin(monkeypatch, data: bytes) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


def test_standard_input_is_a_corpus_when_it_holds_json_lines(monkeypatch):
    _stdin(monkeypatch, b'\n{"id": "a", "text": "Taxes should rise, Ann Lee said."}\n{"id": "b", "text": "No, they should not."}\n')
    assert [(d.id, d.text) for d in read_documents(["-"])] == [
        ("a", "Taxes should rise, Ann Lee said."), ("b", "No, they should not.")]


def test_standard_input_is_one_article_when_it_holds_plain_text(monkeypatch, seeds_dir):
    article = seeds_dir / "001_8efe145ea01ff212.txt"
    _stdin(monkeypatch, article.read_bytes())
    [doc] = read_documents(["-"])
    from_file = read_document(article)
    assert doc.id == "stdin" and doc.text == from_file.text and doc.title == from_file.title


def test_a_bad_line_of_standard_input_names_it_and_the_rest_is_read(monkeypatch):
    _stdin(monkeypatch, b'{"id": "a", "text": "Taxes should rise."}\nnot json\n{"id": "c", "text": "They should."}\n')
    errors = []
    assert [d.id for d in read_documents(["-"], on_error=errors.append)] == ["a", "c"]
    assert [str(e).split(": ")[0] for e in errors] == ["<stdin>:2"]


def test_empty_standard_input_is_one_error(monkeypatch):
    _stdin(monkeypatch, b"  \n")
    with pytest.raises(InputError, match="<stdin>: empty input"):
        list(read_documents(["-"]))


def test_standard_input_is_not_counted_or_walked(monkeypatch, seeds_dir):
    assert ingest.count_documents(["-", seeds_dir]) is None  # counting would consume it
    assert ingest.input_files(["-"]) == [Path("<stdin>")]
    assert ingest.is_stdin("-") and ingest.is_stdin(Path("-")) and not ingest.is_stdin("corpus.jsonl")
