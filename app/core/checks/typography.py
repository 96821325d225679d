"""Typography per target language, each finding with its automatic fix as the suggestion.

French (target "fr"):

Every check of this module leaves alone what app/core/markup.py protects (reST roles and
directives, literals, code, placeholders, URLs, versions, HTTP header lines, quoted code,
tags, paths, options, identifiers): ":maxdepth:", "'.. c:%s:: %s'", "Referrer-Policy:
no-referrer" and "Sphinx 5.1" are not French prose.

fr-punctuation-space
    A high punctuation mark (; : ! ?) glued to the preceding word, or « » glued to the quoted
    text. The fix inserts a narrow no-break space (U+202F) before ; ! ? » and after «, and a
    no-break space (U+00A0) before : (the usual French house rules; either no-break space is
    accepted as correct). Colons between digits (times, ratios), marks inside URLs, code and
    placeholders, and marks not followed by a space or the end ("?page=2") are left alone.
    Canadian French (fr-CA) glues ; ! ? to the word: there only ":" and « » are checked.

fr-nbsp
    A plain space where French wants a no-break one: before ; : ! ? », after «, and between
    digit groups ("3 000"). Whether this is an error depends on the house style: with
    ``Context.nbsp`` True it always is, with False never, and with None (the default) only
    where the text itself mostly uses no-break spaces in those places (it is then an
    inconsistency). run_document_checks decides None for the whole document.

fr-number-format
    English number formatting copied from the reference: "3,000" (thousands comma) or
    "7.5" (decimal point) in a French target, when the reference has the same token. Also a
    percent sign glued to its number ("12%"). Fix: "3 000", "7,5", "12 %". The digit-group
    separator is CLDR's for the variant (app/core/profiles.py): U+202F in France, U+00A0 in
    Canada, an apostrophe in Switzerland. A clock time ("7.30 pm") is not a decimal.

apostrophe-style
    Straight (') and typographic (’) apostrophes mixed: with ``Context.apostrophe`` set, every
    apostrophe of the other kind inside a word is flagged; otherwise those of the minority
    kind in the segment (on a tie, the straight ones). Any target language.

Other targets (the languages' profiles, app/core/profiles.py):

number-format
    fr-number-format's reading for every other target with a profile, with the target's
    own symbols from CLDR: a number of an English-style reference copied with English
    separators ("3,000" and "7.5" in German: 3.000, 7,5; "10,000" in Polish: 10 000 with a
    no-break space; "1,234.50" in Spanish: 1.234,50), or grouped by another language's
    separator ("3.000" in Swiss German: 3'000; "10 000" with a plain space in Russian or
    Polish, which wants a no-break one). Clock times ("7.30 pm", "7.30 Uhr") are not
    decimals; versions, URLs and code are left alone.

space-before-punctuation
    A space before , ; : ! ? (the French habit carried into another language), in the
    languages whose profile glues those marks to the word (en, de, es, it, pt, nl, pl, ru).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from app.core import markup
from app.core.checks.base import Check, Context, Hit, Languages
from app.core.checks.untranslated import _code_spans
from app.core.messages import N_, Language, Text
from app.core.profiles import GLUED_PUNCTUATION, PROFILED, display_name, profile
from app.core.tokens import protected_spans

NNBSP, NBSP = "\u202f", "\u00a0"
_NB = NBSP + NNBSP + "\u2009\u2007"

_GLUED = re.compile(r"(?<=[^\W_]|[»”\"’)\]])([;:!?]+)(?=$|[\s»\"”’])")
_OPEN_GLUED = re.compile(r"«(?=[^\s" + _NB + r"])")
_CLOSE_GLUED = re.compile(r"(?<=[^\s" + _NB + r"])»")
_PLAIN_BEFORE = re.compile(r"(?<=\S)( )(?=[;:!?»])")
_PLAIN_AFTER = re.compile(r"(?<=«)( )")
_NB_BEFORE = re.compile(r"(?<=\S)([" + _NB + r"])(?=[;:!?»])")
_NB_AFTER = re.compile(r"(?<=«)([" + _NB + r"])")
_GROUPS = re.compile(r"(?<![\d.,])\d{1,3}(?:[ " + _NB + r"]\d{3})+(?![\d])")
_ENGLISH_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]|\.\d)")
_ENGLISH_DECIMAL = re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.])")
_GLUED_PERCENT = re.compile(r"(?<=\d)%(?!\w|\()")
_APOSTROPHE = re.compile(r"(?<=[^\W\d_])(['\u2019])(?=[^\W\d_])")
_DIGIT = re.compile(r"\d")
_ANY_NB = re.compile("[" + _NB + "]")
_FR_MARKS = re.compile("[;:!?«»]")
# What may follow a high punctuation mark of French prose: a space, the end, a closing
# quote or bracket, another mark.
_MARK_END = re.compile(r"$|[\s\u00bb\"\u201d\u2019')\],.;:!?\u2026]")
_SPACE_BEFORE = re.compile(r"(?<=\w)( |[" + _NB + r"])(?=[,;:!?](?:\s|$))")


@lru_cache(maxsize=16)
def _excluded(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The text's URLs, handles, code, placeholders and markup (app/core/markup.py), as
    (starts, ends) of their spans merged, for `_inside` (a bisection: a long text has many of
    them). Memoised for the last few texts: every check of this module (and layout's) asks
    about the same target."""
    starts, ends = [], []
    found = protected_spans(text) + _code_spans(text) + [sp[:2] for sp in markup.spans(text)]
    for s, e in sorted(found):
        if starts and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        elif s < e:
            starts.append(s)
            ends.append(e)
    return tuple(starts), tuple(ends)


