"""Table tests of placeholder-mismatch and placeholder-missing (app/core/checks/placeholders.py).

Pairs written for these tests after the behaviour the peers document (Weblate's C format,
Python format, Python brace format and ICU MessageFormat checks; pofilter's printf,
pythonbraceformat and variables tests). Each row: flags of the PO entry, reference, target,
the texts under placeholder-mismatch's spans, and whether placeholder-missing fires (its span
is the whole target)."""
import pytest

from app.core.checks import Context, run_checks
from app.core.checks.placeholders import placeholder_spans

NB = "\u00a0"


def found(check_id, reference, target, flags=()):
    context = Context(flags=frozenset(flags))
    return [f for f in run_checks(reference, target, "en", "fr", context)
            if f.check_id == check_id]


ROWS = [
    # c-format (Weblate C format, pofilter printf)
    (("c-format",), "I am %s", "Je suis %d", ["%d"], False),
    (("c-format",), "I am %s", "Je suis %s", [], False),
    (("c-format",), "%10s string", "%20s chaîne", ["%20s"], False),
    (("c-format",), "Saved %d of %d", "Enregistré %d", [], True),
    (("c-format",), "Found %u matches", "%u correspondances trouvées en %u", ["%u"], False),
    (("c-format",), "String %s and number %d", "Nombre %2$d et chaîne %1$s", [], False),
    (("c-format",), "String %s and number %d", "Nombre %1$d et chaîne %2$s", ["%1$d", "%2$s"],
     False),
    (("c-format",), "%1$s %2$s string", "%2$s %1$s chaîne", [], False),
    (("c-format",), "Copy %1$s to %2$s", "Copier %1$s vers %3$s", ["%3$s"], False),
    (("c-format",), "delete %'d items", "supprimer %d éléments", ["%d"], False),
    (("c-format",), "lines: %6.3f", "lignes : %'6.3f", [], False),
    (("c-format",), "(%.0lf%%)", "(%%%.0lf)", [], False),
    (("c-format",), "Progress: %d%%", f"Progression{NB}: %d{NB}%%", [], False),
    (("c-format",), "%d%% done", "Fait à 100 %", ["%"], False),   # one problem: "% " broken
    # python-format (Weblate Python format)
    (("python-format",), "%(name)s string", "%(nom)s chaîne", ["%(nom)s"], False),
    (("python-format",), "%(name)s string", "chaîne", [], True),
    (("python-format",), "%(name)s %(foo)s string", "%(foo)s %(name)s chaîne", [], False),
    (("python-format",), "%s %d string", "%d %s chaîne", ["%d", "%s"], False),
    (("python-format",), "%(test)s%(test)s%(test)s", "%(test)s%(test)s", [], True),
    (("python-format",), "Save 12%%.", "Enregistrer 12%.", ["%"], False),
    (("python-format",), "Save 12%%.", "Enregistrer 12 pour cent.", [], False),
    (("python-format",), "%(count)d strings into %(languages)d languages %(percent)d%%",
     "%(count)d chaînes dans %(languages)d langues %(percent)d %%", [], False),
    (("python-format",), "Welcome, %(user)s!", "Bienvenue, %(user)!", ["%"], False),
    # python-brace-format (Weblate Python brace format, pofilter pythonbraceformat)
    (("python-brace-format",), "{} string", "{} chaîne {}", ["{}"], False),
    (("python-brace-format",), "String {}, {}", "Chaîne {}", [], True),
    (("python-brace-format",), "{s.foo} string", "{s.bar} chaîne", ["{s.bar}"], False),
    (("python-brace-format",), "{{ string }}", "chaîne", [], False),
    (("python-brace-format",), "{name!r:>10} saved", "{name!r:>10} enregistré", [], False),
    (("python-brace-format",), "{s} string", "{s}} chaîne", [], False),  # unbalanced-brackets'
    (("python-brace-format",), "{a}{b} string", "{{{a}}} {b} chaîne", [], False),
    (("python-brace-format",), "{a} and {b}", "{a} }et{ {b}", ["}", "{"], False),
    (("python-brace-format",), "String {1} and number {0}", "Nombre {0} et chaîne {1}", [],
     False),
    # other gettext formats
    (("objc-format",), "I am %@", "Je suis @%", ["%"], False),
    (("php-format",), "%1$s string", "%2$s chaîne", ["%2$s"], False),
    (("qt-format",), "%1 string %2", "%2 chaîne %1", [], False),
    (("qt-format",), "%1 string", "%2 chaîne", ["%2"], False),
    (("qt-format",), "100% of %1", "100 % de %1", [], False),
    # no-...-format switches the syntax off
    (("no-c-format",), "Only 5%s left", "Plus que 5%d", [], False),
    (("no-python-format",), "Use %(name)s literally", "Utilisez %(nom)s tel quel", [], False),
    # unflagged: by shape
    ((), "Delete {0} files", "Supprimer {1} fichiers", ["{1}"], False),
    ((), "{0} string {1}", "{1} chaîne {0}", [], False),
    ((), "Hello {0}", "Bonjour", [], True),
    ((), "Delete %(count)s files", "Supprimer les fichiers %(nombre)s", ["%(nombre)s"], False),
    ((), "Save %file%", "Enregistrer %fichier%", ["%fichier%"], False),
    ((), "Save $(file)", "Enregistrer $(file)", [], False),
    ((), "Move $(file) to $(dir)", "Placer dans $(dir) le fichier $(file)", [], False),
    ((), "Start %PROGRAMNAME% as %PROGRAMNAME%", "Démarrer %PROGRAMNAME%", [], True),
    ((), "Welcome ${name}", "Bienvenue ${nom}", ["${nom}"], False),
    ((), "{count, plural, one {# file} other {# files}}",
     "{count, plural, one {# fichier} many {# de fichiers} other {# fichiers}}", [], False),
    ((), "{count, plural, one {# file} other {# files}}",
     "{nombre, plural, one {# fichier} other {# fichiers}}", ["{nombre, plural,"], False),
    ((), "{count, plural, one {One message} other {{count} messages}}",
     "{count, plural, one {Un message} other {{nombre} messages}}", ["{nombre}"], False),
    ((), "{count, plural, one {# item} other {# items}}", "# éléments", [], True),
    # prose: percentages and braces of words are no placeholders
    ((), "50% of users", f"50{NB}% des utilisateurs", [], False),
    ((), "Unemployment rose 5% on the year.", "Le chômage a augmenté de 5 % sur un an.", [],
     False),
    ((), "100% complete", "Terminé à 100 %", [], False),
    ((), "Prices fell 3%off peak.", "Les prix ont baissé de 3 % hors pointe.", [], False),
    ((), "%dMB", "%d Mo", [], False),
    # unflagged variables of other projects (pofilter variables, Weblate AngularJS/i18next)
    ((), "Save $file", "Enregistrer $fichier", ["$fichier"], False),
    ((), "About $_CLICK", "À propos de $_CLIC", ["$_CLIC"], False),
    ((), "Save $file", "Enregistrer $file", [], False),
    ((), "Save #file#", "Enregistrer #fichier#", ["#fichier#"], False),
    ((), "Save #file#", "Enregistrer le fichier", [], True),
    ((), "Page #1 of #2", "Page #1 sur #3", ["#3"], False),
    ((), "Page #1 of #2", "Page #2 sur #1", [], False),
    ((), "Save %1", "Enregistrer %2", ["%2"], False),
    ((), "Save %1", "Enregistrer %1", [], False),
    ((), "Save $[file]", "Enregistrer $[fichier]", ["$[fichier]"], False),
    ((), "Use @EXTENSION@", "Utiliser @EXTENSIONS@", ["@EXTENSIONS@"], False),
    ((), "Licence @license_code@.", "Licence.", [], True),
    ((), "Welcome to the &pluginWizard.title;", "Bienvenue dans &assistant.titre;",
     ["&assistant.titre;"], False),
    ((), '"%S" is a program. Launch "%S"?', "Ce fichier est un programme. Lancer « %S » ?",
     [], True),
    ((), "String {}, {}", "Chaîne {}", [], True),
    ((), "Name {}", "Nom {} et {}", ["{}"], False),
    ((), "String {} and number {}", "Chaîne {} et nombre {}", [], False),
    (("angularjs-format",), "{{name}} string", "chaîne", [], True),
    (("angularjs-format",), "{{name}} string", "{{nom}} chaîne", ["{{nom}}"], False),
    (("angularjs-format",), "Value: {{ item.price | currency }}", "Valeur : {{ item.price }}",
     ["{{ item.price }}"], False),
    (("angularjs-format",), "{{ name   }} string", "{{name}} chaîne", [], False),
    (("angularjs-format",), "Value: {{ item.price | currency }}",
     "Valeur : {{item.price|currency}}", [], False),
    (("angularjs-format",), "{{name}} string {{other}}", "{{other}} chaîne {{name}}", [],
     False),
    # ICU: spaces inside the braces; a plain argument made a plural or select
    (("icu-message-format",), "Hello, {  name  }!", "Bonjour, {name} !", [], False),
    (("icu-message-format",), "{count} apples",
     "{count, plural, one {# pomme} other {# pommes}}", [], False),
    (("icu-message-format",), "{count, number}",
     "{count, plural, one {#} other {#} =0 {#}}", [], False),
    (("icu-message-format",), "{count} apples",
     "{total, plural, one {# pomme} other {# pommes}}", ["{total, plural,"], False),
    # prose: no variables ("$name" and "%1" and "#1" only when both texts have that kind)
    ((), "Issue #1 is fixed", "Le ticket n° 1 est corrigé", [], False),
    ((), "Issue #1 is fixed", "Le ticket #1 est corrigé", [], False),
    ((), "# of items", "Nombre d'éléments", [], False),
    ((), "Mention @user here", "Mentionnez @utilisateur ici", [], False),
    ((), "It costs $5", "Cela coûte 5 $", [], False),
    ((), "It costs US$ 3", "Cela coûte 3 $ US", [], False),
    ((), "Save 50 % now", "Économisez 50 % maintenant", [], False),
    ((), "Learn C# today", "Apprenez le C# aujourd'hui", [], False),
    ((), "Write to email@example.com", "Écrivez à email@example.com", [], False),
    ((), "Write to a@b@c", "Écrivez à a@b@c", [], False),
    ((), "Reached 100%1 times", "Atteint 100 % une fois", [], False),
    ((), "Save $file", "Enregistrer le fichier", [], False),
    ((), "Set {} to empty", "Videz {}", [], False),
]


