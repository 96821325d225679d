"""Table tests of code-mismatch, code-missing, markup-mismatch and bracket-missing
(app/core/checks/verbatim.py).

Pairs written for these tests after the behaviour the peers document (pofilter's options,
filepaths, functions, xmltags and brackets tests; Weblate's XML markup and XML tags checks).
Each row: reference, target, the texts under the check's spans ([]: no finding). A
``*-missing`` finding spans the whole target."""
import pytest

from app.core.checks import run_checks

NB = "\u00a0"


def texts(check_id, reference, target):
    return [f.text for f in run_checks(reference, target, "en", "fr") if f.check_id == check_id]


CODE = [
    # options (pofilter options)
    ("Use --full to see all", "Utilisez -full pour tout voir", ["-full"]),
    ("--help", "--hulp", ["--hulp"]),
    ("--help", "--help", []),
    ("--input=FILE", "--input=FICHIER", []),
    ("--input=FILE", "--entree=FICHIER", ["--entree"]),
    ("Hello! -- Hi", f"Bonjour{NB}! — Salut", []),
    ("--blank--", "--vide--", []),
    ("Run with -W to see warnings", "Lancez avec -W pour voir les avertissements", []),
    # paths and file names (pofilter filepaths)
    ("%s to the file /etc/hosts on your system.",
     "%s dans le fichier /etc/gasheer de votre système.", ["/etc/gasheer"]),
    ("%s to the file /etc/hosts on your system.",
     "%s dans le fichier /etc/hosts de votre système.", []),
    ("Open ~/.config/app/settings", "Ouvrez ~/.config/app/reglages", ["~/.config/app/reglages"]),
    ("Copy to C:\\Windows\\System32", "Copiez dans C:\\Fenetres\\System32",
     ["C:\\Fenetres\\System32"]),
    ("Run setup.py", "Lancez installer.py", ["installer.py"]),
    ("Open index.rst", "Ouvrez index.rst", []),
    ("Text with <br />line break", "Texte avec <br /> saut de ligne", []),
    ("Example: “/about/contact/”.", f"Par exemple, «{NB}/a_propos/contact/{NB}».", []),
    # functions (pofilter functions)
    ("blah rgb() blah", "bla brg() bla", ["brg()"]),
    ("blah string.rgb() blah", "bla bleeb.rgb() bla", ["bleeb.rgb()"]),
    ("Expected url(), url-prefix(), or domain().", "url(), url-prefix() ou domain() attendu.",
     []),
    # identifiers
    ("Set LANGUAGE_CODE in settings", "Définissez LANGUE_CODE dans les réglages",
     ["LANGUE_CODE"]),
    ("Call getElementById first", "Appelez d’abord obtenirElement", ["obtenirElement"]),
    ("Call getElementById first", "Appelez d’abord getElementById", []),
    ("Many math_renderers are registered.", "Plusieurs math_renderers sont enregistrés.", []),
    # prose stays clean: elision, hyphens, abbreviations, dashes written "--"
    ("The well-known Mr. Smith, e.g. at 5 p.m., said so.",
     "Le célèbre M. Smith, p. ex. à 17 h, l’a dit.", []),
    ("I think-- ' (she was glad) ' --but I shall have to ask them.",
     "Je crois. (Elle était contente.) Mais il faudra que je leur demande.", []),
    ("' --or next day, maybe, ' the Footman continued.",
     "« — ou le jour suivant peut-être », continua le Laquais.", []),
]


@pytest.mark.parametrize("reference,target,expected", CODE)
def test_code_mismatch(reference, target, expected):
    assert texts("code-mismatch", reference, target) == expected


CODE_DROPPED = [
    ("Press --help for help", "Appuyez sur aide pour l’aide", True),
    ("invalid css_file: %r, ignored", "Fichier CSS non valide : %r, il sera ignoré", True),
    ("Edit /etc/hosts first", "Modifiez d’abord le fichier des hôtes", True),
    ("Edit /etc/hosts first", "Modifiez d’abord /etc/hosts", False),
    ("default: OUTPUT_DIR/.doctrees", "par défaut : OUTPUT_DIR/.doctrees", False),
]


@pytest.mark.parametrize("reference,target,missing", CODE_DROPPED)
def test_code_missing(reference, target, missing):
    assert texts("code-missing", reference, target) == ([target] if missing else [])
    assert texts("code-mismatch", reference, target) == []


