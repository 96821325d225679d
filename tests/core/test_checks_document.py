"""Terminology, glossary parsers, known phrases, suggestions, document-level checks and
dismissal keys."""
import gzip

import pytest

from app.core.checks import (BY_ID, Context, GlossaryTerm, finding_key, run_checks,
                             run_document_checks)
from app.core.checks import freedict, po_origin, suggest
from app.core.checks.terminology import GlossaryError, parse_glossary_csv, parse_tbx

GLOSSARY = (
    GlossaryTerm("ceasefire", "cessez-le-feu"),
    GlossaryTerm("agreement", "accord", note="house style"),
    GlossaryTerm("agreement", "agrément", forbidden=True),
    GlossaryTerm("email", "courriel"),
    GlossaryTerm("email", "mail", forbidden=True),
)


def found(check_id, reference, target, context=None, source="en", target_lang="fr"):
    return [(f.text, f.suggestion) for f in run_checks(reference, target, source, target_lang,
                                                         context or Context(glossary=GLOSSARY))
            if f.check_id == check_id]


TERMS = [
    ("The ceasefire held.", "Le cessez-le-feu a tenu.", []),
    ("The ceasefires held.", "Les cessez-le-feux ont tenu.", []),
    ("The agreement was signed.", "L’accord a été signé.", []),
    ("Both agreements were signed.", "Les deux Accords ont été signés.", []),
    ("The ceasefire held.", "La trêve a tenu.", [("La trêve a tenu.", None)]),
    ("The ceasefire held.", "Le ceasefire a tenu.", [("ceasefire", "cessez-le-feu")]),
    ("Nothing was signed.", "Rien n’a été signé.", []),
]


@pytest.mark.parametrize("reference,target,expected", TERMS)
def test_glossary_term(reference, target, expected):
    assert found("glossary-term", reference, target) == expected


SOFTWARE_GLOSSARY = (
    GlossaryTerm("segment", "segment"), GlossaryTerm("unit", "unité"),
    GlossaryTerm("name", "nom"), GlossaryTerm("count", "nombre"),
    GlossaryTerm("conf.py", "conf.py"), GlossaryTerm("email", "courriel"),
    GlossaryTerm("email", "mail", forbidden=True),
)

# (reference, target, [(check id, text, suggestion)]): a term inside a placeholder, a URL,
# an identifier or inline code is no occurrence of it, on either side (issue 17)
SOFTWARE_TERMS = [
    ("%(segment_count)s done", "%(segment_count)s terminés", []),
    ("Convert to {unit}", "Convertir en {unit}", []),
    ("Hello %{name}", "Bonjour %{name}", []),
    ("Hello $name", "Bonjour $name", []),
    ("{count, plural, one {# file} other {# files}}",
     "{count, plural, one {# fichier} other {# fichiers}}", []),
    ("See https://example.org/unit/name", "Voir https://example.org/unit/name", []),
    ("Set unit_count, segmentCount and app.unit.name",
     "Définissez unit_count, segmentCount et app.unit.name", []),
    ("Use <code>unit</code> or ``name``", "Utilisez <code>unit</code> ou ``name``", []),
    ("Write to email@example.org", "Écrivez à email@example.org", []),
    ("Edit conf.py", "Modifiez conf.py", []),           # a term that is a file name itself
    ("Read Unit.Name first", "Lisez d’abord Unit.Name", []),
    ("The unit. Name it.", "L’unité. Nommez-la.", [("glossary-term", "L’unité. Nommez-la.", None)]),
    # the prose around them still counts
    ("The unit name", "Le nom de l’unit", [("glossary-term", "unit", "unité")]),
    ("Set the unit in {unit}", "Définissez le truc dans {unit}",
     [("glossary-term", "Définissez le truc dans {unit}", None)]),
    ("Send an email to %(name)s", "Envoyez un mail à %(name)s",
     [("glossary-term", "Envoyez un mail à %(name)s", None),
      ("forbidden-term", "mail", "courriel")]),
    ("Edit conf.py", "Modifiez le fichier de configuration",
     [("glossary-term", "Modifiez le fichier de configuration", None)]),
]


