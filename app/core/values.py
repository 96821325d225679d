"""One validation per kind of value that people and files give the workbench.

Each function takes the value as given and `where` (what names it in a message: "title",
"glossary.csv: term 3", "documents[0].title"), and returns the value normalised or raises
InvalidValue ("WHERE: what is wrong"). The web forms, the CLI, the importers and the
workspace import all call these, so that whatever is stored can be exported and restored.

What is refused where:
- single-line values (document title, glossary term, language code, PO header value):
  every control character (tab and line ends included), the C1 controls, the line and
  paragraph separators, and the bidi embedding/override/isolate controls (U+202A-U+202E,
  U+2066-U+2069: they make a title or a username read as something else);
- notes (comment, glossary note): what a segment's text cannot hold
  (textio.NOT_IN_SEGMENT: controls other than tab and line ends, C1, line separators) and
  the bidi controls too; line ends are kept;
- segment texts are checked by textio.first_forbidden (NOT_IN_SEGMENT): bidi controls stay
  there, because in a text to translate they are data (a right-to-left quotation);
- everywhere: lone surrogates (JSON can carry them; no UTF-8 file can).
The marks U+200E, U+200F and U+061C (LRM, RLM, ALM) are kept: they change no character's
order beyond their own neighbourhood and right-to-left names need them.
"""
import functools
import re

from app.core import plural, textio
from app.core.messages import N_, Explained

TITLE_MAX = 200       # document.title
LANGUAGE_MAX = 16     # the language columns
TERM_MAX = 500
NOTE_MAX = 10_000     # a comment or a glossary note

BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NOT_IN_LINE = textio.NOT_IN_SEGMENT | {"\t", "\n", "\r"} | BIDI_CONTROLS
NOT_IN_NOTE = textio.NOT_IN_SEGMENT | BIDI_CONTROLS

# A language as the app takes it: fr, pt-BR, pt_BR, sr-RS@latin, es-419, zh-Hant-TW.
LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*(?:@[A-Za-z0-9]{1,12})?")


class InvalidValue(Explained, ValueError):
    """A value that cannot be stored; str() is "WHERE: problem" (the problem: a msgid and its
    values, translated where shown: app.core.messages)."""

    def __init__(self, where, problem, /, **values):
        self.where, self.problem = where, Explained(problem, **values)
        super().__init__(N_("%(where)s: %(problem)s"), where=where, problem=self.problem)


def _refusal(ch):
    """The msgid saying that `ch` is refused at character %(n)s (%(code)s: its code point)."""
    if ch in "\t":
        return N_("a tab at character %(n)s (not allowed here)")
    if ch in "\n\r":
        return N_("a line break at character %(n)s (not allowed here)")
    if "\ud800" <= ch <= "\udfff":
        return N_("a lone surrogate at character %(n)s (not allowed here)")
    if ch in BIDI_CONTROLS:
        return N_("the bidi control %(code)s at character %(n)s (not allowed here)")
    return N_("the control character %(code)s at character %(n)s (not allowed here)")


@functools.lru_cache(maxsize=8)
def _refused_pattern(refused):
    return re.compile("[" + "".join(map(re.escape, sorted(refused))) + "\ud800-\udfff]")


def first_refused(text, refused):
    """(offset, character) of the first character of `text` in `refused` (a frozenset) or a
    lone surrogate, or None."""
    found = _refused_pattern(refused).search(text)
    return (found.start(), found.group()) if found else None


def _clean(text, where, refused, limit):
    if not isinstance(text, str):
        raise InvalidValue(where, N_("expected text"))
    if len(text) > limit:
        raise InvalidValue(where, N_("longer than %(limit)s characters (%(size)s)"),
                           limit=str(limit), size=str(len(text)))
    bad = first_refused(text, refused)
    if bad is not None:
        offset, ch = bad
        raise InvalidValue(where, _refusal(ch), n=str(offset + 1), code=f"U+{ord(ch):04X}")
    return text