@pytest.mark.parametrize("flags,reference,target,mismatch,missing", ROWS)
def test_placeholders(flags, reference, target, mismatch, missing):
    assert [f.text for f in found("placeholder-mismatch", reference, target, flags)] == mismatch
    lost = found("placeholder-missing", reference, target, flags)
    assert [f.text for f in lost] == ([target.strip()] if missing else [])


def test_a_changed_placeholder_is_one_finding_with_the_reference_one_as_suggestion():
    assert [(f.check_id, f.text, f.suggestion, f.severity, f.category)
            for f in run_checks("Delete %(count)s files", "Supprimer %(nombre)s fichiers",
                                "en", "fr")] == [
        ("placeholder-mismatch", "%(nombre)s", "%(count)s", "major", "mistranslation")]


def test_a_dropped_placeholder_is_an_omission_named_in_the_message():
    [f] = found("placeholder-missing", "Copied %s to %s", "Copié %s", ("c-format",))
    assert (f.category, f.severity) == ("omission", "major")
    assert "\u201c%s\u201d" in f.message


def test_a_lone_percent_gets_the_escape_as_suggestion():
    [f] = found("placeholder-mismatch", "Save 12%%.", "Enregistrer 12%.", ("python-format",))
    assert f.suggestion == "%%"


def test_a_stray_brace_is_one_finding():
    assert [f.check_id for f in run_checks("{s} string", "{s}} chaîne", "en", "fr",
                                           Context(flags=frozenset({"python-brace-format"})))
            ] == ["unbalanced-brackets"]


