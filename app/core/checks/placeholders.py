"""Placeholders: the format directives of the reference, kept in the target.

A program fills the placeholders of a message at run time; a placeholder lost, added or
changed in the translation breaks it (a crash, an exception, a wrong value shown), so both
checks are major. Which syntax a string uses is read from the PO entry's flags
(``Context.flags``), as msgfmt and the peers do (Weblate's "C format", "Python format",
"Python brace format" checks; pofilter's printf, pythonbraceformat):

- ``c-format``: ``%s``, ``%d``, ``%5.2f``, ``%'d``, ``%ld``, positional ``%1$s``; ``%%`` is a
  literal percent sign. The translation may name positions (``%s %d`` -> ``%2$d ... %1$s``).
- ``python-format``: ``%s``, ``%(name)s``, ``% d``...; ``%%`` is literal.
- ``python-brace-format``: ``{}``, ``{0}``, ``{name}``, ``{name!r:>10}``, ``{a.b[0]}``;
  ``{{`` and ``}}`` are literal braces.
- ``objc-format``, ``php-format``, ``perl-format``, ``lua-format``, ``javascript-format``,
  ``gcc-internal-format`` are read as ``c-format``; ``qt-format`` and ``kde-format``: ``%1``,
  ``%L2`` (numbered, may move).

``no-c-format`` / ``no-python-format`` / ``no-python-brace-format`` switch that syntax off.
An unflagged string (or a segment of an article) is read by shape only, so that prose stays
clean ("50 % des", "100%", "(see below)"): ``%1$s``, ``%(name)s``, a printf directive not
after a digit (``%s``, ``%d``, ``%.2f``, ``%r``, ``%dMB``; not "5%off" nor "50 % des"),
``{0}``, ``{name}``, ``{}``, and ICU MessageFormat arguments
``{count, plural, one {# file} other {# files}}``, whose argument name and type must be
kept while the text of its branches is translated (the placeholders inside the branches are
compared too; spaces inside ``{ name }`` do not count; a plain ``{count}`` or
``{count, number}`` may become ``{count, plural, ...}`` or a select). The variables of other
projects' styles, as pofilter's "variables" check knows them: ``%NAME%``, ``$(name)``,
``${name}``, ``$name$``, ``#name#``, ``@name@``, ``$[name]``, Mozilla's dotted entities
``&brand.name;`` and ``%S``, and interpolations ``{{name}}`` (AngularJS, i18next: spaces
inside do not count, a filter ``| currency`` does). Weak shapes, common in prose, are
placeholders only when both texts hold one of that kind (and never spans for other
checks): ``$name`` / ``$_VAR``, Qt's ``%1`` and ``#1`` ("$5", "#1 of", "100%1" are prose).

Plural entries: a msgstr[n] may hold a placeholder of any source form of its entry
(``Context.plural_references``): "%d fichier" for msgid "One file" / msgid_plural "%d files";
``%.0s`` may stand for the directive of its rank (it consumes the count without printing
it, which pofilter accepts in plural entries only).

Comparison: placeholders without a name (``%s``, ``{}``) are numbered in order, so they must
keep their order unless the translation names their positions; named and numbered ones may
move. Each placeholder counts ("%(n)s%(n)s" -> "%(n)s" lost one), except those inside ICU
branches (once per branch: a language with more plural forms repeats them). The ``'`` flag
(locale digit grouping) may be added, not dropped.

placeholder-mismatch (mistranslation, major)
    A target placeholder the reference does not have: changed ("%(name)s" -> "%(nom)s",
    "{0}" -> "{1}", "%s" -> "%d"), reordered without positions, added, or a lone "%" in a
    flagged string (write "%%"; a lone brace likewise, unless it leaves the target's braces
    unpaired: unbalanced-brackets reports that). The suggestion is the reference's
    placeholder when exactly one was changed for one other.
placeholder-missing (omission, major)
    A reference placeholder the target lacks, with no changed placeholder in its place; the
    span is the whole translation (where it belongs is for the translator to say).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Text

_C = re.compile(r"""%(?:(?P<pos>\d+)\$)?[-+ #0']*(?:\d+|\*(?:\d+\$)?)?
                    (?:\.(?:\d+|\*(?:\d+\$)?)?)?(?:hh|h|ll|l|L|q|j|z|Z|t|I64|I32|I)?
                    (?P<conv>[diouxXeEfFgGaAcspnCSm@]|<PRI[diouxX](?:8|16|32|64|MAX|PTR)>)""",
                re.X)
_PYTHON = re.compile(r"""%(?:\((?P<name>[^()]*)\))?[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?
                         [hlL]?(?P<conv>[diouxXeEfFgGcrsa])""", re.X)
# A brace field: name (auto, index or identifier, with .attr / [key]), !conversion, :spec
# (the spec may hold one level of nested fields).
_BRACE_FIELD = re.compile(r"""\{(?P<name>(?:\d+|[^\W\d]\w*)?(?:\.[^\W\d]\w*|\[[^\]{}]*\])*)
                              (?:![rsa])?(?::(?:[^{}]|\{[^{}]*\})*)?\}""", re.X)
# Shapes recognised without flags.
_SHAPE = re.compile(r"""
      %(?P<pos>\d+)\$[-+#0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?[diouxXeEfFgGaAcspS@]
    | %\((?P<name>\w+)\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]
    | (?P<var>(?<![\w%])%[A-Za-z_]\w*%(?![\w%])                 # %NAME% (Windows, Mozilla)
      | \$\([A-Za-z_^][\w^]*\) | \$\{[A-Za-z_]\w*\}               # $(name), ${name}
      | (?<![\w$])\$[A-Za-z_]\w*\$(?![\w$])                       # $name$
      | (?<![\w#])\#[A-Za-z_]\w*\#(?![\w#])                    # #name#
      | (?<![\w@])@[A-Za-z_][\w.-]*@(?![\w@])                  # @name@
      | \$\[[A-Za-z_]\w*\]                                        # $[name]
      | &[A-Za-z_][\w-]*(?:\.[\w-]+)+;)                          # &dotted.entity;
    | (?<![\d%])%[-+#0']*\d*(?:\.\d+)?(?:hh|h|ll|l|L|z|j|t)?
      (?:[sdf]|[iuxXeEFgGcprS@](?![^\W\d_]))
    | \{(?P<brace>\d+|[^\W\d]\w*)(?:\.[^\W\d]\w*)*(?:![rsa])?(?::[^{}\s]*)?\}
    | \{\s*(?P<spaced>[^\W\d]\w*)\s*\}                            # ICU "{ name }"
    | (?P<anon>\{\})
    | (?P<weak>(?<![\w$])\$[A-Za-z_]\w*(?![\w$(\[{])            # weak: $name, $_VAR,
      | (?<![\w%])%[1-9]\d?(?![\w$%])                           # %1 (Qt, KDE),
      | (?<![\w&#])\#\d+(?![\w#]))                               # #1
""", re.X)
_ICU_HEAD = re.compile(r"\{\s*(?P<arg>[^\W\d]\w*|\d+)\s*,\s*(?P<type>plural|select|"
                       r"selectordinal|number|date|time|spellout|ordinal|duration)\s*"
                       r"(?P<rest>[,}])")


@dataclass(frozen=True)
class Placeholder:
    start: int
    end: int
    key: str        # what must match between reference and target
    text: str
    named: bool     # a name or a position: may move
    branch: bool = False   # inside an ICU branch: once per branch, compared as a set
    weak: str = ""         # "$name", "%1", "#1": a placeholder only when both texts have
    #                        one of that kind (the kind is the first character)


# The gettext format flags read here, and the syntax each stands for: printf's family
# ("c"), Python's %-format, Python's str.format ("brace"), Qt's %1 ("qt").
_FLAGS = (("c", "c-format"), ("c", "objc-format"), ("c", "php-format"),
          ("c", "perl-format"), ("c", "lua-format"), ("c", "javascript-format"),
          ("c", "gcc-internal-format"), ("python", "python-format"),
          ("brace", "python-brace-format"), ("qt", "qt-format"), ("qt", "kde-format"))
_QT = re.compile(r"%L?(?P<pos>\d{1,2})")


def _syntaxes(flags: frozenset[str]) -> tuple[str, ...]:
    """The syntaxes the entry's flags turn on, or () when none is: the text is then read by
    shape."""
    on = []
    for syntax, flag in _FLAGS:
        if flag in flags and f"no-{flag}" not in flags and syntax not in on:
            on.append(syntax)
    return tuple(on)


def _switched_off(flags: frozenset[str]) -> frozenset[str]:
    return frozenset(s for s, flag in _FLAGS if f"no-{flag}" in flags)


def _spec(token: str, name: str | None) -> str:
    """A %-directive without its position or name: what must match."""
    body = token[1:]
    if name is not None:
        body = body.split(")", 1)[1] if body.startswith("(") else body.split("$", 1)[1]
    return body


def _percent_scan(text: str, pattern: re.Pattern, named_group: str):
    """The directives and malformed "%" of ``text``; a %-directive is matched from each "%"
    that is not part of "%%" (scanning pairs left to right)."""
    out, bad, k, i = [], [], 0, 0
    while True:
        i = text.find("%", i)
        if i < 0:
            return out, bad
        if text.startswith("%%", i):
            i += 2
            continue
        d = pattern.match(text, i)
        if d is None:
            bad.append((i, i + 1))
            i += 1
            continue
        name = d.group(named_group)
        if name is not None:
            out.append(Placeholder(d.start(), d.end(), f"{name}:{_spec(d.group(0), name)}",
                                   d.group(0), True))
        else:
            k += 1
            out.append(Placeholder(d.start(), d.end(), f"{k}:{_spec(d.group(0), None)}",
                                   d.group(0), False))
        i = d.end()


def _qt_scan(text: str):
    """Qt's numbered markers ("%1", "%L2"); a "%" that starts none is text."""
    return [Placeholder(m.start(), m.end(), f"{m.group('pos')}:", m.group(0), True)
            for m in _QT.finditer(text)], []


def _braces(text: str) -> tuple[list[Placeholder], list[tuple[int, int]]]:
    """Python brace fields ({{ and }} are literal); a "{" that opens no field is malformed."""
    out, bad, auto, i = [], [], 0, 0
    while i < len(text):
        ch = text[i]
        if ch in "{}" and text.startswith(ch * 2, i):
            i += 2
            continue
        if ch == "}":
            bad.append((i, i + 1))
            i += 1
            continue
        if ch != "{":
            i += 1
            continue
        m = _BRACE_FIELD.match(text, i)
        if m is None:
            bad.append((i, i + 1))
            i += 1
            continue
        name, rest = m.group("name"), m.group(0)[1 + len(m.group("name")):-1]
        if name == "" or name[0] in ".[":
            name = f"{auto}{name}"
            auto += 1
        out.append(Placeholder(m.start(), m.end(), f"{{{name}{rest}}}", m.group(0), True))
        i = m.end()
    return out, bad


def _icu(text: str, head: re.Match, hi: int, out: list[Placeholder]) -> int:
    """An ICU argument whose head ``{name, type,`` is ``head``: add the head and the
    placeholders of its branches to ``out``; the end of the argument (``head.start()`` when
    its braces do not close)."""
    depth, i = 1, head.end() - 1
    if head.group("rest") == ",":
        while depth and i + 1 < hi:
            i += 1
            if text[i] == "{":
                depth += 1
            elif text[i] == "}":
                depth -= 1
        if depth:
            return head.start()
    out.append(Placeholder(head.start(), head.end(),
                           f"{{{head.group('arg')}, {head.group('type')}}}",
                           text[head.start():head.end()], True))
    if head.group("rest") == ",":
        _shapes(text, head.end(), i, out, branch=True)
    return i + 1


_OPENER = re.compile(r"[%{$#@&]")


def _may_hold(text: str) -> bool:
    """Does ``text`` hold a character that may start or end a placeholder? (``in`` tests:
    about ten times faster than a character-class search on prose.)"""
    return ("%" in text or "{" in text or "$" in text or "#" in text or "@" in text
            or "&" in text or "}" in text)


# An interpolation ({{name}}, {{ item.price | currency }}: AngularJS, i18next, Handlebars),
# compared with the spaces inside it ignored.
_DOUBLE = re.compile(r"\{\{\s*(?P<expr>[^{}\s](?:[^{}]*[^{}\s])?)\s*\}\}")
_SPACES = re.compile(r"\s*(\|)\s*|\s+")


def _shapes(text: str, lo: int, hi: int, out: list[Placeholder],
            branch: bool = False) -> None:
    """The placeholders of ``text[lo:hi]`` recognised by their shape (unflagged text);
    ``branch``: the text of an ICU branch, where "{{" opens a branch holding a field."""
    i, k = lo, 0
    while True:
        m = _OPENER.search(text, i, hi)
        if m is None:
            return
        i = m.start()
        if text.startswith("{{", i) and not branch:
            i = _double(text, i, hi, out)
            continue
        if text.startswith("%%", i):
            i += 2
            continue
        if text[i] == "{":
            head = _ICU_HEAD.match(text, i, hi)
            if head is not None:
                end = _icu(text, head, hi, out)
                if end > i:
                    i = end
                    continue
        d = _SHAPE.match(text, i, hi)
        if d is None:
            i += 1
            continue
        if d.group("pos") or d.group("name"):
            name = d.group("pos") or d.group("name")
            key, named = f"{name}:{_spec(d.group(0), name)}", True
        elif d.group("brace") or d.group("var") or d.group("weak"):
            key, named = d.group(0), True
        elif d.group("spaced"):
            key, named = "{%s}" % d.group("spaced"), True
        else:
            k += 1
            key, named = f"{k}:{_spec(d.group(0), None)}", False
        weak = d.group(0)[0] if d.group("weak") else ""
        out.append(Placeholder(d.start(), d.end(), key, d.group(0), named, branch, weak))
        i = d.end()


def _double(text: str, i: int, hi: int, out: list[Placeholder]) -> int:
    """At a "{{" of unflagged text: add its interpolation to ``out``; where to read on."""
    d = _DOUBLE.match(text, i, hi)
    if d is None:
        return i + 2
    key = "{{%s}}" % _SPACES.sub(lambda m: m.group(1) or " ", d.group("expr"))
    out.append(Placeholder(d.start(), d.end(), key, d.group(0), True))
    return d.end()


@lru_cache(maxsize=64)
def placeholders(text: str, flags: frozenset[str] = frozenset()) -> tuple[
        tuple[Placeholder, ...], tuple[tuple[int, int], ...]]:
    """(placeholders, malformed spans) of ``text`` under the entry's ``flags`` (memoised for
    a few recent texts: the reference and target of a pair, and the numbers check asks too).
    """
    found: list[Placeholder] = []
    bad: list[tuple[int, int]] = []
    syntaxes = _syntaxes(flags)
    if not syntaxes:
        if _may_hold(text):
            _shapes(text, 0, len(text), found)
            off = _switched_off(flags)
            found = [p for p in found if not _excluded(p, off)]
        return tuple(found), ()
    if "%" in text and syntaxes != ("brace",):
        if "c" in syntaxes:
            got, wrong = _percent_scan(text, _C, "pos")
        elif "python" in syntaxes:
            got, wrong = _percent_scan(text, _PYTHON, "name")
        else:
            got, wrong = _qt_scan(text)
        found += got
        bad += wrong
    if "brace" in syntaxes and ("{" in text or "}" in text):
        got, wrong = _braces(text)
        found += got
        bad += wrong
    found.sort(key=lambda p: p.start)
    return tuple(found), tuple(bad)


def _excluded(p: Placeholder, off: frozenset[str]) -> bool:
    """Is ``p`` of a syntax that the entry's no-...-format flags switch off?"""
    if p.text.startswith("{"):
        return "brace" in off
    if p.text[0] in "#@&":
        return False
    if p.text.startswith("%("):
        return "python" in off
    if "$" in p.text:
        return "c" in off
    return bool(off & {"c", "python"})


def placeholder_spans(text: str) -> list[tuple[int, int]]:
    """Where the placeholders of ``text`` are, read by shape (for other checks to skip:
    the digit of "{0}" or "%1$s" is not a number)."""
    if not _may_hold(text):
        return []
    return [(p.start, p.end) for p in placeholders(text)[0] if not p.weak]


def _other_forms(reference: str, context: Context) -> tuple[str, ...]:
    """The source forms of the plural entry other than the form's own reference."""
    return tuple(r for r in context.plural_references if r != reference)


def _changes(reference: str, target: str, context: Context):
    return _compared(reference, target, context.flags, _other_forms(reference, context))


def _of_other_forms(ref: tuple[Placeholder, ...], tgt: tuple[Placeholder, ...],
                    others: tuple[str, ...], flags: frozenset[str]) -> set[int]:
    """The starts of the target placeholders that the reference lacks and another source
    form of the plural entry has (by key, or by conversion for unnamed ones: "%d" is the
    count wherever it stands), each as often as one form has it."""
    own = {p.key for p in ref}
    candidates = [p for p in tgt if p.key not in own]
    if not others or not candidates:
        return set()
    available = Counter()
    for other in others:
        available |= Counter(_token(q) for q in placeholders(other, flags)[0])
    borrowed = set()
    for p in candidates:
        if available[_token(p)] > 0:
            available[_token(p)] -= 1
            borrowed.add(p.start)
    return borrowed


def _token(p: Placeholder) -> str:
    """What a placeholder borrowed from another plural form is matched by: its key, or for
    an unnamed one its conversion only (its rank differs between the forms)."""
    return p.key if p.named else "#" + p.key.split(":", 1)[1]


def plural_stand_ins(reference: str, target: str, context: Context) -> int:
    """How many placeholders of the target come from another source form of its plural
    entry (see ``Context.plural_references``): each stands in for a number of the
    reference ("1 file" -> "%d fichier"), which missing-content then does not ask for."""
    others = _other_forms(reference, context)
    if not others or not _may_hold(target):
        return 0
    return len(_of_other_forms(placeholders(reference, context.flags)[0],
                               placeholders(target, context.flags)[0], others, context.flags))


@lru_cache(maxsize=16)
def _compared(reference: str, target: str, flags: frozenset[str],
              others: tuple[str, ...] = ()):
    """(changed target placeholders, each with the reference placeholder it replaces when
    that is certain, else None; whether the change is only an order change; reference
    placeholders with no counterpart; malformed target spans). ``others``: the plural
    entry's other source forms, whose placeholders the target may hold. Memoised for a few
    pairs: both checks ask about the same pair."""
    ref, ref_bad = placeholders(reference, flags)
    tgt, bad = placeholders(target, flags)
    ref, tgt = _without_lone_weak(ref, tgt)
    borrowed = _of_other_forms(ref, tgt, others, flags)
    if borrowed:
        tgt = tuple(p for p in tgt if p.start not in borrowed)
    # A stray brace that leaves the target's braces unpaired is unbalanced-brackets' finding.
    unpaired = target.count("{") != target.count("}")
    bad = [b for b in bad if not (unpaired and target[b[0]] in "{}")] if not ref_bad else []
    if not ref and not tgt:
        return [], False, [], bad
    want = Counter(p.key for p in ref if not p.branch)
    branch_keys = {p.key for p in ref if p.branch}
    first = {}
    for p in ref:
        first.setdefault(p.key, p)
    extra = []
    for p in tgt:
        key = p.key if p.key in first else _stand_in(p.key, want, bool(others))
        if p.branch or key in branch_keys:
            if key not in first:
                extra.append(p)
        elif want[key] > 0:
            want[key] -= 1
        elif key not in first or not p.named:
            extra.append(p)
    seen = {p.key.replace("'", "") for p in tgt} | {p.key for p in tgt}
    missing = [first[key] for key, n in want.items() for _ in range(n)]
    missing += [first[key] for key in branch_keys - seen if key not in want]
    if extra and sorted(p.text for p in ref if not p.named) == sorted(
            p.text for p in tgt if not p.named) and all(not p.named for p in extra):
        return [(p, None) for p in extra], True, [], bad   # same ones, another order
    if unpaired:   # "{name" for "{name}": unbalanced-brackets' finding
        missing = [p for p in missing if not (p.text.startswith("{")
                                              and p.text[:-1] in target)]
    if len(missing) == 1 and len(extra) == 1:
        return [(extra[0], missing[0].text)], False, [], bad
    # A malformed directive or a changed placeholder stands for a missing one.
    paired = min(len(extra) + len(bad), len(missing))
    return [(p, None) for p in extra], False, missing[paired:], bad


def _without_lone_weak(ref: tuple[Placeholder, ...], tgt: tuple[Placeholder, ...]):
    """Both lists without the weak placeholders ("$name", "%1", "#1") of a kind that the
    other text lacks: "$5", "#1" and "100 %1" of prose are no placeholders."""
    kinds = {p.weak for p in ref if p.weak} & {p.weak for p in tgt if p.weak}
    if not any(p.weak for p in ref + tgt):
        return ref, tgt
    return (tuple(p for p in ref if not p.weak or p.weak in kinds),
            tuple(p for p in tgt if not p.weak or p.weak in kinds))


def _stand_in(key: str, want: Counter, plural: bool) -> str:
    """The reference key that a target key not in the reference stands for: the same
    without an added ' flag; "{count}" or "{count, number}" for "{count, plural}" (an ICU
    plural or select made of a plain argument); in a plural entry, any directive of the
    same rank for "%.0s", which consumes the count without printing it (pofilter)."""
    if key.endswith(":.0s") and plural:
        rank = key[:-3]
        return next((k for k, n in want.items() if n > 0 and k.startswith(rank)), key)
    if key.endswith((", plural}", ", select}", ", selectordinal}")):
        arg = key[1:key.index(",")]
        return next((k for k in ("{%s}" % arg, "{%s, number}" % arg) if want[k] > 0), key)
    return key.replace("'", "")


def _describe(p: Placeholder, was: str | None, reordered: bool) -> str:
    if was is not None:
        return Text(N_("Placeholder “%(placeholder)s” differs from the reference’s “%(was)s”: "
                       "the program fills it at run time, so it must be copied unchanged."),
                    placeholder=p.text, was=was)
    if reordered:
        return Text(N_("Placeholder “%(placeholder)s” is out of the reference’s order: "
                       "placeholders without a name are filled in order (number them, e.g. "
                       "%%1$s, to reorder them)."), placeholder=p.text)
    return Text(N_("Placeholder “%(placeholder)s” is not in the reference."),
                placeholder=p.text)


def find_placeholder_mismatch(reference: str, target: str, lang: Languages,
                              context: Context):
    """Target placeholders that are not the reference's (see the module docstring)."""
    if not reference.strip() or not _may_hold(target):
        return []
    changed, reordered, _, bad = _changes(reference, target, context)
    hits = [Hit(p.start, p.end, _describe(p, was, reordered), was) for p, was in changed]
    hits += [_lone(target[s], s) for s, _ in bad]
    return hits


def _lone(char: str, at: int) -> Hit:
    if char == "%":
        return Hit(at, at + 1, Text(N_("A lone “%(char)s” in a format string: write "
                                       "“%(double)s” for a percent sign."), char="%",
                                    double="%%"), "%%")
    return Hit(at, at + 1, Text(N_("A lone “%(char)s” in a brace format string: write "
                                   "“%(double)s” for a brace."), char=char, double=char * 2),
               char * 2)


def find_placeholder_missing(reference: str, target: str, lang: Languages,
                             context: Context):
    """Reference placeholders that the target lacks, none changed in their place."""
    if not _may_hold(reference):
        return []
    start, end = len(target) - len(target.lstrip()), len(target.rstrip())
    if end <= start:
        return []
    missing = _changes(reference, target, context)[2]
    if not missing:
        return []
    many = len(missing) > 1
    shown = ", ".join(f"\u201c{p.text}\u201d" for p in missing[:5])
    if many:
        said = Text(N_("Placeholders %(shown)s of the reference missing from the "
                       "translation: the program fills them at run time."), shown=shown)
    else:
        said = Text(N_("Placeholder %(shown)s of the reference missing from the translation: "
                       "the program fills it at run time."), shown=shown)
    return [Hit(start, end, said)]


PLACEHOLDER_MISMATCH = Check(
    "placeholder-mismatch", "mistranslation", "major", find_placeholder_mismatch,
    # no %(name)s beside %s here: Babel refuses to compile a python-format string mixing them
    "Format placeholders (%s, {0}, {name}, ICU {n, plural, ...}) changed, added or "
    "reordered.")
PLACEHOLDER_MISSING = Check(
    "placeholder-missing", "omission", "major", find_placeholder_missing,
    "Format placeholders of the reference missing from the translation.")
