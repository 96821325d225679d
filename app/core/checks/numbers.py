"""Mistranslation: numbers, dates and literal identifiers that differ from the reference.

number-mismatch
    Numbers are compared by value across locale formats: "2,500" (en) = "2 500" / "2 500" /
    "2 500" (fr, with a plain, no-break or narrow no-break space) = "2.500" (de); "7.5%" =
    "7,5 %"; "1.2 million" = "1,2 million" (scale words are read per language, so "2 billion"
    = "2 milliards"). A token whose separators are ambiguous ("3,000" in French) gets every
    plausible value. Ordinals written with digits count by their digits ("12th" = "12e",
    "1 May" = "1er mai"), and Roman ordinals by their value ("3rd century" = "IIIe siècle"). Small numbers written as words ("two" / "deux" / "zwei" / "dos", 2-12)
    count as numbers on both sides; "one"/"un" are skipped (they are also articles).
    A target number is flagged when no reference number has its value AND some reference
    number has no counterpart in the target: a changed number, not an added one. When one
    number was changed for one other, the suggestion is the reference's number written the
    target's way ("4,200" -> "4 200" in French, grouped with a narrow no-break space unless
    the target's number used another no-break space; "7.5" -> "7,5"; a clock time "3 pm" ->
    "15 h" in French, "15:00" elsewhere).

date-mismatch
    Month and weekday names (en, fr, de, es, it, pt) are compared by meaning ("January" ~
    "janvier", "Tuesday" ~ "mardi"), with the same rule: a target month or weekday absent from
    the reference is flagged when a reference month (weekday) has no counterpart in the target.
    English "May" counts only mid-sentence or next to a number (it is also a verb).

identifier-mismatch
    URLs, e-mail addresses, @handles and #hashtags must be copied verbatim. A target item of
    one kind that the reference does not contain is flagged when the reference holds an item
    of that kind missing from the target; the suggestion is the closest reference item.

Without a reference the checks report nothing.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Counted, Text
from app.core.checks.verbatim import code_spans, owned
from app.core.tokens import protected_spans

# Digits with optional grouping (",", ".", apostrophes, plain/no-break/narrow spaces) and an
# optional decimal part. Not preceded by a letter or digit ("IPv4", "COVID-19" stay out).
_SPACES = " \u00a0\u202f\u2009"
_NUMBER = re.compile(
    rf"(?<![\w.,])(?<![\w][-/])"
    rf"(\d{{1,3}}(?:[,.'\u2019{_SPACES}]\d{{3}})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    rf"(?![\w])"
)
# Ordinals written with digits ("12th", "1st", "1er", "12e", "2nde", "XXIe" aside): the
# number is the digits, the suffix stays out of its span (a suggestion keeps it).
_ORDINAL = re.compile(r"(?<![\w.,])(\d{1,4})(?:st|nd|rd|th|er|re|ère|e|ème|eme|nde?"
                      r"|\u1d49|\u1d49\u02b3|\u02b3\u1d49)(?![\w])")
# Centuries and ordinals in Roman numerals ("XIIe siècle", "Ier"), read in every language.
_ROMAN_ORDINAL = re.compile(r"(?<![\w.,])([IVX]{1,6})(?:er|re|e|ème|\u1d49|\u1d49\u02b3)(?![\w])")
_ROMAN = {"I": 1, "V": 5, "X": 10}   # no L nor C: "Le", "Ce"
_ROMAN_LETTER = re.compile("[IVX]")   # every Roman ordinal needs one
_DECIMAL_COMMA = frozenset({"fr", "de", "es", "it", "pt", "nl", "ru", "pl", "sv", "da", "nb",
                            "fi", "cs", "ca", "ro", "uk", "tr", "hu", "el"})

_SCALES = {
    "en": {"thousand": 1e3, "million": 1e6, "millions": 1e6, "billion": 1e9, "billions": 1e9,
           "trillion": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3},
    "fr": {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9,
           "billion": 1e12, "billions": 1e12, "md": 1e9, "mds": 1e9},
    "de": {"tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9,
           "milliarden": 1e9, "mrd": 1e9, "billion": 1e12, "billionen": 1e12},
    "es": {"mil": 1e3, "millón": 1e6, "millones": 1e6, "billón": 1e12, "billones": 1e12},
    "it": {"mila": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9},
    "pt": {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9,
           "milhar": 1e3},
}
_WORD_NUMBERS = {
    "en": "two three four five six seven eight nine ten eleven twelve",
    "fr": "deux trois quatre cinq six sept huit neuf dix onze douze",
    "de": "zwei drei vier fünf sechs sieben acht neun zehn elf zwölf",
    "es": "dos tres cuatro cinco seis siete ocho nueve diez once doce",
    "it": "due tre quattro cinque sei sette otto nove dieci undici dodici",
    "pt": "dois três quatro cinco seis sete oito nove dez onze doze",
}
_MONTHS = {
    "en": "january february march april may june july august september october november december",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "januar februar märz april mai juni juli august september oktober november dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
    "it": "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
    "pt": "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
}
_WEEKDAYS = {
    "en": "monday tuesday wednesday thursday friday saturday sunday",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "de": "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "it": "lunedì martedì mercoledì giovedì venerdì sabato domenica",
    "pt": "segunda terça quarta quinta sexta sábado domingo",
}
# Languages whose month and weekday names are capitalised (a lower-case "may" is a verb).
_CAPITALISED_NAMES = frozenset({"en", "de"})
_WORD = re.compile(r"[^\W\d_]+")
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=None)
def _word_table(table_name: str, lang: str) -> dict[str, int]:
    table = {"months": _MONTHS, "weekdays": _WEEKDAYS, "numbers": _WORD_NUMBERS}[table_name]
    words = table.get(lang, "").split()
    start = 2 if table_name == "numbers" else 0
    return {w: i + start for i, w in enumerate(words)}


@lru_cache(maxsize=None)
def _table_scan(table_name: str, lang: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a table word anywhere, a table word between two characters that are no letters)."""
    words = "|".join(re.escape(w) for w in _word_table(table_name, lang))
    return re.compile(words), re.compile(r"(?<![^\W\d_])(?:" + words + r")(?![^\W\d_])")


