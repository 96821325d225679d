"""Untranslated words beyond French (issue 20): tables per language pair, our own sentences.

Each row is (reference, target): in the target, [[...]] marks the span the untranslated-words
check must report (marks removed before checking); a target without marks must get no
untranslated finding at all (words or segment). Bad rows are flagged, clean rows (loanwords
the target language has taken in, names, titles, code, homographs used in their target
sense) are not.
"""
import pytest

from app.core.checks import run_checks
from tests.core.test_checks_untranslated import unmark


def untranslated_spans(reference, text, source, target):
    return [(f.start, f.end) for f in run_checks(reference, text, source, target)
            if f.category == "untranslated"]


EN_DE = [
    # English left in German, lower case or capitalised like a German noun.
    ("The talks collapsed after the deadline passed.",
     "Die Gespräche scheiterten, nachdem die [[deadline]] verstrichen war."),
    ("Thousands of commuters were stranded at the station.",
     "Tausende [[commuters]] saßen am Bahnhof fest."),
    ("The bystanders filmed the arrest.",
     "Die [[Bystanders]] filmten die Festnahme."),
    ("The mayor also thanked the volunteers.",
     "Der Bürgermeister dankte [[also]] den Freiwilligen."),
    ("The bridge was closed for safety reasons.",
     "Die Brücke wurde aus [[safety reasons]] gesperrt."),
    # Clean: German words, accepted anglicisms, names, titles, code.
    ("The team wants to present the update at the meeting.",
     "Das Team will das Update beim Meeting vorstellen."),
    ("So the experts were right after all.",
     "Die Experten hatten also doch recht."),
    ("The evening sky was still bright.",
     "Der Abendhimmel war noch hell."),
    ("Angela Merkel spoke to Joe Biden on the phone.",
     "Angela Merkel telefonierte mit Joe Biden."),
    ("The novel \"Brave New World\" is on the list.",
     "Der Roman „Brave New World“ steht auf der Liste."),
    ("Set max_retries to 3 in settings.py.",
     "Setzen Sie max_retries in settings.py auf 3."),
]

EN_ES = [
    ("The talks collapsed after the deadline passed.",
     "Las negociaciones fracasaron después de que venciera el [[deadline]]."),
    ("Thousands of commuters were stranded at the station.",
     "Miles de [[commuters]] quedaron atrapados en la estación."),
    ("Once the storm passed, the roads reopened.",
     "[[Once]] pasada la tormenta, las carreteras reabrieron."),
    ("The bridge was closed for safety reasons.",
     "El puente fue cerrado por [[safety reasons]]."),
    # Clean
    ("Eleven people were injured in the crash.",
     "Once personas resultaron heridas en el accidente."),
    ("The network covers the whole country.",
     "La red cubre todo el país."),
    ("The company hired a marketing manager for its software.",
     "La empresa contrató a un responsable de marketing para su software."),
    ("Football fans celebrated in the streets.",
     "Los aficionados al fútbol lo celebraron en las calles."),
    ("The novel \"Brave New World\" is on the list.",
     "La novela «Brave New World» está en la lista."),
]

EN_IT = [
    ("The talks collapsed after the deadline passed.",
     "I negoziati sono falliti dopo la scadenza della [[deadline]]."),
    ("Thousands of commuters were stranded at the station.",
     "Migliaia di [[commuters]] sono rimasti bloccati in stazione."),
    ("Come back tomorrow with your documents.",
     "[[Come back]] domani con i tuoi documenti."),
    ("The bridge was closed for safety reasons.",
     "Il ponte è stato chiuso per [[safety reasons]]."),
    # Clean
    ("How did the fire start?",
     "Come è scoppiato l'incendio?"),
    ("Many houses were flooded.",
     "Molte case sono state allagate."),
    ("The manager spent the weekend at the computer.",
     "Il manager ha passato il weekend al computer."),
    ("The sport bar shows the match online.",
     "Lo sport bar trasmette la partita online."),
    ("The novel \"Brave New World\" is on the list.",
     "Il romanzo «Brave New World» è nell'elenco."),
]