@pytest.mark.parametrize("reference,target,expected", SOFTWARE_TERMS)
def test_terms_never_match_inside_code(reference, target, expected):
    assert [(f.check_id, f.text, f.suggestion)
            for f in run_checks(reference, target, "en", "fr",
                                Context(glossary=SOFTWARE_GLOSSARY))
            if f.category == "terminology"] == expected


def test_forbidden_term_suggests_the_allowed_one():
    assert found("forbidden-term", "The agreement was signed.", "L’agrément a été signé.") == [
        ("agrément", "accord")]
    assert found("forbidden-term", "Send an email.", "Envoyez un mail.") == [("mail", "courriel")]
    assert found("forbidden-term", "Send an email.", "Envoyez un courriel.") == []
    assert found("forbidden-term", "Send an email.", "Envoyez un mail.", context=Context()) == []


def test_parse_glossary_csv_with_header_and_delimiters():
    text = "target;source;forbidden;note\ncessez-le-feu;ceasefire;no;\nagrément;agreement;yes;old\n"
    assert parse_glossary_csv(text, "g.csv") == [
        GlossaryTerm("ceasefire", "cessez-le-feu", False, ""),
        GlossaryTerm("agreement", "agrément", True, "old")]
    plain = "\ufeff# our terms\nsummit,sommet\n\nemail,courriel,,préféré\n"
    assert parse_glossary_csv(plain, "p.csv") == [
        GlossaryTerm("summit", "sommet"), GlossaryTerm("email", "courriel", False, "préféré")]


@pytest.mark.parametrize("text,line", [
    ("summit,sommet\nborder\n", 2),
    ("source,target,forbidden\nsummit,sommet,maybe\n", 2),
    ('summit,sommet\n"unclosed,quote\n', 2),
])
def test_parse_glossary_csv_errors_name_file_and_line(text, line):
    with pytest.raises(GlossaryError, match=rf"^bad\.csv:{line}:"):
        parse_glossary_csv(text, "bad.csv")


TBX = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
 <text><body>
  <termEntry id="c1">
   <descrip type="definition">A pause in fighting</descrip>
   <langSet xml:lang="en"><tig><term>ceasefire</term></tig></langSet>
   <langSet xml:lang="fr-FR">
    <tig><term>cessez-le-feu</term></tig>
    <tig><term>armistice</term>
     <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
   </langSet>
  </termEntry>
  <termEntry id="c2">
   <langSet xml:lang="de"><tig><term>Gipfel</term></tig></langSet>
  </termEntry>
 </body></text>
