"""Verbatim tokens: code-like text of the reference that the translation must copy as is.

code-mismatch (mistranslation, minor)
    A code token of the reference that the target changed: the target holds a token of the
    same kind that the reference lacks (alike, or the only one of its kind on both sides:
    "setup.py" -> "installation.py"); the suggestion is the reference's token (pofilter:
    options, filepaths, functions). Tokens:
    - command-line options: "--full" -> "-full", "--help" -> "--hulp"; the value of
      "--input=FILE" may be translated. In a text that writes dashes as "--" ("wood--",
      "' --or"), or a long one, only "--dry-run", "--input=FILE" and "-W" count: "--but"
      there is a dash and a word;
    - paths: "~/.config/app", "./configure", "C:\\Windows", "\\\\server\\share"; an absolute
      path from a system folder ("/etc/hosts") or with a dot in a part ("/srv/app/.env"):
      "/about/contact/" may be an example the translator localises;
    - file names with a known extension ("setup.py", "index.rst"), function calls
      ("rgb()", "string.rgb()");
    - identifiers: snake_case, camelCase, dotted names of three parts or more.
    URLs, e-mail addresses and domains are identifier-mismatch's (numbers.py, which leaves
    file names and dotted function names to this module: ``owned``); placeholders are
    placeholders.py's.
code-missing (omission, minor)
    Such a token of the reference that the target lacks, with no changed token in its place;
    the span is the whole translation.
markup-mismatch (mistranslation, major)
    HTML/XML tags and entities: the target's tags are the reference's (same names, same
    attributes; the values of title, alt, placeholder, aria-label, label, summary, lang,
    xml:lang and dir may be translated), nested the same way when the reference nests them
    properly (they may move: word order differs), and the reference's entities ("&amp;",
    "&lt;", "&#160;") are kept (a no-break space may be typed instead of "&nbsp;", not "&"
    instead of "&amp;"; "&amp;" may become a word, "et"). Only real markup counts: a known HTML tag, a tag with attributes, a
    closing tag or a tag closed in the same text; "<file>" in "Usage: cp <file>" and "<Error>"
    are words a translator translates. (pofilter: xmltags; Weblate: XML markup, XML tags.)
bracket-missing (omission, minor)
    The target has fewer brackets of a kind than the reference ("For [sic] numbers" -> no
    "[" in the translation, "(optional)" dropped); brackets inside placeholders and markup
    do not count, nor does a kind the target leaves unpaired (unbalanced-brackets reports
    that). Round brackets count only in a short reference (a label or a message of
    at most 12 words) or when what they hold is code-like (a number alone, an option, an
    identifier, a placeholder): in prose a translator may turn a parenthesis into commas.
    (pofilter: brackets.)
"""
from __future__ import annotations

import difflib
import html
import re
from collections import Counter
from functools import lru_cache

from app.core import markup
from app.core.checks.base import Check, Context, Hit, Languages
from app.core.checks.placeholders import placeholder_spans, placeholders
from app.core.messages import N_, Text
from app.core.tokens import protected_spans

# ---------------------------------------------------------------------- code tokens

_BOUND_L = r"(?<![\w./\\~-])"
# First parts of the absolute paths taken for code: system folders. Other slashed words are
# often an example a translator may localise ("/about/contact/" -> "/a_propos/contact/"),
# unless a part has a dot (a file name, a dotted folder: "/srv/app/.env").
_ROOTS = ("etc|usr|var|tmp|home|opt|bin|sbin|dev|proc|sys|lib|lib64|boot|mnt|media|srv|"
          "root|run|Users|Applications|Library|System|Volumes|private")
