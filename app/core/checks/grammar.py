"""Grammar of French targets: what machine translation breaks (agreement, conjugation, elision).

fr-grammar
    Grammalecte's grammar errors in the target (``app.core.grammar``): agreement of gender
    and number ("les mesure annoncées"), of the verb with its subject ("Les ministres a
    signé"), past participles ("Elle est parti"), verb moods, infinitives, missing elisions
    ("le avion"), and verb forms that are not French at all ("Les chercheurs croyent",
    "Nous voirons": Grammalecte's speller proposes the form, ``grammar.conjugation_fix``).
    The suggestion is Grammalecte's first one, written with the document's apostrophe
    style. Typography is left to the typography checks.
    When Grammalecte is not installed the check finds nothing (``grammar.available()``
    tells; the Checks page and ``flask check`` say so).

    Markup and software-string conventions are not French prose, so Grammalecte's verdict
    on them is left out (``_trusted``): an error on markup (app/core/markup.py: code,
    placeholders, options...), a verb right after a placeholder (the placeholder may be its
    subject: "%(value)s décillions"), a word with an inclusive plural or feminine mark
    ("l'auteur(s)", "connecté(e)"), and a noun read as a verb when the clause has its own
    verb after it ("Les dossiers source et destination ne doivent pas...", "Les URI cibles
    doivent...") or when the verb is rare (``RARE_VERB_ZIPF``: "tous les fichiers source"
    is not the verb "sourcer"), and a noun naming a role after another noun, whose form of
    the other gender is much rarer (``OTHER_GENDER_GAP``: "une erreur utilisateur").

    One problem, one flag: an error that touches an untranslated span ("le main pont",
    "les local authorities") is part of that finding, not a second one: the untranslated
    finding says that grammar breaks there too (``fold_into_untranslated``, applied by the
    run of checks), and ``breaks_on`` lets the untranslated check use the error as evidence.
"""
from __future__ import annotations

import dataclasses
import re

from app.core import freq, grammar, markup
from app.core.checks.base import Check, Context, Finding, Hit, Languages
from app.core.messages import N_, Text

KIND_LABELS = {
    "gn": "Agreement in gender or number",
    "conj": "Verb agreement",
    "ppas": "Past participle",
    "infi": "Infinitive",
    "vmode": "Verb mood",
    "eleu": "Elision",
}
# The message of a Grammalecte error by its kind: the label and the engine's own (French)
# message, translated where it is shown as the label's pattern.
_SAID = {
    "gn": N_("Agreement in gender or number: %(message)s"),
    "conj": N_("Verb agreement: %(message)s"),
    "ppas": N_("Past participle: %(message)s"),
    "infi": N_("Infinitive: %(message)s"),
    "vmode": N_("Verb mood: %(message)s"),
    "eleu": N_("Elision: %(message)s"),
}
# How far (in characters) a grammar error may lie from an untranslated span and still be the
# same problem: the determiner or adjective right before it ("les local").
_FOLD_GAP = 1


def _styled(suggestion: str | None, context: Context) -> str | None:
    if suggestion is None:
        return None
    if context.apostrophe == "'":
        return suggestion.replace("\u2019", "'")
    return suggestion


# Grammalecte words some messages as a condition ("Si « cette idée » est bien le COD...",
# "... s'il y en a bien plusieurs", "excepté s'il s'agit d'une référence"): it is not sure, so
# neither are we: such findings are minor.
_HEDGED = re.compile(r"^Si |s[’']il (?:y en a|s[’']agit)|\bprobable|\?", re.IGNORECASE)


_LOWER_WORD = re.compile(r"(?<![\w\-/.@%{<&_])[a-zà-öø-ÿœæ]{4,}(?![\w\-/.@}>_])")


def _misconjugated(reference: str, target: str, lang: Languages, taken) -> list[Hit]:
    """Verb forms that are not French ("Les chercheurs croyent"): Grammalecte reports them
    as spelling, its grammar rules do not see them. Words of the reference (copied names,
    terms), words leaning to the source language (untranslated-words' job) are left out."""
    hits = []
    ref = reference.lower()
    for m in _LOWER_WORD.finditer(target):
        word = m.group(0)
        if (any(s < m.end() and m.start() < e for s, e in taken) or word in ref
                or freq.lean(word, lang.source, lang.target) > 0):
            continue
        fix = grammar.conjugation_fix(word)
        if fix:
            hits.append(Hit(m.start(), m.end(), Text(N_("Verb form: “%(word)s” is not a French "
                                                        "form; “%(fix)s”?"), word=word, fix=fix),
                            fix))
    return hits


