"""The document-level check interface (app/core/checks/document.py): what each check reads
of a unit (its summary), and which other units an edit affects. A document kept in memory
here is re-checked the way the store re-checks one (app/store/documents.py:
recheck_units), asking only the interface; after every edit of random series its
document-level hits must be those of the whole document computed afresh."""
from hypothesis import given, settings, strategies as st

from app.core import checks
from app.core.checks import Change, GroupCheck, Holder, LastCheck
from app.core.checks.consistency import DOCUMENT_CONSISTENCY
from app.core.checks.punctuation import DOCUMENT_QUOTES

NB = "\u00a0"
REFERENCES = ["He said nothing at all.", "Where are you going?", "Yes.", "The end of it.",
              "He said nothing at all."]
TARGETS = ["Il n'a rien dit du tout.", "Il n’a rien dit.", "Où allez-vous ?", "Oui.", "",
           f"Elle dit{NB}: «{NB}Non", f"et partit{NB}».", f"«{NB}Oui", "La fin.",
           f"« Un » et « deux", "Fin » «"]


class Doc:
    """Units in document order: [id, reference, target, active]; the stored document-level
    hits of each unit ({check id: hits}), as a store keeps them."""

    def __init__(self, pairs):
        self.units = [[k, r, t, True] for k, (r, t) in enumerate(pairs)]
        self.next_id = len(pairs)
        self.stored = {}
        for unit, hits in zip(self.active(), checks.document_hits(self.pairs())):
            self.stored[unit[0]] = hits

    def active(self):
        return [u for u in self.units if u[3]]

    def pairs(self):
        return [(u[1], u[2]) for u in self.active()]

    def position(self, unit_id):
        return next(k for k, u in enumerate(self.units) if u[0] == unit_id)

    def unit(self, unit_id):
        return self.units[self.position(unit_id)]

    def summaries(self, unit_id):
        unit = self.unit(unit_id)
        return checks.summaries(unit[1], unit[2]) if unit[3] else None

    def expected(self):
        """{unit id: hits} of the whole document, computed afresh."""
        return {u[0]: hits for u, hits in zip(self.active(), checks.document_hits(self.pairs()))}

    def found(self):
        return {u[0]: {k: v for k, v in self.stored.get(u[0], {}).items() if v}
                for u in self.active()}


def holder_among_others(doc, check, changed):
    """What the store looks up (stats.last_holder): the last active unchanged unit with a
    summary of `check`."""
    for position in range(len(doc.units) - 1, -1, -1):
        unit_id, reference, target, active = doc.units[position]
        summary = check.summary(reference, target)
        if active and unit_id not in changed and summary is not None:
            return Holder(unit_id, summary, position)
    return None


def recheck(doc, changes, positions_known, also=()):
    """The store's incremental re-check, asking the interface only; `also`: unchanged units
    checked again for another reason (a memory correction learned)."""
    changed = {c.unit for c in changes}
    todo = {c.unit for c in changes if doc.unit(c.unit)[3]}
    more = {u for u in also if doc.unit(u)[3]}
    holders = {}
    for check in checks.DOCUMENT_CHECKS:
        if isinstance(check, LastCheck):
            other = None
            if check.needs_holder(changes, positions_known, bool(more - todo)):
                other = holder_among_others(doc, check, changed)
            holders[check] = check.holder(changes, other)
            more |= check.recheck(changes, other, positions_known)
    todo |= more
    for unit_id in todo:
        doc.stored[unit_id] = {c.check.check_id: c.hits_of(unit_id, h)
                               for c, h in holders.items()}
    for check in checks.DOCUMENT_CHECKS:
        if isinstance(check, GroupCheck):
            summaries = (doc.summaries(u)[check.name] for u in todo)
            for key in check.keys(changes, summaries):
                members = [u for u in doc.active() if check.summary(u[1], u[2]) == key]
                for member, hits in zip(members, check.hits([(u[1], u[2]) for u in members])):
                    doc.stored.setdefault(member[0], {})[check.check.check_id] = hits


def edit(doc, edits, also=()):
    """Targets changed in place: [(unit index among the active ones, new target)]."""
    active = doc.active()
    before = {}
    for index, target in edits:
        unit = active[index % len(active)]
        before.setdefault(unit[0], doc.summaries(unit[0]))
        unit[2] = TARGETS[target]
    changes = [Change(u, doc.position(u), b, doc.summaries(u)) for u, b in before.items()]
    recheck(doc, changes, True, [active[k % len(active)][0] for k in also])


def realign(doc, retire, create, keep):
    """An alignment change: units retired, units created at a place, units kept (their
    texts unchanged); the places of all units move."""
    retired, created = [], []
    for index in retire:
        active = doc.active()
        if len(active) > 1:
            unit = active[index % len(active)]
            retired.append((unit[0], doc.summaries(unit[0])))
            unit[3] = False
    for place, reference, target in create:
        unit_id, doc.next_id = doc.next_id, doc.next_id + 1
        doc.units.insert(place % (len(doc.units) + 1),
                         [unit_id, REFERENCES[reference], TARGETS[target], True])
        created.append(unit_id)
    active = doc.active()
    kept = {active[k % len(active)][0] for k in keep} - set(created)
    changes = [Change(u, doc.position(u), before, None) for u, before in retired]
    changes += [Change(u, doc.position(u), None, doc.summaries(u)) for u in created]
    changes += [Change(u, doc.position(u), doc.summaries(u), doc.summaries(u)) for u in kept]
    recheck(doc, changes, False)