_STRICT = {
    "option": re.compile(r"(?<![\w-])(?:--[a-z0-9][\w-]*(?<=[^\W_])|-[A-Za-z])(?![\w-])"),
    "path": re.compile(
        _BOUND_L + r"(?:(?:~|\.\.?)/[\w.-]+(?:/[\w.-]+)*/?"
        r"|/(?:" + _ROOTS + r")(?:/[\w.-]+)+/?"
        r"|/[\w-]+(?:/[\w-]+)*/[\w-]*\.[\w.-]*[A-Za-z0-9])(?<![.])"
        r"|(?<![\w\\])[A-Za-z]:\\(?:[\w. -]*[\w.-])?(?:\\[\w.-][\w. -]*(?<=[\w.-]))*"
        r"|(?<![\w\\])\\\\[\w.-]+(?:\\[\w.-]+)+"),
    "function": re.compile(r"(?<![\w.-])[A-Za-z_][\w.-]*(?<=\w)\(\)"),
    "identifier": re.compile(
        r"(?<![\w.@#/-])(?:"
        r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+"               # snake_case
        r"|[a-z]+[A-Z][A-Za-z0-9]*"                              # camelCase
        r"|[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){2,}"                    # a.b.c
        r")(?![\w@-]|\.\w)"),
}
_EXTENSIONS = ("py|pyc|pyi|rst|txt|md|json|ya?ml|toml|cfg|ini|conf|po|pot|mo|html?|css|js|"
               "mjs|ts|tsx|jsx|vue|xml|xsl|csv|tsv|sql|sh|bash|bat|ps1|exe|dll|so|dylib|c|h|"
               "cc|cpp|hpp|java|kt|rb|php|go|rs|pl|lua|png|jpe?g|gif|svg|ico|webp|pdf|zip|"
               "gz|tgz|tar|bz2|xz|7z|log|lock|db|sqlite3?|bak|tmp|iso|deb|rpm|apk|msi|dmg|"
               "whl|egg|desktop|service|env|properties|gradle|plist|epub|docx?|xlsx?|odt")
_FILE = re.compile(r"(?<![\w.@/\\-])[\w-]{2,}(?:\.[\w-]+)*\.(?:" + _EXTENSIONS +
                   r")(?![\w@-]|\.\w)", re.IGNORECASE)
_STRICT["file"] = _FILE
# What a changed token may look like in the target.
_LOOSE = {
    "option": re.compile(r"(?<![\w-])-{1,2}[^\W_][\w-]*"),
    "path": _STRICT["path"],
    "function": re.compile(r"(?<![\w.-])[^\W\d][\w.-]*\(\)"),
    "identifier": re.compile(
        r"(?<![\w.@#/-])(?:[^\W\d_][^\W_]*(?:_[^\W_]+)+|[^\W\d_]*[a-z][A-Z]\w*"
        r"|[^\W\d_]\w*(?:\.[^\W\d_]\w*){2,})(?![\w@-]|\.\w)"),
    "file": _FILE,
}
_KIND_NAMES = {"option": "option", "path": "path", "function": "function name",
               "identifier": "identifier", "file": "file name"}
_CODE_CHANGED = {
    "option": N_("The option “%(text)s” differs from the reference’s “%(want)s”: it must be "
                 "copied unchanged."),
    "path": N_("The path “%(text)s” differs from the reference’s “%(want)s”: it must be "
               "copied unchanged."),
    "function": N_("The function name “%(text)s” differs from the reference’s “%(want)s”: "
                   "it must be copied unchanged."),
    "identifier": N_("The identifier “%(text)s” differs from the reference’s “%(want)s”: it "
                     "must be copied unchanged."),
    "file": N_("The file name “%(text)s” differs from the reference’s “%(want)s”: it must "
               "be copied unchanged."),
}
_MAY_HOLD_CODE = re.compile(r"[-/\\_()]|[a-z][A-Z]|\w\.\w")
# What each kind of token needs (a cheap scan before the kind's own pattern).
_TRIGGERS = {"path": re.compile(r"[/\\]"), "function": re.compile(r"\w\(\)"),
             "file": re.compile(r"\w\.\w"), "option": re.compile(r"(?<![\w-])--?\w"),
             "identifier": re.compile(r"\w_\w|[a-z][A-Z]|\w\.\w+\.\w")}
_MIN_LIKENESS = 0.5


def _outside(spans, s: int, e: int) -> bool:
    return not any(a < e and s < b for a, b in spans)


