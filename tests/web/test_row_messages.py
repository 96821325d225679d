"""A row says each finding's message once (issue 14) and shows it on its pieces, in its
findings, its notes and its suggestion as said() says it; a piece's tooltip, kept, is the
one its flags make."""
from types import SimpleNamespace

from app.web import viewmodels as vm


def _finding(id, start, end, category="terminology", suggestion=None):
    return SimpleNamespace(id=id, start=start, end=end, category=category, severity="major",
                           message=f"message {id}", said=None, suggestion=suggestion,
                           text="x", check_id=f"check-{id}")


def test_pieces_with_the_messages_said_once_are_the_pieces_said_each_time(app):
    findings = [_finding(1, 0, 5), _finding(2, 3, 9, suggestion="y"),
                _finding(3, 0, 12, category="alignment")]
    messages = {id(f): vm.said(f) for f in findings}
    with app.test_request_context("/"):
        once = vm.pieces("a text to cut", findings, ((4, 6),), messages)
        each = vm.pieces("a text to cut", findings, ((4, 6),))
        assert once == each
        assert [p.tip for p in once] == [p.tip for p in each]
        assert once[1].tip == " · ".join(f.tip for f in once[1].flags)
        assert "message 1" in once[1].tip and "message 2" in once[1].tip


def test_a_row_shows_each_finding_s_own_message(app):
    findings = [_finding(1, 0, 5), _finding(2, 3, 9, suggestion="y"),
                _finding(3, 0, 12, category="alignment")]
    doc = SimpleNamespace(kind="text", source_lang="en", target_lang="fr")
    unit = SimpleNamespace(id=1, uid="u1", position=0, reference="ref", target="a text to cut",
                           mt="mt", state="edited", version=2, findings=findings,
                           omitted=False, document=doc, checks_pending=None)
    with app.test_request_context("/"):
        row = vm.unit_row(unit, {("check-2", "x", "y"): 3})
    assert [f.message for f in row.findings] == ["message 1", "message 2", "message 3"]
    assert [n.message for n in row.notes] == ["message 3"]
    assert (row.suggestion.message, row.suggestion_count) == ("message 2", 3)
    assert {f.message for p in row.pieces for f in p.flags} == {"message 1", "message 2"}
