"""Personal API tokens in the store (issue 21): the secret is never stored, only its SHA-256
hash and a prefix; lookups find a valid token by its exact secret only; bad names and scopes
are refused naming the field; the last use is written at most every `every` seconds;
deactivation revokes every token of the user; a user's page of documents follows their
access and the archive filter."""
import hashlib
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from app.store import accounts, documents, lifecycle, session_scope, tokens
from app.store.models import ApiToken, utcnow


def _user(app, name="ana", role="translator"):
    with session_scope(app) as session:
        return accounts.create_user(session, name, "correct horse battery", role).id


def test_the_secret_is_not_stored_only_its_hash_and_prefix(app):
    _user(app)
    with session_scope(app) as session:
        token, secret = tokens.create(session, accounts.find_user(session, "ana"), name="CI",
                                      scope="write")
        token_id = token.id
    assert secret.startswith("wb_") and len(secret) == 46
    with session_scope(app) as session:
        row = session.execute(text("SELECT * FROM api_token WHERE id = :i"),
                              {"i": token_id}).mappings().one()
        assert secret not in {str(v) for v in row.values()}
        assert row["hash"] == hashlib.sha256(secret.encode()).hexdigest()
        assert row["prefix"] == secret[:11] and row["scope"] == "write"
        assert tokens.lookup(session, secret).id == token_id
        for wrong in (secret[:-1] + ("A" if secret[-1] != "A" else "B"), secret[:11], "",
                      row["hash"], "wb_" + "é" * 43, secret + "x" * 300):
            assert tokens.lookup(session, wrong) is None


@pytest.mark.parametrize("name, scope, field", [("", "read", "name"), ("   ", "read", "name"),
                                                ("x" * 81, "read", "name"),
                                                ("CI", "admin", "scope")])
def test_bad_token_names_and_scopes_are_refused(app, name, scope, field):
    _user(app)
    with session_scope(app) as session:
        with pytest.raises(tokens.TokenError) as caught:
            tokens.create(session, accounts.find_user(session, "ana"), name=name, scope=scope)
        assert caught.value.field == field
        assert session.scalars(select(ApiToken)).all() == []


def test_the_last_use_is_written_at_most_every_so_often(app):
    _user(app)
    with session_scope(app) as session:
        token, _ = tokens.create(session, accounts.find_user(session, "ana"), name="CI")
        now = utcnow()
        assert token.last_used_at is None
        assert tokens.note_use(token, now) is True and token.last_used_at == now
        assert tokens.note_use(token, now + timedelta(seconds=59)) is False
        assert token.last_used_at == now
        assert tokens.note_use(token, now + timedelta(seconds=60)) is True
        assert tokens.note_use(token, now + timedelta(seconds=61), every=3600) is False


def test_deactivation_revokes_every_token_of_the_user_only(app):
    _user(app)
    _user(app, "tom")
    with session_scope(app) as session:
        ana, tom = (accounts.find_user(session, n) for n in ("ana", "tom"))
        secrets = [tokens.create(session, ana, name=f"t{n}")[1] for n in range(3)]
        kept = tokens.create(session, tom, name="tom's")[1]
        accounts.set_active(session, ana, False)
        assert [tokens.lookup(session, s) for s in secrets] == [None] * 3
        assert tokens.list_tokens(session, ana) == []
        assert tokens.lookup(session, kept).user_id == tom.id
        accounts.set_active(session, ana, True)
        assert [tokens.lookup(session, s) for s in secrets] == [None] * 3


def test_a_users_page_of_documents_follows_access_and_archive(app):
    _user(app)
    _user(app, "adele", "admin")
    with session_scope(app) as session:
        ana, adele = (accounts.find_user(session, n) for n in ("ana", "adele"))
        doc = documents.list_documents(session)[0]
        assert accounts.visible_page(session, ana) == []
        assert [d.id for d in accounts.visible_page(session, adele)] == [doc.id]
        accounts.grant(session, doc, ana)
        assert [d.id for d in accounts.visible_page(session, ana)] == [doc.id]
        assert accounts.visible_page(session, ana, after=doc.id) == []
        assert accounts.visible_page(session, ana, archived=True) == []
        lifecycle.archive(session, doc)
        assert accounts.visible_page(session, ana) == []
        assert [d.id for d in accounts.visible_page(session, ana, archived=True)] == [doc.id]
        assert [d.id for d in accounts.visible_page(session, ana, archived=None)] == [doc.id]
