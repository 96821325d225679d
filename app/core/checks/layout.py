"""Layout and form: what a software string relies on besides its words (issue 17).

Each check compares the target with its reference and says nothing when the reference
itself shows the same thing (a reference with double spaces may keep them).

edge-whitespace  (Weblate begin_space, end_space, begin_newline, end_newline; pofilter
    startwhitespace, endwhitespace)
    The whitespace at the start or at the end of the target differs from the reference's
    (spaces, tabs, newlines, CRLF against LF; a no-break space counts as a space, and the
    indentation after a leading newline is left out). Fix: the reference's ends. A French
    target that opens with a no-break space before : ; ! ? is French typography.
double-space  (Weblate double_space; pofilter doublespacing)
    Two or more spaces in a row inside the target when the reference has none; a plain space
    next to a no-break one counts ("mot \u00a0:"). Fix: one space (the no-break one if any).
    Also the reference's column spacing ("Name  Size  Date", two runs or more) lost; two
    spaces after a sentence's end are a typing habit and need not be kept.
newline-count  (Weblate newline_count; pofilter newlines)
    Line breaks inside the text (the ends are edge-whitespace's) differ in number, or are of
    another kind (CRLF for LF). Text wrapped at a line length on either side is compared by
    its paragraph breaks and list items only: translators re-wrap it.
escapes  (Weblate escaped_newline; pofilter escapes)
    Backslash sequences written as text (\\n, \\t, \\", \\\\, \\u00e9), as C and Java
    strings hold them, differ in number, kind by kind. The backslashes of a Windows path
    ("C:\\path\\name" -> "C:\\chemin\\fichier") are folder separators, not escapes.
tab-count  (pofilter tabs)
    Tab characters inside the text differ in number.
ellipsis  (Weblate end_ellipsis and its "trailing ellipsis replacer" fixup)
    The reference writes the ellipsis character and the target three dots (fix "\u2026");
    or the target ends with an ellipsis where the reference ends without punctuation ("Open"
    -> "Ouvrir\u2026": in a menu it promises a dialog; fix: none). Three dots in both is the
    author's choice; a full stop that became an ellipsis is end-punctuation's call (allowed).
end-colon  (Weblate end_colon; pofilter endpunc)
    The reference ends with a colon (a label: "Enter the name:") and the target does not; a
    full stop or a semicolon instead is accepted after a longer stretch of prose (more than
    _LABEL_WORDS words, or a sentence ends inside it), not after a short label. Or the target
    adds a final colon to a short reference without final punctuation. end-punctuation
    leaves every reference ending with ":" to this check. French takes a no-break space
    before the colon in the fix.
accelerator  (pofilter accelerators; Weblate same_accelerator)
    The reference has exactly one keyboard accelerator, "&" or "_" at the start of a word
    before a letter ("&File", "_Open") or "&" inside a word before a small letter ("E&xit");
    not "&amp;", "R&D", "AT&T", "snake_case", "&&", "_templates" kept verbatim. The target
    must have exactly one (anywhere in a word); or it adds one the reference does not have.
fr-quotes  (French typography; pofilter doublequoting in spirit)
    Straight double quotes around prose in a French target ('Cliquez sur "Enregistrer"').
    What app/core/markup.py calls markup or quoted code is left alone (through typography's
    excluded spans: placeholders, attribute values, identifiers, quoted code, ...), and so
    are content with code characters, a single token
    with a hyphen, point, digit or inner capital ("utf-8", "Referrer-Policy"), content the
    reference holds verbatim or nearly ("quiet" -> "quit": a damaged name, not prose), and
    a text with a quote between two spaces (opening or closing cannot be told: guillemets
    flattened to straight quotes). Fix: \u00ab \u00bb with no-break spaces inside (see
    ``quote_space``).
comma-space  (pofilter puncspacing)
    A comma glued to the next word ("a,b", "3,dossiers") when the reference spaces its
    commas and glues none to a letter. Decimals ("3,5") and code-like stretches are left
    alone. Fix: ", ".
"""
from __future__ import annotations

