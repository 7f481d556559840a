"""Social-media posts pasted with their signature (graphbuild/nlp/speech/posts.py)."""
from __future__ import annotations


def _quotes(doc):
    return [(a.actor.name if a.actor else None, a.cue.text if a.cue is not None else None, a.content.text)
            for a in doc._.attributions if a.kind == "quote"]


def test_a_post_signed_after_its_text_is_the_posters_quote(attributed):
    doc = attributed("Lawmakers reacted within minutes.\n\n"
                     "This bill will cost farmers billions and help no one. https://t.co/aB3dE5 "
                     "— Jane Whitmore (@SenWhitmore) March 6, 2018\n\nThe vote is on Friday.")
    assert _quotes(doc) == [("Jane Whitmore", "@SenWhitmore",
                             "This bill will cost farmers billions and help no one.")]


def test_a_post_signed_before_its_text_is_the_posters_quote(attributed):
    doc = attributed("The mayor answered at once.\n\n"
                     "Tom Okafor (@MayorOkafor) If Washington walks away from the accord, our city will honor it.")
    assert _quotes(doc) == [("Tom Okafor", "@MayorOkafor",
                             "If Washington walks away from the accord, our city will honor it.")]


def test_a_bio_with_a_handle_and_a_shared_link_are_no_posts(attributed):
    doc = attributed("Dana Reyes (@dreyes) is a senior fellow at the Center for Trade Policy.\n\n"
                     "https://t.co/xY12zz — Dana Reyes (@dreyes) May 2, 2019")
    assert _quotes(doc) == []
