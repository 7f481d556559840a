"""
Actor resolution
----------------

Turn the mention of a speaker as written ("Zakayev", "he", "the Chechen
leader", "an official from the CIA") into the canonical actor of the
document ("Akhmed Zakayev", Person), with rules only: no coreference model
can be installed (../shared/DEPENDENCIES.md).

Rules, in order
===============
1. A named entity in the mention (PERSON → Person; ORG, NORP, GPE →
   Organization) gives the name. Organisation names are extended over
   "of"/"for"/"and"/"at" + capitalised words; a leading "the", honorifics
   and possessive endings are dropped.
2. A surname (or "Mr. Surname") resolves to the full name that has it as
   last word anywhere in the document, or to the byline author.
3. An unnamed source whose head is an anonymous-source noun ("official",
   "spokesman") with an organisation in the phrase ("an official from the
   CIA", "a senior NATO official") is that organisation, ``anonymous=True``.
4. Pronouns: "I"/"we" inside a quotation → the quotation's speaker;
   he/she → the most recent compatible person (gender from Mr./Mrs./Ms.
   and earlier pronoun links); they/it → the most recent organisation;
   who/which → the noun the relative clause hangs on.
5. Definite descriptions: "the <role noun>" → the most recent person,
   "the <organisation noun>" → the most recent organisation.
6. Otherwise: a modified plural group ("gun rights advocates") becomes an
   Organization named by the phrase; bare roles and pronouns give None.

Notes
=====
Lexicons live in ``graphbuild/data`` (``role_nouns.txt``, ``org_nouns.txt``,
``titles.tsv``, ``pronouns.tsv``, ``anonymous_nouns.txt``). The
recency-and-salience heuristics follow Lappin & Leass (1994) in spirit.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from ..identity import place_of
from ..lexicons import load_lexicon, load_table
from ..lexicons import pronoun_classes as _pronouns
from ..models import Actor
from ..names import actor_key, canonical_name, titles
from ..text.lines import is_title_case
from .actor_names import clean_name, group_ref, is_us_state_tag, norp_group, party_tags
from .descriptions import issuer, organisation_name, principal
from .speech.quotes import find_quotes
from .speech.spans import is_quoted_name

__all__ = ["ActorResolver"]

_PERSON = {"PERSON"}
_ORG = {"ORG", "NORP", "GPE", "FAC"}
_JOINERS = {"of", "for", "and", "at", "on", "&"}
_WHEN = {"DATE", "TIME"}
_PREP_AFFIL = {"of", "at", "from", "with", "in", "for"}
_SUBJ = {"nsubj", "nsubjpass"}
# antecedents of "they"/"it": organisations, groups and noted speakers
_GROUP_LABELS = frozenset({"ORG", "NORP", "SPEAKER", "PLURAL"})
_ORG_LABELS = frozenset({"ORG", "SPEAKER"})
_COLLECTIVE = frozenset({"Organization", "Group", "Government"})


def _named_examples(root: Token) -> list[Token]:
    """The named examples of a group: "emigrés such as Yevgenia Albats",
    "critics like Ted Cruz", "groups including the NRA" speak through them."""
    out = []
    for c in root.children:
        if c.dep_ == "prep" and (c.lower_ in ("like", "including") or (
                c.lower_ == "as" and any(k.lower_ == "such" for k in c.children))):
            out.extend(p for p in c.children if p.dep_ == "pobj" and p.ent_type_ in _PERSON | _ORG)
    return out


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


class ActorResolver:
    """Resolve speaker mentions of one document to canonical actors.

    Args:
        doc: a parsed Doc (NER and dependency parse).
        author: the byline author, if any.
    """

    def __init__(self, doc: Doc, author: str | None = None):
        self.doc = doc
        self.author = author
        self._ent_at: dict[int, tuple[int, int, str]] = {}
        self._surnames: dict[str, str] = {}
        self._named_at: dict[str, int] = {}  # surname key -> where its full name first stands
        self._aliases: dict[str, str] = {}
        self._gender: dict[str, str] = {}
        self._roles: dict[str, set[str]] = {}
        self._tagged: dict[str, tuple[str, str]] = {}  # person key -> (party, region)
        self._in_tag: set[int] = set()
        self.mentions: list[_Mention] = []
        self._sent_of = [0] * len(doc)
        for n, sent in enumerate(doc.sents):
            self._sent_of[sent.start:sent.end] = [n] * len(sent)
        self._quoted = [False] * len(doc)
        for q in find_quotes(doc.text):
            span = doc.char_span(q.start, q.end, alignment_mode="expand")
            if span is not None and len(span) > 3 and not is_quoted_name(span):
                for i in range(span.start, span.end):
                    self._quoted[i] = True
        self._index()

    # -- indexing -------------------------------------------------------------
    def _index(self) -> None:
        doc = self.doc
        self._tagged, self._in_tag = party_tags(doc)
        if self.author:
            parts = self.author.split()
            if len(parts) > 1:
                self._surnames[actor_key(parts[-1])] = self.author
                self._named_at[actor_key(parts[-1])] = -1
        ents = [e for e in doc.ents if e.label_ in _PERSON | _ORG and e.start not in self._in_tag]
        for ent in ents:
            start, end = ent.start, ent.end
            if ent.label_ in _ORG:
                end = _extend_org(doc, start, end, ent.sent.end)
            for i in range(start, end):
                self._ent_at[i] = (start, end, ent.label_)
            span = doc[start:end]
            name = canonical_name(span)
            if not name:
                continue
            if ent.label_ in _PERSON:
                words = name.split()
                if len(words) > 1 and actor_key(words[-1]) not in self._surnames:
                    self._surnames[actor_key(words[-1])] = name
                if len(words) > 1:
                    self._named_at[actor_key(words[-1])] = min(self._named_at.get(actor_key(words[-1]), start), start)
                self._note_role(ent, self._full_name(name))
                prev = doc[start - 1] if start > 0 else None
                if prev is not None and prev.lower_.rstrip(".") in {"mr", "mrs", "ms", "miss"}:
                    self._gender[actor_key(words[-1])] = "male" if prev.lower_.startswith("mr") and prev.lower_ != "mrs" and prev.lower_ != "mrs." else "female"
            else:
                # "National Rifle Association (NRA)"
                if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
                    self._aliases[doc[end + 1].text] = name
        self._index_name_runs()
        for tok in doc:
            # plural subjects that name no actor block "they" from reaching further back
            if tok.dep_ in _SUBJ and tok.tag_ in {"NNS", "NNPS"} and tok.ent_type_ == "" and not self._quoted[tok.i]:
                self.mentions.append(_Mention(tok.i, None, True, "PLURAL"))
        for tok in doc:
            # "the Obama administration": an antecedent of "the administration" and "it"
            if not self._quoted[tok.i] and tok.i not in self._ent_at and (name := organisation_name(tok)):
                self.mentions.append(_Mention(tok.i, Actor(name, "Organization"), tok.dep_ in _SUBJ, "ORG"))
        for ent in ents:
            if self._quoted[ent.start]:
                continue  # a name inside a quotation is no antecedent of the frame's "he"
            i = ent.root.i
            ref = self._entity_ref(i)
            if ref is not None:
                self.mentions.append(_Mention(ent.start, ref, ent.root.dep_ in _SUBJ, ent.label_))
        self.mentions.sort(key=lambda m: m.i)
        self._mention_pos = [m.i for m in self.mentions]

    def _note_role(self, ent: Span, name: str) -> None:
        """Roles a person is given where named: "Gov. Andrew Cuomo" (lexicon
        ``title_roles.tsv``), "Greg Ball, a Republican senator" (an
        appositive role noun)."""
        doc, titles = self.doc, load_table("title_roles.tsv")
        roles = self._roles.setdefault(actor_key(name), set())
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
            if tok is not None and tok.pos_ == "PROPN" and tok.is_title and tok.i not in self._ent_at \
                    and tok.lower_.rstrip(".") not in honor:
                run.append(tok)
                continue
            if 2 <= len(run) <= 3 and not self._in_headline(run[0]):
                key = actor_key(run[-1].text)
                name = self._surnames.setdefault(key, doc[run[0].i:run[-1].i + 1].text)
                self._named_at[key] = min(self._named_at.get(key, run[0].i), run[0].i)
                if not self._quoted[run[0].i]:
                    self.mentions.append(_Mention(run[0].i, Actor(name, "Person"), run[-1].dep_ in _SUBJ, "PERSON"))
            run = []
        for tok in doc:
            # a surname alone where the NER saw no name ("Mezerin, who hails from Ingria,
            # joined …") is still the person named in full before it, an antecedent of the next "he"
            if tok.pos_ == "PROPN" and tok.is_title and tok.i not in self._ent_at and not self._quoted[tok.i] \
                    and (name := self._surnames.get(actor_key(tok.text))) and len(name.split()) > 1 \
                    and self._named_at.get(actor_key(tok.text), len(doc)) < tok.i \
                    and not (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN") \
                    and not (tok.i and doc[tok.i - 1].pos_ == "PROPN" and doc[tok.i - 1].i not in self._ent_at):
                self.mentions.append(_Mention(tok.i, Actor(name, "Person"), tok.dep_ in _SUBJ, "PERSON"))

    def _in_headline(self, tok: Token) -> bool:
        """Is ``tok`` on a line in title case? A headline's capitalised words
        ("Storm Leaves Thousands Without Power") are no one's name."""
        text = self.doc.text
        start = text.rfind("\n", 0, tok.idx) + 1
        end = text.find("\n", tok.idx)
        return is_title_case(text[start:end if end >= 0 else len(text)])

    def _entity_ref(self, i: int, within: Span | None = None) -> Actor | None:
        if i not in self._ent_at:
            return None
        start, end, label = self._ent_at[i]
        if within is not None and within.start <= i < within.end:
            # a headline entity running past the mention: "Obama To Asians Worried"
            start, end = max(start, within.start), min(end, within.end)
        name = canonical_name(self.doc[start:end])
        if not name:
            return None
        if label in _PERSON:
            if start > 0 and self.doc[start - 1].lower_ == "the" and actor_key(name) not in self._surnames:
                return Actor(name, "Organization")  # "the Rada": people take no article
            return Actor(self._full_name(name), "Person")
        name = self._aliases.get(name, name)
        if len(name.split()) == 1 and actor_key(name) in self._surnames and label != "NORP":
            return Actor(self._surnames[actor_key(name)], "Person")
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

    def _full_name(self, name: str) -> str:
        words = name.split()
        if len(words) == 1:
            return self._surnames.get(actor_key(name), name)
        if self.author and actor_key(name) == actor_key(self.author):
            return self.author
        return name

    # -- history --------------------------------------------------------------
    def _recent(self, before: int, want: str, *, gender: str | None = None, window: int = 120,
                labels: frozenset[str] | None = None, name_has: str | None = None,
                keys: frozenset[str] | None = None) -> Actor | None:
        k = bisect_left(self._mention_pos, before)
        best, best_sent = None, -1
        for m in reversed(self.mentions[max(0, k - 40):k]):
            if before - m.i > window:
                break
            if m.ref is None:
                if labels is not None and m.label in labels:
                    return None  # "Russia's dissidents … Yet they say": an unnamed group is nearer
                continue
            if (m.ref.type != want and not (want == "Organization" and m.ref.type in _COLLECTIVE)) \
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
        >>> resolver = ActorResolver(doc)
        >>> resolver.note(0, Actor("Ivan Sokolov", "Person"), "he")
        >>> resolver.resolve(doc[4:5]).name
        'Ivan Sokolov'
        """
        k = bisect_left(self._mention_pos, i)
        if k < len(self.mentions) and self.mentions[k].i == i and self.mentions[k].ref is None:
            del self.mentions[k], self._mention_pos[k]  # the group now has a name
        label = self._ent_at[i][2] if i in self._ent_at else "SPEAKER"
        self.mentions.insert(k, _Mention(i, ref, True, label))
        self._mention_pos.insert(k, i)
        cls = _pronouns().get(pronoun or "")
        if cls in {"male", "female"} and ref.type == "Person":
            self._gender.setdefault(actor_key(ref.name.split()[-1]), cls)

    # -- resolution -----------------------------------------------------------
    def resolve(self, source: Span, *, speaker: Actor | None = None, _depth: int = 0) -> Actor | None:
        """The actor behind ``source``.

        >>> doc = nlp("Ivan Sokolov spoke. Mr. Sokolov said no.")
        >>> ActorResolver(doc).resolve(doc[4:6]).name
        'Ivan Sokolov'

        Args:
            source: the mention as written.
            speaker: the speaker of the quotation the mention sits in, if any
                ("I"/"we" resolve to it).
        """
        root = source.root
        low = root.lower_
        pron = _pronouns().get(low) if len(source) <= 2 or root.pos_ == "PRON" else None
        if pron is not None and root.pos_ in {"PRON", "DET"}:
            return self._pronoun(root, pron, speaker)
        ref = self._named(root, source)
        if ref is not None:
            ref = dataclasses.replace(ref, **self._role_affiliation(root, ref, source))
        else:
            # "Ocasio-Cortez's office", "the statement": the one they speak for
            stand_in = principal(root) or issuer(root)
            if stand_in is not None and stand_in.i != root.i and _depth < 3:
                mention = self.doc[stand_in.left_edge.i:stand_in.i + 1]
                return self.resolve(mention, speaker=speaker, _depth=_depth + 1)
            ref = self._description(root)
        return self._finish(ref)

    def _finish(self, ref: Actor | None) -> Actor | None:
        """The name cleaned of what sites glue to it; a person's party and state from their tag."""
        if ref is None:
            return None
        name = clean_name(ref.name)
        if name is None:
            return None
        ref = dataclasses.replace(ref, name=name)
        if ref.role and clean_name(ref.role + " " + name) == name and ref.role != name:
            ref = dataclasses.replace(ref, role=None)  # "Analysis" before a name is a kicker, no role
        if ref.type == "Person":
            tag = self._tagged.get(actor_key(name.split()[-1]))
            if tag is not None:
                ref = dataclasses.replace(ref, party=tag[0], region=tag[1])
        return ref

    def _named(self, root: Token, source: Span | None = None) -> Actor | None:
        # the head itself, an appositive name, or a flat name inside the phrase
        cands = [root] + [c for c in root.children if c.dep_ == "appos"] + _named_examples(root)
        for t in cands:
            if t.i in self._ent_at:
                return self._entity_ref(t.i, source)
        if root.pos_ == "PROPN" or (root.pos_ == "NOUN" and root.text[:1].isupper()
                                    and actor_key(root.text) in self._surnames):
            toks = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
            if len(toks) == 1 and root.lower_ in load_lexicon("role_nouns.txt"):
                return None  # "the President said": a role, resolved as a description
            name = canonical_name(toks)
            if name and name.lower() not in load_lexicon("org_nouns.txt"):
                if self._aliases.get(name):
                    return Actor(self._aliases[name], "Organization")
                if any(c.dep_ == "det" and c.lower_ == "the" for c in root.children) and \
                        actor_key(name) not in self._surnames:
                    return Actor(name, "Organization")  # "the Rada": people take no article
                return Actor(self._full_name(name), "Person")
        # anonymous source with an organisation: "an official from the CIA"
        if root.lemma_.lower() in load_lexicon("anonymous_nouns.txt"):
            org = self._org_in(root)
            if org is not None:
                return Actor(org.name, org.type, role=root.lemma_.lower(), anonymous=True)
        name = organisation_name(root)  # "the Obama administration", "the Russian foreign ministry"
        return Actor(name, "Organization") if name else None

    def _org_in(self, root: Token) -> Actor | None:
        for c in root.children:
            if c.dep_ in {"compound", "nmod", "amod", "poss"} and c.i in self._ent_at:
                ref = self._entity_ref(c.i)
                if ref and ref.type in _COLLECTIVE:
                    return ref
            if c.dep_ == "prep" and c.lower_ in _PREP_AFFIL:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in self._ent_at:
                        ref = self._entity_ref(p.i)
                        if ref and ref.type in _COLLECTIVE:
                            return ref
        return None

    def _title(self, source: Span, name_tok: Token) -> str | None:
        """The words before a person's name in the mention: "Former Attorney
        General Michael Mukasey" → "Former Attorney General"."""
        ent = self._ent_at.get(name_tok.i)
        start = ent[0] if ent else name_tok.i
        toks = [t for t in source if t.i < start]
        while toks and (toks[0].tag_ in {"DT", "PRP$", "POS"} or toks[0].is_punct):
            toks.pop(0)
        while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS"):
            toks.pop()
        if not toks or any(t.pos_ in {"VERB", "AUX", "ADP"} and t.lower_ != "of" for t in toks):
            return None
        if toks[-1].i + 1 != start or all(t.lower_.rstrip(".") in titles("courtesy") for t in toks):
            return None  # "Mr." is no role
        return source.doc[toks[0].i:toks[-1].i + 1].text

    def _role_affiliation(self, root: Token, ref: Actor, source: Span | None = None) -> dict:
        if ref.type != "Person" or ref.anonymous:
            return {}
        role = affil = None
        name_tok = root
        for c in root.children:
            if c.dep_ == "appos":
                if c.i in self._ent_at and self._ent_at[c.i][2] in _PERSON and root.i not in self._ent_at:
                    role = self._noun_phrase(root)  # "economist Dr. Elena Klimova"
                    name_tok = c
                elif c.pos_ == "NOUN":
                    role = self._noun_phrase(c)
                    affil = self._org_in(c)
        if affil is None:
            affil = self._org_in(name_tok)
        if role is None and source is not None:
            role = self._title(source, name_tok)
        if role is None:
            for c in name_tok.lefts:
                if c.dep_ == "compound" and c.pos_ == "NOUN":
                    role = c.text
        out = {}
        if role:
            out["role"] = role
        if affil is not None:
            out["affiliation"] = affil.name
        return out

    def _noun_phrase(self, tok: Token) -> str:
        toks = [c for c in tok.lefts if c.dep_ in {"amod", "compound"}] + [tok]
        return " ".join(t.text for t in toks)

    def _pronoun(self, root: Token, cls: str, speaker: Actor | None) -> Actor | None:
        if cls in {"speaker", "speakers"}:
            if speaker is not None:
                return speaker
            if cls == "speaker" and self.author and not self._in_quote(root):
                return Actor(self.author, "Person")
            return None
        if cls == "relative":
            head = root.head
            if head.dep_ in {"relcl", "acl"}:
                return self.resolve(self.doc[head.head.i:head.head.i + 1], speaker=speaker)
            return None
        if cls in {"male", "female"}:
            return self._recent(root.i, "Person", gender=cls)
        if cls in {"plural", "thing"}:
            # "they"/"it" stand for a group or an organisation, not a place
            return self._recent(root.i, "Organization", window=60,
                                labels=_GROUP_LABELS if cls == "plural" else _ORG_LABELS)
        return None

    def _in_quote(self, tok: Token) -> bool:
        return self._quoted[tok.i]

    def _description(self, root: Token) -> Actor | None:
        lemma = root.lemma_.lower()
        dets = {c.lower_ for c in root.children if c.dep_ in {"det", "poss"}}
        if "the" in dets or "this" in dets or "that" in dets:
            if lemma in load_lexicon("role_nouns.txt") and root.tag_ in {"NN", "NNP"}:
                # "the governor" is the person titled governor, if one was;
                # else the last person named ("the Chechen leader")
                holders = {k for k, roles in self._roles.items() if lemma in roles}
                if holders:
                    return self._recent(root.i, "Person", window=len(self.doc),
                                        keys=frozenset(holders)) or self._recent(root.i, "Person")
                return self._recent(root.i, "Person")
            if lemma in load_lexicon("org_nouns.txt"):
                # "the group" is any organisation; "the party" one named a party
                named = None if lemma in load_lexicon("generic_org_nouns.txt") else lemma
                return self._recent(root.i, "Organization", name_has=named)
            return None
        # a modified plural group: "gun rights advocates", "Republican voters"
        if root.tag_ in {"NNS", "NNPS"} and not dets and root.lemma_.lower() in load_lexicon("group_nouns.txt"):
            mods = [c for c in root.lefts if c.dep_ in {"compound", "amod", "nmod"}]
            if mods and not any(c.dep_ == "det" or c.lower_ in {"some", "many", "most", "few", "other"} for c in root.children):
                toks = mods + [root]
                return group_ref(canonical_name(self.doc[toks[0].i:root.i + 1]))
        return None

