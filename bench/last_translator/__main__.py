#!/usr/bin/env python3
"""Last-Translator lookup (issue 18): `app.store.lifecycle.last_translator`, which every PO
export now runs, on a document of N units with R revisions each, beside another document of
the same size whose revisions are all newer (the worst order for a newest-first scan).

    .venv/bin/python bench/last_translator                   # 10,000 units, 3 revisions each
    .venv/bin/python bench/last_translator --units 50000 --revisions 2

Rows are inserted straight into a temporary SQLite database (no checks). Printed: the median
of --repeat calls in milliseconds, and the export_po time of the same document for scale.
Nothing is asserted.
"""
import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import _common as c  # noqa: E402


def insert(app, slug, n, revisions, start):
    from sqlalchemy import insert as sql_insert, select

    from app.store import session_scope
    from app.store.models import Document, Revision, Unit

    with session_scope(app) as session:
        doc = Document(slug=slug, title=slug, source_lang="en", target_lang="fr",
                       reference_text="", target_text="", next_unit_number=n + 1,
                       disabled_checks=[], kind="text")
        session.add(doc)
        session.flush()
        session.execute(sql_insert(Unit), [dict(
            document_id=doc.id, uid=f"u{i + 1:05d}", position=i, ref_first=i, ref_count=1,
            tgt_first=i, tgt_count=1, reference=f"Sentence {i}.", mt=f"Phrase {i}.",
            target=f"Phrase {i} revue.", state="edited", version=revisions, confidence=1.0,
            active=True, pinned=False) for i in range(n)])
        ids = session.scalars(select(Unit.id).where(Unit.document_id == doc.id)).all()
        rows = [dict(unit_id=uid, version=v + 1, author=f"user{v}",
                     created_at=start + timedelta(seconds=v), kind="import" if v == 0 else "edit",
                     state="edited", text="x") for v in range(revisions) for uid in ids]
        session.execute(sql_insert(Revision), rows)
        return doc.id


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--revisions", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    from app.store import lifecycle, publishing, session_scope
    from app.store.models import Document

    with tempfile.TemporaryDirectory() as tmp:
        app = c.make_app(tmp)
        t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
        doc_id = insert(app, "measured", args.units, args.revisions, t0)
        insert(app, "newer", args.units, args.revisions, t0 + timedelta(days=1))
        with session_scope(app) as session:
            doc = session.get(Document, doc_id)
            times = []
            for _ in range(args.repeat):
                start = time.perf_counter()
                name = lifecycle.last_translator(session, doc)
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            publishing.export_po(doc, Path(tmp) / "translations")
            export = time.perf_counter() - start
        print(f"{args.units} units x {args.revisions} revisions (+ as many in another "
              f"document): last_translator median {statistics.median(times) * 1000:.1f} ms "
              f"({name}); export_po with it {export * 1000:.0f} ms")


if __name__ == "__main__":
    main()
