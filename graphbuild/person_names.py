"""A person's name read on its own, and whether two names may name one person.

Cross-document resolution (:mod:`graphbuild.identity`) groups the names of
a whole corpus; the people rule of that grouping rests on what this module
reads from a single name and from a pair of names:

* :func:`parse_person`: titles and suffixes off ("Senate Majority Leader
  Mitch McConnell", "Bill Pascrell Jr."), then given names, initials and
  surname, folded (:class:`PersonName`);
* :func:`nickname_equivalent`: two given names are one when equal or one is
  the other's nickname (``data/nicknames.tsv``);
* :func:`may_be_one_person`: two full names of one surname may be one person
  when their given names match and their middle names and initials do not
  conflict ("Charles E. Grassley" = "Charles Grassley" = "Chuck Grassley").
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from nameparser import HumanName
from nameparser.config import CONSTANTS

from .lexicons import load_rows
from .names import fold_name, normalize_name, titles

__all__ = ["PersonName", "parse_person", "without_titles", "nickname_equivalent", "may_be_one_person"]

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v", "esq", "phd", "md"})


@lru_cache(maxsize=None)
def _nicknames() -> dict[str, frozenset[str]]:
    """{given name: names it is equivalent to} from ``nicknames.tsv`` (both directions)."""
    table: dict[str, set[str]] = defaultdict(set)
    for formal, nick in load_rows("nicknames.tsv"):
        table[formal].add(nick)
        table[nick].add(formal)
    return {k: frozenset(v) for k, v in table.items()}


def nickname_equivalent(a: str, b: str) -> bool:
    """True when two given names can name one person: equal, or one a nickname of the other.

    >>> nickname_equivalent("Bill", "william"), nickname_equivalent("Bob", "Bill")
    (True, False)
    """
    a, b = fold_name(a), fold_name(b)
    return a == b or b in _nicknames().get(a, ())


@dataclass(frozen=True)
class PersonName:
    """A person's name as :func:`parse_person` reads it.

    >>> parse_person("Charles E. Grassley")
    PersonName(given=('charles', 'e'), surname='grassley', parts=3)
    """

    given: tuple[str, ...]  # folded given names and initials, in order
    surname: str
    parts: int  # how full the name is: given names, initials, surname, suffix

    @property
    def primary(self) -> str | None:
        """The first given name that is more than an initial.

        >>> parse_person("J. Danforth Quayle").primary, parse_person("Quayle").primary
        ('danforth', None)
        """
        return next((g for g in self.given if len(g) > 1), None)

    @property
    def initials(self) -> frozenset[str]:
        """The first letters of the given names other than the primary one.

        >>> sorted(parse_person("John F. Kennedy").initials)
        ['f']
        """
        primary = self.primary
        return frozenset(g[0] for g in self.given if g != primary)

    @property
    def middles(self) -> frozenset[str]:
        """The full given names other than the primary one.

        >>> sorted(parse_person("Mohammad Javad Zarif").middles)
        ['javad']
        """
        primary = self.primary
        return frozenset(g for g in self.given if len(g) > 1 and g != primary)


def _is_title(word: str, titles) -> bool:
    return word.lower().split("-")[0].rstrip(".,") in titles


def without_titles(words: list[str]) -> list[str]:
    """The name after its title: "Senate Majority Leader Mitch McConnell" → "Mitch McConnell".

    >>> without_titles("Senate Majority Leader Mitch McConnell".split()), without_titles(["President", "Trump"])
    (['Mitch', 'McConnell'], ['Trump'])
    """
    honor = titles()
    every = honor | CONSTANTS.titles
    while True:
        cut = None
        # after the last title word that leaves a full name ("of" continues the title)
        for i in range(len(words) - 3, -1, -1):
            if _is_title(words[i], every) and words[i + 1].lower() != "of":
                cut = i + 1
                break
        # "President Trump": a curated honorific only (many given names are titles somewhere: "Dean")
        for i in range(len(words) - 2, -1, -1) if cut is None else ():
            if _is_title(words[i], honor) and words[i + 1].lower() != "of":
                cut = i + 1
                break
        if cut is None:
            return words
        words = words[cut:]


def parse_person(name: str) -> PersonName | None:
    """Parse a person's name: titles and suffixes off, given names and surname folded.

    >>> parse_person("Sen. Bill Pascrell Jr.")
    PersonName(given=('bill',), surname='pascrell', parts=3)
    >>> parse_person("President Trump"), parse_person("--")
    (PersonName(given=(), surname='trump', parts=1), None)
    """
    words = without_titles(name.replace("\u2019", "'").split())
    suffix = 0
    while len(words) > 1 and words[-1].lower().strip(".,") in _SUFFIXES:
        words.pop()
        suffix = 1
    if not words:
        return None
    if len(words) == 1:
        surname = normalize_name(words[0])
        return PersonName((), surname, 1) if surname else None
    parsed = HumanName(" ".join(words))
    surname = normalize_name(parsed.last)
    given = tuple(w for part in (parsed.first, parsed.middle) for w in normalize_name(part).split())
    if not surname:
        return None
    return PersonName(given, surname, len(given) + 1 + suffix)


def may_be_one_person(a: PersonName, b: PersonName) -> bool:
    """Two full names of one surname that may name one person.

    >>> grassley = parse_person("Charles E. Grassley")
    >>> may_be_one_person(grassley, parse_person("Chuck Grassley"))
    True
    >>> may_be_one_person(parse_person("John F. Kerry"), parse_person("John D. Kerry"))
    False
    """
    pa, pb = a.primary, b.primary
    full_a = [g for g in a.given if len(g) > 1]
    full_b = [g for g in b.given if len(g) > 1]
    short, long_ = sorted((full_a, full_b), key=len)
    if short and len(short) < len(long_) and _subsequence(short, long_):
        return True  # "Javad Zarif" and "Mohammad Javad Zarif"
    if pa and pb and not nickname_equivalent(pa, pb):
        return False
    if not (pa and pb):
        # "A. Hinkle" and "Barton Hinkle": compare what initials there are
        fa = {g[0] for g in a.given}
        fb = {g[0] for g in b.given}
        if fa and fb and not fa & fb:
            return False
    if a.middles and b.middles and not a.middles & b.middles:
        return False
    if a.initials and b.initials and not a.initials & b.initials:
        return False
    return True


def _subsequence(short: list[str], long_: list[str]) -> bool:
    it = iter(long_)
    return all(any(w == x for x in it) for w in short)
