"""Untranslated text: source-language words, phrases and whole segments left in the target.

untranslated-words
    A *seed* is a word that the target-language Hunspell dictionary rejects and that wordfreq
    says leans to the source language (``SEED_LEAN``), and that the source dictionary knows.
    A word the target dictionary accepts is a seed only when it leans strongly to the source
    language and also appears in the reference ("building" in "le building du parlement" for
    "the parliament building"): MT copies source words verbatim, so the echo is evidence.
    Ignored: URLs, e-mails, @handles, #hashtags, numbers, acronyms (all capitals), code-like
    tokens (placeholders, markup, identifiers), whatever app/core/markup.py protects (reST
    roles, literals, quoted code such as 'language = None', commands shown after "like
    so:", options, paths), mixed-case words ("YouTube"), capitalised
    words inside a sentence (names), accepted loanwords (app/core/data/loanwords/<lang>.txt)
    and words the document accepts (Context.accepted_words). A capitalised word at the start
    of a sentence, or after an opening quote or dash, is not a name by its capital alone:
    it is judged by its lower-case form ("Picture de couverture"), provided the source
    dictionary knows that form and the word is not used as a name elsewhere in the target
    or the reference.
    English words that are also French words ("main", "local", "final", "report") get two
    more kinds of evidence, for French targets: a run of two or more words copied verbatim
    from the reference in its order ("le final report", "les public services": French puts
    most adjectives after the noun), and a word of the reference on which French grammar
    breaks (Grammalecte: "le main pont", "les local autorités", "une coin"; its lexicon: a
    determiner before a verb-only word, "un rider", or before a noun of the other gender
    only, "la car"). The same words used as French ("la main", "le service public", "le
    match final") have neither. A third kind: a false friend copied from the reference in
    about the same place ("La lecture commence" for "The lecture starts"): the
    dictionaries know the French word as the translation of other English words and never
    of itself (``cognates.false_friend``: FreeDict when installed, the hand-written list),
    and the reference holds none of those words ("main" stays French beside "hand"); or,
    in prose (no code or markup in either text), the word leans clearly to the source
    language (``FALSE_FRIEND_ECHO_LEAN``), the dictionaries translate it by other words
    only ("report": "rapport"; ``cognates.translated_otherwise``) and French has it as no
    verb form ("que je serve"). A word French has as an adjective only ("strict",
    "charitable") is left alone: the dictionaries miss many twins of one sense.
    An acronym copied with the English word next to it joins that word's span ("votre
    user ID").
    Languages that write nouns with a capital (``CAPITALISED_NOUNS``: German) have their
    own evidence. A German noun left in French or Spanish is a capitalised word inside the
    sentence, which the rules above take for a name: it is a seed when the German
    dictionary knows it as written, the target dictionary does not, it leans to German by
    ``NOUN_LEAN`` and is rare in the target (``NOUN_MAX_TARGET_ZIPF``; names of people and
    cities travel, "Scholz", "Berlin"), outside a run of capitals ("Deutsche Bahn"), not
    after a preposition of place ("à Bielefeld") nor a compound of a name ("Goethestraße");
    a homograph ("le Rat de la ville") needs an article before it and the same capital in
    the reference. An English noun capitalised in a German target ("die Layoffs") is a seed
    when the reference writes it in lower case. Homographs of other pairs ("also" in
    German, "once" and "red" in Spanish, "come" in Italian, "hier" in French from German)
    are false friends by the hand-written lexicons ``lexicon/<source>-<target>.tsv``.
    Each seed then grows over neighbouring words (separated by spaces only) that lean to
    the source language: rejected words with any lean, accepted words with a strong lean
    (``GROW_LEAN``), never a plainly target-language word (frequent in the target:
    ``PLAIN_TARGET_ZIPF``), a loanword, a name or a number ("state of affairs").

untranslated-segment
    The segment is identical to a non-trivial reference, or most of its words (at least
    ``SEGMENT_MIN_WORDS``, share ``SEGMENT_SHARE``) lean to the source language. One finding
    over the whole segment; it supersedes the word findings inside it. A segment made of
    markup only (":ref:`index`", "%s (%s)") is never untranslated.

Languages: any pair that wordfreq supports (about 40 languages). Without a target-language
dictionary the word check falls back to wordfreq alone with stricter margins (``NO_DICT_*``);
without a source-language dictionary a seed needs ``NO_SOURCE_DICT_LEAN`` and capitalised
sentence-initial words are skipped. When both languages are the same, or wordfreq does not
know the source language, the checks report nothing; when it does not know the target
language ("af", "st"), the segment check reports only a target identical to the reference,
and only when the reference holds a common source-language word (Zipf >=
``IDENTICAL_MIN_ZIPF``; acronyms, names and markup aside): "Two words" left as is in
Afrikaans, not "1234", "F1", "Mozilla", "$file$ : $dir$".
"""
from __future__ import annotations

import re
from functools import cached_property, lru_cache
from typing import NamedTuple

from app.core import freq, markup, spell
from app.core import grammar as french
from app.core.checks import grammar as grammar_checks
from app.core.checks import cognates, suggest, wordlists
from app.core.checks.base import Check, Context, Hit, Languages
from app.core.messages import N_, Language, Text
from app.core.tokens import nonbreaking_prefixes, shared_word_spans

# Zipf-difference thresholds (source minus target), see app/core/freq.py.
SEED_LEAN = 0.5            # rejected by the target dictionary and leaning this much
SEED_MIN_SOURCE_ZIPF = 2.5  # ... and a real source-language word (not a typo)
NO_SOURCE_DICT_LEAN = 1.5   # seed lean when the source language has no dictionary
ECHO_LEAN = 1.5            # accepted by the target dictionary, echoed from the reference
GROW_LEAN = 1.0            # accepted neighbour joined to a span
PLAIN_TARGET_ZIPF = 5.0    # so frequent in the target that it is never joined ("an", "or")
NO_DICT_LEAN = 2.0         # no target dictionary: seed lean ...
NO_DICT_MAX_TARGET_ZIPF = 3.0  # ... and rare in the target
OTHER_LANGUAGE_LEAN = 1.0  # a seed this much more frequent in a third language is a quote
OTHER_LANGUAGES = ("es", "it", "de")  # from that language ("los padres", "dove"), not source
ECHO_MIN_LEAN = -0.3       # a word copied from the reference may join by echo or grammar ...
GENDER_MIN_LEAN = -1.0     # ... or by a gender clash ("une coin": English has no gender)
AGREEMENT_MIN_LEAN = 0.2   # ... or by another agreement error ("les local"; not "les dossiers
                           # source", French apposition)
