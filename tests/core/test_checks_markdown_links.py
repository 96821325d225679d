"""markdown-link (app/core/checks/markdown_links.py): Markdown links broken by a space, or their
anchors and reference labels changed. Our own pairs after the behaviour of Weblate's Markdown
link checks (md-link, md-reflink); each row gives the reference, the target and the findings
expected as (text under the span, suggestion), [] meaning none."""
import pytest

from app.core.checks import BY_ID, Context, run_checks

ROWS = [
    # a space breaks the link
    ("[My Home Page](http://example.com)", "[Ma page d'accueil] (http://example.com)",
     [("] (", "](")]),
    ("See [the guide](docs/guide.md) first", "Voir d'abord [le guide] (docs/guide.md)",
     [("] (", "](")]),
    # an anchor changed; a link used twice needs its anchor twice
    ("[Weblate](#weblate) and [Weblate](#weblate)",
     "[Webspät](#weblate) et [Webspät](#webspat)", [("#webspat", "#weblate")]),
    ("Read [the intro](#intro).", "Lisez [l'introduction](#introduction).",
     [("#introduction", "#intro")]),
    # a reference label changed, in a link or in its definition
    ("[a][a1]", "[b][a2]", []),   # without the md-text flag: not known to be Markdown
    ("See [the docs][docs].\n[docs]: https://example.org/",
     "Voir [la doc][doc].\n[doc]: https://example.org/", [("doc", "docs"), ("doc", "docs")]),
    # a date format is no link
    ("It must be in YYYY-MM-DD HH:MM[:ss[.uuuuuu]][TZ] format.",
     "Le format correct est AAAA-MM-JJ HH:MM[:ss[.uuuuuu]][FH].", []),
    # links kept: texts translated, anchors, labels and destinations unchanged
    ("[Use Weblate](https://weblate.org/)", "[Utilisez Weblate](https://weblate.org/)", []),
    ("[a][a1]", "[b][a1]", []),
    ("[Weblate](#weblate) has an [example]({{example}})",
     "Un [exemple]({{example}}) dans [Webspät](#weblate)", []),
    ("[translate]({{ site.baseurl }}/docs/) here", "[traduire]({{ site.baseurl }}/docs/) ici",
     []),
    # destinations changed or dropped are other checks' (identifier, code, content)
    ("[Use Weblate](https://weblate.org/)", "[Utilisez Weblate](https://example.com/)", []),
    ("[Use Weblate](https://weblate.org/)", "[Utilisez Weblate]", []),
    # no Markdown link in the reference: brackets and parentheses of prose
    ("Press [Enter] (the big key)", "Appuyez sur [Entrée] (la grande touche)", []),
    ("Items [1-10]", "Éléments [1-10]", []),
    ("Value: see below", "Valeur : voir plus bas", []),
]


@pytest.mark.parametrize("reference, target, expected", ROWS)
def test_markdown_link(reference, target, expected):
    found = [(f.text, f.suggestion) for f in run_checks(reference, target, "en", "fr")
             if f.check_id == "markdown-link"]
    assert found == expected


def test_labels_compared_in_entries_flagged_markdown():
    found = [(f.text, f.suggestion) for f in run_checks("[a][a1]", "[b][a2]", "en", "fr",
                                                         Context(flags={"md-text"}))
             if f.check_id == "markdown-link"]
    assert found == [("a2", "a1")]


def test_registered_as_major_mistranslation():
    check = BY_ID["markdown-link"]
    assert (check.category, check.severity) == ("mistranslation", "major")
