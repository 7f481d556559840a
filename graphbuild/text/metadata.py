"""Article metadata found in the text itself: dates, bylines, author bios.

These are small pure functions over strings; :mod:`graphbuild.text.boilerplate`
decides which lines to look at, and :mod:`graphbuild.text.ingest` lets metadata a
corpus record gives win over anything found here.
"""
from __future__ import annotations

import re

from ..lexicons import load_yaml

__all__ = ["parse_date", "find_date", "split_authors", "parse_byline", "is_person_name", "bio_author",
           "is_role_line", "name_with_role"]

_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
_DATE_PATTERNS = [
    # 2024-11-05
    re.compile(r"\b" + _YEAR + r"-(?P<mon>\d\d)-(?P<day>\d\d)\b"),
    # November 5, 2024 / Nov. 5 2024 / November 5th, 2024
    re.compile(r"(?i)\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b"),
    # 5 November 2024
    re.compile(r"(?i)\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+" + _YEAR + r"\b"),
    # 11/5/2024 (US order: the corpora are American news)
    re.compile(r"\b(?P<mon>\d{1,2})/(?P<day>\d{1,2})/" + _YEAR + r"\b"),
    # November 2024 / November, 2024
    re.compile(r"(?i)\b" + _MONTH + r",?\s+" + _YEAR + r"\b"),
]
_YEAR_ONLY = re.compile(r"^\s*" + _YEAR + r"\s*$")

# A name token: a capitalised word (any script), an initial, or a particle.
_PARTICLES = {"de", "da", "del", "della", "der", "den", "van", "von", "bin", "al", "el", "la", "le", "du", "dos", "y", "st."}
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "md"}
_WORD = re.compile(r"[^\W\d_][\w'’.-]*$")


def _date_from_match(m: re.Match) -> str | None:
    g = m.groupdict()
    year = int(g["year"])
    month = _MONTHS[g["month"].lower()] if g.get("month") else int(g["mon"])
    if not 1 <= month <= 12:
        return None
    if not g.get("day"):
        return f"{year:04d}-{month:02d}"
    day = int(g["day"])
    return f"{year:04d}-{month:02d}-{day:02d}" if 1 <= day <= 31 else None


def find_date(s: str) -> tuple[str, int, int] | None:
    """The first date in ``s`` as (ISO date, start, end); day or month may be missing.

    >>> find_date("Breaking Up Russia December 29, 2025 By: X")
    ('2025-12-29', 19, 36)
    """
    best: tuple[str, int, int] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(s):
            iso = _date_from_match(m)
            if iso and (best is None or m.start() < best[1]):
                best = (iso, m.start(), m.end())
            break
    return best


def parse_date(s: str | None) -> str | None:
    """A date string as ISO ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY`` when that is all it says).

    >>> parse_date("November 5, 2024"), parse_date("2023"), parse_date("someday")
    ('2024-11-05', '2023', None)
    """
    if not s:
        return None
    if m := _YEAR_ONLY.match(s):
        return m["year"]
    found = find_date(s)
    return found[0] if found else None


def is_person_name(s: str) -> bool:
    """True if ``s`` looks like a personal name: 2–5 capitalised words or initials.

    >>> is_person_name("Brandon J. Weichert"), is_person_name("The Washington Post")
    (True, False)
    """
    tokens = s.split()
    if not 2 <= len(tokens) <= 5:
        return False
    lex = load_yaml("boilerplate.yaml")
    if tokens[0].lower().rstrip(".") in lex["not_names"]:
        return False
    if any(t.lower().rstrip(".,") in lex["role_words"] for t in tokens):
        return False
    capitals = 0
    for t in tokens:
        if t.lower() in _PARTICLES or t.lower().rstrip(",") in _SUFFIXES:
            continue
        if not _WORD.match(t) or not t[0].isupper():
            return False
        # ALL-CAPS words longer than an initial are headlines or acronyms, not names.
        if len(t) > 3 and t.isupper():
            return False
        capitals += 1
    return capitals >= 2 and tokens[-1][0].isupper()


def split_authors(field: str) -> tuple[str, ...]:
    """A comma-separated author field as names, quotes removed, order kept.

    >>> split_authors('Katie Pavlich, "Cortney OBrien", Leah Barkoukis')
    ('Katie Pavlich', 'Cortney OBrien', 'Leah Barkoukis')
    """
    names: list[str] = []
    for part in re.split(r",|;|\s+and\s+|\s*&\s*", field or ""):
        name = " ".join(part.strip().strip("\"'“”‘’").split())
        if name and name.lower().rstrip(".") not in _SUFFIXES and name not in names:
            names.append(name)
        elif name and names and name.lower().rstrip(".") in _SUFFIXES:
            # "John Smith, Jr." is one name.
            names[-1] = f"{names[-1]}, {name}"
    return tuple(names)


