"""Search and replace across the texts of a document, pure Python over RE2.

``plan_replace`` computes what each text would become, without changing
anything; the caller shows the plan (with ``app.core.diff``) and applies it as
revisions. ``find`` gives the indexes of the texts that match, for filters.
This is the one module that uses ``google-re2``.

Modes
    plain (``regex=False``): the pattern and the replacement are taken
    literally (no escapes, no group references).
    regex (``regex=True``): Python ``re`` syntax, with Python's meaning on str
    (Unicode ``\\w``, ``\\d``, ``\\s``), rewritten for RE2 by
    ``app.core.regex_syntax``, which refuses what RE2 cannot run (backreferences,
    lookaround, possessive quantifiers, ``\\b``...) with its position. The
    replacement may use ``\\1`` or ``\\g<name>`` group references and the escapes
    of ``re`` templates such as ``\\n``.
    ``case_sensitive=False`` ignores case (Unicode simple case folding);
    ``whole_word=True`` refuses matches glued to a letter, digit or underscore on
    either side.

Guards
    RE2 matches in time linear in the length of the text, whatever the pattern:
    no pattern can make a search backtrack (Python's ``re`` took 27 s on
    ``((a+))+$`` against 28 "a" and "!", each two more "a" multiplying it by
    four). Patterns that can match the empty string are refused (they would
    insert the replacement between every two characters), and the plan stops
    with an error when it would make more than ``max_replacements``
    replacements or a text would grow past ``max_length`` characters.

Offsets: RE2 matches UTF-8 bytes; each text is encoded once and the byte offsets
of the matches are turned back into str indexes (``Match.start``/``end``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, NamedTuple, Sequence

import re2

from app.core.regex_syntax import WORD, Translation, Unsupported, to_re2

__all__ = [
    "MAX_REPLACEMENTS",
    "MAX_LENGTH",
    "ReplaceError",
    "Replacement",
    "Match",
    "Pattern",
    "compile_pattern",
    "plan_replace",
    "Occurrence",
    "occurrences",
    "substitute",
    "spans",
    "find",
]

MAX_REPLACEMENTS = 10_000
MAX_LENGTH = 1_000_000

_EMPTY = "The pattern matches empty text; it must match at least one character."


class ReplaceError(ValueError):
    """A pattern or replacement that cannot be used; the message says why."""


@dataclass(frozen=True)
class Replacement:
    """Text ``index`` would change from ``old`` to ``new`` with ``count`` replacements."""

    index: int
    old: str
    new: str
    count: int


class Match(NamedTuple):
    """One match: its str span and the texts of its groups (0: the whole match;
    None for a group that did not take part)."""

    start: int
    end: int
    groups: tuple


@dataclass(frozen=True, eq=False)
class Pattern:
    """A compiled search pattern. ``first`` finds the first match of a text,
    ``rest`` each next one from the end of the previous (less ``back``
    characters); the user's group 0 is group ``shift`` of theirs (whole words: a
    separator is matched on each side)."""

    first: object
    rest: object
    shift: int
    back: int
    groups: int
    names: dict

    def search(self, text: str) -> bool:
        """Whether the pattern occurs in ``text``."""
        return self.first.search(_utf8(text)) is not None

    def count(self, text: str) -> int:
        """How many times the pattern occurs in ``text`` (the matches ``finditer``
        gives, without their offsets and groups)."""
        data = _utf8(text)
        regex, pos, count = self.first, 0, 0
        while (m := regex.search(data, pos)) is not None:
            start, end = m.span(self.shift)
            if start == end:
                raise ReplaceError(_EMPTY)
            count += 1
            regex, pos = self.rest, _char_start(data, end - self.back)
        return count

    def finditer(self, text: str) -> Iterator[Match]:
        """The matches in ``text``, left to right, without overlap; ReplaceError
        on an empty match."""
        data = _utf8(text)
        to_str = _StrOffsets(data)
        regex, pos = self.first, 0
        while (m := regex.search(data, pos)) is not None:
            start, end = m.span(self.shift)
            if start == end:
                raise ReplaceError(_EMPTY)
            groups = tuple(None if g is None else g.decode("utf-8", "surrogatepass")
                           for g in map(m.group, range(self.shift, self.shift + self.groups + 1)))
            yield Match(to_str(start), to_str(end), groups)
            regex, pos = self.rest, _char_start(data, end - self.back)


def _utf8(text: str) -> bytes:
    """The bytes RE2 reads (a lone surrogate, which str allows, stays one character)."""
    return text.encode("utf-8", "surrogatepass")


class _StrOffsets:
    """Turns increasing byte offsets of a UTF-8 text into str indexes, in one pass."""

    def __init__(self, data: bytes):
        self.data, self.byte, self.char = data, 0, 0

    def __call__(self, byte: int) -> int:
        self.char += len(self.data[self.byte:byte].decode("utf-8", "surrogatepass"))
        self.byte = byte
        return self.char


def _char_start(data: bytes, pos: int) -> int:
    """``pos`` moved back to the first byte of the UTF-8 character it falls in."""
    while 0 < pos < len(data) and data[pos] & 0xC0 == 0x80:
        pos -= 1
    return pos


def compile_pattern(pattern: str, *, regex: bool, case_sensitive: bool,
                    whole_word: bool = False) -> Pattern:
    """Compile a search pattern, or raise ``ReplaceError`` with a clear message."""
    if not pattern:
        raise ReplaceError("The search pattern is empty.")
    syntax = _re2_syntax(pattern) if regex else Translation(re2.escape(pattern))
    before = whole_word or syntax.word_start
    after = whole_word or syntax.word_end
    try:
        first, rest = _compile(syntax.body, before, after, case_sensitive)
    except re2.error as exc:
        raise ReplaceError(f"The regular expression cannot be run: {_text(exc)}.") from None
    if first.fullmatch("") is not None:
        raise ReplaceError(_EMPTY)
    shift = 1 if before or after else 0
    return Pattern(first, rest, shift, 1 if before else 0, first.groups - shift,
                   {name: i - shift for name, i in first.groupindex.items()})


def _compile(body: str, before: bool, after: bool, case_sensitive: bool):
    """The RE2 patterns for a first match and for each next one. With ``before``
    (``after``) the match must not follow (precede) a word character: a
    separator or an end of the text is matched there, and the match proper is
    group 1."""
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.log_errors = False
    if not (before or after):
        first = rest = re2.compile(body, options)
    else:
        separator = f"[^{WORD}]"
        tail = rf"(?:\z|{separator})" if after else ""
        head = rf"(?:\A|{separator})" if before else ""
        first = re2.compile(f"{head}({body}){tail}", options)
        rest = re2.compile(f"{separator if before else ''}({body}){tail}", options)
    # The wrapper caches 128 compiled patterns, each holding up to max_mem (8 MB) of
    # automata: users' patterns would keep 200+ MB alive. Ours live as long as the Pattern.
    re2.purge()
    return first, rest


def _re2_syntax(pattern: str) -> Translation:
    """RE2 syntax for a user's pattern; ReplaceError if Python's ``re`` finds it
    invalid or RE2 cannot run it."""
    try:
        re.compile(pattern)
    except re.error as exc:
        where = f" at position {exc.pos + 1}" if exc.pos is not None else ""
        raise ReplaceError(f"Invalid regular expression{where}: {exc.msg}.") from None
    except (OverflowError, RecursionError):
        raise ReplaceError("Invalid regular expression: a repeat count is too large "
                           "or the groups are nested too deeply.") from None
    try:
        return to_re2(pattern)
    except Unsupported as exc:
        raise ReplaceError(f"Regular expression {exc}: the search runs in linear time "
                           "and cannot do this.") from None


def _text(exc: Exception) -> str:
    arg = exc.args[0] if exc.args else ""
    return arg.decode("utf-8", "replace") if isinstance(arg, bytes) else str(arg)


# A replacement template: group references, escapes, and text between them.
_TEMPLATE = re.compile(r"""
    \\g<(?P<name>[^>]*)>
  | \\(?P<octal>[0-7]{3}|0[0-7]{0,2})
  | \\(?P<number>[1-9][0-9]?)
  | \\(?P<escape>.)
  | (?P<text>[^\\]+)
  | (?P<end>\\)
