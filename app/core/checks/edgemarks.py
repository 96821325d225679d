"""Punctuation at either end of the translation that the reference does not have there.

end-mark-added
    The reference ends with a word (a letter or a digit, closing quotes and brackets looked
    through) and the translation ends with "?", "!" or ";" ("Proceed" -> "Continuer ?").
    An added ";" counts after a label only (at most three words): French ends list items
    and lines of verse with one. The suggestion drops the added mark (and the space before
    it). end-punctuation (punctuation.py) covers a mark of the reference changed or lost,
    interrobangs included; a final colon is end-colon's (layout.py). An added full stop is
    left alone: human translators add one to labels and fragments all the time. A ";" that
    closes an entity ("&amp;") is not a mark. Weblate's end_question / end_exclamation /
    end_semicolon checks report the same additions.

start-punctuation
    Leading navigation and continuation marks ("<<", ">>", "...", "…", "*", "•", arrows) that
    one side has and the other lacks: " << Previous" -> "Précédent", "Question" -> "…Question
    posée" (pofilter's startpunc). When both sides start with such marks, even different ones
    ("* * *" -> "...", ".. note" -> "..."), nothing is reported; quotation marks, dashes of
    dialogue and Spanish ¿ ¡ are not such marks. The suggestion puts the reference's marks
    back, or drops the added ones.
"""
from __future__ import annotations

import re

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text

_CLOSERS = "\"'»”’)]}›"
_SPACES = " \t\n\u00a0\u202f"
_MARKS = "?!;？！；‽⁈⁉"
# A semicolon added to a reference of more words than this is left alone.
_LABEL_WORDS = 3
_ENTITY_END = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#x[0-9A-Fa-f]+);\Z")


def _strip_closers(text: str) -> str:
    return text.rstrip(_SPACES + _CLOSERS)


def _final_marks(text: str) -> tuple[str, int]:
    """(final run of end marks, its start) of ``text`` with closers already stripped."""
    start = len(text.rstrip(_MARKS))
    return text[start:], start


def _removal(text: str, start: int, end: int) -> tuple[int, int]:
    """The span that dropping the marks text[start:end] removes: with the space before."""
    while start > 0 and text[start - 1] in " \u00a0\u202f":
        start -= 1
    return start, end


def find_end_mark_added(reference: str, target: str, lang: Languages, context: Context):
    """A final ?, ! or ; of the target that the reference's end does not have."""
    ref, tgt = _strip_closers(reference), _strip_closers(target)
    if not ref or not tgt:
        return []
    got, start = _final_marks(tgt)
    if not got or _ENTITY_END.search(tgt):
        return []
    want, _ = _final_marks(ref)
    if want or not ref[-1].isalnum():
        return []   # a reference ending with a mark, a dash, a comma or markup: left alone
    if set(got) <= set(";；") and len(ref.split()) > _LABEL_WORDS:
        return []   # French ends list items and verse lines with ";"
    s, e = _removal(tgt, start, len(tgt))
    return [Hit(s, e, Text(N_("The translation ends with “%(mark)s”; the reference ends "
                              "without punctuation."), mark=got), "")]


END_MARK_ADDED = Check("end-mark-added", "punctuation", "minor", find_end_mark_added,
                       "The translation ends with a ?, ! or ; that the reference does not "
                       "have.")


_LEAD = re.compile(r"[ \t\n\u00a0\u202f]*((?:<<|>>|\.{2,}|…|[*•·→←►▶])+)([ \u00a0\u202f]*)")


def _lead(text: str) -> re.Match | None:
    return _LEAD.match(text)


def find_start_punctuation(reference: str, target: str, lang: Languages, context: Context):
    """Leading marks ("<<", "...", "*" ...) of one side that the other side lacks."""
    if not reference.strip() or not target.strip():
        return []
    want, got = _lead(reference), _lead(target)
    if bool(want) == bool(got):
        return []
    if got:
        return [Hit(got.start(1), got.end(), Text(N_("The translation starts with “%(mark)s”; "
                                                     "the reference does not."),
                                                  mark=got.group(1)), "")]
    start = len(target) - len(target.lstrip())
    first = re.match(r"\S+", target[start:]).group(0)
    marks = want.group(1) + want.group(2)
    return [Hit(start, start + len(first), Text(N_("The reference starts with “%(mark)s”; "
                                                   "the translation does not."),
                                                mark=want.group(1)),
                marks + first)]


START_PUNCTUATION = Check("start-punctuation", "punctuation", "minor", find_start_punctuation,
                          "Leading marks such as << ... * that only one of the reference and "
                          "the translation has.")
