"""Finding messages are translatable (issue 19): every check writes its message as a
messages.Text (a msgid and its values), whose msgid the French interface catalog translates;
str() of the message is the English sentence the checks always wrote."""
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from app.core.checks import run_checks, run_document_checks
from app.core.checks.base import Context, GlossaryTerm
from app.core.messages import Counted, Language, Text, explain, restored, stored

CATALOG = Path(__file__).resolve().parents[2] / "app/i18n/fr/LC_MESSAGES/messages.po"

GLOSSARY = (GlossaryTerm("peacekeeping", "maintien de la paix", note="UN usage"),
            GlossaryTerm("peacekeeping", "casques bleus", forbidden=True, note="not the CSTO"),
            GlossaryTerm("", "truc", forbidden=True))

# (reference, target, source language, target language, PO flags): bad pairs that together
# raise most checks.
PAIRS = [
    ("The situation deteriorated to the level of a crisis.",
     "La situation s’est détériorée au level d’une crise.", "en", "fr", ""),
    ("The state of affairs is bad.", "La state of affairs est mauvaise.", "en", "fr", ""),
    ("Please check the settings before you continue.",
     "Please check the settings before you continue.", "en", "fr", ""),
    ("On 3 May 2024 at 7 pm, 12 people and 1,250 cars, 3 4 5 6 7 8 9.",
     "Le 4 juin 2024 à 19 h, 13 personnes et 1250 voitures.", "en", "fr", ""),
    ("Visit https://example.com or write to a@b.org on Monday.",
     "Visitez https://exemple.com ou écrivez à a@c.org mardi.", "en", "fr", ""),
    ("It costs 7.5% and 3,000 dollars.", "Il coûte 7.5% et 3,000 dollars.", "en", "fr", ""),
    ("It costs 3,000.5 euros.", "Es kostet 3,000.5 Euro.", "en", "de", ""),
    ("Are you sure? Yes: go!", "Êtes-vous sûr? Oui: allez!", "en", "fr", ""),
    ("He said «yes».", "Il a dit «oui».", "en", "fr", ""),
    ("Open the file (optional) now.", "Ouvrez le fichier (facultatif maintenant.", "en", "fr", ""),
    ("He said: “go”.", "Il a dit : « va. « Viens ».", "en", "fr", ""),
    ("The meeting ended.", "La réunion s’est terminée", "en", "fr", ""),
    ("Are you coming?", "Vous venez.", "en", "fr", ""),
    ("Name  Size  Date", "Nom Taille Date", "en", "fr", ""),
    (" Open\n", "Ouvrir  \n\n", "en", "fr", ""),
    ("a\nb\nc", "a b\nc", "en", "fr", ""),
    ("&File", "Fichier", "en", "fr", ""),
    ("Wait...", "Attendez...", "en", "fr", ""),
    ("He said \"yes\", then left.", "Il a dit \"oui\",puis est parti.", "en", "fr", ""),
    ("Say \\n here", "Dites ici", "en", "fr", ""),
    ("It is a big, big house.", "C’est une une grande maison.", "en", "fr", ""),
    ("L’homme l’a vu.", "L'homme l’a vu et l'a dit.", "fr", "fr", ""),
    ("Saved %d files (%s)", "Enregistré % fichiers", "en", "fr", "c-format"),
    ("Hello {name}", "Bonjour {nom}", "en", "fr", "python-brace-format"),
    ("Open %(a)s and %(b)s", "Ouvrir", "en", "fr", "python-format"),
    ("Run <b>make</b> &amp; go", "Lancez <i>make</i> et partez", "en", "fr", ""),
    ("Use --force in /etc/x", "Utilisez --forcer dans /etc/y", "en", "fr", ""),
    ("The peacekeeping force left.", "Les casques bleus et le truc sont partis.", "en", "fr", ""),
    ("The peacekeeping force left.", "La force est partie.", "en", "fr", ""),
    ("A zero\u200bwidth space.", "Une espace de\u200blargeur nulle.", "en", "fr", ""),
    ("THe end.", "LA fin.", "en", "fr", ""),
    ("See [the docs](#setup).", "Voir [la doc] (#installation).", "en", "fr", ""),
    ("Where is it?", "Dónde está?", "en", "es", ""),
    ("He said “yes”.", "Er sagte \"ja\".", "en", "de", ""),
    ("It weighs 5 kg.", "Il pèse 5.", "en", "fr", ""),
    ("It is 10%.", "C’est 10.", "en", "fr", ""),
    ("The quick brown fox jumps over the lazy dog near the river bank today.", "Le renard.",
     "en", "fr", ""),
    ("Fox.", "Le renard brun rapide saute par-dessus le chien paresseux près de la rive du "
             "fleuve aujourd’hui et demain aussi.", "en", "fr", ""),
    ("Les erreurs sont grandes.", "Les erreur sont grands.", "en", "fr", ""),
    ("A space.", "Une\u200b espace.", "en", "fr", ""),
    ("The end.", "CEtte fin.", "en", "fr", ""),
    ("Wait\u2026 now", "Attendez... maintenant", "en", "fr", ""),
    ("Loading", "Chargement\u2026", "en", "fr", ""),
    ("a\tb", "a b", "en", "fr", ""),
    ("Open", "Ouvrir !", "en", "fr", ""),
    ("Hello!", "Hallo !", "en", "de", ""),
    ("See [the docs](#setup) now.", "Voir [la doc] (#setup) maintenant.", "en", "fr", ""),
    ("Run the --verbose option with config.yaml", "Lancez option", "en", "fr", ""),
]


