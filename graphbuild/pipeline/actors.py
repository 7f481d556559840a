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
``honorifics.txt``, ``pronouns.tsv``, ``anonymous_nouns.txt``). The
recency-and-salience heuristics follow Lappin & Leass (1994) in spirit.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Span, Token

from .extensions import ActorRef

__all__ = ["actor_key", "ActorResolver", "load_lexicon", "canonical_name"]

_PERSON = {"PERSON"}
_ORG = {"ORG", "NORP", "GPE", "FAC"}
_JOINERS = {"of", "for", "and", "at", "on", "&"}
_PREP_AFFIL = {"of", "at", "from", "with", "in", "for"}
_SUBJ = {"nsubj", "nsubjpass"}


@lru_cache(maxsize=None)
def load_lexicon(name: str) -> frozenset[str]:
    """Lines of ``graphbuild/data/<name>`` (comments and blanks skipped)."""
    text = resources.files("graphbuild.data").joinpath(name).read_text(encoding="utf-8")
    return frozenset(l.strip().lower() for l in text.splitlines() if l.strip() and not l.startswith("#"))


@lru_cache(maxsize=None)
def _pronouns() -> dict[str, str]:
    return dict(l.split("\t", 1) for l in load_lexicon("pronouns.tsv"))


def _strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def actor_key(name: str) -> str:
    """A normalised key for merging actor names.

    Lowercase, no accents, honorifics, single-letter initials, leading
    "the", possessive endings or punctuation.

    >>> actor_key("Dr. Ivan  Sokolov")
    'ivan sokolov'
    >>> actor_key("Brandon J. Weichert") == actor_key("Brandon Weichert")
    True
    >>> actor_key("the Free Nations of Post-Russia Forum")
    'free nations of post russia forum'
    """
    s = _strip_accents(name).lower()
    s = re.sub(r"[’']s\b", "", s)
    words = re.sub(r"[^\w\s]", " ", s).split()
    honor = load_lexicon("honorifics.txt")
    while len(words) > 1 and (words[0] in honor or words[0] == "the"):
        words.pop(0)
    kept = [w for w in words if len(w) > 1]
    return " ".join(kept or words)


def canonical_name(tokens: list[Token] | Span) -> str:
    """The display name of a mention: no leading det/honorifics, no "'s"."""
    toks = list(tokens)
    honor = load_lexicon("honorifics.txt")
    while toks and (toks[0].lower_ in {"the", "a", "an"} or toks[0].tag_ == "DT"):
        toks.pop(0)
    while len(toks) > 1 and toks[0].lower_.rstrip(".") in honor:
        toks.pop(0)
    while toks and (toks[-1].tag_ == "POS" or toks[-1].is_punct):
        toks.pop()
    while toks and toks[0].is_punct:
        toks.pop(0)
    if not toks:
        return ""
    doc = toks[0].doc
    return doc[toks[0].i:toks[-1].i + 1].text


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
        if k == j:
            break
        if doc[end].lower_ == "and" and doc[k - 1].ent_type_ in {"GPE", "PERSON"} and doc[k - 1].ent_iob_ == "B":
            break  # "New York and Connecticut": two actors
        end = k
    return end


