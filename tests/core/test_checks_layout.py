"""Table tests of the layout checks (app/core/checks/layout.py, issue 17): whitespace at the
ends, doubled spaces, line breaks, tabs, escapes, ellipsis, final colon, accelerators, French
quotation marks, space after a comma. Each row: check id, reference, target, the expected
findings of that check as (text under the span, suggestion), [] meaning none. The pairs
are our own, written after the behaviour the peers document (the peer check is named in a
comment above each table)."""
import dataclasses

import pytest

from app.core.checks import BY_ID, Context, run_checks

NB, NN = "\u00a0", "\u202f"
NO_NBSP = Context(nbsp=False)


def found(check_id, reference, target, target_lang="fr", context=None):
    return [(f.text, f.suggestion)
            for f in run_checks(reference, target, "en", target_lang, context)
            if f.check_id == check_id]


# Weblate begin_space / end_space / begin_newline / end_newline; pofilter startwhitespace /
# endwhitespace.
EDGE_WHITESPACE = [
    ("Password: ", "Mot de passe :", [(":", ": ")]),
    ("Password: ", f"Mot de passe{NB}: ", []),
    ("  Indented item", "Élément en retrait", [("Élément", "  Élément")]),
    ("  Indented item", " Élément en retrait", [(" ", "  ")]),
    ("Save", "Enregistrer ", [(" ", "")]),
    ("Done\n", "Terminé", [("Terminé", "Terminé\n")]),
    ("\nUsage", "Utilisation", [("Utilisation", "\nUtilisation")]),
    ("Done", "Terminé\n", [("\n", "")]),
    ("Line\r\n", "Ligne\n", [("\n", "\r\n")]),
    ("Total:\t", "Total :", [(":", ":\t")]),
    # good: same ends, a no-break space counting as a space, no reference, empty target
    ("Name: ", f"Nom{NB}:{NB}", []),
    ("\nUsage:\n", "\nUtilisation :\n", []),
    ("The mayor resigned.", "Le maire a démissionné.", []),
    ("", " texte libre ", []),
    ("\n    View function: %s\n", "\nFonction de vue : %s\n", []),   # template indentation
    (":", f"{NB}:", []),   # French: a colon appended to a label takes its no-break space
    (":", f"{NB}:", [(NB, "")], "de"),
    ("Init. Limit: ", "\u8d77\u59cb\u65f6\u95f4\u9650\u5236\uff1a", [], "zh"),   # full-width colon
    ("Save", "", []),
]


@pytest.mark.parametrize("reference,target,expected,lang",
                         [row if len(row) == 4 else row + ("fr",) for row in EDGE_WHITESPACE])
def test_edge_whitespace(reference, target, expected, lang):
    assert found("edge-whitespace", reference, target, lang) == expected


# Weblate double_space; pofilter doublespacing.
DOUBLE_SPACE = [
    ("Open the file", "Ouvrir  le fichier", [("  ", " ")]),
    ("Open the file", "Ouvrir   le  fichier", [("   ", " "), ("  ", " ")]),
    ("Name:", f"Nom {NB}:", [(f" {NB}", NB)]),
    ("He said: yes", f"Il a dit {NN} : oui", [(f" {NN} ", NN)]),
    # good: single spaces, French no-break spaces, the reference's own double spaces,
    # indentation after a newline, spaces at the ends (edge-whitespace's)
    ("Open the file", "Ouvrir le fichier", []),
    ("Really?", f"Vraiment{NN}?", []),
    ("Column  A", "Colonne  A", []),
    ("Usage:\n  run it", "Utilisation :\n  lancez-le", []),
    ("Hello", "  Bonjour", []),
    # the reference's column spacing lost (a double space after a full stop is a habit)
    ("Name  Size  Date", "Nom Taille Date", [("Nom Taille Date", None)]),
    ("Name  Size  Date", "Nom  Taille  Date", []),
    ("Sentence.  Another sentence.", "Phrase. Une autre phrase.", []),
    ("It uses a field which was  was removed", "Il utilise un champ qui a été supprimé", []),
]


@pytest.mark.parametrize("reference,target,expected", DOUBLE_SPACE)
def test_double_space(reference, target, expected):
    assert found("double-space", reference, target) == expected


