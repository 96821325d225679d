"""The whole workspace as one JSON file: a backup that an empty database takes back whole.

`export_workspace(session)` reads every table that holds work (in one snapshot) and returns
a dict; `dumps` turns it into bytes. `import_workspace(session, data)` checks a file's dict
completely, then inserts it into an EMPTY database in the caller's transaction (nothing is
written when any record is wrong; a database that already holds data is refused rather than
merged). Export, import into a fresh database, export again: the same bytes.

Format (version 1)::

    {
     "format": "translation-review-workbench/workspace",
     "version": 1,
     "schema_revision": "0009",      # the Alembic revision of the database that wrote it
     "password_hashes": "omitted",   # or "included" (only when asked for explicitly)
     "left_out": ["api_token", "import_job", "login_failure"],
     "users": [USER, ...],
     "documents": [DOCUMENT, ...],
     "glossary": [TERM, ...],        # workspace terms (document_id null) and document terms
     "memory": [ENTRY, ...]          # corrections learned from edits
    }

Each record is one row of its table in app/store/models.py, its columns under their own
names in table order ("id" first), minus the column that links it to the record it is
nested in, plus the lists of its nested records:

    USER      user_account (password_hash only when "included")
    DOCUMENT  document + "segments" (segment), "units", "operations" (operation),
              "access" (document_access: which users may open it)
    UNIT      unit (active and retired units, drafts, PO entry/form) + "revisions" (revision),
              "findings" (finding), "comments" (comment), "dismissals" (dismissal)
    TERM      glossary_term;  ENTRY  memory_entry

Values: JSON numbers, strings, booleans and null as stored; times as ISO-8601 UTC with
microseconds ("2024-05-01T09:30:00.000000Z"); JSON columns (document.disabled_checks,
operation.retired and operation.created, which list unit ids) as JSON. Every list is sorted
by id and ids are kept, so every link (revision.operation_id, operation.retired/created,
access user_id, a term's document_id) means the same record after an import.

Left out, on purpose: import jobs (background imports in progress; their inputs are cleared
when they end), sign-in failures (a rate-limit window of minutes) and API tokens (credentials,
as session tokens are: after a restore, users make new ones); unit_stats and
document_stats, computed from the units, are not written either but computed again by the
import (so are a PO unit's check columns, from its document's catalog, when the file comes
from before migrations 0016 and 0021 added them; a PO document whose units get a msgctxt so
is left to a whole re-check by its check pass, as 0021 leaves it). Without password hashes,
imported accounts get an unusable password: nobody can sign in with them (the workbench has
no password reset yet), so a full restore needs an export with the hashes.

Values are checked as they are where people enter them (app/core/values.py: titles,
language codes, comments, dismissal reasons, glossary terms and notes; unit texts as
segment texts; a PO
document's header, Plural-Forms included; usernames by app/core/usernames.py), before
anything is written, so that a file that
imports can be exported again and its PO files written.

Reading a file from another schema revision: a field the file lacks takes the column's
default (or null) when the column has one, a missing list is empty, and a field this version
does not know is refused. From the same revision, every field and list must be there.
"""
from dataclasses import dataclass
from datetime import datetime, timezone
import json

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, UniqueConstraint, \
    inspect, select, text

from app.core import po, textio, usernames, values
from app.core.messages import N_, Explained
from app.store import catalog, migrate, stats
from app.store.models import (ApiToken, Base, Comment, Dismissal, Document, DocumentAccess,
                              Finding, GlossaryTerm, ImportJob, LoginFailure, MemoryEntry,
                              Operation, Revision, Segment, Unit, User, new_session_token)

FORMAT = "translation-review-workbench/workspace"
VERSION = 1
# A password hash no password matches (werkzeug's check_password_hash says False to it).
NO_PASSWORD = "!no password: imported without password hashes"
_INT_RANGE = (-2 ** 31, 2 ** 31 - 1)  # PostgreSQL's integer
# Never written: a user's session token is a secret that signs their cookies (an imported
# user gets a new one: every session made before the export ends).
_SECRETS = {(User, "session_token")}
# What the items of the JSON columns are (anything JSON for a column not listed).
_JSON_ITEMS = {("document", "disabled_checks"): str, ("operation", "retired"): int,
               ("operation", "created"): int}


