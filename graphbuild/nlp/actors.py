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
What the document names, and where (entities, surnames, roles, the mentions
that pronouns and descriptions look back through), is kept by
:class:`graphbuild.nlp.mention_index.MentionIndex`. Lexicons live in
``graphbuild/data`` (``role_nouns.txt``, ``org_nouns.txt``, ``titles.tsv``,
``pronouns.tsv``, ``anonymous_nouns.txt``).
"""
from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span, Token

from ..lexicons import load_lexicon
from ..lexicons import pronoun_classes as _pronouns
from ..models import Actor
from ..names import actor_key, canonical_name, titles
from .actor_names import clean_name, group_ref
from .descriptions import issuer, organisation_name, principal
from .mention_index import COLLECTIVE_TYPES, ORG_ENTS, PERSON_ENTS, MentionIndex

__all__ = ["ActorResolver"]

_PREP_AFFIL = {"of", "at", "from", "with", "in", "for"}
# antecedents of "they"/"it": organisations, groups and noted speakers
_GROUP_LABELS = frozenset({"ORG", "NORP", "SPEAKER", "PLURAL"})
_ORG_LABELS = frozenset({"ORG", "SPEAKER"})


def _named_examples(root: Token) -> list[Token]:
    """The named examples of a group: "emigrés such as Yevgenia Albats",
    "critics like Ted Cruz", "groups including the NRA" speak through them."""
    out = []
    for c in root.children:
        if c.dep_ == "prep" and (c.lower_ in ("like", "including") or (
                c.lower_ == "as" and any(k.lower_ == "such" for k in c.children))):
            out.extend(p for p in c.children if p.dep_ == "pobj" and p.ent_type_ in PERSON_ENTS | ORG_ENTS)
    return out


class ActorResolver:
    """Resolve speaker mentions of one document to canonical actors.

    Args:
        doc: a parsed Doc (NER and dependency parse).
        author: the byline author, if any.
    """

    def __init__(self, doc: Doc, author: str | None = None):
        self.doc = doc
        self.author = author
        self.index = MentionIndex(doc, author)

    def note(self, i: int, ref: Actor, pronoun: str | None = None) -> None:
        """Record a resolved mention (speakers are salient for pronouns).

        >>> doc = nlp("Ivan Sokolov spoke. He said no.")
        >>> resolver = ActorResolver(doc)
        >>> resolver.note(0, Actor("Ivan Sokolov", "Person"), "he")
        >>> resolver.resolve(doc[4:5]).name
        'Ivan Sokolov'
        """
        self.index.note(i, ref, pronoun)

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
            tag = self.index.tagged.get(actor_key(name.split()[-1]))
            if tag is not None:
                ref = dataclasses.replace(ref, party=tag[0], region=tag[1])
        return ref

    def _named(self, root: Token, source: Span | None = None) -> Actor | None:
        # the head itself, an appositive name, or a flat name inside the phrase
        cands = [root] + [c for c in root.children if c.dep_ == "appos"] + _named_examples(root)
        for t in cands:
            if t.i in self.index.ent_at:
                return self.index.entity_ref(t.i, source)
        if root.pos_ == "PROPN" or (root.pos_ == "NOUN" and root.text[:1].isupper()
                                    and actor_key(root.text) in self.index.surnames):
            toks = [c for c in root.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"] + [root]
            if len(toks) == 1 and root.lower_ in load_lexicon("role_nouns.txt"):
                return None  # "the President said": a role, resolved as a description
            name = canonical_name(toks)
            if name and name.lower() not in load_lexicon("org_nouns.txt"):
                if self.index.aliases.get(name):
                    return Actor(self.index.aliases[name], "Organization")
                if any(c.dep_ == "det" and c.lower_ == "the" for c in root.children) and \
                        actor_key(name) not in self.index.surnames:
                    return Actor(name, "Organization")  # "the Rada": people take no article
                return Actor(self.index.full_name(name), "Person")
        # anonymous source with an organisation: "an official from the CIA"
        if root.lemma_.lower() in load_lexicon("anonymous_nouns.txt"):
            org = self._org_in(root)
            if org is not None:
                return Actor(org.name, org.type, role=root.lemma_.lower(), anonymous=True)
        name = organisation_name(root)  # "the Obama administration", "the Russian foreign ministry"
        return Actor(name, "Organization") if name else None

    def _org_in(self, root: Token) -> Actor | None:
        for c in root.children:
            if c.dep_ in {"compound", "nmod", "amod", "poss"} and c.i in self.index.ent_at:
                ref = self.index.entity_ref(c.i)
                if ref and ref.type in COLLECTIVE_TYPES:
                    return ref
            if c.dep_ == "prep" and c.lower_ in _PREP_AFFIL:
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in self.index.ent_at:
                        ref = self.index.entity_ref(p.i)
                        if ref and ref.type in COLLECTIVE_TYPES:
                            return ref
        return None

    def _title(self, source: Span, name_tok: Token) -> str | None:
        """The words before a person's name in the mention: "Former Attorney
        General Michael Mukasey" → "Former Attorney General"."""
        ent = self.index.ent_at.get(name_tok.i)
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
                if c.i in self.index.ent_at and self.index.ent_at[c.i][2] in PERSON_ENTS and root.i not in self.index.ent_at:
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
            return self.index.recent(root.i, "Person", gender=cls)
        if cls in {"plural", "thing"}:
            # "they"/"it" stand for a group or an organisation, not a place
            return self.index.recent(root.i, "Organization", window=60,
                                     labels=_GROUP_LABELS if cls == "plural" else _ORG_LABELS)
        return None

    def _in_quote(self, tok: Token) -> bool:
        return self.index.quoted[tok.i]

    def _description(self, root: Token) -> Actor | None:
        lemma = root.lemma_.lower()
        dets = {c.lower_ for c in root.children if c.dep_ in {"det", "poss"}}
        if "the" in dets or "this" in dets or "that" in dets:
            if lemma in load_lexicon("role_nouns.txt") and root.tag_ in {"NN", "NNP"}:
                # "the governor" is the person titled governor, if one was;
                # else the last person named ("the Chechen leader")
                holders = {k for k, roles in self.index.roles.items() if lemma in roles}
                if holders:
                    return self.index.recent(root.i, "Person", window=len(self.doc),
                                             keys=frozenset(holders)) or self.index.recent(root.i, "Person")
                return self.index.recent(root.i, "Person")
            if lemma in load_lexicon("org_nouns.txt"):
                # "the group" is any organisation; "the party" one named a party
                named = None if lemma in load_lexicon("generic_org_nouns.txt") else lemma
                return self.index.recent(root.i, "Organization", name_has=named)
            return None
        # a modified plural group: "gun rights advocates", "Republican voters"
        if root.tag_ in {"NNS", "NNPS"} and not dets and root.lemma_.lower() in load_lexicon("group_nouns.txt"):
            mods = [c for c in root.lefts if c.dep_ in {"compound", "amod", "nmod"}]
            if mods and not any(c.dep_ == "det" or c.lower_ in {"some", "many", "most", "few", "other"} for c in root.children):
                toks = mods + [root]
                return group_ref(canonical_name(self.doc[toks[0].i:root.i + 1]))
        return None
