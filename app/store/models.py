"""Database tables: documents, their segments, aligned units, revisions and findings."""
from datetime import datetime, timezone
import secrets

from sqlalchemy import (JSON, Boolean, DateTime, Float, ForeignKey, Index, String, Text,
                        UniqueConstraint, false, text)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, validates

from app.core import usernames


def utcnow():
    """Timezone-aware now, stored as UTC."""
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


# Unit states: machine translation untouched, edited (needs review), approved.
STATE_MT, STATE_EDITED, STATE_APPROVED = "mt", "edited", "approved"
STATES = (STATE_MT, STATE_EDITED, STATE_APPROVED)


class Document(Base):
    __tablename__ = "document"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    next_unit_number: Mapped[int] = mapped_column(default=1)
    # Check ids the translator switched off for this document.
    disabled_checks: Mapped[list] = mapped_column(JSON, default=list)
    # "text": a reference/target pair that the workbench aligned; "po": an imported PO file
    # (target_text holds the file; its entries are the units and alignment does not apply).
    kind: Mapped[str] = mapped_column(String(10), default="text")
    # The checks that an import left to a pass of their own (app/store/checkpass.py) have
    # not run on every unit yet: the pass has re-checked the active units whose id is at most
    # this (0: none yet); None: nothing pending. `checks_claimed_at`: when the process running
    # the pass last reported (None: no process runs it; stale: its process died).
    checks_pending: Mapped[int | None] = mapped_column(nullable=True)
    checks_claimed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                               nullable=True)
    # When a reviewer or admin archived the document (hidden from the documents list until
    # restored); None: not archived.
    archived_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                         nullable=True)
    # The texts as imported: last in the row (migration 0010: on SQLite, reading a column
    # stored after a long text walks the text's overflow pages).
    reference_text: Mapped[str] = mapped_column(Text)
    target_text: Mapped[str] = mapped_column(Text)

    segments: Mapped[list["Segment"]] = relationship(
        back_populates="document", cascade="all, delete-orphan",
        order_by="(Segment.side, Segment.position)")
    # Every unit ever made (realigned ones stay, inactive, with their history) ...
    all_units: Mapped[list["Unit"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Unit.id")
    # ... and the current alignment: active units in document order.
    units: Mapped[list["Unit"]] = relationship(
        order_by="Unit.position", viewonly=True,
        primaryjoin="and_(Document.id == Unit.document_id, Unit.active == True)")
    operations: Mapped[list["Operation"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Operation.id")


class Segment(Base):
    """One sentence of the reference or the target, with its offsets in the original text."""
    __tablename__ = "segment"
    __table_args__ = (UniqueConstraint("document_id", "side", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    side: Mapped[str] = mapped_column(String(10))  # "reference" or "target"
    position: Mapped[int]
    paragraph: Mapped[int]
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="segments")


class Unit(Base):
    """An aligned bead: reference sentences, their MT, and the current target text."""
    __tablename__ = "unit"
    __table_args__ = (UniqueConstraint("document_id", "uid"),
                      Index("ix_unit_document_position", "document_id", "position"),
                      # Counters and the state filter of the document page.
                      Index("ix_unit_document_active_state", "document_id", "active", "state",
                            "position"),
                      # The units whose slow checks a save left to the background (issue 14,
                      # migration 0019): few at any time, found by this partial index.
                      Index("ix_unit_checks_pending", "document_id",
                            sqlite_where=text("checks_pending = 1"),
                            postgresql_where=text("checks_pending")))

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    # Stable id: a text document's PO export writes it as msgctxt. (A PO document's units get
    # generated ones too; their entry's own msgctxt is po_context, below.)
    uid: Mapped[str] = mapped_column(String(32))
    position: Mapped[int]
    ref_first: Mapped[int]  # first reference segment position
    ref_count: Mapped[int]
    tgt_first: Mapped[int]
    tgt_count: Mapped[int]
    reference: Mapped[str] = mapped_column(Text)
    mt: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), default=STATE_MT)
    version: Mapped[int] = mapped_column(default=1)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # False once a realignment replaced the unit (kept, with its history, for undo).
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # A bead set by the translator: a hard constraint for "realign from here".
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    # Autosaved text not yet saved as a revision (None: no draft).
    draft: Mapped[str | None] = mapped_column(Text, nullable=True)
    draft_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # For a PO document: the entry (0-based, header excluded) and plural form of this unit.
    po_entry: Mapped[int | None] = mapped_column(nullable=True)
    po_form: Mapped[int | None] = mapped_column(nullable=True)
    # What the checks read of the unit's PO entry (app/store/catalog.py, migration 0016), so
    # that no save parses the catalog: its gettext flags but "fuzzy", space-separated
    # ("c-format no-wrap"; None: none), and for a plural form the entry's other source form
    # (msgid_plural for msgstr[0], msgid for the others; None: a singular entry).
    po_flags: Mapped[str | None] = mapped_column(Text, nullable=True)
    po_plural_source: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Its entry's msgctxt (migration 0021; None: none, "" an empty one, which gettext tells
    # apart), which the document-level checks read (stats.origin_of): the same msgid under
    # two contexts is two messages. The PO export takes msgctxt from the stored catalog.
    po_context: Mapped[str | None] = mapped_column(Text, nullable=True)
    # Saved empty on purpose (the translator confirmed it): a deliberate omission, not an
    # alignment problem.
    omitted: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # A save stored its fast checks' findings and left its slow checks (French grammar) to
    # the background (app/store/checkpass.py: run_units), which clears this once done.
    checks_pending: Mapped[bool] = mapped_column(Boolean, default=False,
                                                 server_default=false())

    document: Mapped[Document] = relationship(back_populates="all_units")
    revisions: Mapped[list["Revision"]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="Revision.version")
    # Findings and dismissals are loaded with their units (one query for all of them, not one
    # per unit): every page and re-check needs them.
    findings: Mapped[list["Finding"]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", lazy="selectin",
        order_by="(Finding.start, Finding.end, Finding.check_id)")
    comments: Mapped[list["Comment"]] = relationship(
        back_populates="unit", cascade="all, delete-orphan", order_by="Comment.id")
    dismissals: Mapped[list["Dismissal"]] = relationship(cascade="all, delete-orphan",
                                                         lazy="selectin")


class Revision(Base):
    """Every change to a unit: who, when, what kind of change, and the resulting text."""
    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("unit_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    version: Mapped[int]
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    kind: Mapped[str] = mapped_column(String(20))  # import, edit, approve, ...
    state: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    # The bulk change (replace-all, bulk approve, undo...) this revision belongs to, if any.
    operation_id: Mapped[int | None] = mapped_column(
        ForeignKey("operation.id", ondelete="SET NULL"), nullable=True, index=True)

    unit: Mapped[Unit] = relationship(back_populates="revisions")
    operation: Mapped["Operation | None"] = relationship()


class Finding(Base):
    """A check result on the current target text of a unit."""
    __tablename__ = "finding"
    # A unit's findings; also answers "has a finding of this category" and the penalties by
    # severity from the index alone.
    __table_args__ = (Index("ix_finding_unit_category", "unit_id", "category", "severity"),
                      # The other occurrences of a suggestion ("apply everywhere" counts).
                      Index("ix_finding_suggestion", "suggestion", "check_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"))
    check_id: Mapped[str] = mapped_column(String(60))
    category: Mapped[str] = mapped_column(String(30))
    severity: Mapped[str] = mapped_column(String(10))
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text, nullable=True)
    # The message as a translatable message (app/core/messages.py: stored()), shown in the
    # reader's language; None for findings older than migration 0020 (message is shown).
    said: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    unit: Mapped[Unit] = relationship(back_populates="findings")


class Operation(Base):
    """An entry of a document's undo history: any change (a save, an approval, a dismissal,
    a bulk or alignment change), or the undo or redo of one. An alignment change lists the
    units it retired and created; a text change's revisions point to it."""
    __tablename__ = "operation"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"),
                                             index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    author: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(20))  # edit, approve, merge, ..., undo, redo
    description: Mapped[str] = mapped_column(Text)
    retired: Mapped[list] = mapped_column(JSON)  # unit ids made inactive
    created: Mapped[list] = mapped_column(JSON)  # unit ids made active
    undone: Mapped[bool] = mapped_column(Boolean, default=False)
    # What the undo history needs beyond the kind (app/store/history.py): "label" (what its
    # Undo button says), "of" (the operation an undo or redo acted on), "unit" and "key"
    # (a dismissal's unit and finding key). None for operations older than migration 0014.
    detail: Mapped[dict | None] = mapped_column(JSON, nullable=True)

    document: Mapped[Document] = relationship(back_populates="operations")


class Comment(Base):
    """A translator's or reviewer's note on a unit."""
    __tablename__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    text: Mapped[str] = mapped_column(Text)

    unit: Mapped[Unit] = relationship(back_populates="comments")


class Dismissal(Base):
    """A finding a translator dismissed as a false alarm; it re-opens when its text changes."""
    __tablename__ = "dismissal"
    __table_args__ = (UniqueConstraint("unit_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(200))  # check id + the text under the span
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    reason: Mapped[str] = mapped_column(Text, default="")
    # What was dismissed, listed in the editor to reopen it (dismissals made before migration
    # 0013 have the check id only).
    check_id: Mapped[str] = mapped_column(String(60), default="", server_default="")
    text: Mapped[str] = mapped_column(Text, default="", server_default="")
    message: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The message as a translatable message (stored()); None before migration 0020.
    said: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class GlossaryTerm(Base):
    """A glossary entry: the target term a reference term requires, or a forbidden term.
    document_id None: the workspace glossary (all documents of the language pair)."""
    __tablename__ = "glossary_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), nullable=True, index=True)
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(Text)
    target: Mapped[str] = mapped_column(Text)
    forbidden: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class MemoryEntry(Base):
    """A correction learned from the workspace: a source-language phrase left in the target
    and what a translator replaced it with."""
    __tablename__ = "memory_entry"
    __table_args__ = (UniqueConstraint("source_lang", "target_lang", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    source: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(Text)
    uses: Mapped[int] = mapped_column(default=1)
    author: Mapped[str] = mapped_column(String(120))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


ROLES = ("translator", "reviewer", "admin")


def new_session_token():
    """A random session token for a user (see User.session_token)."""
    return secrets.token_urlsafe(24)


class User(Base):
    """An account: translators edit, reviewers also approve and manage glossaries, admins
    also manage users and every document."""
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(12), default="translator")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # What names are compared by (app/core/usernames.fold), set with the name: unique, so
    # that "Admin" cannot be made beside "admin" (migration 0012 gave clashing older rows
    # "key#id").
    username_key: Mapped[str] = mapped_column(String(320), unique=True, index=True)
    # Signed into the user's session cookies; a new one ends every session of the user
    # (sign-out, new password, new role, deactivation: app/store/accounts.py).
    session_token: Mapped[str] = mapped_column(String(64), default=new_session_token)
    # Optional; the PO header's Last-Translator is "Name <email>" when it is set.
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    # The interface language ("en", "fr"); None: the browser's Accept-Language decides
    # (issue 19, migration 0017).
    locale: Mapped[str | None] = mapped_column(String(16), nullable=True)
    # An IANA time zone name for the dates the interface shows; None: UTC.
    time_zone: Mapped[str | None] = mapped_column(String(64), nullable=True)

    @validates("username")
    def _set_key(self, _field, value):
        self.username_key = usernames.fold(value)
        return value


API_SCOPES = ("read", "write")  # write implies read


class ApiToken(Base):
    """A personal API token (issue 21, migration 0018): the SHA-256 hash of its secret, never
    the secret; `prefix` (the secret's first characters) tells a user's tokens apart."""
    __tablename__ = "api_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)
    name: Mapped[str] = mapped_column(String(80))
    prefix: Mapped[str] = mapped_column(String(16))
    hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    scope: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                          nullable=True)
    # None: valid; set when the user or an admin revoked it, or the user was deactivated.
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True),
                                                        nullable=True)

    user: Mapped[User] = relationship()


class DocumentAccess(Base):
    """Which translators and reviewers may open a document (admins open every document)."""
    __tablename__ = "document_access"
    __table_args__ = (UniqueConstraint("document_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"),
                                             index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"),
                                         index=True)


JOB_STATES = ("queued", "running", "done", "failed", "cancelled")


class ImportJob(Base):
    """A document import running in the background: its inputs until it ends, its phase and
    progress for the browser, and a cancel flag the worker reads between steps."""
    __tablename__ = "import_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # "pair", "po", "tmx"
    title: Mapped[str] = mapped_column(String(200))
    source_lang: Mapped[str] = mapped_column(String(16))
    target_lang: Mapped[str] = mapped_column(String(16))
    # Options such as file names.
    params: Mapped[dict] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    phase: Mapped[str] = mapped_column(String(40), default="")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="SET NULL"), nullable=True)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # The uploaded texts (cleared once the job ends), last in the row (see Document).
    reference_text: Mapped[str] = mapped_column(Text, default="")
    target_text: Mapped[str] = mapped_column(Text, default="")


class LoginFailure(Base):
    """A failed sign-in, kept for the rate limit shared by every server process."""
    __tablename__ = "login_failure"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(300), index=True)  # address + username
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