# Weblate newline_count; pofilter newlines.
NEWLINE_COUNT = [
    ("First line\nSecond line", "Première ligne Deuxième ligne",
     [("Première ligne Deuxième ligne", None)]),
    ("One line", "Une\nligne", [("\n", " ")]),
    ("a\nb\nc", "a\nb\nc\nd", [("\n", " ")]),
    # good: same count, CRLF for LF, newlines at the ends left to edge-whitespace
    ("First line\nSecond line", "Première ligne\nDeuxième ligne", []),
    ("First\r\nSecond", "Premier\r\nSecond", []),
    ("First\r\nSecond", "Premier\nSecond", [("\n", "\r\n")]),   # pofilter: another kind
    ("Done\n", "Terminé", []),
    ("The mayor resigned.", "Le maire a démissionné.", []),
    # long lines of running text re-wrapped by the translator: only the other breaks count
    ("Please activate JavaScript to enable the search\n    functionality.",
     "Veuillez activer JavaScript pour que la recherche fonctionne.", []),
    ("Generate the files needed by a documentation project for\nyou, then build them."
     "\n\nUsage: run it", "Génère les fichiers nécessaires à un projet de documentation, "
     "puis les construit.\n\nUtilisation : lancez-le", []),
    ("Generate the files needed by a documentation project for\nyou, then build them."
     "\n\nUsage: run it", "Génère les fichiers nécessaires à un projet de documentation, "
     "puis les construit. Utilisation : lancez-le",
     [("Génère les fichiers nécessaires à un projet de documentation, puis les construit. "
       "Utilisation : lancez-le", None)]),
]


@pytest.mark.parametrize("reference,target,expected", NEWLINE_COUNT)
def test_newline_count(reference, target, expected):
    assert found("newline-count", reference, target) == expected


# Weblate escaped_newline; pofilter escapes.
ESCAPES = [
    ("Line one\\nLine two", "Ligne un Ligne deux", [("Ligne un Ligne deux", None)]),
    ("Name\\tValue", "Nom Valeur", [("Nom Valeur", None)]),
    ("Say hello", "Dis\\n bonjour", [("\\n", None)]),
    ("Type \\\\ for a backslash", "Tapez \\ pour une barre oblique inverse",
     [("Tapez \\ pour une barre oblique inverse", None)]),
    ('Type \\"yes\\"', 'Tapez "oui"', [('Tapez "oui"', None)]),
    # good: kept, moved, no escapes, a Windows path kept as it is
    ("Line one\\nLine two", "Ligne un\\nLigne deux", []),
    ("\\tIndented\\n", "\\tIndenté\\n", []),
    ("Plain text", "Texte simple", []),
    ("Open C:\\Users", "Ouvrir C:\\Users", []),
    ("Open C:\\path\\name", "Ouvrir C:\\chemin\\fichier", []),   # folders, not escapes
    ("Share \\\\srv\\notes", "Partage \\\\srv\\fichiers", []),
]


@pytest.mark.parametrize("reference,target,expected", ESCAPES)
def test_escapes(reference, target, expected):
    assert found("escapes", reference, target) == expected


# pofilter tabs.
TAB_COUNT = [
    ("Name\tValue", "Nom Valeur", [("Nom Valeur", None)]),
    ("Name Value", "Nom\tValeur", [("\t", " ")]),
    ("Name\tValue", "Nom\tValeur", []),
    ("\tIndented", "Indenté", []),   # an end: edge-whitespace's
]


@pytest.mark.parametrize("reference,target,expected", TAB_COUNT)
def test_tab_count(reference, target, expected):
    assert found("tab-count", reference, target) == expected


# Weblate end_ellipsis (and its trailing-ellipsis fixup).
ELLIPSIS = [
    ("Loading\u2026", "Chargement...", [("...", "\u2026")]),
    ("Wait\u2026 then save\u2026", "Attendez... puis enregistrez...",
     [("...", "\u2026"), ("...", "\u2026")]),
    # good: the same character, three dots in both (the author's choice), more dots, code
    ("Loading\u2026", "Chargement\u2026", []),
    ("Loading...", "Chargement...", []),
    ("Loading\u2026", "Chargement....", []),
    ("Open\u2026", "Ouvrir `...`", []),
    # an ellipsis added at the end of a label (a menu item that promises a dialog)
    ("Continue", "Continuer\u2026", [("\u2026", "")]),
    ("Open", "Ouvrir...", [("...", "")]),
    ("Processing.", "Traitement\u2026", []),   # a full stop may become an ellipsis
    ("Open\u2026", "Ouvrir\u2026", []),
]


