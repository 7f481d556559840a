"""
Mention index
-------------

What one document names, and where, for
:class:`graphbuild.nlp.actors.ActorResolver`: its person and organisation
entities (organisation names extended over "of"/"for"/"and" + capitalised
words), full names by surname (the byline author's too), acronyms in
brackets, genders from Mr./Mrs./Ms., roles given where a person is named,
party-and-state tags, the tokens inside quotations, and the running history
of mentions that pronouns and descriptions look back through. The
recency-and-salience heuristics follow Lappin & Leass (1994) in spirit.

>>> doc = nlp("Ivan Sokolov spoke. He said no.")
>>> index = MentionIndex(doc)
>>> index.surnames["sokolov"], index.recent(4, "Person").name
('Ivan Sokolov', 'Ivan Sokolov')
"""
from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from ..identity import place_of
from ..lexicons import load_lexicon, load_table
from ..lexicons import pronoun_classes as _pronouns
from ..models import Actor
from ..names import actor_key, canonical_name, titles
from ..text.lines import is_title_case
from .actor_names import is_us_state_tag, norp_group, party_tags
from .descriptions import organisation_name
from .speech.quotes import find_quotes
from .speech.spans import is_quoted_name

__all__ = ["COLLECTIVE_TYPES", "MentionIndex", "ORG_ENTS", "PERSON_ENTS"]

PERSON_ENTS = {"PERSON"}
ORG_ENTS = {"ORG", "NORP", "GPE", "FAC"}
_JOINERS = {"of", "for", "and", "at", "on", "&"}
_WHEN = {"DATE", "TIME"}
_SUBJ = {"nsubj", "nsubjpass"}
COLLECTIVE_TYPES = frozenset({"Organization", "Group", "Government"})


def _is_cap(tok: Token) -> bool:
    return tok.text[:1].isupper() and tok.is_alpha or tok.text in {"-", "&"} or (tok.text[:1].isupper() and "-" in tok.text)


def _extend_org(doc: Doc, start: int, end: int, sent_end: int) -> int:
    """Extend an organisation span over joiners + capitalised words."""
    while end + 1 < sent_end and doc[end].lower_ in _JOINERS:
        j = end + 1
        if doc[j].lower_ == "the":
            j += 1
        k = j
        while k < sent_end and (_is_cap(doc[k]) or doc[k].text in {"-", "."} and k + 1 < sent_end and _is_cap(doc[k + 1])):
            k += 1
        if k == j or any(doc[x].ent_type_ in _WHEN for x in range(j, k)):
            break  # "the Senate on Thursday": a date is no part of a name
        if doc[end].lower_ == "and" and doc[k - 1].ent_type_ in {"GPE", "PERSON"} and doc[k - 1].ent_iob_ == "B":
            break  # "New York and Connecticut": two actors
        end = k
    return end


class _Mention:
    __slots__ = ("i", "ref", "subject", "label")

    def __init__(self, i: int, ref: Actor, subject: bool, label: str = ""):
        self.i, self.ref, self.subject, self.label = i, ref, subject, label