def test_placeholder_digits_are_not_numbers():
    ids = [f.check_id for f in run_checks("File %1$s of %2$s", "Fichier %1$s sur %3$s",
                                          "en", "fr")]
    assert ids == ["placeholder-mismatch"]
    assert [f.check_id for f in run_checks("Copy %1$s", "Copier", "en", "fr")] == [
        "placeholder-missing"]


def test_placeholder_spans_by_shape():
    text = "{0} of %(n)d, %s and %1$s in 50 % des cas"
    assert [text[s:e] for s, e in placeholder_spans(text)] == ["{0}", "%(n)d", "%s", "%1$s"]


def test_a_plural_form_may_swallow_the_count_with_dot_zero_s():
    plural = Context(flags=frozenset({"c-format"}), plural_references=("%d file", "%d files"))
    ids = [f.check_id for f in run_checks("%d file", "%.0sUn fichier", "en", "fr", plural)]
    assert "placeholder-mismatch" not in ids and "placeholder-missing" not in ids
    assert [f.text for f in found("placeholder-mismatch", "%d file", "%.0sUn fichier",
                                  ("c-format",))] == ["%.0s"]


def test_weak_variables_are_not_placeholder_spans():
    text = "Save #file# and $file, page #1, %1, {}, {{name}}, &a.b;"
    assert [text[s:e] for s, e in placeholder_spans(text)] == [
        "#file#", "{}", "{{name}}", "&a.b;"]
