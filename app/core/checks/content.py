"""Omission and addition by content: reference words with no counterpart in the target, and
target clauses with no counterpart in the reference, found with a bilingual lexicon.

too-short only sees a target much shorter than expected and missing-content only numbers and
identifiers: "The bridge, closed since March after the floods, will reopen on Monday." ->
"Le pont rouvrira lundi." passes both. These two checks compare the words themselves.

The lexicon (English-French; a French reference reads it the other way round)
    A reference word and a target word are counterparts when one of these says so:
    (a) the FreeDict dictionary when it is installed (``freedict.dictionary_entries``, read
        once per process; without it, or with a broken file, the checks run on the rest);
    (b) the hand-written list ``app/core/data/lexicon/en-fr.tsv`` (frequent words FreeDict
        lacks or translates poorly, news vocabulary, countries, cities and nationalities
        that French spells otherwise), plus the month, weekday and small-number names of
        numbers.py;
    (c) cognates: both words folded (lower case, no accents) and lightly stemmed, then the
        same first five letters ("development" / "développement"), the same first four
        consonants ("governor" / "gouverneur"), or the same after one regular English ->
        French suffix change (-ty -> -té, -ous -> -eux, -ic -> -ique, -ive -> -if, ...);
    (d) numbers by value in any format (numbers.py); names (a capitalised word mid-sentence
        that is no lexicon word) only by the same name, kept identical or nearly; an
        acronym by the same letters in any order ("ECB" / "BCE", "NATO" / "OTAN"), by as
        many consecutive content words with those initials ("Banque centrale européenne"),
        or, for the acronyms of the hand-written list ``lexicon/acronyms.tsv``, by the
        other language's acronym or expansion ("WHO" / "OMS", "Organisation mondiale de la
        santé");
    (e) the document's glossary and translation memory (``Context.glossary``,
        ``Context.memory`` / ``recall``), read only for a finding about to be reported.
    Words are compared through short keys (first five letters of the stem, consonant
    skeleton), so regular inflection ("fermer" / "fermées") needs no lemmatiser; a French
    word also carries the keys of its lemmas, Grammalecte's when it is installed
    (``grammar.lemmas``: "nié" -> nier, "battu" -> battre) and the hand-written list of
    irregular forms ``lexicon/fr-forms.tsv`` ("pris" -> prendre, "vieille" -> vieux);
    English forms are reduced to candidate lemmas ("closed" -> close, "went" -> go) before
    the lexicon is read. A French verb of saying ("a indiqué", "a précisé") counts as
    translated when the reference has one ("said", a function word here), "deux" when it
    has "both".
    Prepositions of several words ("au cours de", "en raison de", "because of": ``_LOCUTION``)
    hold no content word, and "ans" right after a number with a counterpart is its unit
    ("over 65" / "de plus de 65 ans").
    Function words (small lists written for these checks, ``EN_STOP`` / ``FR_STOP``) and
    words of fewer than three letters are never content; a content word the lexicon knows
    is "known" (names and numbers too): one it does not know may lengthen a stretch but
    proves nothing.

A stretch without counterpart is reported only when everything else says "omitted" (or
"added") rather than "translated freely":
    - it has at least ``*_MIN_WORDS`` content words, ``*_MIN_KNOWN`` of them known;
    - the lengths agree: the target is shorter (omission) or longer (addition) than the
      expected ratio makes it by at least ``LENGTH_SHARE`` of the stretch's length;
    - the rest of the text is well covered: at least ``COVERAGE`` of its other content
      words, and ``MIN_COVERED`` of them, have a counterpart;
    - the other text has next to nothing unexplained (``BALANCE``: characters of its
      content words without counterpart per character of the stretch, lengths scaled by
      the ratio): a paraphrase leaves words without counterpart on both sides, an omission
      or an addition on one side only. For a stretch of whole clauses (or a list member),
      a word or two the lexicon cannot pair, as many in each text and both away from where
      the stretch would go ("coffret" / "set"), count as each other's counterparts
      (``PAIRED_LOOSE``);
    - and nothing unexplained where the stretch would be translated (``ROOM``: between the
      counterparts of the covered words on either side of it, less what the text itself
      leaves unexplained there, with the word right before the left one: "strong winds"
      / "vents violents", a modifier that French puts after its noun).
    A negation on one side only ("the first time since 1995" / "n'avait plus ... depuis
    1995") marks a sentence turned around: an omitted stretch then needs one more word.

Strong items: what one word can prove. A name, a number or a date word ("Budapest",
"three", "November", "overnight") alone is a stretch (without the length and balance
tests: a name changes the lengths little, and a paraphrase elsewhere in the sentence says
nothing about it), when nothing in the other text could render it and it is placed (the
rest covered, nothing unexplained where it would go):
    - a name: a capitalised word inside the sentence, unknown to the lexicon or translated
      by a French proper noun ("Spain" / "Espagne"); not a title ("Miss", "Professor"), an
      acronym ("XML": often spelt out), a nationality ("Italian": French puts it after the
      noun, in lower case), a name used as a modifier ("the Dutch painter") or a speaker
      beside a verb of speech ("said Candide"); and only after a preposition ("in the
      Alps", "à Lille"), as the last of a list of names, or with another capitalised word
      ("Anna Roussel"): a single name as the subject of a sentence is often left to a
      pronoun by a translator. Rendered when the other text has a word that starts like it
      or has its consonants ("Londres", "berlinoise", "Vestphalie"), a capitalised word
      without counterpart (a name translated, "Pékin"), or when another part of the same
      name has a counterpart ("Miss Cunegund" / "Cunégonde");
    - a number (words, or digits for omissions, where missing-content usually speaks
      first): not "two" / "deux" ("the two", "deux mots"), not part of a longer number or
      compound ("deux ou trois mille", "Thunder-ten-tronckh", "huit jours"), nor when the
      other text has a number without counterpart (number-mismatch's) or the same value;
    - a month or weekday (not when the other text has another: date-mismatch's), and a few
      words of time ("tonight", "overnight", "midnight", "hier");
    - a word copied as it is into the other text is untranslated, not omitted ("Four
      personnes").
    An omitted name or number is quoted with the words before it in its clause that have
    no counterpart either, the names or numbers after it and a number's noun ("affected
    users in Europe and Asia", "for six hours"). Added-content takes numbers in
    words and date words alone ("fermé jusqu'à lundi", "pendant quinze ans"), not names (a
    translator names whom the reference calls "she").

Human translations of novels and of software messages raise each check about 2-5 times
per 1,000 segments (bench/content); most of what they raise are the translators' own
omissions and additions. The price is recall: an omission the target paraphrases around,
or a stretch whose words the lexicon cannot pair, goes unreported.

omitted-content
    A run of reference content words (function words between them allowed) with no
    counterpart in the target. The finding spans the whole trimmed target (the missing
    words have no place in it) and quotes the reference stretch. Nothing is reported when
    too-short or missing-content reports the pair: they are omission findings on the same
    span, and one a segment is enough. In a form of a plural PO entry whose target holds
    a placeholder of another source form, the reference's digits that the target lacks
    are its count, which the placeholder stands in for (``Context.plural_references``).

added-content
    A run of target content words with no counterpart in the reference that makes up whole
    clauses (between punctuation marks; several in a row, or a whole extra sentence), or
    at least ``ADD_MIN_EDGE`` words at the start or end of a clause. A clause that an
    attribution opens ("selon les organisateurs", "d'après son avocat", "a-t-il ajouté",
    ", a indiqué la préfecture", when the reference has no verb of saying nor "according
    to") or, inside a sentence, a discourse word ("qui", "ce qui", "dont", "notamment", "en
    outre") or an indefinite article (an apposition: ", une première mondiale") qualifies
    with one content word, without the balance test. A clause whose one word with a
    counterpart shares it with a word outside ("ont fortement baissé ..., entraînant tout
    le secteur dans leur chute": "fell") counts as without counterpart (for omissions too:
    "rose ..., the highest increase in a decade" / "ont augmenté"; not when the same word
    is outside as well). The span is that stretch of the target.

Coordinated members (both checks): a run without counterpart that is a whole member of a
list or a whole clause qualifies with one content word (two for an addition), with the
length, balance and placing tests, when its text has more commas and "and"/"or" ("et"/
"ou") than the other: the member took its mark with it. An omitted member follows a
translated one, with only its mark, articles and prepositions between ("in English,
Italian and Portuguese" / "en anglais et en portugais"; not ", pray,"), and no verb of
speech in it (the last member, a whole clause after a comma such as an apposition ", a
record", also without the length test when every content word of the target has a
counterpart); an added one is the end of the target after a comma or "et" (", tous
formés dans des écoles lyonnaises", "et sera traitée en priorité"), placed with
``TAIL_ROOM``; an added number in it (the reference having no number left without
counterpart) doubles the balance and room allowed (", au grand dam des 40 000 supporters
attendus"). An attribution to sources (", selon des sources proches de l'enquête") is an
addition whenever the reference names no source, even beside "police said" or
"investigators".

Both checks need a reference and run for English-French in either direction; other pairs
have no lexicon and get nothing.
"""
from __future__ import annotations

import re
import unicodedata
import zlib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from operator import itemgetter
from typing import Collection, NamedTuple

from app.core import grammar
from app.core.checks import freedict, wordlists
from app.core.checks.base import Check, Context, Hit, Languages, normalise_phrase
from app.core.checks.length import expected_ratio, find_missing_content, find_too_short
from app.core.checks.numbers import _numbers, _unmatched, _word_table
from app.core.checks.placeholders import plural_stand_ins
from app.core.messages import N_, Text
from app.core.tokens import protected_spans

# Calibrated with bench/content (see bench/README.md).
OMIT_MIN_WORDS = 2      # content words in an omitted stretch ...
OMIT_MIN_KNOWN = 2      # ... of which known to the lexicon
ADD_MIN_WORDS = 2       # content words in an added stretch ...
ADD_MIN_KNOWN = 1       # ... of which known to the lexicon
ADD_MIN_EDGE = 3        # content words of a stretch that is only the start or end of a clause
LENGTH_SHARE = 0.5      # the lengths leave at least this share of the stretch untranslated
COVERAGE = 0.6          # share of the other content words with a counterpart ...
MIN_COVERED = 3         # ... and how many at least
BALANCE = 0.34          # unexplained characters of the other text per character of stretch
ROOM = 0.2              # ... of them where the stretch would be translated
MIN_LETTERS = 3         # shorter words are never content
STEM_MIN = 3            # letters a stem keeps
PAIRS = frozenset({("en", "fr"), ("fr", "en")})
STRONG_ALONE = True     # a name, number or date word alone may be a stretch ...
ALONE_MIN_COVERED = 2   # ... when this many other content words have a counterpart
PAIRED_LOOSE = 2        # words without counterpart each text may leave, taken as a pair
TAIL_ROOM = 0.4         # ROOM for a clause added at the end after a comma or "et"

