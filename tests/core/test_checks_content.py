"""Table tests of omitted-content and added-content (app/core/checks/content.py): our own
news-like pairs. Omissions are findings on the whole target that quote the reference
stretch; additions are findings whose span is the added stretch of the target.

Most tables run twice: with the FreeDict dictionary (skipped when it is not installed,
failed when WORKBENCH_REQUIRE_TOOLS is set) and with the dictionary hidden, as on a machine
without it. Rows marked ``DICT`` need the dictionary to be caught."""
import gzip
import os
from pathlib import Path

import pytest

from app.core.checks import BY_ID, Context, GlossaryTerm, run_checks, suggest
from app.core.checks import content
from app.core.checks.base import EMPTY_CONTEXT, Languages

FREEDICT = Path("/usr/share/dictd/freedict-eng-fra.index")
EN_FR = Languages("en", "fr")
DICT = "needs the dictionary"


def require_file(path, why, package):
    """Skip (fail in CI, with WORKBENCH_REQUIRE_TOOLS set) when a data file is absent."""
    if Path(path).is_file():
        return
    reason = f"{path} is not installed: {why} (apt-get install {package})"
    if os.environ.get("WORKBENCH_REQUIRE_TOOLS"):
        pytest.fail(reason + " -- required because WORKBENCH_REQUIRE_TOOLS is set")
    pytest.skip(reason)


@pytest.fixture(params=["freedict", "no-dictionary"])
def dictionary(request, monkeypatch):
    """Run a test with FreeDict, then with the dictionary hidden."""
    if request.param == "freedict":
        require_file(FREEDICT, "the English-French FreeDict dictionary",
                     "dict-freedict-eng-fra")
    else:
        monkeypatch.setattr(suggest, "DICTD_DIRS", ())
    return request.param


@pytest.fixture
def no_dictionary(monkeypatch):
    monkeypatch.setattr(suggest, "DICTD_DIRS", ())


def findings(check_id, reference, target, source="en", target_lang="fr", context=None):
    return [f for f in run_checks(reference, target, source, target_lang, context)
            if f.check_id == check_id]


def omitted(reference, target, **kw):
    """The reference stretches an omitted-content finding quotes ([] when none)."""
    found = findings("omitted-content", reference, target, **kw)
    if not found:
        return []
    (finding,) = found
    assert (finding.start, finding.end) == (len(target) - len(target.lstrip()),
                                            len(target.rstrip()))
    assert finding.message.startswith("Not translated: ")
    return [part.split("\u201d")[0] for part in finding.message.split("\u201c")[1:]]


def added(reference, target, **kw):
    return [f.text for f in findings("added-content", reference, target, **kw)]


BRIDGE = "The bridge, closed since March after the floods, will reopen on Monday."

OMISSIONS = [
    # (reference, target, quoted stretch or [], needs the dictionary?)
    (BRIDGE, "Le pont rouvrira lundi.", ["closed since March after the floods"], None),
    ("The library, which was closed for three years for repairs, opened its doors again "
     "on Saturday.", "La bibliothèque a rouvert ses portes samedi.",
     ["closed for three years for repairs"], None),
    ("The minister, who was visiting a farm in Normandy, announced new aid for young "
     "farmers.", "Le ministre a annoncé une nouvelle aide pour les jeunes agriculteurs.",
     ["visiting a farm in Normandy"], None),
    ("The police closed the road for several hours after the accident, which injured four "
     "people.", "La police a fermé la route pendant plusieurs heures après l’accident.",
     ["injured four people"], None),
    ("The court will give its decision next week, after hearing the last witnesses.",
     "Le tribunal rendra sa décision la semaine prochaine.",
     ["hearing the last witnesses"], None),
    ("Two hikers were rescued on Sunday after spending the night on the mountain in "
     "freezing temperatures.", "Deux randonneurs ont été secourus dimanche.",
     ["spending the night on the mountain in freezing temperatures"], DICT),
]

COMPLETE = [
    # complete translations, literal or free: nothing is omitted or added
    (BRIDGE, "Le pont, fermé depuis mars après les inondations, rouvrira lundi."),
    (BRIDGE, "Le pont, fermé depuis mars à la suite des inondations, rouvrira lundi."),
    (BRIDGE, "Fermé depuis les inondations de mars, le pont rouvrira lundi."),
    ("Schools in the region will remain closed on Monday because of the storm.",
     "Les écoles de la région resteront fermées lundi en raison de la tempête."),
    ("Schools in the region will remain closed on Monday because of the storm.",
     "À cause de la tempête, les établissements scolaires de la région n’ouvriront pas "
     "lundi."),
    ("The mayor thanked the firefighters for their courage.",
     "Le maire a salué le courage des pompiers."),
    ("Heavy rain is expected in the south of the country on Friday.",
     "Vendredi, il pleuvra beaucoup dans le sud."),
    ("The storm damaged dozens of houses along the coast.",
     "La tempête a endommagé des dizaines de maisons sur la côte."),
    ("The company, founded by two brothers in Lyon, employs about 2,000 people across "
     "Europe.", "Fondée à Lyon par deux frères, la société emploie quelque 2 000 salariés "
     "en Europe."),
    ("Rescuers found the missing hikers alive on Wednesday morning, tired but unharmed.",
     "Les secouristes ont retrouvé vivants mercredi matin les randonneurs disparus, "
     "fatigués mais indemnes."),
    ("Enter a valid email address.", "Saisissez une adresse électronique valide."),
    ("Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
     "Assurez-vous que cette valeur comporte au plus %(limit_value)d caractères "
     "(actuellement %(show_value)d)."),
]