class WorkspaceError(Explained, ValueError):
    """A file that is not a workspace export this version can import; the message names the
    record (as a path such as documents[0].units[3].revisions[1]) and the field (a msgid
    and its values where it comes from a value's check: app.core.messages)."""


class NotEmptyError(Exception):
    """The database already holds a workspace (an import only goes into an empty one)."""


@dataclass(frozen=True)
class Kind:
    """A table in the file: the list it is under, its model, the column linking it to the
    record it is nested in (not written), and the kinds nested in it."""
    key: str
    model: type
    parent: str | None = None
    children: tuple = ()

    @property
    def table(self):
        return self.model.__table__

    def columns(self):
        return [c for c in self.table.columns if c.name != self.parent]


UNITS = Kind("units", Unit, "document_id", (
    Kind("revisions", Revision, "unit_id"), Kind("findings", Finding, "unit_id"),
    Kind("comments", Comment, "unit_id"), Kind("dismissals", Dismissal, "unit_id")))
DOCUMENTS = Kind("documents", Document, None, (
    Kind("segments", Segment, "document_id"), UNITS, Kind("operations", Operation, "document_id"),
    Kind("access", DocumentAccess, "document_id")))
KINDS = (Kind("users", User), DOCUMENTS, Kind("glossary", GlossaryTerm),
         Kind("memory", MemoryEntry))
LEFT_OUT = (ApiToken, ImportJob, LoginFailure)
# Computed from the exported tables: not written, computed again after an import.
DERIVED = (stats.UnitStats, stats.DocumentStats)


def all_kinds(kinds=KINDS):
    """Every kind, each before the kinds nested in it."""
    for kind in kinds:
        yield kind
        yield from all_kinds(kind.children)


# ---------------------------------------------------------------------------------------------
# Export

def _utc_text(moment):
    if moment.tzinfo is None:  # SQLite gives back naive datetimes; they are UTC
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _encode(column, value):
    if value is None:
        return None
    if isinstance(column.type, DateTime):
        return _utc_text(value)
    if isinstance(column.type, Float):
        return float(value)
    return value


def _snapshot(session):
    """The session's connection, in a transaction that sees one state of the database
    (REPEATABLE READ on PostgreSQL; an explicit BEGIN on SQLite, whose driver would
    otherwise run each SELECT in a transaction of its own)."""
    if session.in_transaction():
        return session.connection()
    if session.get_bind().dialect.name == "postgresql":
        return session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    conn = session.connection()
    if conn.dialect.name == "sqlite" and not conn.connection.dbapi_connection.in_transaction:
        conn.exec_driver_sql("BEGIN")
    return conn


