"""Document-level checks: findings of one unit that depend on other units of the document.

A document-level check declares, besides the registered ``Check`` whose findings it adds:

- what it reads across units: ``name`` and ``summary(reference, target)``, a short value (a
  str of at most 32 characters, or an int) derived from one unit's texts alone, None when the
  unit takes no part. A caller that keeps a document stores each unit's summaries (by
  ``name``: app/store/stats.py keeps them in the units' stats rows) and finds units by them;
- how its findings depend on other units, by its kind:

  ``GroupCheck``: a unit's findings depend on the units with the same summary (its group)
    alone; ``hits`` of the pairs of whole groups gives them what the whole document gives.
  ``LastCheck``: only the last unit in document order that has a summary (the holder) has
    findings, and they come from its summary alone (``holder_hits``).

- ``hits(pairs)``: per (reference, target) pair of a whole document, its hits. A pair may
  carry a third item, its origin (``consistency.po_origin``: a PO message's msgctxt and
  plural form), which a ``GroupCheck``'s summary reads (``unit_summary``) and a
  ``LastCheck``'s ignores.

After some units changed (``Change``: a unit's position and its summaries before and after),
the methods below say what else must be computed again so that re-checking only that gives
the findings of a whole re-check (tests/store/test_perf_recheck.py,
tests/core/test_checks_document_interface.py): ``GroupCheck.keys`` the groups to compute
again, ``LastCheck.needs_holder`` whether the holder among the unchanged units must be
looked up, ``LastCheck.holder`` the holder, ``LastCheck.recheck`` the unchanged unit whose
findings change with the holder.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Hashable, Iterable, Mapping, Sequence

from app.core.checks.base import Check, Hit

Pairs = Sequence[tuple[str, str]]
Summaries = Mapping[str, Any]


@dataclass(frozen=True)
class Change:
    """One unit that changed: its id, its position in the document now, and its summaries
    (by check name) before (None: it did not count: new, or inactive) and after (None: it
    no longer counts)."""
    unit: Hashable
    position: int
    before: Summaries | None
    after: Summaries | None


@dataclass(frozen=True)
class Holder:
    """The unit holding a ``LastCheck``'s findings: its id, summary and position."""
    unit: Hashable
    summary: Any
    position: int


@dataclass(frozen=True)
class GroupCheck:
    """A check over groups of units with the same summary (see the module docstring).
    ``group_hits(pairs)``: per pair, the hits of pairs that make up whole groups."""
    check: Check
    name: str
    summary: Callable[[str, str], Any] = field(repr=False)
    group_hits: Callable[[Pairs], list[list[Hit]]] = field(repr=False)

    def hits(self, pairs: Pairs) -> list[list[Hit]]:
        return self.group_hits(pairs)

    def unit_summary(self, reference: str, target: str, origin: str = "") -> Any:
        """The summary of a unit whose origin is ``origin`` (see the module docstring)."""
        return self.summary(reference, target, origin)

    def keys(self, changes: Iterable[Change], also: Iterable[Any] = ()) -> set:
        """The groups whose hits may have changed: those the changed units left or joined,
        and the summaries in ``also`` (of units checked again for another reason)."""
        keys = {v[self.name] for c in changes for v in (c.before, c.after)
                if v and v[self.name]}
        return keys | {k for k in also if k}


@dataclass(frozen=True)
class LastCheck:
    """A check whose findings sit on the last unit with a summary (see the module
    docstring). ``holder_hits(summary)``: the holder's hits."""
    check: Check
    name: str
    summary: Callable[[str, str], Any] = field(repr=False)
    holder_hits: Callable[[Any], list[Hit]] = field(repr=False)

    def hits(self, pairs: Pairs) -> list[list[Hit]]:
        out: list[list[Hit]] = [[] for _ in pairs]
        for k in range(len(pairs) - 1, -1, -1):
            summary = self.summary(pairs[k][0], pairs[k][1])
            if summary is not None:
                out[k] = list(self.holder_hits(summary))
                break
        return out

    def unit_summary(self, reference: str, target: str, origin: str = "") -> Any:
        """The summary of a unit (its origin does not matter to this kind)."""
        return self.summary(reference, target)

    def _touched(self, changes: Iterable[Change]) -> bool:
        return any(v is not None and v[self.name] is not None
                   for c in changes for v in (c.before, c.after))

    def needs_holder(self, changes: Sequence[Change], positions_known: bool,
                     others_checked: bool) -> bool:
        """Whether the holder among the unchanged units must be known: the changes may move
        the holder (a changed unit has or had a summary, or the units moved:
        ``positions_known`` False), or unchanged units are checked again
        (``others_checked``: one of them may hold it)."""
        return others_checked or not positions_known or self._touched(changes)

    def holder(self, changes: Iterable[Change], other: Holder | None,
               side: str = "after") -> Holder | None:
        """The holder once the changes are made (``side`` "after") or before them
        ("before", with the units where they are now), given ``other``, the holder among
        the unchanged units (None: none of them has a summary, or it was not looked up)."""
        best = other
        for c in changes:
            values = getattr(c, side)
            if values is not None and values[self.name] is not None and (
                    best is None or c.position > best.position):
                best = Holder(c.unit, values[self.name], c.position)
        return best

    def recheck(self, changes: Sequence[Change], other: Holder | None,
                positions_known: bool) -> set:
        """The unchanged units whose findings may have changed: ``other`` (the holder
        among them) when the holder moved to or from it (or may have: units moved)."""
        if other is None or not (not positions_known or self._touched(changes)):
            return set()
        if not positions_known:
            return {other.unit}
        was = self.holder(changes, other, "before").unit == other.unit
        now = self.holder(changes, other, "after").unit == other.unit
        return {other.unit} if was != now else set()

    def hits_of(self, unit: Hashable, holder: Holder | None) -> list[Hit]:
        """The hits of ``unit`` given the document's holder."""
        if holder is None or holder.unit != unit:
            return []
        return list(self.holder_hits(holder.summary))


DocumentCheck = GroupCheck | LastCheck