def _inside(pos: int, spans: tuple[tuple[int, ...], tuple[int, ...]]) -> bool:
    starts, ends = spans
    k = bisect_right(starts, pos) - 1
    return k >= 0 and pos < ends[k]


# A run of digits, commas and points not preceded by one: where a number token of the
# reference starts (see _in_reference).
_NUMBER_RUN = re.compile(r"(?<![\d.,])[\d.,]+")
_SHORT_TOKEN = 40


def _in_reference(reference: str):
    r"""A test of whether a number token of the target ("3,000", "7.5": digits, commas and
    points, a digit first) stands in ``reference`` as ``(?<![\d.,])TOKEN(?![\d])`` finds
    it, in time linear in the reference (a search per token was quadratic): such a token
    is a prefix of one of the reference's number runs that ends before a comma, a point or
    the run's end. Prefixes are kept up to _SHORT_TOKEN characters, gathered at the first
    question (most targets have no token to ask about); a longer token is searched (once)."""
    prefixes = None
    searched = {}

    def found(token):
        nonlocal prefixes
        if len(token) <= _SHORT_TOKEN:
            if prefixes is None:
                prefixes = set()
                for m in _NUMBER_RUN.finditer(reference):
                    run = m.group()
                    for k in range(1, min(len(run), _SHORT_TOKEN) + 1):
                        if k == len(run) or run[k] in ".,":
                            prefixes.add(run[:k])
            return token in prefixes
        if token not in searched:
            searched[token] = re.search(r"(?<![\d.,])" + re.escape(token) + r"(?![\d])",
                                        reference) is not None
        return searched[token]
    return found


def _fix_for(mark: str) -> str:
    return (NBSP if mark.startswith(":") else NNBSP) + mark


def _canadian(lang: Languages) -> bool:
    """Canadian French (fr-CA) glues ; ! ? to the word; only ":" takes a space there."""
    return lang.target.replace("_", "-").lower().startswith("fr-ca")


def find_fr_punctuation_space(reference: str, target: str, lang: Languages, context: Context):
    """; : ! ? and « » glued to the text in French."""
    if not _FR_MARKS.search(target):
        return []
    excluded = _excluded(target)
    canadian = _canadian(lang)
    hits = []
    for m in _GLUED.finditer(target):
        s, e = m.span(1)
        if _inside(s, excluded) or (canadian and m.group(1) in ";!?"):
            continue
        if target[s] == ":" and s > 0 and target[s - 1].isdigit() and e < len(target) and target[e].isdigit():
            continue
        hits.append(Hit(s, e, Text(N_("French puts a no-break space before “%(mark)s”."),
                                   mark=m.group(1)), _fix_for(m.group(1))))
    for m in _OPEN_GLUED.finditer(target):
        if not _inside(m.start(), excluded):
            hits.append(Hit(m.start(), m.end(),
                            Text(N_("French puts a no-break space after «.")), "\u00ab" + NNBSP))
    for m in _CLOSE_GLUED.finditer(target):
        if not _inside(m.start(), excluded):
            hits.append(Hit(m.start(), m.end(),
                            Text(N_("French puts a no-break space before ».")), NNBSP + "\u00bb"))
    return hits


