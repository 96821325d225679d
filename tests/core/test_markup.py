"""app/core/markup.py: each kind of protected span found exactly, prose left alone."""
import pytest

from app.core import markup

# (text, [(span text, kind), ...]) : every span of the text, in order.
KINDS = [
    (":ref:`index`", [(":ref:`index`", "role")]),
    ("Voir :py:func:`os.path.join` ici.", [(":py:func:`os.path.join`", "role")]),
    (":maxdepth: trop grand, ignoré.", [(":maxdepth:", "role")]),
    (":%s: (option de directive)", [(":%s:", "role")]),
    ("utiliser :no-index: pour l'un d'eux", [(":no-index:", "role")]),
    (".. note:: Attention", [(".. note::", "directive")]),
    (".. c:function:: int f(void)", [(".. c:function::", "directive")]),
    ("l’en-tête ``Referer`` effectue", [("``Referer``", "literal")]),
    ("Valeur `%r` invalide", [("`%r`", "literal")]),
    ("Lancez `pip install x` d'abord.", [("`pip install x`", "literal")]),
    ("Avant\n```\nmake html\n```\nAprès", [("```\nmake html\n```", "code")]),
    ("Construisez ainsi :\n   make builder", [("make builder", "code")]),
    ("%s et %d et %5.2f et %(name)s et %1$s", [("%s", "placeholder"), ("%d", "placeholder"),
                                                ("%5.2f", "placeholder"),
                                                ("%(name)s", "placeholder"),
                                                ("%1$s", "placeholder")]),
    ("{0} et {name} et {} et {{ user }}", [("{0}", "placeholder"), ("{name}", "placeholder"),
                                           ("{}", "placeholder"),
                                           ("{{ user }}", "placeholder")]),
    ("{n, plural, one {# fichier} other {# fichiers}}",
     [("{n, plural,", "placeholder"), ("one {", "placeholder"), ("}", "placeholder"),
      ("other {", "placeholder"), ("}", "placeholder"), ("}", "placeholder")]),
    ("Voir https://example.org/a?b=1.", [("https://example.org/a?b=1", "url")]),
    ("Écrivez à jean.dupont@example.org.", [("jean.dupont@example.org", "email")]),
    ("Le fichier <b>gras</b> &amp; &#160;", [("<b>", "tag"), ("</b>", "tag"),
                                             ("&amp;", "entity"), ("&#160;", "entity")]),
    ("dans Sphinx 5.1 et supprimé", [("5.1", "version")]),
    ("antérieur à la version 2.0, définissez", [("2.0", "version")]),
    ("le comportement pré-2.0 est gardé", [("2.0", "version")]),
    ("Passez à v3 puis à 2.0.3.", [("v3", "version"), ("2.0.3", "version")]),
    ("comme 2.5 ou 3.0, tandis que la release est 2.5.1",
     [("2.5", "version"), ("3.0", "version"), ("2.5.1", "version")]),
    ("l’en-tête « Referrer-Policy: no-referrer », il",
     [("Referrer-Policy: no-referrer", "header")]),
    ("Content-Type: text/html; charset=utf-8", [("Content-Type: text/html; charset=utf-8",
                                                 "header")]),
    ('If-None-Match: W/"v2"', [('If-None-Match: W/"v2"', "header")]),
    ("Envoyez l’en-tête Authorization: Bearer avec le jeton.",
     [("Authorization: Bearer", "header")]),
    ('ETag: "33a64df5"', [('ETag: "33a64df5"', "header")]),
    ("Host: example.org", [("Host: example.org", "header")]),
    ("l’en-tête content-type: text/html et x-request-id: 42",
     [("content-type: text/html", "header"), ("x-request-id: 42", "header")]),
    ("Lancez <code>make html</code> puis <KBD>Ctrl+S</KBD>.",
     [("<code>make html</code>", "code"), ("<KBD>Ctrl+S</KBD>", "code")]),
    ('Sortie <samp class="out">Build: ok</samp>, <var>n</var> et <tt>x</tt>',
     [('<samp class="out">Build: ok</samp>', "code"), ("<var>n</var>", "code"),
      ("<tt>x</tt>", "code")]),
    ("<b>Gras</b> et <code>x", [("<b>", "tag"), ("</b>", "tag"), ("<code>", "tag")]),
    ("Tapez <code><b>make</b> html</code> ou <kbd><kbd>Ctrl</kbd>+<kbd>C</kbd></kbd>",
     [("<code><b>make</b> html</code>", "code"), ("<kbd>", "tag"),
      ("<kbd>Ctrl</kbd>", "code"), ("<kbd>C</kbd>", "code"), ("</kbd>", "tag")]),
    ("Valeur trouvée : 'language = None'.", [("'language = None'", "quoted-code")]),
    ("Utilisez 'pair: %s' à la place.", [("'pair: %s'", "quoted-code")]),
    ("La déclaration est '.. c:%s:: %s'.", [("'.. c:%s:: %s'", "quoted-code")]),
    ("Exécuter 'make info' ici", [("'make info'", "quoted-code")]),
    ("exécuter `make html' au lieu", [("`make html'", "quoted-code")]),
    ('"::" dans le nom', [('"::"', "quoted-code")]),
    ('comme "-opt args" ou "--opt args"', [('"-opt args"', "quoted-code"),
                                           ('"--opt args"', "quoted-code")]),
    ("/etc/hosts et ~/.bashrc", [("/etc/hosts", "path"), ("~/.bashrc", "path")]),
    ("docs/_build/html et Makefile/make.bat", [("docs/_build/html", "path"),
                                               ("Makefile/make.bat", "path")]),
    ("Modifiez conf.py puis index.rst.", [("conf.py", "file"), ("index.rst", "file")]),
    ("--help, -b et --output=FICHIER", [("--help", "option"), ("-b", "option"),
                                         ("--output=FICHIER", "option")]),
    ("__all__ et image_converter", [("__all__", "identifier"),
                                     ("image_converter", "identifier")]),
    ("sphinx.ext.todo et setup() et key=value", [("sphinx.ext.todo", "identifier"),
                                                  ("setup()", "identifier"),
                                                  ("key=value", "identifier")]),
]