# Conjunctions and impersonal verbs that take the subjunctive ("il faut que", "bien que",
# "pour que"...), and where the clause they open ends.
_SUBJUNCTIVE_AFTER = re.compile(
    r"\b(?:il\s+(?:faut|faudra|faudrait|fallait|fallut)|bien|quoi|pour|afin|avant|sans|"
    r"à\s+moins|jusqu['’]à\s+ce|en\s+attendant|pourvu)\s*qu(?:e\b|['’])|\bquoiqu(?:e\b|['’])",
    re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:.!?()«»\n]|\s(?:qui|que|et|mais|ou|dont|où|quand|lorsque|si|car|"
                         r"puis)\s|\s(?:lors)?qu['’]")
# "bien que" is concessive (the subjunctive's) where a clause starts; after a verb ("je crois
# bien que", "vous voyez bien que") or "si" ("si bien que": so that) it is not.
_CLAUSE_START = re.compile(r"(?:^|[,;:.!?(«»—–\-\n]|\b(?:et|mais|ou|or|car))\s*$", re.IGNORECASE)
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_AUXILIARIES = frozenset({"être", "avoir"})
_INDICATIVE = re.compile(r":(?:Ip|Iq|Is|If|K)(?=:|$)")
_PERSON = re.compile(r":([123][sp])")


def _indicative_for_subjunctive(target: str) -> list[Hit]:
    """The first finite verb of a clause that needs the subjunctive, in the indicative ("Il
    faut que le gouvernement prend", "bien que les preuves étaient"), with its present
    subjunctive as the fix. "Quoi que" / "quoique" are the subjunctive's too; "après que" is
    not (it takes the indicative). A word that is also a noun or an adjective is passed over,
    but for the forms of "être" and "avoir"."""
    hits = []
    for m in _SUBJUNCTIVE_AFTER.finditer(target):
        if (m.group(0).lower().startswith("bien")
                and not _CLAUSE_START.search(target, max(0, m.start() - 12), m.start())):
            continue
        end = _CLAUSE_END.search(target, m.end())
        clause_end = end.start() if end else len(target)
        for w in _WORDS.finditer(target, m.end(), clause_end):
            verbs = [(lemma, tags) for lemma, tags in grammar.readings(w.group(0).lower())
                     if tags.startswith(":V")]
            if not verbs:
                continue
            others = [tags for _, tags in grammar.readings(w.group(0).lower())
                      if not tags.startswith(":V")]
            lemma = max({lemma for lemma, _ in verbs}, key=lambda v: freq.zipf(v, "fr"))
            forms = [tags for lemma_, tags in verbs if lemma_ == lemma]
            if others and lemma not in _AUXILIARIES:
                continue
            if any(":S" in t or ":Q" in t or ":Y" in t or ":P" in t for t in forms):
                break   # a subjunctive (or a participle, an infinitive): the clause is fine
            indicative = [t for t in forms if _INDICATIVE.search(t)]
            person = _PERSON.search(indicative[0]) if indicative else None
            if person:
                fix = grammar.subjunctive(lemma, ":" + person.group(1))
                if fix and fix != w.group(0).lower():
                    trigger = " ".join(m.group(0).split())
                    hits.append(Hit(w.start(), w.end(), Text(N_("Verb mood: after “%(trigger)s” "
                                                                "the verb takes the "
                                                                "subjunctive."), trigger=trigger),
                                    fix))
            break
    return hits


# "auteur(s)", "connecté(e)", "tous(tes)": a word and its plural or feminine forms at once.
_INCLUSIVE_MARK = re.compile(r"(?<=\w)\((?:e|s|es|x|le|ne|te|tes|trice|rice|euse)\)",
                             re.IGNORECASE)


def _after_placeholder(target: str, start: int) -> bool:
    """Is the word at ``start`` right after a placeholder ("%(value)s décillions")?"""
    j = start
    while j > 0 and target[j - 1] in " \u00a0\u202f":
        j -= 1
    span = markup.inside(target, j - 1) if j > 0 else None
    return span is not None and span.kind == "placeholder"


def _finite_verb_only(word: str) -> bool:
    """Is every reading of ``word`` a finite verb ("doivent", "seront")?"""
    tags = grammar.morphology(word.lower())
    return bool(tags) and all(t.startswith(":V") and re.search(r":[IKS][pqsf]?", t)
                              for t in tags)