@pytest.mark.parametrize("reference,target,expected", ELLIPSIS)
def test_ellipsis(reference, target, expected):
    assert found("ellipsis", reference, target) == expected


# Weblate end_colon; pofilter endpunc (the colon part).
END_COLON = [
    ("Enter the name:", "Saisissez le nom", [("nom", f"nom{NB}:")]),
    ("Enter the name:", "Enter the name", [("name", f"name{NB}:")]),
    ("Enter the name:", "Saisissez le nom", [("nom", "nom :")], "fr", NO_NBSP),
    ("Enter the name:", "Geben Sie den Namen ein", [("ein", "ein:")], "de"),
    ("Choose a file:", f"Quel fichier{NN}?", [("?", ":")]),
    ("Choose a file:", "Welche Datei?", [("?", ":")], "de"),
    ("Name", "Nom :", [(" :", "")]),
    ("Name", "Name:", [(":", "")], "de"),
    # good: kept with or without a no-break space, legitimate rewrites as a full stop or a
    # semicolon, a reST literal marker, a colon nowhere
    ("Enter the name:", f"Saisissez le nom{NB}:", []),
    ("Enter the name:", "Saisissez le nom :", []),
    ("Enter the name: ", "Saisissez le nom : ", []),
    ("Name:", "\u540d\u524d\u3002", [], "ja"),   # Japanese ends a label with a full stop
    ("Follow this link:\n", "\u8bf7\u70b9\u51fb\u6b64\u94fe\u63a5\uff1a\n", [], "zh"),
    ("Enter the name:", "Saisissez le nom.", [(".", f"{NB}:")]),
    ("Choose one:", "Choisissez-en un ;", [(";", ":")]),
    ("For example::", "Par exemple ::", []),
    # a longer stretch of prose may end with a full stop or a semicolon instead
    ("She kept tossing the baby up and down at the end of every line, and sang to it:",
     "Elle berçait le bébé en chantant et le secouait au bout de chaque vers.", []),
    ("Wait. Then choose one:", "Attendez. Puis choisissez-en un.", []),
    # a colon added at the end of long prose introduces what follows; a reST role kept
    ("Alice folded her hands, and began : --", "Alice croisa les mains et commença :", []),
    ("While the Duchess sang the second verse of the song she kept tossing the baby and I "
     "had to sing", "Pendant que la Duchesse chantait, je dus chanter :", []),
    ("Try giving an :encoding: option", "Essayez de donner une option :encoding:", []),
    ("Note.", "Remarque :", []),
    ("He said \u201cyes\u201d", "Il a dit \u00ab\u202foui\u202f\u00bb", []),
    ("The mayor resigned.", "Le maire a démissionné.", []),
]


@pytest.mark.parametrize("row", END_COLON)
def test_end_colon(row):
    reference, target, expected, *rest = row
    lang, context = (rest + [None])[:2] if rest else ("fr", None)
    assert found("end-colon", reference, target, lang, context) == expected


def test_a_dropped_colon_is_one_finding_not_also_end_punctuation():
    findings = run_checks("Enter your full name in the box:", "Saisissez votre nom complet",
                          "en", "fr")
    assert [(f.check_id, f.text) for f in findings
            if f.check_id in ("end-colon", "end-punctuation")] == [("end-colon", "complet")]


def test_a_glued_french_colon_is_fr_punctuation_space_only():
    findings = run_checks("Enter the name:", "Saisissez le nom:", "en", "fr")
    assert [f.check_id for f in findings] == ["fr-punctuation-space"]