def language(code, where="language"):
    """A language code (fr, pt-BR, sr@latin), "_" written "-" and the first subtag in lower
    case: "pt_BR" -> "pt-BR", "FR" -> "fr"."""
    code = code.strip() if isinstance(code, str) else code
    if not isinstance(code, str) or len(code) > LANGUAGE_MAX or not LANGUAGE.fullmatch(code):
        shown = code[:40] if isinstance(code, str) else code
        raise InvalidValue(where, N_("%(code)r is not a language code (such as fr, pt-BR or "
                                     "sr@latin, at most %(max)s characters)"),
                           code=shown, max=str(LANGUAGE_MAX))
    primary, rest = re.match(r"([A-Za-z]+)(.*)", code).groups()
    return primary.lower() + rest.replace("_", "-")


def title(text, where="title"):
    """A document title: one line, stripped, not empty."""
    text = _clean(text, where, NOT_IN_LINE, TITLE_MAX).strip()
    if not text:
        raise InvalidValue(where, N_("the title is empty"))
    return text


def title_from_name(name):
    """A valid title made of a file name (a title nobody typed): characters a title cannot
    hold dropped, cut to TITLE_MAX; "untitled" when nothing is left."""
    kept = "".join(ch for ch in name if first_refused(ch, NOT_IN_LINE) is None)
    return kept.strip()[:TITLE_MAX].strip() or "untitled"


def displayable_line(text):
    """`text` with each character a single-line value cannot hold replaced by U+FFFD: how a
    value stored before these checks (a title holding NUL) is written to an export."""
    return "".join("\ufffd" if first_refused(ch, NOT_IN_LINE) else ch for ch in text)


EMAIL_MAX = 254  # user_account.email
# One address as a PO header names a person: no space, no angle bracket or comma, one "@"
# with text on both sides and a dot in the domain.
EMAIL = re.compile(r"[^\s@<>,;\"]+@[^\s@<>,;\"]+\.[^\s@<>,;\"]+")


def email(text, where="email"):
    """An email address (stripped), or None for an empty one."""
    text = _clean(text, where, NOT_IN_LINE, EMAIL_MAX).strip()
    if not text:
        return None
    if not EMAIL.fullmatch(text):
        raise InvalidValue(where, N_("%(text)r is not an email address (such as "
                                     "name@example.org)"), text=text)
    return text


def comment(text, where="comment"):
    """A comment on a unit: line ends kept (CRLF written LF), stripped, not empty."""
    text = _clean(text, where, NOT_IN_NOTE, NOTE_MAX).replace("\r\n", "\n").strip()
    if not text:
        raise InvalidValue(where, N_("the comment is empty"))
    return text


def term(text, where="term"):
    """A glossary term (or a memory phrase): one line, stripped; may be empty (the caller
    says whether the term needs it)."""
    return _clean(text, where, NOT_IN_LINE, TERM_MAX).strip()


def note(text, where="note"):
    """A glossary note: like a comment, but may be empty."""
    return _clean(text, where, NOT_IN_NOTE, NOTE_MAX).replace("\r\n", "\n").strip()


def plural_forms(value, where="Plural-Forms"):
    """A Plural-Forms header value as msgfmt --check takes it; (nplurals, function of n)."""
    try:
        return plural.parse_plural_forms(value)
    except plural.PluralError as exc:
        raise InvalidValue(where, "%(value)r: %(problem)s", value=value[:80],
                           problem=str(exc)) from None


def po_header(fields, where="the header"):
    """Check a PO header's (key, value) fields: every value one line without controls, and
    Plural-Forms valid (see plural_forms). Language is checked with `language` where it
    becomes a document's language only: published catalogs say "persian" or "zh_TW.Big5"."""
    for key, value in fields:
        _clean(value, f"{where}'s {key}", NOT_IN_LINE, 1000)
        if key.lower() == "plural-forms":
            plural_forms(value, f"{where}'s Plural-Forms")
