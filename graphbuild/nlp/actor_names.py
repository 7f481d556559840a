"""What is, and what is not, an actor's name.

Real news glues things to names: genre kickers and bylines before them
("Analysis Chris Cillizza", "Related Video Congress"), party and state tags
after them ("Sen. Rand Paul (R-Ky.)", which the parser reads as a place
"Ky."), scraped hover cards that double a name ("John ManafortManafort"),
and bare quantifiers ("Others said"). The rules here are general; their
words are data files (``genre_kickers.txt``, ``non_actors.txt``,
``party_tags.tsv``, the US states of ``places.tsv``).
"""
from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from ..lexicons import load_lexicon, load_rows
from ..names import actor_key, canonical_name
from ..models import Actor

__all__ = ["clean_name", "group_ref", "is_us_state_tag", "norp_group", "party_tags"]

# "(R-Ky.)", "(D-N.Y.)", "(I-Vt.)": a US politician's party and state after the name
_PARTY_TAG = re.compile(r"\(\s*(?P<party>[A-Za-z]{1,3})\.?\s*[-\u2013\u2014,]\s*(?P<region>[A-Z][A-Za-z.]*(?:\s?[A-Z][A-Za-z.]*){0,2})\s*\)")
_DOUBLED = re.compile(r"([A-Z][a-z]{2,})\1\b")


@lru_cache(maxsize=None)
def _us_states() -> dict[str, str]:
    """{variant: state} for US states: "ky.", "ky", "kentucky" → "Kentucky"."""
    return {v: place for v, place, label in load_rows("places.tsv") if label.endswith(" state government")}


def is_us_state_tag(name: str) -> bool:
    """True for a state's abbreviation ("Calif.", "N.J.") or a party tag ("R-Pa.", "D-R.I."): never a speaker.

    >>> is_us_state_tag("Calif."), is_us_state_tag("D-R.I."), is_us_state_tag("Ohio"), is_us_state_tag("U.S.")
    (True, True, False, False)
    """
    key = " ".join(name.lower().split())
    party, _, rest = key.partition("-")
    if rest and party.rstrip(".") in {t for t, _ in load_rows("party_tags.tsv")} and rest.strip() in _us_states():
        return True
    state = _us_states().get(key)
    return state is not None and key != state.lower()


def clean_name(name: str) -> str | None:
    """An actor's name without what sites glue to it, or None if no name is left.

    Genre kickers and bylines before it ("Analysis Chris Cillizza", "Related
    Video Congress"), a party tag after it ("Letitia James (D"); doubled
    scraped names ("John ManafortManafort"), bare quantifiers ("Others") and
    state or party tags ("Colo.", "R-Pa.") are no names at all.

    >>> clean_name("Analysis Chris Cillizza"), clean_name("Letitia James (D"), clean_name("Others")
    ('Chris Cillizza', 'Letitia James', None)
    """
    name = name.split("(")[0].strip(" ,;:-\u2013\u2014")
    words = name.split()
    kickers = load_lexicon("genre_kickers.txt")
    while len(words) > 1 and words[0].lower().rstrip(":|") in kickers:
        words.pop(0)
    name = " ".join(words).lstrip(":| ")
    if not name or name.lower() in load_lexicon("non_actors.txt") or _DOUBLED.search(name) \
            or is_us_state_tag(name) or not any(c.isalpha() for c in name):
        return None
    return name


def group_ref(name: str) -> Actor | None:
    """A group of people named by a noun phrase ("gun rights advocates"), if it names one.

    >>> group_ref("gun rights advocates").type, group_ref("")
    ('Group', None)
    """
    name = clean_name(name) if name else None
    return Actor(name, "Group") if name else None


def norp_group(name: str) -> Actor:
    """A nationality, religious or political group, named in the plural as annotators
    and readers do: "Republican" → "Republicans" (what the text says when a member speaks
    for the party).

    >>> norp_group("Republican").name, norp_group("Democrats").name, norp_group("British").name
    ('Republicans', 'Democrats', 'British')
    """
    words = name.split()
    last = words[-1]
    if last.isalpha() and last[:1].isupper() and not last.endswith("s") and \
            last.lower().endswith(("an", "at", "ist", "er")):
        words[-1] = last + "s"
    return Actor(" ".join(words), "Group")


def party_tags(doc: Doc) -> tuple[dict[str, tuple[str, str]], set[int]]:
    """Party and state tags after names, "Sen. Rand Paul (R-Ky.)": ({surname key of the
    person before a tag: (party, state)}, indices of the tags' tokens, which name no one).

    >>> party_tags(nlp("Sen. Rand Paul (R-Ky.) objected."))[0]
    {'paul': ('Republican', 'Kentucky')}
    """
    states, parties = _us_states(), {t: p for t, p in load_rows("party_tags.tsv")}
    tagged: dict[str, tuple[str, str]] = {}
    in_tag: set[int] = set()
    for m in _PARTY_TAG.finditer(doc.text):
        party = parties.get(m["party"].lower())
        state = states.get(" ".join(m["region"].lower().split()))
        span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if party is None or state is None or span is None:
            continue
        in_tag.update(range(span.start, span.end))
        i = span.start - 1
        while i >= 0 and doc[i].is_space:
            i -= 1
        ent = next((e for e in doc.ents if e.start <= i < e.end and e.label_ == "PERSON"), None)
        if ent is not None:
            name = canonical_name(doc[ent.start:i + 1])
            if name:
                tagged[actor_key(name.split()[-1])] = (party, state)
    return tagged, in_tag