def _catalog():
    with CATALOG.open("rb") as f:
        catalog = read_po(f)
    return {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id}


def _findings():
    found = []
    for reference, target, source, target_lang, flags in PAIRS:
        context = Context(glossary=GLOSSARY, flags=frozenset(flags.split()) - {""})
        found += run_checks(reference, target, source, target_lang, context)
    document = [("The mission ends today in the capital city.", "La mission se termine."),
                ("The mission ends today in the capital city.", "La mission s’achève."),
                ("The mission ends today in the capital city.", "La mission se termine."),
                ("He said:", "Il a dit : « la mission"), ("It ends.", "Elle se termine.")]
    for per_pair in run_document_checks(document, "en", "fr"):
        found += per_pair
    return found


@pytest.fixture(scope="module")
def findings():
    return _findings()


def test_the_table_raises_most_checks(findings):
    assert len({f.check_id for f in findings}) >= 44


def test_every_finding_message_is_a_text_whose_msgid_the_french_catalog_translates(findings):
    catalog = _catalog()
    for f in findings:
        assert isinstance(f.message, Text), (f.check_id, f.message)
        for text in _texts(f.message):
            entry = catalog.get(text.msgid)
            assert entry is not None, (f.check_id, text.msgid)
            assert not entry.fuzzy, text.msgid
            strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            assert all(strings), text.msgid
            assert isinstance(entry.id, tuple) == isinstance(text, Counted), text.msgid


def _texts(message):
    yield message
    for value in message.values.values():
        if isinstance(value, Text):
            yield from _texts(value)


def test_a_finding_message_reads_in_french_and_survives_storage(findings):
    catalog = _catalog()

    def gettext(msgid):
        return catalog[msgid].string or msgid

    def ngettext(singular, plural, n):
        return catalog[singular].string[0 if n <= 1 else 1]

    untranslated = next(f for f in findings if f.check_id == "untranslated-words")
    assert str(untranslated.message) == "English word left untranslated: “level”"
    again = restored(stored(untranslated.message))
    assert again == untranslated.message
    assert explain(again, gettext, ngettext=ngettext, language={"en": "anglais"}.get) == (
        "Mot non traduit (anglais)\u00a0: «\u202flevel\u202f»")
    comma = next(f for f in findings if f.check_id == "comma-space")
    assert explain(comma.message, gettext) == "Pas d’espace après la virgule."
    whitespace = next(f for f in findings if f.check_id == "edge-whitespace"
                      and "2 spaces" in f.message)
    assert str(whitespace.message) == ("The reference ends with a newline; the translation "
                                       "with 2 spaces and 2 newlines.")
    assert explain(whitespace.message, gettext, ngettext=ngettext) == (
        "La référence se termine par 1 saut de ligne\u202f; la traduction, par 2 espaces et "
        "2 sauts de ligne.")


def test_a_language_named_in_a_message_is_stored_with_its_code():
    name = restored(stored(Text("%(language)s word", language=Language("de", "German"))))
    assert name == "German word"
    assert explain(name, language={"de": "allemand"}.get) == "allemand word"
    assert explain(name) == "German word"