ADDITIONS = [
    ("The bridge will reopen on Monday.",
     "Le pont rouvrira lundi, a annoncé le maire hier soir lors d’une réunion publique.",
     ["a annoncé le maire hier soir lors d’une réunion publique"], DICT),
    ("The mayor thanked the firefighters for their courage.",
     "Le maire a remercié les pompiers pour leur courage, lors d’une cérémonie organisée "
     "devant la caserne.", ["lors d’une cérémonie organisée devant la caserne"], DICT),
    ("The museum will open a new room in June.",
     "Le musée ouvrira une nouvelle salle en juin. Les travaux ont coûté plus cher que "
     "prévu.", ["Les travaux ont coûté plus cher que prévu"], None),
    ("The council approved the new budget on Thursday.",
     "Le conseil a approuvé jeudi le nouveau budget, malgré la colère des commerçants du "
     "centre-ville.", ["malgré la colère des commerçants du centre-ville"], None),
    ("The hospital opened a new maternity ward on Monday.",
     "L’hôpital, qui manque cruellement de médecins, a ouvert lundi une nouvelle "
     "maternité.", ["qui manque cruellement de médecins"], None),
    ("The train was delayed by two hours.",
     "Le train a eu deux heures de retard, ce qui a provoqué la colère des passagers.",
     ["ce qui a provoqué la colère des passagers"], DICT),
]


@pytest.mark.parametrize("reference,target,expected,needs", OMISSIONS)
def test_omitted_content(dictionary, reference, target, expected, needs):
    if needs and dictionary != "freedict":
        return
    assert omitted(reference, target) == expected


@pytest.mark.parametrize("reference,target", COMPLETE)
def test_complete_translations_raise_nothing(dictionary, reference, target):
    assert omitted(reference, target) == []
    assert added(reference, target) == []


@pytest.mark.parametrize("reference,target,expected,needs", ADDITIONS)
def test_added_content(dictionary, reference, target, expected, needs):
    if needs and dictionary != "freedict":
        return
    assert added(reference, target) == expected


def test_the_faithful_version_of_each_bad_pair_is_clean(dictionary):
    for reference, _, _, _ in OMISSIONS:
        assert added(reference, reference) == []
    assert omitted(BRIDGE, "Le pont, fermé depuis mars après les inondations, rouvrira "
                           "lundi.") == []
    assert added("The bridge will reopen on Monday, the mayor said last night.",
                 "Le pont rouvrira lundi, a annoncé le maire hier soir.") == []


def test_findings_carry_category_severity_and_span():
    finding, = findings("omitted-content", BRIDGE, "  Le pont rouvrira lundi.  ")
    assert (finding.category, finding.severity) == ("omission", "major")
    assert finding.text == "Le pont rouvrira lundi."
    assert finding.message == ("Not translated: \u201cclosed since March after the "
                               "floods\u201d (from the reference).")
    target = "Le musée ouvrira une nouvelle salle en juin. Les travaux ont coûté plus cher."
    finding, = findings("added-content", "The museum will open a new room in June.", target)
    assert (finding.category, finding.severity) == ("addition", "major")
    assert target[finding.start:finding.end] == "Les travaux ont coûté plus cher"
    assert BY_ID["omitted-content"] is content.OMITTED_CONTENT
    assert BY_ID["added-content"] is content.ADDED_CONTENT


def test_no_duplicate_of_too_short_or_missing_content():
    # much shorter: too-short says so, omitted-content stays silent
    reference = ("The bridge, which was closed in March after the floods damaged its "
                 "pillars, will reopen to traffic on Monday morning.")
    target = "Le pont rouvrira."
    ids = {f.check_id for f in run_checks(reference, target, "en", "fr")}
    assert "too-short" in ids and "omitted-content" not in ids
    # a number left out: missing-content reports it
    reference = "The museum, closed for renovation since 2021, will reopen to the public in June."
    ids = {f.check_id for f in run_checks(reference, "Le musée rouvrira au public en juin.",
                                          "en", "fr")}
    assert "missing-content" in ids and "omitted-content" not in ids


FED = "The Federal Reserve raised its key rate on Wednesday."
FED_FR = "La Fed a relevé son taux directeur mercredi."