unit_pair = st.tuples(st.integers(0, len(REFERENCES) - 1), st.integers(0, len(TARGETS) - 1))
indices = st.lists(st.integers(0, 40), max_size=2)
an_edit = st.tuples(st.just("edit"), st.lists(st.tuples(st.integers(0, 40),
                                                        st.integers(0, len(TARGETS) - 1)),
                                              min_size=1, max_size=3), indices)
a_realignment = st.tuples(st.just("realign"), indices,
                          st.lists(st.tuples(st.integers(0, 40),
                                             st.integers(0, len(REFERENCES) - 1),
                                             st.integers(0, len(TARGETS) - 1)), max_size=2),
                          indices)


@settings(deadline=None, max_examples=300)
@given(st.lists(unit_pair, min_size=1, max_size=8),
       st.lists(st.one_of(an_edit, a_realignment), max_size=12))
def test_incremental_rechecks_through_the_interface_equal_whole_ones(start, steps):
    doc = Doc([(REFERENCES[r], TARGETS[t]) for r, t in start])
    assert doc.found() == doc.expected()
    for step in steps:
        if step[0] == "edit":
            edit(doc, step[1], step[2])
        else:
            realign(doc, *step[1:])
        assert doc.found() == doc.expected()


def quotes(position, before, after, unit=1):
    return Change(unit, position, None if before is False else {"quote": before},
                  None if after is False else {"quote": after})


# (changes, the holder among the unchanged units, positions known) -> holder after, the
# unchanged units to check again
LAST_CASES = [
    # an edit without quotation marks moves nothing
    ([quotes(3, None, None)], Holder(9, 4, 8), True, Holder(9, 4, 8), set()),
    # a later unit opens a quotation: it holds the mark now, the old holder loses it
    ([quotes(9, None, 0)], Holder(9, 4, 8), True, Holder(1, 0, 9), {9}),
    # an earlier unit gains a mark: the holder stays where it is
    ([quotes(3, None, 0)], Holder(9, 4, 8), True, Holder(9, 4, 8), set()),
    # the holder was the edited unit and lost its mark: the unit before takes it
    ([quotes(9, 2, None)], Holder(5, -1, 4), True, Holder(5, -1, 4), {5}),
    # no other unit has a mark
    ([quotes(9, 2, None)], None, True, None, set()),
    # after an alignment change the holder among the others is checked again
    ([quotes(3, 1, 1)], Holder(9, 4, 8), False, Holder(9, 4, 8), {9}),
    # a unit created at the end
    ([quotes(10, False, -1)], Holder(9, 4, 8), False, Holder(1, -1, 10), {9}),
]


def test_last_check_cases():
    for changes, other, known, holder, again in LAST_CASES:
        assert DOCUMENT_QUOTES.holder(changes, other) == holder
        assert DOCUMENT_QUOTES.recheck(changes, other, known) == again
    assert not DOCUMENT_QUOTES.needs_holder([quotes(3, None, None)], True, False)
    assert DOCUMENT_QUOTES.needs_holder([quotes(3, None, None)], True, True)
    assert DOCUMENT_QUOTES.needs_holder([quotes(3, None, None)], False, False)
    assert DOCUMENT_QUOTES.needs_holder([quotes(3, None, 0)], True, False)
    assert DOCUMENT_QUOTES.hits_of(1, Holder(1, -1, 3)) == []
    assert [h.start for h in DOCUMENT_QUOTES.hits_of(1, Holder(1, 4, 3))] == [4]
    assert DOCUMENT_QUOTES.hits_of(2, Holder(1, 4, 3)) == []


def test_group_check_keys():
    a, b = (DOCUMENT_CONSISTENCY.summary(r, "") for r in REFERENCES[:2])
    assert a == DOCUMENT_CONSISTENCY.summary(REFERENCES[4], "x") and a != b
    assert DOCUMENT_CONSISTENCY.summary("Yes.", "Oui.") is None  # too short to compare
    assert len(a) == 32  # it fits the stats row's column
    moved = Change(1, 0, {"ref_key": a}, {"ref_key": b})
    assert DOCUMENT_CONSISTENCY.keys([moved]) == {a, b}
    assert DOCUMENT_CONSISTENCY.keys([Change(1, 0, None, {"ref_key": None})], [None, b]) == {b}


def test_summaries_name_every_document_check():
    assert set(checks.summaries("He said nothing at all.", "« Oui")) == \
        {c.name for c in checks.DOCUMENT_CHECKS}
    assert len({c.check.check_id for c in checks.DOCUMENT_CHECKS}) == len(checks.DOCUMENT_CHECKS)
    assert all(c.check in checks.REGISTRY for c in checks.DOCUMENT_CHECKS)
