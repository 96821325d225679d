"""A PO unit's msgctxt kept with the unit (issue 17): unit.po_context (NULL: no msgctxt, or
not a PO unit; "" an empty msgctxt, which gettext tells apart from none), so that the
document-level checks compare a message only with messages of the same context
(stats.origin_of: the same msgid under two contexts is two messages).

Existing PO documents' units are filled from the catalog each document keeps. The units
given a context have another origin: their reference keys (unit_stats.ref_key, what the
inconsistent-translation check groups by) are computed again, and their documents are left
to a whole re-check by their check pass (app/store/checkpass.py: position 0, unclaimed),
which replaces the findings that compared them across contexts.

Revision ID: 0021
Revises: 0020
"""
from alembic import op
import sqlalchemy as sa

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None


def upgrade():
    from app.store.catalog import fill_check_columns

    op.add_column("unit", sa.Column("po_context", sa.Text, nullable=True))
    conn = op.get_bind()
    documents = sa.table("document", sa.column("id", sa.Integer), sa.column("kind", sa.String),
                         sa.column("target_text", sa.Text),
                         sa.column("checks_pending", sa.Integer),
                         sa.column("checks_claimed_at", sa.DateTime(timezone=True)))
    for document_id, target_text in conn.execute(
            sa.select(documents.c.id, documents.c.target_text)
            .where(documents.c.kind == "po").order_by(documents.c.id)).all():
        fill_check_columns(conn, document_id, target_text, ("po_context",))
        if _rekey(conn, document_id):
            conn.execute(sa.update(documents).where(documents.c.id == document_id)
                         .values(checks_pending=0, checks_claimed_at=None))


def _rekey(conn, document_id):
    """Compute again the reference keys of the document's units that have a context; True
    when one changed (or a unit with a key has no row yet: the workbench adds it on first
    use, and its findings may still have compared it across contexts)."""
    from app.core.checks.consistency import reference_key
    from app.store.stats import origin_of

    unit = sa.table("unit", sa.column("id", sa.Integer), sa.column("document_id", sa.Integer),
                    sa.column("reference", sa.Text), sa.column("target", sa.Text),
                    sa.column("po_context", sa.Text), sa.column("po_form", sa.Integer))
    stats = sa.table("unit_stats", sa.column("unit_id", sa.Integer),
                     sa.column("ref_key", sa.String(32)))
    rows = conn.execute(
        sa.select(unit.c.id, unit.c.reference, unit.c.target, unit.c.po_context,
                  unit.c.po_form, stats.c.ref_key)
        .outerjoin(stats, stats.c.unit_id == unit.c.id)
        .where(unit.c.document_id == document_id, unit.c.po_context.is_not(None))).all()
    changed = []
    for row in rows:
        key = reference_key(row.reference or "", row.target or "",
                            origin_of(row.po_context, row.po_form))
        if key != row.ref_key:
            changed.append({"unit": row.id, "key": key})
    if changed:
        conn.execute(sa.update(stats).where(stats.c.unit_id == sa.bindparam("unit"))
                     .values(ref_key=sa.bindparam("key")), changed)
    return bool(changed)


def downgrade():
    with op.batch_alter_table("unit") as batch:
        batch.drop_column("po_context")
