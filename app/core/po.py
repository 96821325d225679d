"""PO files: deterministic writing, atomic saving, validated reading.

This is the only module of the project that imports polib.

Writing does not use polib's serializer: polib wraps with `textwrap`, which breaks
lines in other places than GNU gettext does (gettext follows the Unicode line breaking
algorithm, counts display columns and never breaks inside an escape sequence), so a file
written by polib changes when `msgcat` or `msgmerge` touches it. `_wrap_field` below
reproduces gettext's layout (page width 79) so that `msgcat FILE` gives back the same
bytes; the tests check this against the installed gettext.

Representation choices (see also tests/core/test_po.py):

- msgctxt is the stable unit id and is mandatory (never empty). Because every entry
  has a context, an empty reference (a 0-1 bead: target without reference) is written
  as `msgid ""` under its msgctxt. That is valid gettext and lossless: the header is the
  only entry with an empty msgid and *no* context (msgfmt compiles our entry under the
  key "ctxt\\x04", distinct from the header's ""), and msgfmt --check accepts it.
- An empty target (a 1-0 bead, or not yet translated) is `msgstr ""`.
- The MT original is one extracted comment line `#. MT: ...` in which backslash and
  newline are escaped (`\\\\` and `\\n`), so multi-line MT survives exactly; a note is
  written as plain extracted comment lines after it. gettext never wraps comments.
- `fuzzy` is the `#, fuzzy` flag.

Reading validates the raw text line by line first (polib is lenient: an unterminated
string loads silently truncated) and raises `PoError` with the file and line; only then
is the text parsed with polib, and polib's result is cross-checked against the
validator's own decoding of every string.
"""
from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Sequence

import polib

from app.core import textio, values

__all__ = [
    "PoUnit",
    "PoEntry",
    "PoError",
    "render_po",
    "write_po",
    "read_po",
    "PLURAL_FORMS",
]

PAGE_WIDTH = 79
GENERATOR = "Translation Review Workbench"
MT_PREFIX = "MT: "

# Plural-Forms header values for common target languages (gettext manual, "Plural forms").
PLURAL_FORMS = {
    "ar": "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
          ": n%100>=11 ? 4 : 5);",
    "cs": "nplurals=3; plural=((n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2);",
    "da": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
    "el": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
    "fi": "nplurals=2; plural=(n != 1);",
    "fr": "nplurals=2; plural=(n > 1);",
    "hu": "nplurals=2; plural=(n != 1);",
    "it": "nplurals=2; plural=(n != 1);",
    "ja": "nplurals=1; plural=0;",
    "ko": "nplurals=1; plural=0;",
    "nl": "nplurals=2; plural=(n != 1);",
    "pl": "nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) "
          "? 1 : 2);",
    "pt": "nplurals=2; plural=(n != 1);",
    "pt_BR": "nplurals=2; plural=(n > 1);",
    "ro": "nplurals=3; plural=(n==1 ? 0 : (n==0 || (n%100 > 0 && n%100 < 20)) ? 1 : 2);",
    "ru": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "sv": "nplurals=2; plural=(n != 1);",
    "tr": "nplurals=2; plural=(n != 1);",
    "uk": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
          "(n%100<10 || n%100>=20) ? 1 : 2);",
    "zh": "nplurals=1; plural=0;",
}
# Fallback when the language is not in the table: the most common rule.
DEFAULT_PLURAL_FORMS = "nplurals=2; plural=(n != 1);"


@dataclass(frozen=True)
class PoUnit:
    """One unit to write: msgctxt=context, msgid=reference, msgstr=target."""

    context: str
    reference: str
    target: str
    fuzzy: bool
    mt: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class PoEntry:
    """One entry read back from a PO file (header and obsolete entries excluded).

    `index` is the 0-based position in file order, `line` the 1-based line of the
    entry's first line (its first comment, or msgctxt/msgid). For plural entries
    `target` is msgstr[0].
    """

    index: int
    context: str | None
    reference: str
    target: str
    fuzzy: bool
    line: int
    mt: str | None = None
    note: str | None = None


class PoError(Exception):
    """A PO file that cannot be trusted; str() is "FILE:LINE: message"."""

    def __init__(self, path, line: int, message: str):
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(f"{self.path}:{line}: {message}")


# ---------------------------------------------------------------------------
# Escaping

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
# Escapes accepted on input: those both gettext and polib decode the same way.
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r",
              "v": "\v", "b": "\b", "f": "\f"}


# C0/C1 controls other than \n \t \r, and the separators Python's splitlines (hence polib)
# splits on: refused on writing and reading.
_BAD_CHAR = re.compile("[" + "".join(sorted(map(re.escape, textio.NOT_IN_SEGMENT))) + "]")


def _bad_char(text: str) -> str | None:
    """Return the first character we refuse to write or read, if any."""
    match = _BAD_CHAR.search(text)
    return match.group() if match else None


_ESCAPE_TABLE = str.maketrans(_ESCAPES)


def _escape(text: str) -> str:
    return text.translate(_ESCAPE_TABLE)


_COMMENT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_COMMENT_ESCAPE_TABLE = str.maketrans(_COMMENT_ESCAPES)
_COMMENT_UNESCAPES = {"\\": "\\", "n": "\n", "r": "\r", "t": "\t", "s": " "}


def _escape_comment(text: str) -> str:
    """One comment line; a space at either end becomes \\s (readers strip blanks),
    other white space at either end \\uXXXX (polib strips all of str.isspace())."""
    out = text.translate(_COMMENT_ESCAPE_TABLE)
    if not out[:1].isspace() and not out[-1:].isspace():
        return out  # no white space at either end: nothing more to escape
    lead_ws = len(out) - len(out.lstrip())
    trail_ws = len(out) - len(out.rstrip())
    if lead_ws < len(out):
        def ws(part: str) -> str:
            return "".join(ch if ch == " " else f"\\u{ord(ch):04X}" for ch in part)
        out = ws(out[:lead_ws]) + out[lead_ws:len(out) - trail_ws] + ws(out[len(out) - trail_ws:])
    else:
        out = "".join(ch if ch == " " else f"\\u{ord(ch):04X}" for ch in out)
    core = out.strip(" ")
    if not core:
        return "\\s" * len(out)
    lead = len(out) - len(out.lstrip(" "))
    trail = len(out) - len(out.rstrip(" "))
    return "\\s" * lead + core + "\\s" * trail


