"""Python ``re`` syntax rewritten for RE2, with Python's meaning on str, pure Python.

Users write regular expressions in Python's syntax; ``app.core.replace`` runs them
with RE2, which matches in linear time but reads some constructs differently:
its ``\\w``, ``\\d``, ``\\s`` and ``\\b`` are ASCII-only, ``{,3}`` is literal text,
``\\Z`` and ``\\uXXXX`` are unknown. ``to_re2`` rewrites a pattern (already
accepted by Python's ``re.compile``) so that RE2 finds what Python would:

- ``\\w`` ``\\d`` ``\\s`` (and their negations) become the Unicode classes Python
  uses on str: letters, numbers and "_"; decimal digits; Unicode white space
  (no-break spaces included);
- character escapes (``\\n``, ``\\x41``, ``\\u00e9``, ``\\N{...}``, octal) become
  RE2 ``\\x{...}`` escapes; ``\\Z`` becomes ``\\z``; ``{,n}`` becomes ``{0,n}``;
  ``(?#...)`` comments are dropped; the no-op flag ``u`` is dropped.

What RE2 cannot do in linear time is refused with ``Unsupported``, naming the
construct and its position (1-based): backreferences (``\\1``, ``(?P=name)``),
lookahead and lookbehind, atomic groups, possessive quantifiers, conditional
groups, word boundaries ``\\b`` ``\\B`` (RE2's are ASCII-only; the "whole words"
option does it), the flags ``a``, ``L`` and ``x``, and ``\\W`` ``\\S`` inside
``[...]``. A leading or trailing ``\\b`` next to a letter, digit or ``\\w`` is kept
as ``Translation.word_start``/``word_end`` for the caller to check around the match.

Differences that stay: without ``(?m)``, ``$`` matches only at the very end of the
text (Python's also before a final newline); ignoring case, Python alone equates the
Turkish "İ" and "ı" with "i" and "I"; RE2's Unicode tables may be newer than
Python's (letters assigned since are letters for RE2 only).
"""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

__all__ = ["Translation", "Unsupported", "WORD", "to_re2"]

WORD = r"\p{L}\p{N}_"  # Python's \w on str: letters, numbers, underscore
_DIGIT = r"\p{Nd}"
_SPACE = r"\t-\r\x{1c}-\x{20}\x{85}\p{Z}"  # str.isspace()

_CLASSES = {"w": f"[{WORD}]", "W": f"[^{WORD}]", "d": _DIGIT, "D": r"\P{Nd}",
            "s": f"[{_SPACE}]", "S": f"[^{_SPACE}]"}
_IN_CLASS = {"w": WORD, "d": _DIGIT, "D": r"\P{Nd}", "s": _SPACE}
_WORD_RANGES = ("abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "0123456789")
_CONTROLS = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}

_CHAR_ESCAPE = (r"\\(?:[0-7]{3}|0[0-7]{0,2}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}"
                r"|N\{[^}]*\})")
_TOKEN = re.compile(rf"""
    (?P<char>{_CHAR_ESCAPE})
  | (?P<backref>\\[1-9][0-9]?|\(\?P=\w+\))
  | (?P<escape>\\.)
  | (?P<set>\[\^?\]?(?:\\.|[^\]\\])*\])
  | (?P<group>\(\?P<\w+>)
  | (?P<comment>\(\?\#[^)]*\))
  | (?P<refused>\(\?(?:[=!>(]|<[=!]))
  | (?P<flags>\(\?[aiLmsux]*(?:-[imsx]+)?[:)])
  | (?P<repeat>(?:[*+?]|\{{(?!\}})\d*(?:,\d*)?\}})[?+]?)
  | (?P<other>.)
""", re.S | re.X)
_SET_ITEM = re.compile(rf"(?P<char>{_CHAR_ESCAPE}|\\[0-7]{{1,2}})|(?P<escape>\\.)|(?P<other>.)",
                       re.S)

_REFUSED = {"(?=": "lookahead (?=...)", "(?!": "negative lookahead (?!...)",
            "(?<=": "lookbehind (?<=...)", "(?<!": "negative lookbehind (?<!...)",
            "(?>": "atomic group (?>...)", "(?(": "conditional group (?(...)"}
