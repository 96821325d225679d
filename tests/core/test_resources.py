"""Optional system resources: detected for real, present or absent, per language pair."""
import dataclasses

import pytest

from app.core import grammar, resources
from app.core.checks import freedict
from tests.conftest import require_freedict, require_grammalecte


def by_package(found):
    return {r.debian_package: r for r in found}


def test_french_target_lists_grammalecte_and_the_pair_dictionary():
    found = by_package(resources.optional_resources("en", "fr"))
    assert set(found) == {"python3-grammalecte", "dict-freedict-eng-fra"}
    assert found["python3-grammalecte"].checks_off == ("fr-grammar",)
    for r in found.values():
        assert isinstance(r, resources.Resource) and r.adds.endswith(".")
        assert r.install == f"apt-get install {r.debian_package}"
        with pytest.raises(dataclasses.FrozenInstanceError):
            r.present = not r.present


@pytest.mark.parametrize("source, target, packages", [
    ("en", "de", {"dict-freedict-eng-deu"}),              # no French grammar for German
    ("de-CH", "fr-FR", {"python3-grammalecte", "dict-freedict-deu-fra"}),  # regional codes
    ("fr", "fr", {"python3-grammalecte"}),                # no dictionary from a language to itself
    ("xx", "fr", {"python3-grammalecte"}),                # no FreeDict code for xx
    ("xx", "yy", set()),
])
def test_what_applies_depends_on_the_pair(source, target, packages):
    assert set(by_package(resources.optional_resources(source, target))) == packages


def test_grammalecte_absent(no_grammalecte):
    found = by_package(resources.optional_resources("en", "fr"))["python3-grammalecte"]
    assert (found.present, found.detail) == (False, "")
    assert found.notice == ("Grammalecte is not installed: the fr-grammar check is off "
                            "(apt-get install python3-grammalecte).")
    assert found.notice in resources.missing_notices("en", "fr")


FAKE_GRAMMALECTE = '''
class _Engine:
    version = "9.9.9"
    def getOptions(self):
        return {"gn": True, "typo": True}
    def setOptions(self, options):
        self.options = options


class GrammarChecker:
    def __init__(self, lang):
        self.engine = _Engine()
    def getGCEngine(self):
        return self.engine
'''


def test_grammalecte_found_where_the_environment_variable_points(no_grammalecte):
    package = no_grammalecte / "grammalecte"
    package.mkdir()
    (package / "__init__.py").write_text(FAKE_GRAMMALECTE, encoding="utf-8")
    found = by_package(resources.optional_resources("en", "fr"))["python3-grammalecte"]
    assert (found.present, found.detail, found.notice) == (True, "version 9.9.9", "")


def test_grammalecte_broken_install_is_absent(no_grammalecte):
    package = no_grammalecte / "grammalecte"
    package.mkdir()
    (package / "__init__.py").write_text("raise ImportError('half installed')\n")
    assert not by_package(resources.optional_resources("en", "fr"))["python3-grammalecte"].present


def test_grammalecte_installed():
    version = require_grammalecte("the Checks page names the installed Grammalecte")
    found = by_package(resources.optional_resources("en", "fr"))["python3-grammalecte"]
    assert found.present and found.detail == f"version {version}" and found.notice == ""


def test_freedict_absent(no_freedict):
    found = by_package(resources.optional_resources("en", "fr"))["dict-freedict-eng-fra"]
    assert (found.present, found.detail) == (False, "")
    assert found.name == "FreeDict English-French dictionary"
    assert found.notice == (
        "FreeDict English-French dictionary is not installed: dictionary suggestions of the "
        "untranslated-words check are off (apt-get install dict-freedict-eng-fra).")
    assert freedict.dictionary_path("en", "fr") is None


def test_freedict_found_in_a_dictd_directory(no_freedict):
    index = no_freedict / "freedict-eng-fra.index"
    index.write_text("level\tA\tB\n", encoding="utf-8")
    found = by_package(resources.optional_resources("en", "fr"))["dict-freedict-eng-fra"]
    assert (found.present, found.detail) == (True, str(index))
    assert freedict.dictionary_path("en", "fr") == index
    assert "dict-freedict-eng-fra" not in " ".join(resources.missing_notices("en", "fr"))


def test_freedict_installed():
    path = require_freedict("en", "fr", "the Checks page names the installed dictionary")
    found = by_package(resources.optional_resources("en", "fr"))["dict-freedict-eng-fra"]
    assert found.present and found.detail == str(path)


def test_off_clause_reads_for_one_check_and_for_several():
    r = resources.Resource("X", "x", False, "", "Adds.", ("fr-grammar", "fr-nbsp"))
    assert r.off == "the fr-grammar check and the fr-nbsp check are off"
    r = dataclasses.replace(r, checks_off=("fr-grammar", "fr-nbsp", "spelling suggestions"))
    assert r.off == "the fr-grammar check, the fr-nbsp check and spelling suggestions are off"
