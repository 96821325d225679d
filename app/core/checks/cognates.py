"""Target-language words for a source-language word: dictionary senses ranked, plurals
re-inflected, and cognates guessed by suffix correspondences.

    word_translations(word, source, target) -> list[str]

1. The installed FreeDict dictionary (``freedict.dictionary_translations``) and the
   hand-written list ``app/core/data/lexicon/<source>-<target>.tsv`` for the word, or for its
   singular ("measures" -> "measure") with the nouns among the translations put back in the
   plural ("mesure" -> "mesures"). FreeDict lists senses in no useful order ("level": "plat, uni",
   "égal", "horizontal", "niveau"), so the senses are ranked: a sense that looks like the
   word (a cognate: "member" -> "membre") first, then the most frequent in the target.
2. Without a dictionary sense: cognates made by the regular correspondences of English and
   French spelling ("majority" -> "majorité", "authorities" -> "autorités", "members" ->
   "membres", "affected" -> "affecté"), kept only when the target dictionary knows the word
   and it is in common use (``MIN_TARGET_ZIPF``).

3. A two-word phrase with no entry of its own is composed from its words in French order,
   with Grammalecte's lexicon (when installed) for parts of speech and genders: "local
   authorities" -> "autorités locales", "police report" -> "rapport de police".

English to French only for the re-inflection, the cognate rules and the composition (the
languages whose rules are written here); other pairs get the dictionary senses in frequency
order.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from app.core import freq, grammar, spell
from app.core.checks import freedict, wordlists

MIN_TARGET_ZIPF = 3.0    # a guessed cognate must be a word in common use in the target
COGNATE_RATIO = 0.75     # spelling similarity (accents folded) that makes a sense a cognate

# English ending -> French endings, longest first; applied to the singular.
_SUFFIXES = (
    ("ities", ("ités",)), ("ity", ("ité",)), ("ical", ("ique",)), ("ic", ("ique",)),
    ("ous", ("eux",)), ("ive", ("if",)), ("ary", ("aire",)), ("ory", ("oire",)),
    ("ism", ("isme",)), ("ist", ("iste",)), ("ogy", ("ogie",)), ("graphy", ("graphie",)),
    ("ize", ("iser",)), ("ise", ("iser",)), ("ated", ("é",)), ("ed", ("é", "",)),
    ("ate", ("er", "at")), ("or", ("eur",)), ("er", ("re", "eur")), ("al", ("el", "al")),
    ("y", ("ie",)), ("", ("", "e")),
)


def _fold(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if unicodedata.category(c) != "Mn")


def english_singular(word: str) -> str | None:
    """The singular of an English plural noun ("authorities" -> "authority"), else None."""
    w = word.lower()
    if len(w) < 4 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return None
    if w.endswith("ies"):
        return w[:-3] + "y"
    if w.endswith(("sses", "ches", "shes", "xes", "zes")):
        return w[:-2]
    return w[:-1]


def french_plural(word: str) -> str:
    """The regular plural of a French noun or adjective ("local" -> "locaux", "mesure" ->
    "mesures"); a phrase gets its first word in the plural ("taux de change")."""
    head, space, rest = word.partition(" ")
    if head.endswith(("s", "x", "z")):
        plural = head
    elif head.endswith("al"):
        plural = head[:-2] + "aux"
    elif head.endswith(("eau", "au", "eu")):
        plural = head + "x"
    else:
        plural = head + "s"
    return plural + space + rest


def _similar(a: str, b: str) -> bool:
    return difflib.SequenceMatcher(None, _fold(a), _fold(b)).ratio() >= COGNATE_RATIO


_PLAIN_WORD = re.compile(r"\w+(?:-\w+)*")
COMPOUND_PENALTY = 1.0   # a sense of several words ("d'après") is measured by its parts


def _score(sense: str, target: str) -> float:
    z = freq.zipf(sense, target)
    return z if _PLAIN_WORD.fullmatch(sense) else z - COMPOUND_PENALTY


def _rank(word: str, senses: list[str], target: str) -> list[str]:
    """Senses other than the word itself, cognates first, then by frequency in the target."""
    order = {s: k for k, s in enumerate(senses)}
    kept = [s for s in senses if _fold(s) != _fold(word)]
    return sorted(kept, key=lambda s: (not _similar(word, s), -_score(s, target), order[s]))


def _variants(stem: str):
    """Spellings of an English stem as French writes them: "th" -> "t", an initial "e" or
    "es" before a consonant -> "é" ("election" -> "élection", "state" -> "état")."""
    out = {stem}
    if "th" in stem:
        out.add(stem.replace("th", "t"))
    for s in list(out):
        if s[:1] == "e" and len(s) > 2 and s[1] not in "aeiouy":
            out.add("é" + s[1:])
        if s[:2] == "es" and len(s) > 3 and s[2] not in "aeiouy":
            out.add("é" + s[2:])
    return out


@lru_cache(maxsize=16_384)
def cognate_guesses(word: str, target: str) -> tuple[str, ...]:
    """French words that English ``word`` is likely a cognate of, most frequent first."""
    if not spell.has_dictionary(target):
        return ()
    w = word.lower()
    singular = english_singular(w)
    found: dict[str, float] = {}
    for base, plural in ((w, False), (singular, True)):
        if not base:
            continue
        for ending, replacements in _SUFFIXES:
            if not base.endswith(ending) or len(base) - len(ending) < 3:
                continue
            stem = base[:len(base) - len(ending)]
            for variant in _variants(stem):
                for replacement in replacements:
                    guess = variant + replacement
                    if plural:
                        guess = french_plural(guess)
                    if (guess != w and guess not in found and spell.is_known(guess, target)
                            and freq.zipf(guess, target) >= MIN_TARGET_ZIPF):
                        found[guess] = freq.zipf(guess, target)
    return tuple(sorted(found, key=lambda g: -found[g]))


@lru_cache(maxsize=16_384)
def word_translations(phrase: str, source: str, target: str,
                      directories: tuple = ()) -> tuple[str, ...]:
    """Target-language candidates for a source-language word or phrase (see the module
    docstring), best first; the phrase is given normalised (lower case, single spaces).
    ``directories``: where the dictionaries are looked for (``freedict.DICTD_DIRS``)."""
    def dictionary_translations(words, src, tgt, word=None):
        """FreeDict's senses ranked, then the hand-written list's in its own order."""
        found = _rank(word or words, freedict.dictionary_translations(
            words, src, tgt, list(directories)) if directories else [], tgt)
        hand = wordlists.hand_lexicon(src, tgt).get(words, ())
        return found + [h for h in hand if h not in found and _fold(h) != _fold(word or words)]

    senses = dictionary_translations(phrase, source, target)
    if senses:
        return tuple(senses)
    english_french = source == "en" and target == "fr"
    if " " in phrase:
        return _composed(phrase, directories) if english_french else ()
    singular = english_singular(phrase) if english_french else None
    if singular:
        # Plurals of one-word senses the target dictionary knows ("mesurer" has none).
        plurals = [french_plural(s) for s in dictionary_translations(singular, source, target)
                   if " " not in s and (not grammar.available() or _is_noun(s))]
        plurals = [p for p in plurals if not spell.has_dictionary(target)
                   or spell.is_known(p, target)]
        if plurals:
            return tuple(dict.fromkeys(plurals))
    if english_french:
        return cognate_guesses(phrase, target)
    return ()


def _is_adjective(word: str) -> bool:
    return any(t.startswith(":A") or ":A:" in t for t in grammar.morphology(word))


def _is_noun(word: str) -> bool:
    return any(t.startswith(":N") for t in grammar.morphology(word))


def _modifiers(word: str, directories: tuple) -> list[str]:
    """French candidates for the first word of an English two-word phrase: the word itself
    when French has it as an adjective ("local", "final", "large"), then translations that
    are adjectives ("main" -> "principal"), then translations that are nouns ("police")."""
    own = [word] if spell.is_known(word, "fr") else []
    senses = list(word_translations(word, "en", "fr", directories))
    adjectives = [w for w in own + senses if " " not in w and _is_adjective(w)]
    nouns = [w for w in own + senses if " " not in w and _is_noun(w) and w not in adjectives]
    return adjectives[:2] + nouns[:2]


def _heads(word: str, directories: tuple) -> list[str]:
    """French nouns for the head of the phrase, the most frequent first: the word itself when
    French has it ("services"), else its translations ("report" -> "rapport")."""
    own = [word] if spell.is_known(word, "fr") else []
    senses = [w for w in word_translations(word, "en", "fr", directories)[:3] if " " not in w]
    return sorted((w for w in own + senses if _is_noun(w)), key=lambda w: -freq.zipf(w, "fr"))


# French adjectives that usually come before the noun ("une large majorité").
_BEFORE_NOUN = frozenset({"grand", "petit", "large", "bon", "mauvais", "nouveau", "vieux",
                          "jeune", "beau", "haut", "gros", "premier", "dernier", "seul",
                          "vaste", "long"})


def _feminine(adjective: str) -> str:
    for ending, replacement in (("eux", "euse"), ("if", "ive"), ("el", "elle"), ("ien", "ienne"),
                                ("er", "ère"), ("e", "e")):
        if adjective.endswith(ending):
            return adjective[:len(adjective) - len(ending)] + replacement
    return adjective + "e"


def _agreed(adjective: str, tags: tuple[str, ...]) -> str:
    """``adjective`` agreed with a noun of morphology ``tags`` ("local" + ":N:f:p" ->
    "locales")."""
    feminine = any(":f" in t for t in tags) and not any(":m" in t for t in tags)
    plural = any(t.endswith(":p") or ":p:" in t for t in tags)
    form = _feminine(adjective) if feminine else adjective
    return french_plural(form) if plural else form


def _composed(phrase: str, directories: tuple) -> tuple[str, ...]:
    """A French rendering of a two-word English phrase, modifier then head, put in French
    order: "local authorities" -> "autorités locales" (the adjective after the noun, agreed
    with it), "police report" -> "rapport de police" (a noun modifier with "de"). Needs the
    parts of speech and genders of Grammalecte's lexicon: without it, nothing."""
    parts = phrase.split()
    if len(parts) != 2 or not grammar.available():
        return ()
    if not spell.has_dictionary("fr"):
        return ()
    modifiers = _modifiers(parts[0], directories)
    for head in _heads(parts[1], directories)[:2]:
        head_tags = [t for t in grammar.morphology(head) if t.startswith(":N")]
        for modifier in modifiers:
            if _is_adjective(modifier):
                agreed = _agreed(modifier, tuple(head_tags))
                if spell.is_known(agreed, "fr"):
                    return ((f"{agreed} {head}",) if modifier in _BEFORE_NOUN
                            else (f"{head} {agreed}",))
            else:
                return (f"{head} de {modifier}",)
    return ()