import re
from difflib import SequenceMatcher

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Counted, Text
from app.core.checks.typography import NBSP, NNBSP, _excluded, _inside
from app.core.tokens import protected_spans

_NB_SPACES = NBSP + NNBSP + "\u2007\u2009"
_NB_TO_SPACE = str.maketrans(dict.fromkeys(_NB_SPACES, " "))
_ANY_NB_SPACE = re.compile("[" + _NB_SPACES + "]")


# --- whitespace at the ends -------------------------------------------------------------

def _normal_ws(ws: str) -> str:
    """Whitespace compared the way a layout sees it: no-break spaces are spaces (a CRLF
    stays unlike a LF: protocols and Windows files rely on it)."""
    return ws.translate(_NB_TO_SPACE)


def _same_lead(ref_lead: str, lead: str) -> bool:
    """Leading whitespace alike; the indentation after a leading newline is left out (the
    source indentation of a template's text block, "\n    View function")."""
    return (_normal_ws(ref_lead).rstrip(" \t") if "\n" in ref_lead else _normal_ws(ref_lead)) \
        == (_normal_ws(lead).rstrip(" \t") if "\n" in lead else _normal_ws(lead))


def _same_trail(ref_trail: str, trail: str) -> bool:
    return (_normal_ws(ref_trail).lstrip(" \t") if "\n" in ref_trail else
            _normal_ws(ref_trail)) == (_normal_ws(trail).lstrip(" \t") if "\n" in trail
                                       else _normal_ws(trail))


def _whitespace(unit: str, n: int) -> Counted:
    """ "a space", "2 spaces": `n` times the whitespace `unit`."""
    if unit == " ":
        return Counted("a space", "%(n)s spaces", n=n)
    if unit == "\n":
        return Counted("a newline", "%(n)s newlines", n=n)
    if unit == "\t":
        return Counted("a tab", "%(n)s tabs", n=n)
    if unit == "\r\n":
        return Counted("a CRLF", "%(n)s CRLFs", n=n)
    if unit == "\r":
        return Counted("a carriage return", "%(n)s carriage returns", n=n)
    return Counted("a whitespace character", "%(n)s whitespace characters", n=n)