def schema_revision(conn):
    """The Alembic revision the database is at (None when it was never migrated)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def export_workspace(session, *, include_password_hashes=False):
    """The whole workspace as a dict in the format above (see `dumps`)."""
    conn = _snapshot(session)
    revision = schema_revision(conn)
    if revision is None:
        raise WorkspaceError("the database has no schema revision; run `flask --app app "
                             "init-db` first")
    by_parent = {}
    for kind in all_kinds():
        columns = [c for c in kind.columns() if (kind.model, c.name) not in _SECRETS and (
            include_password_hashes or (kind.model, c.name) != (User, "password_hash"))]
        groups = by_parent[kind.key] = {}
        for row in conn.execute(select(kind.table).order_by(kind.table.c.id)).mappings():
            record = {c.name: _encode(c, row[c.name]) for c in columns}
            groups.setdefault(row[kind.parent] if kind.parent else None, []).append(record)

    def nested(kind, parent_id):
        records = by_parent[kind.key].get(parent_id, [])
        for record in records:
            for child in kind.children:
                record[child.key] = nested(child, record["id"])
        return records

    data = {"format": FORMAT, "version": VERSION, "schema_revision": revision,
            "password_hashes": "included" if include_password_hashes else "omitted",
            "left_out": sorted(m.__tablename__ for m in LEFT_OUT)}
    for kind in KINDS:
        data[kind.key] = nested(kind, None)
    return data


def dumps(data):
    """The file's bytes: UTF-8 JSON, one field a line, keys in the order given, a final
    newline (the same workspace always gives the same bytes)."""
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def counts(data):
    """{list name: number of records} over the whole file (nested lists included)."""
    totals = {kind.key: 0 for kind in all_kinds()}

    def walk(kind, records):
        totals[kind.key] += len(records)
        for record in records:
            for child in kind.children:
                walk(child, record.get(child.key, []))
    for kind in KINDS:
        walk(kind, data.get(kind.key, []))
    return totals


# ---------------------------------------------------------------------------------------------
# Import

def loads(raw, name):
    """The dict in a workspace file's bytes; WorkspaceError (NAME:LINE:COLUMN) when the bytes
    are not UTF-8 JSON or an object repeats a key."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise WorkspaceError(f"{name}:{line}: not UTF-8 (byte 0x{raw[exc.start]:02x})") from None

    def no_duplicates(pairs):
        result = dict(pairs)
        if len(result) != len(pairs):
            seen = set()
            key = next(k for k, _ in pairs if k in seen or seen.add(k))
            raise WorkspaceError(f"{name}: the key {key!r} appears twice in one object")
        return result
    try:
        return json.loads(source, object_pairs_hook=no_duplicates)
    except json.JSONDecodeError as exc:
        raise WorkspaceError(f"{name}:{exc.lineno}:{exc.colno}: not JSON: {exc.msg}") from None


def _what(value):
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean",
            type(None): "null", int: "a number", float: "a number"}.get(type(value), "a value")


def _decode(column, value, where, postgres):
    kind = column.type
    if value is None:
        if column.nullable:
            return None
        raise WorkspaceError(f"{where}: must not be null")
    if isinstance(kind, DateTime):
        if not isinstance(value, str):
            raise WorkspaceError(f"{where}: expected an ISO-8601 time, got {_what(value)}")
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise WorkspaceError(f"{where}: {value!r} is not an ISO-8601 time") from None
        if moment.tzinfo is None:
            raise WorkspaceError(f"{where}: the time {value!r} has no timezone (write it in "
                                 "UTC, ending in Z)")
        return moment.astimezone(timezone.utc)
    if isinstance(kind, Boolean):
        if not isinstance(value, bool):
            raise WorkspaceError(f"{where}: expected true or false, got {_what(value)}")
        return value
    if isinstance(kind, Float):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise WorkspaceError(f"{where}: expected a number, got {_what(value)}")
        return float(value)
    if isinstance(kind, Integer):
        if isinstance(value, bool) or not isinstance(value, int):
            raise WorkspaceError(f"{where}: expected an integer, got {_what(value)}")
        if not _INT_RANGE[0] <= value <= _INT_RANGE[1]:
            raise WorkspaceError(f"{where}: {value} is out of range")
        return value
    if isinstance(kind, JSON):
        item = _JSON_ITEMS.get((column.table.name, column.name))
        if item is not None:
            if not isinstance(value, list):
                raise WorkspaceError(f"{where}: expected a list, got {_what(value)}")
            for n, element in enumerate(value):
                if isinstance(element, bool) or not isinstance(element, item):
                    raise WorkspaceError(f"{where}[{n}]: expected "
                                         f"{'an integer' if item is int else 'a string'}, "
                                         f"got {_what(element)}")
        return value
    if isinstance(kind, String):
        if not isinstance(value, str):
            raise WorkspaceError(f"{where}: expected a string, got {_what(value)}")
        if kind.length and len(value) > kind.length:
            raise WorkspaceError(f"{where}: longer than {kind.length} characters")
        if postgres and "\x00" in value:
            raise WorkspaceError(f"{where}: holds the character U+0000, which PostgreSQL "
                                 "cannot store")
        return value
    raise WorkspaceError(f"{where}: column type {kind} is not supported")  # a new model type