def nbsp_counts(text: str) -> tuple[int, int]:
    """(no-break, plain) spaces of ``text`` in the places where French wants no-break ones."""
    nb = len(_NB_BEFORE.findall(text)) + len(_NB_AFTER.findall(text))
    plain = len(_PLAIN_BEFORE.findall(text)) + len(_PLAIN_AFTER.findall(text))
    for m in _GROUPS.finditer(text):
        for ch in m.group(0):
            if ch == " ":
                plain += 1
            elif ch in _NB:
                nb += 1
    return nb, plain


def find_fr_nbsp(reference: str, target: str, lang: Languages, context: Context):
    """Plain spaces where the house style (or the text itself) wants no-break spaces."""
    if context.nbsp is False or " " not in target:
        return []
    if context.nbsp is None and not _ANY_NB.search(target):
        return []   # the text's own style needs a no-break space somewhere (nb > plain)
    if context.nbsp is None:
        nb, plain = nbsp_counts(target)
        if nb <= plain:
            return []
    excluded = _excluded(target)
    hits = []
    for m in _PLAIN_BEFORE.finditer(target):
        s = m.start(1)
        nxt = target[s + 1]
        # The mark must be punctuation: not markup (" :ref:`x`", " %(a)s :%(b)s") and not
        # glued to what follows (" ?page=2"), as fr-punctuation-space judges it.
        if (not _inside(s, excluded) and not _inside(s + 1, excluded)
                and not (nxt == ":" and target[s + 2:s + 3].isdigit())
                and (nxt == "\u00bb" or _MARK_END.match(target, s + 2))):
            hits.append(Hit(s, s + 1, Text(N_("No-break space expected before “%(mark)s”."),
                                           mark=nxt), NBSP if nxt == ":" else NNBSP))
    for m in _PLAIN_AFTER.finditer(target):
        s = m.start(1)
        if not _inside(s, excluded):
            hits.append(Hit(s, s + 1, Text(N_("No-break space expected after «.")), NNBSP))
    for m in _GROUPS.finditer(target):
        if _inside(m.start(), excluded):
            continue
        for k, ch in enumerate(m.group(0)):
            if ch == " ":
                s = m.start() + k
                hits.append(Hit(s, s + 1, Text(N_("No-break space expected between the digit "
                                                  "groups of a number.")), NNBSP))
    hits.sort(key=lambda h: h.start)
    return hits


_SEPARATOR_NAMES = {NNBSP: Text(N_("a no-break space")), NBSP: Text(N_("a no-break space")),
                    ".": Text(N_("a point")), "'": Text(N_("an apostrophe")),
                    "\u2019": Text(N_("an apostrophe")), ",": Text(N_("a comma"))}
_DECIMAL_NAMES = {",": Text(N_("a decimal comma")), ".": Text(N_("a decimal point"))}
# "1,234.5": English groups and decimals together.
_ENGLISH_BOTH = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+\.\d+(?![\d.,]?\d)")
# "3.000", "3'000", "3 000": digits grouped by something else than a comma.
_OTHER_GROUPS = re.compile(r"(?<![\d.,'\u2019])\d{1,3}(?:([.'\u2019 ])\d{3})(?:\1\d{3})*"
                           r"(?![\d.,'\u2019]?\d)")
# A clock time written with a point ("7.30 pm", "7.30 Uhr"): not a decimal.
_CLOCK_AFTER = re.compile(r"\s?(?:[ap]\.?m\b|Uhr\b|h\b|horas?\b|ore\b|uur\b|godz)", re.I)


def _english_numbers(lang: Languages) -> bool:
    """The reference writes numbers the English way (point for decimals, comma for groups)."""
    if lang.source_base == "en":
        return True
    source = profile(lang.source)
    return not source.neutral and (source.decimal, source.group) == (".", ",")


