"""Site furniture is blanked, never cut, and article sentences stay (graphbuild/text/boilerplate.py
and graphbuild/text/furniture.py).

Each rule gets a small synthetic article; the seeds and real corpora are in test_ingest.py.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import graphbuild.text.lines as textlines
from graphbuild.text.boilerplate import scan
from graphbuild.models import Document

# Ordinary article prose: several sentences, so a rule that eats prose shows up.
P1 = "The sanctions imposed on Moscow in 2022 have cut deeply into the Russian economy this year."
P2 = "Western governments should keep the pressure on until the Kremlin withdraws its forces."
P3 = "Critics argue that the measures hurt ordinary Russians more than the elite in Moscow."
P4 = "Yet the data on capital flight and military procurement tell a different story entirely."


def clean(text: str, title: str | None = None) -> str:
    return Document(id="t", text=text, boilerplate=tuple(scan(text, title=title).ranges)).clean_text


def blanked(text: str, title: str | None = None) -> list[str]:
    """The non-blank lines of ``text`` that are blanked entirely."""
    out = clean(text, title)
    return [ln.text for ln in textlines.split_lines(text) if not out[ln.start:ln.end].strip()]


def assert_kept(text: str, *sentences: str, title: str | None = None) -> None:
    out = clean(text, title)
    for s in sentences:
        at = text.index(s)
        assert out[at:at + len(s)] == s, f"blanked article text: {s!r}"


def test_banner_in_another_script_is_blanked():
    banner = "«Данное сообщение (материал) создано иностранным средством массовой информации»"
    text = f"{banner}\n{P1}\n{P2}\nИсточник: example.org"
    assert blanked(text) == [banner, "Источник: example.org"]
    assert_kept(text, P1, P2)


def test_article_in_another_script_keeps_its_lines():
    text = "Россия и Запад\nЗапад должен сохранить санкции против Москвы.\nЭто важно."
    assert blanked(text) == []


def test_appeared_first_trailer_gives_title_and_outlet_and_keeps_title_visible():
    text = f"{P1}\n{P2}\nThe post Sanctions Are Working appeared first on Daily Planet."
    s = scan(text)
    assert (s.title, s.outlet) == ("Sanctions Are Working", "Daily Planet")
    assert text[slice(*s.title_span)] == "Sanctions Are Working"
    out = clean(text)
    assert "appeared first" not in out and "The post" not in out
    assert_kept(text, P1, P2)


@pytest.mark.parametrize("line", ["Source: nationalinterest.org", "Источник: nationalinterest.org",
                                  "Source: The Associated Press", "Via: https://example.com/story/1"])
def test_source_trailers_are_blanked(line):
    text = f"{P1}\n{P2}\n{line}"
    assert blanked(text) == [line]


def test_source_label_before_a_sentence_is_not_a_trailer():
    # CNN "story highlights" put "Source:" before a summary sentence; it is not an outlet.
    line = "Source: The FBI investigated a tip that he was involved with his biographer"
    s = scan(f"{P1}\n{line}\n{P2}")
    assert s.outlet is None
    assert_kept(f"{P1}\n{line}\n{P2}", line)


@pytest.mark.parametrize("line", ["CLICK HERE TO READ MORE FROM THE WASHINGTON EXAMINER",
                                  "CLICK HERE TO GET THE FOX NEWS APP", "Advertisement", "Share",
                                  "Story Continued Below", "Sign up for Daily Newsletters Manage Newsletters",
                                  "READ MORE:", "Share this: Twitter", "Facebook", "Tags: Russia, Ukraine, NATO",
                                  "The Associated Press contributed to this report.", "___",
                                  "Image: Shutterstock / photoibo.", "Photo by Jane Doe/Reuters"])
def test_furniture_lines_are_blanked_between_paragraphs(line):
    text = f"{P1}\n{line}\n{P2}"
    assert blanked(text) == [line]
    assert_kept(text, P1, P2)


def test_all_capital_teaser_is_blanked_but_transcript_speaker_label_is_not():
    teaser = "RUSSIA’S PUTIN MAKES SURPRISE VISIT TO OCCUPIED MARIUPOL"
    label = "ROBERT SIEGEL, HOST:"
    assert blanked(f"{P1}\n{teaser}\n{label}\n{P2}") == [teaser]


def test_copyright_line_gives_outlet_and_year_but_syndicate_is_no_outlet():
    s = scan(f"{P1}\n{P2}\n© 2023 Washington Examiner")
    assert (s.outlet, s.date) == ("Washington Examiner", "2023")
    assert scan(f"{P1}\n{P2}\n© 2018 Tribune Content Agency, LLC").outlet is None


def test_related_block_at_the_end_is_blanked_to_the_end():
    text = (f"Headline Here\n{P1}\n{P2}\n{P3}\n{P4}\nRelated Publications\n"
            "China and Ukraine: Pulling Its Weight?\nFriday, November 22, 2024\n"
            f"{P3}\nType: Analysis\nGlobal Policy\nView All Publications")
    out = clean(text)
    assert out[text.index("Related Publications"):].strip() == ""
    assert_kept(text, P1, P2, P4)


def test_related_heading_early_in_an_article_is_left_alone():
    text = f"Related Content\n{P1}\n{P2}\n{P3}\n{P4}\n{P1} {P2}\n{P3} {P4}"
    assert_kept(text, "Related Content", P1, P2, P3, P4)


def test_related_links_inside_an_article_end_where_the_prose_resumes():
    # newspaper3k keeps an inline "Related:" box; the article's paragraphs go on after it.
    text = (f"{P1}\n{P2}\n{P3}\n{P4}\n{P1}\n{P2}\nRelated:\nGun control: a symbolic shift\n"
            f"Green New Deal explained\nPolitical consequences\n{P3}\n{P4}\n{P2}")
    assert blanked(text) == ["Related:", "Gun control: a symbolic shift", "Green New Deal explained",
                             "Political consequences"]
    assert clean(text).endswith(f"{P3}\n{P4}\n{P2}")


def test_you_may_also_like_with_prose_after_it_blanks_only_the_heading():
    text = f"{P1}\n{P2}\n{P3}\n{P4}\n{P1}\nYou may also like:\n{P3}\n{P4}"
    assert blanked(text) == ["You may also like:"]


CAPTION = ("Russian exiles protest the Kremlin’s war on Ukraine last year in Yerevan, Armenia. "
           "(Sergey Ponomarev/The New York Times)")


def test_caption_with_photo_credit_is_blanked_both_copies():
    text = f"{P1}\n\n{CAPTION}\n{CAPTION}\n\n{P2}"
    assert blanked(text) == [CAPTION, CAPTION]
    assert_kept(text, P1, P2)


def test_tag_slug_beside_a_photo_caption_is_blanked():
    caption = ("Russian President Vladimir Putin, left, listens while visiting Sevastopol, Crimea, "
               "Saturday, March 18, 2023. (Sputnik, Kremlin Press Service Pool Photo via AP) AP")
    text = f"Dealing with Moscow after the war\n\nCrimea Russia Putin Anniversary\n{caption}\n\n{P1}\n{P2}"
    assert blanked(text) == ["Crimea Russia Putin Anniversary", caption]
    assert scan(text).title == "Dealing with Moscow after the war"


def test_subhead_beside_a_caption_is_not_a_tag_slug():
    text = f"{P1}\n{CAPTION}\nHow the West Can Help\n{P2}\nWhat Comes Next?\n{CAPTION.replace('last', 'this')}"
    assert "How the West Can Help" not in blanked(text)
    assert "What Comes Next?" not in blanked(text)


def test_title_case_line_without_a_caption_nearby_stays():
    text = f"{P1}\nEconomic Collapse Looms\n{P2}\n{P3}"
    assert blanked(text) == []


def test_gallery_of_doubled_captions_is_blanked_entirely():
    c1 = "Smoke rises after an airstrike in Aleppo on October 4, 2016."
    c2 = "A sandstorm blows over damaged buildings in Douma on September 7, 2015."
    text = f"{P1}\n{c1}\n{c1}\n{c2}\n{c2}\n{P2}"
    assert blanked(text) == [c1, c1, c2, c2]


def test_doubled_lede_keeps_its_first_copy():
    # A standfirst repeating the lede is article text: one copy stays.
    text = f"{P1}\n{P1}\n{P2}\n{P3}"
    out = clean(text)
    assert out.count(P1) == 1 and out.startswith(P1)


def test_sentence_repeated_for_effect_is_kept_but_repeated_headline_is_not():
    refrain = "Yet the stock market sits at all-time highs."
    head = "Dealing with Moscow after Russia is defeated in Ukraine"
    text = f"{head}\n{P1}\n{refrain}\n{P2}\n{refrain}\n{head}\n{P3}"
    out = clean(text)
    assert out.count(refrain) == 2
    assert out.count(head) == 1


def test_one_line_slideshow_is_blanked():
    gallery = ("Photos: Crisis in Ukraine Photos: Crisis in Ukraine Protesters clash with police in Kiev. "
               "Hide Caption 1 of 2 Photos: Crisis in Ukraine Smoke rises. Hide Caption 2 of 2")
    text = f"{P1}\n{gallery}\n{P2}"
    assert blanked(text) == [gallery]
    assert scan(text).title is None


def test_media_caption_labels_go_but_the_caption_stays():
    line = ("Media playback is unsupported on your device Media caption "
            "Barack Obama told the BBC in 2015 that gun control was his biggest frustration")
    text = f"{P1}\n{line}\n{P2}"
    out = clean(text)
    assert "Media caption" not in out and "Media playback" not in out
    assert_kept(text, "Barack Obama told the BBC in 2015 that gun control was his biggest frustration")


def test_header_row_keeps_the_known_title_and_finds_date_and_byline():
    row = ("Topic: Diplomacy Blog Brand: The Buzz Region: Americas, and Eurasia Tags: Exile, Russia, "
           "and Vladimir Putin Sanctions Are Working March 5, 2024 By: Jane Doe")
    text = f"{row}\nShare\n{P1}\n{P2}\nThe post Sanctions Are Working appeared first on Daily Planet."
    s = scan(text)
    assert (s.title, s.authors, s.date) == ("Sanctions Are Working", ["Jane Doe"], "2024-03-05")
    assert text[slice(*s.title_span)] == "Sanctions Are Working"
    out = clean(text)
    assert out[:len(row)].split() == ["Sanctions", "Are", "Working"]


def test_transcript_with_speaker_labels_is_not_a_header_row():
    line = "Crowd: “Bollocks to Brexit. Bollocks to Brexit.” Singing: “Jingle bells, Brexit smells.”"
    assert blanked(f"{line}\n{P1}") == []


def test_bylines_and_datelines_at_the_top():
    text = f"Published by The Washington Post, November 5, 2024\nBy: Jane Doe, Senior Correspondent\n{P1}\n{P2}"
    s = scan(text)
    assert (s.authors, s.outlet, s.date) == (["Jane Doe"], "The Washington Post", "2024-11-05")
    assert s.title is None  # the first lines are furniture, the next is prose: there is no headline
    assert_kept(text, P1, P2)


def test_about_the_author_and_bio_are_blanked_and_give_the_author():
    bio = "Jane Doe is a senior editor at the Daily Planet. Doe hosts a weekly podcast."
    text = f"{P1}\n{P2}\nAbout the Author: Jane Doe\n{bio}"
    s = scan(text)
    assert s.authors == ["Jane Doe"]
    assert blanked(text) == ["About the Author: Jane Doe", bio]


def test_about_as_a_section_heading_is_not_an_author():
    text = f"{P1}\nAbout Carter Page\n{P2}\n{P3}"
    assert scan(text).authors == [] and blanked(text) == []


def test_closing_bio_is_blanked_unless_its_subject_is_in_the_article():
    bio = "Janusz Bugajski is a Senior Fellow at the Jamestown Foundation in Washington DC."
    s = scan(f"{P1}\n{P2}\n{P3}\n{bio}")
    assert s.authors == ["Janusz Bugajski"]
    assert blanked(f"{P1}\n{P2}\n{P3}\n{bio}") == [bio]
    # The man the article is about, described in its closing line, is not its author.
    about = f"Bugajski spoke in Warsaw. {P1}\n{P2}\n{P3}\n{bio}"
    assert scan(about).authors == [] and blanked(about) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([P1, P2, "Share", "Related Content", "", "By Jane Doe", CAPTION, "© 2020 X Y",
                                 "Crimea Russia Putin", "   ", "Источник: a.org", "Photos: A Hide Caption 1 of 2"]),
                max_size=12),
       st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_ranges_are_sorted_disjoint_and_inside_the_text(parts, newline):
    text = newline.join(parts)
    s = scan(text)
    assert all(0 <= a < b <= len(text) for a, b in s.ranges)
    assert all(b1 < a2 for (_, b1), (a2, _) in zip(s.ranges, s.ranges[1:]))
    if s.title_span:
        assert text[slice(*s.title_span)] == s.title
    out = Document(id="t", text=text, boilerplate=tuple(s.ranges)).clean_text
    assert len(out) == len(text) and [i for i, c in enumerate(out) if c in "\r\n"] == [
        i for i, c in enumerate(text) if c in "\r\n"]


def test_byline_over_a_writers_job_and_a_one_line_byline_with_a_job():
    for top in ("Wendy Marsh\n\nOpinion columnist", "Wendy Marsh / Opinion contributor"):
        text = f"{top}\n\n{P1}\n{P2}"
        s = scan(text)
        assert (s.authors, s.outlet) == (["Wendy Marsh"], None)
        assert_kept(text, P1, P2)
    # a photo credit under a headline is no byline
    assert scan(f"Kin Cheung/Associated Press\n{P1}\n{P2}").authors == []


def test_bare_byline_over_an_affiliation_line():
    text = f"Susan Page\nUSA TODAY\nWASHINGTON – Fire back or duck for cover?\n{P1}\n{P2}"
    s = scan(text)
    assert (s.authors, s.outlet) == (["Susan Page"], "USA TODAY")
    assert blanked(text) == ["Susan Page", "USA TODAY"]
    # A name line over the article's first paragraph is not a byline block.
    assert scan(f"Joe Biden\n{P1}\n{P2}").authors == []


@pytest.mark.parametrize("line", ["7 years ago", "This article is more than 2 years old",
                                  "Michael Bonfigli/Getty Images", "Sarah Wasko / Media Matters",
                                  "Photographer: Melina Mara/Washington Post/Getty Images",
                                  "LISTEN TO ARTICLE 5:01 SHARE THIS ARTICLE Share Tweet Post Email"])
def test_stamps_and_credits_at_the_top_are_furniture_not_headlines(line):
    text = f"{line}\n{P1}\n{P2}"
    assert blanked(text) == [line]
    assert scan(text).title is None  # the first line left is the lede, not a headline


def test_labelled_summary_keeps_its_text_but_is_not_the_headline():
    line = "Story highlights Obama takes a cultural tour of an ancient city"
    text = f"{line}\n{P1}\n{P2}"
    assert clean(text).startswith(" " * len("Story highlights ") + "Obama takes")
    assert scan(text).title is None


@pytest.mark.parametrize(("first", "title"), [
    ("Dealing with Moscow after Russia is defeated in Ukraine", "Dealing with Moscow after Russia is defeated in Ukraine"),
    ("'Historic' Gun Bill To Become Law In Connecticut", "'Historic' Gun Bill To Become Law In Connecticut"),
    ("USA TODAY", None),
    ("(CNN) It was described as a turning point for our planet", None),
    ("The divide is real. Anybody but Ashley?", None),
])
def test_headline_guess_without_a_known_title(first, title):
    assert scan(f"{first}\n{P1}\n{P2}").title == title


@pytest.mark.parametrize("line", ["ANALYSIS/OPINION:", "EXCLUSIVE:", "Opinion:", "NEWS ANALYSIS:"])
def test_genre_kickers_are_blanked(line):
    text = f"{line}\n{P1}\n{P2}"
    assert blanked(text) == [line]


def test_a_speaker_label_on_its_own_line_is_no_kicker():
    # transcripts label speakers this way; the label frames need them
    assert blanked(f"{P1}\nTAPPER:\n{P2}") == []


@pytest.mark.parametrize("display, card", [
    ("Sen. Maria Lopez", "Maria Elena LopezSenate panel delays vote on farm bill Lopez: 'We will not budge' MORE"),
    ("Gov. Rob Quinn", "Robert (Rob) Allen QuinnState budget talks stall again | Quinn signs water bill MORE"),
    ("Rep. Tom Hale", "Thomas Hale Retirees rally against pension cuts Hale faces primary challenger MORE"),
])
def test_hover_card_after_a_name_is_blanked_and_the_sentence_stays(display, card):
    text = f"{P1}\n{display} {card} (R-Ohio) said the tariffs would hurt farmers.\n{P2}"
    out = clean(text)
    assert card not in out and "MORE" not in out
    assert_kept(text, P1, P2, f"{display} ", " (R-Ohio) said the tariffs would hurt farmers.")


def test_capital_more_in_prose_is_no_hover_card():
    text = f"{P1}\nSenator Lopez said she wants MORE money for schools, not less.\nMORE THAN 8 MILLION CASES\n{P2}"
    assert_kept(text, "Senator Lopez said she wants MORE money for schools, not less.")