def _unescape_comment(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and text[i + 1:i + 2] == "u" and len(text[i + 2:i + 6]) == 4 \
                and all(c in "0123456789ABCDEFabcdef" for c in text[i + 2:i + 6]):
            out.append(chr(int(text[i + 2:i + 6], 16)))
            i += 6
        elif ch == "\\" and i + 1 < len(text) and text[i + 1] in _COMMENT_UNESCAPES:
            out.append(_COMMENT_UNESCAPES[text[i + 1]])
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


# ---------------------------------------------------------------------------
# Line breaking as GNU gettext does it (libunistring's pair table, UAX #14)

_CLASSES = "OP CL CP QU GL NS EX SY IS PR PO NU AL HL ID IN HY BA BB B2 ZW WJ EB EM RI".split()
_IX = {name: i for i, name in enumerate(_CLASSES)}
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


def _wrap_field(name: str, text: str, width: int = PAGE_WIDTH, *, prefix: str = "",
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


# ---------------------------------------------------------------------------
# Writing


def _check_text(what: str, value: str, *, newlines: bool = True) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    bad = _bad_char(value)
    if bad is not None:
        raise ValueError(f"{what} contains the control character U+{ord(bad):04X}")
    if not newlines and ("\n" in value or "\r" in value):
        raise ValueError(f"{what} must be a single line")


def _header_fields(*, language, source_language, title, revision_date, last_translator,
                   generator, language_team, report_msgid_bugs_to, pot_creation_date):
    def stamp(when: datetime) -> str:
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError("dates must be timezone-aware")
        return when.strftime("%Y-%m-%d %H:%M%z")

    fields = [("Project-Id-Version", title)]
    if report_msgid_bugs_to:
        fields.append(("Report-Msgid-Bugs-To", report_msgid_bugs_to))
    if pot_creation_date is not None:
        fields.append(("POT-Creation-Date", stamp(pot_creation_date)))
    fields += [
        ("PO-Revision-Date", stamp(revision_date)),
        ("Last-Translator", last_translator or "none"),
        ("Language-Team", language_team or "none"),
        ("Language", language),
        ("MIME-Version", "1.0"),
        ("Content-Type", "text/plain; charset=UTF-8"),
        ("Content-Transfer-Encoding", "8bit"),
        ("Plural-Forms", plural_forms(language)),
        ("X-Generator", generator),
        ("X-Source-Language", source_language),
    ]
    for key, value in fields:
        _check_text(key, value, newlines=False)
    return fields


def plural_forms(language: str) -> str:
    """Plural-Forms value for a language code such as "fr", "pt_BR" or "fr-CA"."""
    code = language.replace("-", "_")
    return PLURAL_FORMS.get(code) or PLURAL_FORMS.get(code.split("_")[0]) or DEFAULT_PLURAL_FORMS


def render_po(units: Sequence[PoUnit], *, language: str, source_language: str, title: str,
              revision_date: datetime, last_translator: str | None = None,
              generator: str = GENERATOR, language_team: str | None = None,
              report_msgid_bugs_to: str | None = None,
              pot_creation_date: datetime | None = None) -> str:
    """The PO text of `units`; the same input always gives byte-identical output."""
    fields = _header_fields(
        language=language, source_language=source_language, title=title,
        revision_date=revision_date, last_translator=last_translator, generator=generator,
        language_team=language_team, report_msgid_bugs_to=report_msgid_bugs_to,
        pot_creation_date=pot_creation_date)
    lines = [f"# {title}", 'msgid ""']
    lines += _wrap_field("msgstr", "".join(f"{k}: {v}\n" for k, v in fields))
    seen: set[str] = set()
    for unit in units:
        lines.append("")
        lines += _unit_lines(unit, seen)
    return "\n".join(lines) + "\n"


def _unit_lines(unit: PoUnit, seen: set[str]) -> list[str]:
    _check_text("context", unit.context)
    if not unit.context:
        raise ValueError("a unit needs a non-empty context (its stable id)")
    if unit.context in seen:
        raise ValueError(f"duplicate context {unit.context!r}")
    seen.add(unit.context)
    _check_text("reference", unit.reference)
    _check_text("target", unit.target)
    out = []
    if unit.mt is not None:
        _check_text("mt", unit.mt)
        out.append(f"#. {MT_PREFIX}{_escape_comment(unit.mt)}")
    if unit.note is not None:
        _check_text("note", unit.note)
        if "\r" in unit.note:
            raise ValueError("note must not contain a carriage return")
        for line in unit.note.split("\n"):
            if line.startswith(MT_PREFIX):
                raise ValueError(f"a note line cannot start with {MT_PREFIX!r}")
            if line != line.rstrip(" \t") or line != line.lstrip(" \t"):
                raise ValueError("note lines cannot start or end with blanks")
            out.append(f"#. {line}" if line else "#.")
    # gettext drops the flag of an untranslated entry, so an empty target is never fuzzy.
    if unit.fuzzy and unit.target:
        out.append("#, fuzzy")
    elif unit.reference and unit.target and (
            unit.reference.startswith("\n") != unit.target.startswith("\n")
            or unit.reference.endswith("\n") != unit.target.endswith("\n")):
        raise ValueError(f"unit {unit.context!r}: a translated (non-fuzzy) target must start "
                         "and end with a newline exactly when its reference does (msgfmt rule)")
    out += _wrap_field("msgctxt", unit.context)
    out += _wrap_field("msgid", unit.reference)
    out += _wrap_field("msgstr", unit.target)
    return out


def write_po(path, units: Sequence[PoUnit], **meta) -> None:
    """Render `units` (see render_po for `meta`) and replace `path` atomically."""
    _atomic_write(path, render_po(units, **meta).encode("utf-8"))


FILE_MODE = 0o644  # a PO file is read by other tools and other people (version control)


def _atomic_write(path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, fsync, then os.replace (the file
    ends readable by all, FILE_MODE)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, FILE_MODE)  # mkstemp makes it 0600
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------
# Reading


@dataclass
class _RawEntry:
    line: int
    fields: dict  # keyword -> (line, decoded text)
    obsolete: bool = False


def _parse_string(path, lineno: int, rest: str) -> str:
    """Decode one quoted PO string (`rest` starts at the opening quote)."""
    rest = rest.rstrip(" \t")
    if not rest.startswith('"'):
        raise PoError(path, lineno, "expected a quoted string")
    out, i, n = [], 1, len(rest)
    while True:
        if i >= n:
            raise PoError(path, lineno, "unterminated string")
        ch = rest[i]
        if ch == '"':
            break
        if ch == "\\":
            if i + 1 >= n:
                raise PoError(path, lineno, "unterminated string")
            code = rest[i + 1]
            if code not in _UNESCAPES:
                raise PoError(path, lineno, f"unsupported escape sequence \\{code}")
            out.append(_UNESCAPES[code])
            i += 2
            continue
        out.append(ch)
        i += 1
    if rest[i + 1:].strip(" \t"):
        raise PoError(path, lineno, "unexpected text after the closing quote")
    return "".join(out)


_KEYWORDS = ("msgctxt", "msgid_plural", "msgid", "msgstr")


def _split_keyword(path, lineno: int, line: str) -> tuple[str, str]:
    for word in _KEYWORDS:
        if line.startswith(word):
            rest = line[len(word):]
            if word == "msgstr" and rest.startswith("["):
                close = rest.find("]")
                if close < 2 or not rest[1:close].isdigit():
                    raise PoError(path, lineno, "bad plural index in msgstr[N]")
                word, rest = f"msgstr[{int(rest[1:close])}]", rest[close + 1:]
            if not rest[:1] in (" ", "\t"):
                break
            return word, rest.lstrip(" \t")
    raise PoError(path, lineno, f"unknown keyword or syntax: {line[:40]!r}")


def _validate(path, text: str) -> list[_RawEntry]:
    """Check the syntax of the whole file; return entries with decoded strings."""
    entries: list[_RawEntry] = []
    current: _RawEntry | None = None
    last_key: str | None = None
    comment_start: int | None = None

    def finish(entry: _RawEntry | None) -> None:
        if entry is None:
            return
        keys = entry.fields
        if "msgid" not in keys:
            first = min(line for line, _ in keys.values())
            raise PoError(path, first, "msgctxt without msgid")
        has_plural = "msgid_plural" in keys
        plain = "msgstr" in keys
        indexed = sorted(k for k in keys if k.startswith("msgstr["))
        if not plain and not indexed:
            raise PoError(path, keys["msgid"][0], "missing msgstr")
        if has_plural and (plain or indexed[:1] != ["msgstr[0]"]):
            raise PoError(path, keys["msgid"][0], "plural entry needs msgstr[0], msgstr[1], ...")
        if not has_plural and indexed:
            raise PoError(path, keys[indexed[0]][0], "msgstr[N] without msgid_plural")
        entries.append(entry)

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        bad = _bad_char(line.replace("\n", ""))
        if bad is not None or "\r" in line:
            code = ord(bad) if bad is not None else 0x0D
            raise PoError(path, lineno, f"control character U+{code:04X} in line")
        stripped = line.strip(" \t")
        obsolete = stripped.startswith("#~")
        if obsolete:
            stripped = stripped[2:].lstrip(" \t")
            if not stripped or stripped.startswith("|"):
                continue
        elif not stripped:
            last_key = None  # a string never continues across a blank line
            continue
        elif stripped.startswith("#"):
            if current is not None:
                finish(current)
                current = None
            last_key = None
            if comment_start is None:
                comment_start = lineno
            continue
        if stripped.startswith('"'):
            if current is None or last_key is None or current.obsolete != obsolete:
                raise PoError(path, lineno, "string continuation without a keyword")
            first_line, value = current.fields[last_key]
            current.fields[last_key] = (first_line, value + _parse_string(path, lineno, stripped))
            continue
        key, rest = _split_keyword(path, lineno, stripped)
        value = _parse_string(path, lineno, rest)
        opens = key in ("msgctxt", "msgid")
        if current is not None and (last_key is None or opens) and (
                _has_msgstr(current) or current.obsolete != obsolete):
            finish(current)
            current = None
        if current is None:
            if not opens:
                raise PoError(path, lineno, f"{key} before msgid")
            start = comment_start if comment_start is not None else lineno
            current = _RawEntry(line=start, fields={}, obsolete=obsolete)
        elif current.obsolete != obsolete:
            raise PoError(path, lineno, "obsolete (#~) and active lines mixed in one entry")
        elif opens and "msgid" in current.fields:
            raise PoError(path, current.fields["msgid"][0], "missing msgstr")
        elif key in current.fields:
            raise PoError(path, lineno, f"duplicate {key}")
        elif "msgid" not in current.fields and not opens:
            raise PoError(path, lineno, f"{key} before msgid")
        current.fields[key] = (lineno, value)
        last_key = key
        comment_start = None
    finish(current)
    return entries


def _has_msgstr(entry: _RawEntry) -> bool:
    return any(k.startswith("msgstr") for k in entry.fields)


def read_po(path) -> list[PoEntry]:
    """Validated entries of a PO file, in file order, without header or obsolete ones."""
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise PoError(path, line, "invalid UTF-8 byte sequence") from None
    if text.startswith("\ufeff"):
        text = text[1:]
    raw = [e for e in _validate(path, text) if not e.obsolete]
    seen: dict[tuple, int] = {}
    header: _RawEntry | None = None
    body: list[_RawEntry] = []
    for entry in raw:
        ctx = entry.fields.get("msgctxt", (0, None))[1]
        key = (ctx, entry.fields["msgid"][1])
        if key in seen:
            raise PoError(path, entry.line, f"duplicate message definition (first at line {seen[key]})")
        seen[key] = entry.line
        if key == (None, "") and header is None:
            header = entry
        else:
            body.append(entry)
    _check_charset(path, header)

    try:
        parsed = polib.pofile(text, wrapwidth=PAGE_WIDTH)
    except (OSError, ValueError) as exc:
        # Lines the validator lets through but polib refuses (e.g. a "#!" flag line).
        found = re.search(r"line (\d+)", str(exc))
        line = min(int(found.group(1)), text.count("\n") + 1) if found else 1
        raise PoError(path, max(line, 1), "syntax polib cannot read") from None
    loaded = [e for e in parsed if not e.obsolete and not (e.msgid == "" and e.msgctxt is None)]
    if len(loaded) != len(body):
        line = body[0].line if body else 1
        raise PoError(path, line, f"parser disagreement: {len(loaded)} entries "
                                  f"instead of {len(body)}")
    result = []
    for index, (entry, ours) in enumerate(zip(loaded, body)):
        fields = ours.fields
        msgstr = entry.msgstr_plural.get(0, "") if entry.msgid_plural else entry.msgstr
        ours_str = fields.get("msgstr", fields.get("msgstr[0]"))[1]
        ours_ctx = fields.get("msgctxt", (0, None))[1]
        if (entry.msgid, msgstr, entry.msgctxt) != (fields["msgid"][1], ours_str, ours_ctx):
            raise PoError(path, ours.line, "parser disagreement on this entry")
        mt, note = _split_comments(entry.comment)
        result.append(PoEntry(index=index, context=entry.msgctxt, reference=entry.msgid,
                              target=msgstr, fuzzy="fuzzy" in entry.flags, line=ours.line,
                              mt=mt, note=note))
    return result


def _check_charset(path, header: _RawEntry | None) -> None:
    if header is None:
        return
    value = header.fields.get("msgstr", (header.line, ""))[1]
    for field in value.split("\n"):
        name, _, rest = field.partition(":")
        if name.strip().lower() == "content-type" and "charset=" in rest:
            charset = rest.split("charset=", 1)[1].strip().lower()
            if charset not in ("utf-8", "utf8", "charset"):
                raise PoError(path, header.line, f"unsupported charset {charset!r} "
                                                 "(only UTF-8 is read)")


def _split_comments(comment: str) -> tuple[str | None, str | None]:
    """Separate the `MT: ...` extracted comment from the other (note) lines."""
    if not comment:
        return None, None
    mt = None
    notes = []
    for line in comment.split("\n"):
        if mt is None and (line.startswith(MT_PREFIX) or line == MT_PREFIX.rstrip()):
            mt = _unescape_comment(line[len(MT_PREFIX):])
        else:
            notes.append(line)
    return mt, ("\n".join(notes) if notes else None)


# ---------------------------------------------------------------------------
# Lossless catalogs: every construct of a real PO file, rendered the way msgcat does
#
# `parse_catalog` reads a whole PO file (header, comments of every kind, flags,
# previous fields, plural forms, obsolete entries) with its own parser, which follows
# GNU gettext's reading rules and refuses what gettext would refuse or what we could
# not write back. `render_catalog` writes the catalog in gettext's normal form, so
# render_catalog(parse_catalog(f)) is byte-identical to `msgcat f`. msgcat's
# normalisations are therefore ours too:
#
# - comments are grouped by kind in a fixed order (translator `#`, extracted `#.`,
#   references `#:`, flags `#,`, previous `#|`), each kind keeping its own order;
# - of several `#,` lines only the last counts (gettext forgets the earlier ones);
# - references are deduplicated and re-wrapped at 79 columns;
# - flags are merged into one `#,` line in gettext's order; flags gettext does not know
#   are dropped; the fuzzy flag of an untranslated entry is dropped;
# - obsolete entries follow all active ones, in their order; their comments are
#   written without the `#~` prefix (gettext reads `#~ # x` as `# x`);
# - comments after the last entry are dropped (kept in `PoCatalog.trailing_comments`).
#
# The model keeps flags exactly as written (so `catalog.entries[i].flags` shows an
# unknown flag); only rendering normalises.

from dataclasses import field, replace  # noqa: E402
import codecs  # noqa: E402
import re  # noqa: E402

MAX_PO_BYTES = 32 * 1024 * 1024

# gettext 0.21's format languages, in the order msgcat writes their flags.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl",
    "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)
_SYNTAX_CHECKS = ("ellipsis-unicode", "space-ellipsis", "quote-unicode", "bullet-unicode")
_FLAG_SEPARATORS = re.compile(r"[\n \t\r\f\v,]+")


@dataclass
class CatalogEntry:
    """One PO entry with everything gettext keeps.

    For a plural entry (`msgid_plural` set) the translations are `msgstr_plural`
    (msgstr[0], msgstr[1], ...) and `msgstr` is unused (""). `flags` are the flags as
    written, one string per comma-separated item ("fuzzy", "python-format",
    "range: 1..5"). Comments are stored without their marker and without the one
    blank that follows it. `line` is the 1-based line where the entry starts (its
    first comment, or its first keyword line); 0 for entries built in code.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    translator_comments: list[str] = field(default_factory=list)
    extracted_comments: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int = 0

    @property
    def key(self) -> tuple[str | None, str]:
        """(msgctxt, msgid): what gettext looks a message up by."""
        return self.msgctxt, self.msgid

    @property
    def is_plural(self) -> bool:
        return self.msgid_plural is not None

    @property
    def translations(self) -> list[str]:
        """The reviewable target strings: [msgstr], or the plural forms in order."""
        return list(self.msgstr_plural) if self.is_plural else [self.msgstr]

    @property
    def fuzzy(self) -> bool:
        # gettext splits a flag line at commas and whitespace alike: "#, fuzzy c-format"
        # is fuzzy, as _gettext_flags (the writer) also reads it.
        return any("fuzzy" in _FLAG_SEPARATORS.split(f) for f in self.flags)

    def set_fuzzy(self, value: bool) -> None:
        flags = []
        for f in self.flags:
            tokens = [t for t in _FLAG_SEPARATORS.split(f) if t]
            if "fuzzy" in tokens:
                f = " ".join(t for t in tokens if t != "fuzzy")
            if f.strip():
                flags.append(f)
        if value:
            flags.insert(0, "fuzzy")
        self.flags = flags


@dataclass
class PoCatalog:
    """A whole PO file. `header` is the entry with msgid "" and no msgctxt (or None);
    `header_position` is its index among the active entries (0 when it comes first,
    as it nearly always does); `entries` are the other active entries in file order,
    `obsolete` the `#~` entries in file order."""

    name: str
    header: CatalogEntry | None
    entries: list[CatalogEntry]
    obsolete: list[CatalogEntry] = field(default_factory=list)
    header_position: int = 0
    trailing_comments: list[str] = field(default_factory=list)

    def header_fields(self) -> list[tuple[str, str]]:
        return header_fields(self.header.msgstr if self.header else "")

    def header_value(self, key: str) -> str | None:
        for k, v in self.header_fields():
            if k.lower() == key.lower():
                return v
        return None

    @property
    def charset(self) -> str:
        """The charset declared in the header (UTF-8 when none is declared)."""
        return _declared_charset(self.header.msgstr if self.header else "") or "UTF-8"

    @property
    def nplurals(self) -> int | None:
        return _nplurals(self.header_value("Plural-Forms"))


def header_fields(text: str) -> list[tuple[str, str]]:
    """The `Key: value` lines of a header msgstr, in order (lines without a colon are skipped)."""
    out = []
    for line in text.split("\n"):
        key, sep, value = line.partition(":")
        if sep and key.strip():
            out.append((key.strip(), value.strip()))
    return out


def _nplurals(plural_forms: str | None) -> int | None:
    if not plural_forms:
        return None
    match = re.search(r"nplurals\s*=\s*(\d+)", plural_forms)
    return int(match.group(1)) if match else None


_CHARSET_RE = re.compile(r"charset\s*=\s*([A-Za-z0-9_.:+-]+)", re.IGNORECASE)


def _declared_charset(header_msgstr: str) -> str | None:
    for key, value in header_fields(header_msgstr):
        if key.lower() == "content-type":
            match = _CHARSET_RE.search(value)
            if match and match.group(1).upper() != "CHARSET":  # "CHARSET": a template
                return match.group(1)
    return None


# --- reading ----------------------------------------------------------------------

_GETTEXT_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "a": "\a",
                      "b": "\b", "f": "\f", "v": "\v", "?": "?", "'": "'"}
_OCTAL = "01234567"
_HEX = "0123456789abcdefABCDEF"


def _gettext_string(name, lineno: int, rest: str) -> str:
    """Decode one quoted string the way gettext does (octal and hex escapes included,
    limited to ASCII: a byte escape above 0x7F would not be a character)."""
    rest = rest.rstrip(" \t")
    if not rest.startswith('"'):
        raise PoError(name, lineno, "expected a quoted string")
    out, i, n = [], 1, len(rest)
    while True:
        if i >= n:
            raise PoError(name, lineno, "unterminated string (no closing quote)")
        ch = rest[i]
        if ch == '"':
            break
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        if i + 1 >= n:
            raise PoError(name, lineno, "unterminated string (backslash at the end of the line)")
        code = rest[i + 1]
        if code in _GETTEXT_UNESCAPES:
            out.append(_GETTEXT_UNESCAPES[code])
            i += 2
            continue
        if code in _OCTAL or code == "x":
            j = i + 2 if code == "x" else i + 1
            digits = _HEX if code == "x" else _OCTAL
            k = j
            while k < n and rest[k] in digits and (code == "x" or k - j < 3):
                k += 1
            if k > j:
                value = int(rest[j:k], 16 if code == "x" else 8)
                if value < 0x80:
                    out.append(chr(value))
                    i = k
                    continue
                raise PoError(name, lineno, f"byte escape {rest[i:k]} above 0x7F is not "
                                            "supported (write the character itself)")
        raise PoError(name, lineno, f"invalid escape sequence \\{code}")
    if rest[i + 1:].strip(" \t"):
        raise PoError(name, lineno, "unexpected text after the closing quote")
    return "".join(out)


@dataclass
class _Pending:
    """An entry being read."""

    start: int | None = None
    translator: list = field(default_factory=list)
    extracted: list = field(default_factory=list)
    references: list = field(default_factory=list)
    flags: list = field(default_factory=list)
    previous: dict = field(default_factory=dict)  # key -> [line, text]
    fields: dict = field(default_factory=dict)  # key -> [line, text]
    order: list = field(default_factory=list)  # keys in the order read
    obsolete: bool | None = None
    last: str | None = None  # the key a "..." continuation line extends
    last_previous: str | None = None

    def has_comments(self) -> bool:
        return bool(self.translator or self.extracted or self.references or self.flags)

    def has_msgstr(self) -> bool:
        return any(k.startswith("msgstr") for k in self.fields)


_CATALOG_KEYWORDS = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr)(\[[^\]]*\])?(?=[ \t\"]|$)")


def _read_lines(name, text: str) -> tuple[list[CatalogEntry], list[str]]:
    entries: list[CatalogEntry] = []
    cur = _Pending()

    def finish() -> None:
        nonlocal cur
        if cur.fields:
            entries.append(_make_entry(name, cur))
        cur = _Pending()

    def missing_msgstr() -> PoError:
        line = cur.fields.get("msgid", cur.fields.get("msgctxt"))[0]
        what = "missing msgstr" if "msgid" in cur.fields else "msgctxt without msgid"
        return PoError(name, line, what)

    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw[:-1] if raw.endswith("\r") else raw
        bad = _bad_char(line)
        if bad is not None or "\r" in line:
            code = ord(bad) if bad is not None else 0x0D
            raise PoError(name, lineno, f"control character U+{code:04X}")
        body = line.strip(" \t\f\v")
        if not body:
            continue  # gettext's lexer skips blank lines, even inside a string list
        obsolete = False
        if body.startswith("#~"):
            obsolete = True
            body = body[2:]
            if not body.startswith("|"):
                body = body.lstrip(" \t")
                if not body:
                    continue
                if body.startswith("#"):
                    obsolete = False  # "#~ # x" is the comment "# x" of an obsolete entry
        if body.startswith("#|") or (obsolete and body.startswith("|")):
            # A previous field: it opens a new entry if the current one is complete.
            rest = body[2:] if body.startswith("#|") else body[1:]
            rest = rest.lstrip(" \t")
            if cur.fields:
                if not cur.has_msgstr():
                    raise missing_msgstr()
                finish()
            if cur.start is None:
                cur.start = lineno
            if rest.startswith('"'):
                if cur.last_previous is None:
                    raise PoError(name, lineno, "string continuation without a keyword")
                cur.previous[cur.last_previous][1] += _gettext_string(name, lineno, rest)
                continue
            match = _CATALOG_KEYWORDS.match(rest)
            if not match or match.group(1) == "msgstr" or match.group(2):
                raise PoError(name, lineno, "a #| line holds msgctxt, msgid or msgid_plural")
            key = match.group(1)
            if key in cur.previous:
                raise PoError(name, lineno, f"duplicate previous {key}")
            cur.previous[key] = [lineno, _gettext_string(name, lineno, rest[match.end():].lstrip(" \t"))]
            cur.last_previous = key
            continue
        if body.startswith("#"):
            if cur.fields:
                if not cur.has_msgstr():
                    raise missing_msgstr()
                finish()
            if cur.previous:
                raise PoError(name, lineno, "comment between #| lines and their msgid")
            if cur.start is None:
                cur.start = lineno
            kind, rest = body[1:2], body[2:]
            if kind in (",", "!"):
                # gettext keeps only the last flag line of an entry: a later `#,`
                # line replaces the flags of an earlier one (fuzzy included).
                cur.flags = [f.strip() for f in rest.split(",") if f.strip()]
            elif kind == ":":
                cur.references += rest.split()
            elif kind == ".":
                cur.extracted.append(rest[1:] if rest.startswith(" ") else rest)
            else:
                text_ = body[1:]
                cur.translator.append(text_[1:] if text_.startswith(" ") else text_)
            continue
        if body.startswith('"'):
            if cur.last is None:
                raise PoError(name, lineno, "string continuation without a keyword")
            if obsolete != cur.obsolete:
                raise PoError(name, lineno, "inconsistent use of #~ inside an entry")
            cur.fields[cur.last][1] += _gettext_string(name, lineno, body)
            continue
        match = _CATALOG_KEYWORDS.match(body)
        if not match:
            raise PoError(name, lineno, f"unknown keyword or syntax: {body[:40]!r}")
        key, index = match.group(1), match.group(2)
        if index is not None:
            if key != "msgstr" or not index[1:-1].isdigit():
                raise PoError(name, lineno, f"bad plural index {key}{index}")
            key = f"msgstr[{int(index[1:-1])}]"
        value = _gettext_string(name, lineno, body[match.end():].lstrip(" \t"))
        if key in ("msgctxt", "msgid") and cur.has_msgstr():
            finish()
        if not cur.fields:
            if key not in ("msgctxt", "msgid"):
                raise PoError(name, lineno, f"{key} before msgid")
            cur.obsolete = obsolete
            if cur.start is None:
                cur.start = lineno
        elif obsolete != cur.obsolete:
            raise PoError(name, lineno, "inconsistent use of #~ inside an entry")
        if (key == "msgctxt" and cur.fields) or (key == "msgid" and "msgid" in cur.fields):
            raise missing_msgstr()
        if key in cur.fields:
            raise PoError(name, lineno, f"duplicate {key}")
        if key != "msgctxt" and key != "msgid" and "msgid" not in cur.fields:
            raise PoError(name, lineno, f"{key} before msgid")
        if key == "msgid_plural" and cur.has_msgstr():
            raise PoError(name, lineno, "msgid_plural after msgstr")
        if key.startswith("msgstr["):
            expected = sum(1 for k in cur.fields if k.startswith("msgstr["))
            if key != f"msgstr[{expected}]" or "msgstr" in cur.fields:
                raise PoError(name, lineno, f"plural forms out of order: {key} where "
                                            f"msgstr[{expected}] was expected")
        if key == "msgstr" and any(k.startswith("msgstr[") for k in cur.fields):
            raise PoError(name, lineno, "msgstr mixed with msgstr[N]")
        cur.fields[key] = [lineno, value]
        cur.order.append(key)
        cur.last = key
    if cur.fields:
        if not cur.has_msgstr():
            raise missing_msgstr()
        finish()
    if cur.previous:
        raise PoError(name, cur.start, "#| lines without an entry")
    trailing = cur.translator + cur.extracted  # what msgcat drops
    return entries, trailing


def _make_entry(name, cur: _Pending) -> CatalogEntry:
    f = cur.fields
    plural = "msgid_plural" in f
    indexed = [f[k][1] for k in sorted((k for k in f if k.startswith("msgstr[")),
                                       key=lambda k: int(k[7:-1]))]
    if plural and "msgstr" in f:
        raise PoError(name, f["msgstr"][0], "plural entry needs msgstr[0], msgstr[1], ... "
                                            "instead of msgstr")
    if not plural and indexed:
        raise PoError(name, f["msgstr[0]"][0], "msgstr[N] without msgid_plural")
    entry = CatalogEntry(
        msgid=f["msgid"][1], msgstr=f["msgstr"][1] if "msgstr" in f else "",
        msgctxt=f["msgctxt"][1] if "msgctxt" in f else None,
        msgid_plural=f["msgid_plural"][1] if plural else None,
        msgstr_plural=indexed, flags=cur.flags, translator_comments=cur.translator,
        extracted_comments=cur.extracted, references=cur.references,
        previous_msgctxt=cur.previous.get("msgctxt", (0, None))[1],
        previous_msgid=cur.previous.get("msgid", (0, None))[1],
        previous_msgid_plural=cur.previous.get("msgid_plural", (0, None))[1],
        obsolete=bool(cur.obsolete), line=cur.start or f["msgid"][0])
    for key, (lineno, value) in list(f.items()) + list(cur.previous.items()):
        bad = _bad_char(value)
        if bad is not None:
            raise PoError(name, lineno, f"control character U+{ord(bad):04X} in {key}")
    return entry


_BINARY_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde", b"PK\x03\x04", b"\x1f\x8b",
                 b"%PDF", b"\x89PNG", b"\x7fELF", b"\xff\xd8\xff", b"GIF8")


def _decode(name, data: bytes, charset: str | None = None) -> tuple[str, str]:
    """Bytes -> (text, codec name): refuse binary data; honour the header's charset."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PoError(name, 1, "UTF-16 file: gettext reads only ASCII-compatible charsets")
    if data.startswith(_BINARY_MAGIC[:2]):
        raise PoError(name, 1, "binary file (a compiled MO catalog?), not a PO file")
    head = data[:4096]
    if data.startswith(_BINARY_MAGIC) or (head and head.count(b"\x00") * 100 > len(head)):
        raise PoError(name, 1, "binary file, not a PO file")
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    match = re.search(rb"charset\s*=\s*([A-Za-z0-9_.:+-]+)", data[:8192], re.IGNORECASE)
    if charset is None:
        charset = match.group(1).decode("ascii") if match else "UTF-8"
    if charset.upper() == "CHARSET":
        charset = "UTF-8"
    try:
        info = codecs.lookup(charset)
    except LookupError:
        line = data[:match.start()].count(b"\n") + 1 if match else 1
        raise PoError(name, line, f"unknown charset {charset!r} in the header") from None
    if info.name.startswith("utf-16") or info.name.startswith("utf-32"):
        raise PoError(name, 1, f"charset {charset!r} is not ASCII-compatible")
    try:
        return data.decode(info.name), info.name
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        label = "UTF-8" if info.name == "utf-8" else charset
        raise PoError(name, line, f"not valid {label}: byte 0x{data[exc.start]:02X} cannot "
                                  f"be decoded (declared charset: {charset})") from None


def parse_catalog(source, name: str | None = None, *, max_bytes: int = MAX_PO_BYTES,
                  check_plurals: bool = True, check_header: bool = True) -> PoCatalog:
    """Read a whole PO file, validated; refuse broken input with PoError("FILE:LINE: ...").

    `source` is a path (str paths must be given as pathlib.Path or os.PathLike), the
    file's bytes, or its already decoded text (a str). `name` names the file in errors
    (default: the path, or "<bytes>"/"<text>"). Bytes are decoded with the charset the
    header declares (UTF-8 when none). Files over `max_bytes` are refused unread.
    `check_plurals=False` accepts plural entries whose number of msgstr[N] differs from
    the header's nplurals (msgfmt --check refuses them; some published catalogs have them).
    `check_header=False` skips the checks of the header's values (values.po_header: a valid
    Plural-Forms expression, one-line values): for a catalog stored before those checks.
    """
    if isinstance(source, (bytes, bytearray)):
        name = name or "<bytes>"
        if len(source) > max_bytes:
            raise PoError(name, 1, f"file too large ({len(source)} bytes, limit {max_bytes})")
        data = bytes(source)
        text = None
    elif isinstance(source, str):
        name = name or "<text>"
        text, data = source, None
        if len(text) > max_bytes:
            raise PoError(name, 1, f"file too large ({len(text)} characters, limit {max_bytes})")
    else:
        path = Path(source)
        name = name or str(path)
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise PoError(name, 0, f"cannot read: {exc.strerror}") from None
        if size > max_bytes:
            raise PoError(name, 1, f"file too large ({size} bytes, limit {max_bytes})")
        data = path.read_bytes()
        text = None
    charset = None
    if data is not None:
        if not data.strip():
            raise PoError(name, 1, "empty file")
        text, charset = _decode(name, data)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise PoError(name, 1, "empty file")
    catalog = _assemble(name, *_read_lines(name, text), check_plurals, check_header)
    if charset is not None and codecs.lookup(catalog.charset).name != charset:
        # The guess from the raw bytes was not the header's declaration: decode again.
        text, _ = _decode(name, data, catalog.charset)
        catalog = _assemble(name, *_read_lines(name, text), check_plurals, check_header)
    return catalog


def _assemble(name, entries: list[CatalogEntry], trailing: list[str],
              check_plurals: bool = True, check_header: bool = True) -> PoCatalog:
    if not entries:
        raise PoError(name, 1, "no entries (only comments)")
    header = None
    position = 0
    active: list[CatalogEntry] = []
    obsolete: list[CatalogEntry] = []
    seen: dict = {}
    seen_obsolete: dict = {}
    for entry in entries:
        table = seen_obsolete if entry.obsolete else seen
        if entry.key in table:
            raise PoError(name, entry.line, "duplicate entry: same msgctxt and msgid as the "
                                            f"entry at line {table[entry.key]}")
        table[entry.key] = entry.line
        if entry.obsolete:
            obsolete.append(entry)
        elif entry.key == (None, "") and header is None:
            header, position = entry, len(active)
        else:
            active.append(entry)
    catalog = PoCatalog(name=name, header=header, entries=active, obsolete=obsolete,
                        header_position=position, trailing_comments=trailing)
    if header is not None:
        declared = _declared_charset(header.msgstr)
        if declared is not None:
            try:
                codecs.lookup(declared)
            except LookupError:
                raise PoError(name, header.line, f"unknown charset {declared!r}") from None
        if header.is_plural:
            raise PoError(name, header.line, "the header cannot be a plural entry")
    if header is not None and check_header:
        try:
            values.po_header(catalog.header_fields())
        except values.InvalidValue as exc:
            raise PoError(name, header.line, str(exc)) from None
    nplurals = catalog.nplurals
    if header is not None and catalog.header_value("Plural-Forms") and nplurals is None:
        raise PoError(name, header.line, "Plural-Forms without nplurals=N")
    for entry in active:
        if check_plurals and entry.is_plural and nplurals is not None \
                and len(entry.msgstr_plural) != nplurals:
            raise PoError(name, entry.line, f"wrong plural count: {len(entry.msgstr_plural)} "
                                            f"msgstr[N] forms but the header says "
                                            f"nplurals={nplurals}")
    return catalog


# --- writing ----------------------------------------------------------------------

def _gettext_flags(entry: CatalogEntry) -> tuple[bool, list[str], bool]:
    """(fuzzy, normalised flags, no-wrap) as gettext reads `entry.flags`."""
    fuzzy = False
    formats: dict[str, str] = {}
    checks: dict[str, str] = {}
    wrap = None
    span = None
    tokens = [t for t in _FLAG_SEPARATORS.split(", ".join(entry.flags)) if t]
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        i += 1
        if tok == "fuzzy":
            fuzzy = True
            continue
        if tok.endswith("-format"):
            lang, state = tok[:-7], "yes"
            for prefix, value in (("no-", "no"), ("possible-", "possible"),
                                  ("impossible-", "impossible")):
                if lang.startswith(prefix) and lang[len(prefix):] in FORMAT_LANGUAGES:
                    lang, state = lang[len(prefix):], value
                    break
            if lang in FORMAT_LANGUAGES:
                formats[lang] = state
                continue
        if tok == "range:":
            if i < len(tokens):
                match = re.match(r"(\d+)\.\.(\d+)", tokens[i])
                i += 1
                if match and int(match.group(1)) <= int(match.group(2)):
                    span = (int(match.group(1)), int(match.group(2)))
                    continue
            continue
        if tok in ("wrap", "no-wrap"):
            wrap = tok == "wrap"
            continue
        if tok.endswith("-check"):
            check, value = tok[:-6], "yes"
            if check.startswith("no-"):
                check, value = check[3:], "no"
            if check in _SYNTAX_CHECKS:
                checks[check] = value
    out = []
    for lang in FORMAT_LANGUAGES:
        state = formats.get(lang)
        if state in ("yes", "possible"):
            out.append(f"{lang}-format")
        elif state == "no":
            out.append(f"no-{lang}-format")
    if span is not None:
        out.append(f"range: {span[0]}..{span[1]}")
    if wrap is False:
        out.append("no-wrap")
    for check in _SYNTAX_CHECKS:
        if check in checks:
            out.append(f"{check}-check" if checks[check] == "yes" else f"no-{check}-check")
    return fuzzy, out, wrap is False


def _reference_lines(references: Sequence[str], width: int = PAGE_WIDTH) -> list[str]:
    seen: set = set()
    items = []
    for ref in references:
        match = re.fullmatch(r"(.*):(\d+)", ref)
        key = (match.group(1), int(match.group(2))) if match and match.group(1) else (ref, None)
        if key in seen:
            continue
        seen.add(key)
        items.append(key[0] if key[1] is None else f"{key[0]}:{key[1]}")
    lines: list[str] = []
    current = "#:"
    for item in items:
        if current != "#:" and len(current) + 1 + len(item) > width:
            lines.append(current)
            current = "#:"
        current += " " + item
    if current != "#:":
        lines.append(current)
    return lines


def _entry_lines(entry: CatalogEntry) -> list[str]:
    fuzzy, flags, nowrap = _gettext_flags(entry)
    wrap = not nowrap
    out = [f"# {c}" if c else "#" for c in entry.translator_comments]
    out += [f"#. {c}" if c else "#." for c in entry.extracted_comments]
    out += _reference_lines(entry.references)
    first = entry.msgstr_plural[0] if entry.is_plural and entry.msgstr_plural else entry.msgstr
    if fuzzy and first:
        flags.insert(0, "fuzzy")
    if flags:
        out.append("#, " + ", ".join(flags))
    prev_prefix = "#~| " if entry.obsolete else "#| "
    for key, value in (("msgctxt", entry.previous_msgctxt), ("msgid", entry.previous_msgid),
                       ("msgid_plural", entry.previous_msgid_plural)):
        if value is not None:
            out += _wrap_field(key, value, prefix=prev_prefix, wrap=wrap)
    prefix = "#~ " if entry.obsolete else ""
    if entry.msgctxt is not None:
        out += _wrap_field("msgctxt", entry.msgctxt, prefix=prefix, wrap=wrap)
    out += _wrap_field("msgid", entry.msgid, prefix=prefix, wrap=wrap)
    if entry.is_plural:
        out += _wrap_field("msgid_plural", entry.msgid_plural, prefix=prefix, wrap=wrap)
        for i, value in enumerate(entry.msgstr_plural):
            out += _wrap_field(f"msgstr[{i}]", value, prefix=prefix, wrap=wrap)
    else:
        out += _wrap_field("msgstr", entry.msgstr, prefix=prefix, wrap=wrap)
    return out


def _check_entry(entry: CatalogEntry) -> None:
    for what in ("msgid", "msgstr", "msgctxt", "msgid_plural", "previous_msgctxt",
                 "previous_msgid", "previous_msgid_plural"):
        value = getattr(entry, what)
        if value is not None:
            _check_text(what, value)
    for i, value in enumerate(entry.msgstr_plural):
        _check_text(f"msgstr[{i}]", value)
    if entry.is_plural and not entry.msgstr_plural:
        raise ValueError(f"plural entry {entry.msgid!r} has no msgstr[N]")
    for what in ("translator_comments", "extracted_comments", "references", "flags"):
        for value in getattr(entry, what):
            _check_text(what, value, newlines=False)


def render_catalog(catalog: PoCatalog) -> str:
    """The catalog as PO text in gettext's normal form (what `msgcat` writes)."""
    active = list(catalog.entries)
    if catalog.header is not None:
        active.insert(min(catalog.header_position, len(active)), catalog.header)
    seen: set = set()
    blocks = []
    for n, entry in enumerate(active + list(catalog.obsolete)):
        if entry.obsolete != (n >= len(active)):
            raise ValueError(f"entry {entry.msgid!r}: its obsolete flag disagrees with the "
                             "list it is in")
        if not entry.obsolete:
            if entry.key in seen:
                raise ValueError(f"duplicate entry {entry.key!r}")
            seen.add(entry.key)
        _check_entry(entry)
        blocks.append("\n".join(_entry_lines(entry)) + "\n")
    return "\n".join(blocks)


def write_catalog(path, catalog: PoCatalog) -> None:
    """Render the catalog and replace `path` atomically, encoded in its declared charset."""
    text = render_catalog(catalog)
    try:
        data = text.encode(catalog.charset)
    except UnicodeEncodeError as exc:
        raise ValueError(f"a character ({text[exc.start]!r}) cannot be written in the "
                         f"catalog's charset {catalog.charset}") from None
    _atomic_write(path, data)


# Header fields in the order xgettext/msginit write them: a missing field is inserted
# after the nearest field before it in this list that the header has.
_HEADER_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date",
                 "PO-Revision-Date", "Last-Translator", "Language-Team", "Language",
                 "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms",
                 "X-Generator")


def touch_header(catalog: PoCatalog, *, revision_date: datetime,
                 last_translator: str | None = None, language: str | None = None,
                 plural_forms: str | None = None, generator: str | None = GENERATOR,
                 charset: str | None = "UTF-8") -> PoCatalog:
    """A copy of `catalog` whose header says who changed it, when, and with what.

    Fields that exist keep their place; missing ones are inserted in the usual order.
    `None` leaves a field as it is. `language` also sets Plural-Forms from the table
    (PLURAL_FORMS) when the header has none and `plural_forms` is not given.
    `charset` rewrites Content-Type (write_catalog encodes in the declared charset).
    A Plural-Forms whose nplurals disagrees with the plural entries is refused.
    """
    if revision_date.tzinfo is None or revision_date.utcoffset() is None:
        raise ValueError("dates must be timezone-aware")
    header = replace(catalog.header) if catalog.header else CatalogEntry(msgid="", flags=["fuzzy"])
    fields = header_fields(header.msgstr)
    updates = {"PO-Revision-Date": revision_date.strftime("%Y-%m-%d %H:%M%z")}
    if last_translator is not None:
        updates["Last-Translator"] = last_translator
    if language is not None:
        updates["Language"] = language
        if plural_forms is None and not any(k.lower() == "plural-forms" for k, _ in fields):
            plural_forms = globals()["plural_forms"](language)
    if plural_forms is not None:
        updates["Plural-Forms"] = plural_forms
        wanted = _nplurals(plural_forms)
        if wanted is None:
            raise ValueError("plural_forms needs nplurals=N")
        for entry in catalog.entries:
            if entry.is_plural and len(entry.msgstr_plural) != wanted:
                raise ValueError(f"entry {entry.msgid!r} has {len(entry.msgstr_plural)} "
                                 f"plural forms, the new Plural-Forms says {wanted}")
    if generator is not None:
        updates["X-Generator"] = generator
    if charset is not None:
        codecs.lookup(charset)
        updates["Content-Type"] = f"text/plain; charset={charset}"
        updates.setdefault("MIME-Version", "1.0")
        updates.setdefault("Content-Transfer-Encoding", "8bit")
    for key, value in updates.items():
        _check_text(key, value, newlines=False)
        index = next((i for i, (k, _) in enumerate(fields) if k.lower() == key.lower()), None)
        if index is not None:
            fields[index] = (fields[index][0], value)
            continue
        rank = _HEADER_ORDER.index(key) if key in _HEADER_ORDER else len(_HEADER_ORDER)
        after = -1
        for i, (k, _) in enumerate(fields):
            if k in _HEADER_ORDER[:rank]:
                after = i
        fields.insert(after + 1, (key, value))
    # Keep lines of the old header that are not "Key: value" pairs? gettext headers have
    # none that matter; the header is rebuilt from its fields.
    header.msgstr = "".join(f"{k}: {v}\n" for k, v in fields)
    return replace(catalog, header=header, entries=list(catalog.entries),
                   obsolete=list(catalog.obsolete))
