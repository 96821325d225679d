"""gettext's layout of a PO string: escaping, display width, and line wrapping as GNU
gettext's write-po does it (page width 79).

polib wraps with `textwrap`, which breaks lines in other places than GNU gettext does
(gettext follows the Unicode line breaking algorithm, UAX #14 as libunistring implements
it, counts display columns and never breaks inside an escape sequence), so a file written
that way changes when `msgcat` or `msgmerge` touches it. `wrap_field` reproduces gettext's
layout so that `msgcat FILE` gives back the same bytes; the tests check this against the
installed gettext.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Sequence

PAGE_WIDTH = 79

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def escape(text: str) -> str:
    """The text as it is written between the quotes of a PO string."""
    return text.translate(_ESCAPE_TABLE)


# ---------------------------------------------------------------------------
# Line breaking as GNU gettext does it (libunistring's pair table, UAX #14)

_CLASSES = "OP CL CP QU GL NS EX SY IS PR PO NU AL HL ID IN HY BA BB B2 ZW WJ EB EM RI".split()
# _DIRECT[before][after] == "1": a break is allowed between two adjacent characters.
# Measured against gettext 0.21 (msgcat) on this project's machines, one row per class.
_DIRECT = (
    ".........................",  # OP
    "1..........1111...11..111",  # CL
    "1.............1...11..111",  # CP
    ".........................",  # QU
    ".........................",  # GL
    "1........111111...11..111",  # NS
    "1........111111...11..111",  # EX
    "1........11.1.1...11..111",  # SY
    "1........11.111...11..111",  # IS
    ".........11.......11....1",  # PR
    ".........11...1...11..111",  # PO
    "..............1...11..111",  # NU
    "..............1...11..111",  # AL
    "..............1...11..111",  # HL
    "1........1.1111...11..111",  # ID
    "1........111111...11..111",  # IN
    "1...1....11.111...11..111",  # HY
    "1...1....111111...11..111",  # BA
    ".........................",  # BB
    "1........111111...1...111",  # B2
    "11111111111111111111.1111",  # ZW
    ".........................",  # WJ
    "1........1.1111...11..1.1",  # EB
    "1........1.1111...11..111",  # EM
    "1........111111...11..11.",  # RI
)
# After one or more spaces a break is allowed except before these classes...
_NEVER_BEFORE = frozenset({"CL", "CP", "EX", "IS", "SY", "ZW", "WJ"})
# ... and except in these (before, after) pairs.
_NEVER_ACROSS_SPACES = frozenset({("QU", "OP"), ("B2", "B2"), ("CL", "NS")})

_CHAR_CLASSES = {
    " ": "SP", "\t": "BA", "!": "EX", '"': "QU", "$": "PR", "%": "PO", "'": "QU",
    "(": "OP", ")": "CP", "+": "PR", ",": "IS", "-": "HY", ".": "IS", "/": "SY",
    ":": "IS", ";": "IS", "?": "EX", "[": "OP", "\\": "PR", "]": "CP", "{": "OP",
    "|": "BA", "}": "CL",
    "\u00a0": "GL", "\u00a1": "OP", "\u00a2": "PO", "\u00a3": "PR", "\u00a4": "PR",
    "\u00a5": "PR", "\u00ab": "QU", "\u00ad": "BA", "\u00b0": "PO", "\u00b1": "PR",
    "\u00b4": "BB", "\u00bb": "QU", "\u00bf": "OP",
    "\u2007": "GL", "\u200b": "ZW", "\u200d": "CM", "\u2010": "BA", "\u2011": "GL",
    "\u2012": "BA", "\u2013": "BA", "\u2014": "B2", "\u2018": "QU", "\u2019": "QU",
    "\u201a": "OP", "\u201b": "QU", "\u201c": "QU", "\u201d": "QU", "\u201e": "OP",
    "\u201f": "QU", "\u2024": "IN", "\u2025": "IN", "\u2026": "IN", "\u2027": "BA",
    "\u202f": "GL", "\u2039": "QU", "\u203a": "QU", "\u203c": "NS", "\u203d": "NS",
    "\u2044": "IS", "\u2047": "NS", "\u2048": "NS", "\u2049": "NS", "\u2060": "WJ",
    "\u2116": "PR", "\u3000": "BA", "\u3001": "CL", "\u3002": "CL", "\ufeff": "WJ",
}


# Classes and widths where libunistring (gettext 0.21, as measured with msgcat on this
# project's machines by probing break positions around every character found in the
# Django and Sphinx catalogs, plus the CJK, Khmer and Thai blocks) differs from the
# general-category approximation of `_char_class` / `_char_width`: (first, last, class).
_CLASS_OVERRIDES = (
    (0x037E, 0x037E, "IS"), (0x0589, 0x0589, "IS"), (0x060C, 0x060C, "IS"),
    (0x061B, 0x061B, "CL"), (0x061F, 0x061F, "CL"), (0x066A, 0x066A, "PO"),
    (0x06D4, 0x06D4, "CL"), (0x0964, 0x0964, "NS"), (0x0E5A, 0x0E5B, "NS"),
    (0x102B, 0x102C, "AL"), (0x1031, 0x1031, "AL"), (0x1038, 0x1038, "AL"),
    (0x103B, 0x103C, "AL"), (0x104A, 0x104B, "NS"), (0x17B6, 0x17B6, "AL"),
    (0x17BE, 0x17C5, "AL"), (0x17C7, 0x17C8, "AL"), (0x17D4, 0x17D6, "NS"),
    (0x17D8, 0x17D8, "NS"), (0x17DA, 0x17DA, "NS"), (0x2015, 0x2015, "AL"),
    (0x2056, 0x2056, "NS"), (0x2058, 0x205B, "NS"), (0x205D, 0x205E, "NS"),
    (0x2600, 0x2600, "ID"), (0x3005, 0x3005, "NS"), (0x3008, 0x3008, "BB"),
    (0x300A, 0x300A, "BB"), (0x300C, 0x300C, "BB"), (0x300E, 0x300E, "BB"),
    (0x3010, 0x3010, "BB"), (0x3014, 0x3014, "BB"), (0x3016, 0x3016, "BB"),
    (0x3018, 0x3018, "BB"), (0x301A, 0x301A, "BB"), (0x301D, 0x301D, "BB"),
    (0x3030, 0x3030, "ID"), (0x303B, 0x303C, "NS"), (0x303F, 0x303F, "ID"),
    (0x3041, 0x3041, "NS"), (0x3043, 0x3043, "NS"), (0x3045, 0x3045, "NS"),
    (0x3047, 0x3047, "NS"), (0x3049, 0x3049, "NS"), (0x3063, 0x3063, "NS"),
    (0x3083, 0x3083, "NS"), (0x3085, 0x3085, "NS"), (0x3087, 0x3087, "NS"),
    (0x308E, 0x308E, "NS"), (0x3095, 0x3096, "NS"), (0x309B, 0x309E, "NS"),
    (0x30A1, 0x30A1, "NS"), (0x30A3, 0x30A3, "NS"), (0x30A5, 0x30A5, "NS"),
    (0x30A7, 0x30A7, "NS"), (0x30A9, 0x30A9, "NS"), (0x30C3, 0x30C3, "NS"),
    (0x30E3, 0x30E3, "NS"), (0x30E5, 0x30E5, "NS"), (0x30E7, 0x30E7, "NS"),
    (0x30EE, 0x30EE, "NS"), (0x30F5, 0x30F6, "NS"), (0x30FB, 0x30FE, "NS"),
    (0xFF01, 0xFF01, "CL"), (0xFF05, 0xFF05, "PO"), (0xFF08, 0xFF08, "BB"),
    (0xFF0C, 0xFF0C, "CL"), (0xFF0D, 0xFF0D, "ID"), (0xFF0E, 0xFF0E, "CL"),
    (0xFF1A, 0xFF1B, "NS"), (0xFF1F, 0xFF1F, "CL"), (0xFF3B, 0xFF3B, "BB"),
    (0xFF5B, 0xFF5B, "BB"), (0xFF5F, 0xFF5F, "BB"), (0xFF61, 0xFF61, "CL"),
    (0xFF64, 0xFF64, "CL"), (0xFF65, 0xFF65, "NS"), (0xFF66, 0xFF66, "ID"),
    (0xFF67, 0xFF70, "NS"), (0xFF71, 0xFF9D, "ID"), (0xFF9E, 0xFF9F, "NS"),
    (0xFFA0, 0xFFBE, "ID"), (0xFFC2, 0xFFC7, "ID"), (0xFFCA, 0xFFCF, "ID"),
    (0xFFD2, 0xFFD7, "ID"), (0xFFDA, 0xFFDC, "ID"), (0xFFE0, 0xFFE0, "PO"),
)

# Sorted by code point (`_override` is a binary search).
_WIDTH_OVERRIDES = ((0x0CBF, 0x0CBF, 1), (0x0CC6, 0x0CC6, 1), (0xD7B0, 0xD7FB, 0),
                    (0x11A07, 0x11A08, 1), (0x11C3F, 0x11C3F, 1))


def _override(table, code: int):
    """Binary search of `table` for the range holding `code` (run once per character:
    the results are memoised below)."""
    lo, hi = 0, len(table)
    while lo < hi:
        mid = (lo + hi) // 2
        first, last, value = table[mid]
        if code < first:
            hi = mid
        elif code > last:
            lo = mid + 1
        else:
            return value
    return None


def _compute_char_class(ch: str) -> str:
    cls = _CHAR_CLASSES.get(ch)
    if cls:
        return cls
    code = ord(ch)
    cls = _override(_CLASS_OVERRIDES, code)
    if cls:
        return cls
    if 0x2030 <= code <= 0x2037:
        return "PO"
    if 0x1F1E6 <= code <= 0x1F1FF:
        return "RI"
    if 0x1F3FB <= code <= 0x1F3FF:
        return "EM"
    cat = unicodedata.category(ch)
    if cat in ("Mn", "Me", "Mc", "Cf"):
        return "CM"
    if cat == "Zs":
        return "BA"
    if cat == "Ps":
        return "OP"
    if cat == "Pe":
        return "CL"
    if cat in ("Pi", "Pf"):
        return "QU"
    if cat == "Pd":
        return "BA"
    if cat == "Sc":
        return "PR"
    if 0x1F000 <= code <= 0x1FAFF or code in (0x261D, 0x26F9) or 0x270A <= code <= 0x270D:
        # Pictographs: EB behaves as ID except that a skin-tone modifier (EM) sticks to
        # it; the few pictographs that are not EB are not followed by modifiers in text.
        return "EB"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "ID"
    if cat == "Nd":
        return "NU"
    if 0x0590 <= code <= 0x05FF and cat == "Lo":
        return "HL"
    return "AL"


def _compute_char_width(ch: str) -> int:
    width = _override(_WIDTH_OVERRIDES, ord(ch))
    if width is not None:
        return width
    if unicodedata.category(ch) in ("Mn", "Me", "Cf") or 0x1160 <= ord(ch) <= 0x11FF:
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


# Per-character memos of the two functions above. They grow with the distinct characters
# met (a few thousand for any real text, a bounded set in all: the code points).
_CLASS_MEMO: dict[str, str] = {}
_WIDTH_MEMO: dict[str, int] = {chr(c): 1 for c in range(0x20, 0x7F)}


def _char_class(ch: str) -> str:
    """Line-break class of one character (a pragmatic subset of UAX #14)."""
    cls = _CLASS_MEMO.get(ch)
    if cls is None:
        cls = _CLASS_MEMO[ch] = _compute_char_class(ch)
    return cls


def _char_width(ch: str) -> int:
    """Display columns of a character, as gettext counts them."""
    width = _WIDTH_MEMO.get(ch)
    if width is None:
        width = _WIDTH_MEMO[ch] = _compute_char_width(ch)
    return width


def _text_width(text: str) -> int:
    """Display columns of a string (the sum of `_char_width`)."""
    if text.isascii():
        # Printable ASCII is one column each; the controls gettext would meet here
        # (\t, \n, \r) are escaped before measuring, and the others are refused.
        if text.isprintable():
            return len(text)
    memo = _WIDTH_MEMO
    total = 0
    for ch in text:
        width = memo.get(ch)
        if width is None:
            width = _char_width(ch)
        total += width
    return total


# _DIRECT as sets: _DIRECT_AFTER[before] holds the classes a break is allowed before.
_DIRECT_AFTER = {before: frozenset(after for after, ok in zip(_CLASSES, row) if ok == "1")
                 for before, row in zip(_CLASSES, _DIRECT)}


def _portions(text: str) -> list[str]:
    """Split after each newline, as gettext does before wrapping."""
    parts = text.split("\n")
    last = parts.pop()
    parts = [part + "\n" for part in parts]
    if last or not parts:
        parts.append(last)
    return parts


def _escaped_chars(portion: str) -> tuple[str, list[bool]]:
    """The escaped text of a portion, and where a break is forbidden (one flag a character)."""
    escaped = portion.translate(_ESCAPE_TABLE)
    forbidden = [False] * len(escaped)
    if len(escaped) != len(portion):
        j = 0
        for ch in portion:
            if ch in _ESCAPES:
                forbidden[j + 1] = True  # never inside an escape sequence
                j += 2
            else:
                j += 1
    if portion.endswith("\n"):
        forbidden[-2] = True  # never right before the final "\n"
    return escaped, forbidden


def _letter_run_pattern() -> re.Pattern:
    """Runs of two or more letters that are each class AL and one column wide (checked
    here, from the same functions the layout uses): inside such a run no break is
    allowed, so `_layout` can step over it at once."""
    letters = [chr(c) for c in range(0x21, 0x250)
               if _compute_char_class(chr(c)) == "AL" and _compute_char_width(chr(c)) == 1
               and unicodedata.category(chr(c)) in ("Lu", "Ll")]
    if "AL" in _DIRECT_AFTER["AL"]:
        letters = []  # a break between two letters: no run can be stepped over
    ranges, first = [], None
    for ch, nxt in zip(letters, letters[1:] + [None]):
        first = first or ch
        if nxt is None or ord(nxt) != ord(ch) + 1:
            ranges.append(re.escape(first) + ("-" + re.escape(ch) if ch != first else ""))
            first = None
    return re.compile("[" + "".join(ranges) + "]{2,}" if ranges else "(?!)")


_LETTER_RUN = _letter_run_pattern()


def _layout(chars: Sequence[str], forbidden: list[bool], start: int, width: int,
            restart: int = 0, *, any_break: bool = False) -> list[int]:
    """Greedy break positions: the last allowed break before the width is exceeded.

    A break before chars[i] is allowed by the pair rules of UAX #14 as gettext applies
    them (combining marks stick to their base; after spaces, `_NEVER_BEFORE` and
    `_NEVER_ACROSS_SPACES`), and never where `forbidden[i]`. With `any_break`, stop at
    the first break (enough to know whether there is one).

    A run of plain letters (`_LETTER_RUN`) is one step: the break before its first letter
    is weighed as for that letter, no break is allowed inside it, and the line overflows
    inside it exactly when it overflows somewhere in the run, which takes the same break
    as the letter-by-letter walk (at most one, as no new break appears in the run).
    """
    text = chars if isinstance(chars, str) else "".join(chars)
    if start + _text_width(text) <= width:
        return []  # never exceeds the width: no break is taken
    class_memo, width_memo = _CLASS_MEMO, _WIDTH_MEMO
    breaks: list[int] = []
    column = start
    last_break: int | None = None
    last_column = 0
    last: str | None = None  # class of the previous character that is not a space
    spaces = False  # spaces between `last` and the current character
    runs = _LETTER_RUN.finditer(text)
    run = next(runs, None)
    i, n = 0, len(text)
    while i < n:
        if run is not None and run.start() == i:
            cls, w, step = "AL", run.end() - i, run.end() - i
            run = next(runs, None)
        else:
            ch = text[i]
            cls = class_memo.get(ch) or _char_class(ch)
            w = width_memo.get(ch)
            if w is None:
                w = _char_width(ch)
            step = 1
        if cls == "SP":
            spaces = last is not None
        elif cls != "CM" or last is None or spaces:  # else a combining mark sticks to its base
            if cls == "CM":
                cls = "AL"
            if last is not None and not forbidden[i] and (
                    ((last == "ZW" or cls not in _NEVER_BEFORE) and last != "OP"
                     and (last, cls) not in _NEVER_ACROSS_SPACES) if spaces
                    else cls in _DIRECT_AFTER[last]):
                last_break, last_column = i, column
            last, spaces = cls, False
        if column + w > width and last_break is not None:
            breaks.append(last_break)
            if any_break:
                return breaks
            column -= last_column - restart
            last_break = None
        column += w
        i += step
    return breaks


def wrap_field(name: str, text: str, width: int = PAGE_WIDTH, *, prefix: str = "",
                wrap: bool = True) -> list[str]:
    """Lines of `name "..."` wrapped like gettext's write-po.

    `prefix` starts every line ("#~ " for obsolete entries, "#| " for previous fields);
    `wrap=False` is the no-wrap flag: lines break only after embedded newlines.
    """
    inner = width - 2  # room for the two quotes of a continuation line
    pad = len(prefix)
    head = pad + len(name) + 1  # column after `name ` on the first line
    if "\n" not in text:
        escaped = text.translate(_ESCAPE_TABLE)
        if not wrap or head + _text_width(escaped) <= inner:
            # One portion that fits after the keyword (or is never wrapped): one line.
            return [f'{prefix}{name} "{escaped}"']
    out: list[str] = []
    portions = _portions(text)
    for n, portion in enumerate(portions):
        chars, forbidden = _escaped_chars(portion)
        breaks: list[int] = []
        first = n == 0
        if first and chars:
            # The field starts on an empty `name ""` line when it has several portions
            # or when its first portion is broken at all when laid out after `name `.
            if len(portions) > 1 or (
                    wrap and _layout(chars, forbidden, head, inner, pad, any_break=True)):
                out.append(f'{prefix}{name} ""')
                first = False
        if wrap and not first:
            breaks = _layout(chars, forbidden, pad, inner, pad)
        pieces, prev = [], 0
        for b in breaks:
            pieces.append(chars[prev:b])
            prev = b
        pieces.append(chars[prev:])
        for k, piece in enumerate(pieces):
            if first and k == 0:
                out.append(f'{prefix}{name} "{piece}"')
                first = False
            else:
                out.append(f'{prefix}"{piece}"')
    return out