def _segment_text(text, where):
    bad = values.first_refused(text, textio.NOT_IN_SEGMENT)
    if bad is not None:
        raise values.InvalidValue(where, N_("the character %(code)s at character %(n)s (a "
                                            "segment cannot hold it)"),
                                  code=f"U+{ord(bad[1]):04X}", n=bad[0] + 1)


def _username(name, where):
    try:
        usernames.check(name)
    except ValueError as exc:
        raise values.InvalidValue(where, "%(problem)s", problem=str(exc)) from None


# The checks of app/core/values.py per table and column: check(value, where).
_VALUES = {
    "user_account": {"username": _username, "email": values.email},
    "document": {"title": values.title, "source_lang": values.language,
                 "target_lang": values.language},
    "unit": {"reference": _segment_text, "mt": _segment_text, "target": _segment_text,
             "draft": _segment_text, "po_plural_source": _segment_text},
    "comment": {"text": values.comment},
    "dismissal": {"reason": values.note},
    "glossary_term": {"source_lang": values.language, "target_lang": values.language,
                      "source": values.term, "target": values.term, "note": values.note},
    "memory_entry": {"source_lang": values.language, "target_lang": values.language},
}


def _check_record(kind, record, where):
    for column, check in _VALUES.get(kind.table.name, {}).items():
        value = record.get(column)
        if isinstance(value, str):  # other types: the reader says what is wrong
            check(value, f"{where}.{column}")
    if kind.model is Document and record.get("kind") == "po" \
            and isinstance(record.get("target_text"), str):
        try:
            po.parse_catalog(record["target_text"], "the PO file", check_plurals=False)
        except po.PoError as exc:
            raise values.InvalidValue(f"{where}.target_text",
                                      N_("line %(line)s of the PO file: %(problem)s"),
                                      line=str(exc.line), problem=exc.message) from None


def check_values(data):
    """WorkspaceError naming the first record (documents[2].title) holding a value that could
    not be entered today: a title or a term with a control or bidi character, a language
    that is no code, a PO document whose header is invalid. Reads `data` only."""
    def walk(kind, records, where):
        for n, record in enumerate(records if isinstance(records, list) else []):
            if isinstance(record, dict):
                _check_record(kind, record, f"{where}[{n}]")
                for child in kind.children:
                    walk(child, record.get(child.key), f"{where}[{n}].{child.key}")
    try:
        for kind in KINDS:
            walk(kind, data.get(kind.key), kind.key)
    except values.InvalidValue as exc:
        raise WorkspaceError.wrapping(exc) from None


def _default(column):
    """The value a column takes when a file from another schema revision lacks it."""
    if column.default is not None:
        if column.default.is_scalar:
            return column.default.arg
        if column.default.is_callable:
            return column.default.arg(None)
    if column.nullable:
        return None
    raise KeyError(column.name)


@dataclass
class _Row:
    kind: Kind
    path: str
    values: dict