</martif>
"""


def test_parse_tbx_basic():
    assert parse_tbx(TBX, "t.tbx") == [
        GlossaryTerm("ceasefire", "cessez-le-feu", False, "A pause in fighting"),
        GlossaryTerm("ceasefire", "armistice", True, "A pause in fighting")]
    assert parse_tbx(TBX, "t.tbx", source_lang="fr", target_lang="en") == [
        GlossaryTerm("cessez-le-feu", "ceasefire", False, "A pause in fighting")]


def test_parse_tbx_v3_concept_entries():
    v3 = ('<tbx xmlns="urn:iso:std:iso:30042:ed-2" xml:lang="en"><text><body>'
          '<conceptEntry id="1"><langSec xml:lang="en"><termSec><term>summit</term></termSec>'
          '</langSec><langSec xml:lang="fr"><termSec><term>sommet</term></termSec></langSec>'
          '</conceptEntry></body></text></tbx>')
    assert parse_tbx(v3, "v3.tbx") == [GlossaryTerm("summit", "sommet")]


def test_parse_tbx_accepts_the_bare_doctype_of_real_files_without_loading_it():
    with_doctype = TBX.replace('<martif type', '<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
                                               '<martif type', 1)
    assert parse_tbx(with_doctype.encode("utf-8"), "t.tbx") == parse_tbx(TBX, "t.tbx")


def test_parse_tbx_reads_the_whole_content_of_terms_and_notes():
    tbx = ('<martif><text><body><termEntry><note>first</note><descrip>second <hi>part</hi>'
           '</descrip><langSet xml:lang="en"><tig><term>the <hi>summit</hi></term></tig>'
           '</langSet><langSet lang="fr"><ntig><termGrp><term>le sommet</term></termGrp>'
           '<termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></ntig>'
           '</langSet></termEntry></body></text></martif>')
    assert parse_tbx(tbx, "t.tbx") == [
        GlossaryTerm("the summit", "le sommet", False, "first second part")]


@pytest.mark.parametrize("text,line", [
    ('<?xml version="1.0"?>\n<!DOCTYPE martif [\n<!ENTITY x "boom">\n]>\n<martif>&x;</martif>', 2),
    ("<martif>\n<text><body>\n<termEntry>\n</body></martif>", 4),
    ("<martif>\n<text><body>\n<termEntry><langSet><tig><term>x</term></tig></langSet>"
     "</termEntry></body></text></martif>", 3),
    ("<martif><text><body></body></text></martif>", 1),
])
def test_parse_tbx_errors_name_file_and_line(text, line):
    with pytest.raises(GlossaryError, match=rf"^bad\.tbx:{line}:"):
        parse_tbx(text, "bad.tbx")


PHRASES = [
    ("spinner-phrase", "In the meantime, les secours attendent.", [("In the meantime", "Entre-temps")]),
    ("spinner-phrase", "Les prix ont augmenté selon la banque.", []),
    ("calque", "Cette décision fait du sens pour la ville.", [("fait du sens", "a du sens")]),
    ("calque", "Cette décision a du sens pour la ville.", []),
]


@pytest.mark.parametrize("check_id,target,expected", PHRASES)
def test_known_phrases(check_id, target, expected):
    assert found(check_id, "", target) == expected


def test_one_untranslated_finding_per_phrase():
    text = "Les prix ont augmenté, according to la banque."
    got = [(f.text, f.suggestion) for f in run_checks("", text, "en", "fr")
           if f.category == "untranslated"]
    assert got == [("according to", "selon")]


def test_suggestions_order_glossary_memory_list(monkeypatch):
    monkeypatch.setattr(freedict, "DICTD_DIRS", ())   # the lists alone, with or without FreeDict
    context = Context(glossary=(GlossaryTerm("heatwave", "canicule"),),
                      memory={"Heatwave": "vague de chaleur", "death toll": "bilan"})
    assert suggest.suggestions("heatwave", "en", "fr", context)[:2] == [
        "canicule", "vague de chaleur"]
    assert suggest.suggestions("Death toll", "en", "fr", context) == ["Bilan"]
    assert suggest.suggestions("according to", "en", "fr") == ["selon"]
    assert suggest.suggestions("zzzq", "en", "fr") == []
    found_ = run_checks("", "La ville a connu une heatwave terrible.", "en", "fr", context)
    assert [(f.text, f.suggestion) for f in found_ if f.check_id == "untranslated-words"] == [
        ("heatwave", "canicule")]


def test_suggestions_from_an_installed_dictd_dictionary(tmp_path, monkeypatch):
    body = b"drought\n1. s\xc3\xa9cheresse (f)\n"
    (tmp_path / "freedict-eng-fra.dict.dz").write_bytes(gzip.compress(body))
    b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    (tmp_path / "freedict-eng-fra.index").write_text(f"drought\tA\t{b64[len(body)]}\n")
    monkeypatch.setattr(freedict, "DICTD_DIRS", (tmp_path,))
    assert suggest.suggestions("drought", "en", "fr") == ["sécheresse"]
    assert freedict.dictionary_translations("drought", "en", "de", [tmp_path]) == []


def test_document_consistency_and_styles():
    pairs = [
        ("The talks failed again.", "Les pourparlers ont encore échoué."),
        ("The talks failed again.", "Les discussions ont encore échoué."),
        ("The talks failed again.", "Les pourparlers ont  encore échoué."),
        ("Exit", "Sortie"), ("Exit", "Quitter"),       # one-word labels are not compared
    ]
    out = run_document_checks(pairs, "en", "fr")
    assert [[(f.check_id, f.suggestion) for f in fs if f.category == "consistency"]
            for fs in out] == [[], [("inconsistent-translation",
                                     "Les pourparlers ont encore échoué.")], [], [], []]
    assert run_document_checks(pairs, "en", "fr", disabled={"inconsistent-translation"})[1] == []


def test_consistency_compares_po_messages_of_the_same_origin_only():
    same, other = "Sign in to continue.", "Connectez-vous pour continuer."
    pairs = [
        (same, other, po_origin("page title")),            # another msgctxt: another message
        (same, "Identifiez-vous pour continuer.", po_origin()),
        ("%(num)s rows approved.", "%(num)s ligne approuvée.", po_origin(form=0)),
        ("%(num)s rows approved.", "%(num)s lignes approuvées.", po_origin(form=1)),
        ("%(num)s rows approved.", "%(num)s lignes validées.", po_origin(form=1)),
        ("%(num)s rows approved.", "%(num)s lignes approuvées.", po_origin(form=1)),
        ("%(num)s files left.", "%(num)s fichier restant.", po_origin("x", 0)),
        ("%(num)s files left.", "%(num)s fichiers restants.", po_origin("x", 1)),
        (same, "Identifiez-vous pour continuer.", po_origin()),
        (same, "Connectez-vous d’abord.", po_origin()),
    ]
    out = run_document_checks(pairs, "en", "fr")
    # plural siblings (forms 0 and 1) and messages under other contexts are not compared;
    # the same form of two entries is, and so are two messages of the same context
    assert [[f.suggestion for f in fs if f.check_id == "inconsistent-translation"]
            for fs in out] == [[], [], [], [], ["%(num)s lignes approuvées."], [], [], [],
                               [], ["Identifiez-vous pour continuer."]]
    assert po_origin() == "" and po_origin(None, 1) != po_origin("", 1)


def test_a_heading_and_the_same_words_in_a_sentence_are_one_translation():
    """References that differ in the case of their first letter have targets that differ
    the same way: not an inconsistency. A case the reference does not explain still is,
    and the suggestion takes the case of its own reference."""
    pairs = [("Project name", "Nom du projet"), ("project name", "nom du projet"),
             ("Project name", "Nom du projet"),
             ("Save changes", "Enregistrer les modifications"),
             ("Save changes", "enregistrer les modifications"),
             ("Save changes", "Enregistrer les modifications"),
             ("Output folder", "Dossier de sortie"), ("output folder", "dossier de sortie"),
             ("output folder", "répertoire de sortie")]
    out = run_document_checks(pairs, "en", "fr")
    assert [[f.suggestion for f in fs if f.check_id == "inconsistent-translation"]
            for fs in out] == [[], [], [], [], ["Enregistrer les modifications"], [], [], [],
                               ["dossier de sortie"]]


def test_document_quotes_and_house_style():
    pairs = [('He said: "We stay.', "Il a dit\u00a0: «\u202fNous restons."),
             ("We will fight.", "«\u202fNous nous battrons."),
             ("It is over.", "C'est fini, l’État et l’armée : tout.")]
    out = run_document_checks(pairs, "en", "fr")
    assert [(f.check_id, f.text) for f in out[1] if f.check_id == "unbalanced-quotes"] == [
        ("unbalanced-quotes", "«")]
    assert [(f.check_id, f.text) for f in out[0] if f.check_id == "unbalanced-quotes"] == []
    # no-break spaces dominate the document, so the plain space before ":" is flagged
    assert [(f.check_id, f.suggestion) for f in out[2] if f.category == "typography"] == [
        ("apostrophe-style", "\u2019"), ("fr-nbsp", "\u00a0")]


def test_finding_key_is_stable_and_reopens_on_change():
    target = "Les members du comité se sont réunis."
    f = [x for x in run_checks("", target, "en", "fr") if x.check_id == "untranslated-words"][0]
    key = finding_key(f, target)
    g = [x for x in run_checks("", "Hier, l" + target[1:], "en", "fr")
         if x.check_id == "untranslated-words"][0]
    assert finding_key(g, "Hier, l" + target[1:]) == key         # edited elsewhere: same key
    changed = "Les membres du comité se sont réunis."
    assert finding_key(type(f)(**{**f.__dict__, "text": "membres", "end": f.start + 7}),
                       changed) != key
    assert key.startswith("untranslated-words:")


def test_every_check_declares_a_profile_or_none():
    assert BY_ID["fr-punctuation-space"].target_langs == frozenset({"fr"})
    assert BY_ID["number-mismatch"].target_langs is None