_FLAGS_REFUSED = {"a": "the ASCII flag a", "L": "the locale flag L", "x": "the verbose flag x"}


class Unsupported(ValueError):
    """A construct RE2 cannot run; ``str()`` names it and its 1-based position."""

    def __init__(self, what: str, position: int):
        super().__init__(f"not supported at position {position}: {what}")
        self.what, self.position = what, position


class Translation(NamedTuple):
    """An RE2 pattern, and whether a match must not follow (``word_start``) or
    precede (``word_end``) a word character: a leading or trailing ``\\b``."""

    body: str
    word_start: bool = False
    word_end: bool = False


def to_re2(pattern: str) -> Translation:
    """RE2 syntax for ``pattern`` (Python syntax, valid for ``re.compile``)."""
    tokens = list(_TOKEN.finditer(pattern))
    start, end = _edge_boundaries(tokens)
    body = "".join(_token(m) for i, m in enumerate(tokens) if i not in (start, end))
    return Translation(body, start is not None, end is not None)


def _edge_boundaries(tokens: list) -> tuple[int | None, int | None]:
    """Indexes of a leading and a trailing ``\\b`` that stand next to a word
    character in every match: there ``\\b`` only asks that no word character be
    on the outer side, which the caller can check. Other ``\\b`` are refused."""
    if _has_bar(tokens):
        return None, None
    first = next((i for i, m in enumerate(tokens)
                  if not (m.lastgroup == "flags" and m.group().endswith(")"))), len(tokens))
    start = end = None
    if first < len(tokens) and tokens[first].group() == r"\b":
        start = first if _begins_with_word(tokens[first + 1:]) else None
    if tokens and tokens[-1].group() == r"\b" and len(tokens) - 1 != start:
        inner = tokens[(first if start is None else start + 1):-1]
        end = len(tokens) - 1 if _begins_with_word(inner, backward=True) else None
    return start, end


def _opens(m: re.Match) -> bool:
    return m.group().startswith("(") and not m.group().endswith(")")


def _has_bar(tokens: list) -> bool:
    """Whether the tokens hold an alternation "|" outside any group."""
    depth = 0
    for m in tokens:
        if depth == 0 and m.group() == "|":
            return True
        depth += _opens(m) - (m.group() == ")")
    return False


def _units(tokens: list) -> list:
    """The tokens as (atom, least number of repeats) pairs; the atom of a group is
    the list of the tokens inside it."""
    units, i = [], 0
    while i < len(tokens):
        j = _atom_end(tokens, i)
        atom = tokens[i] if j == i + 1 else tokens[i + 1:j - 1]
        repeated = j < len(tokens) and tokens[j].lastgroup == "repeat"
        units.append((atom, _least(tokens[j].group()) if repeated else 1))
        i = j + 1 if repeated else j
    return units


def _atom_end(tokens: list, i: int) -> int:
    """The index after the atom that starts at ``i`` (a token, or a whole group)."""
    depth = 0
    for j in range(i, len(tokens)):
        depth += _opens(tokens[j]) - (tokens[j].group() == ")")
        if depth <= 0:
            return j + 1
    return len(tokens)


def _least(repeat: str) -> int:
    if repeat[0] == "{":
        return int(repeat.strip("{}?+").split(",")[0] or 0)
    return 1 if repeat[0] == "+" else 0


def _begins_with_word(tokens: list, backward: bool = False) -> bool:
    """Whether the first (``backward``: the last) character the tokens match is
    always a word character."""
    units = _units(tokens)
    for atom, low in (reversed(units) if backward else units):
        if isinstance(atom, list):
            if _has_bar(atom) or not _begins_with_word(atom, backward):
                return False
        elif not _word_atom(atom):
            return False
        if low:
            return True
    return False


def _word_atom(m: re.Match) -> bool:
    """Whether the atom only matches word characters (Python's ``\\w``)."""
    kind, text = m.lastgroup, m.group()
    if kind == "set":
        return _word_set(text)
    if kind == "escape" and text[1] in "wd":
        return True
    char = _char_value(text) if kind == "char" else text[-1]
    return kind in ("char", "escape", "other") and (char.isalnum() or char == "_") \
        and not (kind == "escape" and char.isascii())