class _Reader:
    """Turns the file's nested records into rows per table, checking each field."""

    def __init__(self, hashes, same_revision, postgres):
        self.hashes, self.same_revision, self.postgres = hashes, same_revision, postgres
        self.rows = {kind.table.name: [] for kind in all_kinds()}
        self.fields = {}  # kind key -> (columns read from the file, every known field)
        for kind in all_kinds():
            columns = [c for c in kind.columns() if (kind.model, c.name) not in _SECRETS and (
                hashes or (kind.model, c.name) != (User, "password_hash"))]
            self.fields[kind.key] = (columns, {c.name for c in columns}
                                     | {child.key for child in kind.children})

    def records(self, kind, container, path, parent_id=None):
        records = container.get(kind.key)
        where = f"{path}.{kind.key}" if path else kind.key
        if records is None and not self.same_revision:
            records = []
        if records is None:
            raise WorkspaceError(f"{where}: missing (expected a list, possibly empty)")
        if not isinstance(records, list):
            raise WorkspaceError(f"{where}: expected a list, got {_what(records)}")
        for n, record in enumerate(records):
            self.record(kind, record, f"{where}[{n}]", parent_id)

    def record(self, kind, record, where, parent_id):
        if not isinstance(record, dict):
            raise WorkspaceError(f"{where}: expected an object, got {_what(record)}")
        columns, known = self.fields[kind.key]
        unknown = sorted(set(record) - known)
        if unknown:
            hint = " (the header says password hashes are omitted)" \
                if unknown[0] == "password_hash" and kind.model is User else ""
            raise WorkspaceError(f"{where}: unknown field {unknown[0]!r}{hint}")
        values = {kind.parent: parent_id} if kind.parent else {}
        for column in columns:
            if column.name in record:
                values[column.name] = _decode(column, record[column.name],
                                              f"{where}.{column.name}", self.postgres)
                continue
            if (kind.model, column.name) == (User, "username_key") and not self.same_revision:
                values[column.name] = _username_key(record.get("username"), where)
                continue
            try:
                if self.same_revision:
                    raise KeyError(column.name)
                values[column.name] = _default(column)
            except KeyError:
                raise WorkspaceError(f"{where}: the field {column.name!r} is missing") from None
        if kind.model is User:
            values["session_token"] = new_session_token()
            _check_key(values, where)
            if not self.hashes:
                values["password_hash"] = NO_PASSWORD
        self.rows[kind.table.name].append(_Row(kind, where, values))
        for child in kind.children:
            self.records(child, record, where, values["id"])


def _username_key(name, where):
    """The key a user of a file written before usernames had keys (schema 0012) compares by."""
    if not isinstance(name, str):
        raise WorkspaceError(f"{where}.username: expected a string, got {_what(name)}")
    return usernames.fold(name)


def _check_key(values, where):
    """A user's key is their folded name (or, for an older name that differs from another only
    in case, the folded name and the user's id: migration 0012); anything else is refused."""
    key, name = values.get("username_key"), values.get("username")
    if not isinstance(name, str) or not isinstance(key, str):
        return
    folded = usernames.fold(name)
    if key == folded or key.startswith(f"{folded}#{values.get('id')}") and \
            not key[len(f"{folded}#{values.get('id')}"):].strip("#"):
        return
    raise WorkspaceError(f"{where}.username_key: {key!r} is not the key of the name {name!r}")


def _check_links(rows):
    """Ids unique per table, every link to a record of the file, unique constraints held,
    and operations and revisions tied to units of their own document."""
    by_id = {}
    for table, table_rows in rows.items():
        seen = by_id[table] = {}
        for row in table_rows:
            other = seen.setdefault(row.values["id"], row)
            if other is not row:
                raise WorkspaceError(f"{row.path}.id: {row.values['id']} is also the id of "
                                     f"{other.path}")
    for table, table_rows in rows.items():
        constraints = [tuple(c.name for c in con.columns)
                       for con in Base.metadata.tables[table].constraints
                       if isinstance(con, UniqueConstraint)]
        constraints += [(c.name,) for c in Base.metadata.tables[table].columns if c.unique]
        for names in constraints:
            seen = {}
            for row in table_rows:
                other = seen.setdefault(tuple(row.values[n] for n in names), row)
                if other is not row:
                    shown = [n for n in names if n != row.kind.parent]
                    raise WorkspaceError(f"{row.path}: {', '.join(shown)} the same as "
                                         f"{other.path}")
        for row in table_rows:
            for column in Base.metadata.tables[table].columns:
                value = row.values.get(column.name)
                for key in column.foreign_keys:
                    target = key.column.table.name
                    if value is not None and value not in by_id.get(target, {}):
                        raise WorkspaceError(f"{row.path}.{column.name}: no {target} "
                                             f"with id {value} in the file")
    units = by_id["unit"]
    for row in rows["operation"]:
        for field in ("retired", "created"):
            for n, unit_id in enumerate(row.values[field]):
                unit = units.get(unit_id)
                if unit is None or unit.values["document_id"] != row.values["document_id"]:
                    raise WorkspaceError(f"{row.path}.{field}[{n}]: no unit {unit_id} in this "
                                         "document")
    for row in rows["revision"]:
        operation = by_id["operation"].get(row.values["operation_id"])
        unit = units[row.values["unit_id"]]
        if operation is not None and \
                operation.values["document_id"] != unit.values["document_id"]:
            raise WorkspaceError(f"{row.path}.operation_id: the operation "
                                 f"{operation.path} belongs to another document")