_BYLINE = re.compile(r"(?:^|\s)(?:[Bb]y|BY)\s*:?\s+(?P<names>[^\n]{3,160})$")


def parse_byline(line: str) -> tuple[tuple[str, ...], int] | None:
    """Author names of a byline at the end of ``line``, and where the byline starts.

    Job titles after a comma are dropped; ``None`` unless every kept part is a name.

    >>> parse_byline("By: Sarah Fields, Senior Foreign Affairs Correspondent")
    (('Sarah Fields',), 0)
    >>> parse_byline("By the end of the war, Russia was broke.") is None
    True
    """
    m = _BYLINE.search(line.rstrip())
    if not m:
        return None
    raw = re.sub(r"\s*[|•·]\s*.*$", "", m["names"]).rstrip(" .")
    parts = split_authors(raw)
    names = [p for p in parts if is_person_name(p)]
    roles_only = all(is_person_name(p) or _is_role(p) for p in parts)
    if not names or not roles_only or not is_person_name(parts[0]):
        return None
    return tuple(names), m.start() + (1 if line[m.start()].isspace() else 0)


def _is_role(part: str) -> bool:
    words = [w.lower().strip(".") for w in part.split()]
    role_words = load_yaml("boilerplate.yaml")["role_words"]
    return bool(words) and any(w in role_words for w in words)


def is_role_line(line: str) -> bool:
    """A writer's job on a line of its own under a byline: "Opinion contributor",
    "Register Opinion columnist". Every word is a job word or a capitalised
    word (an outlet), one at least names a writer's job (``writer_jobs`` in
    ``data/boilerplate.yaml``), and it is no sentence.

    >>> is_role_line("Opinion contributor"), is_role_line("USA TODAY"), is_role_line("It rained.")
    (True, False, False)
    """
    words = [w.lower().strip(".,") for w in line.split()]
    lex = load_yaml("boilerplate.yaml")
    if not 1 <= len(words) <= 5 or line.rstrip().endswith((".", "!", "?", ":")):
        return False
    return any(w in lex["writer_jobs"] for w in words) and all(
        w in lex["role_words"] or orig[:1].isupper() for w, orig in zip(words, line.split()))


_NAME_ROLE = re.compile(r"^\s*(?P<name>[^/|,]{3,60}?)\s*(?:/|\||,|—|–)\s*(?P<role>[^/|]{3,60})$")


def name_with_role(line: str) -> str | None:
    """The writer of a one-line byline without "By": a name, a slash, bar, comma or
    dash, and the writer's job ("Jane Doe / Opinion contributor", "Jane Doe,
    Senior Correspondent"). A photo credit ("Sarah Wasko / Media Matters") names no job.

    >>> name_with_role("Jane Doe / Opinion contributor"), name_with_role("Sarah Wasko / Media Matters")
    ('Jane Doe', None)
    """
    m = _NAME_ROLE.match(line)
    if not m or m["name"].split()[0].lower().rstrip(":") == "by" or not is_person_name(m["name"]) \
            or not is_role_line(m["role"]):
        return None
    return m["name"]


_BIO = re.compile(
    r"^[—–*-]?\s*(?P<name>[^\s,()]+(?:\s+[^\s,()]+){1,4}?)(?:\s*\([^)]{1,40}\))?,?\s+"
    # "is a fellow at …", "is president, CEO, and Thomas W. Smith Fellow … at …": the role may
    # go without an article and hold the initials of a name
    r"(?:is|was|serves as|has been)\s+(?:(?:a|an|the)\s+)?(?P<role>(?:[^.]|(?<=\b[A-Z])\.){3,200}?)\b(?:at|of|for|with|in)\b"
)


def bio_author(paragraph: str) -> str | None:
    """The person a closing author bio is about, or None for an ordinary paragraph.

    >>> bio_author("Janusz Bugajski is a Senior Fellow at the Jamestown Foundation.")
    'Janusz Bugajski'
    >>> bio_author("Vladimir Putin is a threat to the security of Europe.") is None
    True
    >>> bio_author("Capitol Attitude is a weekly column written by members of the Hill team.") is None
    True
    """
    m = _BIO.match(paragraph.strip())
    if not m or not is_person_name(m["name"]):
        return None
    roles = load_yaml("boilerplate.yaml")["bio_roles"]
    words = re.findall(r"[\w-]+", m["role"].lower())
    # "… is a weekly column written by members of …": a clause inside the role describes a thing.
    if any(w in ("by", "who", "which", "that", "where") for w in words):
        return None
    return m["name"] if any(w.rstrip("s") in roles or w in roles for w in words) else None
