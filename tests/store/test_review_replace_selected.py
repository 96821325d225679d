"""Replace of chosen occurrences, search hits and their count in the store (issue 18,
item 6): only the checked occurrences change, a unit edited since the preview is skipped
and named, the whole replace is one undoable change."""
from app.store import documents, review, session_scope


def sample(session):
    return documents.list_documents(session)[0]


def _selection(plan, keep=()):
    """Every occurrence of `plan` checked except those at (unit position, number) in keep."""
    chosen = {}
    for unit, items in plan:
        numbers = {o.number for o in items if (unit.position, o.number) not in keep}
        if numbers:
            chosen[unit.id] = (unit.version, numbers)
    return chosen


def test_only_the_checked_occurrences_are_replaced_and_undo_restores(app):
    with session_scope(app) as session:
        doc = sample(session)
        plan = review.plan_occurrences(doc, "state of affairs", "situation")
        assert len(plan) == 4 and all(len(items) == 1 for _, items in plan)
        before = {u.id: u.target for u, _ in plan}
        kept = plan[1][0]
        result = review.replace_selected(session, doc, "state of affairs", "situation",
                                         _selection(plan, keep={(kept.position, 0)}),
                                         author="a")
        assert (result.replaced, result.segments, result.skipped) == (3, 3, [])
        assert kept.target == before[kept.id] and kept.version == 1
        others = [u for u, _ in plan if u is not kept]
        assert all("situation" in u.target and "state of affairs" not in u.target
                   for u in others)
        assert result.operation.kind == "replace"
        review.undo(session, result.operation, author="a")
        assert {u.id: u.target for u, _ in plan} == before


def test_one_of_two_occurrences_in_a_unit(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = doc.units[3]
        documents.save_target(session, unit, "Le café 🇫🇷 et le café ☕, café.", author="a",
                              base_version=unit.version)
        plan = review.plan_occurrences(doc, "café", "thé")
        assert [(u.id, [o.number for o in items]) for u, items in plan] == [
            (unit.id, [0, 1, 2])]
        review.replace_selected(session, doc, "café", "thé",
                                {unit.id: (unit.version, {0, 2})}, author="a")
        assert unit.target == "Le thé 🇫🇷 et le café ☕, thé."


def test_a_unit_edited_since_the_preview_is_skipped_and_named(app):
    with session_scope(app) as session:
        doc = sample(session)
        plan = review.plan_occurrences(doc, "state of affairs", "situation")
        selection = _selection(plan)
        edited = plan[2][0]
        documents.save_target(session, edited, edited.target + " !", author="b",
                              base_version=edited.version)
        text = edited.target
        result = review.replace_selected(session, doc, "state of affairs", "situation",
                                         selection, author="a")
        assert result.skipped == [edited.position + 1] and result.replaced == 3
        assert edited.target == text


def test_nothing_replaced_when_every_unit_changed(app):
    with session_scope(app) as session:
        doc = sample(session)
        plan = review.plan_occurrences(doc, "state of affairs", "situation")
        unit = plan[0][0]
        selection = {unit.id: (unit.version, {0})}
        documents.save_target(session, unit, unit.target + " !", author="b",
                              base_version=unit.version)
        result = review.replace_selected(session, doc, "state of affairs", "situation",
                                         selection, author="a")
        assert result.operation is None and result.skipped == [unit.position + 1]


def test_search_hits_and_count(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = doc.units[3]
        documents.save_target(session, unit, "👩‍💻 Été, été 🎉 ÉTÉ", author="a",
                              base_version=unit.version)
        flt = review.UnitFilter(query="été", side="target")
        pattern = review.search_pattern(flt)
        ref, tgt = review.hits(pattern, flt.side, unit)
        assert ref == [] and [unit.target[s:e] for s, e in tgt] == ["Été", "été", "ÉTÉ"]
        count = review.search_count(session, doc, flt)
        assert (count.occurrences, count.segments) >= (3, 1)
        affairs = review.search_count(session, doc, review.UnitFilter(query="state of affairs"))
        assert (affairs.occurrences, affairs.segments) == (4, 4)
        regex = review.search_count(session, doc, review.UnitFilter(query=r"\bfake\b",
                                                                    regex=True))
        assert regex.segments == 1 and regex.occurrences >= 1
        assert review.search_count(session, doc, review.UnitFilter()) is None