def check_header(data):
    """Check the top level of a file's dict; True when it holds password hashes."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        found = data.get("format") if isinstance(data, dict) else None
        raise WorkspaceError("not a workspace export of this workbench (expected \"format\": "
                             f"\"{FORMAT}\"" + (f", found {found!r})" if found else ")"))
    version = data.get("version")
    if version != VERSION or isinstance(version, bool):
        raise WorkspaceError(f"format version {version!r} is not supported (this workbench "
                             f"reads version {VERSION})")
    if not isinstance(data.get("schema_revision"), str):
        raise WorkspaceError("schema_revision: expected a string")
    hashes = data.get("password_hashes")
    if hashes not in ("included", "omitted"):
        raise WorkspaceError("password_hashes: expected \"included\" or \"omitted\"")
    known = {"format", "version", "schema_revision", "password_hashes", "left_out"} | \
        {kind.key for kind in KINDS}
    unknown = sorted(set(data) - known)
    if unknown:
        raise WorkspaceError(f"unknown field {unknown[0]!r} at the top level")
    return hashes == "included"


def _tables():
    """Our tables in an order that inserts every row after the rows it links to."""
    ours = {kind.table.name for kind in all_kinds()}
    return [t for t in Base.metadata.sorted_tables if t.name in ours]


def holds_data(conn):
    """Names of the exported tables that exist and have rows."""
    schema = inspect(conn)
    return [t.name for t in _tables() if schema.has_table(t.name)
            and conn.execute(select(t.c.id).limit(1)).first() is not None]


def _refuse_data(conn):
    full = holds_data(conn)
    if full:
        raise NotEmptyError(f"the database already holds data (tables: {', '.join(full)}); "
                            "a workspace is imported into an empty database only: point "
                            "DATABASE_URL at a new one and run `flask --app app init-db`")


def check_empty(session):
    """Raise NotEmptyError when the database holds a workspace (before migrating it, say)."""
    _refuse_data(session.connection())


def import_workspace(session, data):
    """Insert the workspace of `data` (a dict from `loads`) into the empty database of
    `session`, ids kept; the caller commits (or rolls back: nothing is written on error).

    Raises WorkspaceError (which record and field) for a file that is broken, foreign, or
    from an unsupported format version, NotEmptyError for a database that holds data or is
    not at the latest schema. Returns {list name: records imported}."""
    hashes = check_header(data)
    check_values(data)
    conn = session.connection()
    if not migrate.is_current(session.get_bind()):
        raise NotEmptyError("the database is not at the latest schema; run `flask --app app "
                            "init-db` first")
    _refuse_data(conn)
    reader = _Reader(hashes, data["schema_revision"] == schema_revision(conn),
                     conn.dialect.name == "postgresql")
    for kind in KINDS:
        reader.records(kind, data, "")
    _check_links(reader.rows)
    for table in _tables():
        rows = [row.values for row in reader.rows[table.name]]
        if rows:
            conn.execute(table.insert(), rows)
    if conn.dialect.name == "postgresql":  # ids were given: move each id sequence past them
        for table in _tables():
            conn.execute(text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"))
    if not reader.same_revision:  # a file from before migration 0016 or 0021 lacks them
        for row in reader.rows["document"]:
            if row.values.get("kind") == "po" and catalog.fill_check_columns(
                    conn, row.values["id"], row.values["target_text"]):
                conn.execute(Document.__table__.update()  # its findings ignored msgctxt
                             .where(Document.__table__.c.id == row.values["id"])
                             .values(checks_pending=0, checks_claimed_at=None))
    session.expire_all()
    for document_id in sorted(row.values["id"] for row in reader.rows["document"]):
        stats.totals(session, document_id)  # the unit rows, then the document's totals
    return counts(data)
