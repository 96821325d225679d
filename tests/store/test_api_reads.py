"""What the JSON API reads from the store (issue 21): the units filtered by check and by
flagged or not, after a cursor position; a document's findings paged, counted, and found by
their stable key."""
from app.store import documents, findings, review, session_scope


def sample(session):
    return documents.list_documents(session)[0]


def test_check_and_flagged_filters_and_the_position_cursor(app):
    with session_scope(app) as session:
        doc = sample(session)
        units = [u for u in doc.units if u.active]
        flagged = [u.uid for u in units if u.findings]
        clean = [u.uid for u in units if not u.findings]
        assert flagged and clean
        got = review.filtered_units(session, doc, review.UnitFilter(flagged=True))
        assert [u.uid for u in got] == flagged
        got = review.filtered_units(session, doc, review.UnitFilter(flagged=False))
        assert [u.uid for u in got] == clean
        check = units[[u.uid for u in units].index(flagged[0])].findings[0].check_id
        with_check = [u.uid for u in units if any(f.check_id == check for f in u.findings)]
        got = review.filtered_units(session, doc, review.UnitFilter(check=check))
        assert [u.uid for u in got] == with_check
        got = review.filtered_units(session, doc, review.UnitFilter(check="no-such-check"))
        assert got == []
        middle = units[len(units) // 2]
        got = review.filtered_units(session, doc, review.UnitFilter(), after=middle.position,
                                    limit=3)
        assert [u.position for u in got] == [u.position for u in units
                                             if u.position > middle.position][:3]
        regex = review.UnitFilter(query=r"\w", regex=True)
        got = review.filtered_units(session, doc, regex, after=middle.position, limit=2)
        assert all(u.position > middle.position for u in got) and len(got) == 2


def test_findings_paged_in_document_order_and_counted(app):
    with session_scope(app) as session:
        doc = sample(session)
        everything = [(u.position, f.id) for u in doc.units for f in u.findings]
        everything.sort()
        pages, after = [], None
        while True:
            rows = findings.open_findings(session, doc, after=after, limit=7)
            if not rows:
                break
            pages += [(u.position, f.id) for u, f in rows]
            after = pages[-1]
        assert pages == everything
        counts = findings.open_counts(session, doc)
        assert counts["total"] == len(everything)
        assert sum(counts["by_severity"].values()) == len(everything)
        category = next(iter(counts["by_category"]))
        rows = findings.open_findings(session, doc, category=category, limit=1000)
        assert len(rows) == counts["by_category"][category]
        assert all(f.category == category for _, f in rows)


def test_a_key_finds_the_finding_then_its_dismissal(app):
    with session_scope(app) as session:
        doc = sample(session)
        unit = next(u for u in doc.units if u.findings)
        finding, key = findings.unit_findings(unit)[0]
        api_key = findings.api_key(unit, key)
        found_unit, found, dismissal = findings.by_key(session, doc, api_key)
        assert found_unit is unit and finding in found and dismissal is None
        review.dismiss(session, unit, finding.id, author="a", reason="a name")
        session.flush()
        found_unit, found, dismissal = findings.by_key(session, doc, api_key)
        assert dismissal is not None and dismissal.key == key
        assert findings.by_key(session, doc, "u99999:" + key) is None
        assert findings.by_key(session, doc, "not-a-key") is None
        assert findings.split_key(api_key) == (unit.uid, key)