def owned(text: str, start: int, end: int) -> bool:
    """Is ``text[start:end]``, a URL-like item of ``tokens.protected_spans``, a file name
    ("setup.py"), a dotted function name ("string.format" of "string.format()") or part of
    a placeholder ("s.bar" of "{s.bar}")? Those are this module's or placeholders.py's
    tokens, not identifier-mismatch's URLs."""
    return (text.startswith("()", end) or _FILE.fullmatch(text, start, end) is not None
            or any(s <= start and end <= e for s, e in placeholder_spans(text)))


def code_spans(text: str) -> list[tuple[int, int]]:
    """The placeholders and entities of ``text``, whose digits are no numbers."""
    spans = placeholder_spans(text)
    if "&" in text:
        spans += [m.span() for m in _ENTITY.finditer(text)]
    return spans


def _skip_spans(text: str) -> list[tuple[int, int]]:
    return ([(s, e) for s, e in protected_spans(text) if not owned(text, s, e)]
            + code_spans(text) + [m.span() for m in _TAG.finditer(text)])


def _tokens(text: str, patterns) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, token) of the code tokens of ``text`` (the name of an option:
    "--input" of "--input=FILE")."""
    if not _MAY_HOLD_CODE.search(text):
        return []
    skip = _skip_spans(text)
    out, taken = [], []
    prose = patterns is _STRICT and _prose_dashes(text)
    for kind in ("path", "function", "file", "option", "identifier"):
        if not _TRIGGERS[kind].search(text):
            continue
        for m in patterns[kind].finditer(text):
            s, e = m.span()
            if kind == "option" and prose and not _option_shaped(text, s, e):
                continue
            if _outside(skip, s, e) and _outside(taken, s, e):
                out.append((kind, s, e, m.group(0)))
                taken.append((s, e))
    return out


_DASH_USE = re.compile(r"\w--|--\s|['\"\u201c\u2018]\s*--")
_LONG = 20   # words: a longer text is prose, where "--word" is a dash before a word


def _prose_dashes(text: str) -> bool:
    """Does ``text`` write dashes as "--" ("wood--", "' --or next day")? Then "--but" is a
    dash and a word, not an option. So in a long text (prose) too."""
    return "--" in text and (_DASH_USE.search(text) is not None
                             or len(text.split()) > _LONG)


def _option_shaped(text: str, start: int, end: int) -> bool:
    """An option even in prose: "--dry-run", "--input=FILE", "-W"."""
    return "-" in text[start + 2:end] or text.startswith("=", end) or text[start + 1] != "-"


def _present(kind: str, token: str, target: str) -> bool:
    after = r"(?![\w/-]|\.\w)" if kind == "path" else r"s?(?![\w-]|\.\w)"
    return re.search(_BOUND_L + re.escape(token) + after, target) is not None


@lru_cache(maxsize=16)
def _code_changes(reference: str, target: str):
    """(target tokens that replace a reference token, with that token; reference tokens
    the target lacks with nothing in their place). Memoised for a few pairs: code-mismatch
    and code-missing ask about the same pair."""
    every = _tokens(reference, _STRICT)
    ref = [t for t in every if not _present(t[0], t[3], target)]
    if not ref:
        return [], []
    ref_texts = {t[3] for t in every}
    free = [t for t in _tokens(target, _LOOSE) if t[3] not in ref_texts]
    changed, missing = [], []
    for kind, _, _, token in ref:
        same_kind = [t for t in free if t[0] == kind]
        best = max(same_kind, default=None,
                   key=lambda t: difflib.SequenceMatcher(None, t[3], token).ratio())
        alone = len(same_kind) == 1 and sum(1 for r in ref if r[0] == kind) == 1
        if best is not None and (alone or difflib.SequenceMatcher(
                None, best[3], token).ratio() >= _MIN_LIKENESS):
            free.remove(best)
            changed.append((best, token))
        else:
            missing.append((kind, token))
    return changed, missing


def find_code_mismatch(reference: str, target: str, lang: Languages, context: Context):
    """Options, paths, function names and identifiers changed in the target."""
    if not reference.strip():
        return []
    return [Hit(s, e, Text(_CODE_CHANGED[kind], text=text, want=want), want)
            for (kind, s, e, text), want in _code_changes(reference, target)[0]]


def _whole(target: str) -> tuple[int, int] | None:
    start, end = len(target) - len(target.lstrip()), len(target.rstrip())
    return (start, end) if end > start else None


def find_code_missing(reference: str, target: str, lang: Languages, context: Context):
    """Options, paths, function names and identifiers of the reference the target lacks."""
    span = _whole(target)
    if not reference.strip() or span is None:
        return []
    missing = _code_changes(reference, target)[1]
    if not missing:
        return []
    shown = ", ".join(f"\u201c{token}\u201d" for _, token in missing[:5])
    return [Hit(*span, Text(N_("Not in the translation: %(shown)s (code from the reference, "
                               "to be copied unchanged)."), shown=shown))]


# ---------------------------------------------------------------------------- markup

_TAG = re.compile(r"""<(?P<close>/?)(?P<name>[A-Za-z][\w:.-]*)
                      (?P<attrs>(?:\s+[\w:.-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>/]+))?)*)
                      \s*(?P<self>/?)\s*>""", re.X)
_ATTR = re.compile(r"""([\w:.-]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'>/]+))?""")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#\d+|#[xX][0-9a-fA-F]+);")
_TRANSLATABLE_ATTRS = frozenset({"title", "alt", "placeholder", "aria-label", "label",
                                 "summary", "lang", "xml:lang", "xml-lang", "dir"})
_HTML = frozenset("""a abbr acronym address area article aside audio b bdi bdo big blockquote
    body br button canvas caption center cite code col colgroup dd del details dfn div dl dt
    em embed fieldset figcaption figure font footer form h1 h2 h3 h4 h5 h6 head header hr
    html i iframe img input ins kbd label legend li link main mark menu meta nav noscript
    object ol optgroup option p param pre q s samp script section select small source span
    strike strong style sub summary sup table tbody td template textarea tfoot th thead time
    title tr track tt u ul var video wbr""".split())
_MARKUP_CHARS = "&<>\"'"
_LANG_PART = re.compile(r"/[a-z]{2}(?:[-_][a-zA-Z]{2})?/")
# Tags a translation may add around letters where the reference has none: French ordinals
# ("1<sup>er</sup>" for "1st"), abbreviations.
_TYPOGRAPHIC = frozenset({"sup", "sub", "abbr"})


def _tag_key(m: re.Match) -> str:
    attrs = []
    for name, value in _ATTR.findall(m.group("attrs")):
        name = name.lower()
        value = _LANG_PART.sub("/*/", value)   # a link localised: /en/ -> /fr/
        attrs.append(name if name in _TRANSLATABLE_ATTRS else f"{name}={value}")
    self_closing = "/" if m.group("self") else ""
    return f"<{m.group('close')}{m.group('name').lower()} {' '.join(sorted(attrs))}{self_closing}>"


def _tags(text: str) -> list[tuple[int, int, str, re.Match]]:
    """(start, end, key, match) of the real tags of ``text``."""
    if "<" not in text:
        return []
    found = list(_TAG.finditer(text))
    closed = {m.group("name").lower() for m in found if m.group("close")}
    return [(m.start(), m.end(), _tag_key(m), m) for m in found
            if m.group("close") or "=" in m.group("attrs") or m.group("self")
            or m.group("name").lower() in _HTML or m.group("name").lower() in closed]


def _named(tags, m: re.Match) -> bool:
    """Does ``tags`` hold a tag of ``m``'s name?"""
    name = m.group("name").lower()
    return any(t[3].group("name").lower() == name for t in tags)


def _nesting_error(tags) -> int | None:
    """Index of the first tag that breaks the nesting of ``tags``, or None."""
    stack = []
    for k, (_, _, _, m) in enumerate(tags):
        name = m.group("name").lower()
        if m.group("self") or (not m.group("close") and name in _VOID):
            continue
        if not m.group("close"):
            stack.append(name)
        elif stack and stack[-1] == name:
            stack.pop()
        else:
            return k
    return None


_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "col", "embed",
                   "param", "source", "track", "wbr"})