# pofilter accelerators; Weblate same_accelerator.
ACCELERATOR = [
    ("&File", "Fichier", [("Fichier", "&Fichier")]),
    ("&Save As", "Enregistrer sous", [("sous", "&sous")]),
    ("_Open", "Ouvrir", [("Ouvrir", "_Ouvrir")]),
    ("&File", "&Fi&chier", [("&", "")]),
    ("File", "&Fichier", [("&", "")]),
    ("Open", "_Ouvrir", [("_", "")]),
    # good: kept, moved inside the word, no accelerator anywhere; not accelerators:
    # an entity, R&D, snake_case, an escaped ampersand, a URL query, dunder names
    ("&File", "&Fichier", []),
    ("&File", "Fichie&r", []),
    ("_Open", "Ou_vrir", []),
    ("Fish &amp; chips", "Poisson &amp; frites", []),
    ("R&D budget", "Budget R&D", []),
    ("Set user_name", "Définir user_name", []),
    ("Tom && Jerry", "Tom && Jerry", []),
    ("See https://x.example/?a=1&b=2", "Voir https://x.example/?a=1&b=2", []),
    ("Call __init__", "Appelez __init__", []),
    ("R&D budget", "&Budget R&D", [("&", "")]),
    ("E&xit", "Quitter", [("Quitter", "&Quitter")]),   # inside a word, before a small letter
    ("E&xit", "&Quitter", []),
    ("_Save", "_Enregi_strer", [("_", "")]),
    ("_Quit", "Q_uitter_", [("_", "")]),   # a stray marker at the end of the word
    ("~File", "Fichier", [("Fichier", "~Fichier")]),   # LibreOffice
    ("File", "~Fichier", [("~", "")]),
    ("~File", "~Fichier", []),
    ("About ~5 minutes", "Environ ~5 minutes", []),
    ("Disable my add&-ons", "&Désactiver mes modules", []),   # the & may sit on a hyphen
    ("AT&T network", "Réseau AT&T", []),
    ("_Save user_name", "_Enregistrer user_name", []),
]


@pytest.mark.parametrize("reference,target,expected", ACCELERATOR)
def test_accelerator(reference, target, expected):
    assert found("accelerator", reference, target) == expected


# French typography (no peer check: Weblate's punctuation spacing covers the spaces only).
FR_QUOTES = [
    ('Do "this"', 'Faites "ça"', [('"ça"', f"\u00ab{NN}ça{NN}\u00bb")]),
    ('Click "Save as" then "OK".', 'Cliquez sur "Enregistrer sous" puis "Valider".',
     [('"Enregistrer sous"', f"\u00ab{NN}Enregistrer sous{NN}\u00bb"),
      ('"Valider"', f"\u00ab{NN}Valider{NN}\u00bb")]),
    ('Click "Save"', 'Cliquez sur "Enregistrer"',
     [('"Enregistrer"', "\u00ab Enregistrer \u00bb")], NO_NBSP),
    ('He said "no": done', f'Il a dit "Non"{NB}: fini',
     [('"Non"', f"\u00ab{NB}Non{NB}\u00bb")]),
    ('Do "this"', 'Faites "ceci"', [('"ceci"', f"\u00ab{NN}ceci{NN}\u00bb")]),
    # good: already « », quoted code, placeholders, attribute values, identifiers and
    # header names, a token the reference quotes verbatim, an odd number of quotes
    ('Do "this"', f"Faites \u00ab{NN}ceci{NN}\u00bb", []),
    ('Value "%s" is invalid', 'La valeur "%s" est invalide', []),
    ('Field "{name}"', 'Champ "{name}"', []),
    ('Use <a href="x">this</a>', 'Utilisez <a href="x">ceci</a>', []),
    ('Encoding "utf-8"', 'Encodage "utf-8"', []),
    ('Header "Referrer-Policy"', 'En-tête "Referrer-Policy"', []),
    ('The "slug" field', 'Le champ "slug"', []),
    ("Set 'language = None'", "Définissez 'language = None'", []),
    ('A 12" screen', 'Un écran de 12"', []),
    ('Type "make html"', 'Tapez "make html"', []),
    ("It is either 'png' or 'svg'", 'C\'est soit "png", soit "svg"', []),
    ('"quiet" is set', 'vous avez spécifié "quit"', []),   # a damaged name: not prose
    ('":file:" option', 'L\'option ":file :"', []),
    # the reference quotes with single marks: not our quotation (a corpus that flattened
    # its guillemets is left alone)
    ("' What is the use of a book, ' thought Alice",
     '" À quoi sert un livre, " pensait Alice', []),
    # a quote between two spaces: opening or closing cannot be told (flattened guillemets)
    ('" Come up again, dear! " they say', '" Reviens, ma chérie ! " disent-ils', []),
    ('The top node of the "contents tree"', 'Le nœud supérieur de "l\'arbre des contenus"',
     [('"l\'arbre des contenus"', f"\u00ab{NN}l\'arbre des contenus{NN}\u00bb")]),
]


