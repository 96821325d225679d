"""The forms of a plural PO entry (Context.plural_references, issue 17): msgstr[n] is
checked against msgid (n=0) or msgid_plural, but a language's forms do not follow
English's (French msgstr[0] covers 0 and 1), so a placeholder of any source form of the
entry may appear in any form, standing in for the reference's number; one changed, added
twice or left out is still flagged. Pairs written for these tests after Weblate's
documented behaviour for plurals (a placeholder of any source plural form is accepted).

Each row: flags, msgid, msgid_plural, form checked, its target, the ids of the omission
and placeholder checks expected on it (placeholder-*, missing-content, omitted-content,
number-mismatch)."""
import pytest

from app.core.checks import Context, run_checks

WATCHED = {"placeholder-mismatch", "placeholder-missing", "missing-content",
           "omitted-content", "number-mismatch"}

ROWS = [
    # fine: a placeholder of msgid_plural in msgstr[0]
    (("c-format",), "One file", "%d files", 0, "%d fichier", []),
    ((), "One file", "%d files", 0, "%d fichier", []),
    (("python-format",), "One hour", "%d hours", 0, "%d heure", []),
    (("python-format",), "One file", "%(count)d files", 0, "%(count)d fichier", []),
    (("python-brace-format",), "One item", "{count} items", 0, "{count} élément", []),
    (("c-format",), "%s: one file", "%s: %d files", 0, "%s : %d fichier", []),
    # fine: the number of the singular left to the placeholder ("1 file" -> "%d fichier")
    (("c-format",), "1 file", "%d files", 0, "%d fichier", []),
    (("c-format",), "Delete 1 file?", "Delete %d files?", 0, "Supprimer %d fichier ?", []),
    # fine: msgstr[0] dropping the number of "One file", and the plain plural form
    (("c-format",), "One file", "%d files", 0, "Un fichier", []),
    (("c-format",), "One file", "%d files", 1, "%d fichiers", []),
    # bad: a placeholder no source form has, a borrowed one added twice, a changed name
    (("c-format",), "One file", "%d files", 0, "%s fichier", ["placeholder-mismatch"]),
    (("c-format",), "One file", "%d files", 1, "%s fichiers", ["placeholder-mismatch"]),
    (("c-format",), "One file", "%d files", 0, "%d fichier sur %d",
     ["placeholder-mismatch"]),
    (("python-format",), "One file", "%(count)d files", 0, "%(compte)d fichier",
     ["placeholder-mismatch"]),
    # bad: the plural form loses its placeholder; the singular's own one is still needed
    (("c-format",), "One file", "%d files", 1, "des fichiers", ["placeholder-missing"]),
    (("c-format",), "%s: one file", "%s: %d files", 0, "un fichier",
     ["placeholder-missing"]),
    (("c-format",), "%d file", "%d files", 0, "un fichier", ["placeholder-missing"]),
    # bad: a changed number stays a changed number
    (("c-format",), "Delete 1 file?", "Delete %d files?", 0, "Supprimer 2 fichiers ?",
     ["number-mismatch"]),
]


@pytest.mark.parametrize("flags,singular,plural,form,target,expected", ROWS)
def test_plural_forms(flags, singular, plural, form, target, expected):
    context = Context(flags=frozenset(flags), plural_references=(singular, plural))
    reference = singular if form == 0 else plural
    found = sorted({f.check_id for f in run_checks(reference, target, "en", "fr", context)}
                   & WATCHED)
    assert found == expected


@pytest.mark.parametrize("flags,singular,plural,target", [
    (("c-format",), "One file", "%d files", "%d fichier"),
    (("c-format",), "Delete 1 file?", "Delete %d files?", "Supprimer %d fichier ?"),
])
def test_without_the_plural_forms_the_same_pair_is_flagged(flags, singular, plural, target):
    """What the context brings: the pair alone (a singular entry) is flagged."""
    alone = {f.check_id for f in run_checks(singular, target, "en", "fr",
                                            Context(flags=frozenset(flags)))}
    assert alone & WATCHED


def test_plural_references_are_kept_as_a_tuple():
    assert Context(plural_references=["a", "b"]).plural_references == ("a", "b")
    assert Context(plural_references=("a", "b")) != Context()