def _entities(text: str) -> Counter:
    return Counter(m.group(0) for m in _ENTITY.finditer(text)) if "&" in text else Counter()


def _markup_hits(reference: str, target: str) -> list[Hit]:
    ref, tgt = _tags(reference), _tags(target)
    hits = []
    want = Counter(t[2] for t in ref)
    extra = []
    for s, e, key, m in tgt:
        if want[key]:
            want[key] -= 1
        elif not (m.group("name").lower() in _TYPOGRAPHIC and not _named(ref, m)):
            extra.append((s, e))
    lost = [k for k, n in want.items() for _ in range(n)]
    by_key = {t[2]: reference[t[0]:t[1]] for t in ref}
    for s, e in extra:
        fix = by_key[lost[0]] if len(lost) == 1 and len(extra) == 1 else None
        if fix:
            said = Text(N_("The tag “%(tag)s” is not in the reference (“%(fix)s”)."),
                        tag=target[s:e], fix=fix)
        else:
            said = Text(N_("The tag “%(tag)s” is not in the reference."), tag=target[s:e])
        hits.append(Hit(s, e, said, fix))
    if not extra and not lost and _nesting_error(ref) is None:
        k = _nesting_error(tgt)
        if k is not None:
            s, e = tgt[k][0], tgt[k][1]
            hits.append(Hit(s, e, Text(N_("The tag “%(tag)s” closes a tag that is not open "
                                          "here: the tags are nested differently from the "
                                          "reference."), tag=target[s:e])))
    missing = [by_key[k] for k in lost[len(extra):]]   # the others were changed
    entities = _lost_entities(reference, target)
    changed = _changed_entities(reference, target)[:len(entities)]
    for s, e in changed:
        fix = entities[0] if len(changed) == len(entities) == 1 else None
        if fix:
            said = Text(N_("The entity “%(entity)s” is not in the reference (“%(fix)s”)."),
                        entity=target[s:e], fix=fix)
        else:
            said = Text(N_("The entity “%(entity)s” is not in the reference."),
                        entity=target[s:e])
        hits.append(Hit(s, e, said, fix))
    missing += entities[len(changed):]
    span = _whole(target)
    if missing and span:
        shown = ", ".join(f"\u201c{x}\u201d" for x in missing[:5])
        hits.append(Hit(*span, Text(N_("Markup of the reference missing from the "
                                       "translation: %(shown)s."), shown=shown)))
    return hits