""", re.S | re.X)
_TEMPLATE_ESCAPES = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
                     "v": "\v", "\\": "\\"}


def _template(replacement: str, pattern: Pattern) -> list:
    """The replacement as a list of texts and group numbers, with Python's rules
    for ``re`` templates; ReplaceError names what is wrong and where."""
    return [_template_piece(m, pattern) for m in _TEMPLATE.finditer(replacement)]


def _template_piece(m: re.Match, pattern: Pattern) -> str | int:
    kind, value, where = m.lastgroup, m.group(m.lastgroup), f" at position {m.start() + 1}"
    if kind == "text":
        return value
    if kind == "octal":
        return chr(int(value, 8))
    if kind == "escape":
        if value in _TEMPLATE_ESCAPES:
            return _TEMPLATE_ESCAPES[value]
        if value.isascii() and value.isalpha():
            raise ReplaceError(f"Invalid replacement: bad escape \\{value}{where}.")
        return m.group()
    if kind == "end":
        raise ReplaceError(f"Invalid replacement: a lone backslash{where} "
                           "(write \\\\ for a backslash).")
    return _group_number(value, pattern, where)


def _group_number(ref: str, pattern: Pattern, where: str) -> int:
    if ref.isdigit():
        if int(ref) > pattern.groups:
            raise ReplaceError(f"Invalid replacement: invalid group reference {ref}{where}.")
        return int(ref)
    if ref not in pattern.names:
        raise ReplaceError(f"Invalid replacement: unknown group name {ref!r}{where}.")
    return pattern.names[ref]


def _expand(template: list, match: Match) -> str:
    return "".join(piece if isinstance(piece, str) else match.groups[piece] or ""
                   for piece in template)


def _replace(pattern: Pattern, template: list, text: str, budget: int,
             max_length: int) -> tuple[str | None, int]:
    """``text`` with its matches replaced (None once it grows past ``max_length``:
    nothing bigger is built), and the count of matches; stops past ``budget``."""
    pieces, last, count, size = [], 0, 0, len(text)
    for match in pattern.finditer(text):
        count += 1
        if count > budget:
            break
        new = _expand(template, match)
        size += len(new) - (match.end - match.start)
        if size > max_length:
            return None, count
        pieces += [text[last:match.start], new]
        last = match.end
    pieces.append(text[last:])
    return "".join(pieces), count


def plan_replace(texts: Sequence[str], pattern: str, replacement: str, *,
                 regex: bool, case_sensitive: bool, whole_word: bool,
                 max_replacements: int = MAX_REPLACEMENTS,
                 max_length: int = MAX_LENGTH) -> list[Replacement]:
    """What each text would become; only the texts that change are listed.

    Raises ``ReplaceError`` for an invalid or refused pattern or replacement,
    and when the plan would exceed ``max_replacements`` replacements in all or
    make a text longer than ``max_length`` characters. A text whose matches
    are replaced by identical text is not listed (it does not change).
    """
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive,
                               whole_word=whole_word)
    template = _template(replacement, compiled) if regex else [replacement]
    plan: list[Replacement] = []
    total = 0
    for index, text in enumerate(texts):
        budget = max_replacements - total
        new, count = _replace(compiled, template, text, budget, max_length)
        if count > budget:
            raise ReplaceError(
                f"Too many replacements (more than {max_replacements}); "
                "narrow the pattern.")
        total += count
        if new is None:
            raise ReplaceError(f"Text {index + 1} would grow past {max_length} characters.")
        if count and new != text:
            plan.append(Replacement(index, text, new, count))
    return plan


@dataclass(frozen=True)
class Occurrence:
    """One replacement a plan would make: in text ``index``, match ``number``
    (its rank among the matches of that text, from 0) at ``start:end`` would
    become ``new``."""

    index: int
    number: int
    start: int
    end: int
    new: str


def occurrences(texts: Sequence[str], pattern: str, replacement: str, *,
                regex: bool, case_sensitive: bool, whole_word: bool,
                max_replacements: int = MAX_REPLACEMENTS) -> list[Occurrence]:
    """Every occurrence a replace would change, text by text, left to right (a
    match whose replacement is the same text is left out; the others keep
    their rank among all the matches of their text). ReplaceError as for
    ``plan_replace``."""
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive,
                               whole_word=whole_word)
    template = _template(replacement, compiled) if regex else [replacement]
    found: list[Occurrence] = []
    for index, text in enumerate(texts):
        for number, match in enumerate(compiled.finditer(text)):
            new = _expand(template, match)
            if new != text[match.start:match.end]:
                found.append(Occurrence(index, number, match.start, match.end, new))
            if len(found) > max_replacements:
                raise ReplaceError(f"Too many replacements (more than {max_replacements}); "
                                   "narrow the pattern.")
    return found


def substitute(text: str, chosen: Sequence[Occurrence], *,
               max_length: int = MAX_LENGTH) -> str:
    """``text`` with only the ``chosen`` occurrences of it replaced (occurrences
    do not overlap); ReplaceError when it would grow past ``max_length``."""
    pieces, last = [], 0
    for occurrence in sorted(chosen, key=lambda o: o.start):
        pieces += [text[last:occurrence.start], occurrence.new]
        last = occurrence.end
    pieces.append(text[last:])
    new = "".join(pieces)
    if len(new) > max_length:
        raise ReplaceError(f"The text would grow past {max_length} characters.")
    return new


def spans(pattern: Pattern, text: str) -> list[tuple[int, int]]:
    """The str spans of the matches of a compiled pattern in ``text`` (for
    highlighting search hits)."""
    return [(m.start, m.end) for m in pattern.finditer(text)]


def find(texts: Sequence[str], pattern: str, *, regex: bool, case_sensitive: bool,
         whole_word: bool = False) -> list[int]:
    """Indexes of the texts in which ``pattern`` occurs.

    An empty pattern filters nothing: every index is returned. Raises
    ``ReplaceError`` for an invalid or refused pattern.
    """
    if not pattern:
        return list(range(len(texts)))
    compiled = compile_pattern(pattern, regex=regex, case_sensitive=case_sensitive,
                               whole_word=whole_word)
    return [i for i, text in enumerate(texts) if compiled.search(text)]