# Where the subject of a word's clause ends, for _apposition: punctuation, a relative
# pronoun or a determiner opening another subject ("Les frais baisse et les prix montent");
# a coordination of bare nouns goes on ("les répertoires source et build seront séparés").
_PHRASE_END = re.compile(r"[,;:.!?()«»\n]|\s(?:qui|que|dont|où|le|la|les|un|une|des|du|ce|"
                         r"ces|cet|cette|son|sa|ses|leur|leurs|mon|ma|mes|notre|nos|votre|"
                         r"vos|il|ils|elle|elles|on|nous|vous)\s|\s(?:qu|l)['’]", re.IGNORECASE)


def _apposition(target: str, start: int, end: int) -> bool:
    """A noun read as a verb right after another noun, while the clause has a verb of its
    own after it: "Les URI cibles doivent", "les répertoires source et build seront"."""
    word = target[start:end]
    if not any(t.startswith(":N") for t in grammar.morphology(word.lower())):
        return False
    before = _WORDS.findall(target[max(0, start - 40):start])
    if not before or not (before[-1].isupper() or any(
            t.startswith(":N") for t in grammar.morphology(before[-1].lower()))):
        return False
    stop = _PHRASE_END.search(target, end)
    return any(_finite_verb_only(w) for w in _WORDS.findall(
        target, end, stop.start() if stop else len(target)))


# A verb this rare (Zipf frequency in French) is not what a noun spelt like it means:
# "source" is not "sourcer", "type" is not "typer".
RARE_VERB_ZIPF = 2.5


def _rare_verb_noun(word: str) -> bool:
    """Is ``word`` a noun whose verb readings are all of a rare verb ("tous les fichiers
    source": not the verb "sourcer")?"""
    readings = grammar.readings(word.lower())
    verbs = {lemma for lemma, tags in readings if tags.startswith(":V")}
    return (bool(verbs) and any(tags.startswith(":N") for _, tags in readings)
            and all(freq.zipf(v, "fr") < RARE_VERB_ZIPF for v in verbs))


# How much rarer (Zipf) the other gender's form must be for a word to be taken for a noun
# in apposition: "utilisatrice" is 1.6 below "utilisateur", "blanche" 0.3 below "blanc".
OTHER_GENDER_GAP = 1.0
# Grammalecte's message when a noun phrase and the word after it differ in gender ("le
# syntagme « une erreur » est féminin, « utilisateur » est masculin").
_GENDER_MESSAGE = re.compile(r"genre.*syntagme", re.IGNORECASE)


def _noun_in_apposition(word: str, suggestion: str | None, message: str) -> bool:
    """A gender clash on a word whose form of the other gender is much rarer: a noun naming
    a role, set after another noun ("une erreur utilisateur", "la session administrateur"),
    not an adjective to agree ("une maison blanc")."""
    if not suggestion or " " in word.strip() or " " in suggestion.strip():
        return False
    if not _GENDER_MESSAGE.search(message):
        return False
    return (freq.zipf(word.lower(), "fr") - freq.zipf(suggestion.lower(), "fr")
            >= OTHER_GENDER_GAP)


def _trusted(target: str, e) -> bool:
    """Is Grammalecte's error ``e`` about French prose (see the module docstring)?"""
    if markup.overlapping(target, e.start, e.end):
        return False
    if any(m.start() <= e.end and e.start <= m.end()
           for m in _INCLUSIVE_MARK.finditer(target, max(0, e.start - 1), e.end + 8)):
        return False
    if e.kind == "gn":
        return not _noun_in_apposition(target[e.start:e.end], e.suggestion, e.message)
    return e.kind != "conj" or not (_after_placeholder(target, e.start)
                                    or _rare_verb_noun(target[e.start:e.end])
                                    or _apposition(target, e.start, e.end))


def find_grammar(reference: str, target: str, lang: Languages, context: Context):
    """Grammalecte's grammar errors of the target (see the module docstring)."""
    hits = []
    for e in grammar.errors(target):
        if not _trusted(target, e):
            continue
        said = Text(_SAID.get(e.kind, N_("Grammar: %(message)s")), message=e.message)
        hits.append(Hit(e.start, e.end, said, _styled(e.suggestion, context),
                        "minor" if _HEDGED.search(e.message) else None))
    if grammar.available() and not grammar.is_suspended():
        hits += _misconjugated(reference, target, lang, [(h.start, h.end) for h in hits])
        hits += [h for h in _indicative_for_subjunctive(target)
                 if not any(h.start < o.end and o.start < h.end for o in hits)]
        hits.sort(key=lambda h: (h.start, h.end))
    return hits


