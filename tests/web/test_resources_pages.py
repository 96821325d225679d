"""Optional system resources where the user sees the checks: the document's Checks page and
`flask check` (a notice on stderr, never on stdout)."""
import json
import re

import pytest

from app.store import documents, session_scope
from tests.web.conftest import make_app

FAKE_GRAMMALECTE = '''
class _Engine:
    version = "9.9.9"
    def getOptions(self):
        return {"gn": True}
    def setOptions(self, options):
        pass
    def getParagraphErrors(self, *args, **kwargs):
        return [], []


class GrammarChecker:
    def __init__(self, lang):
        self.engine = _Engine()
    def getGCEngine(self):
        return self.engine
    def getParagraphErrors(self, *args, **kwargs):
        return [], []
'''


@pytest.fixture
def installed(no_grammalecte, no_freedict):
    """Both resources present, in directories of the test's own."""
    package = no_grammalecte / "grammalecte"
    package.mkdir()
    (package / "__init__.py").write_text(FAKE_GRAMMALECTE, encoding="utf-8")
    index = no_freedict / "freedict-eng-fra.index"
    index.write_text("", encoding="utf-8")
    return index


@pytest.fixture
def absent(no_grammalecte, no_freedict):
    return None


def settings_page(app, client):
    with session_scope(app) as session:
        doc = documents.list_documents(session)[0]
        assert (doc.source_lang, doc.target_lang) == ("en", "fr")
        slug = doc.slug
    response = client.get(f"/documents/{slug}/settings")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def resource_row(page, package):
    match = re.search(rf'<tr class="resource [^"]*" id="resource-{package}">(.*?)</tr>', page,
                      re.S)
    assert match, f"no row for {package}"
    return match.group(0)


def test_checks_page_shows_installed_resources(app, client, installed):
    page = settings_page(app, client)
    assert "Optional system resources" in page
    grammar = resource_row(page, "python3-grammalecte")
    assert "resource-present" in grammar and "Installed" in grammar and "version 9.9.9" in grammar
    assert "French grammar errors" in grammar and "apt-get install" not in grammar
    dictionary = resource_row(page, "dict-freedict-eng-fra")
    assert "Installed" in dictionary and str(installed) in dictionary
    assert "Finds nothing here" not in page


def test_checks_page_shows_absent_resources_with_what_is_off_and_the_install_line(
        app, client, absent):
    page = settings_page(app, client)
    grammar = resource_row(page, "python3-grammalecte")
    assert "resource-absent" in grammar and "Not installed" in grammar
    assert "Without it, the fr-grammar check is off." in grammar
    assert "<code class=\"install\">apt-get install python3-grammalecte</code>" in grammar
    dictionary = resource_row(page, "dict-freedict-eng-fra")
    assert "Not installed" in dictionary
    assert "apt-get install dict-freedict-eng-fra" in dictionary
    assert "untranslated-words check are off" in dictionary
    # The check itself says why it finds nothing, tied to its checkbox.
    assert 'aria-describedby="off-fr-grammar"' in page
    assert re.search(r'id="off-fr-grammar">Finds nothing here: Grammalecte is not installed',
                     page)


def test_checks_page_of_a_pair_without_resources(tmp_path, no_grammalecte):
    from tests.web.conftest import login

    app = make_app(tmp_path)
    ref, tgt = tmp_path / "ref.txt", tmp_path / "tgt.txt"
    ref.write_text("The ministers met.\n", encoding="utf-8")
    tgt.write_text("Die Minister trafen sich.\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=[
        "import", "--source-lang", "xx", "--target-lang", "de", str(ref), str(tgt)])
    assert result.exit_code == 0, result.output
    client = login(app)
    with session_scope(app) as session:
        slug = documents.list_documents(session)[0].slug
    page = client.get(f"/documents/{slug}/settings").get_data(as_text=True)
    assert "No optional system resource applies" in page and "resource-absent" not in page


@pytest.fixture
def runner(tmp_path):
    return make_app(tmp_path).test_cli_runner()


def test_check_names_absent_resources_on_stderr_only(runner, tmp_path, absent):
    path = tmp_path / "segments.txt"
    path.write_text("Le ministre a parlé.\n", encoding="utf-8")
    result = runner.invoke(args=["check", "--format", "json", str(path)])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {"findings": []}
    assert result.stderr.splitlines() == [
        "Grammalecte is not installed: the fr-grammar check is off "
        "(apt-get install python3-grammalecte).",
        "FreeDict English-French dictionary is not installed: dictionary suggestions of the "
        "untranslated-words check are off (apt-get install dict-freedict-eng-fra).",
    ]
    text = runner.invoke(args=["check", str(path)])
    assert "apt-get" not in text.stdout and "apt-get" in text.stderr


def test_check_says_nothing_when_resources_are_installed(runner, tmp_path, installed):
    path = tmp_path / "segments.txt"
    path.write_text("Le ministre a parlé.\n", encoding="utf-8")
    result = runner.invoke(args=["check", "--format", "json", str(path)])
    assert result.exit_code == 0 and result.stderr == ""


def test_check_names_only_what_applies_to_the_pair(runner, tmp_path, absent):
    path = tmp_path / "segments.txt"
    path.write_text("Der Minister sprach.\n", encoding="utf-8")
    result = runner.invoke(args=["check", "--target-lang", "de", "--format", "json", str(path)])
    assert "Grammalecte" not in result.stderr
    assert "apt-get install dict-freedict-eng-deu" in result.stderr
