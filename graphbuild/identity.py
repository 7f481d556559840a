"""Which actor names are one actor across a corpus: cross-document resolution.

Inside a document the extractor already knows that "Trump" is "Donald Trump"
(:mod:`graphbuild.nlp.actors`). Across documents it does not: one article
writes "Bill Barr", another "William Barr", a third only "Barr". After
extraction, when every statement of a build (or of a store) is known,
:func:`resolve_actors` groups the names, and the graph gets one node per
group, labelled with its fullest name and keeping every other name as
``skos:altLabel``.

The result is a pure function of the multiset of (name, type) pairs, so a
one-shot build and any sequence of incremental builds into a store give the
same groups. Rules, all general:

* names equal after :func:`~graphbuild.names.normalize_name` are one;
* people: given names match when equal or one is the other's nickname
  (``data/nicknames.tsv``), middle names and initials must not conflict
  ("Charles E. Grassley" = "Charles Grassley" = "Chuck Grassley"), suffixes
  and titles are ignored; a surname alone, or with a title ("President
  Trump", "Sen. Paul"), joins the one person of that surname, and stays
  apart when the corpus has two (two Bushes);
* groups: singular and plural are one ("Democrat", "Democrats"), named in
  the plural; "House Republicans" stays apart from "Republicans";
* an organisation's acronym joins the one organisation it abbreviates
  ("EPA", "Environmental Protection Agency");
* names pinned by the user's alias file are never merged with each other.

A place that speaks ("Moscow said") is an actor too: :func:`place_of` finds
the place a name stands for and :func:`government_label` names its
government (``data/places.tsv``). Whether two names of people may be one
person is read in :mod:`graphbuild.person_names`.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicons import load_rows
from .names import fold_name, normalize_name
from .person_names import PersonName, may_be_one_person, parse_person, without_titles

__all__ = ["Resolution", "resolve_actors", "government_label", "place_of"]

_INITIALISM_SKIP = frozenset({"of", "the", "and", "for", "on", "in", "at", "to", "&"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$")
_GROUPISH = frozenset({"Group", "Organization", "Government"})
# A name typed differently in different places takes its most frequent type; ties go to the more specific.
_TYPE_ORDER = {"Person": 0, "Group": 1, "Government": 2, "Organization": 3}
# A bare surname joins the person who has this share of the statements made
# by full names with that surname ("Trump" is Donald Trump beside a few
# statements by Melania Trump), and stays apart below it (two Clintons).
DOMINANT_SHARE = 0.75


@lru_cache(maxsize=None)
def _places() -> dict[str, tuple[str, str]]:
    table = {}
    for variant, place, label in load_rows("places.tsv"):
        table[variant] = (place, label)
    return table


def place_of(name: str) -> str | None:
    """The place a name stands for, as ``data/places.tsv`` names it (a capital gives its country).

    >>> place_of("Moscow"), place_of("the U.S."), place_of("Chris Murphy")
    ('Russia', 'United States', None)
    """
    key = fold_name(name)
    if key.startswith("the "):
        key = key[4:]
    hit = _places().get(key)
    return hit[0] if hit else None


def government_label(place: str) -> str:
    """How a place that speaks is labelled: its government.

    >>> government_label("Russia"), government_label("Ohio"), government_label("Atlantis")
    ('Russian government', 'Ohio state government', 'government of Atlantis')
    """
    hit = _places().get(fold_name(place))
    return hit[1] if hit else f"government of {place}"


def _plural_of(key: str) -> str | None:
    words = key.split()
    if not words or len(words[-1]) < 4 or not words[-1].isalpha():
        return None
    return " ".join(words[:-1] + [words[-1] + "s"])


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in _INITIALISM_SKIP)


@dataclass
class Resolution:
    """The groups of actor names found by :func:`resolve_actors`.

    >>> r = resolve_actors([("Donald Trump", "Person"), ("Trump", "Person")])
    >>> r.label("Trump"), r.key("Trump") == r.key("Donald Trump")
    ('Donald Trump', True)
    """

    _group: dict[str, str] = field(default_factory=dict)  # name key -> group id
    _labels: dict[str, str] = field(default_factory=dict)  # group id -> display name
    _types: dict[str, str] = field(default_factory=dict)  # group id -> type
    _members: dict[str, list[str]] = field(default_factory=dict)  # group id -> surface names
    ambiguous: dict[str, list[str]] = field(default_factory=dict)  # surname -> people it may be

    def key(self, name: str) -> str:
        """The group of a name (a name never seen is a group of its own).

        >>> r = resolve_actors([("Donald Trump", "Person"), ("Trump", "Person")])
        >>> r.key("Trump") == r.key("Donald Trump"), r.key("Trump") == r.key("Biden")
        (True, False)
        """
        k = normalize_name(name) or "\x00" + name.strip()
        return self._group.get(k, k)

    def label(self, name: str) -> str:
        """The display name of the name's group.

        >>> r = resolve_actors([("Donald Trump", "Person"), ("Trump", "Person")])
        >>> r.label("Trump"), r.label("  Joe Biden ")
        ('Donald Trump', 'Joe Biden')
        """
        return self._labels.get(self.key(name), name.strip())

    def type(self, name: str) -> str | None:
        """The group's type (the most frequent among its names), if known.

        >>> r = resolve_actors([("Acme Corp", "Organization")])
        >>> r.type("Acme Corp"), r.type("Nobody")
        ('Organization', None)
        """
        return self._types.get(self.key(name))

    def groups(self) -> dict[str, list[str]]:
        """{display name: every surface name of the group}, for groups of more than one name.

        >>> resolve_actors([("Donald Trump", "Person"), ("Trump", "Person"), ("Ann Lee", "Person")]).groups()
        {'Donald Trump': ['Donald Trump', 'Trump']}
        """
        return {self._labels[g]: sorted(m) for g, m in self._members.items() if len(m) > 1}


def resolve_actors(names: Iterable[tuple[str, str]] | Mapping[tuple[str, str], int], *,
                   pinned: Iterable[str] = ()) -> Resolution:
    """Group actor names that name one actor anywhere in a corpus.

    ``names`` are (name, type) pairs, one per statement (or a Counter of
    them: frequencies break ties in the display name). ``pinned`` names
    (the alias file's canonical names) are never merged with one another.

    >>> r = resolve_actors([("Bill Barr", "Person"), ("William Barr", "Person"), ("Barr", "Person"),
    ...                     ("Democrat", "Group"), ("Democrats", "Group")])
    >>> r.key("Bill Barr") == r.key("William Barr") == r.key("Barr"), r.label("Democrat")
    (True, 'Democrats')
    >>> r = resolve_actors([("George Bush", "Person"), ("Jeb Bush", "Person"), ("Bush", "Person")])
    >>> len({r.key("George Bush"), r.key("Jeb Bush"), r.key("Bush")})
    3
    """
    counts: Counter = Counter(names) if not isinstance(names, Mapping) else Counter(dict(names))
    surfaces: dict[str, Counter] = defaultdict(Counter)
    types: dict[str, Counter] = defaultdict(Counter)
    for (name, kind), n in counts.items():
        name = name.strip()
        k = normalize_name(name) or "\x00" + name
        surfaces[k][name] += n
        types[k][kind] += n
    pinned_keys = {normalize_name(p) for p in pinned if normalize_name(p)}

    parent = {k: k for k in surfaces}

    def find(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    pins: dict[str, set[str]] = {k: ({k} & pinned_keys) for k in surfaces}

    def union(a: str, b: str) -> bool:
        ra, rb = find(a), find(b)
        if ra == rb:
            return True
        if pins[ra] and pins[rb]:
            return False  # the user named both: two actors
        parent[rb] = ra
        pins[ra] |= pins.pop(rb)
        return True

    def kind(k: str) -> str:
        return min(types[k], key=lambda t: (-types[k][t], _TYPE_ORDER.get(t, 9), t))

    def surface(k: str) -> str:
        c = surfaces[k]
        return min(c, key=lambda s: (-c[s], -len(s), s))

    resolution = Resolution()
    _people(surfaces, kind, surface, union, resolution)
    _groups(surfaces, kind, union)
    _acronyms(surfaces, kind, surface, union)

    members: dict[str, list[str]] = defaultdict(list)
    for k in sorted(surfaces):
        members[find(k)].append(k)
    for root, keys in members.items():
        total: Counter = Counter()
        for k in keys:
            total.update(types[k])
        group_type = min(total, key=lambda t: (-total[t], _TYPE_ORDER.get(t, 9), t))
        label_key = _label_key(keys, surfaces, group_type, pinned_keys)
        gid = label_key
        for k in keys:
            resolution._group[k] = gid
        resolution._labels[gid] = surface(label_key)
        resolution._types[gid] = group_type
        resolution._members[gid] = sorted({s for k in keys for s in surfaces[k]})
    return resolution


def _label_key(keys: list[str], surfaces: dict[str, Counter], group_type: str, pinned: set[str]) -> str:
    """The key whose name labels the group: a pinned name, else the fullest common form."""
    chosen = [k for k in keys if k in pinned]
    if chosen:
        return min(chosen)

    def freq(k: str) -> int:
        return sum(surfaces[k].values())

    if group_type == "Person":
        def fullness(k: str) -> tuple[int, bool]:
            name = max(surfaces[k], key=surfaces[k].get)
            p = parse_person(name)
            titled = len(without_titles(name.split())) < len(name.split())
            return (-(p.parts if p else 0), titled)
        return min(keys, key=lambda k: (fullness(k), -freq(k), -len(k), k))
    # groups are named in the plural ("Democrat" and "Democrats" are one only through
    # the plural rule), organisations by their long form
    singulars = {k[:-1] for k in keys if k.endswith("s")} & set(keys)
    return min(keys, key=lambda k: (k in singulars, -len(k.split()), -freq(k), -len(k), k))


def _people(surfaces, kind, surface, union, resolution: Resolution) -> None:
    by_surname: dict[str, list[tuple[str, PersonName]]] = defaultdict(list)
    for k in sorted(surfaces):
        if kind(k) != "Person":
            continue
        person = parse_person(surface(k))
        if person is not None:
            by_surname[person.surname].append((k, person))
    for surname, found in sorted(by_surname.items()):
        full = [(k, p) for k, p in found if p.given]
        bare = [k for k, p in found if not p.given]
        # Fullest names first, so that a short form joins the name it shortens.
        full.sort(key=lambda kp: (-kp[1].parts, -sum(surfaces[kp[0]].values()), kp[0]))
        clusters: list[list[tuple[str, PersonName]]] = []
        for k, p in full:
            fits = [c for c in clusters if all(may_be_one_person(p, q) for _, q in c)]
            if len(fits) == 1 and union(fits[0][0][0], k):
                fits[0].append((k, p))
            else:
                clusters.append([(k, p)])
        weights = [sum(sum(surfaces[k].values()) for k, _ in c) for c in clusters]
        top = max(range(len(clusters)), key=lambda i: (weights[i], -i)) if clusters else None
        if top is not None and weights[top] >= DOMINANT_SHARE * sum(weights):
            for k in bare:
                union(clusters[top][0][0], k)
        elif not clusters:
            for k in bare[1:]:
                union(bare[0], k)  # "President Trump" and "Trump", no full name anywhere
        elif bare:
            resolution.ambiguous[surname] = sorted(surface(c[0][0]) for c in clusters)


def _groups(surfaces, kind, union) -> None:
    for k in sorted(surfaces):
        if kind(k) == "Person":
            continue
        plural = _plural_of(k)
        if plural in surfaces and kind(plural) in _GROUPISH:
            union(plural, k)


def _acronyms(surfaces, kind, surface, union) -> None:
    long_forms: dict[str, list[str]] = defaultdict(list)
    for k in sorted(surfaces):
        if kind(k) in _GROUPISH and len(k.split()) > 1:
            long_forms[_initials(k)].append(k)
    for k in sorted(surfaces):
        name = surface(k)
        if kind(k) in _GROUPISH and _ACRONYM.match(name.replace(" ", "")):
            found = long_forms.get(name.replace(".", "").lower(), [])
            if len(found) == 1:
                union(found[0], k)