# Function words (and a few words so general that translators drop or change them freely).
EN_STOP = frozenset("""
a an the this that these those there here some any each every all both either neither no
not nor none one ones other another such own same what which who whom whose whoever whatever
whichever when where why how whether than then thus so too very much many more most less
least few several enough quite rather really just only even still yet already also again
ever never always often sometimes usually once twice almost about above across after
against along among around before behind below beneath beside besides between beyond but
by despite down during except for from in inside into like near of off on onto out outside
over past per since through throughout till to toward towards under until unto up upon via
with within without and or if unless because although though while whereas as however
therefore moreover furthermore indeed instead perhaps maybe anyway otherwise else i me my
mine myself we us our ours ourselves you your yours yourself yourselves he him his himself
she her hers herself it its itself they them their theirs themselves be am is are was were
been being have has had having do does did done doing will would shall should can could may
might must ought let get gets got gotten getting say says said saying tell tells told
mr mrs ms dr st etc yes well now then thing things way ways lot lots kind sort something
anything nothing everything someone anyone everyone somebody anybody nobody everybody
somewhere anywhere everywhere nowhere make makes made making go goes went gone going come
comes came coming take takes took taken put puts give gives gave given seem seems seemed
cannot ll ve re oh ah
""".split())

FR_STOP = frozenset("""
le la les un une des du de au aux ce cet cette ces ceci cela celui celle ceux celles ça
mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs je tu il elle on nous vous
ils elles me te se lui eux moi toi soi en y qui que quoi dont où quel quelle quels quelles
lequel laquelle lesquels lesquelles auquel duquel et ou ni mais or donc car si comme quand
lorsque puisque pour par sur sous dans avec sans chez entre vers contre depuis pendant avant
après dès selon malgré parmi jusque jusqu hors outre via afin ainsi alors aussi autant
tant très trop peu plus moins bien mal encore déjà toujours jamais souvent parfois ne pas
point rien personne aucun aucune nul nulle tout toute tous toutes même mêmes autre autres
tel telle tels telles certain certaine certains certaines plusieurs chaque quelque
quelques quiconque est sont était étaient été être étant suis es sommes êtes fut furent
sera seront serait seraient soit soient fût ai as avons avez ont avait avaient eu avoir
ayant aura auront aurait auraient eût fait faire font faisait fera ferait va vont allait
ira irait aller peut peuvent pouvait pourra pourrait pu pouvoir doit doivent devait devra
devrait dû devoir dit dire disait cependant pourtant toutefois néanmoins enfin ensuite
puis donc voici voilà oui non ici là ailleurs partout aujourd hui maintenant alors ceux-ci
chose choses façon manière fois quant lors cas près loin dessus dessous devant derrière
aupres auprès environ presque surtout notamment d l qu c j m n s t ô oh ah eh monsieur
madame
""".split())

# English -> French suffix changes for cognates (applied to a folded English lemma).
_SUFFIX_MAP = (("ically", "iquement"), ("ly", "ment"), ("ity", "ite"), ("ty", "te"),
               ("ous", "eux"), ("ical", "ique"), ("ic", "ique"), ("ive", "if"),
               ("ize", "iser"), ("ise", "iser"), ("ary", "aire"), ("ory", "oire"),
               ("ism", "isme"), ("ist", "iste"), ("or", "eur"), ("er", "re"), ("al", "el"),
               ("y", "ie"))
# Light stemming of folded words before keys are cut (French inflection, a few English
# endings): the longest suffix that leaves STEM_MIN letters, else a plural s/x.
_STEM_SUFFIXES = tuple(sorted(
    """issements issement eraient iraient assent issent issant erions erent irent erons eront
    erait erais eriez irait irais aient antes ants ante ant ions iez ent ons ait ais ees ee
    es er ez ir ira era eras erai ings ing ied ies ed e""".split(), key=len, reverse=True))
_SUFFIXES_BY_SIZE = tuple(
    (size, frozenset(s for s in _STEM_SUFFIXES if len(s) == size))
    for size in sorted({len(s) for s in _STEM_SUFFIXES}, reverse=True))
_EN_IRREGULAR = {
    "men": "man", "women": "woman", "children": "child", "people": "person", "feet": "foot",
    "teeth": "tooth", "mice": "mouse", "lives": "life", "wives": "wife", "knives": "knife",
    "leaves": "leaf", "halves": "half", "thieves": "thief", "wolves": "wolf",
    "began": "begin", "begun": "begin", "bought": "buy", "brought": "bring", "built": "build",
    "caught": "catch", "chose": "choose", "chosen": "choose", "dealt": "deal", "drew": "draw",
    "drawn": "draw", "drove": "drive", "driven": "drive", "ate": "eat", "eaten": "eat",
    "fell": "fall", "fallen": "fall", "felt": "feel", "fought": "fight", "found": "find",
    "fled": "flee", "flew": "fly", "flown": "fly", "forgot": "forget", "forgotten": "forget",
    "froze": "freeze", "frozen": "freeze", "grew": "grow", "grown": "grow", "heard": "hear",
    "held": "hold", "hid": "hide", "hidden": "hide", "hit": "hit", "hung": "hang",
    "kept": "keep", "knew": "know", "known": "know", "laid": "lay", "led": "lead",
    "left": "leave", "lent": "lend", "lost": "lose", "meant": "mean", "met": "meet",
    "paid": "pay", "ran": "run", "rang": "ring", "rose": "rise", "risen": "rise",
    "sang": "sing", "sung": "sing", "sat": "sit", "saw": "see", "seen": "see", "sold": "sell",
    "sent": "send", "shook": "shake", "shot": "shoot", "shut": "shut", "slept": "sleep",
    "spoke": "speak", "spoken": "speak", "spent": "spend", "stood": "stand", "stole": "steal",
    "stolen": "steal", "struck": "strike", "swore": "swear", "taught": "teach", "tore": "tear",
    "torn": "tear", "thought": "think", "threw": "throw", "thrown": "throw",
    "understood": "understand", "woke": "wake", "wore": "wear", "worn": "wear", "won": "win",
    "wrote": "write", "written": "write", "became": "become", "broke": "break",
    "broken": "break", "born": "bear", "bore": "bear", "bit": "bite", "bitten": "bite",
    "blew": "blow", "blown": "blow", "fed": "feed", "forgave": "forgive", "lay": "lie",
    "lain": "lie", "lit": "light", "rode": "ride", "ridden": "ride", "sank": "sink",
    "sunk": "sink", "shone": "shine", "sought": "seek", "spread": "spread", "stuck": "stick",
    "swam": "swim", "wept": "weep", "wound": "wind", "better": "good", "best": "good",
    "worse": "bad", "worst": "bad", "larger": "large", "largest": "large",
    "beheld": "behold", "flung": "fling", "shown": "show", "lying": "lie", "dying": "die",
    "overcame": "overcome", "undertook": "undertake", "withdrew": "withdraw",
}

_LETTERS = re.compile(r"[^\W\d_]+")
# Placeholders and markup of UI strings: never words of the prose.
_CODE = re.compile(r"%(?:\([^()\s]*\))?[-#0+ ]*\d*(?:\.\d+)?[a-zA-Z%]|\{[^{}\s]*\}"
                   r"|</?[A-Za-z][^<>]*>|&#?\w+;|`[^`]*`")
_MAY_HOLD_CODE = re.compile(r"[%{<&`]")
# Clause boundaries: punctuation, brackets, quotation marks, dashes between spaces.
_BOUNDARY = re.compile(r"[;:()\[\]{}\"«»“”„!?…\u2014\u2013]|[.,](?!\d)"
                       r"|\s-{1,2}\s|^-{1,2}\s")
# _BOUNDARY's places as ``_boundaries`` finds them: one pattern opening on a set of
# characters, which re scans for (_BOUNDARY's alternatives open on different sets and on ^:
# re tries them at every position), the mark at the start of the text apart.
_MARKS = "[;:()\\[\\]{}\"«»“”„!?…\u2014\u2013]"
_BOUNDARY_SCAN = re.compile(rf"[;:()\[\]{{}}\"«»“”„!?…\u2014\u2013.,\s]"
                            rf"(?:(?<=[.,])(?!\d)|(?<=\s)-{{1,2}}\s|(?<={_MARKS}))")
_BOUNDARY_FIRST = re.compile(r"-{1,2}\s")


def _boundaries(text: str) -> list[tuple[int, int]]:
    """``[m.span() for m in _BOUNDARY.finditer(text)]``."""
    first = _BOUNDARY_FIRST.match(text)
    if first is None:
        return [m.span() for m in _BOUNDARY_SCAN.finditer(text)]
    return [first.span()] + [m.span() for m in _BOUNDARY_SCAN.finditer(text, first.end())]


_SENTENCE_END = ".!?…:"
_SKIP_BEFORE_WORD = " \t\n\u00a0\u202f\"'«»“”‘’„([{-\u2014\u2013*"
_VOWELS = frozenset("aeiouy")
_NOT = ("'t", "\u2019t")   # "don't", "won't": the word before is an auxiliary
_AGAIN = re.compile(r"r(?:e|[aiou])[a-z]{4}")   # French re-/r- + verb, folded ("rouvert")

# Item kinds.
WORD, NAME, NUMBER = "word", "name", "number"


# ------------------------------------------------------------------------- word keys

@lru_cache(maxsize=32_768)
def _fold(word: str) -> str:
    """Lower case without accents ("Été" -> "ete", "cœur" -> "coeur")."""
    word = word.lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFD", word)
                   if not unicodedata.combining(c))


def _stem(folded: str) -> str:
    n = len(folded)
    for size, suffixes in _SUFFIXES_BY_SIZE:   # the longest suffix first
        if n - size >= STEM_MIN and folded[-size:] in suffixes:
            return folded[:-size]
    if folded[-1:] in ("s", "x") and len(folded) >= 4:
        return folded[:-1]
    return folded


def _skeleton(stem: str) -> str:
    """First four consonants of a stem, with the spelling differences of English and French
    evened out (ph/f, th/t, qu/c/k, doubled letters); "" for fewer than three."""
    s = stem.replace("ph", "f").replace("th", "t").replace("qu", "c").replace("ck", "c")
    s = s.replace("k", "c").replace("h", "").replace("w", "v")
    out = []
    for c in s:
        if c not in _VOWELS and c.isalpha() and (not out or out[-1] != c):
            out.append(c)
    return "#" + "".join(out[:4]) if len(out) >= 3 else ""


def _keys(folded: str) -> tuple[str, ...]:
    """The match keys of a folded word: the first five letters of its stem and its
    consonant skeleton (prefixed "#")."""
    stem = _stem(folded)
    skeleton = _skeleton(stem)
    return (stem[:5], skeleton) if skeleton else (stem[:5],)


def _translation_keys(folded: str) -> tuple[str, ...]:
    """The keys a word of a lexicon translation is matched by: the first five letters of
    its stem, and for a stem of four letters ("sais" of "saisir") also "~" + the stem,
    which any target word whose stem starts with it carries ("saisissez")."""
    stem = _stem(folded)
    return (stem[:5], "~" + stem) if len(stem) == 4 else (stem[:5],)


