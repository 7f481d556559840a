"""The English check (graphbuild/language.py) and how ingest uses it: skip with a warning."""
from __future__ import annotations

import json

import pytest

import graphbuild.text.language as language
from graphbuild.text.ingest import InputWarning, read_documents
from graphbuild.text.language import english_share, has_words, looks_english

FRENCH = ("La Russie doit être démantelée, a déclaré la sénatrice Jane Doe lundi à Paris. La dissolution de la "
          "Russie est nécessaire, a-t-elle ajouté. John Roe, professeur à Lyon, a répondu que la Russie est "
          "résiliente et ne s'effondrera pas.")
RUSSIAN = "Россия должна распасться, заявила сенатор Джейн Доу. Распад России необходим, добавила она. " * 2
CHINESE = "俄罗斯总统普京周一表示，西方的制裁没有效果，俄罗斯经济依然稳定。" * 8
# A list article: mostly names and numbers, few function words, still English.
LISTY = ("Top donors in 2016: 1. Tom Steyer, $91 million. 2. Donald Sussman, $38 million. 3. Fred Eychaner, "
         "$35 million. 4. James Simons, $26 million. Most of the money went to super PACs that back the "
         "candidates, and the rest to party committees.")


@pytest.mark.parametrize("text", [FRENCH, RUSSIAN, CHINESE])
def test_other_languages_are_not_english(text):
    assert not looks_english(text)


@pytest.mark.parametrize("text", [LISTY, "Jane Doe said it rained.", "Sanctions Work", "Привет."])
def test_english_and_too_short_texts_pass(text):
    assert looks_english(text)


def test_seed_articles_are_english_by_a_wide_margin(seeds_dir):
    for path in sorted(seeds_dir.glob("*.txt")):
        assert english_share(path.read_text(encoding="utf-8")) > 4 * language.MIN_ENGLISH_SHARE, path.name


def test_has_words():
    assert not has_words("--- 2024 !!! *** 12:30 € ©") and not has_words("")
    assert has_words("x") and has_words("Ёж") and has_words("北京")


def test_reading_skips_a_foreign_document_with_a_warning_naming_file_and_line(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (
        {"id": "en", "text": LISTY}, {"id": "fr", "text": FRENCH}, {"id": "en2", "text": "Jane Doe said so."})),
        encoding="utf-8")
    (tmp_path / "ru.txt").write_text(RUSSIAN, encoding="utf-8")
    with pytest.warns(InputWarning) as caught:
        docs = list(read_documents([corpus, tmp_path / "ru.txt"]))
    assert [d.id for d in docs] == ["en", "en2"]
    messages = [str(w.message) for w in caught]
    assert any(m.startswith(f"{corpus}:2: document 'fr' does not look like English") for m in messages)
    assert any(m.startswith(f"{tmp_path / 'ru.txt'}: document 'ru' does not look like English") for m in messages)
    assert all(m.endswith("; skipped") for m in messages)
