"""Markup and code inside a segment: the stretches that are not prose and that no typography,
number-format or untranslated check should judge.

    spans(text) -> tuple[Span, ...]     sorted, non-overlapping (start, end, kind)
    inside(text, pos) -> Span | None     the span holding the character at ``pos``
    overlapping(text, start, end) -> bool   does any span overlap [start, end)?
    masked(text, fill=" ") -> str        ``text`` with every span blanked, same length
    blank(text, ranges, fill=" ") -> str  ``text`` with the given (start, end) ranges blanked
    markup_only(text) -> bool            no letter outside the spans ("%s", ":ref:`x`")

Kinds (``KINDS``), each a shape software strings and documentation use:

    code         a Markdown fenced block (```), or the indented lines after a line that ends
                 with ":" (a reST literal block, a command shown "like so:\\n   make html"),
                 or an HTML element of inline code, tags and content: <code>make html</code>,
                 <kbd>, <samp>, <var>, <tt>, <pre>
    literal      ``x`` (reST inline literal), `x` and `x`_ (backquotes, Markdown code spans)
    role         :ref:`target`, :py:func:`x`, and a bare role or field name (:maxdepth:,
                 :%s:, :no-index:)
    directive    .. note::, .. c:function::, .. cpp:%s::
    placeholder  printf (%s, %d, %5.2f, %(name)s, %1$s), brace ({0}, {name}, {}, {{ x }},
                 {% tag %}), the skeleton of an ICU message ({count, plural, one {...} other
                 {...}}: its head, selectors and braces; the prose inside stays prose), $name,
                 ${name}
    url, email   http://..., www...., someone@example.org
    version      v3, 2.0.3, 3.0a1, "version 2.0", "pre-2.0", "Sphinx 5.1" (a name inside the
                 sentence before X.Y); and every X.Y of a text that holds another version
                 ("2.5 or 3.0, while the release is 2.5.1")
    header       an HTTP header line: Referrer-Policy: no-referrer, Content-Type: text/html,
                 If-Match: "abc"; a well-known name without a hyphen (Authorization: Bearer,
                 Host: example.org), or one with inner capitals at a line's start (ETag: "x");
                 lower-case names of HTTP/2 (content-type: text/html, x-request-id: 42)
    quoted-code  a quotation ('...', "...", “...”, «...», ‘...’, `...') whose content is code
                 (=, ::, a placeholder, an identifier, a dotted name, a call, an option, a
                 path, a tag), or a short all-ASCII lower-case content in straight single
                 quotes or `...' ('make info', 'html': a command or a value, not prose;
                 straight double quotes are also French writers' quotes: "ceci" is prose)
    tag, entity  <b>, </a>, <br/>, <a href="...">; &amp;, &#160;
    path         /etc/hosts, ~/.bashrc, ./conf.py, docs/_build/html, C:\\Temp, Makefile/make.bat
    file         conf.py, index.rst, make.bat (a name with a known extension)
    option       -b, -M, --help, --output=FILE (lower case after "--"; not after a
                 sentence's punctuation: "riddles.--I believe", "kind; --but")
    identifier   snake_case, __all__, sphinx.ext.todo, setup(), key=value

Prose is left alone: "50 %", "l'été", "M. Dupont", "Paris: la ville", "et/ou", "7.5 millions".

Every repetition is bounded (a tag, a Jinja block, a quotation), so that a text of 10,000
"{" or "<!--" costs milliseconds, not seconds.

The answer for a text is memoised for the last texts asked (several checks of one segment ask
about the same target). Every pattern is compiled once and tried only when the text holds one
of its trigger characters, so that a plain sentence costs a few scans of ``in``.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

KINDS = frozenset({"code", "literal", "role", "directive", "placeholder", "url", "email",
                   "version", "header", "quoted-code", "tag", "entity", "path", "file",
                   "option", "identifier"})


class Span(NamedTuple):
    start: int
    end: int
    kind: str


# ---------------------------------------------------------------------------------------
# Patterns. Each entry: (kind, compiled pattern, trigger characters or None). A pattern with
# a named group "s" reports that group's span (a cue word before it stays prose).
# ---------------------------------------------------------------------------------------

_FENCE = re.compile(r"(?ms)^[ \t]*(```|~~~)[^\n]*\n.*?(?:^[ \t]*\1[ \t]*$|\Z)")
# The content may hold other tags (<code><b>x</b></code>), not the element's own (a nested
# <kbd> is matched on its own); every repetition is bounded, so that a scan stays linear.
_CODE_ELEMENT = re.compile(r"(?i)<(code|kbd|samp|var|tt|pre)(?:\s[^<>]{0,500})?>[^<]{0,2000}"
                           r"(?:<(?!/?\1\b)[^<>]{0,200}>[^<]{0,2000}){0,20}</\1\s*>")
_INDENTED = re.compile(r":[ \t]*\n((?:[ \t]{2,}\S[^\n]*(?:\n|\Z))+)")
_DOUBLE_LITERAL = re.compile(r"``[^`\n]+?``")
_ROLE_WITH_TARGET = re.compile(r"(?<![\w`:])(?::[A-Za-z][\w.+-]*)+:`[^`\n]+`_{0,2}")
_BACKQUOTE = re.compile(r"`[^`'\n]+`_{0,2}")
_GNU_QUOTE = re.compile(r"`(?P<c>[^`'\n]+)'(?!\w)")
_BARE_ROLE = re.compile(r"(?<![\w:%`]):[A-Za-z%][\w%.+-]*(?::[A-Za-z%][\w%.+-]*)*:(?![\w`])")
_DIRECTIVE = re.compile(r"(?<![\w.])\.\.[ \t]+[A-Za-z%][\w%:.+-]*::")
_PRINTF = re.compile(r"%(?:\d+\$)?(?:\([^()\s]*\))?[-#0+]*(?:\d+|\*)?(?:\.(?:\d+|\*))?"
                     r"(?:hh|ll|[hlLqjzt])?[sdifrxXeEgGcoubaupn@]"
                     r"|(?<![\d%])%\d{1,2}(?![\d%$])")
_BRACE = re.compile(r"\{\{[^\n]{0,200}?\}\}|\{%[^\n]{0,200}?%\}|\{[^{}\s]{0,200}\}|\$\{\w+\}"
                    r"|(?<![\w$])\$[A-Za-z_]\w*")
_ICU_HEAD = re.compile(r"\{\s*\w+\s*,\s*(?:plural|select|selectordinal)\s*,")
_ICU_SELECTOR = re.compile(r"\s*(?:offset:\d+\s*)?(=\d+|[A-Za-z]\w*)\s*\{")
_URL = re.compile(r"(?i:(?<![\w@.+-])(?:[a-z][a-z0-9+.-]*://|www\.)[^\s<>\"'«»“”‘’`]+)")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TAG = re.compile(r"<!--[^\n]{0,500}?-->|</?[A-Za-z][\w:.-]{0,100}(?:\s[^<>\n]{0,500})?/?>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_HEADER_VALUE = (r"(?:(?:W/)?\"[^\"\n]{0,200}\"|[A-Za-z0-9*][\w.+*/=-]*"
                 r"(?:;[ \t]?[\w.+*/=-]+)*)")
_HEADER = re.compile(r"(?<![\w-])[A-Z][A-Za-z0-9]*(?:-[A-Z][A-Za-z0-9]*)+:[ \t]?" + _HEADER_VALUE)
# A header name without a hyphen: a well-known one anywhere ("the Authorization: Bearer
# header"), or a name with inner capitals ("ETag") at the start of the text or of a line;
# and the lower-case names of HTTP/2 ("content-type: text/html", "x-request-id: 42").
# Names that are also French words or interface labels (Date, Location, Link, Via, Age,
# Range, Warning) are left out: "Date: 12 mars" is a label whose colon French spaces.
_HEADER_WORD = re.compile(
    r"(?m:(?<![\w-])(?:Accept|Allow|Authorization|Connection|Cookie|ETag|Expect|Expires|Host"
    r"|Origin|Pragma|Referer|Server|Upgrade|Vary|(?:content|accept|cache|user|set|x"
    r"|access-control|strict-transport|if)-[a-z][a-z-]*)"
    r"|^[ \t]*(?=[A-Z][A-Za-z0-9]*[A-Z])(?=[A-Z][A-Za-z0-9]*[a-z])[A-Z][A-Za-z0-9]+)"
    r":[ \t]?" + _HEADER_VALUE)
_VERSION_PLAIN = re.compile(
    r"(?<![\w.])(?:v\d+(?:\.\d+)*|\d+(?:\.\d+){2,3}(?:(?:a|b|rc|dev|alpha|beta|post)\d*)?"
    r"|\d+\.\d+(?:a|b|rc|dev|alpha|beta|post)\d*)(?![\w]|\.\d)")
_VERSION_CUED = re.compile(
    r"(?i:\b(?:versions?|release|r[ée]vision|rev\.?|v\.)\s+|\b(?:pre|pr[ée]|post)-)"
    r"(?P<s>\d+(?:\.\d+)+)(?![\w]|\.\d)")
_VERSION_NAMED = re.compile(r"(?<![\w.])(?P<n>[A-Z][\w+-]*[A-Za-z+])[ \u00a0]"
                            r"(?P<s>\d+(?:\.\d+)+)(?![\w]|\.\d)")
_DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+(?![\w]|\.\d)")
_OPTION = re.compile(r"(?<![\w-])(?:--?[a-z][\w-]*|-[A-Z](?![\w-]))(?:=[^\s,;)\]»\"']+)?")
_ROOTED_PATH = re.compile(r"(?<![\w/.~:-])(?:~|\.{1,2})?/[\w.@+-]+(?:/[\w.@+-]*)*"
                          r"|\b[A-Za-z]:\\[^\s\"'«»“”]+")
_RELATIVE_PATH = re.compile(r"(?<![\w/.-])[\w.-]+(?:/[\w.-]+)+/?")
_FILE = re.compile(
    r"(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:py|pyc|pyi|txt|html?|css|js|ts|json|xml|ya?ml|toml|"
    r"ini|cfg|conf|po|pot|mo|bat|cmd|sh|ps1|exe|dll|so|md|rst|tex|pdf|png|jpe?g|gif|svg|ico|"
    r"zip|gz|tgz|bz2|xz|tar|csv|tsv|log|c|h|cc|cpp|hpp|java|rb|go|rs|php|sql|db|sqlite3?|"
    r"lock|mk|in|cfg|env|epub|docx?|xlsx?|odt)(?![\w-])")
_SNAKE = re.compile(r"(?<![\w.])\w*[A-Za-z0-9]_\w*|(?<![\w.])_+[A-Za-z]\w*")
_DOTTED = re.compile(r"(?<![\w.])[a-z_][a-z0-9_]+(?:\.[a-z_][a-z0-9_]+)+(?:\(\))?(?![\w])")
_CALL = re.compile(r"(?<![\w.])[A-Za-z_][\w.]*\(\)")
_ASSIGN = re.compile(r"(?<![\w.])[A-Za-z_][\w.]*=[^\s,;)\]»\"']+")

# Quotations: (opening, closing). The content is quoted code when _CODE_SIGNAL finds code
# in it; in straight single quotes and in `...' a short ASCII lower-case content also is.
_QUOTES = re.compile(
    r"(?<![\w'’])'(?P<a>[^'\n]{1,120}?)'(?![\w])"
    r"|(?<![\w\"])\"(?P<b>[^\"\n]{1,120}?)\"(?![\w])"
    r"|“(?P<c>[^”\n]{1,120}?)”|‘(?P<d>[^’\n]{1,120}?)’(?![\w])"
    r"|«[ \u00a0\u202f]?(?P<e>[^»\n]{1,120}?)[ \u00a0\u202f]?»")
_CODE_SIGNAL = re.compile(
    r"[=\\{}<>$]|::|\w_|_\w|%[(\w]|\w\.\w|\w\(|\[\w+\]|^[-+/~]{1,2}\w|\s--?\w|^\.\.?\s|"
    r"^\w+:\s%|:\w+:")
_SHORT_ASCII = re.compile(r"[a-z][a-z0-9+-]*(?:\.[a-z0-9+-]+)*"
                          r"(?: [a-z0-9][a-z0-9+-]*(?:\.[a-z0-9+-]+)*){0,3}")

# Cheap tests that a text may hold a pattern's match: a string of characters one of which
# must be there, or (characters, a small pattern to search when one of them is there).
# (Each starts with a literal character, which re finds fast; the context is looked behind.)
_WORD_DOT_WORD = re.compile(r"\.(?<=\w\.)[A-Za-z_]")
_DIGIT_DOT = re.compile(r"\.(?<=\d\.)\d|v(?<=\bv)\d")
_HEADER_HINT = re.compile(r"-[A-Z][A-Za-z0-9]*:")
_ROLE_HINT = re.compile(r":[A-Za-z%]")
_HEADER_WORD_HINT = re.compile(r":(?<=[A-Za-z]:)[ \t]?[\w*\"]")
_DASH_HINT = re.compile(r"-[A-Za-z-]")
_SLASH_WORD = re.compile(r"/[\w.]|:\\")
_SINGLE_OPENS = re.compile(r"'(?<=[^\w'’]')")
_DOUBLE_OPENS = re.compile(r"\"(?<=[^\w\"]\")")
_TYPOGRAPHIC_OPENS = re.compile(r"[“‘«]")

_SPECS = (
    ("code", _FENCE, "`~"),
    ("literal", _DOUBLE_LITERAL, "`"),
    ("role", _ROLE_WITH_TARGET, "`"),
    ("directive", _DIRECTIVE, ".."),
    ("url", _URL, ":w"),
    ("email", _EMAIL, "@"),
    ("code", _CODE_ELEMENT, "<"),
    ("tag", _TAG, "<"),
    ("entity", _ENTITY, "&"),
    ("header", _HEADER, (":", _HEADER_HINT)),
    ("header", _HEADER_WORD, (":", _HEADER_WORD_HINT)),
    ("role", _BARE_ROLE, (":", _ROLE_HINT)),
    ("literal", _BACKQUOTE, "`"),
    ("placeholder", _PRINTF, "%"),
    ("placeholder", _BRACE, "{$"),
    ("version", _VERSION_PLAIN, (".v", _DIGIT_DOT)),
    ("version", _VERSION_CUED, (".", _DIGIT_DOT)),
    ("version", _VERSION_NAMED, (".", _DIGIT_DOT)),
    ("path", _ROOTED_PATH, ("/\\", _SLASH_WORD)),
    ("path", _RELATIVE_PATH, ("/", _SLASH_WORD)),
    ("file", _FILE, (".", _WORD_DOT_WORD)),
    ("option", _OPTION, ("-", _DASH_HINT)),
    ("identifier", _SNAKE, "_"),
    ("identifier", _DOTTED, (".", _WORD_DOT_WORD)),
    ("identifier", _CALL, "()"),
    ("identifier", _ASSIGN, "="),
)

# Characters one of which every kind needs; a text with none has no span at all.
_ANY_TRIGGER = re.compile(r"[`:%{$@<&/\\._=(\-'\"“‘«]|\d|^[ \t]")
_TRAILING = ".,;:!?)]»\"'’”"


def _trigger(text: str, present: frozenset[str], hint) -> bool:
    """May ``text`` (whose characters are ``present``) hold a match of the pattern whose
    hint is ``hint`` (see _SPECS)?"""
    if not isinstance(hint, str):
        chars, pattern = hint
        return not present.isdisjoint(chars) and pattern.search(text) is not None
    if hint == "..":
        return ".." in text
    if hint == ":w":
        return "://" in text or "www." in text
    if hint == "()":
        return "()" in text
    return not present.isdisjoint(hint)


def _path_like(token: str) -> bool:
    """A relative "a/b" token is a path when it has two slashes, a trailing slash, or a dot
    or an underscore in it ("docs/_build", "Makefile/make.bat"); "et/ou", "km/h" and dates
    ("12/05/2020") are not paths."""
    return any(c.isalpha() for c in token) and (
        token.count("/") >= 2 or token.endswith("/") or "." in token or "_" in token)


def _dash_in_prose(text: str, start: int) -> bool:
    """"kind to them; --but I must": a dash after a sentence's punctuation, not an option
    (options follow a word, a colon or a comma: "use --full", "Options: -v, --verbose")."""
    i = start
    while i > 0 and text[i - 1] in " \u00a0\t":
        i -= 1
    return i > 0 and text[i - 1] in ".;!?'\"»”)—–…"


def _named_version(text: str, m: re.Match) -> bool:
    """"Sphinx 5.1": the name is inside a sentence, not its first word ("Environ 2.5")."""
    i = m.start("n")
    while i > 0 and text[i - 1] in " \u00a0\t":
        i -= 1
    return i > 0 and text[i - 1] not in ".!?\n:«\"“(" and not text[m.start("n")].isdigit()


def _pattern_spans(text: str) -> list[Span]:
    found: list[Span] = []
    present = frozenset(text)
    for kind, pattern, hint in _SPECS:
        if not _trigger(text, present, hint):
            continue
        for m in pattern.finditer(text):
            if pattern is _VERSION_NAMED and not _named_version(text, m):
                continue
            if pattern is _RELATIVE_PATH and not _path_like(m.group()):
                continue
            if pattern is _OPTION and _dash_in_prose(text, m.start()):
                continue
            s, e = m.span("s") if "s" in pattern.groupindex else m.span()
            if kind in ("url", "path", "option", "identifier", "file") and pattern is not _CALL:
                while e > s and text[e - 1] in _TRAILING:
                    e -= 1
            if e > s:
                found.append(Span(s, e, kind))
    return found


def _indented_code(text: str) -> list[Span]:
    """The indented lines after a line ending with ":" (each line's text, not its indent)."""
    if "\n" not in text or ":" not in text:
        return []
    out = []
    for m in _INDENTED.finditer(text):
        pos = m.start(1)
        for line in m.group(1).splitlines(keepends=True):
            body = line.strip()
            s = pos + len(line) - len(line.lstrip())
            out.append(Span(s, s + len(body), "code"))
            pos += len(line)
    return out


def _icu_spans(text: str) -> list[Span]:
    """The skeleton of ICU messages: "{count, plural,", each "one {" and its closing "}"."""
    if "{" not in text or "," not in text:
        return []
    out: list[Span] = []
    for m in _ICU_HEAD.finditer(text):
        out.append(Span(m.start(), m.end(), "placeholder"))
        pos = m.end()
        while True:
            sel = _ICU_SELECTOR.match(text, pos)
            if not sel:
                break
            out.append(Span(sel.start(1), sel.end(), "placeholder"))
            depth, i = 1, sel.end()
            while i < len(text) and depth:
                depth += {"{": 1, "}": -1}.get(text[i], 0)
                i += 1
            if depth:
                return out
            out.append(Span(i - 1, i, "placeholder"))
            pos = i
        close = re.match(r"\s*\}", text[pos:])
        if close:
            out.append(Span(pos + close.end() - 1, pos + close.end(), "placeholder"))
    return out


def _is_code(content: str, quote: str) -> bool:
    """Is the quoted ``content`` code? ``quote``: "'" for straight single quotes and `...',
    '"' for straight double quotes, "" for typographic ones."""
    if not content.strip() or quote and content != content.strip():
        return False   # "' she thought. '": straight quotes set off with spaces hold prose
    if _CODE_SIGNAL.search(content):
        return True
    return quote == "'" and _SHORT_ASCII.fullmatch(content) is not None


def _may_open_quote(text: str) -> bool:
    """Could a quotation mark open somewhere (at the start, or after no letter or digit)?"""
    return (text[:1] in ("'", '"') or ("'" in text and _SINGLE_OPENS.search(text) is not None)
            or ('"' in text and _DOUBLE_OPENS.search(text) is not None)
            or _TYPOGRAPHIC_OPENS.search(text) is not None)


def _quoted_code(text: str) -> list[Span]:
    """Quotations whose content is code, quotes included."""
    out = []
    if "`" in text:
        out += [Span(m.start(), m.end(), "quoted-code") for m in _GNU_QUOTE.finditer(text)
                if _is_code(m.group("c"), "'")]
    if not _may_open_quote(text):
        return out
    for m in _QUOTES.finditer(text):
        content = next(g for g in m.groups() if g is not None)
        quote = "'" if m.group("a") is not None else '"' if m.group("b") is not None else ""
        if _is_code(content, quote):
            out.append(Span(m.start(), m.end(), "quoted-code"))
    return out


def _versions_by_company(text: str, found: list[Span]) -> list[Span]:
    """Every plain X.Y of a text that holds a multi-part or pre-release version ("2.5.1",
    "3.0a1"): the text is speaking of versions."""
    if not any(sp.kind == "version" and (sp.end - sp.start > 4 and text.count(
            ".", sp.start, sp.end) >= 2 or not text[sp.end - 1].isdigit() or text[sp.start] == "v")
            for sp in found):
        return []
    return [Span(m.start(), m.end(), "version") for m in _DECIMAL.finditer(text)]


def _non_overlapping(found: list[Span]) -> tuple[Span, ...]:
    """Sorted by start, the longer first; a span overlapping a kept one is dropped."""
    out: list[Span] = []
    for sp in sorted(found, key=lambda sp: (sp.start, -sp.end)):
        if out and sp.start < out[-1].end:
            continue
        out.append(sp)
    return tuple(out)


@lru_cache(maxsize=64)
def spans(text: str) -> tuple[Span, ...]:
    """The protected spans of ``text``: sorted, non-overlapping ``Span(start, end, kind)``
    (see the module docstring for the kinds). Memoised for the last 64 texts."""
    if not text or not _ANY_TRIGGER.search(text) and not text.startswith((" ", "\t")):
        return ()
    found = _pattern_spans(text)
    found += _indented_code(text)
    found += _icu_spans(text)
    found += _quoted_code(text)
    found += _versions_by_company(text, found)
    return _non_overlapping(found)


@lru_cache(maxsize=64)
def _starts(text: str) -> tuple[int, ...]:
    return tuple(sp.start for sp in spans(text))


def inside(text: str, pos: int) -> Span | None:
    """The span of ``text`` that holds the character at ``pos``, or None."""
    found = spans(text)
    if not found:
        return None
    k = bisect_right(_starts(text), pos) - 1
    return found[k] if k >= 0 and pos < found[k].end else None


def overlapping(text: str, start: int, end: int) -> bool:
    """Does any span of ``text`` overlap [start, end)?"""
    found = spans(text)
    if not found:
        return False
    k = bisect_right(_starts(text), max(start, end - 1)) - 1
    while k >= 0 and found[k].end > start:
        if found[k].start < end:
            return True
        k -= 1
    return False


def masked(text: str, fill: str = " ") -> str:
    """``text`` with every span replaced by ``fill`` characters (same length, same offsets)."""
    found = spans(text)
    if not found:
        return text
    parts, pos = [], 0
    for s, e, _ in found:
        parts.append(text[pos:s])
        parts.append(fill * (e - s))
        pos = e
    parts.append(text[pos:])
    return "".join(parts)


def blank(text: str, ranges, fill: str = " ") -> str:
    """``text`` with every (start, end) of ``ranges`` (in any order, overlapping or not)
    replaced by ``fill`` characters: same length, same offsets. For checks that blank their
    own set of stretches (placeholders read under an entry's flags, brackets of a link
    target) besides or instead of the spans of this module."""
    if not ranges:
        return text
    chars = list(text)
    for s, e in ranges:
        chars[s:e] = fill * (e - s)
    return "".join(chars)


def markup_only(text: str) -> bool:
    """True when ``text`` has spans and no letter outside them (":ref:`index`", "%s (%s)")."""
    return bool(spans(text)) and not any(c.isalpha() for c in masked(text))