@pytest.mark.parametrize("text,expected", KINDS)
def test_each_kind_found_exactly(text, expected):
    assert [(text[s:e], kind) for s, e, kind in markup.spans(text)] == expected


PROSE = [
    "50 %", "Une baisse de 50 % en un an.", "l'été", "l’été dernier", "M. Dupont est venu.",
    "Paris: la ville", "Paris : la ville", "et/ou", "7.5 millions", "Environ 2.5 millions",
    "Il a dit « bonjour ».", "Il a dit 'bonjour, mon ami'.", 'Le "contents tree" est là.',
    'Cliquez sur "Enregistrer".', 'Faites "ceci".', "Le 12/05/2020 à 10:30.",
    "« Qu’en pensez-vous ? » demanda-t-il.", "Le prix : 3,50 € (taxes comprises).",
    "C'est-à-dire : rien.", "Il est parti... mais il reviendra.",
    # a label before a colon is prose, even where HTTP has a header of that name
    "Date: 12 mars", "Note: terminé", "Serveur: principal", "Le MegaTron: oui",
    "En-tête: valeur", "peut-être: oui", "content: ok",
]


@pytest.mark.parametrize("text", PROSE)
def test_prose_has_no_span(text):
    assert markup.spans(text) == ()


def test_spans_are_sorted_and_disjoint():
    text = "Voir '.. c:%s:: %s' puis :ref:`x` et %(n)s dans https://a.org/b_c."
    found = markup.spans(text)
    assert list(found) == sorted(found)
    assert all(a.end <= b.start for a, b in zip(found, found[1:]))


def test_helpers():
    text = "Option :maxdepth: trop grande"
    assert markup.inside(text, 8) == markup.Span(7, 17, "role")
    assert markup.inside(text, 3) is None
    assert markup.overlapping(text, 0, 8) and not markup.overlapping(text, 17, 20)
    assert markup.masked(text) == "Option            trop grande"
    assert markup.markup_only(":ref:`index`") and markup.markup_only("%s (%s)")
    assert not markup.markup_only("%s (rôle)") and not markup.markup_only("")
    # ranges given by a check, in any order and overlapping: same length, same offsets
    assert markup.blank("ab {x} cd [y]", [(10, 13), (3, 6), (4, 5)]) == "ab     cd    "
    assert markup.blank("abc", []) == "abc" and markup.blank("abc", [(0, 1)], "*") == "*bc"