def _may_hold(text: str, table_name: str, lang: str) -> bool:
    """Can a word of the table be among the words of ``text``? A word whose lower-case form
    is in the table leaves that form in the lower-cased text (table words are plain
    lower-case letters), between two characters that are no letters (lower case keeps a
    letter a letter), so "no" is certain: "mai" in "maintien" is no month. The table's
    words are found anywhere first (a faster scan), then each place is tried whole."""
    anywhere, whole = _table_scan(table_name, lang)
    lowered = text.lower()
    m = anywhere.search(lowered)
    while m is not None:
        if whole.match(lowered, m.start()):
            return True
        m = anywhere.search(lowered, m.start() + 1)
    return False


def _table_word_spans(text: str, table_name: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the words of ``text`` (``_WORD``) that may be words of the table: the
    places of table words in the lower-cased text (``_may_hold``'s second pattern), found by
    re instead of going through every word. Lower case keeps a letter a letter (and
    anything else no letter), so while it maps each character to one the places are those
    of whole words whose lower case is a table word (tests/core/
    test_checks_long_numbers.py); otherwise every word is given."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.span() for m in _WORD.finditer(text)]
    return [m.span() for m in _table_scan(table_name, lang)[1].finditer(lowered)]


@dataclass(frozen=True)
class _Number:
    start: int
    end: int
    values: frozenset[float]
    digits: bool   # written with digits (only those are flagged)
    scaled: frozenset[float] = frozenset()   # values times a scale word ("2 millions")

    def matches(self, other: "_Number") -> bool:
        if self.scaled and other.scaled:
            return bool(self.scaled & other.scaled)
        return bool((self.values | self.scaled) & (other.values | other.scaled))


def _round(x: float) -> float:
    return round(x, 6)


@lru_cache(maxsize=4096)
def _readings(token: str, lang: str) -> frozenset[float]:
    """Every plausible value of a digit token in ``lang``. Memoised per token (a fact about
    the token: list numbers, years and counts recur from text to text)."""
    return frozenset(_read(token, lang))


def _read(token: str, lang: str) -> set[float]:
    compact = token
    for sp in _SPACES + "'\u2019":
        compact = compact.replace(sp, "")
    if compact != token and re.fullmatch(r"\d+(?:[.,]\d+)?", compact) and compact.count(",") + compact.count(".") <= 1:
        # Spaces or apostrophes group thousands; a remaining , or . is the decimal mark.
        return {_round(float(compact.replace(",", ".")))}
    seps = set(re.findall(r"[.,]", compact))
    if not seps:
        return {float(compact)}
    values = set()
    for grouping, decimal in ((",", "."), (".", ",")):
        candidate = compact
        groups = candidate.split(decimal)
        if len(groups) > 2:
            continue
        int_part = groups[0]
        if grouping in int_part and not re.fullmatch(r"\d{1,3}(?:" + re.escape(grouping) + r"\d{3})+", int_part):
            continue
        number = int_part.replace(grouping, "") + ("." + groups[1] if len(groups) == 2 else "")
        if re.fullmatch(r"\d+(?:\.\d+)?", number):
            values.add(_round(float(number)))
    # "3,000" in English is three thousand; in French 3,000 is three. Keep both readings only
    # when the language's own reading is ambiguous: the other reading is an MT copy.
    return values or {0.0}


# Clock times: "18:00", "18 h 30", "18 h", "6 p.m.", "6:30pm", "2.30 pm". Values are minutes
# after midnight. "18 h" alone is a time in French; "2.30" only with am/pm after it.
_TIME = re.compile(r"(?<![\d.,:])(?P<hour>\d{1,2})"
                   r"(?:\s?[:h]\s?(?P<minute>\d{2})(?!\d)"
                   r"|\.(?P<dotted>\d{2})(?=\s?[ap]\.?m\b)"
                   r"|(?P<hours>\s?h)(?![\w])"
                   r"|(?=\s?[ap]\.?m\b))"
                   r"(?:\s?(?P<half>[ap])\.?m\.?)?", re.IGNORECASE)


def _times(text: str) -> list[_Number]:
    out = []
    for m in _TIME.finditer(text):
        minutes = m.group("minute") or m.group("dotted")
        hour, minute = int(m.group("hour")), int(minutes or 0)
        if hour > 24 or minute > 59 or (minutes is None and not m.group("half")
                                        and not m.group("hours")):
            continue
        if m.group("half"):
            hour = hour % 12 + (12 if m.group("half").lower() == "p" else 0)
        out.append(_Number(m.start(), m.end(), frozenset({float(hour * 60 + minute)}), True))
    return out


@lru_cache(maxsize=16)
def _numbers(text: str, lang: str) -> tuple[_Number, ...]:
    """The numbers of ``text`` (digits, clock times, small number words). Memoised for a
    few recent texts only: number-mismatch and missing-content read the same pair."""
    base = lang
    scales = _SCALES.get(base, {})
    has_digit = _DIGIT.search(text) is not None   # clock times and numbers need one
    out = _times(text) if has_digit else []
    # The digits of a placeholder or an entity ("{0}", "%1$s", "&#160;") are no number.
    taken = [(t.start, t.end) for t in out] + (code_spans(text) if has_digit else [])
    for m in _NUMBER.finditer(text) if has_digit else ():
        if any(s <= m.start() < e for s, e in taken):
            continue
        token = m.group(1)
        values = _readings(token, base)
        after = _WORD.match(text, m.end() + 1) if m.end() < len(text) and text[m.end()] in _SPACES else None
        scaled = frozenset()
        if after and after.group(0).lower() in scales:
            scale = scales[after.group(0).lower()]
            scaled = frozenset(_round(v * scale) for v in values)
        out.append(_Number(m.start(), m.end(), values, True, scaled))
    for m in _ORDINAL.finditer(text) if has_digit else ():
        if not any(s <= m.start() < e for s, e in taken):
            out.append(_Number(m.start(), m.end(1), frozenset({float(m.group(1))}), True))
    if "e" in text and _ROMAN_LETTER.search(text):
        out += _roman_ordinals(text)
    words = _word_table("numbers", base)
    if words and _may_hold(text, "numbers", base):
        for start, end in _table_word_spans(text, "numbers", base):
            value = words.get(text[start:end].lower())
            if value is not None:
                out.append(_Number(start, end, frozenset({float(value)}), False))
    return tuple(out)


def _roman_ordinals(text: str) -> list[_Number]:
    """"XIIe", "Ier": numbers not written with digits (never flagged themselves)."""
    out = []
    for m in _ROMAN_ORDINAL.finditer(text):
        digits = [_ROMAN[c] for c in m.group(1)]
        value = sum(-d if d < nxt else d for d, nxt in zip(digits, digits[1:] + [0]))
        if value > 0:
            out.append(_Number(m.start(), m.end(1), frozenset({float(value)}), False))
    return out


def _unmatched(items, others):
    """Items of ``items`` whose value set meets no value set of ``others`` (multiset match):
    each item, in order, takes the first free one of ``others`` that it matches
    (``_Number.matches``), found through indexes by value (trying every pair took a second
    on a long segment of numbers)."""
    plain, any_scaled, by_scale = {}, {}, {}  # value -> positions in ``others``, ascending
    for k, other in enumerate(others):
        if other.scaled:
            for value in other.values | other.scaled:
                any_scaled.setdefault(value, []).append(k)
            for value in other.scaled:
                by_scale.setdefault(value, []).append(k)
        else:
            for value in other.values:
                plain.setdefault(value, []).append(k)
    used, heads, left = set(), {}, []
    for it in items:
        if it.scaled:  # a scaled other matches on the scaled values only
            lists = ([(plain, v) for v in it.values | it.scaled]
                     + [(by_scale, v) for v in it.scaled])
        else:
            lists = [(index, v) for v in it.values for index in (plain, any_scaled)]
        free = [k for k in (_first_free(index, v, used, heads) for index, v in lists)
                if k is not None]
        if free:
            used.add(min(free))
        else:
            left.append(it)
    return left


def _first_free(index, value, used, heads):
    """The first position listed under ``value`` in ``index`` that is not ``used`` (None:
    none is); ``heads`` keeps how far each list is used up."""
    positions = index.get(value)
    if not positions:
        return None
    key = (id(index), value)
    head = heads.get(key, 0)
    while head < len(positions) and positions[head] in used:
        head += 1
    heads[key] = head
    return positions[head] if head < len(positions) else None


SHOWN = 5  # the reference's numbers named in a number-mismatch message, at most
SHOWN_CHARS = 30  # and the characters of each


def _cut(number: str) -> str:
    return number if len(number) <= SHOWN_CHARS else number[:SHOWN_CHARS] + "\u2026"


def _number_hits(reference: str, target: str, lang: Languages) -> list[Hit]:
    ref = _numbers(reference, lang.source_base)
    tgt = _numbers(target, lang.target_base)
    if not ref or not tgt:
        return []
    missing = _unmatched(ref, tgt)
    if not any(r.digits for r in missing):
        return []
    wrong = [t for t in _unmatched(tgt, ref) if t.digits]
    shown = ", ".join(_cut(reference[r.start:r.end]) for r in missing[:SHOWN])
    digit_missing = [r for r in missing if r.digits]
    fix = None
    if len(wrong) == 1 and len(digit_missing) == 1:
        fix = _written_like(digit_missing[0], reference, target[wrong[0].start:wrong[0].end],
                            lang.source_base, lang.target_base)
    return [Hit(t.start, t.end, _number_said(target[t.start:t.end], shown, len(missing)), fix)
            for t in wrong]


def _number_said(number: str, shown: str, missing: int) -> Text:
    """The message of a target number the reference lacks (`shown`: the first SHOWN of the
    `missing` reference numbers)."""
    if missing <= SHOWN:  # each message names a few (all of them made messages quadratic)
        return Text(N_("Number “%(number)s” does not match the reference (reference has "
                       "%(shown)s)."), number=number, shown=shown)
    return Counted("Number “%(number)s” does not match the reference (reference has "
                   "%(shown)s and %(more)s more).",
                   "Number “%(number)s” does not match the reference (reference has "
                   "%(shown)s and %(more)s more).", number=number, shown=shown,
                   n=missing - SHOWN, more=str(missing - SHOWN))


_GROUPS = re.compile(r"\d{4,}")


def _written_like(number: _Number, reference: str, wrong: str, source: str,
                  lang: str) -> str | None:
    """The reference's ``number`` written the way the target writes numbers: "4,200" -> "4 200"
    (grouped with the wrong token's space, a narrow no-break space by default) and "7.5" ->
    "7,5" in French; a clock time the way French writes it ("3 pm" -> "15 h"). None when its
    value is not certain (an ambiguous token)."""
    token = reference[number.start:number.end]
    if _TIME.fullmatch(token) and len(number.values) == 1:
        minutes = int(next(iter(number.values)))
        hour, minute = divmod(minutes, 60)
        if lang != "fr":
            return f"{hour:02d}:{minute:02d}"
        space = next((c for c in wrong if c in " \u00a0\u202f"), "\u00a0")
        return f"{hour}{space}h" + (f"{space}{minute:02d}" if minute else "")
    if not re.fullmatch(r"\d[\d.,'\u2019 \u00a0\u202f]*", token):
        return None
    # Read the token by the reference language's own convention.
    decimal_in = "," if source in _DECIMAL_COMMA else "."
    whole, _, fraction = token.rpartition(decimal_in) if decimal_in in token else (token, "", "")
    whole = re.sub(r"\D", "", whole)
    if not whole or (fraction and not fraction.isdigit()):
        return None
    if _round(float(whole + ("." + fraction if fraction else ""))) not in number.values:
        return None
    decimal_mark = "," if lang in _DECIMAL_COMMA else "."
    if len(whole) > 4 or (len(whole) == 4 and not re.fullmatch(r"\d{4}", wrong)):
        space = next((c for c in wrong if c in "\u00a0\u202f\u2009"), None)
        group = (space or "\u202f") if lang in _DECIMAL_COMMA else ","
        whole = f"{int(whole):,}".replace(",", group)
    return whole + (decimal_mark + fraction if fraction else "")


def find_number_mismatch(reference: str, target: str, lang: Languages, context: Context):
    """Target numbers whose value is not in the reference (see the module docstring).
    Clock times are compared in minutes ("6 p.m." = "18:00" = "18 h")."""
    if not reference.strip():
        return []
    return _number_hits(reference, target, lang)


# ---------------------------------------------------------------------------- dates

def _sentence_initial(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in " \t\"'“«(":
        i -= 1
    return i == 0 or text[i - 1] in ".!?\n"


def _calendar_words(text: str, lang: str, table_name: str) -> list[tuple[int, int, int]]:
    table = _word_table(table_name, lang)
    if not table or not _may_hold(text, table_name, lang):
        return []
    out = []
    for start, end in _table_word_spans(text, table_name, lang):
        word = text[start:end]
        index = table.get(word.lower())
        if index is None:
            continue
        if lang in _CAPITALISED_NAMES and not word[0].isupper():
            continue
        if lang == "en" and word == "May":
            near_digit = re.search(r"\d", text[max(0, start - 4):end + 4])
            if _sentence_initial(text, start) and not near_digit:
                continue
        if lang not in _CAPITALISED_NAMES and word[0].isupper() and not _sentence_initial(text, start):
            continue   # "Mars" mid-sentence in French is the planet or a name
        out.append((start, end, index))
    return out


def find_date_mismatch(reference: str, target: str, lang: Languages, context: Context):
    """Month and weekday names that differ from the reference's."""
    if not reference.strip():
        return []
    hits = []
    for table_name, said in (("months", N_("Month “%(word)s” does not match the reference.")),
                             ("weekdays", N_("Weekday “%(word)s” does not match the "
                                             "reference."))):
        ref = _calendar_words(reference, lang.source_base, table_name)
        tgt = _calendar_words(target, lang.target_base, table_name)
        if not ref or not tgt:
            continue
        ref_left = [i for i in (r[2] for r in ref)]
        for _, _, index in tgt:
            if index in ref_left:
                ref_left.remove(index)
        if not ref_left:
            continue
        ref_set = {r[2] for r in ref}
        names = _word_table(table_name, lang.target_base)
        by_index = {v: k for k, v in names.items()}
        for s, e, index in tgt:
            if index not in ref_set:
                want = by_index.get(ref_left[0]) if len(ref_left) == 1 else None
                if want and target[s].isupper():
                    want = want.capitalize()
                hits.append(Hit(s, e, Text(said, word=target[s:e]), want))
    return hits


# ---------------------------------------------------------------------- identifiers

def _kind(item: str) -> str:
    if item.startswith("@"):
        return "handle"
    if item.startswith("#"):
        return "hashtag"
    if "@" in item:
        return "e-mail address"
    return "URL"


def _identifiers(text: str) -> list[tuple[int, int, str, str]]:
    out = []
    for s, e in protected_spans(text):
        if not owned(text, s, e):   # a file name or function name: code-mismatch's
            item = text[s:e]
            out.append((s, e, item, _kind(item)))
    return out


_LANG_PART = re.compile(r"(?<=[/.=_-])[a-z]{2}(?:[-_][a-zA-Z]{2})?(?=[/._&-]|$)|^[a-z]{2}(?=\.)")


def _delocalised(url: str, codes: tuple[str, ...]) -> str:
    """``url`` with language-code parts ("/en/", "en.", "?lang=en") of ``codes`` blanked:
    a link localised to the target language ("docs/fr/...") is a correct translation."""
    def blank(m):
        return "*" if m.group(0).split("-")[0].split("_")[0].lower() in codes else m.group(0)
    host_start = url.find("//") + 2 if "//" in url else 0
    return url[:host_start] + _LANG_PART.sub(blank, url[host_start:])


def _same(a: str, b: str, kind: str, codes: tuple[str, ...] = ()) -> bool:
    if kind in ("e-mail address", "handle", "hashtag"):
        return a.lower() == b.lower()
    a, b = a.rstrip("/"), b.rstrip("/")
    return a == b or bool(codes) and _delocalised(a, codes) == _delocalised(b, codes)


_CHANGED = {
    "URL": N_("The URL “%(item)s” differs from the reference (“%(best)s”): it must be "
              "copied unchanged."),
    "e-mail address": N_("The e-mail address “%(item)s” differs from the reference "
                         "(“%(best)s”): it must be copied unchanged."),
    "handle": N_("The handle “%(item)s” differs from the reference (“%(best)s”): it must be "
                 "copied unchanged."),
    "hashtag": N_("The hashtag “%(item)s” differs from the reference (“%(best)s”): it must "
                  "be copied unchanged."),
}


def find_identifier_mismatch(reference: str, target: str, lang: Languages, context: Context):
    """URLs, e-mail addresses, @handles and #hashtags changed in the target."""
    if not reference.strip() or not any(c in target for c in ".@#"):
        return []
    ref = _identifiers(reference)
    if not ref:
        return []
    hits = []
    codes = (lang.source_base, lang.target_base)
    tgt = _identifiers(target)
    for s, e, item, kind in tgt:
        same_kind = [r[2] for r in ref if r[3] == kind]
        if not same_kind or any(_same(item, r, kind, codes) for r in same_kind):
            continue
        in_target = [t for t in same_kind if not any(
            _same(t, x[2], kind, codes) for x in tgt)]
        if not in_target:
            continue
        best = max(in_target, key=lambda r: difflib.SequenceMatcher(None, r, item).ratio())
        hits.append(Hit(s, e, Text(_CHANGED[kind], item=item, best=best), best))
    return hits


NUMBER_MISMATCH = Check(
    "number-mismatch", "mistranslation", "major", find_number_mismatch,
    "Numbers that differ in value from the reference (any locale format).")
DATE_MISMATCH = Check(
    "date-mismatch", "mistranslation", "major", find_date_mismatch,
    "Month and weekday names that differ from the reference.")
IDENTIFIER_MISMATCH = Check(
    "identifier-mismatch", "mistranslation", "critical", find_identifier_mismatch,
    "URLs, e-mail addresses, @handles and #hashtags that are not copied verbatim.")