def _en_lemmas(folded: str) -> tuple[str, ...]:
    """Candidate lemmas of a folded English word, the word itself first."""
    out = [folded]

    def add(candidate):
        if len(candidate) >= 2 and candidate not in out:
            out.append(candidate)

    w = folded
    if w in _EN_IRREGULAR:
        add(_EN_IRREGULAR[w])
    if w.endswith(("ies", "ied")):
        add(w[:-3] + "y")
    if w.endswith("es"):
        add(w[:-2])
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        add(w[:-1])
    if w.endswith("ed"):
        add(w[:-1])
        add(w[:-2])
        if len(w) > 5 and w[-3] == w[-4]:
            add(w[:-3])
    if w.endswith("ing") and len(w) > 5:
        add(w[:-3])
        add(w[:-3] + "e")
        if w[-4] == w[-5]:
            add(w[:-4])
    if w.endswith("ly") and len(w) > 5:
        add(w[:-3] + "y" if w.endswith("ily") else w[:-2])
    if w.endswith(("er", "est")) and len(w) > 5:
        base = w[:-2] if w.endswith("er") else w[:-3]
        add(base)
        add(base + "e")
        if base[-1:] == base[-2:-1]:
            add(base[:-1])
    return tuple(out)


# ------------------------------------------------------------------------- the lexicon

@dataclass(frozen=True, eq=False)
class _Lexicon:
    en_fr: dict[str, tuple[str, ...]]    # English lemma -> prefix keys of French translations
    fr_known: frozenset[str]             # prefix keys of every French word of the lexicon
    fr_lemmas: dict[str, tuple[str, ...]]   # folded irregular French form -> its lemmas
    en_proper: frozenset[str]            # English lemmas translated by a French proper noun
    acronyms: tuple = ()                 # (EN acronym, EN words, FR acronym, FR words), folded


def _french_words(phrase: str) -> list[str]:
    """The folded words of a French translation that can stand for it: its content words,
    or all its words when it has none ("fois", "selon"); a translation of one short word
    that is no function word stands for itself ("an" for "year")."""
    every = _LETTERS.findall(phrase)
    if len(every) == 1 and len(every[0]) == 2 and _fold(every[0]) not in FR_STOP:
        return [_fold(every[0])]
    words = [w for w in every if len(w) >= MIN_LETTERS]
    content = [w for w in words if w.lower() not in FR_STOP]
    return [_fold(w) for w in content or words]


def _hand_entries():
    """The hand-written list, then months, weekdays and small numbers (numbers.py)."""
    path = wordlists.DATA_DIR / "lexicon" / "en-fr.tsv"
    for line in wordlists._lines(path):
        english, _, french = line.partition("\t")
        if french.strip():
            yield english.strip().lower(), [t.strip() for t in french.split(",")]
    for table in ("months", "weekdays", "numbers"):
        english = sorted(_word_table(table, "en").items(), key=lambda kv: kv[1])
        french = {v: w for w, v in _word_table(table, "fr").items()}
        for word, value in english:
            if value in french:
                yield word, [french[value]]


@lru_cache(maxsize=4)
def _lexicon(dictionary_dirs: tuple[str, ...]) -> _Lexicon:
    """The combined English -> French lexicon (FreeDict from ``dictionary_dirs`` when there,
    plus the hand-written list), built once per process and per directory list."""
    table: dict[str, set[str]] = {}
    fr_known: dict[str, str] = {}   # each key, as its one str object
    entries = list(_hand_entries())
    if dictionary_dirs:
        try:
            entries += [(h, t) for h, t in freedict.dictionary_entries(
                "en", "fr", list(dictionary_dirs)) if " " not in h]
        except (OSError, EOFError, ValueError, zlib.error):
            pass   # a broken dictionary file: the hand-written list and cognates remain
    proper: set[str] = set()
    for english, translations in entries:
        if _is_proper(translations):
            proper.add(_fold(english))
        keys = table.setdefault(_fold(english), set())
        for translation in translations:
            for word in _french_words(translation):
                # one str object per key (issue 17: 11,000 repeated copies, 0.6 MB)
                found = [fr_known.setdefault(k, k) for k in _translation_keys(word)]
                keys.update(found)
    forms: dict[str, tuple[str, ...]] = {}
    for line in wordlists._lines(wordlists.DATA_DIR / "lexicon" / "fr-forms.tsv"):
        form, _, lemmas = line.partition("\t")
        for form in form.split(","):
            form = _fold(form.strip())
            forms[form] = forms.get(form, ()) + tuple(
                t.strip() for t in lemmas.split(",") if t.strip())
    acronyms = []
    for line in wordlists._lines(wordlists.DATA_DIR / "lexicon" / "acronyms.tsv"):
        en_acr, en_exp, fr_acr, fr_exp = (line.split("\t") + ["", "", "", ""])[:4]
        acronyms.append((en_acr.strip(), _phrase_words(en_exp, EN_STOP), fr_acr.strip(),
                         tuple(_phrase_words(x, FR_STOP) for x in fr_exp.split("|"))))
    # Each English lemma's keys as a tuple: 7,800 small frozensets took 1.9 MB, the tuples
    # 0.4 MB (issue 17: check's peak memory); they are only tested against sets of keys.
    built = _Lexicon({k: tuple(v) for k, v in table.items() if v}, frozenset(fr_known),
                     forms, frozenset(proper), tuple(acronyms))
    _fold.cache_clear()   # the ~17,000 words folded for it (3 MB) seldom come back (issue 17)
    return built


def _phrase_words(phrase: str, stop: frozenset[str]) -> frozenset[str]:
    """The folded content words of a phrase of the acronym list."""
    return frozenset(_fold(w) for w in _LETTERS.findall(phrase)
                     if len(w) >= MIN_LETTERS and w.lower() not in stop)


def _is_proper(translations) -> bool:
    """Is a word translated by a French proper noun ("Espagne", "Londres") and by no
    common word of the same spelling ("italien" beside "Italien": an adjective)?"""
    capitals = [t for t in translations if t[:1].isupper() and t[1:2].islower()]
    lower = {t for t in translations if t[:1].islower()}
    return bool(capitals) and not any(t.lower() in lower for t in capitals)


def lexicon() -> _Lexicon:
    """The lexicon for the dictionaries currently configured (``freedict.DICTD_DIRS``)."""
    return _lexicon(tuple(str(d) for d in freedict.DICTD_DIRS))


def _name_key(folded: str) -> str:
    """A name's key: kept as it is or nearly ("Cunegund" / "Cunégonde"), the first five
    letters of the stem and the consonant skeleton both equal."""
    stem = _stem(folded)
    return f"{stem[:5]}{_skeleton(stem)}"


@lru_cache(maxsize=16_384)
def _en_reach(folded: str, lex: _Lexicon) -> tuple[tuple[Collection[str], ...], bool, str]:
    """What the checks know of an English word (folded): the keys of every French word it
    may stand for, in parts (the lexicon's tuples for its lemmas, shared, and a frozenset
    of its own cognate keys); whether the lexicon knows it; its name key. The only
    per-word cache of the English side (with ``_fold``), so that memory stays small."""
    parts = []
    cognates = {folded}
    for lemma in _en_lemmas(folded):
        found = lex.en_fr.get(lemma)
        if found:
            parts.append(found)
        cognates.update(_keys(lemma))
        for suffix, french in _SUFFIX_MAP:
            if lemma.endswith(suffix) and len(lemma) > len(suffix) + 2:
                cognates.update(_keys(lemma[:-len(suffix)] + french))
                break
    known = bool(parts)
    parts.append(frozenset(cognates))
    return tuple(parts), known, _name_key(folded)