ECHO_MAX_TARGET_ZIPF = 6.0  # ... unless it is one of the target's most frequent words
ECHO_RUN_LEAN = 0.2        # a copied run needs one word leaning at least this much
SEGMENT_MIN_WORDS = 4
SEGMENT_SHARE = 0.6
# Without a target-language list: an identical segment needs a source word this common.
IDENTICAL_MIN_ZIPF = 3.0
# Languages that write every noun with a capital (German, Luxembourgish): there a capital
# inside a sentence marks a noun as often as a name ("Der Stau", "die Maßnahmen").
CAPITALISED_NOUNS = frozenset({"de", "lb"})
NOUN_LEAN = 2.0            # a capitalised source noun left in the target leans this much ...
NOUN_MAX_TARGET_ZIPF = 2.0  # ... and is this rare in the target: names travel ("Scholz" 2.2
                            # in French, "Stau" 0), so do the institutions ("Bundestag" 2.9)
NOUN_ECHO_LEAN = 0.5       # a capitalised homograph right after a determiner ("le Rat") that
                           # the reference has with the same capital leans at least this much

LANGUAGE_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "ru": "Russian", "pl": "Polish", "sv": "Swedish",
    "da": "Danish", "nb": "Norwegian", "fi": "Finnish", "cs": "Czech", "ca": "Catalan",
    "ro": "Romanian", "uk": "Ukrainian", "tr": "Turkish", "hu": "Hungarian", "el": "Greek",
}

# Code-like stretches whose letters are not prose: printf and brace placeholders, markup
# tags and entities, backquoted code, identifiers with underscores, paths.
_CODE = re.compile(r"""
      %(?:\([^()\s]*\))?[-#0+]*(?:\d+|\*)?(?:\.\d+)?[sdifrxXeEgGcoubaz]
    | \{\{.*?\}\} | \{%.*?%\} | \{[^{}\s]*\}
    | </?[A-Za-z][^<>\n]{0,200}>
    | &\#?\w+;
    | `[^`\n]*`
    | [^\s()]*(?:[_\\|=]|/(?=\w))[^\s()]*
""", re.X)

_SENTENCE_END = ".!?…:;"
_OPENERS = "«“‘\"'([{—–-‹„"
_APOSTROPHES = "'\u2019"
_MAX_GAP = 3  # longest run of spaces between two words of one span