def _lost_entities(reference: str, target: str) -> list[str]:
    want = _entities(reference)
    if not want:
        return []
    have = _entities(target)
    lost = []
    for entity, n in want.items():
        short = n - have[entity]
        char = html.unescape(entity)
        if short <= 0:
            continue
        if char == entity:
            pass   # an entity of the application's own ("&brandShortName;"): kept as is
        elif char in _MARKUP_CHARS:
            # "&amp;" may become "et"; a bare "&" (or "<") left in the markup breaks it.
            if not have[entity] and not _bare(target, char):
                continue
        else:
            short -= target.count(char)   # typed as the character itself
        lost += [entity] * max(short, 0)
    return lost


def _changed_entities(reference: str, target: str) -> list[tuple[int, int]]:
    """Spans of the target's entities of the application's own ("&brandNomCourt;") that the
    reference does not have: a changed entity, when one of the reference's is lost."""
    if "&" not in target:
        return []
    known = _entities(reference)
    return [m.span() for m in _ENTITY.finditer(target)
            if m.group(0) not in known and html.unescape(m.group(0)) == m.group(0)]


def _bare(text: str, char: str) -> bool:
    """Does ``char`` stand in ``text`` outside an entity and a tag?"""
    masked = _ENTITY.sub("", _TAG.sub("", text))
    return char in masked