DE_FR = [
    # German left in French: capitalised nouns, phrases, words French also has.
    ("Das Unwetter richtete schwere Schäden an.",
     "L'[[Unwetter]] a causé de graves dégâts."),
    ("Die Anwohner beschwerten sich über den Lärm.",
     "Les riverains se sont plaints du [[Lärm]]."),
    ("Der Verkehr wurde wegen der Bauarbeiten umgeleitet.",
     "La circulation a été déviée à cause des [[Bauarbeiten]]."),
    ("Die Preise sind vor allem bei Lebensmitteln gestiegen.",
     "Les prix ont augmenté [[vor allem]] pour l'alimentation."),
    ("Der Rat der Gemeinde tagte am Abend.",
     "Le [[Rat]] de la commune s'est réuni le soir."),
    # Clean: French words, names, German institutions French keeps, quoted words.
    ("Der Stadtrat tagte gestern hier im Rathaus.",
     "Le conseil municipal s'est réuni hier ici, à la mairie."),
    ("Olaf Scholz sprach mit Angela Merkel in Berlin.",
     "Olaf Scholz s'est entretenu avec Angela Merkel à Berlin."),
    ("Der Bundestag und der Bundesrat stimmten zu.",
     "Le Bundestag et le Bundesrat ont donné leur accord."),
    ("Die Frankfurter Allgemeine Zeitung berichtete darüber.",
     "La Frankfurter Allgemeine Zeitung en a parlé."),
    ("Das Wort „Feierabend“ hat keine Entsprechung.",
     "Le mot « Feierabend » n'a pas d'équivalent."),
    ("Die Ausstellung findet in Bielefeld statt.",
     "L'exposition a lieu à Bielefeld."),
    ("Die Kunst des Kochens ist alt.",
     "L'art de la cuisine est ancien."),
    # A name opening the sentence is no German noun; a noun opening it is.
    ("Scholz sagte, die Sitzung sei beendet.",
     "Scholz a déclaré que la séance était terminée."),
    ("Stau auf der A7 bei Hamburg.",
     "[[Stau]] sur l'A7 près de Hambourg."),
]

# German left in English: the same evidence, whatever the target.
DE_EN = [
    ("Scholz sagte, der Stau sei vorbei.",
     "Scholz said the [[Stau]] was over."),
    ("Olaf Scholz traf Joe Biden in Washington.",
     "Olaf Scholz met Joe Biden in Washington."),
]


def _check(reference, marked, source, target):
    text, expected = unmark(marked)
    assert untranslated_spans(reference, text, source, target) == expected


@pytest.mark.parametrize("reference, marked", EN_DE)
def test_english_left_in_german(reference, marked):
    _check(reference, marked, "en", "de")


@pytest.mark.parametrize("reference, marked", EN_ES)
def test_english_left_in_spanish(reference, marked):
    _check(reference, marked, "en", "es")


@pytest.mark.parametrize("reference, marked", EN_IT)
def test_english_left_in_italian(reference, marked):
    _check(reference, marked, "en", "it")


@pytest.mark.parametrize("reference, marked", DE_FR)
def test_german_left_in_french(reference, marked):
    _check(reference, marked, "de", "fr")


@pytest.mark.parametrize("reference, marked", DE_EN)
def test_german_left_in_english(reference, marked):
    _check(reference, marked, "de", "en")


def test_loanword_lists_are_read_per_target():
    """The Italian list exists and keeps its anglicisms out of a finding; the same word is
    flagged where no list accepts it."""
    reference = "The staff met on Monday."
    assert untranslated_spans(reference, "Lo staff si è riunito lunedì.", "en", "it") == []
    assert untranslated_spans(reference, "El staff se reunió el lunes.", "en", "es") == [(3, 8)]
