"""Search and replace across the texts of a document, pure Python (stdlib ``re``).

``plan_replace`` computes what each text would become, without changing
anything; the caller shows the plan (with ``app.core.diff``) and applies it as
revisions. ``find`` gives the indexes of the texts that match, for filters.

Modes
    plain (``regex=False``): the pattern and the replacement are taken
    literally (no escapes, no group references).
    regex (``regex=True``): Python ``re`` syntax; the replacement may use
    ``\\1`` or ``\\g<name>`` group references and ``re`` escapes such as ``\\n``.
    ``case_sensitive=False`` uses ``re.IGNORECASE`` (Unicode case folding of
    ``re``); ``whole_word=True`` refuses matches glued to a letter, digit or
    underscore on either side.

Guards
    Python's ``re`` has no timeout: a pattern such as ``(a+)+$`` can backtrack
    for an exponential time on a long run of "a", and nothing short of another
    process can stop it. We refuse the usual shape of such patterns (a
    quantified group that itself contains a quantifier, "nested quantifiers"),
    refuse patterns that can match the empty string (they would insert the
    replacement between every two characters), and stop with an error when the
    plan would make more than ``max_replacements`` replacements or a text would
    grow past ``max_length`` characters. This bounds the size of the result, not
    the time of one pathological match: a pattern that passes the nested-
    quantifier heuristic can still be slow (for instance an alternation with
    overlapping branches under a quantifier, ``(a|aa)*b``); callers exposed to
    untrusted users should run the plan with a time limit in a worker process.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

__all__ = [
    "MAX_REPLACEMENTS",
    "MAX_LENGTH",
    "ReplaceError",
    "Replacement",
    "compile_pattern",
    "plan_replace",
    "find",
]

MAX_REPLACEMENTS = 10_000
MAX_LENGTH = 1_000_000


class ReplaceError(ValueError):
    """A pattern or replacement that cannot be used; the message says why."""


@dataclass(frozen=True)
class Replacement:
    """Text ``index`` would change from ``old`` to ``new`` with ``count`` replacements."""

    index: int
    old: str
    new: str
    count: int


# Character classes and escapes are blanked out before the nesting check, so that
# "[+*]" or "\\+" do not count as quantifiers.
_CLASS = re.compile(r"\[\^?\]?(?:\\.|[^\]\\])*\]")
# An innermost group (no parentheses inside) repeated without bound.
_REPEATED_GROUP = re.compile(r"\(([^()]*)\)(?:[+*]|\{\d+,\d*\})")
_ENDS_REPEATED = re.compile(r"(?:[+*]|\{\d+,\d*\})\??$")


def _blank(pattern: str) -> str:
    """The pattern with escapes and character classes replaced by plain letters
    of the same length (positions stay meaningful)."""
    out = re.sub(r"\\.", "xx", pattern, flags=re.S)
    return _CLASS.sub(lambda m: "x" * len(m.group()), out)


def _nested_repeat(pattern: str) -> re.Match | None:
    """The first repeated group one of whose branches ends with a repeat, such
    as "(a+)+", "(\\w+\\s*)*" or "(x|y*)+": the shape of catastrophic
    backtracking. "(\\s*,)+" (the branch ends with a literal) passes."""
    for m in _REPEATED_GROUP.finditer(_blank(pattern)):
        body = re.sub(r"^\?(?:[:=!>]|<[=!]|P?<\w+>)", "", m.group(1))
        if any(_ENDS_REPEATED.search(branch) for branch in body.split("|")):
            return m
    return None


def compile_pattern(pattern: str, *, regex: bool, case_sensitive: bool,
                    whole_word: bool = False) -> re.Pattern:
    """Compile a search pattern, or raise ``ReplaceError`` with a clear message."""
    if not pattern:
        raise ReplaceError("The search pattern is empty.")
    body = pattern if regex else re.escape(pattern)
    if regex:
        try:
            re.compile(pattern)
        except re.error as exc:
            where = f" at position {exc.pos + 1}" if exc.pos is not None else ""
            raise ReplaceError(f"Invalid regular expression{where}: {exc.msg}.") from None
        nested = _nested_repeat(pattern)
        if nested:
            raise ReplaceError(
                f"Nested repetition at position {nested.start() + 1} "
                f"({pattern[nested.start():nested.end()]!r}) can take exponential time; "
                "rewrite it without a quantifier inside a repeated group.")
    if whole_word:
        # Global inline flags such as "(?i)" must stay at the very start.
        lead = re.match(r"(?:\(\?[aiLmsux]+\))*", body).group() if regex else ""
        body = rf"{lead}(?<!\w)(?:{body[len(lead):]})(?!\w)"
    flags = 0 if case_sensitive else re.IGNORECASE
    try:
        compiled = re.compile(body, flags)
    except re.error as exc:
        raise ReplaceError(f"Invalid regular expression: {exc.msg}.") from None
    if regex and compiled.fullmatch("") is not None:
        raise ReplaceError("The pattern matches empty text; it must match at least one character.")
    return compiled


def _replacer(compiled: re.Pattern, replacement: str, regex: bool):
    """A function for ``re.sub``: the checked template in regex mode, the literal
    replacement otherwise. It refuses empty matches."""
    if regex:
        try:
            compiled.sub(replacement, "")  # parses the template and its group references
        except (re.error, IndexError) as exc:
            msg = getattr(exc, "msg", None) or str(exc)
            raise ReplaceError(f"Invalid replacement: {msg}.") from None

    def replace(m: re.Match) -> str:
        if m.end() == m.start():
            raise ReplaceError(
                "The pattern matches empty text; it must match at least one character.")
        return m.expand(replacement) if regex else replacement

    return replace


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
    replace = _replacer(compiled, replacement, regex)
    plan: list[Replacement] = []
    total = 0
    for index, text in enumerate(texts):
        budget = max_replacements - total
        new, count = compiled.subn(replace, text, count=budget + 1)
        if count > budget:
            raise ReplaceError(
                f"Too many replacements (more than {max_replacements}); "
                "narrow the pattern.")
        total += count
        if len(new) > max_length:
            raise ReplaceError(f"Text {index + 1} would grow past {max_length} characters.")
        if count and new != text:
            plan.append(Replacement(index, text, new, count))
    return plan


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
