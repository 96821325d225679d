"""Markup awareness of the typography, number-format and untranslated checks (issue 17):
reST roles and directives, literals, placeholders, versions, HTTP header lines, quoted code
and commands get no finding, while a real problem next to them is still flagged. Each row:
check id, reference, target, the texts of that check's findings ([]: none). Our own pairs,
in the shape of software catalogs (Sphinx, Django)."""
import pytest

from app.core.checks import Context, run_checks
from tests.conftest import require_grammalecte

NB, NN = "\u00a0", "\u202f"

ROWS = [
    # fr-punctuation-space: roles, directives, headers and quoted code are not prose ...
    ("fr-punctuation-space", "too large :maxdepth:, ignored.",
     ":maxdepth: trop grand, ignoré.", []),
    ("fr-punctuation-space", "Use :no-index: on one of them.",
     "Utilisez :no-index: sur l’une d’elles.", []),
    ("fr-punctuation-space", ":%s: (directive option)", ":%s: (option de directive)", []),
    ("fr-punctuation-space", "Declaration is '.. c:%s:: %s'.",
     "La déclaration est '.. c:%s:: %s'.", []),
    ("fr-punctuation-space", "Use 'pair: %s' instead.", "Utilisez 'pair: %s' à la place.", []),
    ("fr-punctuation-space", "the “Referrer-Policy: no-referrer” header",
     f"l’en-tête «{NN}Referrer-Policy: no-referrer{NN}»", []),
    ("fr-punctuation-space", '"::" in a module name makes no sense',
     '"::" dans un nom de module n’a pas de sens', []),
    # ... but a colon or a semicolon glued to French words next to them is
    ("fr-punctuation-space", "Invalid value found: 'language = None'.",
     "Valeur non valide trouvée: 'language = None'.", [":"]),
    ("fr-punctuation-space", "the :widths: option is ignored; check it",
     "l’option :widths: est ignorée; vérifiez-la", [";"]),
    ("fr-punctuation-space", "broken link: %s", "lien mort: %s", [":"]),
    # fr-number-format: versions are not decimals ...
    ("fr-number-format", "deprecated in Sphinx 5.1", "déprécié dans Sphinx 5.1", []),
    ("fr-number-format", "To keep pre-2.0 behaviour, set it.",
     "Pour garder le comportement antérieur à la version 2.0, réglez-le.", []),
    ("fr-number-format", "the version is 2.5 or 3.0, the release 2.5.1",
     "la version est 2.5 ou 3.0, la release 2.5.1", []),
    ("fr-number-format", "Requires Python 3.12.", "Nécessite Python 3.12.", []),
    # ... a decimal beside a version still is
    ("fr-number-format", "With Sphinx 5.1 it is 2.5 times faster.",
     "Avec Sphinx 5.1, c’est 2.5 fois plus rapide.", ["2.5"]),
    ("fr-number-format", "Growth was 7.5 percent.", "La croissance a été de 7.5 pour cent.",
     ["7.5"]),
    # apostrophe-style: an apostrophe inside code is not the text's apostrophe
    ("apostrophe-style", "Type ``don't`` first; it isn't long.",
     "Tapez ``don't`` d’abord ; ce n’est pas long.", []),
    ("apostrophe-style", "The end of the range.", "La fin de l’intervalle et de l'année.",
     ["'"]),
    # untranslated-words: code and commands in quotes or shown "like so:" ...
    ("untranslated-words", "Invalid value: 'language = None'.",
     "Valeur non valide : 'language = None'.", []),
    ("untranslated-words", "Run 'make' here (use 'make info' to do it).",
     "Exécutez 'make' ici (ou 'make info' pour le faire).", []),
    ("untranslated-words", "so that you only run e.g. `make html' instead",
     "afin de n’exécuter que `make html' au lieu de cela", []),
    ("untranslated-words", "Use the Makefile like so:\n   make builder",
     "Utilisez le Makefile comme ceci :\n   make builder", []),
    ("untranslated-words", 'should look like "-opt args" or "--opt args"',
     'doit ressembler à "-opt args" ou "--opt args"', []),
    # ... but English prose around them is still English
    ("untranslated-words", "Invalid value: 'language = None'. Please update it.",
     "Valeur non valide : 'language = None'. Please update it.", ["Please update it"]),
    ("untranslated-words", "Use the Makefile like so:\n   make builder",
     "Use the Makefile comme ceci :\n   make builder", ["Use the"]),
    # a name introduced by a naming noun in both texts is named, not English ...
    ("untranslated-words", "invalid value for member-order option: %s",
     "valeur invalide pour l’option member-order : %s", []),
    ("untranslated-words", "exception while evaluating only directive expression",
     "exception pendant l’évaluation de la directive only", []),
    ("untranslated-words", "if specified, separate source and build dirs",
     "si spécifié, les répertoires source et build seront séparés", []),
    ("untranslated-words", "create the build dir under the source dir",
     "créer le dossier build dans le dossier source", []),
    ("untranslated-words", "The backup file is full.", "Le fichier backup est plein.",
     ["backup"]),
    # ... but the same nouns inside English are not
    ("untranslated-words", "Malformed option description %r",
     "Erreur : Malformed option description %r", ["Malformed option description"]),
    # a list of names copied whole (only the conjunction translated) names things ...
    ("untranslated-words", "title node not in section, topic, table, admonition or sidebar",
     "titre de nœud hors de section, topic, table, admonition ou sidebar", []),
    # ... a list partly translated, or short, is still English where it is
    ("untranslated-words", "title node not in section, topic, table, admonition or sidebar",
     "titre de nœud hors de section, sujet, table, avertissement ou sidebar", ["sidebar"]),
    ("untranslated-words", "Features: waterproof, shockproof and light.",
     "Caractéristiques : étanche, antichoc et light.", ["light"]),
    # a bare singular subject of a French sentence is a name; a plural one or one before a
    # colon is not
    ("untranslated-words", "Pillow not found - copying image files",
     "Pillow n’a pas été trouvé - copie des fichiers image", []),
    ("untranslated-words", "convert exited with error", "convert a terminé avec une erreur", []),
    ("untranslated-words", "Scientists have found a cure.", "Scientists ont trouvé un remède.",
     ["Scientists"]),
    ("untranslated-words", "Update: the road is open.", "Update : la route est ouverte.",
     ["Update"]),
    # a quoted word in the place of a quoted name of the reference stands for that name ...
    ("untranslated-words", '"quiet" is set, but "project" or "author" is not.',
     'vous avez choisi "quit", mais "project" ou "author" ne le sont pas.', []),
    # ... not when the other quoted words differ too
    ("untranslated-words", 'Click "Save" or "Cancel".', 'Cliquez sur "Keep" ou "Leave".',
     ["Keep", "Leave"]),
    # software loanwords French catalogs keep
    ("untranslated-words", "Slug %r isn’t registered.", "Le slug %r n’est pas enregistré.", []),
    # untranslated-segment: a segment of markup only is not untranslated
    ("untranslated-segment", ":ref:`index`", ":ref:`index`", []),
    ("untranslated-segment", "%s (%s)", "%s (%s)", []),
    ("untranslated-segment", "The build has finished successfully.",
     "The build has finished successfully.", ["The build has finished successfully."]),
    # HTML inline code (<code>, <kbd>, <samp>, <var>, <tt>): its content is not prose ...
    ("untranslated-words", "Run <code>make html</code> to build the pages.",
     "Lancez <code>make html</code> pour construire les pages.", []),
    ("untranslated-words", "Press <kbd>Enter</kbd> then <kbd>Page Down</kbd>.",
     "Appuyez sur <kbd>Enter</kbd> puis sur <kbd>Page Down</kbd>.", []),
    ("untranslated-words", "The command prints <samp>Build finished</samp> when done.",
     "La commande affiche <samp>Build finished</samp> à la fin.", []),
    ("untranslated-words", "Replace <var>user name</var> with yours.",
     "Remplacez <var>user name</var> par le vôtre.", []),
    ("untranslated-segment", "<code>make html</code>", "<code>make html</code>", []),
    ("fr-punctuation-space", "Set <code>timeout: 30</code> in the file.",
     "Définissez <code>timeout: 30</code> dans le fichier.", []),
    ("fr-number-format", "Set <code>ratio = 2.5</code> first.",
     "Définissez d’abord <code>ratio = 2.5</code>.", []),
    # ... the prose around it is
    ("untranslated-words",
     "Run <code>make html</code> in the project folder, then build the pages.",
     "Lancez <code>make html</code> dans le dossier du projet, then build the pages.",
     ["then build the pages"]),
    ("untranslated-segment", "Run <code>make html</code> to build the pages.",
     "Run <code>make html</code> to build the pages.",
     ["Run <code>make html</code> to build the pages."]),
    ("fr-punctuation-space", "Set <tt>a; b</tt> then stop: done",
     "Définissez <tt>a; b</tt> puis arrêtez: fait", [":"]),
    ("fr-number-format", "Set <code>ratio</code> to 2.5 first.",
     "Réglez <code>ratio</code> à 2.5 d’abord.", ["2.5"]),
    # HTTP headers without a hyphen: well-known names, inner capitals at the start ...
    ("fr-punctuation-space", "Send the header Authorization: Bearer with the token.",
     "Envoyez l’en-tête Authorization: Bearer avec le jeton.", []),
    ("fr-punctuation-space", 'ETag: "%s"', 'ETag: "%s"', []),
    ("fr-punctuation-space", "Host: example.org", "Host: example.org", []),
    ("fr-punctuation-space", "the If-Match: \"abc\" header", "l’en-tête If-Match: \"abc\"", []),
    # ... but labels are prose, and so is a colon beside a header
    ("fr-punctuation-space", "Date: %s", "Date: %s", [":"]),
    ("fr-punctuation-space", "Server: %s", "Serveur: %s", [":"]),
    ("fr-punctuation-space", "Send Authorization: Bearer; it fails: retry",
     "Envoyez Authorization: Bearer ; cela échoue: réessayez", [":"]),
]


