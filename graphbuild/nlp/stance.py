"""Stance: does a unit that mentions a claim support it or oppose it?

The polarity starts from the phrasing the unit matched (a label or alias
asserts the claim, an ``opposing`` phrasing its opposite) and is then read
off the words that govern the claim in the sentence: the *anchor* (the
smallest clause holding most of the words the unit shares with the
phrasing, or the proposal a pronoun-like phrase refers to) and its chain of
syntactic heads up to the unit's root. Along that chain:

* negation flips ("Kyiv cannot defeat Russia", "such movements are almost
  never effective"), compared with the negation inside the phrasing so that
  "cannot win" matched by "cannot win" is not flipped twice;
* stance verbs and adjectives multiply ("filibuster", "warn against",
  "hostile to" oppose; "call for", "urge", "back" support), as do stance
  nouns with their object ("support for", "opposition to"); a stance word
  the phrasing itself contains is content, not a cue;
* the opposite of the phrasing's predicate flips ("protects the Second
  Amendment" against "an attack on the Second Amendment");
* "rather than" / "instead of" flips;
* a claim under a condition ("would oppose … if …") takes no stance;
* a noun that denies the act it heads flips like a negator ("her refusal
  to endorse the plan" opposes it; deploring "a failure to act" supports acting).

Then the attribution's own cue ("the group rejects …"), evaluative language
for normative claims ("a dangerous fantasy", "a balanced approach that will
save lives"; harm that something reduces counts for it), and questions (no
stance unless they judge). A normative claim needs at least one such sign:
mentioning a proposal is not advocating it.

The lexicon is data (``graphbuild/data/stance_lexicon.yaml``).
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from ..lexicons import load_yaml
from .extensions import AttributionSpan
from .units import Phrasing, stem, token_stem


@lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str]]:
    """The stance lexicon as sets of lower-case lemmas and multi-word cues.

    >>> "reject" in lexicon()["oppose_verbs"], "never" in lexicon()["negators"]
    (True, True)
    """
    return {k: frozenset(str(v).lower() for v in vals) for k, vals in load_yaml("stance_lexicon.yaml").items()}


NEGATORS = lexicon()["negators"]


def _verb_cues(token: Token) -> set[str]:
    """The lemma of a verb alone, with its particle or preposition, and with its object's head."""
    lemma = token.lemma_.lower()
    cues = {lemma}
    for child in token.children:
        if child.dep_ == "dobj":  # "lend one's name to", "voice support for"
            cues.add(f"{lemma} {child.lemma_.lower()}")
        if child.dep_ in ("prt", "prep"):
            cues.add(f"{lemma} {child.lemma_.lower()}")
            for grandchild in child.children:
                if grandchild.dep_ == "prep":
                    cues.add(f"{lemma} {child.lemma_.lower()} {grandchild.lemma_.lower()}")
    return cues


def is_negated(token: Token) -> bool:
    """True when a predicate carries a negation ("not", "never", "cannot").

    >>> doc = nlp("Russia will not collapse.")
    >>> is_negated(doc[3]), is_negated(nlp("Russia will collapse.")[2])
    (True, False)
    """
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ in ("advmod", "aux") and child.lower_ in NEGATORS):
            return True
    # "no one should …", "nothing will …": a negative subject negates the clause.
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("no", "nobody", "nothing", "none", "no-one")
               for c in token.children)


def lexical_polarity(token: Token) -> int:
    """+1 for a support verb of the lexicon ("back", "call for"), -1 for an oppose verb, else 0.

    >>> [lexical_polarity(nlp(f"They {verb} the plan.")[1]) for verb in ("reject", "back", "discuss")]
    [-1, 1, 0]
    """
    lex = lexicon()
    cues = _verb_cues(token)
    if cues & lex["oppose_verbs"]:
        return -1
    if cues & lex["support_verbs"]:
        return +1
    return 0


def verb_polarity(token: Token) -> int:
    """+1 when a verb supports its object, -1 when it opposes it, else 0.

    Any verb with an "against" phrase opposes ("spoke out against gun control").

    >>> verb_polarity(nlp("They support the ban.")[1]), verb_polarity(nlp("They reject the ban.")[1])
    (1, -1)
    """
    if any(c.dep_ == "prep" and c.lower_ == "against" for c in token.children):
        return -1
    return lexical_polarity(token)