MARKUP = [
    ("Do it <b>now</b>", "Faites-le <v>maintenant</v>", ["<v>", "</v>"]),
    ("Do it <b>now</b>", "Faites-le <b>maintenant</b>", []),
    ("Do it <b>now</b>", "Faites-le maintenant", ["Faites-le maintenant"]),
    ('Click <a title="tip" href="p.html">here</a>', 'Cliquez <a title="astuce" href="p.html">ici</a>',
     []),
    ('Click <img src="image.jpg" alt="picture">', 'Cliquez <img src="prent.jpg" alt="image">',
     ['<img src="prent.jpg" alt="image">']),
    ('Click <a href="page.html">', 'Cliquez <a hverw="page.html">', ['<a hverw="page.html">']),
    ('Click <a href="page.html" target="_blank">', 'Cliquez <a href="page.html">',
     ['<a href="page.html">']),
    ('Read <a href="https://docs.example.org/en/3.0/">the notes</a>',
     'Lisez <a href="https://docs.example.org/fr/3.0/">les notes</a>', []),
    ("<b>Current Translation</b>", f"<b>Traduction actuelle{NB}:<b>", ["<b>"]),
    ("test <br />", "test <br>", ["<br>"]),
    ("%d/%d translated\n(%d blank)", "<br>%d/%d traduits\n<br>(%d vides)", ["<br>", "<br>"]),
    ("<i>a</i> and <b>b</b>", "<b>b</b> et <i>a</i>", []),
    ("<i>a <b>b</b></i>", "<i>a <b>b</i></b>", ["</i>"]),
    ("<Error>", "<Erreur>", []),
    ("Usage: cp <file> <dir>", f"Usage{NB}: cp <fichier> <dossier>", []),
    ("<<original entry>>", "<<entrée originale>>", []),
    ("{}th", "{}<sup>e</sup>", []),
    # entities
    ("Tom &amp; Jerry", "Tom & Jerry", ["Tom & Jerry"]),
    ("Topics &amp; guides", "Thématiques et guides", []),
    ("Tom&nbsp;Jerry", f"Tom{NB}Jerry", []),
    ("Start with the &lt;start&gt; tag", "Commencez par la balise &lt;début&gt;", []),
    ("Create In &lt;&lt;", "Créer dans &lt;lt;", ["Créer dans &lt;lt;"]),
    ("&brandShortName; was updated.", "&amp;brandShortName; a été mis à jour.",
     ["&amp;brandShortName; a été mis à jour."]),
    ("Use the &brandShortName; browser.", "Utilisez le navigateur &brandNomCourt;.",
     ["&brandNomCourt;"]),
    ("<b>a</b> <i>b</i>", "<u>a</u> b", ["<u>", "<u>a</u> b", "</u>"]),
]


@pytest.mark.parametrize("reference,target,expected", MARKUP)
def test_markup_mismatch(reference, target, expected):
    assert texts("markup-mismatch", reference, target) == expected


def test_a_changed_tag_gets_the_reference_tag_as_suggestion():
    [f] = [f for f in run_checks('Click <a href="page.html">', 'Cliquez <a hverw="page.html">',
                                 "en", "fr") if f.check_id == "markup-mismatch"]
    assert (f.suggestion, f.severity, f.category) == (
        '<a href="page.html">', "major", "mistranslation")


BRACKETS = [
    ("For [sic] numbers", "Pour les nombres", True),
    ("For ]sic[ numbers", "Pour les nombres", True),
    ("Choose a file (optional)", "Choisissez un fichier", True),
    ("Size (in bytes)", "Taille en octets", True),
    ("Backup [%s]", "Sauvegarde %s", True),
    ("N number(s)", "N nombre(s)", False),
    ("Brackets {[(", "Crochets [({", False),
    ("Press [Enter]", "Appuyez sur [Entrée]", False),
    ("Size (bytes)", "Taille (octets)", False),
    ("{{ string }}", "chaîne", False),
    # prose: a long sentence may turn a parenthesis into commas ...
    ("Land animals (quadrupeds, apes, reptiles, birds) were built on a gigantic scale in "
     "prehistoric days.", "Les animaux terrestres, les quadrupèdes, les singes, les reptiles, "
     "les oiseaux, étaient construits sur une échelle gigantesque.", False),
    # ... but not drop a code-like one
    ("The parser rejects this file in every mode of the tool (see --strict) when it is "
     "read.", "L’analyseur rejette ce fichier dans tous les modes de l’outil lorsqu’il est "
     "lu.", True),
]


@pytest.mark.parametrize("reference,target,missing", BRACKETS)
def test_bracket_missing(reference, target, missing):
    assert texts("bracket-missing", reference, target) == ([target] if missing else [])


def test_file_names_are_code_not_urls():
    ids = [f.check_id for f in run_checks("Copy setup.py to the root",
                                          "Copiez installation.py à la racine", "en", "fr")]
    assert ids == ["code-mismatch"]