def find_markup_mismatch(reference: str, target: str, lang: Languages, context: Context):
    """Tags and entities not kept as in the reference (see the module docstring)."""
    if not reference.strip() or ("<" not in reference + target and "&" not in reference):
        return []
    return _markup_hits(reference, target)


# -------------------------------------------------------------------------- brackets

_BRACKETS = "()[]{}"
_DOUBLED = re.compile(r"\{\{|\}\}")
_LINK_TARGET = re.compile(r"\]\([^()\s]*\)")
_SHORT = 12   # words: a reference this short is a label or a message, not prose
_CODE_INSIDE = re.compile(r"^[\d\s.,%+-]+$|(?<![\w-])--?[a-z]|\w_\w|[a-z][A-Z]|\w\(\)")


def _masked(text: str, flags: frozenset[str]) -> str:
    """``text`` with placeholders (read under the entry's ``flags``), tags, URLs with the
    brackets of a Markdown link target, and doubled braces (literal in a format string)
    blanked out, same length."""
    return markup.blank(text, [(p.start, p.end) for p in placeholders(text, flags)[0]]
                        + [m.span() for m in _TAG.finditer(text)] + protected_spans(text)
                        + [m.span() for m in _DOUBLED.finditer(text)]
                        + [(m.start() + 1, m.end()) for m in _LINK_TARGET.finditer(text)])


def _braced(text: str, flags: frozenset[str]) -> bool:
    return "python-brace-format" in flags or any(
        p.text.startswith("{") for p in placeholders(text, flags)[0])


def _groups(text: str, opener: str, closer: str) -> list[str]:
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch == opener:
            stack.append(i)
        elif ch == closer and stack:
            s = stack.pop()
            out.append(text[s:i + 1])
    return out


def find_bracket_missing(reference: str, target: str, lang: Languages, context: Context):
    """Brackets (and what they hold) of the reference that the target dropped."""
    span = _whole(target)
    if span is None or all(reference.count(c) <= target.count(c) for c in _BRACKETS):
        return []   # (masking seldom takes more brackets from the target than the reference)
    ref, tgt = _masked(reference, context.flags), _masked(target, context.flags)
    # Braces are syntax where the reference has brace placeholders (an ICU plural's
    # branches, a brace format): the placeholder checks report them.
    kinds = ("()", "[]") if _braced(reference, context.flags) else ("()", "[]", "{}")
    lost = []
    for opener, closer in kinds:
        short = max(ref.count(opener) - tgt.count(opener), ref.count(closer) - tgt.count(closer))
        if short <= 0 or tgt.count(opener) != tgt.count(closer):
            continue   # an unpaired bracket is unbalanced-brackets' finding
        groups = [g for g in _groups(reference, opener, closer)
                  if g not in target] or [opener + closer]
        if opener == "(" and len(reference.split()) > _SHORT and not any(
                _CODE_INSIDE.search(g[1:-1]) or placeholder_spans(g) for g in groups):
            continue   # prose: a parenthesis may become commas
        lost += groups[:short]
    if not lost:
        return []
    shown = ", ".join(f"\u201c{g}\u201d" for g in lost[:5])
    return [Hit(*span, Text(N_("Bracketed text of the reference missing from the "
                               "translation: %(shown)s."), shown=shown))]


CODE_MISMATCH = Check(
    "code-mismatch", "mistranslation", "minor", find_code_mismatch,
    "Command-line options, paths, function names and identifiers changed in the "
    "translation.")
CODE_MISSING = Check(
    "code-missing", "omission", "minor", find_code_missing,
    "Command-line options, paths, function names and identifiers of the reference missing "
    "from the translation.")
MARKUP_MISMATCH = Check(
    "markup-mismatch", "mistranslation", "major", find_markup_mismatch,
    "HTML/XML tags and entities not kept as in the reference (names, attributes, nesting).")
BRACKET_MISSING = Check(
    "bracket-missing", "omission", "minor", find_bracket_missing,
    "Brackets of the reference, and what they hold, dropped from the translation.")