def _word_set(text: str) -> bool:
    if text.startswith("[^"):
        return False
    for item in _set_items(text):
        if len(item) == 2:
            low, high = (m.group() for m in item)
            if not (len(low) == len(high) == 1 and low <= high
                    and any(low in r and high in r for r in _WORD_RANGES)):
                return False
        elif not _word_atom(item[0]):
            return False
    return True


def _token(m: re.Match) -> str:
    kind, text, position = m.lastgroup, m.group(), m.start() + 1
    if kind == "char":
        return _literal(_char_value(text))
    if kind == "backref":
        raise Unsupported(f"the backreference {text}", position)
    if kind == "escape":
        return _escape(text[1], position)
    if kind == "set":
        return _set(text, position)
    if kind == "comment":
        return ""
    if kind == "group":
        return text
    if kind == "refused":
        raise Unsupported(f"the {_REFUSED[text]}", position)
    if kind == "flags":
        return _flags(text, position)
    if kind == "repeat":
        return _repeat(text, position)
    return text if text in "().|^$" else _literal(text)


def _escape(letter: str, position: int) -> str:
    if letter in _CLASSES:
        return _CLASSES[letter]
    if letter in "bB":
        raise Unsupported(f"the word boundary \\{letter} here (RE2 runs \\b only at the start "
                          "or end of the pattern, next to a letter, digit or \\w; tick "
                          "\"whole words\", or write (^|\\W) and (\\W|$))", position)
    if letter in "AZ":
        return r"\A" if letter == "A" else r"\z"
    return _literal(_CONTROLS.get(letter, letter))


def _flags(text: str, position: int) -> str:
    on, _, off = text[2:-1].partition("-")
    for flag in on:
        if flag in _FLAGS_REFUSED:
            raise Unsupported(f"{_FLAGS_REFUSED[flag]} in {text}", position)
    on = on.replace("u", "")
    if on or off:
        return f"(?{on}{'-' + off if off else ''}{text[-1]}"
    return "(?:" if text.endswith(":") else ""


def _repeat(text: str, position: int) -> str:
    if len(text) > 1 and text.endswith("+"):
        raise Unsupported(f"the possessive quantifier {text}", position)
    if text.startswith("{"):
        low, comma, high = text.strip("{}?").partition(",")
        return "{" + (low or "0") + comma + high + "}" + ("?" if text.endswith("?") else "")
    return text


def _set(text: str, position: int) -> str:
    """A character class ``[...]``, its items rewritten one by one."""
    out = ["[^" if text.startswith("[^") else "["]
    for item in _set_items(text):
        out.append("-".join(_set_item(m, position) for m in item))
    return "".join(out) + "]"


def _set_items(text: str) -> list[tuple]:
    """The items of a class, each a 1-tuple or a range (2-tuple) of tokens: as in
    Python, "-" between two items makes a range, elsewhere it is a literal."""
    start = 2 if text.startswith("[^") else 1
    tokens = list(_SET_ITEM.finditer(text, start, len(text) - 1))
    items, i = [], 0
    while i < len(tokens):
        if i + 2 < len(tokens) and tokens[i + 1].group() == "-":
            items.append((tokens[i], tokens[i + 2]))
            i += 3
        else:
            items.append((tokens[i],))
            i += 1
    return items


def _set_item(m: re.Match, set_position: int) -> str:
    text = m.group()
    if m.lastgroup == "char":
        return _literal(_char_value(text))
    if m.lastgroup == "escape":
        letter = text[1]
        if letter in _IN_CLASS:
            return _IN_CLASS[letter]
        if letter in "WS":
            raise Unsupported(f"\\{letter} inside [...] (write [^...] instead)",
                              set_position + m.start())
        return _literal(_CONTROLS.get(letter, letter))
    return _literal(text)


def _char_value(escape: str) -> str:
    """The character a Python character escape stands for (``\\x41``, ``\\N{...}``)."""
    kind = escape[1]
    if kind == "N":
        return unicodedata.lookup(escape[3:-1])
    if kind in "xuU":
        return chr(int(escape[2:], 16))
    return chr(int(escape[1:], 8))


def _literal(char: str) -> str:
    """``char`` as RE2 reads it literally, anywhere (inside a class too)."""
    if char.isascii():
        return char if char.isalnum() or char == "_" else "\\x{%x}" % ord(char)
    return char if char.isprintable() else "\\x{%x}" % ord(char)