def _describe(ws: str) -> str:
    """ "2 spaces", "a newline", "a tab and a space", "no whitespace"."""
    if not ws:
        return Text(N_("no whitespace"))
    parts = []
    for m in re.finditer(r"( +|\n+|\t+|(?:\r\n)+|\r+|[^ \n\t\r]+)", _normal_ws(ws)):
        unit = "\r\n" if m.group().startswith("\r\n") else m.group()[0]
        parts.append(_whitespace(unit, len(m.group()) // len(unit)))
    said = parts[-1]
    for part in reversed(parts[:-1]):
        said = Text(N_("%(first)s and %(rest)s"), first=part, rest=said)
    return said


def _ends(text: str) -> tuple[str, str]:
    body = text.strip()
    if not body:
        return text, ""
    lead = text[:len(text) - len(text.lstrip())]
    return lead, text[len(text.rstrip()):]


def _start_hit(target: str, want: str, have: str) -> Hit:
    message = Text(N_("The reference starts with %(want)s; the translation with %(have)s."),
                   want=_describe(want), have=_describe(have))
    if have:
        return Hit(0, len(have), message, want)
    word = re.match(r"\S+", target).group()
    return Hit(0, len(word), message, want + word)


def _end_hit(target: str, want: str, have: str) -> Hit:
    message = Text(N_("The reference ends with %(want)s; the translation with %(have)s."),
                   want=_describe(want), have=_describe(have))
    if have:
        return Hit(len(target) - len(have), len(target), message, want)
    m = re.search(r"\S+\Z", target)
    return Hit(m.start(), m.end(), message, m.group() + want)


def find_edge_whitespace(reference: str, target: str, lang: Languages, context: Context):
    """Leading or trailing whitespace unlike the reference's."""
    if not reference.strip() or not target.strip():
        return []
    (ref_lead, ref_trail), (lead, trail) = _ends(reference), _ends(target)
    hits = []
    if not _same_lead(ref_lead, lead) and not _french_space(target, lead, lang):
        hits.append(_start_hit(target, ref_lead, lead))
    if not _same_trail(ref_trail, trail) and not _full_width_end(target, ref_trail, trail):
        hits.append(_end_hit(target, ref_trail, trail))
    return hits


def _full_width_end(target: str, ref_trail: str, trail: str) -> bool:
    """A translation ending with full-width punctuation ("\uff1a", "\u3002") needs no space
    after it where the reference ends with spaces (Chinese, Japanese)."""
    body = target.rstrip()
    return (not trail and ref_trail.strip(" ") == "" and bool(body)
            and ("\u3000" <= body[-1] <= "\u303f" or "\uff01" <= body[-1] <= "\uff60"))


def _french_space(target: str, lead: str, lang: Languages) -> bool:
    """A French target that opens with a no-break space before ; : ! ? (a string appended
    to a label, ":" -> "\u00a0:") follows French typography."""
    return (lang.target_base == "fr" and lead and not lead.strip(_NB_SPACES)
            and target[len(lead)] in ";:!?\u00bb")


# --- doubled spaces ---------------------------------------------------------------------

_SPACE_RUN = re.compile(r"(?<=\S)[ " + _NB_SPACES + r"]{2,}(?=\S)")


def find_double_space(reference: str, target: str, lang: Languages, context: Context):
    """Two or more spaces in a row inside the target, when the reference has none; or the
    reference's column spacing lost."""
    if "  " in reference:
        return _lost_columns(reference, target)
    if "  " not in target and not _ANY_NB_SPACE.search(target):
        return []
    if _SPACE_RUN.search(reference):
        return []
    hits = []
    for m in _SPACE_RUN.finditer(target):
        nb = [ch for ch in m.group() if ch != " "]
        hits.append(Hit(m.start(), m.end(), Text(N_("%(n)s spaces in a row; the reference "
                                                    "has single spaces."), n=len(m.group())),
                        nb[0] if nb else " "))
    return hits


def _columns(text: str) -> int:
    """Runs of spaces that lay out columns ("Name  Size  Date"): not after the end of a
    sentence, where two spaces are a typing habit that a translation need not keep. A single
    run is more likely a slip of the author's ("which was  was") than a layout: 0."""
    runs = sum(1 for m in _SPACE_RUN.finditer(text) if text[m.start() - 1] not in ".!?:;")
    return runs if runs >= 2 else 0


def _lost_columns(reference: str, target: str) -> list[Hit]:
    want = _columns(reference)
    got = len(_SPACE_RUN.findall(target))
    offset, body = _inner(target)
    if got >= want or not body:
        return []
    return [Hit(offset, offset + len(body), Text(N_("The reference lays out columns with "
                                                    "several spaces in a row (%(want)s); the "
                                                    "translation has %(got)s."),
                                                 want=want, got=got))]


# --- line breaks, tabs and escapes inside the text --------------------------------------

def _inner(text: str) -> tuple[int, str]:
    """(offset, text without its whitespace ends)."""
    body = text.strip()
    return (text.index(body[0]) if body else 0), body


def _count_hits(target: str, pattern: re.Pattern, want: int, what: str,
                fix: str | None) -> list[Hit]:
    """Hits when ``pattern`` occurs inside the target (its ends left out) other than
    ``want`` times: the surplus occurrences (the last ones), or the whole inner text when
    some are missing."""
    offset, body = _inner(target)
    found = [m.span() for m in pattern.finditer(body)]
    if len(found) == want or not body:
        return []
    message = Text(what, want=want, got=len(found))
    if len(found) < want:
        return [Hit(offset, offset + len(body), message)]
    return [Hit(offset + s, offset + e, message, fix) for s, e in found[want:]]


_NEWLINE = re.compile(r"\r\n|\n|\r")
_TAB = re.compile(r"\t")


# A line break that wraps a long line of running text: the line before it has at least
# _WRAP_AT characters and does not end with a colon, and no blank line or list item follows.
# Translators re-wrap such text to their own line lengths, so text wrapped on either side is
# compared by its structure only: paragraph breaks (blank lines) and list items.
_WRAP_AT = 40
_BREAK = re.compile(r"[ \t]*(?:\r\n|\n|\r)")
_STRUCTURE_NEXT = re.compile(r"[ \t]*(?:\r?\n|[-*\u2022+]\s|\d+[.)]\s)")


def _wrapped(text: str) -> bool:
    for m in _BREAK.finditer(text):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if len(line) >= _WRAP_AT and not line.endswith(":") \
                and not _STRUCTURE_NEXT.match(text, m.end()):
            return True
    return False


def _structure(text: str) -> int:
    """Paragraph breaks and list items of ``text``."""
    return sum(1 for m in _BREAK.finditer(text) if _STRUCTURE_NEXT.match(text, m.end()))


def _other_kind(ref: str, target: str) -> list[Hit]:
    """Line breaks of another kind than the reference's only one (CRLF for LF or back)."""
    kinds = set(_NEWLINE.findall(ref))
    if len(kinds) != 1:
        return []
    (kind,) = kinds
    offset, body = _inner(target)
    name = {"\r\n": "CRLF", "\n": "LF", "\r": "CR"}
    return [Hit(offset + m.start(), offset + m.end(),
                Text(N_("The reference breaks its lines with %(want)s; the translation with "
                        "%(got)s."), want=name[kind], got=name[m.group()]), kind)
            for m in _NEWLINE.finditer(body) if m.group() != kind]


def find_newline_count(reference: str, target: str, lang: Languages, context: Context):
    """Line breaks inside the text differ in number (the ends are edge-whitespace's); text
    wrapped at a line length is compared by its paragraphs and list items."""
    if not reference.strip():
        return []
    ref, tgt = reference.strip(), target.strip()
    want = len(_NEWLINE.findall(ref))
    if want == len(_NEWLINE.findall(tgt)):
        return _other_kind(ref, target)
    if (_wrapped(ref) or _wrapped(tgt)) and _structure(ref) == _structure(tgt):
        return []
    return _count_hits(target, _NEWLINE, want, N_("The reference has %(want)s line break(s) "
                                                  "inside the text; the translation %(got)s."),
                       " ")


def find_tab_count(reference: str, target: str, lang: Languages, context: Context):
    """Tab characters inside the text differ in number."""
    if not reference.strip() or ("\t" not in target and "\t" not in reference):
        return []
    want = reference.strip().count("\t")
    return _count_hits(target, _TAB, want, N_("The reference has %(want)s tab(s) inside the "
                                              "text; the translation %(got)s."), " ")


_ESCAPE = re.compile(r"\\(?:u[0-9a-fA-F]{4}|[abfnrtv0\\\"'])")
# A Windows path ("C:\\Users\\name", "\\\\server\\share"): its backslashes separate folders.
_WINDOWS_PATH = re.compile(r"(?<![\w\\])(?:[A-Za-z]:\\|\\\\\w)\S*")


def _escapes(text: str):
    """The backslash sequences of ``text`` outside Windows paths."""
    paths = [m.span() for m in _WINDOWS_PATH.finditer(text)] if ":\\" in text or "\\\\" in text \
        else []
    return [m for m in _ESCAPE.finditer(text)
            if not any(s <= m.start() < e for s, e in paths)]


def find_escapes(reference: str, target: str, lang: Languages, context: Context):
    """Backslash sequences written as text differ in number, kind by kind."""
    if "\\" not in reference and "\\" not in target:
        return []
    if not reference.strip():
        return []
    want: dict[str, int] = {}
    for m in _escapes(reference):
        want[m.group()] = want.get(m.group(), 0) + 1
    got: dict[str, list[tuple[int, int]]] = {}
    for m in _escapes(target):
        got.setdefault(m.group(), []).append(m.span())
    hits = []
    for seq in sorted(set(want) | set(got)):
        n, spans = want.get(seq, 0), got.get(seq, [])
        if n == len(spans):
            continue
        message = Text(N_("The reference has %(want)s “%(escape)s”; the translation %(got)s."),
                       want=n, escape=seq, got=len(spans))
        if len(spans) < n:
            offset, body = _inner(target)
            if body:
                hits.append(Hit(offset, offset + len(body), message))
        else:
            hits.extend(Hit(s, e, message) for s, e in spans[n:])
    return hits


# --- ellipsis ---------------------------------------------------------------------------

_THREE_DOTS = re.compile(r"(?<!\.)\.\.\.(?!\.)")


def find_ellipsis(reference: str, target: str, lang: Languages, context: Context):
    """Three dots in the target where the reference writes the ellipsis character; an
    ellipsis added at the end of a reference without final punctuation ("Open" ->
    "Ouvrir\u2026": in a menu, the ellipsis promises a dialog)."""
    added = _added_ellipsis(reference, target)
    if added:
        return added
    if "..." not in target or "\u2026" not in reference or _THREE_DOTS.search(reference):
        return []
    excluded = _excluded(target)
    return [Hit(m.start(), m.end(), Text(N_("The reference writes the ellipsis character "
                                            "“…”; the translation three dots.")),
                "\u2026")
            for m in _THREE_DOTS.finditer(target) if not _inside(m.start(), excluded)]


def _added_ellipsis(reference: str, target: str) -> list[Hit]:
    ref, tgt = reference.rstrip(), target.rstrip()
    if not ref or not tgt or not ref[-1].isalnum() or not tgt.endswith(("\u2026", "...")):
        return []
    start = len(tgt.rstrip(".\u2026"))
    if start == 0:
        return []
    return [Hit(start, len(tgt), Text(N_("The translation ends with an ellipsis; the "
                                         "reference does not.")), "")]


# --- final colon ------------------------------------------------------------------------

_FINAL_PUNCTUATION = ".!?\u2026:;"
_CLOSERS = "\"'\u00bb\u201d\u2019)]}\u203a"


_COLONS = ":\uff1a"


def _colons_for(lang: Languages) -> tuple[str, ...]:
    """What ends a translation where the reference ends with a colon: a colon (full-width
    too), and in Chinese and Japanese also the ideographic full stop."""
    return (":", "\uff1a", "\u3002") if lang.target_base in ("zh", "ja") else (":", "\uff1a")


def _colon_space(lang: Languages, context: Context) -> str:
    """What goes before an added colon: French takes a no-break space (a plain one when the
    document's house style has none)."""
    if lang.target_base != "fr":
        return ""
    return " " if context.nbsp is False else NBSP


def find_end_colon(reference: str, target: str, lang: Languages, context: Context):
    """A final colon dropped, or one added (see the module docstring)."""
    ref, tgt = reference.rstrip(), target.rstrip()
    if not ref.strip(_COLONS) or not tgt.strip(_COLONS):
        return []
    if ref.endswith(tuple(_COLONS)) and not tgt.endswith(_colons_for(lang)):
        if tgt.endswith((".", ";")) and not _short_label(ref):
            return []   # a stretch of prose may end with a full stop instead
        return [_missing_colon(tgt, lang, context)]
    if tgt.endswith(tuple(_COLONS)) and _label(ref) \
            and re.search(r"\S+\Z", tgt).group() not in ref:
        start = len(tgt.rstrip(_COLONS).rstrip())
        return [Hit(start, len(tgt), Text(N_("The translation ends with a colon; the "
                                             "reference does not.")), "")]
    return []


# A reference of at most this many words is a label or a short message; a colon that a
# translation of a longer stretch of prose adds at its end usually introduces what the next
# segment quotes (French does that where English has a comma or a dash).
_LABEL_WORDS = 12


def _label(reference: str) -> bool:
    """The reference ends with a letter or digit (no punctuation) and is short."""
    return reference[-1].isalnum() and len(reference.split()) <= _LABEL_WORDS


def _short_label(reference: str) -> bool:
    """A reference of one short clause ("Choose the destination folder:"): no sentence
    ends inside it."""
    body = reference.rstrip(_COLONS).rstrip()
    return len(body.split()) <= _LABEL_WORDS and not re.search(r"[.!?;](?:\s|$)", body)


def _missing_colon(tgt: str, lang: Languages, context: Context) -> Hit:
    message = Text(N_("The reference ends with a colon; the translation does not."))
    if tgt[-1] in "!?\u2026.;":
        start = len(tgt.rstrip("!?.;\u2026"))
        spaced = start > 0 and tgt[start - 1].isspace()
        return Hit(start, len(tgt), message,
                   ("" if spaced else _colon_space(lang, context)) + ":")
    m = re.search(r"\S+\Z", tgt)
    return Hit(m.start(), m.end(), message, m.group() + _colon_space(lang, context) + ":")


# --- keyboard accelerators --------------------------------------------------------------

# A marker of the reference: at the start of a word before a letter, or "&" inside a word
# before a small letter ("E&xit"); not "R&D", "AT&T", "snake_case", "&&", "__x", "&amp;".
_WORD_START_MARK = {
    "&": re.compile(r"(?<![^\s(\[])&(?=[^\W\d_])(?![#\w]+;)|(?<=[^\W\d_])&(?=[^\W\d_A-Z])"
                    r"(?![\w]+;)(?!\w*&)"),
    "_": re.compile(r"(?<![^\s(\[])_(?=[^\W\d_])(?![\w]*_)"),
    "~": re.compile(r"(?<![^\s(\[])~(?=[^\W\d_])"),
}
# In the target the marker may sit anywhere in a word ("Fichie&r", "Ou_vrir").
_ANY_MARK = {
    "&": re.compile(r"(?<!&)&(?=[^\W\d_])(?![#\w]+;)"),
    "_": re.compile(r"(?<![_\W])_(?=[^\W\d_])|(?<![\w])_(?=[^\W\d_])"
                    r"|(?<=[^\W\d_])_(?=\s|\Z)"),   # also a stray one at a word's end
    "~": re.compile(r"~(?=[^\W\d_])"),
}
# The shapes of "&" that are not accelerators: an entity, "&&", "&" between spaces or
# between capitals ("R&D"). Any other "&" of the reference may be one ("add&-ons").
_NOT_ACCELERATOR = re.compile(r"&[#\w]+;|&&|(?<=\s)&(?=\s)|(?<=[A-Z])&(?=[A-Z])")


def _marks(text: str, pattern: re.Pattern, kept: str = "") -> list[int]:
    """Where ``pattern`` finds markers in ``text``, outside URLs and outside the words that
    ``kept`` (the reference) holds verbatim (an identifier such as user_name)."""
    excluded = _url_spans(text)
    return [m.start() for m in pattern.finditer(text) if not _inside(m.start(), excluded)
            and not (kept and _word_at(text, m.start()) in kept.split())]


def _word_at(text: str, i: int) -> str:
    s = i
    while s > 0 and not text[s - 1].isspace():
        s -= 1
    m = re.compile(r"\S*").match(text, i)
    return text[s:m.end()]


def _url_spans(text: str) -> tuple[list[int], list[int]]:
    spans = protected_spans(text)
    return [s for s, _ in spans], [e for _, e in spans]


def find_accelerator(reference: str, target: str, lang: Languages, context: Context):
    """Keyboard accelerators lost, doubled or added (see the module docstring)."""
    both = target + reference
    if "&" not in both and "_" not in both and "~" not in both:
        return []
    ref_marks = {k: _marks(reference, p) for k, p in _WORD_START_MARK.items()}
    found = [(k, v) for k, v in ref_marks.items() if v]
    if len(found) == 1 and len(found[0][1]) == 1:
        kind, (at,) = found[0]
        if _word_at(reference, at) in target.split():
            return []   # the marked word kept verbatim: a name ("_templates"), or untranslated
        return _one_expected(reference, target, kind, at)
    if found:
        return []   # several markers: not a single accelerator, too ambiguous to judge
    return [Hit(i, i + 1, Text(N_("The translation has an accelerator “%(mark)s”; the "
                                  "reference has none."), mark=kind), "")
            for kind, pattern in _WORD_START_MARK.items()
            if not (kind == "&" and _unclear_ampersand(reference))
            for i in _marks(target, pattern)]


def _unclear_ampersand(reference: str) -> bool:
    """The reference has an "&" that may mark a key where the check cannot tell ("add&-ons")."""
    return "&" in reference and "&" in _NOT_ACCELERATOR.sub("", reference)


def _one_expected(reference: str, target: str, kind: str, at: int) -> list[Hit]:
    marks = _marks(target, _ANY_MARK[kind], kept=reference)
    key = reference[at + 1]
    if len(marks) > 1:
        return [Hit(i, i + 1, Text(N_("Several accelerators “%(mark)s”; the reference has "
                                      "one (“%(mark)s%(key)s”)."), mark=kind, key=key), "")
                for i in marks[1:]]
    if marks:
        return []
    words = list(re.finditer(r"[^\W\d_][\w'\u2019-]*", target))
    if not words:
        return []
    same = [w for w in words if w.group()[0].lower() == key.lower()]
    w = (same or words)[0]
    return [Hit(w.start(), w.end(), Text(N_("The reference has the accelerator "
                                            "“%(mark)s%(key)s”; the translation has none."),
                                         mark=kind, key=key),
                kind + w.group())]


# --- French quotation marks -------------------------------------------------------------

_CODE_CHARS = re.compile(r"[%{}<>=/\\_`#@$|*\[\]]")
_TOKEN_CODE = re.compile(r"[-.\d]|[a-z][A-Z]")
_OPEN_BEFORE = " \t\n([\u2014\u2013"


def quote_space(target: str, context: Context) -> str:
    """The space inside « »: a plain one when the document's house style has no no-break
    spaces, U+00A0 when the text itself uses that one only, U+202F otherwise."""
    if context.nbsp is False:
        return " "
    if NBSP in target and NNBSP not in target:
        return NBSP
    return NNBSP


def _prose_quote(reference: str, target: str, o: int, c: int) -> bool:
    content = target[o + 1:c]
    body = content.strip()
    if not body or not re.search(r"[^\W\d_]", body) or _CODE_CHARS.search(body):
        return False
    if body[0] == ":" or body[-1] == ":" or _in_reference(body, reference):
        return False
    if o > 0 and target[o - 1] not in _OPEN_BEFORE:
        return False
    if c + 1 < len(target) and not (target[c + 1].isspace()
                                    or target[c + 1] in ".,;:!?)]\u2026"):
        return False
    if " " not in body and _TOKEN_CODE.search(body):
        return False
    return True


def _in_reference(body: str, reference: str) -> bool:
    """The quoted text is the reference's own (a value, a name kept verbatim) or a near copy
    of a word the reference quotes ("quiet" -> "quit": a damaged name, not prose)."""
    if re.search(r"(?<!\w)" + re.escape(body) + r"(?!\w)", reference):
        return True
    if " " in body:
        return False
    quoted = re.findall(r"[\"'\u201c\u2018]([^\s\"'\u201c\u201d\u2018\u2019]+)[\"'\u201d\u2019]",
                        reference)
    return any(SequenceMatcher(None, body.lower(), q.lower()).ratio() >= 0.85 for q in quoted)


def _spaced(text: str, i: int) -> bool:
    """A quote with whitespace (or an end) on both sides cannot be told opening from closing
    (text whose \u00ab \u00bb were flattened to straight quotes): the pairing is unknown."""
    return ((i == 0 or text[i - 1].isspace())
            and (i + 1 == len(text) or text[i + 1].isspace()))


def find_fr_quotes(reference: str, target: str, lang: Languages, context: Context):
    """Straight double quotes around prose in French (see the module docstring)."""
    if target.count('"') < 2:
        return []
    excluded = _excluded(target)
    quotes = [i for i, ch in enumerate(target) if ch == '"' and not _inside(i, excluded)]
    if len(quotes) % 2 or any(_spaced(target, i) for i in quotes):
        return []
    space = quote_space(target, context)
    hits = []
    for o, c in zip(quotes[::2], quotes[1::2]):
        if _prose_quote(reference, target, o, c):
            fix = "\u00ab" + space + target[o + 1:c].strip() + space + "\u00bb"
            hits.append(Hit(o, c + 1, Text(N_("French quotes prose with « », not straight "
                                              "double quotes.")), fix))
    return hits


# --- space after a comma ----------------------------------------------------------------

_GLUED_COMMA = re.compile(r"(?<=[^\W_]|[)\]\u00bb\u201d\"'\u2019]),(?=[^\W\d_])")


def find_comma_space(reference: str, target: str, lang: Languages, context: Context):
    """A comma glued to the next word when the reference spaces its commas."""
    if "," not in target or ", " not in reference:
        return []
    glued = list(_GLUED_COMMA.finditer(target))
    if not glued or _GLUED_COMMA.search(reference):
        return []
    excluded = _excluded(target)
    return [Hit(m.start(), m.end(), Text(N_("No space after the comma.")), ", ")
            for m in glued if not _inside(m.start(), excluded)]


EDGE_WHITESPACE = Check(
    "edge-whitespace", "typography", "minor", find_edge_whitespace,
    "Whitespace at the start or end differs from the reference (spaces, tabs, newlines).")
DOUBLE_SPACE = Check(
    "double-space", "typography", "minor", find_double_space,
    "Two or more spaces in a row where the reference has single spaces.")
NEWLINE_COUNT = Check(
    "newline-count", "typography", "major", find_newline_count,
    "Line breaks inside the text differ in number from the reference.")
ESCAPES = Check(
    "escapes", "typography", "major", find_escapes,
    "Backslash escapes written as text (\\n, \\t, \\\") differ from the reference.")
TAB_COUNT = Check(
    "tab-count", "typography", "major", find_tab_count,
    "Tab characters inside the text differ in number from the reference.")
ELLIPSIS = Check(
    "ellipsis", "punctuation", "minor", find_ellipsis,
    "Three dots where the reference writes the ellipsis character \u2026.")
END_COLON = Check(
    "end-colon", "punctuation", "minor", find_end_colon,
    "A final colon dropped or added (labels such as \u201cName:\u201d).")
ACCELERATOR = Check(
    "accelerator", "typography", "major", find_accelerator,
    "Keyboard accelerator (&File, _Open) lost, doubled or added.")
FR_QUOTES = Check(
    "fr-quotes", "typography", "minor", find_fr_quotes,
    "French: straight double quotes around prose instead of \u00ab \u00bb.",
    target_langs=frozenset({"fr"}))
COMMA_SPACE = Check(
    "comma-space", "punctuation", "minor", find_comma_space,
    "A comma glued to the next word where the reference spaces its commas.")