@pytest.mark.parametrize("row", FR_QUOTES)
def test_fr_quotes(row):
    reference, target, expected, *context = row
    assert found("fr-quotes", reference, target, "fr", (context or [None])[0]) == expected


def test_fr_quotes_is_french_only():
    assert found("fr-quotes", 'Do "this"', 'Mach "das"', "de") == []


# pofilter puncspacing (the comma).
COMMA_SPACE = [
    ("Red, green, blue", "Rouge,vert,bleu", [(",", ", "), (",", ", ")]),
    ("Yes, please", "Oui,s'il vous plaît", [(",", ", ")]),
    ("Name, then surname", "Nom »,puis prénom", [(",", ", ")]),
    ("Files: 3, folders: 2", "Fichiers : 3,dossiers : 2", [(",", ", ")]),
    # good: spaced, decimal commas, a reference that glues its own commas, code-like
    # stretches and URLs, no comma in the reference
    ("Red, green, blue", "Rouge, vert, bleu", []),
    ("It costs 3.5, roughly", "Cela coûte 3,5, environ", []),
    ("Columns a,b,c", "Colonnes a,b,c", []),
    ("Set fields, then run", "Définir list_display=a,b puis lancer", []),
    ("See it, now", "Voir https://x.example/a,b maintenant", []),
    ("Red green", "Rouge,vert", []),
]


@pytest.mark.parametrize("reference,target,expected", COMMA_SPACE)
def test_comma_space(reference, target, expected):
    assert found("comma-space", reference, target) == expected


def _fixable_rows():
    tables = {"edge-whitespace": EDGE_WHITESPACE, "double-space": DOUBLE_SPACE,
              "newline-count": NEWLINE_COUNT, "tab-count": TAB_COUNT, "ellipsis": ELLIPSIS,
              "end-colon": END_COLON, "accelerator": ACCELERATOR, "fr-quotes": FR_QUOTES,
              "comma-space": COMMA_SPACE}
    for check_id, rows in tables.items():
        for row in rows:
            reference, target, expected = row[:3]
            lang = row[3] if len(row) > 3 and isinstance(row[3], str) else "fr"
            if expected and all(s is not None for _, s in expected):
                yield check_id, reference, target, lang


@pytest.mark.parametrize("check_id,reference,target,lang", list(_fixable_rows()))
def test_applying_the_suggestions_clears_the_finding(check_id, reference, target, lang):
    findings = [f for f in run_checks(reference, target, "en", lang) if f.check_id == check_id]
    fixed = target
    for f in sorted(findings, key=lambda f: f.start, reverse=True):
        fixed = fixed[:f.start] + f.suggestion + fixed[f.end:]
    assert found(check_id, reference, fixed, lang) == []


LAYOUT_IDS = ("edge-whitespace", "double-space", "newline-count", "escapes", "tab-count",
              "ellipsis", "end-colon", "accelerator", "fr-quotes", "comma-space")


def test_the_layout_checks_are_registered_with_a_category_severity_and_description():
    for check_id in LAYOUT_IDS:
        check = BY_ID[check_id]
        assert check.description and check.category in ("typography", "punctuation")
    assert {BY_ID[c].severity for c in ("newline-count", "escapes", "tab-count",
                                        "accelerator")} == {"major"}


PROSE = [
    ("The mayor, who was re-elected in 2019, resigned on Friday.",
     f"Le maire, réélu en 2019, a démissionné vendredi."),
    ("\u201cWe will not give up,\u201d she said.",
     f"\u00ab{NN}Nous n\u2019abandonnerons pas{NN}\u00bb, a-t-elle déclaré."),
    ("Prices rose 3.5% in May: a record.", f"Les prix ont augmenté de 3,5{NN}% en mai{NB}: "
                                           f"un record."),
    ("Wait\u2026 what?", f"Attendez\u2026 quoi{NN}?"),
]


@pytest.mark.parametrize("reference,target", PROSE)
def test_news_prose_raises_no_layout_finding(reference, target):
    findings = run_checks(reference, target, "en", "fr",
                          dataclasses.replace(Context(), nbsp=True))
    assert [f.check_id for f in findings if f.check_id in LAYOUT_IDS] == []