@lru_cache(maxsize=64)
def _language_name(prof) -> str:
    """"French"; a regional variant by its own name when its numbers differ from the base's
    ("German (Switzerland)")."""
    base = profile(prof.base)
    code = prof.base if (base.decimal, base.group) == (prof.decimal, prof.group) else prof.code
    return Language(code, display_name(code, "en") or code)


def find_number_format(reference: str, target: str, lang: Languages, context: Context):
    """Numbers of the reference copied with English (or another language's) separators into
    a target that writes them otherwise: "3,000" and "7.5" in German or French, "3.000" in
    Swiss German, "10 000" with a plain space in Russian; "12%" in French."""
    if not _DIGIT.search(target):
        return []   # every pattern below needs a decimal digit
    prof = profile(lang.target)
    excluded = _excluded(target)
    hits = []
    if _english_numbers(lang):
        hits.extend(_copied_numbers(reference, target, prof, excluded))
    if prof.space_before_percent:
        name = _language_name(prof)
        hits.extend(Hit(m.start(), m.end(), Text(N_("%(language)s puts a no-break space "
                                                    "before %%."), language=name),
                        prof.space_before_percent + "%")
                    for m in _GLUED_PERCENT.finditer(target) if not _inside(m.start(), excluded))
    hits.sort(key=lambda h: h.start)
    return hits


def _copied_numbers(reference: str, target: str, prof, excluded):
    """Number tokens of the target that the (English-style) reference holds as they are."""
    in_reference = _in_reference(reference)
    name, group, decimal = _language_name(prof), prof.group, prof.decimal
    if group != ",":
        for m in _ENGLISH_THOUSANDS.finditer(target):
            token = m.group(0)
            if in_reference(token) and not _inside(m.start(), excluded):
                yield Hit(m.start(), m.end(), Text(N_("“%(number)s” uses English thousands "
                                                      "separators; %(language)s groups digits "
                                                      "with %(separator)s."), number=token,
                                                   language=name,
                                                   separator=_SEPARATOR_NAMES.get(group, group)),
                          token.replace(",", group))
    if decimal != ".":
        for m in _ENGLISH_DECIMAL.finditer(target):
            token = m.group(0)
            if (in_reference(token) and not _inside(m.start(), excluded)
                    and not _clock_time(reference, target, m)):
                yield Hit(m.start(), m.end(), Text(N_("“%(number)s” uses a decimal point; "
                                                      "%(language)s writes a decimal comma."),
                                                   number=token, language=name),
                          token.replace(".", decimal))
    if prof.base == "fr":
        return   # French keeps its figures; fr-nbsp judges plain spaces in its numbers
    for m in _ENGLISH_BOTH.finditer(target) if (group, decimal) != (",", ".") else ():
        token = m.group(0)
        if in_reference(token) and not _inside(m.start(), excluded):
            whole, fraction = token.split(".")
            yield Hit(m.start(), m.end(), Text(N_("“%(number)s” is written the English way; "
                                                  "%(language)s writes %(separator)s between "
                                                  "digit groups and %(decimal)s."),
                                               number=token, language=name,
                                               separator=_SEPARATOR_NAMES.get(group, group),
                                               decimal=_DECIMAL_NAMES.get(
                                                   decimal, f"a decimal {decimal}")),
                      whole.replace(",", group) + decimal + fraction)
    yield from _regrouped(reference, target, prof, name, excluded)


def _regrouped(reference: str, target: str, prof, name: str, excluded):
    """A reference number "3,000" grouped in the target by another separator than the
    target's own: "3.000" in Swiss German (3'000), "3 000" with a plain space where the
    target wants a no-break one (Russian, Polish)."""
    wanted = prof.group
    grouped = {m.group(0).replace(",", "") for m in _ENGLISH_THOUSANDS.finditer(reference)}
    if not grouped:
        return
    for m in _OTHER_GROUPS.finditer(target):
        sep = m.group(1)
        if sep == wanted or (sep in "'\u2019" and wanted in "'\u2019"):
            continue
        if sep == " " and wanted not in (NBSP, NNBSP):
            continue   # German and Dutch may group digits with a space (DIN 5008)
        token = m.group(0)
        if token.replace(sep, "") not in grouped or _inside(m.start(), excluded):
            continue
        what = (Text(N_("a plain space, which lets the number break across lines"))
                if sep == " " else _SEPARATOR_NAMES.get(sep, sep))
        yield Hit(m.start(), m.end(), Text(N_("“%(number)s” groups its digits with "
                                              "%(separator)s; %(language)s groups them with "
                                              "%(wanted)s."), number=token, separator=what,
                                           language=name,
                                           wanted=_SEPARATOR_NAMES.get(wanted, wanted)),
                  token.replace(sep, wanted))


