"""The corrected article as plain text, in the layout of the original.

``restore_text(original, spans)`` replaces spans of the original text by the
translator's text and keeps everything between the spans (the separators: spaces,
line breaks, blank lines, indentation) byte for byte. A span is
``(start, end, new_text)`` over the ORIGINAL text; for a unit that covers a run of
target sentences it goes from the start of its first segment to the end of its last.

Rules:

- Spans are given in order and never overlap (``ValueError`` otherwise). Touching
  spans are fine, and several insertions may share one point.
- An insertion (``start == end``: a unit the translator added, with no original target
  sentence) is joined with one space: a space goes before the new text unless the
  output so far ends in whitespace or is empty (a paragraph start, after a line break),
  and a space goes after it unless the original character at the insertion point is
  whitespace or the end of the text. So inserting at the end of sentence "A." in
  "A. B." gives "A. NEW B.", at the start of "B." gives the same, and at offset 0
  gives "NEW A. B.". An empty insertion inserts nothing.
- A deletion (a non-empty span with ``new_text == ""``) removes the text and one of
  the runs of horizontal whitespace around it, so "A. B. C." without "B." reads
  "A. C." (not "A.  C."), and a paragraph's last sentence leaves no trailing space.
  This is the only case in which separator characters are dropped.
- Text is inserted as typed: a unit whose text contains "\\n" introduces a line break.
"""
from __future__ import annotations

from typing import Sequence

__all__ = ["restore_text"]

_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _is_hspace(ch: str) -> bool:
    return ch.isspace() and ch not in _LINE_BREAKS


def _hspace_run_before(text: str) -> int:
    """Number of horizontal whitespace characters ending ``text``."""
    n = 0
    while n < len(text) and _is_hspace(text[-1 - n]):
        n += 1
    return n


def _hspace_run_after(text: str, pos: int, limit: int) -> int:
    n = pos
    while n < limit and _is_hspace(text[n]):
        n += 1
    return n - pos


def restore_text(original: str, spans: Sequence[tuple[int, int, str]]) -> str:
    """``original`` with each span ``(start, end, new_text)`` replaced (see module doc)."""
    out: list[str] = []
    last = ""  # last character written so far ("" at the very start)
    pos = 0
    size = len(original)
    for index, (start, end, new) in enumerate(spans):
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start <= end <= size:
            raise ValueError(f"span {index} ({start}, {end}) is not within the text "
                             f"(length {size})")
        if start < pos:
            raise ValueError(f"span {index} ({start}, {end}) overlaps or precedes the "
                             f"previous span ending at {pos}")
        gap = original[pos:start]
        before_gap = last
        out.append(gap)
        if gap:
            last = gap[-1]
        if start == end:
            if new:
                after = original[start] if start < size else ""
                lead = " " if last and not last.isspace() and not new[0].isspace() else ""
                trail = " " if after and not after.isspace() and not new[-1].isspace() else ""
                piece = lead + new + trail
                out.append(piece)
                last = piece[-1]
        elif new:
            out.append(new)
            last = new[-1]
        else:
            # Deletion: drop one run of horizontal whitespace next to the removed text.
            limit = max(end, spans[index + 1][0] if index + 1 < len(spans) else size)
            right = _hspace_run_after(original, end, limit)
            left = _hspace_run_before(gap)
            ch = gap[-left - 1] if left < len(gap) else before_gap
            at_line_start = not ch or ch in _LINE_BREAKS
            if right and (left or at_line_start):
                end += right
            elif left and (end == size or original[end] in _LINE_BREAKS):
                out[-1] = gap[:len(gap) - left]
                last = ch
        pos = end
    out.append(original[pos:])
    return "".join(out)