def breaks_on(target: str, start: int, end: int) -> str | None:
    """Does a grammar error of ``target`` fall on the word target[start:end]? (Agreement
    errors on an English word copied into French: "le main pont", "les local autorités",
    "une coin d'or".) Returns "gender" for a gender clash (an English word has no French
    gender: strong evidence), "other" for another agreement error, None for none."""
    word = target[start:end]
    found = None
    for e in grammar.errors(target):
        if e.kind not in ("gn", "conj", "ppas"):
            continue
        on = e.start < end and start < e.end
        # "une coin": the error sits on the determiner and its message names the word.
        near = (e.end <= start and start - e.end <= _NEAR
                or end <= e.start and e.start - end <= _NEAR)
        if on or (near and _names_word(e.message, word)):
            if _GENDER_OF.search(e.message) and _names_word(e.message, word):
                return "gender"   # "« main » est féminin": the determiner disagrees with it
            found = "other"
    return found


def verb_only(word: str) -> bool:
    """Are all the French readings of ``word`` (Grammalecte's lexicon) verbs ("rider",
    "river")? Then a determiner before it breaks French ("un rider", "sa river"). False
    when Grammalecte is absent or does not know the word."""
    tags = grammar.morphology(word)
    return bool(tags) and all(t.startswith(":V") for t in tags)


_FEMININE_DETERMINERS = frozenset("la une cette sa ma ta".split())
# Not "mon", "ton", "son": French puts them before feminine nouns that start with a vowel.
_MASCULINE_DETERMINERS = frozenset("le un ce cet".split())


def gender_clash(determiner: str, word: str) -> bool:
    """Does a singular determiner disagree with every reading of ``word`` in Grammalecte's
    lexicon ("la car": "car" is only a masculine noun or a conjunction)? Grammalecte's own
    rules stay silent when a word has a reading that is not a noun. False when Grammalecte is
    absent, does not know the word, or the word can be an adjective or either gender."""
    det = determiner.lower().replace("\u2019", "'")
    if det in _FEMININE_DETERMINERS:
        clash = ":m"
    elif det in _MASCULINE_DETERMINERS:
        clash = ":f"
    else:
        return False
    nouns = [t for t in grammar.morphology(word) if t.startswith(":N")]
    return bool(nouns) and all(clash in t and ":A" not in t for t in nouns) and not any(
        ":A" in t or t.startswith(":V") for t in grammar.morphology(word))


_GENDER_OF = re.compile(r"\s(?:est|is)\s+(?:masculin|féminin)", re.IGNORECASE)
_NEAR = 12   # characters between a determiner or adjective and the word it agrees with


def _names_word(message: str, word: str) -> bool:
    low = message.lower()
    w = word.lower()
    return any(f"{a}{w}{b}" in low for a, b in (("«\u00a0", "\u00a0»"), ("« ", " »"),
                                               ("\u201c", "\u201d"), ("«", "»")))


STRENGTHENED = ". French grammar breaks on it too."


def fold_into_untranslated(findings: list[Finding], target: str) -> list[Finding]:
    """Fold the grammar findings that overlap or touch an untranslated finding into it: the
    grammar break is caused by the untranslated words, and that finding names the problem.
    The untranslated finding says so (``STRENGTHENED``); the grammar finding is dropped."""
    spans = [(f.start, f.end) for f in findings if f.category == "untranslated"]
    if not spans:
        return findings

    def touches(f, s, e):
        return f.start <= e + _FOLD_GAP and s <= f.end + _FOLD_GAP

    folded = [f for f in findings if f.check_id == FR_GRAMMAR.check_id
              and any(touches(f, s, e) for s, e in spans)]
    if not folded:
        return findings
    out = []
    for f in findings:
        if f in folded:
            continue
        if (f.category == "untranslated" and not f.message.endswith(STRENGTHENED)
                and any(touches(g, f.start, f.end) for g in folded)):
            f = dataclasses.replace(f, message=Text(N_("%(message)s. French grammar breaks on "
                                                       "it too."), message=f.message))
        out.append(f)
    return out


FR_GRAMMAR = Check(
    "fr-grammar", "grammar", "major", find_grammar,
    "French grammar (agreement, conjugation, elision) by Grammalecte, when it is installed.",
    target_langs=frozenset({"fr"}), slow=True)
