"""Every kind of writer on one document at once (SQLite, and PostgreSQL with
WORKBENCH_TEST_DATABASE_URL): bulk approve and revert, single saves, merges and their undo.
Each change either goes through or is refused with a conflict or a message; none fails on
the database (on PostgreSQL, writers that lock rows in different orders would deadlock), and
afterwards every unit's text is its last revision's."""
import random
import threading

from sqlalchemy import text

from app.store import alignment, documents, review, session_scope
from app.store.models import Operation
from tests.web.conftest import make_app

ROUNDS = 12
REFUSED = (documents.EditConflict, review.ReviewError, alignment.AlignmentEditError)


def test_bulk_changes_saves_and_alignment_edits_at_once(tmp_path):
    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    done, failures, lock = [], [], threading.Lock()

    def attempt(name, change):
        try:
            with session_scope(app) as session:
                change(session, documents.list_documents(session)[0])
            outcome = "done"
        except REFUSED:
            outcome = "refused"
        except Exception as exc:  # what the test is about: nothing else may happen
            with lock:
                failures.append(f"{name}: {type(exc).__name__}: {exc}")
            return
        with lock:
            done.append((name, outcome))

    def bulk(n):
        for i in range(ROUNDS):
            change = review.bulk_approve if (n + i) % 2 == 0 else review.bulk_revert
            attempt("bulk", lambda s, doc: change(s, doc, doc.units, author=f"bulk{n}"))

    def saves(n):
        rnd = random.Random(n)
        for i in range(ROUNDS * 2):
            def save(s, doc):
                unit = doc.units[rnd.randrange(len(doc.units))]
                documents.save_target(s, unit, f"{unit.mt} ({n}.{i})", author=f"ed{n}",
                                      base_version=unit.version)
            attempt("save", save)

    def aligns(n):
        rnd = random.Random(100 + n)
        for _ in range(ROUNDS):
            ids = []

            def merge(s, doc):
                unit = doc.units[rnd.randrange(len(doc.units) - 1)]
                ids.append(alignment.merge_with_next(s, unit, author=f"al{n}").id)
            attempt("merge", merge)
            if ids:
                attempt("undo", lambda s, doc: alignment.undo(s, s.get(Operation, ids[0]),
                                                              author=f"al{n}"))

    workers = ([threading.Thread(target=bulk, args=(n,)) for n in range(2)]
               + [threading.Thread(target=saves, args=(n,)) for n in range(3)]
               + [threading.Thread(target=aligns, args=(n,)) for n in range(1)])
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=300)
    assert not any(w.is_alive() for w in workers)
    assert failures == []
    assert ("save", "done") in done and ("bulk", "done") in done and ("merge", "done") in done
    with session_scope(app) as session:
        broken = session.execute(text(
            "SELECT u.uid FROM unit u WHERE u.version != "
            "(SELECT MAX(r.version) FROM revision r WHERE r.unit_id = u.id) "
            "OR u.target != (SELECT r.text FROM revision r WHERE r.unit_id = u.id "
            "AND r.version = u.version)")).all()
        assert broken == []


def test_lock_document_holds_other_writers_until_commit_and_leaves_the_row(tmp_path):
    from sqlalchemy import select

    from app.store import lock_document
    from app.store.models import Document

    app = make_app(tmp_path)
    assert app.test_cli_runner().invoke(args=["load-sample"]).exit_code == 0
    factory = app.extensions["store"]
    first, second = factory(), factory()
    try:
        doc_id = first.scalar(select(Document.id))
        row = first.execute(select(Document.__table__)).one()
        assert lock_document(first, doc_id) is True
        assert lock_document(first, doc_id) is False  # held already by this transaction
        got_it = threading.Event()
        waiter = threading.Thread(
            target=lambda: (lock_document(second, doc_id), got_it.set()))
        waiter.start()
        assert not got_it.wait(0.5)  # the second writer waits...
        first.commit()
        waiter.join(30)
        assert got_it.is_set()  # ...until the first one's transaction ends
        second.rollback()
        assert first.execute(select(Document.__table__)).one() == row  # nothing rewritten
    finally:
        first.close()
        second.close()


def test_two_imports_of_one_title_at_once_get_two_slugs(tmp_path, monkeypatch):
    """Both pick their slug, then insert: without a lock around the choice both would pick
    the same free slug and the second would fail on the unique index. Each waits (at most
    two seconds) for the other after picking, so the race happens whenever it can."""
    from app.store import importing

    app = make_app(tmp_path)
    both = threading.Barrier(2)
    pick = importing.unique_slug

    def pick_then_wait(session, title):
        slug = pick(session, title)
        try:
            both.wait(2)
        except threading.BrokenBarrierError:  # the other one waits for our commit: fine
            pass
        return slug

    monkeypatch.setattr(importing, "unique_slug", pick_then_wait)
    slugs, failures = [], []

    def create(n):
        try:
            with session_scope(app) as session:
                doc = importing.create_from_pairs(
                    session, title="Same title", pairs=[(f"One {n}.", f"Un {n}.")],
                    source_lang="en", target_lang="fr", author="t")
                slugs.append(doc.slug)
        except Exception as exc:  # what the test is about
            failures.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=create, args=(n,)) for n in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert failures == []
    assert sorted(slugs) == ["same-title", "same-title-2"]
