"""Admin: users, their roles, and who may open which document."""
from flask import Blueprint, abort, redirect, render_template, request, url_for

from app.store import accounts, db, documents
from app.store.models import ROLES, User
from app.web.auth import requires
from app.web.forms import UserForm

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
            return _page(form, str(exc), 422)
        db().commit()
        return redirect(url_for("users.index"), code=303)
    return _page(form, status=422 if request.method == "POST" else 200)


@bp.post("/<int:user_id>")
@requires("admin")
def update(user_id):
    """Change a user's role, or give them a document."""
    user = db().get(User, user_id)
    if user is None:
        abort(404)
    if request.form.get("role") in ROLES:
        user.role = request.form["role"]
    slug = request.form.get("document")
    if slug:
        doc = documents.find_by_slug(db(), slug)
        if doc is None:
            abort(404)
        accounts.grant(db(), doc, user)
    db().commit()
    return redirect(url_for("users.index"), code=303)
