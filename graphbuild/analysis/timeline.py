"""The debate over time: measures per period or sliding window, and dynamic networks.

:func:`time_windows` cuts the dated statements into calendar periods (week,
month, year) or sliding windows of several periods moving one period at a
time; :func:`over_time` computes coalitions and polarisation in each, with
coalitions matched to the coalitions of the whole debate so a camp keeps its
number from window to window and a user sees it form.
:func:`dynamic_network` builds a network whose nodes and edges carry GEXF
``spells`` (start/end) and a per-period ``period_weight``, for Gephi's
timeline. Undated statements take part in no window.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from .coalitions import Coalitions, find_coalitions
from .data import Debate, period_start
from .networks import actor_network, two_mode_network

__all__ = ["Window", "PeriodResult", "time_windows", "over_time", "dynamic_network", "UNITS"]

UNITS: tuple[str, ...] = ("week", "month", "year")


@dataclass(frozen=True)
class Window:
    """A half-open date range [start, end) and its display label."""

    start: dt.date
    end: dt.date
    label: str

    @property
    def last_day(self) -> dt.date:
        """The window's last day (``end`` is the first day after it).

        >>> Window(dt.date(2024, 5, 1), dt.date(2024, 6, 1), "2024-05").last_day
        datetime.date(2024, 5, 31)
        """
        return self.end - dt.timedelta(days=1)


@dataclass(frozen=True)
class PeriodResult:
    window: Window
    statements: int
    actors: int
    coalitions: Coalitions
    # coalition index in this window -> index of the matching whole-debate coalition (or -1)
    matched: tuple[int, ...] = ()


def _next(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day + dt.timedelta(days=7)
    if unit == "month":
        return day.replace(year=day.year + day.month // 12, month=day.month % 12 + 1)
    return day.replace(year=day.year + 1)


def _label(start: dt.date, unit: str) -> str:
    if unit == "week":
        year, week, _ = start.isocalendar()
        return f"{year}-W{week:02d}"
    return start.strftime("%Y-%m") if unit == "month" else str(start.year)


def time_windows(debate: Debate, by: str = "month", window: int = 1) -> list[Window]:
    """Consecutive periods (``window=1``) or sliding windows of ``window`` periods.

    Windows start at every period from the first dated statement's period and
    stop when a window would reach past the last one.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports", date=dt.date(2024, 1, 9)),
    ...                        S("b", "c", "opposes", date=dt.date(2024, 3, 2))))
    >>> [w.label for w in time_windows(d, "month")]
    ['2024-01', '2024-02', '2024-03']
    >>> [w.label for w in time_windows(d, "month", window=2)]
    ['2024-01..2024-02', '2024-02..2024-03']
    """
    if by not in UNITS:
        raise ValueError(f"unknown period {by!r}; use one of {', '.join(UNITS)}")
    if window < 1:
        raise ValueError(f"a window spans at least one {by}, not {window}")
    days = sorted(s.date for s in debate.statements if s.date is not None)
    if not days:
        return []
    starts = [period_start(days[0], by)]
    last = period_start(days[-1], by)
    while starts[-1] < last:
        starts.append(_next(starts[-1], by))
    out = []
    for i in range(max(1, len(starts) - window + 1)):
        first, stop = starts[i], starts[min(i + window, len(starts)) - 1]
        label = _label(first, by) if first == stop else f"{_label(first, by)}..{_label(stop, by)}"
        out.append(Window(first, _next(stop, by), label))
    return out


def _match(local: Coalitions, overall: Coalitions) -> tuple[int, ...]:
    """For each local coalition, the whole-debate coalition sharing most members (Jaccard)."""
    matched = []
    for group in local.groups:
        members = set(group)
        best, score = -1, 0.0
        for j, other in enumerate(overall.groups):
            jac = len(members & set(other)) / len(members | set(other))
            if jac > score:
                best, score = j, jac
        matched.append(best)
    return tuple(matched)


def over_time(debate: Debate, by: str = "month", window: int = 1, *, duplicates: str = "every",
              normalization: str = "no", min_weight: float = 0.0,
              overall: Coalitions | None = None) -> list[PeriodResult]:
    """Coalitions and polarisation per period or sliding window (empty windows skipped).

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports", date=dt.date(2024, 1, 9)),
    ...                        S("b", "c", "opposes", date=dt.date(2024, 2, 2))))
    >>> [(r.window.label, r.coalitions.polarization) for r in over_time(d, "month", 2)]
    [('2024-01..2024-02', 1.0)]
    """
    options = {"duplicates": duplicates, "normalization": normalization, "min_weight": min_weight}
    overall = overall or find_coalitions(debate, **options)
    results = []
    for w in time_windows(debate, by, window):
        part = debate.select(start=w.start, end=w.end)
        if not part.statements:
            continue
        local = find_coalitions(part, **options)
        results.append(PeriodResult(w, len(part.statements), len({s.actor for s in part.statements}),
                                    local, _match(local, overall)))
    return results


def dynamic_network(debate: Debate, network: str = "two-mode", by: str = "month", *,
                    duplicates: str = "every", normalization: str = "no") -> nx.Graph:
    """One graph whose nodes and edges exist in the periods they are active.

    ``network`` is ``two-mode`` or an actor projection (``congruence``,
    ``conflict``, ``subtract``). Every node and edge gets ``spells`` (a list
    of ISO ``(start, end)`` days, end inclusive), ``start``/``end`` (first and
    last active day) and edges a ``period_weight`` list of
    ``(weight, start, end)``, which networkx writes as GEXF dynamic data.
    Weights are those of the whole debate in ``weight``.

    >>> from graphbuild.analysis.data import StatementRecord as S
    >>> d = Debate(statements=(S("a", "c", "supports", date=dt.date(2024, 1, 9)),))
    >>> dynamic_network(d).nodes["a"]["spells"]
    [('2024-01-01', '2024-01-31')]
    """
    def build(part: Debate) -> nx.Graph:
        if network == "two-mode":
            return two_mode_network(part, duplicates=duplicates, normalization=normalization)
        return actor_network(part, network, duplicates=duplicates, normalization=normalization)

    whole = build(debate)
    whole.graph["mode"] = "dynamic"
    for w in time_windows(debate, by):
        part = build(debate.select(start=w.start, end=w.end))
        spell = (w.start.isoformat(), w.last_day.isoformat())
        for n in part:
            if n in whole:
                whole.nodes[n].setdefault("spells", []).append(spell)
        for u, v, d in part.edges(data=True):
            if whole.has_edge(u, v):
                data = whole.edges[u, v]
                data.setdefault("spells", []).append(spell)
                data.setdefault("period_weight", []).append((float(d["weight"]), *spell))
    for _, data in [*whole.nodes(data=True), *((None, d) for *_, d in whole.edges(data=True))]:
        spells = data.get("spells")
        if spells:
            data["start"], data["end"] = spells[0][0], spells[-1][1]
    return whole