# Every alternative of _CODE needs one of these characters; most texts have none, and this
# scan is far cheaper than trying _CODE at every position.
_MAY_HOLD_CODE = re.compile(r"[%{<&`_\\|=/]")


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The code-like stretches of ``text`` (a new list: callers add to it)."""
    return list(_code_span_tuple(text))


@lru_cache(maxsize=16)
def _code_span_tuple(text: str) -> tuple[tuple[int, int], ...]:
    """``_code_spans`` memoised for the last few texts: the untranslated, punctuation and
    typography checks of one segment ask about the same target and reference."""
    if not _MAY_HOLD_CODE.search(text):
        return ()
    return tuple(m.span() for m in _CODE.finditer(text) if m.end() > m.start())


@lru_cache(maxsize=16)
def _not_prose(text: str) -> tuple[tuple[int, int], ...]:
    """The code-like stretches of ``text`` and its markup (app/core/markup.py), merged,
    sorted: no word inside them is judged. Memoised for the last few texts (the words of a
    text and the false-friend judge ask)."""
    found = _code_spans(text) + [sp[:2] for sp in markup.spans(text)]
    if not found:
        return ()
    found.sort()
    out = [found[0]]
    for s, e in found[1:]:
        if s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return tuple(out)


def _ends_sentence(text: str, i: int, prefixes: frozenset[str]) -> bool:
    """Does the punctuation at text[i] end a sentence? A period after an abbreviation of
    the language ("M.", "Dr.") or after an initial ("J. K. Rowling") does not."""
    if text[i] != ".":
        return text[i] in _SENTENCE_END
    j = i
    while j > 0 and text[j - 1].isalpha():
        j -= 1
    word = text[j:i]
    if not word:
        return True
    return not (word in prefixes or (len(word) == 1 and word.isupper()))


def _sentence_start(text: str, start: int, prefixes: frozenset[str]) -> bool:
    """True when the word at ``start`` opens a sentence, a line, a quotation or a dash clause."""
    i = start
    while i > 0 and text[i - 1].isspace():
        if text[i - 1] == "\n":
            return True
        i -= 1
    if i == 0:
        return True
    before = text[i - 1]
    if before in _SENTENCE_END:
        return _ends_sentence(text, i - 1, prefixes)
    if before in _OPENERS:
        j = i - 1
        while j > 0 and text[j - 1] in _OPENERS:
            j -= 1
        # An opener counts when it starts the text or follows a space or a sentence end;
        # "l'" or "rock-" glued to a previous word is not an opener.
        return j == 0 or text[j - 1].isspace() or text[j - 1] in _SENTENCE_END
    return False


def _glued_apostrophe(text: str, end: int) -> bool:
    """A word followed by an apostrophe and no letter ("not’ maître") is an elided form."""
    return end < len(text) and text[end] in _APOSTROPHES and (
        end + 1 == len(text) or not text[end + 1].isalpha())


class _Word(NamedTuple):
    start: int
    end: int
    text: str
    shape: str   # "lower", "initial" (capitalised at a sentence start), "name", "acronym",
                 # "mixed", "elided" (an article ending with an apostrophe), "short"


_HYPHENS = re.compile(r"[-\u2010\u2011]")


@lru_cache(maxsize=65_536)
def _spelling_shape(word: str) -> str:
    """The shape of a word from its letters alone ("capital" still needs its position).
    Memoised per word (a fact about the word, like the dictionaries' caches)."""
    if word[-1] in _APOSTROPHES:
        return "elided"
    if len(word) < 2 or (not word.isalpha() and sum(c.isalpha() for c in word) < 2):
        return "short"
    if word.islower():
        return "lower"
    if word.isupper():
        return "acronym"
    # Upper case after the first letter of a hyphen part: "YouTube", "iPhone", "McCain".
    for part in _HYPHENS.split(word):
        if not part[1:].islower() and any(c.isupper() for c in part[1:]):
            return "mixed"
    if word[0].isupper():
        return "capital"
    return "lower"


@lru_cache(maxsize=16)
def _words(text: str, lang: str) -> tuple[_Word, ...]:
    """The words of ``text`` with their shapes. Memoised for a handful of recent texts only:
    both untranslated checks (and every judge) read the words of the same target and reference
    during one ``run_checks`` call, so they are scanned once per call, not four times."""
    prefixes = nonbreaking_prefixes(lang)[0]
    code = _not_prose(text)
    out: list[_Word] = []
    ci, n = 0, len(text)
    # The loop runs for every word of every target and reference: names are bound locally
    # and the tuples are built without going through _Word.__new__.
    append, make, shape_of = out.append, tuple.__new__, _spelling_shape
    for s, e in shared_word_spans(text):
        if code:
            while ci < len(code) and code[ci][1] <= s:
                ci += 1
            if ci < len(code) and code[ci][0] < e:
                continue
        word = text[s:e]
        if e < n and text[e] in _APOSTROPHES and _glued_apostrophe(text, e):
            shape = "elided"
        else:
            shape = shape_of(word)
            if shape == "capital":
                shape = "initial" if _sentence_start(text, s, prefixes) else "name"
                if shape == "name" and out and out[-1].shape == "initial" and _adjacent(
                        text, out[-1], make(_Word, (s, e, word, shape))) and not (
                        _plain_initial(out[-1].text, lang)):
                    # "Lewis Carroll": a capital word at the start of a sentence followed by
                    # a name is the first word of that name.
                    out[-1] = make(_Word, (out[-1].start, out[-1].end, out[-1].text, "name"))
        append(make(_Word, (s, e, word, shape)))
    return tuple(out)


@lru_cache(maxsize=64)
def _capitalises_nouns(lang: str) -> bool:
    return re.split(r"[-_]", lang.strip().lower(), maxsplit=1)[0] in CAPITALISED_NOUNS


def _plain_initial(word: str, lang: str) -> bool:
    """In a language that capitalises nouns, a sentence-initial word whose lower case the
    dictionary knows ("Die", "Zum") is no first name: "Die Helfer" is no "Lewis Carroll"."""
    return (_capitalises_nouns(lang) and spell.has_dictionary(lang)
            and spell.is_known(word.lower(), lang))


def _names(*word_lists: tuple[_Word, ...]) -> frozenset[str]:
    """Lower-cased words written with a capital inside a sentence: names in this text."""
    return frozenset(w.text.lower() for words in word_lists for w in words
                     if w.shape in ("name", "mixed"))


def _source_name(lang: Languages) -> str:
    return LANGUAGE_NAMES.get(lang.source_base, f"Source-language ({lang.source})")


# Word verdicts. Whether a word may seed or join an untranslated span depends on the word
# and the language pair only (frequencies, dictionaries); the text around it adds what the
# verdict cannot know (names, loanwords, accepted words, the reference). These verdicts are
# memoised module-wide, keyed by (word, language pair): facts about words, like the Hunspell
# and wordfreq caches underneath, never results about a text. Running text repeats its
# words, so most words are judged once per process instead of once per check and segment.
_NOT_SEED, _SEED, _SEED_IF_ECHOED = 0, 1, 2
_VERDICT_CACHE = 65_536


def _target_knows(text: str, form: str, tgt: str) -> bool:
    return spell.is_known(text, tgt) or (form != text and spell.is_known(form, tgt))


@lru_cache(maxsize=64)
def _other_languages(lang: Languages) -> tuple[str, ...]:
    return tuple(o for o in OTHER_LANGUAGES if o not in (lang.source_base, lang.target_base))


def _third_language(form: str, lang: Languages) -> bool:
    """Is ``form`` much more frequent in another common language than in the source?"""
    threshold = freq.zipf(form, lang.source) + OTHER_LANGUAGE_LEAN
    return any(freq.at_least(form, o, threshold) for o in _other_languages(lang))


@lru_cache(maxsize=_VERDICT_CACHE)
def _seed_verdict(text: str, initial: bool, src: str, tgt: str) -> int:
    """May the word ``text`` seed a span: _SEED, _NOT_SEED, or _SEED_IF_ECHOED (only when the
    reference contains it). ``initial``: capitalised at a sentence start, judged lower-cased."""
    lang = Languages(src, tgt)
    form = text.lower() if initial else text
    lean = freq.lean(form, src, tgt)
    if lean < SEED_LEAN or freq.zipf(form, src) < SEED_MIN_SOURCE_ZIPF:
        return _NOT_SEED
    source_knows = spell.is_known(form, src) if spell.has_dictionary(src) else None
    if initial and not source_knows:
        return _NOT_SEED   # a capitalised word the source dictionary cannot vouch for
    if not spell.has_dictionary(tgt):
        return _SEED if (lean >= NO_DICT_LEAN
                         and freq.zipf(form, tgt) < NO_DICT_MAX_TARGET_ZIPF) else _NOT_SEED
    if _target_knows(text, form, tgt):
        # Accepted by the target dictionary: only a strong lean echoed from the reference.
        return (_SEED_IF_ECHOED if source_knows is True and lean >= ECHO_LEAN
                and freq.zipf(form, tgt) < PLAIN_TARGET_ZIPF else _NOT_SEED)
    if source_knows is False and lean < NO_SOURCE_DICT_LEAN:
        return _NOT_SEED
    # SEED_MIN_SOURCE_ZIPF held above, so the guard's threshold is at least 3.5.
    return _NOT_SEED if _third_language(form, lang) else _SEED


@lru_cache(maxsize=_VERDICT_CACHE)
def _leans_source(text: str, initial: bool, src: str, tgt: str) -> bool:
    """May the word ``text`` join a source-language span next to a seed?"""
    form = text.lower() if initial else text
    lean = freq.lean(form, src, tgt)
    if lean <= 0:
        return False
    if spell.has_dictionary(tgt) and not _target_knows(text, form, tgt):
        return True   # rejected by the target dictionary: never plainly target-language
    return lean >= GROW_LEAN and freq.zipf(form, tgt) < PLAIN_TARGET_ZIPF


@lru_cache(maxsize=_VERDICT_CACHE)
def _counts_for_segment(text: str, initial: bool, src: str, tgt: str) -> bool:
    """Does the word count as source-language in a whole-segment judgement?"""
    return (_leans_source(text, initial, src, tgt)
            and freq.zipf(text, src) >= SEED_MIN_SOURCE_ZIPF)


@lru_cache(maxsize=8)
def _analysis(reference: str, target: str, lang: Languages):
    """(target words, reference words, names, reference vocabulary, the target words in
    lower case, the reference's) of one pair. Both untranslated checks of one
    ``run_checks`` call share it; only a few recent pairs are kept. The judges ask for the
    lower case of the same words many times: it is worked out once here."""
    words = _words(target, lang.target)
    ref_words = _words(reference, lang.source) if reference else ()
    lowers = tuple([w.text.lower() for w in words])
    ref_lowers = tuple([w.text.lower() for w in ref_words])
    return (words, ref_words, _names(words, ref_words), frozenset(ref_lowers), lowers,
            ref_lowers)


class _Judge:
    """Per-call word judgements for one pair and one document: the word verdicts above, plus
    what depends on the text (names, reference) and the document (accepted words)."""

    def __init__(self, reference: str, target: str, lang: Languages, context: Context):
        self.src, self.tgt = lang.source, lang.target
        self.context = context
        self.check_accepted = bool(context.accepted_words)
        self.loans = wordlists.loanwords(lang.target_base)
        (self.words, self.ref_words, self.names, self.ref_vocab, self.lowers,
         self.ref_lowers) = _analysis(reference, target, lang)
        self.reference = reference

    @cached_property
    def bigrams(self) -> frozenset:
        """Pairs of adjacent words of the reference (lower-cased), in reference order."""
        return _reference_bigrams(self.ref_words, self.reference, self.ref_lowers)

    @cached_property
    def ref_lower(self) -> frozenset[str]:
        """Words the reference writes in lower case (common words there, not names)."""
        return frozenset(w.text for w in self.ref_words if w.shape == "lower")

    def eligible(self, w: _Word, names: frozenset[str], loans: bool = False) -> str | None:
        """The form of ``w`` to judge (lower-cased for sentence-initial capitals), or None
        when the word is not a candidate at all (name, acronym, loanword...). ``loans``:
        a loanword is a candidate too (inside a run copied in English order, "la coach
        station", it is English)."""
        if w.shape == "lower":
            form = w.text
        elif w.shape == "initial" and w.text.lower() not in names:
            form = w.text.lower()
        else:
            return None
        key = form.replace("\u2019", "'")
        if (key in self.loans and not loans) or self.check_accepted and (
                self.context.accepts(form) or self.context.accepts(key)):
            return None
        return form

    # Each judgement below asks the memoised word verdict first (most words of a target are
    # plainly target-language) and works out eligibility only for the few words it admits;
    # both are pure, so the order does not change the answer. Only the shapes that can be
    # eligible at all ("lower", "initial") are given a verdict.

    def is_seed(self, w: _Word, names: frozenset[str]) -> bool:
        shape = w.shape
        if shape != "lower" and shape != "initial":
            return False
        verdict = _seed_verdict(w.text, shape == "initial", self.src, self.tgt)
        if verdict == _NOT_SEED:
            return False
        form = self.eligible(w, names)
        if form is None:
            return False
        return verdict == _SEED or form.lower() in self.ref_vocab

    def leans_source(self, w: _Word, names: frozenset[str]) -> bool:
        """May ``w`` belong to a source-language span (next to a seed)?"""
        shape = w.shape
        return ((shape == "lower" or shape == "initial")
                and _leans_source(w.text, shape == "initial", self.src, self.tgt)
                and self.eligible(w, names) is not None)

    def counts_for_segment(self, w: _Word, names: frozenset[str]) -> bool:
        shape = w.shape
        return ((shape == "lower" or shape == "initial")
                and _counts_for_segment(w.text, shape == "initial", self.src, self.tgt)
                and self.eligible(w, names) is not None)


def _adjacent(text: str, left: _Word, right: _Word) -> bool:
    gap = text[left.end:right.start]
    return 0 < len(gap) <= _MAX_GAP and gap.isspace() and "\n" not in gap


def _name_particle(text: str, words: list[_Word], i: int) -> bool:
    """A short lower-case word right before a name ("von Gunten", "van Gogh")."""
    w = words[i]
    return (len(w.text) <= 3 and i + 1 < len(words) and words[i + 1].shape in ("name", "mixed")
            and _adjacent(text, w, words[i + 1]))


_LITERAL_PAIRS = frozenset({('"', '"'), ("'", "'"), ("\u00ab", "\u00bb"), ("\u201c", "\u201d"),
                            ("\u2018", "\u2019"), ("[", "]"), (":", ":"), ("`", "`"),
                            ("(", ")")})
_QUOTE_SPACES = " \u00a0\u202f"


def _occurs_alone(word: str, text: str) -> bool:
    """Does ``word`` occur in ``text`` with no letter or digit glued to either side?"""
    n, i = len(word), text.find(word)
    while i >= 0:
        if ((i == 0 or not text[i - 1].isalnum())
                and (i + n == len(text) or not text[i + n].isalnum())):
            return True
        i = text.find(word, i + 1)
    return False


# Nouns that introduce a name in software text, per language: "the member-order option",
# "l'option member-order", "la directive only", "convert command" / "la commande convert",
# "build dir" / "le dossier build" (not files: "le fichier backup" is English left).
_NAMING_NOUNS = {
    "en": frozenset("""option options directive directives command commands role roles setting
        settings parameter parameters extension extensions module modules function functions
        method methods class classes attribute attributes tag tags field fields variable
        variables key keys flag flags builder builders theme themes event events argument
        arguments property properties dir dirs directory directories folder folders""".split()),
    "fr": frozenset("""option options directive directives commande commandes rôle rôles
        paramètre paramètres réglage réglages extension extensions module modules fonction
        fonctions méthode méthodes classe classes attribut attributs balise balises champ
        champs variable variables clé clés drapeau drapeaux constructeur constructeurs thème
        thèmes événement événements argument arguments propriété propriétés répertoire
        répertoires dossier dossiers""".split()),
}


# A noun used in French before a word: after a determiner or a preposition ("l'option X",
# "la directive X", "de la commande X", "les répertoires source et X"), not inside English
# ("Malformed option description").
_NOUN_BEFORE = re.compile(r"(?i)(?:^|\s)(?:l['’]|la |le |les |une |un |des |du |de |d['’]|cette "
                          r"|ce |cet |ces |son |sa |ses |votre |vos )(\w+)[ \u00a0]+"
                          r"(?:[\w-]+ (?:et|ou) )?\Z")


def _named(text: str, w: _Word, reference: str, lang: Languages | None) -> bool:
    """Is ``w`` a name introduced by a naming noun in both texts: the target's word before it
    (or before the first of two names: "les répertoires source et build"), after a
    determiner ("l'option member-order", "le dossier build"), and a word next to it in the
    reference ("member-order option", "build dir")? Naming nouns are known for a few
    languages only."""
    if lang is None or lang.target_base not in _NAMING_NOUNS:
        return False
    before = _NOUN_BEFORE.search(text[max(0, w.start - 40):w.start])
    if not before or before.group(1).lower() not in _NAMING_NOUNS[lang.target_base]:
        return False
    nouns = _NAMING_NOUNS.get(lang.source_base)
    if not nouns:
        return False
    word = re.escape(w.text)
    alternatives = "|".join(sorted(nouns))
    return re.search(rf"(?i)(?<![\w-]){word}\s+(?:{alternatives})\b"
                     rf"|\b(?:{alternatives})\s+{word}(?![\w-])", reference) is not None


# A list of single-word items: "section, topic, table, admonition ou sidebar". Copied whole
# from the reference, with _LIST_MIN_ITEMS items or more, one of them a target-language word
# (known to its dictionary, leaning less than _LIST_PLAIN_LEAN), it names things.
_LIST_MIN_ITEMS = 4
_LIST_PLAIN_LEAN = 0.3
_LIST_MAX_ITEMS = 24
_LIST = re.compile(r"(?<![\w'’-])[\w-]+(?:, [\w-]+){1,%d},? \w+ [\w-]+(?![\w-])"
                   % (_LIST_MAX_ITEMS - 2))


def _listed(text: str, w: _Word, reference: str, lang: Languages | None) -> bool:
    """Is ``w`` an item of a list of four or more items all copied from the reference, in its
    order (only the conjunction translated), one of them a plain target-language word
    ("section, topic, table, admonition ou sidebar")? Such a list names things (node types,
    options); a list of words to translate would not come through whole."""
    if lang is None or ", " not in text:
        return False
    return any(s <= w.start and w.end <= e
               for s, e in _name_lists(text, reference, lang.source, lang.target))


@lru_cache(maxsize=16)
def _name_lists(text: str, reference: str, src: str, tgt: str) -> tuple[tuple[int, int], ...]:
    """The spans of ``text``'s lists of names (see ``_listed``), worked out once per pair."""
    out = []
    for m in _LIST.finditer(text):
        head, _, last = m.group().rpartition(" ")
        items = [i.strip() for i in head.rsplit(" ", 1)[0].split(",") if i.strip()] + [last]
        if len(items) < _LIST_MIN_ITEMS:
            continue
        pattern = (r"(?<![\w-])" + r", ".join(map(re.escape, items[:-1])) + r",? \w+ "
                   + re.escape(items[-1]) + r"(?![\w-])")
        if re.search(pattern, reference) and any(
                spell.is_known(i, tgt) and freq.lean(i.lower(), src, tgt) < _LIST_PLAIN_LEAN
                for i in items):
            out.append(m.span())
    return tuple(out)


# Singular finite verbs (and the negation before one) that follow a subject, per target
# language: a bare singular noun as the subject of a sentence is a name there.
_SUBJECT_VERBS = {
    "fr": frozenset("""a est ne n' n’ sera serait était fut peut pouvait doit devait va fait
        reste semble""".split()),
}


def _bare_subject(text: str, w: _Word, reference: str, lang: Languages | None) -> bool:
    """Is ``w`` the first word of both texts and, in the target, the bare subject of a
    singular verb ("Pillow n'a pas été trouvé", "convert a terminé")? French gives a common
    noun a determiner there ("L'oreiller..."): without one, the word is a name. A plural
    ("Scientists ont...") is not taken for a name."""
    verbs = _SUBJECT_VERBS.get(lang.target_base) if lang else None
    if (not verbs or text[:w.start].strip() or w.text[-1:] in "sS"
            or reference.split(None, 1)[0].lower() != w.text.lower()):
        return False
    after = re.match(r"[ \u00a0]+(\w+['’]?)", text[w.end:])
    return after is not None and after.group(1).lower() in verbs


# A quoted single word: "quiet", « index », “author”.
_QUOTED_WORD = re.compile(r"[\"“«‘'][ \u00a0\u202f]?([\w.-]+)[ \u00a0\u202f]?[\"”»’']")


def _quoted_counterpart(text: str, w: _Word, reference: str) -> bool:
    """Is ``w`` a quoted word whose place among the quoted words of the target matches a
    quoted word of the reference, every other quoted word being copied ('"quit", mais
    "project" ou "author"' for '"quiet" ..., "project" or "author"')? It stands for that
    name (misspelt, perhaps), not for English prose."""
    ours = _quoted_words(text)
    if len(ours) < 2:
        return False
    theirs = [word for _, _, word in _quoted_words(reference)]
    if len(ours) != len(theirs):
        return False
    places = [k for k, (s, e, _) in enumerate(ours) if s == w.start and e == w.end]
    return bool(places) and all(ours[k][2] == theirs[k] for k in range(len(ours))
                                if k != places[0])


@lru_cache(maxsize=16)
def _quoted_words(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, word) of the quoted single words of ``text``. Memoised for a few recent
    texts: ``_literal`` asks for those of the target and the reference at each word it
    judges (a scan of both texts a word made the judges quadratic in the length)."""
    return tuple((m.start(1), m.end(1), m.group(1)) for m in _QUOTED_WORD.finditer(text))


def _literal(text: str, w: _Word, reference: str, lang: Languages | None = None) -> bool:
    """Is ``w`` a literal copied from the reference: a quoted or bracketed term ("« name »",
    "[theme]", ":scale:"), a command-line option ("--full"), a function name ("setup()"), a
    name introduced by a naming noun ("l'option member-order", ``_named``), an item of a
    list copied whole ("section, topic, table ou sidebar", ``_listed``) or the bare subject
    of the sentence ("Pillow n'a pas été trouvé", ``_bare_subject``) that the reference
    contains verbatim, or a quoted word in the place of a quoted name of the reference
    (``_quoted_counterpart``)? Such words are named, not translated."""
    if reference and _quoted_counterpart(text, w, reference):
        return True
    if not reference or not _occurs_alone(w.text, reference):
        return False
    if (_named(text, w, reference, lang) or _listed(text, w, reference, lang)
            or _bare_subject(text, w, reference, lang)):
        return True
    i, j = w.start, w.end
    while i > 0 and text[i - 1] in _QUOTE_SPACES and i > w.start - 1:
        i -= 1
    while j < len(text) and text[j] in _QUOTE_SPACES and j < w.end + 1:
        j += 1
    left = text[i - 1] if i > 0 else ""
    right = text[j] if j < len(text) else ""
    if (left, right) in _LITERAL_PAIRS:
        return True
    if w.start > 0 and text[w.start - 1] == "-" and (w.start == 1 or text[w.start - 2] in " -"):
        return True
    return w.end < len(text) and text[w.end] == "("


def _supported(lang: Languages) -> bool:
    return (lang.source_base != lang.target_base
            and freq.is_supported(lang.source) and freq.is_supported(lang.target))


@lru_cache(maxsize=_VERDICT_CACHE)
def _may_echo(form: str, src: str, tgt: str, min_lean: float = ECHO_MIN_LEAN) -> bool:
    """May ``form``, a word the target language also has, be taken as source-language when
    other evidence says so (a run copied from the reference, a grammar break)? Not when it
    leans clearly to the target, is a short or very frequent target word ("a", "on", "est")."""
    return (len(form) >= 3 and freq.lean(form, src, tgt) >= min_lean
            and not freq.at_least(form, tgt, ECHO_MAX_TARGET_ZIPF)
            and freq.zipf(form, src) >= SEED_MIN_SOURCE_ZIPF)


def _reference_bigrams(ref_words: tuple[_Word, ...], reference: str,
                       lowers: tuple[str, ...]) -> frozenset:
    """Pairs of adjacent words of the reference (lower-cased: ``lowers``, one per word), in
    reference order."""
    return frozenset((lowers[k], lowers[k + 1]) for k in range(len(ref_words) - 1)
                     if _adjacent(reference, ref_words[k], ref_words[k + 1]))


# French adjectives that come before the noun, as in English: "un long silence", "la pure
# nature" are French in English order. A run starting with one needs an English seed after
# it ("une large majority").
_BEFORE_NOUN = frozenset("""long longue longs longues pure pur purs pures grand grande grands
    grandes petit petite petits petites large larges bon bonne bons bonnes mauvais mauvaise
    vieux vieille jeune jeunes beau belle beaux belles haut haute hauts hautes gros grosse
    premier première premiers dernier dernière derniers seul seule seuls seules vaste vastes
    double triple""".split())


def _echo_seeds(reference, target, words, judge, names, lang) -> set[int]:
    """Indexes of target words that belong to a run of two or more words copied verbatim, in
    the reference's order, from the reference ("le final report", "les public services"),
    each word one that may be source-language (``_may_echo``; a loanword too, and a
    two-letter word leaning to the source language next to such a word: "Log in", "on
    foot"). French puts most adjectives after the noun, so an English-order pair of such words
    is English left in the text; the same words used as French ("le service public", "le
    match final") are in French order."""
    if len(words) < 2 or not judge.ref_words or target.strip() == reference.strip():
        return set()   # a target identical to its reference is untranslated-segment's to judge
    # A pair of target words copied from the reference has both words in the reference's
    # vocabulary: without such a pair (most targets), the reference's pairs are not read.
    lowers, vocab = judge.lowers, judge.ref_vocab
    if not any(lowers[i] in vocab and lowers[i + 1] in vocab for i in range(len(words) - 1)):
        return set()
    bigrams = judge.bigrams
    if not bigrams:
        return set()
    src, tgt = lang.source, lang.target
    ok = {}

    def fits(i):
        """2: a word that may be source-language; 1: a short word leaning to the source
        language ("in", "on"), which joins a run but cannot make one alone; 0: neither."""
        if i not in ok:
            form = judge.eligible(words[i], names, loans=True)
            if (form is None or form.lower() in names
                    or _literal(target, words[i], reference, lang)
                    or _third_language(form.lower(), lang)):
                ok[i] = 0
            elif _may_echo(form.lower(), src, tgt):
                ok[i] = 2
            else:
                ok[i] = int(len(form) == 2 and freq.lean(form.lower(), src, tgt) >= ECHO_RUN_LEAN)
        return ok[i]

    out = set()
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if ((lowers[i], lowers[i + 1]) in bigrams and _adjacent(target, a, b)
                and (lowers[i] not in _BEFORE_NOUN or judge.is_seed(b, names))
                and min(fits(i), fits(i + 1)) >= 1 and max(fits(i), fits(i + 1)) == 2
                and not (lowers[i] in judge.loans and lowers[i + 1] in judge.loans)
                and max(freq.lean(lowers[k], src, tgt) for k in (i, i + 1))
                >= ECHO_RUN_LEAN):
            out.update((i, i + 1))
    return out


# Determiners that are never object pronouns ("le", "la", "les", "l'" and "leur" are: "je le
# suppose"), so that a verb right after one is out of place.
_DETERMINERS = frozenset("""un une des du au aux ce cet cette ces sa son ses mon ma mes ton
    ta tes notre nos votre vos""".split())


def _adjacent_or_elided(text: str, left: _Word, right: _Word) -> bool:
    return _adjacent(text, left, right) or (left.shape == "elided" and left.end == right.start)


def _grammar_seeds(target, words, judge, names, lang) -> set[int]:
    """Indexes of target words that the reference contains and on which the target's grammar
    breaks: an agreement error on the word ("où le main pont", "les local autorités", "une
    coin d'or"), a determiner before a word that French has only as a verb ("un rider") or
    only as a noun of the other gender ("la car").
    A homograph copied from the reference, not a French word. Needs Grammalecte (French
    targets): its rules and its lexicon; without it, none."""
    if lang.target_base != "fr" or not judge.ref_vocab:
        return set()
    out = set()
    ref_vocab, lowers = judge.ref_vocab, judge.lowers
    for i, w in enumerate(words):
        # eligible() gives w.text or its lower case: a word whose lower case the reference
        # lacks is out before asking it
        if lowers[i] not in ref_vocab:
            continue
        form = judge.eligible(w, names)
        if form is None:
            continue
        form = form.lower()
        if not _may_echo(form, lang.source, lang.target, GENDER_MIN_LEAN):
            continue
        broken = grammar_checks.breaks_on(target, w.start, w.end)
        if broken == "gender" or (broken and _may_echo(form, lang.source, lang.target,
                                                       AGREEMENT_MIN_LEAN)):
            out.add(i)
        elif i > 0 and _adjacent_or_elided(target, words[i - 1], w):
            before = words[i - 1].text
            if ((before.lower().replace("\u2019", "'") in _DETERMINERS
                 and grammar_checks.verb_only(form))   # "un rider": a determiner before a verb
                    or grammar_checks.gender_clash(before, form)):   # "la car"
                out.add(i)
    return out


FALSE_FRIEND_PLACE = 0.3   # how far apart (share of each text) a false friend and its echo
FALSE_FRIEND_ECHO_LEAN = 1.25   # a word the dictionaries translate otherwise, leaning so
FALSE_FRIEND_LEAN = 1.0    # ... and how much one unknown to the dictionaries as a source
                           # word must lean to the source language


def _translated_otherwise(form: str, lang: Languages) -> bool:
    """A word leaning clearly to the source language, that the dictionaries translate by
    other words only ("report": "rapport"), and that French has as no verb form ("serve",
    "support" are)."""
    return (freq.lean(form, lang.source, lang.target) >= FALSE_FRIEND_ECHO_LEAN
            and cognates.translated_otherwise(form, lang.source_base, lang.target_base)
            and not any(t.startswith(":V") for t in french.morphology(form)))


def _only_adjective(form: str) -> bool:
    """Does French have the word as an adjective only ("strict", "charitable")? The
    dictionaries miss many such twins of the same sense; false friends are nouns."""
    tags = french.morphology(form)
    return bool(tags) and all(t.startswith(":A") for t in tags)


def _false_friend_seeds(reference, target, words, judge, names, lang) -> set[int]:
    """Indexes of target words copied from the reference, in about the same place, that
    are false friends (``cognates.false_friend``: "la chair" for "the chair", "une lecture"
    for "a lecture"), when no other word of the reference is one they translate ("flesh"
    for "chair", "hand" for "main"): the French word would then be the translation."""
    if not judge.ref_vocab or len(words) < 2:
        return set()
    ref_vocab, ref_forms, prose = judge.ref_vocab, None, None
    lowers = judge.lowers
    out = set()
    for i, w in enumerate(words):
        # eligible() gives w.text or its lower case: test the cheap part first
        if lowers[i] not in ref_vocab:
            continue
        form = judge.eligible(w, names)
        if form is None or len(form) < 3:
            continue
        form = form.lower()
        if ref_forms is None:   # worked out for the first candidate only
            # (a word not ending in "s" has no singular: english_singular gives None)
            ref_forms = ref_vocab | {cognates.english_singular(v) for v in ref_vocab
                                     if v[-1:] == "s"}
            prose = not _not_prose(target) and not _not_prose(reference)
        back = cognates.false_friend(form, lang.source_base, lang.target_base, freq.lean(
            form, lang.source, lang.target) >= FALSE_FRIEND_LEAN)
        if back & ref_forms or _literal(target, w, reference, lang) or not back and not (
                prose and _translated_otherwise(form, lang)) or _only_adjective(form):
            continue
        place = w.start / max(1, len(target))
        if any(abs(r.start / max(1, len(reference)) - place) <= FALSE_FRIEND_PLACE
               for r, lower in zip(judge.ref_words, judge.ref_lowers) if lower == form):
            out.add(i)
    return out


# Articles and contractions that open a noun phrase, per target language: a capitalised word
# right after one is a noun ("le Rat de la ville", "la Bahn"), seldom a person's name.
_ARTICLES = {
    "fr": frozenset("le la les l' un une des du au aux ce cet cette ces".split()),
    "es": frozenset("el la los las un una unos unas del al".split()),
    "it": frozenset("il lo la l' i gli le un uno una un' del dello della dei degli delle al "
                    "allo alla ai agli alle".split()),
    "pt": frozenset("o a os as um uma uns umas do da dos das no na nos nas".split()),
    "en": frozenset("the a an".split()),
    "de": frozenset("der die das den dem des ein eine einen einem einer eines".split()),
}


# Prepositions before a place, per target language: a capitalised word after one is a place
# name kept as it is ("à Bielefeld", "de Gütersloh").
_PLACE_PREPOSITIONS = {
    "fr": frozenset("à de d' depuis vers".split()),
    "es": frozenset("a de en desde hacia".split()),
    "it": frozenset("a di da in".split()),
    "pt": frozenset("a de em para".split()),
    "en": frozenset("in at from to of near".split()),
}


def _after(text: str, words, i: int, table: dict, lang: Languages) -> bool:
    """Is words[i] right after one of the words ``table`` lists for the target language?"""
    if i == 0 or not _adjacent_or_elided(text, words[i - 1], words[i]):
        return False
    return words[i - 1].text.lower().replace("\u2019", "'") in table.get(lang.target_base, ())


def _after_article(text: str, words, i: int, lang: Languages) -> bool:
    return _after(text, words, i, _ARTICLES, lang)


def _named_compound(word: str, src: str, tgt: str) -> bool:
    """A compound whose first part is a name known in the target language and whose rest is
    a source word: a street, a hall, a prize named after someone ("Goethestraße")."""
    for k in range(4, len(word) - 2):
        head, rest = word[:k], word[k:]
        if (spell.is_known(head, src) and not spell.is_known(head.lower(), src)
                and not (spell.has_dictionary(tgt) and spell.is_known(head.lower(), tgt))
                and freq.at_least(head, tgt, NOUN_MAX_TARGET_ZIPF + 1)
                and spell.is_known(rest.capitalize(), src)):
            return True
    return False


def _capitalised(w: _Word) -> bool:
    return w.shape in ("name", "initial", "mixed", "acronym")


def _in_name(text, words, i, lang) -> bool:
    """Is words[i] one of a run of capitalised words ("Olaf Scholz", "Deutsche Bahn")? A
    sentence-initial article ("Le Stau") or source-language word ("Zum Beispiel") before it
    does not make a run."""
    before = i > 0 and _capitalised(words[i - 1]) and _adjacent(text, words[i - 1], words[i])
    if before and _sentence_start(text, words[i - 1].start, frozenset()) and (
            _after_article(text, words, i, lang)
            or _leans_source(words[i - 1].text, True, lang.source, lang.target)):
        before = False
    after = (i + 1 < len(words) and _capitalised(words[i + 1])
             and _adjacent(text, words[i], words[i + 1]))
    return before or after


def _source_noun(w: _Word, judge, reference, target, words, i, lang) -> bool:
    """A capitalised word of a language that capitalises nouns, left in a target that does
    not: the source dictionary knows it as written, the target knows it in neither case, it
    leans to the source language by NOUN_LEAN and is rare in the target ("die Maßnahmen",
    "le Stau"); or the target knows its lower case only, and it follows an article and is
    copied with its capital from the reference ("le Rat de la ville" for "der Rat")."""
    src, tgt, form = lang.source, lang.target, w.text.lower()
    if not spell.has_dictionary(src) or not spell.is_known(w.text, src):
        return False
    if spell.has_dictionary(tgt) and spell.is_known(form, tgt):
        return (_after_article(target, words, i, lang) and _occurs_alone(w.text, reference)
                and freq.lean(form, src, tgt) >= NOUN_ECHO_LEAN)
    return (not (spell.has_dictionary(tgt) and spell.is_known(w.text, tgt))
            and freq.lean(form, src, tgt) >= NOUN_LEAN
            and not freq.at_least(form, tgt, NOUN_MAX_TARGET_ZIPF
                                  + (_after_article(target, words, i, lang)))
            and not _after(target, words, i, _PLACE_PREPOSITIONS, lang)
            and not _named_compound(w.text, src, tgt))


def _noun_seeds(reference, target, words, judge, lang) -> set[int]:
    """Indexes of capitalised target words that are source-language nouns. From a language
    that capitalises nouns into one that does not (German into French): ``_source_noun``,
    outside runs of capitalised words (names), with a sentence-initial source word before
    it ("Zum Beispiel"). Into a language that capitalises nouns (English into German): a
    capitalised word the target rejects whose lower case would be a seed and is written so
    in the reference ("die Layoffs" for "the layoffs")."""
    src_caps, tgt_caps = _capitalises_nouns(lang.source), _capitalises_nouns(lang.target)
    if src_caps == tgt_caps or not words:
        return set()
    out = set()
    for i, w in enumerate(words):
        if w.shape not in ("name", "initial") or w.text.lower() in judge.loans or (
                judge.check_accepted and judge.context.accepts(w.text)):
            continue
        if src_caps:
            if (_source_noun(w, judge, reference, target, words, i, lang)
                    and not _in_name(target, words, i, lang)
                    and not _literal(target, w, reference, lang)):
                out.add(i)
                if i > 0 and _adjacent(target, words[i - 1], w) and _sentence_start(
                        target, words[i - 1].start, frozenset()) and _leans_source(
                        words[i - 1].text, True, lang.source, lang.target):
                    out.add(i - 1)   # "Zum Beispiel"
        elif (w.shape == "name" and w.text.lower() in judge.ref_lower
              and not _in_name(target, words, i, lang)
              and not (spell.has_dictionary(lang.target) and spell.is_known(w.text, lang.target))
              and _seed_verdict(w.text.lower(), False, lang.source, lang.target) != _NOT_SEED):
            out.add(i)
    return out


def _echoed_acronym(reference, target, words, i, judge) -> bool:
    """Is words[i] an acronym copied from the reference together with a word next to it,
    in the reference's order ("une valid ID" for "valid ID")? It then joins that word's
    span; an acronym alone is never a seed."""
    if words[i].shape != "acronym" or not judge.ref_words:
        return False
    lowers = judge.lowers
    here = lowers[i]
    if here not in judge.ref_vocab:
        return False   # (a pair of the reference has both its words in its vocabulary)
    bigrams = judge.bigrams
    return (i > 0 and (lowers[i - 1], here) in bigrams
            and _adjacent(target, words[i - 1], words[i])) or (
        i + 1 < len(words) and (here, lowers[i + 1]) in bigrams
        and _adjacent(target, words[i], words[i + 1]))


def _word_spans_in_source_language(reference, target, lang, context):
    """(start, end) of the source-language spans of ``target``, grown around seeds."""
    judge = _Judge(reference, target, lang, context)
    words, names = judge.words, judge.names
    seeds = [judge.is_seed(w, names) and not _name_particle(target, words, i)
             and not _literal(target, w, reference, lang) for i, w in enumerate(words)]
    for i in (_echo_seeds(reference, target, words, judge, names, lang)
              | _grammar_seeds(target, words, judge, names, lang)
              | _false_friend_seeds(reference, target, words, judge, names, lang)):
        seeds[i] = not _name_particle(target, words, i)
    for i in _noun_seeds(reference, target, words, judge, lang):
        seeds[i] = True
    grow: dict[int, bool] = {}

    def can_grow(i):
        if i not in grow:
            grow[i] = seeds[i] or (judge.leans_source(words[i], names)
                                   and not _literal(target, words[i], reference, lang)
                                   ) or _echoed_acronym(reference, target, words, i, judge)
        return grow[i]

    spans, i = [], 0
    while i < len(words):
        if not seeds[i]:
            i += 1
            continue
        lo = hi = i
        while lo > 0 and _adjacent(target, words[lo - 1], words[lo]) and can_grow(lo - 1):
            lo -= 1
        while (hi + 1 < len(words) and _adjacent(target, words[hi], words[hi + 1])
               and can_grow(hi + 1)):
            hi += 1
        if spans and spans[-1][1] >= words[lo].start:
            spans[-1] = (spans[-1][0], words[hi].end)
        else:
            spans.append((words[lo].start, words[hi].end))
        i = hi + 1
    return spans


def find_untranslated_words(reference: str, target: str, lang: Languages,
                            context: Context):
    """Source-language words and phrases inside the target (see the module docstring)."""
    if not _supported(lang):
        return []
    name = Language(lang.source, _source_name(lang))
    hits = []
    for start, end in _word_spans_in_source_language(reference, target, lang, context):
        text = target[start:end]
        options = suggest.suggestions(text, lang.source, lang.target, context)
        suggestion = options[0] if options else None
        if any(c.isspace() for c in text):
            said = Text(N_("%(language)s phrase left untranslated: “%(text)s”"),
                        language=name, text=text)
        else:
            said = Text(N_("%(language)s word left untranslated: “%(text)s”"),
                        language=name, text=text)
        hits.append(Hit(start, end, said, suggestion))
    return hits


def _trimmed(text: str) -> tuple[int, int]:
    start = len(text) - len(text.lstrip())
    return start, len(text.rstrip())


def find_untranslated_segment(reference: str, target: str, lang: Languages,
                              context: Context):
    """The whole segment left in the source language, or identical to the reference."""
    if not target.strip() or markup.markup_only(target):
        return []
    if not _supported(lang):
        return _identical_without_target_list(reference, target, lang)
    start, end = _trimmed(target)
    name = _source_name(lang)
    judge = _Judge(reference, target, lang, context)
    words, names = judge.words, judge.names
    if reference.strip() and target.strip() == reference.strip():
        # Identical is fine when every word is also a target-language word ("Options",
        # "Navigation", "Type"); it is flagged when a word is clearly source-language.
        if any(judge.is_seed(w, names) or (w.shape == "initial" and judge.is_seed(
                _Word(w.start, w.end, w.text.lower(), "lower"), names)) for w in words):
            return [Hit(start, end, Text(N_("Segment identical to the reference: it was not "
                                            "translated.")))]
        return []
    nouns = _capitalises_nouns(lang.target) and spell.has_dictionary(lang.target)
    candidates = [w for w in words if w.shape in ("lower", "initial") or (
        nouns and w.shape == "name" and spell.is_known(w.text, lang.target))]   # "Helfer"
    if len(candidates) < SEGMENT_MIN_WORDS:
        return []
    needed = SEGMENT_SHARE * len(candidates)
    leaning, left = 0, len(candidates)
    for w in candidates:   # (stops once even the words left could not make the share)
        left -= 1
        if judge.counts_for_segment(w, names):
            leaning += 1
        elif leaning + left < needed:
            return []
    if leaning >= needed:
        return [Hit(start, end, Text(N_("Segment left in %(language)s: it was not translated."),
                                     language=Language(lang.source, name)))]
    return []


def _identical_without_target_list(reference: str, target: str, lang: Languages) -> list[Hit]:
    """For a target language that wordfreq does not know ("af", "st"): a target identical to
    a reference holding a common source-language word (not an acronym, not inside markup)."""
    if (lang.source_base == lang.target_base or not freq.is_supported(lang.source)
            or target.strip() != reference.strip()):
        return []
    words = re.findall(r"[^\W\d_]{2,}", markup.masked(reference))
    if not any(_common_source_word(w, lang.source) for w in words):
        return []
    start, end = _trimmed(target)
    return [Hit(start, end, Text(N_("Segment identical to the reference: it was not "
                                    "translated.")))]


def _common_source_word(word: str, source: str) -> bool:
    """A frequent source-language word that is no acronym and, capitalised, no name (the
    dictionary knows its lower-case form: "Unchanged" yes, "Mozilla" no)."""
    if word.isupper() or freq.zipf(word.lower(), source) < IDENTICAL_MIN_ZIPF:
        return False
    if word[0].isupper() and spell.has_dictionary(source):
        return spell.is_known(word.lower(), source)
    return True


UNTRANSLATED_WORDS = Check(
    "untranslated-words", "untranslated", "major", find_untranslated_words,
    "Source-language words and phrases left inside the target text.",
    supersedes=("spinner-phrase",))

UNTRANSLATED_SEGMENT = Check(
    "untranslated-segment", "untranslated", "major", find_untranslated_segment,
    "The whole segment is in the source language or identical to the reference.",
    supersedes=("untranslated-words",))