class _Mention:
    __slots__ = ("i", "ref", "subject")

    def __init__(self, i: int, ref: ActorRef, subject: bool):
        self.i, self.ref, self.subject = i, ref, subject


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
        self._aliases: dict[str, str] = {}
        self._gender: dict[str, str] = {}
        self.mentions: list[_Mention] = []
        self._index()

    # -- indexing -------------------------------------------------------------
    def _index(self) -> None:
        doc = self.doc
        if self.author:
            parts = self.author.split()
            if len(parts) > 1:
                self._surnames[actor_key(parts[-1])] = self.author
        ents = [e for e in doc.ents if e.label_ in _PERSON | _ORG]
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
                prev = doc[start - 1] if start > 0 else None
                if prev is not None and prev.lower_.rstrip(".") in {"mr", "mrs", "ms", "miss"}:
                    self._gender[actor_key(words[-1])] = "male" if prev.lower_.startswith("mr") and prev.lower_ != "mrs" and prev.lower_ != "mrs." else "female"
            else:
                # "National Rifle Association (NRA)"
                if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")" and doc[end + 1].is_upper:
                    self._aliases[doc[end + 1].text] = name
        for ent in ents:
            i = ent.root.i
            ref = self._entity_ref(i)
            if ref is not None:
                self.mentions.append(_Mention(ent.start, ref, ent.root.dep_ in _SUBJ))
        self.mentions.sort(key=lambda m: m.i)
        self._mention_pos = [m.i for m in self.mentions]

    def _entity_ref(self, i: int) -> ActorRef | None:
        if i not in self._ent_at:
            return None
        start, end, label = self._ent_at[i]
        name = canonical_name(self.doc[start:end])
        if not name:
            return None
        if label in _PERSON:
            return ActorRef(self._full_name(name), "Person")
        name = self._aliases.get(name, name)
        if len(name.split()) == 1 and actor_key(name) in self._surnames and label != "NORP":
            return ActorRef(self._surnames[actor_key(name)], "Person")
        return ActorRef(name, "Organization")

    def _full_name(self, name: str) -> str:
        words = name.split()
        if len(words) == 1:
            return self._surnames.get(actor_key(name), name)
        if self.author and actor_key(name) == actor_key(self.author):
            return self.author
        return name

    # -- history --------------------------------------------------------------
    def _recent(self, before: int, want: str, *, gender: str | None = None, window: int = 120) -> ActorRef | None:
        k = bisect_left(self._mention_pos, before)
        best = None
        for m in reversed(self.mentions[max(0, k - 40):k]):
            if before - m.i > window:
                break
            if m.ref.type != want:
                continue
            if gender and self._gender.get(actor_key(m.ref.name.split()[-1])) not in (None, gender):
                continue
            if best is None:
                best = m
            if m.subject:
                return m.ref
        return best.ref if best else None

    def note(self, i: int, ref: ActorRef, pronoun: str | None = None) -> None:
        """Record a resolved mention (speakers are salient for pronouns)."""
        k = bisect_left(self._mention_pos, i)
        self.mentions.insert(k, _Mention(i, ref, True))
        self._mention_pos.insert(k, i)
        cls = _pronouns().get(pronoun or "")
        if cls in {"male", "female"} and ref.type == "Person":
            self._gender.setdefault(actor_key(ref.name.split()[-1]), cls)

    # -- resolution -----------------------------------------------------------
    def resolve(self, source: Span, *, speaker: ActorRef | None = None) -> ActorRef | None:
        """The actor behind ``source``.

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
        ref = self._named(root)
        if ref is not None:
            return ref._replace(**self._role_affiliation(root, ref))
        return self._description(root)

    def _named(self, root: Token) -> ActorRef | None:
        doc = self.doc
        # the head itself, an appositive name, or a flat name inside the phrase
        cands = [root] + [c for c in root.children if c.dep_ == "appos"]
        for t in cands:
            if t.i in self._ent_at:
                return self._entity_ref(t.i)
        if root.pos_ == "PROPN":
            toks = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
            name = canonical_name(toks)
            if name and name.lower() not in load_lexicon("org_nouns.txt"):
                if self._aliases.get(name):
                    return ActorRef(self._aliases[name], "Organization")
                return ActorRef(self._full_name(name), "Person")
        # anonymous source with an organisation: "an official from the CIA"
        if root.lemma_.lower() in load_lexicon("anonymous_nouns.txt"):
            org = self._org_in(root)
            if org is not None:
                return ActorRef(org.name, "Organization", role=root.lemma_.lower(), anonymous=True)
        return None

    def _org_in(self, root: Token) -> ActorRef | None:
        for c in root.children:
            if c.dep_ in {"compound", "nmod", "amod", "poss"} and c.i in self._ent_at:
                ref = self._entity_ref(c.i)
                if ref and ref.type == "Organization":
                    return ref
            if c.dep_ == "prep" and c.lower_ in _PREP_AFFIL:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in self._ent_at:
                        ref = self._entity_ref(p.i)
                        if ref and ref.type == "Organization":
                            return ref
        return None

    def _role_affiliation(self, root: Token, ref: ActorRef) -> dict:
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

    def _pronoun(self, root: Token, cls: str, speaker: ActorRef | None) -> ActorRef | None:
        if cls in {"speaker", "speakers"}:
            if speaker is not None:
                return speaker
            if cls == "speaker" and self.author and not self._in_quote(root):
                return ActorRef(self.author, "Person")
            return None
        if cls == "relative":
            head = root.head
            if head.dep_ in {"relcl", "acl"}:
                return self.resolve(self.doc[head.head.i:head.head.i + 1], speaker=speaker)
            return None
        if cls in {"male", "female"}:
            return self._recent(root.i, "Person", gender=cls)
        if cls in {"plural", "thing"}:
            return self._recent(root.i, "Organization", window=60)
        return None

    def _in_quote(self, tok: Token) -> bool:
        return False

    def _description(self, root: Token) -> ActorRef | None:
        lemma = root.lemma_.lower()
        dets = {c.lower_ for c in root.children if c.dep_ in {"det", "poss"}}
        if "the" in dets or "this" in dets or "that" in dets:
            if lemma in load_lexicon("role_nouns.txt") and root.tag_ in {"NN", "NNP"}:
                return self._recent(root.i, "Person")
            if lemma in load_lexicon("org_nouns.txt"):
                return self._recent(root.i, "Organization")
            return None
        # a modified plural group: "gun rights advocates", "Republican voters"
        if root.tag_ in {"NNS", "NNPS"} and not dets and root.lemma_.lower() not in load_lexicon("role_nouns.txt"):
            mods = [c for c in root.lefts if c.dep_ in {"compound", "amod", "nmod"}]
            if mods and not any(c.dep_ == "det" or c.lower_ in {"some", "many", "most", "few", "other"} for c in root.children):
                toks = mods + [root]
                name = canonical_name(self.doc[toks[0].i:root.i + 1])
                return ActorRef(name, "Organization") if name else None
        return None