def test_glossary_and_memory_supply_counterparts(dictionary):
    # "Fed" is the house short form: without the glossary it reads as an omission
    assert omitted(FED, FED_FR) == ["Federal Reserve"]
    glossary = Context(glossary=(GlossaryTerm("Federal Reserve", "Fed"),))
    assert omitted(FED, FED_FR, context=glossary) == []
    assert omitted(FED, FED_FR, context=Context(memory={"Federal Reserve": "Fed"})) == []
    forbidden = Context(glossary=(GlossaryTerm("Federal Reserve", "Fed", True),))
    assert omitted(FED, FED_FR, context=forbidden) == ["Federal Reserve"]


def test_memory_is_looked_up_only_for_a_finding_about_to_be_reported(no_dictionary):
    asked = []

    def recall(phrase):
        asked.append(phrase)
        return "Fed" if phrase == "federal reserve" else None

    assert omitted(FED, FED_FR, context=Context(recall=recall)) == []
    assert asked == ["federal reserve"]
    asked.clear()
    complete = "La Réserve fédérale a relevé son taux directeur mercredi."
    assert omitted(FED, complete, context=Context(recall=recall)) == []
    assert asked == []


def test_glossary_works_for_added_content_too(dictionary):
    reference = "The ECB raised its key rate on Thursday."
    target = "La Banque centrale de Francfort a relevé son taux directeur jeudi."
    assert added(reference, target) == ["La Banque centrale de Francfort"]
    context = Context(glossary=(GlossaryTerm("ECB", "Banque centrale de Francfort"),))
    assert added(reference, target, context=context) == []


ACRONYMS = [
    ("The ECB raised its key rate on Thursday.",
     "La Banque centrale européenne a relevé son taux directeur jeudi."),
    ("On Thursday the European Central Bank raised its key rate.",
     "Jeudi, la BCE a relevé son taux directeur."),
    ("NATO leaders met in Brussels on Tuesday to discuss defence spending.",
     "Les dirigeants de l’OTAN se sont réunis mardi à Bruxelles pour discuter des dépenses "
     "de défense."),
]


@pytest.mark.parametrize("reference,target", ACRONYMS)
def test_acronyms_match_their_expansion_or_their_translation(dictionary, reference, target):
    assert omitted(reference, target) == []
    assert added(reference, target) == []


def test_french_reference_english_target(dictionary):
    assert omitted("Le pont, fermé depuis mars après les inondations, rouvrira lundi.",
                   "The bridge will reopen on Monday.", source="fr", target_lang="en") == [
        "fermé depuis mars après les inondations"]
    assert omitted("Le pont, fermé depuis mars après les inondations, rouvrira lundi.",
                   BRIDGE, source="fr", target_lang="en") == []


def test_other_pairs_and_empty_texts_get_nothing():
    assert content.find_omitted_content(BRIDGE, "Die Brücke öffnet am Montag.",
                                        Languages("en", "de"), EMPTY_CONTEXT) == []
    assert content.find_added_content("", "Le pont rouvrira lundi, a dit le maire.",
                                      EN_FR, EMPTY_CONTEXT) == []
    assert content.find_omitted_content(BRIDGE, "   ", EN_FR, EMPTY_CONTEXT) == []
    assert content.find_omitted_content("", "", EN_FR, EMPTY_CONTEXT) == []


def test_a_broken_dictionary_is_ignored(tmp_path, monkeypatch):
    (tmp_path / "freedict-eng-fra.index").write_text("bridge\tA\tZ\n", encoding="utf-8")
    (tmp_path / "freedict-eng-fra.dict.dz").write_bytes(b"not gzip at all")
    monkeypatch.setattr(suggest, "DICTD_DIRS", (tmp_path,))
    assert omitted(BRIDGE, "Le pont rouvrira lundi.") == [
        "closed since March after the floods"]
    (tmp_path / "freedict-eng-fra.dict.dz").write_bytes(gzip.compress(b"\xff\xfe" * 10))
    content._lexicon.cache_clear()
    omitted(BRIDGE, "Le pont rouvrira lundi.")   # no crash on undecodable entries


def test_short_ui_strings_are_left_alone(dictionary):
    for reference, target in [("Save and add another", "Enregistrer et ajouter un nouveau"),
                              ("Change password", "Modifier le mot de passe"),
                              ("Log out", "Déconnexion"),
                              ("Filter by date published", "Filtrer par date")]:
        assert omitted(reference, target) == []
        assert added(reference, target) == []


def test_hand_written_lexicon_is_well_formed():
    seen = set()
    path = Path(content.wordlists.DATA_DIR) / "lexicon" / "en-fr.tsv"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        english, tab, french = line.partition("\t")
        assert tab and french.strip(), f"line {number}: english<TAB>french, ..."
        assert english == english.strip().lower(), f"line {number}: lower-case lemma"
        assert english not in seen, f"line {number}: {english!r} listed twice"
        seen.add(english)
        assert all(t.strip() for t in french.split(",")), f"line {number}: empty item"
