"""Admin: users, their roles, whether they may sign in, and who may open which document."""
from flask import Blueprint, abort, redirect, render_template, request, url_for

from app.store import accounts, db, documents
from app.store.models import ROLES, User
from app.web.auth import requires
from app.web.forms import UserForm
from app.web.i18n import _, explained

bp = Blueprint("users", __name__, url_prefix="/users")


def _page(form, error=None, status=200):
    return render_template("users.html", form=form, error=error, roles=ROLES,
                           users=[(u, accounts.documents_of(db(), u)) for u in accounts.users(db())],
                           documents=documents.list_documents(db())), status


@bp.route("", methods=["GET", "POST"])
@requires("admin")
def index():
    """Every user with their role and documents; create a user."""
    form = UserForm()
    if form.validate_on_submit():
        try:
            accounts.create_user(db(), form.username.data, form.password.data, form.role.data)
        except accounts.AccountError as exc:
            db().rollback()
            return _page(form, explained(exc), 422)
        db().commit()
        return redirect(url_for("users.index"), code=303)
    return _page(form, status=422 if request.method == "POST" else 200)


def _user(user_id):
    user = db().get(User, user_id)
    if user is None:
        abort(404)
    return user


def _document(slug):
    doc = documents.find_by_slug(db(), slug or "")
    if doc is None:
        abort(404)
    return doc


def _done(change):
    """Commit `change()`, or show the Users page with why it was refused (422)."""
    try:
        change()
    except accounts.AccountError as exc:
        db().rollback()
        return _page(UserForm(formdata=None), explained(exc), 422)
    db().commit()
    return redirect(url_for("users.index"), code=303)


@bp.post("/<int:user_id>")
@requires("admin")
def update(user_id):
    """Change a user's role (their sessions end) or email address, or give them a
    document."""
    user = _user(user_id)
    role, slug = request.form.get("role"), request.form.get("document")
    email = request.form.get("email")
    doc = _document(slug) if slug else None

    def change():
        if email is not None:
            accounts.set_email(db(), user, email)
        if role is not None:
            accounts.set_role(db(), user, role)
        if doc is not None:
            accounts.grant(db(), doc, user)
    return _done(change)


@bp.post("/<int:user_id>/active")
@requires("admin")
def set_active(user_id):
    """Deactivate a user (their sessions end, they cannot sign in, their revisions keep their
    name) or reactivate them."""
    user = _user(user_id)
    active = request.form.get("active")
    if active not in ("0", "1"):
        return _page(UserForm(formdata=None), _("Say active=1 (reactivate) or active=0 "
                                                "(deactivate)."), 422)
    return _done(lambda: accounts.set_active(db(), user, active == "1"))


@bp.post("/<int:user_id>/revoke")
@requires("admin")
def revoke(user_id):
    """Take a document away from a user (their next request no longer opens it)."""
    user = _user(user_id)
    doc = _document(request.form.get("document"))
    return _done(lambda: accounts.revoke(db(), doc, user))