def _own_keys(folded: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys of a folded French word (or lemma), and those of them the lexicon's set of
    known French keys is read with."""
    keys = _keys(folded)
    stem = _stem(folded)
    if len(stem) < 4:
        return keys + (folded,), keys[:1]
    short = "~" + stem[:4]
    keys += (folded, short)
    if _AGAIN.match(folded):   # "rouvert" also counts as "ouvert", "revenir" as "venir"
        keys += _keys(folded[1:]) + (_keys(folded[2:]) if folded[1] == "e" else ())
    return keys, (keys[0], short)


@lru_cache(maxsize=16_384)
def _fr_own(word: str, lex: _Lexicon) -> tuple[tuple[str, ...], bool, str]:
    """What the checks know of a French word (lower case): its keys and those of its
    lemmas (Grammalecte's when it is installed, and the hand-written list of irregular
    forms), whether the lexicon knows it, its name key."""
    folded = _fold(word)
    keys, probes = _own_keys(folded)
    for lemma in grammar.lemmas(word) + lex.fr_lemmas.get(folded, ()):
        lemma = _fold(lemma)
        if lemma != folded and lemma.isalpha():
            more, more_probes = _own_keys(lemma)
            keys += more
            probes += more_probes
    return keys, any(k in lex.fr_known for k in probes), _name_key(folded)


def _en_fr_match(en_folded: str, fr_word: str, lex: _Lexicon) -> bool:
    own = frozenset(_fr_own(fr_word, lex)[0])   # each part is tried in one C call
    return any(not own.isdisjoint(part) for part in _en_reach(en_folded, lex)[0])


# ------------------------------------------------------------------------- items of a text

# Capitalised words that are no names: titles, and religious words often capitalised.
_TITLES = frozenset("""
mr mrs miss ms sir madam lady lord master mister professor doctor captain colonel general
admiral major sergeant lieutenant commander saint god gods goddess heaven hell paradise
providence devil king queen prince princess duke duchess count countess baron baroness
marquis marchioness emperor empress pope cardinal bishop abbe abbot father mother brother
sister uncle aunt president minister governor mayor senator judge chapter book part volume
reverend commandant signor seignor senor don monsignor monseigneur rabbi imam sheikh
monsieur madame mademoiselle maitre docteur professeur sainte dieu ciel roi reine
""".split())
# Words that introduce or close a line of dialogue: the speaker's name beside them is often
# left to the context by a translator ("cried Cacambo" / "").
_SPEECH = frozenset("""
said says say cried cries replied replies answered answers asked asks exclaimed continued
added returned observed remarked rejoined interrupted whispered muttered shouted called
repeated resumed began murmured sighed laughed dit repondit reprit ajouta demanda
continua murmura cria ecria s'ecria repliqua poursuivit fit""".split())
_NATIONALITY = ("ian", "ean", "ese", "ish")
_MODIFIED = re.compile(r" ([a-z]+)\b")
_AFTER_ARTICLE = re.compile(r"\b(?:the|a|an|this|that|its|his|her|their|our|my|your) $",
                            re.IGNORECASE)
_NOT_MODIFIED = frozenset("last next early late".split())


def _in_number(text: str, start: int, end: int) -> bool:
    """Is the number word at [start, end) part of a longer number or of a compound ("cent
    cinquante", "vingt-cinq", "two or three", "Thunder-ten-tronckh"), or of "huit jours" /
    "quinze jours" (a week, a fortnight)?"""
    return (text[start - 1:start] == "-" or text[end:end + 1] == "-"
            or _WEEK.match(text, start) is not None
            or _IN_NUMBER.search(text, max(0, start - 9), start) is not None
            or _IN_NUMBER.match(text, end + 1) is not None)


def _name_like(text: str, start: int, end: int, folded: str, kind: str, lang: str,
               lex: "_Lexicon") -> bool:
    """Is a capitalised word (not starting a sentence) a name whose absence from the other
    text is evidence on its own: an unknown word or, in English, one the lexicon translates
    by a French proper noun; no title ("Miss"), no nationality ("Italian"), no speaker
    beside a verb of speech ("said Candide")?"""
    if folded in _TITLES or sum(map(str.isupper, text[start:end])) > 1:
        return False   # a title ("Miss"), an acronym ("ToC", "XML": often spelt out)
    if lang == "en" and folded.endswith(_NATIONALITY):
        return False   # "Italian", "Westphalian", "Turkish"
    if kind != NAME and (lang != "en" or not (
            folded in lex.en_proper or folded.rstrip("s") in lex.en_proper)):
        return False   # a French capital on a common word: "le Lapin", "le Chat"
    if lang == "en" and kind == NAME and _AFTER_ARTICLE.search(text, max(0, start - 40),
                                                                start):
        following = _MODIFIED.match(text, end)   # "the Dutch painter": in French the noun
        if following and following.group(1).lower() not in EN_STOP | _NOT_MODIFIED:
            return False   # comes first, then "néerlandais", out of place
    before = _LETTERS.findall(text[max(0, start - 20):start])[-1:]
    after = _LETTERS.search(text, end, min(len(text), end + 20))
    near = [w.lower() for w in before] + ([after.group().lower()] if after else [])
    return not any(_fold(w) in _SPEECH for w in near)


@lru_cache(maxsize=4)
def _dates(lang: str) -> frozenset[str]:
    """Folded month and weekday names of a language (numbers.py) and, for English, their
    plurals ("Mondays")."""
    words = {_fold(w) for table in ("months", "weekdays") for w in _word_table(table, lang)}
    return frozenset(words | ({w + "s" for w in words} if lang == "en" else set()))


# Words of time, and numbers beyond numbers.py's tables (alone, not in "cent cinquante",
# "vingt-cinq", "3 mille"): strong items, like dates.
_WHEN = {
    "en": frozenset("tonight yesterday tomorrow overnight weekend midnight".split()),
    "fr": frozenset("hier demain minuit".split()),
}
_TENS = {
    "en": frozenset("""thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty
        thirty forty fifty sixty seventy eighty ninety""".split()),
    "fr": frozenset("treize quatorze quinze seize vingt trente quarante cinquante soixante"
                    .split()),
}
_IN_NUMBER = re.compile(r"(?:\d|\b(?:and|et|or|ou|cent|cents|mille|hundred|thousand|million|"
                        r"millions|billion|milliard|milliards)\b)", re.IGNORECASE)
_ANY_TENS = _TENS["en"] | _TENS["fr"]
_WEEK = re.compile(r"(?:huit|quinze) jours\b", re.IGNORECASE)


class _Item(NamedTuple):   # a tuple: made for every word of every text, fast to build
    start: int
    end: int
    kind: str            # WORD, NAME or NUMBER
    clause: int          # index of the clause (stretch between punctuation) holding it
    folded: str          # "" for numbers
    lower: str           # the word in lower case ("" for numbers)
    known: bool          # known to the lexicon (numbers and names always are)
    capital: bool = False   # a capitalised word that does not start a sentence
    strong: bool = False    # a name, number or date word: its absence is evidence alone
    values: frozenset[float] = frozenset()   # a number's values
    digits: bool = False    # a number written with digits


_NO_VALUES: frozenset[float] = frozenset()
_START = itemgetter(0)   # an item's start


def _masked(text: str) -> list[tuple[int, int]]:
    spans = list(protected_spans(text))
    if _MAY_HOLD_CODE.search(text):
        spans += [m.span() for m in _CODE.finditer(text)]
    return sorted(spans)


def _sentence_initial(text: str, start: int) -> bool:
    i = start
    while i > 0 and text[i - 1] in _SKIP_BEFORE_WORD:
        i -= 1
    return i == 0 or text[i - 1] in _SENTENCE_END


# Prepositions and connectives of several words whose nouns are no content ("au cours
# des deux prochaines années" for "over the next two years", "because of"): never items.
_LOCUTION = {
    "fr": re.compile(
        r"\b(?:au cours|en raison|à cause|au sein|à partir|à l['’]issue|au lieu|à côté"
        r"|en face|au bout|le long|à la suite|à l['’]aide|au moyen|en dépit|à l['’]égard"
        r"|en vue|au profit|à l['’]occasion|en matière|à l['’]instar|au fil|au terme"
        r"|au moment|en fonction|de la part|à propos|au-delà|en termes|à travers"
        r"|en cas|en tant|à l['’]heure|au niveau|en vertu|à hauteur|aux côtés)\b",
        re.IGNORECASE),
    "en": re.compile(
        r"\b(?:because of|instead of|in front of|on behalf of|in spite of|in terms of"
        r"|by means of|in order to|as a result of|in case of|on top of|ahead of|prior to"
        r"|due to|thanks to|next to|in the course of|over the course of|in favour of"
        r"|in favor of|by way of|in view of|with regard to|as part of|in line with)\b",
        re.IGNORECASE),
}
class _Opening:
    """A pattern ignoring case that opens on \\b and a choice of words ("\\b(?:said|told)\\b"),
    searched for in the lower-cased text as the same pattern without that \\b and without
    ignoring case, the boundary checked on the text: re scans for a pattern opening on plain
    letters with a set of first characters, and tries one opening on \\b and ignoring case
    at every position (twice the time and more on a long text). The same places: lower case
    keeps a character a word character or not, and the letters of the words match, ignoring
    case, what lowers to them, but for the dotless i and the long s (tests/core/
    test_checks_long_content.py), and only while each character lowers to one: other
    texts are searched with the pattern itself."""

    def __init__(self, words: str, after: str = ""):
        self.pattern = re.compile(rf"\b(?:{words}){after}", re.IGNORECASE)
        self.lower = re.compile(rf"(?:{words}){after}")

    def _lowered(self, text: str) -> str | None:
        lowered = text.lower()
        if len(lowered) != len(text) or _FOLDED_APART[0] in text or _FOLDED_APART[1] in text:
            return None
        return lowered

    def starts(self, text: str) -> list[int]:
        """Where ``self.pattern.finditer(text)`` finds a match, for words of word characters
        only (a place rejected for the word character before it then spans no place where a
        match could start)."""
        lowered = self._lowered(text)
        if lowered is None:
            return [m.start() for m in self.pattern.finditer(text)]
        return [m.start() for m in self.lower.finditer(lowered)
                if not (m.start() and _WORD_CHAR.match(text, m.start() - 1))]

    def found(self, text: str) -> bool:
        """Does ``self.pattern.search(text)`` find a match?"""
        lowered = self._lowered(text)
        if lowered is None:
            return self.pattern.search(text) is not None
        m = self.lower.search(lowered)
        while m is not None:
            if not (m.start() and _WORD_CHAR.match(text, m.start() - 1)):
                return True
            m = self.lower.search(lowered, m.start() + 1)
        return False


_FOLDED_APART = ("\u0131", "\u017f")   # dotless i, long s
_WORD_CHAR = re.compile(r"\w")
_HAS_LOCUTION = {"fr": _Opening("au|aux|à|en|le|de", r"\b"),
                 "en": _Opening("of|to|with", r"\b")}
# The first words of the locutions: _LOCUTION is tried only where one of them starts (a
# match starts with one), not at every word of the text.
_LOCUTION_OPENING = {
    "fr": _Opening("au|aux|à|en|le|de", r"\b"),
    "en": _Opening("because|instead|in|on|by|as|ahead|prior|due|thanks|next|over|with",
                   r"\b"),
}
_LOCUTION_START = {lang: opening.pattern for lang, opening in _LOCUTION_OPENING.items()}


def _locutions(text: str, lang: str) -> list[tuple[int, int]]:
    """Spans of the multi-word prepositions of ``_LOCUTION`` in ``text``: those
    ``_LOCUTION[lang].finditer`` gives (tried from each start word, left to right, past the
    end of the last one found)."""
    cheap = _HAS_LOCUTION.get(lang)
    if cheap is None or not cheap.found(text):
        return []
    pattern, out, after = _LOCUTION[lang], [], 0
    for start in _LOCUTION_OPENING[lang].starts(text):
        if start < after:
            continue
        m = pattern.match(text, start)
        if m:
            out.append(m.span())
            after = m.end()
    return out


@dataclass(frozen=True)
class _Text:
    """What the checks read of one text: its content items, its clauses (start, end),
    the keys of all its words (for English: of every French word they may translate) and
    the name keys of all its words."""
    items: tuple[_Item, ...]
    clauses: tuple[tuple[int, int], ...]
    keys: frozenset[str]
    names: frozenset[str]
    # each content word's (name key, sets of keys) by folded form (English) or lower case
    # (French): what _en_reach or _fr_own says of it, kept for the coverage of the pair
    reach: dict = field(compare=False)


@lru_cache(maxsize=4)
def _when(lang: str) -> frozenset[str]:
    """Date and time words of a language: strong items."""
    return _dates(lang) | _WHEN.get(lang, frozenset())


# Words whose facts are kept, per language (a plain dict, emptied when full).
_FACTS_KEPT = 32_768
# What a content word adds to its facts: (capitalised, a date or time word, a tens word),
# one shared tuple per combination (no memory per word).
_CONTENT_FACTS = {(u, d, t): (u, d, t) for u in (False, True) for d in (False, True)
                  for t in (False, True)}


@lru_cache(maxsize=8)
def _facts_memo(lang: str, lex: _Lexicon) -> dict:
    """The memo of ``_word_facts`` for one language and lexicon: a dict read with one
    lookup per word of every text (an lru_cache of three arguments builds a key for each:
    a fifth of the analysis of a text)."""
    return {}


def _word_facts(word: str, lang: str, lex: _Lexicon):
    """(folded, lower case, known to the lexicon, name key, sets of keys, content) of a word
    as written: one memoised call per word instead of three (a fact about the word, like
    ``_en_reach`` and ``_fr_own``). ``content``: None for a function word or one of fewer
    than ``MIN_LETTERS`` letters, else whether it is capitalised, a date or time word, a
    number of ``_TENS``."""
    folded = _fold(word)
    lower = word.lower()
    if lang == "en":
        sets, known, name = _en_reach(folded, lex)
    else:
        own, known, name = _fr_own(lower, lex)
        sets = (own,)
    content = None
    if len(word) >= MIN_LETTERS and lower not in (EN_STOP if lang == "en" else FR_STOP):
        content = _CONTENT_FACTS[word[0].isupper(), folded in _when(lang),
                                 folded in _TENS.get(lang, frozenset())]
    return folded, lower, known, name, sets, content


@lru_cache(maxsize=16)
def _analyse_text(text: str, lang: str, lex: _Lexicon) -> _Text:
    """Memoised for a few recent texts: both checks read the same pair."""
    marks = _boundaries(text)
    ends = [e for _, e in marks]
    clauses = tuple(zip([0] + ends, [s for s, _ in marks] + [len(text)]))
    numbers = _numbers(text, lang) if text else ()
    taken = sorted([(n.start, n.end) for n in numbers] + _masked(text)
                   + _locutions(text, lang))
    english = lang == "en"
    items = []
    key_sets: list = []   # every word's sets of keys, joined once at the end
    names: list[str] = []
    reach = {}   # a content word's (name key, sets of keys), by folded (en) or lower case
    ti, n_taken = 0, len(taken)
    # The loop runs for every word of every text: names are bound locally and the items
    # are built without going through _Item.__new__ (a Python function).
    memo, append_name = _facts_memo(lang, lex), names.append
    make, append = tuple.__new__, items.append
    for m in _LETTERS.finditer(text):
        word = m.group()
        facts = memo.get(word)
        if facts is None:
            facts = _word_facts(word, lang, lex)
            if len(memo) >= _FACTS_KEPT:
                memo.clear()
            memo[word] = facts
        folded, lower, known, name, sets, content = facts
        key_sets += sets
        append_name(name)
        if content is None:
            continue   # (taken spans are passed by the next word's scan below)
        s, e = m.span()
        if text[e:e + 2] in _NOT:
            continue
        while ti < n_taken and taken[ti][1] <= s:
            ti += 1
        if ti < n_taken and taken[ti][0] < e:
            continue
        upper, dated, tens = content
        kind = WORD
        capital = upper and not _sentence_initial(text, s)
        if capital and not known:
            kind, known = NAME, True
        strong = dated or capital and _name_like(text, s, e, folded, kind, lang, lex)
        if tens:
            strong = not _in_number(text, s, e)
        reach[folded if english else lower] = name, sets
        append(make(_Item, (s, e, kind, bisect_right(ends, s), folded, lower, known,
                            capital, strong, _NO_VALUES, False)))
    for n in numbers:   # "Thunder-ten-tronckh", "deux ou trois mille": no number alone
        strong = n.digits or not _in_number(text, n.start, n.end) and n.values != {2.0}
        items.append(_Item(n.start, n.end, NUMBER, bisect_right(ends, n.start), "", "", True,
                           False, strong, n.values | n.scaled, n.digits))
    if numbers:   # the words came in order: only numbers need placing among them
        items.sort(key=_START)
    when = _when(lang)
    if sum(it.capital for it in items) * 2 > len(items) > 1 and sum(
            it.capital and it.kind == WORD and it.folded not in when
            for it in items) >= 2:   # Title Case ("Save And Add Another"): no names known
        items = [_Item(it.start, it.end, it.kind, it.clause, it.folded, it.lower, it.known,
                       False, it.strong and (not it.capital or it.folded in when),
                       it.values, it.digits)
                 for it in items]
    return _Text(tuple(items), clauses, frozenset().union(*key_sets), frozenset(names),
                 reach)


# ------------------------------------------------------------------------- coverage

@dataclass(frozen=True)
class _Side:
    """One text of a pair: its content items and, for each, whether it has a counterpart
    in the other text."""
    text: str
    items: tuple[_Item, ...]
    covered: tuple[bool, ...]
    clauses: tuple[tuple[int, int], ...]


@lru_cache(maxsize=16)
def _coverage(en_text: str, fr_text: str, lex: _Lexicon) -> tuple[_Side, _Side]:
    """The English and the French side of a pair, each item marked covered or not. A word
    is covered by any word of the other text it may translate; a name only by the same
    name (or a lexicon translation, when it has one: then it is no name). Memoised for a
    few recent pairs: both checks read the same pair."""
    en = _analyse_text(en_text, "en", lex)
    fr = _analyse_text(fr_text, "fr", lex)
    # (a name's key is the one its word's facts hold: _en_reach's, _fr_own's, memoised)
    en_reach, fr_reach = en.reach, fr.reach
    en_covered = [en_reach[it.folded][0] in fr.names if it.kind == NAME
                  else it.kind == WORD and any(not fr.keys.isdisjoint(part)
                                               for part in en_reach[it.folded][1])
                  for it in en.items]
    fr_covered = [fr_reach[it.lower][0] in en.names if it.kind == NAME
                  else it.kind == WORD and not en.keys.isdisjoint(fr_reach[it.lower][1][0])
                  for it in fr.items]
    if _PAIR_EN.found(en_text):   # "both directions" / "les deux sens"
        fr_covered = [c or (it.kind == NUMBER and it.values == {2.0})
                      for it, c in zip(fr.items, fr_covered)]
    en_lower = en_text.lower()
    for word, value in _COUNT_EN:   # "in a decade" / "depuis dix ans"
        if word in en_lower:
            fr_covered = [c or (it.kind == NUMBER and value in it.values)
                          for it, c in zip(fr.items, fr_covered)]
    if _reported(en_text):   # "said" is a function word: "a indiqué" needs no pair
        fr_covered = [c or (it.kind == WORD and _SAID_FR.fullmatch(it.lower) is not None)
                      for it, c in zip(fr.items, fr_covered)]
    _acronyms(en_text, en.items, en_covered, fr_text, fr.items, fr_covered)
    _acronyms(fr_text, fr.items, fr_covered, en_text, en.items, en_covered)
    _listed_acronyms(en_text, en.items, en_covered, fr_text, fr.items, fr_covered, lex)
    en_numbers, fr_numbers = _numbers(en_text, "en"), _numbers(fr_text, "fr")
    if en_numbers or fr_numbers:
        missing_en = {(n.start, n.end) for n in _unmatched(en_numbers, fr_numbers)}
        missing_fr = {(n.start, n.end) for n in _unmatched(fr_numbers, en_numbers)}
        en_covered = [c or (it.kind == NUMBER and (it.start, it.end) not in missing_en)
                      for it, c in zip(en.items, en_covered)]
        fr_covered = [c or (it.kind == NUMBER and (it.start, it.end) not in missing_fr)
                      for it, c in zip(fr.items, fr_covered)]
    for k in range(1, len(fr.items)):   # "over 65" / "de plus de 65 ans": the age's unit
        it, before = fr.items[k], fr.items[k - 1]
        if it.lower in _AGE_FR and before.kind == NUMBER and fr_covered[k - 1] \
                and not fr_text[before.end:it.start].strip():
            fr_covered[k] = True
    return (_Side(en_text, en.items, tuple(en_covered), en.clauses),
            _Side(fr_text, fr.items, tuple(fr_covered), fr.clauses))


_AGE_FR = frozenset({"ans", "an"})


def _acronyms(text: str, items, covered: list, other_text: str, other_items,
              other_covered: list) -> None:
    """Acronyms of ``text`` ("ECB", "NATO") and their counterparts in the other text, in
    place: the same letters in any order ("BCE", "OTAN"), or as many consecutive content
    words with those initials ("Banque centrale européenne")."""
    initials = None   # each other item's first letter ("" for a number), when first needed
    for k, it in enumerate(items):
        if it.kind != NAME or not 2 <= it.end - it.start <= 6:
            continue
        word = text[it.start:it.end]
        if not word.isupper():
            continue
        letters = sorted(it.folded)
        for m, there in enumerate(other_items):
            if there.kind == NAME and sorted(there.folded) == letters \
                    and other_text[there.start:there.end].isupper():
                covered[k] = other_covered[m] = True
        n = len(letters)
        if initials is None:
            initials = [w.folded[:1] if w.kind != NUMBER else "" for w in other_items]
        firsts = set(letters)
        for m in range(len(other_items) - n + 1):
            # a window can only hold the initials when its first item starts with one of
            # them (a number has no initial): most windows are out before being sorted
            if initials[m] not in firsts:
                continue
            window = other_items[m:m + n]
            if all(w.kind != NUMBER for w in window) \
                    and sorted(w.folded[0] for w in window) == letters:
                covered[k] = True
                other_covered[m:m + n] = [True] * n


_UPPER = re.compile(r"\b[A-Z]{2,6}\b")
# _UPPER without its leading \b, checked on the text, and its first letter apart: re scans
# for a pattern opening on a set of letters, and tries one opening on \b or on a repeat at
# every position (a match, capitals only, is word characters: a place rejected for the one
# before it spans none where _UPPER starts).
_UPPER_AFTER = re.compile(r"[A-Z][A-Z]{1,5}\b")


def _capitals(text: str) -> set[str]:
    """``set(_UPPER.findall(text))``: the words of two to six capitals."""
    return {m.group() for m in _UPPER_AFTER.finditer(text)
            if not (m.start() and _WORD_CHAR.match(text, m.start() - 1))}


def _listed_acronyms(en_text: str, en_items, en_covered: list, fr_text: str, fr_items,
                     fr_covered: list, lex: "_Lexicon") -> None:
    """Acronyms of the hand-written list (``lexicon/acronyms.tsv``) and their counterparts,
    in place: an acronym of one text is present in the other as its acronym there or as
    the words of its expansion ("WHO" / "Organisation mondiale de la santé"), whose items
    then have a counterpart (and the acronym, when it is an item)."""
    en_upper = _capitals(en_text)
    fr_upper = _capitals(fr_text)
    if not en_upper and not fr_upper:
        return
    for en_acr, en_words, fr_acr, fr_phrases in lex.acronyms:
        if en_acr not in en_upper and (not fr_acr or fr_acr not in fr_upper):
            continue
        en_hits = [k for k, it in enumerate(en_items) if it.folded in en_words]
        fr_hits = [k for words in fr_phrases
                   for k, it in enumerate(fr_items) if it.folded in words]
        on_en = en_acr in en_upper or (en_words and len(en_hits) >= len(en_words))
        on_fr = (fr_acr and fr_acr in fr_upper) or any(
            words and sum(fr_items[k].folded in words for k in fr_hits) >= len(words)
            for words in fr_phrases)
        if not (on_en and on_fr):
            continue
        for k in en_hits:
            en_covered[k] = True
        for k in fr_hits:
            fr_covered[k] = True
        for k, it in enumerate(en_items):
            if en_text[it.start:it.end] == en_acr:
                en_covered[k] = True
        for k, it in enumerate(fr_items):
            if fr_acr and fr_text[it.start:it.end] == fr_acr:
                fr_covered[k] = True


def _runs(covered) -> list[tuple[int, int]]:
    """Maximal [i, j) runs of items without a counterpart."""
    runs, start = [], None
    for k, c in enumerate(covered):
        if c:
            if start is not None:
                runs.append((start, k))
                start = None
        elif start is None:
            start = k
    if start is not None:
        runs.append((start, len(covered)))
    return runs


def _whole_clauses(items, i: int, j: int) -> tuple[int, int]:
    """The run [i, j) cut down to the clauses it holds entirely."""
    bounds = {}   # clause -> its items [lo, hi), each found once (a long clause is long)

    def inside(k):   # is the clause of items[k] entirely inside [i, j)?
        clause = items[k].clause
        known = bounds.get(clause)
        if known is None or not known[0] <= k < known[1]:
            lo = k
            while lo > 0 and items[lo - 1].clause == clause:
                lo -= 1
            hi = k + 1
            while hi < len(items) and items[hi].clause == clause:
                hi += 1
            known = bounds[clause] = (lo, hi)
        return i <= known[0] and known[1] <= j

    while i < j and not inside(i):
        i += 1
    while j > i and not inside(j - 1):
        j -= 1
    return i, j


def _chars(items) -> int:
    return sum(it.end - it.start for it in items)


def _anchors(side: _Side, other: _Side, i: int, j: int, match):
    """The nearest covered items of ``side`` before and after the run [i, j) and their
    counterparts in ``other``: ((k, m) left, (k, m) right), (-1, -1) or (len, len) at an
    end; None when the counterparts come in the other order."""
    def anchor(ks):
        for k in ks:
            it = side.items[k]
            if it.kind == NUMBER or not side.covered[k]:
                continue
            for m, there in enumerate(other.items):
                if there.kind != NUMBER and match(it, there):
                    return k, m
        return None

    left = anchor(range(i - 1, -1, -1)) or (-1, -1)
    right = anchor(range(j, len(side.items))) or (len(side.items), len(other.items))
    return None if left[1] >= right[1] else (left, right)


def _loose(s: _Side, lo: int, hi: int, inside: bool = True, skip=range(0)) -> int:
    """Characters of the items of ``s`` without counterpart (numbers aside) strictly
    between lo and hi (``inside``) or outside [lo, hi], items of ``skip`` left out."""
    return _chars(it for m, (it, c) in enumerate(zip(s.items, s.covered))
                  if not c and it.kind != NUMBER and m not in skip
                  and (lo < m < hi) == inside and m not in (lo, hi))


def _room(side: _Side, other: _Side, i: int, j: int, match) -> tuple[int, int] | None:
    """Where the run [i, j) of ``side`` would be translated: between the counterparts of
    the nearest covered items before and after it. Returns the characters of the items
    without counterpart there, in ``other`` and in ``side`` (outside the run), or None
    when those counterparts come in the other order."""
    anchors = _anchors(side, other, i, j, match)
    if anchors is None:
        return None
    left, right = anchors
    own = _loose(side, left[0], right[0], skip=range(i, j))
    k = left[0] - 1   # a modifier before the left anchor goes after it in the other
    if k >= 0 and not side.covered[k] and side.items[k].kind == WORD \
            and not i <= k < j and _adjacent(side, k):
        own += side.items[k].end - side.items[k].start   # language ("strong winds")
    return _loose(other, left[1], right[1]), own


_ANY_DATE = _dates("en") | _dates("fr")
_PAIR_EN = _Opening("both|either|neither|twice|pair|couple", r"\b")
_COUNT_EN = (("decade", 10.0), ("dozen", 12.0), ("fortnight", 15.0), ("century", 100.0))
_ARTICLES = frozenset("the a an le la les l des du".split())
# Before a single name, what makes it a place or a source rather than the subject of the
# sentence (which a translator may leave to a pronoun: "Candide took" / "il prit").
_PLACE_PREPOSITIONS = frozenset("""in at near from to into by of for with on off across
along around outside inside towards toward via à a en de d dans près vers depuis pour par
avec sur chez""".split())


class _Facts:
    """What `_alone` asks about the other text, worked out once for all the items of a text
    (asking it again for each item was quadratic on a long segment), each part when first
    asked (most texts ask none)."""

    def __init__(self, other: _Side):
        self.other = other

    @cached_property
    def _pairs(self):
        return list(zip(self.other.items, self.other.covered))

    @cached_property
    def words(self):
        return frozenset(_fold(w) for w in _LETTERS.findall(self.other.text))

    @cached_property
    def _loose(self):
        return [o for o, c in self._pairs if not c]

    @cached_property
    def _numeric(self):
        return [(o, c) for o, c in self._pairs if o.kind == NUMBER or o.folded in _ANY_TENS]

    @cached_property
    def loose_number(self):
        return any(not c for _, c in self._numeric)

    @cached_property
    def number_values(self):
        return frozenset().union(*(o.values for o, c in self._numeric if c))

    @cached_property
    def loose_date(self):
        return any(o.folded in _ANY_DATE for o in self._loose)

    @cached_property
    def loose_common(self):
        return any(o.strong and not o.capital and o.kind != NUMBER for o in self._loose)

    @cached_property
    def loose_capital(self):
        return any(o.capital for o in self._loose)

    @cached_property
    def _names(self):
        """`_same_name` against every word of the other text, by its two tests: the word
        starts with the name's first four letters, or has its first letter and skeleton."""
        names = [o.folded.translate(_NAME_LETTERS) for o in self.other.items
                 if o.kind != NUMBER]
        return ({b[:n] for b in names for n in range(min(4, len(b)) + 1)},
                {(b[:1], _skeleton(_stem(b))) for b in names})

    def named(self, name: str) -> bool:
        """Is some word of the other text `_same_name` as ``name``?"""
        prefixes, skeletons = self._names
        a = name.translate(_NAME_LETTERS)
        for n in {a, a[:-3] if a.endswith(_NATIONALITY) and len(a) > 6 else a}:
            skeleton = _skeleton(_stem(n))   # "" (under three consonants): the first
            if n[:4] in prefixes or (n[:1], skeleton) in skeletons and (
                    skeleton or n[:3] in prefixes):   # three letters too ("Mamma" / "maman")
                return True
        return False


def _alone(side: _Side, k: int, other: _Side, names: bool, facts: _Facts | None = None) -> bool:
    """Is item k a strong item (a number, a date word, a name when ``names``) that nothing
    in the other text could render? Not when the other text has a loose item of the same
    kind (a number without counterpart is number-mismatch's, a month date-mismatch's; a
    capitalised word without one may be the name translated, "Pékin" for "Beijing"), nor,
    for a name, when a word of the other text starts like it ("Londres", "berlinoise"), nor
    when it is part of a name another part of which has a counterpart ("Miss Cunegund" /
    "Cunégonde", "the March Hare" / "le Lièvre"), nor for a number whose value the other
    text has ("trois mois, trois mois" / "three months"). ``facts``: ``_Facts(other)``,
    when the caller asks about several items."""
    it = side.items[k]
    if not it.strong or (it.capital and _named_with(side, k)):
        return False
    facts = facts or _Facts(other)
    if it.kind == NUMBER and not it.digits or it.kind != NUMBER:
        if _fold(side.text[it.start:it.end]) in facts.words:
            return False   # copied as it is: untranslated, not omitted ("Four personnes")
    if it.kind == NUMBER or it.folded in _ANY_TENS:
        if not names and it.digits:
            return False   # a number added in digits is number-mismatch's
        return not (facts.loose_number or it.values & facts.number_values)
    if it.folded in _ANY_DATE:   # "June" for "juillet" is date-mismatch's
        return not facts.loose_date
    if not it.capital:
        return not facts.loose_common
    if not names or facts.loose_capital or not (
            _after_preposition(side, k) or _adjacent_capital(side, k)):
        return False
    return not facts.named(it.folded)


def _after_preposition(side: _Side, k: int) -> bool:
    """Does a preposition come right before item k, an article aside ("in the Alps", "à
    Lille"), or is it the last of a list of names ("in Vienna, Prague and Budapest")?"""
    start = side.items[k].start
    before = [w.lower() for w in _LETTERS.findall(side.text[max(0, start - 16):start])]
    while before and before[-1] in _ARTICLES:
        before.pop()
    if before and before[-1] in _PLACE_PREPOSITIONS:
        return True
    gap = side.text[side.items[k - 1].end:start].strip().lower() if k else ""
    return gap in (",", "and", "or", "et", "ou") and side.items[k - 1].capital


def _adjacent_capital(side: _Side, k: int) -> bool:
    """Is item k part of a name of several capitalised words ("Anna Roussel")?"""
    return (k > 0 and side.items[k - 1].capital and _adjacent(side, k - 1)) or (
        k + 1 < len(side.items) and side.items[k + 1].capital and _adjacent(side, k))


def _same_name(name: str, word: str) -> bool:
    """Can ``word`` (folded) be ``name`` (folded) in the other language: the same first four
    letters, or the same first letter and consonant skeleton, once w/v, k/c, y/i are evened
    out ("Westphalia" / "Vestphalie", "Moscow" / "Moscou"); a nationality by its country
    ("Westphalian" / "Vestphalie")?"""
    a, b = name.translate(_NAME_LETTERS), word.translate(_NAME_LETTERS)
    for n in {a, a[:-3] if a.endswith(_NATIONALITY) and len(a) > 6 else a}:
        skeleton = _skeleton(_stem(n))   # "" (under three consonants): the first three
        if b.startswith(n[:4]) or (b[:1 if skeleton else 3] == n[:1 if skeleton else 3]
                                   and _skeleton(_stem(b)) == skeleton):   # letters too
            return True
    return False


_NAME_LETTERS = str.maketrans("wky", "vci")


def _named_with(side: _Side, k: int) -> bool:
    """Is item k next to a capitalised item with a counterpart (nothing but spaces,
    hyphens or apostrophes between)?"""
    for m in (k - 1, k + 1):
        if 0 <= m < len(side.items) and side.items[m].capital and side.covered[m] \
                and _adjacent(side, min(k, m)):
            return True
    return False


def _adjacent(side: _Side, k: int) -> bool:
    """Are items k and k + 1 next to each other (nothing but spaces, hyphens or
    apostrophes between)?"""
    return not side.text[side.items[k].end:side.items[k + 1].start].strip(" -'\u2019\u00a0")


def _stretches(side: _Side, other: _Side, match, slack: float, ratio: float,
               whole_clauses: bool, min_words: int, min_known: int,
               names: bool, marked: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Runs [i, j) of items of ``side`` with no counterpart in ``other`` that qualify (see
    the module docstring). ``slack``: how many characters of ``side`` the lengths of the
    two texts leave without a counterpart; ``ratio``: expected length of ``other`` per
    character of ``side``; ``match(item of side, item of other)``; ``names``: a name alone
    may qualify; ``marked``: clauses that an attribution or a discourse word opens ("selon
    son avocat", "qui a été très critiqué"), which qualify whole with one content word."""
    out, facts = [], None
    unexplained = _chars(it for it, c in zip(other.items, other.covered)
                         if not c and it.kind != NUMBER)
    for i0, j0 in _runs(side.covered):
        i, j = i0, j0
        if whole_clauses:
            wi, wj = _whole_clauses(side.items, i, j)
            items = side.items
            edge = (i == 0 or items[i - 1].clause != items[i].clause
                    or j == len(items) or items[j].clause != items[j - 1].clause)
            if wj - wi < min_words and edge and j - i >= ADD_MIN_EDGE:
                wi, wj = i, j
            i, j = wi, wj
        run = side.items[i:j]
        if (len(run) >= min_words and sum(1 for it in run if it.known) >= min_known
                and slack >= LENGTH_SHARE * (run[-1].end - run[0].start)
                and (unexplained if _whole_clauses(side.items, i, j) != (i, j) or j - i == len(
                    side.items) else _net(unexplained, side, other, i, j, ratio, match))
                <= BALANCE * _chars(run) * ratio
                and _placed(side, other, i, j, match, ratio, MIN_COVERED)):
            out.append((i, j))
            continue
        found = False
        for clause in sorted({it.clause for it in side.items[i0:j0]} & marked):
            lo, hi = _clause_items(side.items, clause)
            if i0 <= lo < hi <= j0 and slack >= LENGTH_SHARE * (
                    side.items[hi - 1].end - side.items[lo].start) \
                    and _placed(side, other, lo, hi, match, ratio, ALONE_MIN_COVERED):
                out.append((lo, hi))
                found = True
        if found or not STRONG_ALONE:
            continue
        k = i0
        facts = facts or _Facts(other)
        while k < j0:   # strong items alone, with the capitalised words beside them
            if not _alone(side, k, other, names, facts):
                k += 1
                continue
            lo, hi = k, k + 1
            while lo > i0 and side.items[lo - 1].capital and _adjacent(side, lo - 1):
                lo -= 1
            while hi < j0 and side.items[hi].capital and _adjacent(side, hi - 1):
                hi += 1
            if _placed(side, other, lo, hi, match, ratio, ALONE_MIN_COVERED, (i0, j0)):
                # reported with the words before it in its clause that have no
                # counterpart either, the names or numbers after it ("affected users in
                # Europe and Asia") and a number's noun ("for six hours")
                a, b = lo, hi
                while a > i0 and side.items[a - 1].clause == side.items[lo].clause:
                    a -= 1
                while b < j0 and side.items[b].clause == side.items[hi - 1].clause and (
                        side.items[b].strong or side.items[b].capital or (
                            (side.items[b - 1].kind == NUMBER
                             or side.items[b - 1].folded in _ANY_TENS)
                            and _adjacent(side, b - 1))):   # "quinze ans"
                    b += 1
                if not out or out[-1][1] <= a:
                    out.append((a, b))
            k = hi
    return out


_COORDINATOR = {"en": re.compile(r",|\b(?:and|or)\b", re.IGNORECASE),
                "fr": re.compile(r",(?!\d)|\b(?:et|ou)\b", re.IGNORECASE)}


# What may stand between a list's mark and its member: "English, Italian", "and for people",
# ", et en portugais" (nothing else: ", pray," ", that is most certain" are no list).
_LIST_GAP = re.compile(
    r"\W*(?:(?:,|and|or|et|ou)(?![^\W\d_])\W*)+(?:(?:a|an|the|in|for|to|of|with|at|on|by"
    r"|from|some|its|their|his|her|our|your|this|these|those|several|many|other|un|une|le|la|les|l|des|du|de|d"
    r"|en|au|aux|pour|à|par|avec|sur|dans|chez|son|sa|ses|leur|leurs|ce|cette|ces|plusieurs"
    r"|nombreux|nombreuses|autres)"
    r"(?![^\W\d_])\W*)*", re.IGNORECASE)
_LIST_AFTER = re.compile(r"[\s\"'»”)]*(?:,|and\b|or\b|et\b|ou\b)", re.IGNORECASE)


# _COORDINATOR's two parts, counted apart (a comma is never inside a word).
_COMMA = {"en": re.compile(","), "fr": re.compile(r",(?!\d)")}
_COORDINATING = {"en": _Opening("and|or", r"\b"), "fr": _Opening("et|ou", r"\b")}


@lru_cache(maxsize=16)
def _coordinators(text: str, lang: str) -> int:
    """Commas and "and" / "or" of a text: the members of its lists and clauses (the matches
    of _COORDINATOR). Memoised for a few recent texts: both checks count both texts."""
    if lang not in _COMMA:
        return 0
    return len(_COMMA[lang].findall(text)) + len(_COORDINATING[lang].starts(text))


def _coordinated(side: _Side, other: _Side, match, slack: float, ratio: float,
                 lang: str, surplus: int, tail_only: bool) -> list[tuple[int, int]]:
    """Runs [i, j) of ``side`` without counterpart that are a whole member of a list or a
    whole clause: a comma, "and" / "or" ("et" / "ou") before them and one after them or
    the end of the text ("in English, Italian and Portuguese" / "en anglais et en
    portugais"; "..., tous formés dans des écoles lyonnaises"), when ``side`` has
    ``surplus`` more such marks than ``other`` (the member took its mark with it).
    ``tail_only``: only the last member, at the end of the text (an addition). One
    content word is enough (two for a tail), with the length, balance and placing tests
    (``TAIL_ROOM`` for a tail: the end of the other text is where it would be, and what
    that leaves unexplained there is often a word the lexicon cannot pair); an added
    number in the run, with no number of the other text left without counterpart,
    doubles the balance and room allowed."""
    if surplus < 1:
        return []
    out = []
    pattern = _COORDINATOR[lang]
    items, text = side.items, side.text
    loose_numbers = any(o.kind == NUMBER and not c for o, c in zip(other.items, other.covered))
    unexplained = _chars(it for it, c in zip(other.items, other.covered)
                         if not c and it.kind != NUMBER)
    end = len(text.rstrip().rstrip(_SENTENCE_END + "\"'»”)"))
    for i, j in _runs(side.covered):
        before = text[items[i - 1].end if i else 0:items[i].start]
        after = text[items[j - 1].end:items[j].start] if j < len(items) else \
            text[items[j - 1].end:]
        last = j == len(items) and items[j - 1].end >= end - 1
        if tail_only:   # ", tous formés ...", "et sera traitée ...": a mark before, the end
            if not last or not pattern.search(before):
                continue
        elif not (i and side.covered[i - 1] and _LIST_GAP.fullmatch(before)
                  and (last or _LIST_AFTER.match(after))) \
                or _REPORTED.search(text[items[i].start:items[j - 1].end]):
            continue   # a list member after another: its mark, articles, prepositions
        run = items[i:j]
        number = any(it.kind == NUMBER and it.strong for it in run) and not loose_numbers
        words = sum(1 for it in run if it.kind != NUMBER)
        if words < (2 if tail_only and not number else 1) or not any(
                it.known and it.kind != NUMBER for it in run):
            continue
        loose = 2 if number else 1
        whole = (last and not tail_only and unexplained == 0
                 and items[i - 1].clause != items[i].clause)
        if ((whole or slack >= LENGTH_SHARE * (run[-1].end - run[0].start))
                and _net(unexplained, side, other, i, j, ratio, match) <= loose * BALANCE * _chars(run) * ratio
                and _placed(side, other, i, j, match, ratio, ALONE_MIN_COVERED,
                            room=loose * (TAIL_ROOM if tail_only else ROOM))):
            out.append((i, j))
    return out


def _net(unexplained: int, side: _Side, other: _Side, i: int, j: int, ratio: float,
         match) -> float:
    """What the other text leaves unexplained (``unexplained`` characters), less what
    words of ``side`` without counterpart away from the run [i, j) may stand for: a word
    or two the lexicon cannot pair, as many on each side ("coffret" for "set", "visites
    proposées" for "tours are available"), both outside the place of the run
    (``_anchors``), at most ``PAIRED_LOOSE``. Lengths scaled by ``ratio``."""
    anchors = _anchors(side, other, i, j, match)
    if anchors is None:
        return unexplained
    (lo, m_lo), (hi, m_hi) = anchors
    loose = sum(1 for it, c in zip(other.items, other.covered) if not c and it.kind != NUMBER)
    if loose > PAIRED_LOOSE or loose != sum(
            1 for k, (it, c) in enumerate(zip(side.items, side.covered))
            if not c and it.kind != NUMBER and not i <= k < j):
        return unexplained   # one word for one word: a pair the lexicon lacks
    paired = min(_loose(other, m_lo, m_hi, inside=False),
                 _loose(side, lo, hi, inside=False) * ratio)
    return max(0.0, unexplained - paired)


def _clause_items(items, clause: int) -> tuple[int, int]:
    """The [lo, hi) range of the items of a clause (empty when it has none)."""
    lo = next((k for k, it in enumerate(items) if it.clause == clause), len(items))
    hi = lo
    while hi < len(items) and items[hi].clause == clause:
        hi += 1
    return lo, hi


def _placed(side: _Side, other: _Side, i: int, j: int, match, ratio: float,
            min_covered: int, run: tuple[int, int] | None = None, room: float = ROOM) -> bool:
    """Is the rest of ``side`` (outside ``run``, by default [i, j)) well covered, and is
    there nothing unexplained in ``other`` where the run [i, j) would be translated?"""
    lo, hi = run or (i, j)
    outside = [c for k, c in enumerate(side.covered) if not lo <= k < hi]
    hits = sum(outside)
    if hits < min_covered or hits < COVERAGE * len(outside):
        return False
    gaps = _room(side, other, i, j, match)
    return gaps is None or gaps[0] - gaps[1] * ratio <= room * _chars(side.items[i:j]) * ratio


# ------------------------------------------------------------------------- context

def _with_context(side: _Side, runs, other_text: str, context: Context,
                  forward: bool) -> _Side:
    """``side`` with the items of ``runs`` that the document's glossary or translation
    memory pair with a phrase of ``other_text`` marked covered. ``forward``: ``side`` is
    the reference (the memory maps reference phrases to target phrases, so it is read
    only then)."""
    if not context.glossary and not context.memory and context.recall is None:
        return side
    other = normalise_phrase(other_text)
    covered = list(side.covered)
    for i, j in runs:
        words = {side.items[k].folded for k in range(i, j)}
        found: set[str] = set()
        for term in context.glossary:
            mine, theirs = (term.source, term.target) if forward else (term.target,
                                                                        term.source)
            theirs = normalise_phrase(theirs)
            if not term.forbidden and theirs and theirs in other:
                found |= words & {_fold(w) for w in _LETTERS.findall(mine)}
        if forward:
            phrase = side.text[side.items[i].start:side.items[j - 1].end]
            remembered = context.remembered(phrase)
            if remembered and normalise_phrase(remembered) in other:
                found |= words
            for word in words - found:
                remembered = context.remembered(word)
                if remembered and normalise_phrase(remembered) in other:
                    found.add(word)
        for k in range(i, j):
            if side.items[k].folded in found:
                covered[k] = True
    return _Side(side.text, side.items, tuple(covered), side.clauses)


# ------------------------------------------------------------------------- the checks

# Verbs of saying, in French (stems) and in English.
_SAY_FR = (r"(?:(?:ajout|précis|indiqu|déclar|expliqu|soulign|affirm|assur|estim|confirm"
           r"|annonc|rappel|insist|jug|not|relev|observ|martel|signal|racont|confi|regrett"
           r"|déplor|comment|révél|dénonc|tranch|lanc|avanc|détaill|témoign|répét|répliqu)"
           r"(?:é|ée|és|ées|e)|dit|dite|conclu|reconnu|prévenu|averti|poursuivi|admis|répondu"
           r"|prédit|fait savoir)\b")
_SAID_FR = re.compile(
    r"(?:ajout|précis|indiqu|déclar|expliqu|soulign|affirm|assur|estim|confirm|annonc|rappel"
    r"|insist|avert|jug|not|relev|observ|martel|signal|racont|confi|regrett|déplor|comment"
    r"|révél|dénonc|témoign|répét|répliqu|ajout)(?:e|é|ée|és|ées|er|es|ent|ait|aient|a|ant)"
    r"|dit|dits|dite|disent|dira|répond\w*|conclu\w*|reconn\w*|prév\w*|poursui\w*|admi\w*")
_ATTRIBUTION = re.compile(
    r"(?:selon|d['’]après|de l['’]avis|aux dires|à en croire|de source"
    r"|comme (?:l['’]|le |la |les )?(?:a|ont|avait|avaient|l['’]a)\b"
    r"|(?:a|ont|avait|avaient|aurait|auraient)-t?-?(?:il|elle|on|ils|elles)\b"
    r"|(?:a|ont|avait|avaient)\s+(?:\w+\s+)?" + _SAY_FR +
    r"|" + _SAY_FR + r"(?:-t)?-(?:il|elle|on|ils|elles)\b"
    r"|(?:explique|précise|indique|souligne|ajoute|affirme|estime|assure|rappelle|confie"
    r"|raconte|note|observe|prévient|reconnaît|déplore|regrette|résume|insiste|poursuit"
    r"|conclut|témoigne|avance|détaille)n?t?\s+(?:le|la|l['’]|les|son|sa|ses|leur|leurs"
    r"|un|une)\b)")
_DISCOURSE = re.compile(
    r"(?:ce qui|ce que|ce dont|qui|dont|où|lequel|laquelle|lesquels|lesquelles|notamment"
    r"|en outre|par ailleurs|de plus|d['’]ailleurs|elle qui|lui qui|eux qui|un|une)\b")
_REPORTED_WORDS = _Opening(
    r"sa(?:y|ys|id|ying)|t(?:ell|ells|old)|according|add(?:s|ed)|announc\w*|stat(?:es|ed)"
    r"|explain\w*|confirm\w*|not(?:es|ed)|report\w*|claim\w*|insist\w*|warn\w*"
    r"|stress\w*|declar\w*|reveal\w*|argu\w*|wr(?:ote|ites)|indicat\w*|specif\w*"
    r"|quot\w*|sources?|spokes\w*|believ\w*|estimat\w*|accus\w*|denounc\w*|point\w* out"
    r"|recall\w*|admit\w*|acknowledg\w*|suggest\w*|conclud\w*", r"\b")
_REPORTED = _REPORTED_WORDS.pattern

def _trimmed(text: str) -> tuple[int, int] | None:
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    return (start, end) if end > start else None


def _analyse(reference: str, target: str, lang: Languages):
    """(reference side, target side, match(reference item, target item)), or None when
    the pair has no lexicon."""
    pair = (lang.source_base, lang.target_base)
    if pair not in PAIRS:
        return None
    lex = lexicon()

    def en_fr(en_item, fr_item):
        return _en_fr_match(en_item.folded, fr_item.lower, lex)

    if pair[0] == "en":
        ref, tgt = _coverage(reference, target, lex)
        return ref, tgt, en_fr
    tgt, ref = _coverage(target, reference, lex)
    return ref, tgt, lambda r, t: en_fr(t, r)


# "\\b(?:not|...)\\b|n['’]t\\b" and "\\bn(?:e\\s|['’])|\\b(?:sans|...)\\b", ignoring case, in two parts:
# the words, and what a match may also be without \\b before it ("n't": n and t have no other
# character matching them ignoring case).
_NEGATION = {
    "en": (_Opening("not|never|no|nothing|none|nobody|nowhere|neither|nor|without|cannot",
                    r"\b"), re.compile(r"[nN]['’][tT]\b")),
    "fr": (_Opening(r"n(?:e\s|['’])|sans\b|ni\b|aucun\b|aucune\b|jamais\b"), None),
}


@lru_cache(maxsize=16)
def _reported(text: str) -> bool:
    """Does an English text have a verb of saying or "according to"? Memoised for a few
    recent texts: both checks ask."""
    return _REPORTED_WORDS.found(text)


@lru_cache(maxsize=16)
def _negative(text: str, lang: str) -> bool:
    """Does the text hold a negation? One on one side only is a sentence turned around
    ("the first time since 1995" / "n'avait plus ... depuis 1995"): a stretch of the
    reference then needs one content word more to be an omission."""
    if lang not in _NEGATION:
        return False
    words, also = _NEGATION[lang]
    return words.found(text) or bool(also and also.search(text))


def _shared_counterparts(side: _Side, other: _Side, match) -> _Side:
    """``side`` with the one item that has a counterpart in a clause otherwise without any
    marked as without one when each of its counterparts also translates an item of
    ``side`` outside that clause ("ont fortement baissé ..., entraînant tout le secteur dans
    leur chute": "fell" is "baissé", not also "chute")."""
    items, covered = side.items, side.covered
    # The words of ``side`` with a counterpart, the witnesses of a clause's word outside it,
    # and the words of ``other``, listed once (a long text has many clauses).
    witnesses = [n for n, it in enumerate(items) if covered[n] and it.kind == WORD]
    others = [there for there in other.items if there.kind == WORD]
    flip = []
    k = 0
    while k < len(items):
        # k is the first item of its clause (items are in text order, a clause's together):
        # the clause's items run from k to the next clause
        lo, hi, clause = k, k + 1, items[k].clause
        while hi < len(items) and items[hi].clause == clause:
            hi += 1
        k = hi
        if hi - lo < 3:
            continue
        inside = [m for m in range(lo, hi) if covered[m]]
        if len(inside) != 1:
            continue
        m = inside[0]
        if items[m].kind != WORD:
            continue
        folded = items[m].folded
        if any(items[n].folded == folded for n in range(len(items)) if not lo <= n < hi):
            continue   # the same word twice ("hazard ..., a second hazard"): both rendered
        mine = [o for o in others if match(items[m], o)]
        if mine and all(any(match(items[n], o) for n in witnesses if not lo <= n < hi)
                        for o in mine):
            flip.append(m)
    if not flip:
        return side
    return _Side(side.text, items, tuple(c and k not in flip for k, c in enumerate(covered)),
                 side.clauses)


# "selon des sources proches de l'enquête": an attribution to sources, added even when the
# reference reports someone else's words ("police said"), unless it names sources too.
_SOURCES = re.compile(r"(?:selon|d['’]après|de)\s+(?:des|de|plusieurs|certaines|nos|mes"
                      r"|bonnes?|sources?)\b(?:\s+\w+)?\s*sources?\b|de sources?\b",
                      re.IGNORECASE)
_SOURCE_WORD = _Opening("sources?", r"\b")   # "source" or "sources" anywhere


def _unsourced(side: _Side, marked: frozenset[int], other_text: str) -> _Side:
    """``side`` with the words of a marked attribution to sources ("selon des sources
    proches de l'enquête") marked without counterpart when the other text names no source:
    they describe the sources, even when the reference has "investigators" or "close"."""
    if not marked or _SOURCE_WORD.found(other_text):
        return side
    flip = set()
    for k in marked:
        start, end = side.clauses[k]
        if _SOURCES.match(side.text[start:end].lstrip(_SKIP_BEFORE_WORD)):
            flip |= {m for m, it in enumerate(side.items) if it.clause == k}
    if not flip:
        return side
    return _Side(side.text, side.items,
                 tuple(c and m not in flip for m, c in enumerate(side.covered)), side.clauses)


def _marked_clauses(side: _Side, lang: str, other_text: str) -> frozenset[int]:
    """The clauses of a French text that an attribution ("selon les organisateurs",
    "a-t-il ajouté", "a indiqué la préfecture") or, after a comma, a bracket or a dash, a
    discourse word ("ce qui", "qui", "notamment", "en outre") or an indefinite article (an
    apposition: ", une première mondiale"). Attributions count only when the other text
    has no counterpart of one ("said", "according to", "told", ...), or, for an attribution
    to sources ("selon des sources proches de l'enquête"), no "source"."""
    if lang != "fr":
        return frozenset()
    attributed = _reported(other_text)
    sourced = not _SOURCE_WORD.found(other_text)
    out = set()
    for k, (start, end) in enumerate(side.clauses):
        head = side.text[start:end].lstrip(_SKIP_BEFORE_WORD).lower()
        inside = k > 0 and side.text[:start].rstrip()[-1:] in ",;(\u2014\u2013-"
        if (inside and _DISCOURSE.match(head)) or (not attributed and _ATTRIBUTION.match(head)) \
                or (sourced and _SOURCES.match(head)):
            out.add(k)   # a discourse word opens a clause inside a sentence, not one
    return frozenset(out)


def find_omitted_content(reference: str, target: str, lang: Languages, context: Context):
    """Reference content with no counterpart in the target (see the module docstring)."""
    span = _trimmed(target)
    if span is None or not reference.strip():
        return []
    if plural_stand_ins(reference, target, context):
        reference = _numbers_stood_in(reference, target)
    analysed = _analyse(reference, target, lang)
    if analysed is None:
        return []
    ref, tgt, match = analysed
    ref = _shared_counterparts(ref, tgt, match)   # ", the highest increase in a decade"
    ratio = expected_ratio(lang, context)
    slack = len(reference.strip()) - len(target.strip()) / ratio
    min_words = OMIT_MIN_WORDS + (_negative(target, lang.target_base)
                                  != _negative(reference, lang.source_base))
    surplus = _coordinators(reference, lang.source_base) - _coordinators(target,
                                                                         lang.target_base)

    def find(ref):
        return _stretches(ref, tgt, match, slack, ratio, False, min_words, OMIT_MIN_KNOWN,
                          True) or _coordinated(ref, tgt, match, slack, ratio,
                                                lang.source_base, surplus, False)

    runs = find(ref)
    if runs:
        ref = _with_context(ref, runs, target, context, forward=True)
        runs = find(ref)
    if not runs or find_too_short(reference, target, lang, context) \
            or find_missing_content(reference, target, lang, context):
        return []
    shown = ", ".join(f"\u201c{reference[ref.items[i].start:ref.items[j - 1].end]}\u201d"
                      for i, j in runs)
    return [Hit(*span, Text(N_("Not translated: %(shown)s (from the reference)."), shown=shown))]


_DIGITS = re.compile(r"\d+")


def _numbers_stood_in(reference: str, target: str) -> str:
    """The reference with the digits the target lacks blanked out (offsets kept): in a
    plural form, a placeholder of another source form stands in for them ("Delete 1 file?"
    -> "Supprimer %d fichier ?", Context.plural_references)."""
    kept = set(_DIGITS.findall(target))
    return _DIGITS.sub(lambda m: m.group() if m.group() in kept else " " * len(m.group()),
                       reference)


def find_added_content(reference: str, target: str, lang: Languages, context: Context):
    """Target clauses with no counterpart in the reference (see the module docstring)."""
    if not reference.strip() or not target.strip():
        return []
    analysed = _analyse(reference, target, lang)
    if analysed is None:
        return []
    ref, tgt, match = analysed
    ratio = expected_ratio(lang, context)
    slack = len(target.strip()) - len(reference.strip()) * ratio

    def back(t, r):
        return match(r, t)

    marked = _marked_clauses(tgt, lang.target_base, reference)
    tgt = _shared_counterparts(_unsourced(tgt, marked, reference), ref, back)
    surplus = _coordinators(target, lang.target_base) - _coordinators(reference,
                                                                      lang.source_base)

    def find(tgt):
        return _stretches(tgt, ref, back, slack, 1 / ratio, True, ADD_MIN_WORDS,
                          ADD_MIN_KNOWN, False, marked) or _coordinated(
            tgt, ref, back, slack, 1 / ratio, lang.target_base, surplus, True)

    stretches = find(tgt)
    if stretches:
        tgt = _with_context(tgt, stretches, reference, context, forward=False)
        stretches = find(tgt)
    hits = []
    for i, j in stretches:
        first, last = tgt.items[i], tgt.items[j - 1]
        whole_start = i == 0 or tgt.items[i - 1].clause != first.clause
        whole_end = j == len(tgt.items) or tgt.items[j].clause != last.clause
        start = tgt.clauses[first.clause][0] if whole_start else first.start
        end = tgt.clauses[last.clause][1] if whole_end else last.end
        while start < end and target[start].isspace():
            start += 1
        while end > start and target[end - 1].isspace():
            end -= 1
        hits.append(Hit(start, end, Text(N_("Not in the reference: “%(text)s” has no "
                                            "counterpart there."), text=target[start:end])))
    return hits


OMITTED_CONTENT = Check(
    "omitted-content", "omission", "major", find_omitted_content,
    "Words of the reference (a clause, names, numbers) with no counterpart in the "
    "translation, by bilingual lexicon and cognates.",
    target_langs=frozenset({"fr", "en"}))
ADDED_CONTENT = Check(
    "added-content", "addition", "major", find_added_content,
    "A clause of the translation with no counterpart in the reference, by bilingual lexicon "
    "and cognates.",
    target_langs=frozenset({"fr", "en"}))