class MentionIndex:
    """Who ``doc`` (parsed: NER and dependency parse) names, and where; its mentions
    in document order. The byline ``author``, if any, is named too.

    ``ent_at`` maps a token to its entity ``(start, end, label)``;
    ``surnames`` a surname key to the full name; ``aliases`` an acronym to
    the organisation; ``roles`` a person key to the roles they were given;
    ``tagged`` a person key to ``(party, region)``; ``quoted[i]`` is True
    inside a quotation.
    """

    def __init__(self, doc: Doc, author: str | None = None):
        self.doc = doc
        self.author = author
        self.ent_at: dict[int, tuple[int, int, str]] = {}
        self.surnames: dict[str, str] = {}
        self._named_at: dict[str, int] = {}  # surname key -> where its full name first stands
        self.aliases: dict[str, str] = {}
        self._gender: dict[str, str] = {}
        self.roles: dict[str, set[str]] = {}
        self.tagged: dict[str, tuple[str, str]] = {}  # person key -> (party, region)
        self._in_tag: set[int] = set()
        self.mentions: list[_Mention] = []
        self._sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            self._sent_of[sent.start:sent.end] = [n] * len(sent)
        self.quoted = [False] * len(doc)
        for q in find_quotes(doc.text):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None and len(span) > 3 and not is_quoted_name(span):
                for i in range(span.start, span.end):
                    self.quoted[i] = True
        self._index()

    # -- indexing -------------------------------------------------------------
    def _index(self) -> None:
        doc = self.doc
        self.tagged, self._in_tag = party_tags(doc)
        if self.author:
            parts = self.author.split()
            if len(parts) > 1:
                self.surnames[actor_key(parts[-1])] = self.author
                self._named_at[actor_key(parts[-1])] = -1
        ents = [e for e in doc.ents if e.label_ in PERSON_ENTS | ORG_ENTS and e.start not in self._in_tag]
        for ent in ents:
            start, end = ent.start, ent.end
            if ent.label_ in ORG_ENTS:
                end = _extend_org(doc, start, end, ent.sent.end)
            for i in range(start, end):
                self.ent_at[i] = (start, end, ent.label_)
            span = doc[start:end]
            name = canonical_name(span)
            if not name:
                continue
            if ent.label_ in PERSON_ENTS:
                words = name.split()
                if len(words) > 1 and actor_key(words[-1]) not in self.surnames:
                    self.surnames[actor_key(words[-1])] = name
                if len(words) > 1:
                    self._named_at[actor_key(words[-1])] = min(self._named_at.get(actor_key(words[-1]), start), start)
                self._note_role(ent, self.full_name(name))
                prev = doc[start - 1] if start > 0 else None
                if prev is not None and prev.lower_.rstrip(".") in {"mr", "mrs", "ms", "miss"}:
                    self._gender[actor_key(words[-1])] = "male" if prev.lower_.startswith("mr") and prev.lower_ != "mrs" and prev.lower_ != "mrs." else "female"
            else:
                # "National Rifle Association (NRA)"
                if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
                    self.aliases[doc[end + 1].text] = name
        self._index_name_runs()
        for tok in doc:
            # plural subjects that name no actor block "they" from reaching further back
            if tok.dep_ in _SUBJ and tok.tag_ in {"NNS", "NNPS"} and tok.ent_type_ == "" and not self.quoted[tok.i]:
                self.mentions.append(_Mention(tok.i, None, True, "PLURAL"))
        for tok in doc:
            # "the Obama administration": an antecedent of "the administration" and "it"
            if not self.quoted[tok.i] and tok.i not in self.ent_at and (name := organisation_name(tok)):
                self.mentions.append(_Mention(tok.i, Actor(name, "Organization"), tok.dep_ in _SUBJ, "ORG"))
        for ent in ents:
            if self.quoted[ent.start]:
                continue  # a name inside a quotation is no antecedent of the frame's "he"
            i = ent.root.i
            ref = self.entity_ref(i)
            if ref is not None:
                self.mentions.append(_Mention(ent.start, ref, ent.root.dep_ in _SUBJ, ent.label_))
        self.mentions.sort(key=lambda m: m.i)
        self._mention_pos = [m.i for m in self.mentions]

    def _note_role(self, ent: Span, name: str) -> None:
        """Roles a person is given where named: "Gov. Andrew Cuomo" (lexicon
        ``title_roles.tsv``), "Greg Ball, a Republican senator" (an
        appositive role noun)."""
        doc, titles = self.doc, load_table("title_roles.tsv")
        roles = self.roles.setdefault(actor_key(name), set())
        for tok in doc[max(0, ent.start - 3):ent.start]:
            if tok.lower_.rstrip(".") in titles:
                roles.add(titles[tok.lower_.rstrip(".")])
        for c in ent.root.children:
            if c.dep_ == "appos" and c.lemma_.lower() in load_lexicon("role_nouns.txt"):
                roles.add(c.lemma_.lower())

    def _index_name_runs(self) -> None:
        """Full names the NER missed ("thanks to Oleg Magaletsky"): runs of
        two or three capitalised proper nouns outside other entities."""
        doc, run = self.doc, []
        honor = titles()
        for tok in list(doc) + [None]:
            if tok is not None and tok.pos_ == "PROPN" and tok.is_title and tok.i not in self.ent_at \
                    and tok.lower_.rstrip(".") not in honor:
                run.append(tok)
                continue
            if 2 <= len(run) <= 3 and not self._in_headline(run[0]):
                key = actor_key(run[-1].text)
                name = self.surnames.setdefault(key, doc[run[0].i:run[-1].i + 1].text)
                self._named_at[key] = min(self._named_at.get(key, run[0].i), run[0].i)
                if not self.quoted[run[0].i]:
                    self.mentions.append(_Mention(run[0].i, Actor(name, "Person"), run[-1].dep_ in _SUBJ, "PERSON"))
            run = []
        for tok in doc:
            # a surname alone where the NER saw no name ("Mezerin, who hails from Ingria,
            # joined …") is still the person named in full before it, an antecedent of the next "he"
            if tok.pos_ == "PROPN" and tok.is_title and tok.i not in self.ent_at and not self.quoted[tok.i] \
                    and (name := self.surnames.get(actor_key(tok.text))) and len(name.split()) > 1 \
                    and self._named_at.get(actor_key(tok.text), len(doc)) < tok.i \
                    and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN") \
                    and not (tok.i and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].i not in self.ent_at):
                self.mentions.append(_Mention(tok.i, Actor(name, "Person"), tok.dep_ in _SUBJ, "PERSON"))

    def _in_headline(self, tok: Token) -> bool:
        """Is ``tok`` on a line in title case? A headline's capitalised words
        ("Storm Leaves Thousands Without Power") are no one's name."""
        text = self.doc.text
        start = text.rfind("\n", 0, tok.idx) + 1
        end = text.find("\n", tok.idx)
        return is_title_case(text[start:end if end >= 0 else len(text)])

    def entity_ref(self, i: int, within: Span | None = None) -> Actor | None:
        """The actor the entity at token ``i`` names, cut to ``within`` if it runs past it.

        >>> doc = nlp("Moscow said no, and Ivan Sokolov agreed.")
        >>> index = MentionIndex(doc)
        >>> index.entity_ref(0).type, index.entity_ref(6).name
        ('Government', 'Ivan Sokolov')
        """
        if i not in self.ent_at:
            return None
        start, end, label = self.ent_at[i]
        if within is not None and within.start <= i < within.end:
            # a headline entity running past the mention: "Obama To Asians Worried"
            start, end = max(start, within.start), min(end, within.end)
        name = canonical_name(self.doc[start:end])
        if not name:
            return None
        if label in PERSON_ENTS:
            if start > 0 and self.doc[start - 1].lower_ == "the" and actor_key(name) not in self.surnames:
                return Actor(name, "Organization")  # "the Rada": people take no article
            return Actor(self.full_name(name), "Person")
        name = self.aliases.get(name, name)
        if len(name.split()) == 1 and actor_key(name) in self.surnames and label != "NORP":
            return Actor(self.surnames[actor_key(name)], "Person")
        if label == "GPE":
            # a place speaks or acts only through its government ("Moscow said"); a
            # name the place list lacks may be no place at all ("the Rada")
            if is_us_state_tag(name):
                return None
            place = place_of(name)
            return Actor(place, "Government") if place else Actor(name, "Organization")
        if label == "NORP":
            return norp_group(name)
        return Actor(name, "Organization")

    def full_name(self, name: str) -> str:
        """The full name a surname stands for in this document (the byline author's spelling).

        >>> MentionIndex(nlp("Ivan Sokolov spoke."), author="Ann Lee").full_name("Sokolov")
        'Ivan Sokolov'
        """
        words = name.split()
        if len(words) == 1:
            return self.surnames.get(actor_key(name), name)
        if self.author and actor_key(name) == actor_key(self.author):
            return self.author
        return name

    # -- history --------------------------------------------------------------
    def recent(self, before: int, want: str, *, gender: str | None = None, window: int = 120,
               labels: frozenset[str] | None = None, name_has: str | None = None,
               keys: frozenset[str] | None = None) -> Actor | None:
        """The antecedent of a mention at token ``before``: the latest actor of type ``want``
        (an organisation also a group or a government) within ``window`` tokens, the subject
        of its sentence first; ``labels``, ``name_has``, ``keys`` and ``gender`` narrow it.

        >>> doc = nlp("Ivan Sokolov met the NRA. He said no.")
        >>> index = MentionIndex(doc)
        >>> index.recent(6, "Person").name, index.recent(6, "Organization").name
        ('Ivan Sokolov', 'NRA')
        """
        k = bisect_left(self._mention_pos, before)
        best, best_sent = None, -1
        for m in reversed(self.mentions[max(0, k - 40):k]):
            if before - m.i > window:
                break
            if m.ref is None:
                if labels is not None and m.label in labels:
                    return None  # "Russia's dissidents … Yet they say": an unnamed group is nearer
                continue
            if (m.ref.type != want and not (want == "Organization" and m.ref.type in COLLECTIVE_TYPES)) \
                    or (labels is not None and m.label not in labels):
                continue
            if name_has and name_has not in m.ref.name.lower():
                continue
            if keys is not None and actor_key(m.ref.name) not in keys:
                continue
            if gender and self._gender.get(actor_key(m.ref.name.split()[-1])) not in (None, gender):
                continue
            # the nearest sentence with a candidate holds the antecedent, its subject
            # first ("One such member was John Delaney. … he told …" is Delaney)
            if best is not None and self._sent_of[m.i] < best_sent:
                break
            if best is None:
                best, best_sent = m, self._sent_of[m.i]
            if m.subject:
                return m.ref
        return best.ref if best else None

    def note(self, i: int, ref: Actor, pronoun: str | None = None) -> None:
        """Record a resolved mention (speakers are salient for pronouns).

        >>> doc = nlp("Ivan Sokolov spoke. He said no.")
        >>> index = MentionIndex(doc)
        >>> index.note(4, Actor("Ivan Sokolov", "Person"), "he")
        >>> index.mentions[-1].i, index.mentions[-1].ref.name
        (4, 'Ivan Sokolov')
        """
        k = bisect_left(self._mention_pos, i)
        if k < len(self.mentions) and self.mentions[k].i == i and self.mentions[k].ref is None:
            del self.mentions[k], self._mention_pos[k]  # the group now has a name
        label = self.ent_at[i][2] if i in self.ent_at else "SPEAKER"
        self.mentions.insert(k, _Mention(i, ref, True, label))
        self._mention_pos.insert(k, i)
        cls = _pronouns().get(pronoun or "")
        if cls in {"male", "female"} and ref.type == "Person":
            self._gender.setdefault(actor_key(ref.name.split()[-1]), cls)