@lru_cache(maxsize=8)
def _hand_backward(source: str, target: str) -> dict[str, frozenset[str]]:
    """Target word -> the source words of the hand-written list that it translates."""
    backward: dict[str, set[str]] = {}
    for word, senses in wordlists.hand_lexicon(source, target).items():
        if " " not in word:
            for sense in senses:
                if " " not in sense:
                    backward.setdefault(sense.lower(), set()).add(word)
    return {k: frozenset(v) for k, v in backward.items()}


@lru_cache(maxsize=8192)
def false_friend(word: str, source: str, target: str,
                 unknown_source: bool = False) -> frozenset[str]:
    """Is ``word``, spelt the same in both languages, a false friend: the dictionaries
    (FreeDict when installed, and the hand-written list) know it both as a source word and
    as a target word, and never as its own translation, either way ("chair" is rendered
    "chaise" and translates "flesh")? Not for a word written the same with the
    same sense ("budget", "record", "star"), nor when the dictionaries do not know it as a
    target word, nor when one of the source words it translates is a relative of it
    ("photograph") or shares a sense with it ("supporter": "fan" and English "supporter"
    are both "partisan"). Returns the source words it translates as a target word
    ("flesh"), empty when it is no false friend. ``unknown_source``: a word the
    dictionaries do not know as a source word may be one too (the caller has other
    evidence that it is a source-language word: "speaker")."""
    word = word.lower()
    forms = {word} | ({english_singular(word)} - {None})
    hand = wordlists.hand_lexicon(source, target)
    hand_back = _hand_backward(source, target)
    there, back = set(), set()
    for form in forms:
        senses, sources = freedict.word_senses(form, source, target)
        there |= senses | {s.lower() for s in hand.get(form, ())}
        back |= sources | hand_back.get(form, frozenset())
    if not (there or unknown_source) or forms & (there | back) or any(
            _same_root(word, b) for b in back):
        return frozenset()   # its own translation, or a relative ("photo" / "photograph")
    for other in back:   # a sense shared ("supporter": "fan" and "partisan" both ways)
        senses = freedict.word_senses(other, source, target)[0]
        if there & (senses | {s.lower() for s in hand.get(other, ())}):
            return frozenset()
    return frozenset(back)


@lru_cache(maxsize=8192)
def translated_otherwise(word: str, source: str, target: str) -> bool:
    """Do the dictionaries translate a source word spelt like a target word ("report",
    "lifting") by other words only, none of them the word itself inflected ("rapport",
    "lever"; "local" has "locale")?
    English forms are also looked up by their singular or their verb ("smoking" ->
    "smoke")."""
    word = word.lower()
    forms = {word} | ({english_singular(word)} - {None})
    if word.endswith("ing") and len(word) > 5:
        forms |= {word[:-3], word[:-3] + "e"}
    hand = wordlists.hand_lexicon(source, target)
    there = set()
    for form in forms:
        there |= freedict.word_senses(form, source, target)[0]
        there |= {s.lower() for s in hand.get(form, ())}
    return bool(there) and not any(_inflected(form, t) for form in forms for t in there)


def _inflected(a: str, b: str) -> bool:
    """Is one word the other with at most two letters added ("public" / "publique" is
    not, "local" / "locale" is)?"""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and len(long_) - len(short) <= 2


def _same_root(a: str, b: str) -> bool:
    """Do two words start with the same five letters or more ("confirm" / "confirmation")?"""
    return len(a) >= 5 and len(b) >= 5 and a[:5] == b[:5]