def evaluation(unit: Span, content: frozenset[str] = frozenset()) -> int:
    """Net evaluative polarity of a unit: +1 praise, -1 condemnation, 0 neither.

    Harm that something reduces is to its credit: "reduce harm", "stop
    this violence" (lexicon ``diminishers``). Words whose stems are in
    ``content`` are the claim's own ("comprehensive immigration reform")
    and judge nothing.

    >>> evaluation(nlp("The plan is a terrible mistake.")[:]), evaluation(nlp("The plan is on the table.")[:])
    (-1, 0)
    """
    lex = lexicon()
    neg = pos = 0
    for t in unit:
        lemma = t.lemma_.lower()
        if content and token_stem(t) in content:
            continue
        sign = -1 if lemma in lex["negative_evaluation"] else +1 if lemma in lex["positive_evaluation"] else 0
        if sign and _diminished(t):
            sign = -sign
        neg += sign < 0
        pos += sign > 0
    text = unit.text.lower()
    neg += sum(p in text for p in lex["negative_evaluation"] if " " in p)
    pos += sum(p in text for p in lex["positive_evaluation"] if " " in p)
    # A negated judgement ("not a good idea") is read as its opposite.
    if neg != pos and is_negated(unit.root):
        neg, pos = pos, neg
    return (pos > neg) - (neg > pos)


def _diminished(tok: Token) -> bool:
    """True when a word is the object of a verb that lessens it ("reduce harm")."""
    head = tok.head
    for _ in range(2):
        if head.pos_ == "VERB" and head.lemma_.lower() in lexicon()["diminishers"]:
            return True
        if head.dep_ not in ("prep", "pobj", "dobj", "compound"):
            break
        head = head.head
    return False


_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "csubj"}


def _anchor(unit: Span, phrasing: Phrasing) -> Token:
    """The token where the claim sits in the unit.

    The smallest clause of the unit that holds most of the words the unit
    shares with the phrasing ("… an exile movement—and such movements are
    almost never effective at bringing about change": the second clause),
    else the lowest common head of those words, else the unit's root (a
    purely semantic match).
    """
    shared = [t for t in unit if token_stem(t) in phrasing.stems]
    if not shared:
        return unit.root
    paths = [[t.i, *(a.i for a in t.ancestors)] for t in shared]
    common = set(paths[0]).intersection(*paths[1:])
    lca = next((unit.doc[i] for i in paths[0] if i in common and unit.start <= i < unit.end), unit.root)
    wanted = {token_stem(t) for t in shared}
    best, best_size = lca, lca.right_edge.i - lca.left_edge.i
    for tok in unit:
        if tok.dep_ not in _CLAUSE_DEPS or tok.pos_ not in ("VERB", "AUX", "ADJ"):
            continue
        size = tok.right_edge.i - tok.left_edge.i
        if size >= best_size:
            continue
        inside = {token_stem(t) for t in tok.subtree if unit.start <= t.i < unit.end} & wanted
        if len(inside) >= 0.6 * len(wanted) and len(inside) >= 2:
            best, best_size = tok, size
    return best


def _chain(anchor: Token, unit: Span) -> list[Token]:
    """The anchor and its heads up to the unit's root: the words that govern the claim."""
    chain = [anchor]
    tok, root = anchor, unit.root.i
    while tok.head.i != tok.i and unit.start <= tok.head.i < unit.end and tok.i != root:
        tok = tok.head
        chain.append(tok)
    return chain


def _contrasted(tok: Token) -> bool:
    """True when a phrase is set aside: "rather than eliminate rights", "instead of a ban"."""
    doc = tok.doc
    for i in {tok.i, tok.left_edge.i}:
        before = " ".join(t.lower_ for t in doc[max(0, i - 2):i])
        if before.endswith("rather than") or before.endswith("instead of"):
            return True
    return False


_NOUN_PREPS = {"for", "to", "against", "of", "on"}


def _modal_negation(chain: list[Token]) -> bool:
    """True when a negated word of the chain carries a modal: "cannot", "will not", "must not"."""
    return any(is_negated(t) and any(c.tag_ == "MD" for c in t.children) for t in chain)


def _hypothetical(chain: list[Token]) -> bool:
    """True for a claim under a condition: "officials would oppose gun control if …"."""
    for tok in chain:
        modal = any(c.dep_ == "aux" and c.lower_ in ("would", "could", "might") for c in tok.children)
        condition = any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless")
                                                  for m in c.children) for c in tok.children)
        if modal and condition:
            return True
    return False


def _denies(noun: Token, below: Token) -> bool:
    """True for a noun that denies the act below it, as a negator would: "her refusal
    to endorse the plan", "a lack of support for it" (lexicon ``negating_nouns``)."""
    return (noun.pos_ == "NOUN" and noun.lemma_.lower() in lexicon()["negating_nouns"]
            and below.dep_ in ("acl", "prep", "xcomp"))


def _opposites(phrasing: Phrasing) -> frozenset[str]:
    """Stems of the opposites of the phrasing's predicates (lexicon ``antonyms``)."""
    out = set()
    for pair in lexicon()["antonyms"]:
        a, b = (stem(w) for w in pair.split())
        if a in phrasing.stems and b not in phrasing.stems:
            out.add(b)
        elif b in phrasing.stems and a not in phrasing.stems:
            out.add(a)
    return frozenset(out)