@pytest.mark.parametrize("check_id,reference,target,expected", ROWS)
def test_markup_gets_no_finding_and_problems_beside_it_do(check_id, reference, target,
                                                           expected):
    assert [f.text for f in run_checks(reference, target, "en", "fr")
            if f.check_id == check_id] == expected


NBSP_HOUSE_STYLE = [
    # a space before a role or a placeholder is a word space, not one before punctuation ...
    ("Utilisez :no-index: pour l’une d’elles.", []),
    ("Voir le rôle :ref:`index` ici.", []),
    ("le fichier %(name)s :%(line)s", []),
    # ... the space before a real colon or question mark beside them still is
    ("Utilisez :no-index: : c’est plus sûr ?", [" ", " "]),
]


@pytest.mark.parametrize("target,expected", NBSP_HOUSE_STYLE)
def test_fr_nbsp_leaves_the_space_before_markup(target, expected):
    assert [f.text for f in run_checks("", target, "en", "fr", Context(nbsp=True))
            if f.check_id == "fr-nbsp"] == expected


GRAMMAR = [
    # software-string conventions Grammalecte misreads ...
    ("%(value)s decillion", "%(value)s décillions", []),          # a placeholder subject
    ("Author name(s)", "Nom(s) de l’auteur(s)", []),               # inclusive plural marks
    ("Target URIs must be unique.", "Les URI cibles doivent être uniques.", []),
    ("Source and destination directories must differ.",
     "Les dossiers source et destination doivent être différents.", []),
    ("Run `make html' now.", "Lancez `make html' maintenant.", []),
    ("all source files", "tous les fichiers source", []),          # not the rare "sourcer"
    ("if it was a user error", "s’il s’agit d’une erreur utilisateur", []),   # apposition
    ("A white house.", "Une maison blanc.", ["blanc"]),              # an adjective to agree
    # ... and real errors beside them
    ("Visitors must show %s.", "Les visiteurs doit présenter %s.", ["doit"]),
    ("Fees fall and prices rise.", "Les frais baisse et les prix montent.", ["baisse"]),
    ("%(count)s files were deleted by the users.",
     "%(count)s fichiers ont été supprimés par les utilisateur.", ["utilisateur"]),
]


@pytest.mark.parametrize("reference,target,expected", GRAMMAR)
def test_grammar_leaves_markup_and_conventions_alone(reference, target, expected):
    require_grammalecte()
    assert [f.text for f in run_checks(reference, target, "en", "fr")
            if f.check_id == "fr-grammar"] == expected