def _clock_time(reference: str, target: str, m) -> bool:
    """"7.30 pm" or "7.30 Uhr": hours and minutes written with a point, not a decimal."""
    hours, _, minutes = m.group(0).partition(".")
    if len(minutes) != 2 or int(hours) > 24 or int(minutes) > 59:
        return False
    if _CLOCK_AFTER.match(target, m.end()):
        return True
    at = reference.find(m.group(0))
    return at >= 0 and _CLOCK_AFTER.match(reference, at + len(m.group(0))) is not None


def find_fr_number_format(reference: str, target: str, lang: Languages, context: Context):
    """English number formatting in French: "3,000", "7.5", "12%" (``find_number_format``
    with the French profile)."""
    return find_number_format(reference, target, lang, context)


def find_apostrophe_style(reference: str, target: str, lang: Languages, context: Context):
    """Straight and typographic apostrophes mixed (see the module docstring)."""
    if "'" not in target:
        return []
    excluded = _excluded(target)
    marks = [(m.start(1), m.group(1)) for m in _APOSTROPHE.finditer(target)
             if not _inside(m.start(1), excluded)]
    style = context.apostrophe
    if style is None:
        curly = sum(1 for _, ch in marks if ch == "\u2019")
        straight = len(marks) - curly
        if not curly or not straight:
            return []
        style = "'" if straight > curly else "\u2019"
    said = {"'": Text(N_("Apostrophe style: the text uses straight apostrophes (%(mark)s) "
                         "elsewhere."), mark="'"),
            "\u2019": Text(N_("Apostrophe style: the text uses typographic apostrophes "
                              "(%(mark)s) elsewhere."), mark="\u2019")}[style]
    return [Hit(i, i + 1, said, style)
            for i, ch in marks if ch != style]


def find_space_before_punctuation(reference: str, target: str, lang: Languages,
                                  context: Context):
    """A space before , ; : ! ? in a language that does not space them."""
    if " " not in target and not any(c in target for c in _NB):
        return []
    excluded = _excluded(target)
    return [Hit(m.start(1), m.end(1), Text(N_("No space before “%(mark)s” in this "
                                              "language."), mark=target[m.end(1)]), "")
            for m in _SPACE_BEFORE.finditer(target) if not _inside(m.start(1), excluded)]


_FR = frozenset({"fr"})
FR_PUNCTUATION_SPACE = Check(
    "fr-punctuation-space", "typography", "minor", find_fr_punctuation_space,
    "French spacing: ; : ! ? and \u00ab \u00bb need a no-break space.", target_langs=_FR)
FR_NBSP = Check(
    "fr-nbsp", "typography", "minor", find_fr_nbsp,
    "French: plain spaces where no-break spaces are expected (house style).",
    target_langs=_FR)
FR_NUMBER_FORMAT = Check(
    "fr-number-format", "typography", "minor", find_fr_number_format,
    "French number formatting: digit groups, decimal comma, space before %.",
    target_langs=_FR)
APOSTROPHE_STYLE = Check(
    "apostrophe-style", "typography", "minor", find_apostrophe_style,
    "Straight and typographic apostrophes mixed.")
NUMBER_FORMAT = Check(
    "number-format", "typography", "minor", find_number_format,
    "Numbers copied with another language's digit groups or decimal mark.",
    target_langs=frozenset(PROFILED) - _FR)
SPACE_BEFORE_PUNCTUATION = Check(
    "space-before-punctuation", "typography", "minor", find_space_before_punctuation,
    "A space before punctuation in a language that does not use one.",
    target_langs=GLUED_PUNCTUATION)