def _governing_polarity(chain: list[Token], phrasing: Phrasing) -> tuple[int, int, int, bool]:
    """(flips, stance verbs' product, count of cues, whether a noun denies the act) along the
    governing chain.

    A stance word the phrasing itself contains ("strengthen" in "NATO should
    strengthen …") is content, not a cue.
    """
    lex = lexicon()
    flips = verbs = 0
    product = 1
    denied = False
    opposite = _opposites(phrasing)
    for n, tok in enumerate(chain):
        if tok.pos_ in ("VERB", "AUX", "ADJ") and is_negated(tok):
            flips += 1
        if _contrasted(tok):
            flips += 1
        if n and _denies(tok, chain[n - 1]):
            flips += 1
            denied = True
        if token_stem(tok) in phrasing.stems:
            continue
        if token_stem(tok) in opposite:
            flips += 1  # "protects the Second Amendment" against "infringe the Second Amendment"
            continue
        v = 0
        if tok.pos_ in ("VERB", "AUX", "ADJ"):
            v = verb_polarity(tok)
        elif (tok.pos_ == "NOUN" and n and chain[n - 1].dep_ == "prep" and chain[n - 1].lower_ in _NOUN_PREPS
              and (tok.dep_ in ("dobj", "nsubj", "attr") or any(c.dep_ == "poss" for c in tok.children))):
            # someone's "support for gun control", "opposition to the ban";
            # not "Putin's war" nor "a predictor of opposition to …"
            lemma = tok.lemma_.lower()
            v = +1 if lemma in lex["support_nouns"] else -1 if lemma in lex["oppose_nouns"] else 0
        if v:
            product *= v
            verbs += 1
    return flips, product, verbs, denied


def stance_of(unit: Span, attribution: AttributionSpan, phrasing: Phrasing,
              anchor: Token | None = None) -> tuple[int, float]:
    """Polarity (+1 supports, -1 opposes, 0 none) and a confidence in it.

    >>> import numpy as np
    >>> matcher = nlp.get_pipe("graphbuild_claims")  # the seeds' codebook
    >>> phrasings = sum(1 + len(c["aliases"]) + len(c["opposing"]) for c in matcher.claims)
    >>> def stance(text):
    ...     quote = nlp(text)._.attributions[0]
    ...     best = max(matcher.score_unit(quote.content, np.zeros(phrasings)).values(), key=lambda s: s.score)
    ...     return best.phrasing.text, stance_of(quote.content, quote, best.phrasing)
    >>> stance("“The breakup of Russia is a dangerous fantasy,” Ann Lee said.")  # condemns a normative claim
    ('breakup of Russia', (-1, 0.65))
    >>> stance("“Russia should be broken up into smaller states,” Ann Lee said.")
    ('breaking up Russia', (1, 0.65))
    """
    chain = _chain(anchor if anchor is not None else _anchor(unit, phrasing), unit)
    if _hypothetical(chain):
        return 0, 0.0
    flips, product, verbs, denied = _governing_polarity(chain, phrasing)
    polarity = phrasing.polarity * product
    cues = verbs
    if phrasing.negated:
        flips += 1
    if flips % 2:
        polarity = -polarity
    if flips - phrasing.negated > 0 and (phrasing.kind == "descriptive" or _modal_negation(chain)):
        # Denying a state of affairs is a stance, and so is ruling something
        # out ("Russia cannot simply … have sanctions lifted"); a plain
        # negated event ("the soldiers aren't going to the border") is not.
        cues += 1
    # A reporting verb that takes a stance on what it introduces ("the group rejects …").
    if (attribution.cue is not None and attribution.kind == "reported"
            and not unit.start <= attribution.cue.root.i < unit.end):
        if _hypothetical([attribution.cue.root]):
            return 0, 0.0  # "officials would oppose [gun control] if …"
        v = verb_polarity(attribution.cue.root)
        if v:
            polarity *= v
            cues += 1
    judged = evaluation(unit, phrasing.stems)
    # A judgement of a denial judges the act denied: deploring "the failure to pass the
    # bill" is backing the bill, whatever verbs sit below the noun.
    if judged and phrasing.kind == "normative" and (not verbs or denied):
        polarity *= judged
        cues += 1
    if unit.text.rstrip().endswith("?") and not judged:
        return 0, 0.0
    if any(t.lower_ in lexicon()["prescriptive_modals"] for t in unit):
        cues += 1
    if phrasing.kind == "normative" and cues == 0:
        # Mentioning a proposal ("the dissolution of Russia enjoys little
        # support") is not advocating it: a normative claim needs a sign of
        # endorsement or rejection.
        return 0, 0.0
    confidence = min(1.0, 0.5 + 0.15 * cues)
    return polarity, confidence
