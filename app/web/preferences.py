"""The signed-in user's preferences. Today one: how single-key shortcuts work (WCAG 2.1.4):
on, with a modifier (Alt+Shift), or off. The choice is kept in the browser's localStorage
under the user's name (app/static/keys.js), so two people sharing a browser keep their own."""
from flask import Blueprint, render_template

bp = Blueprint("preferences", __name__)

SHORTCUT_MODES = (
    ("on", "On: a single key (J, K, A, D, S, ?) acts on the focused segment"),
    ("modifier", "With a modifier: Alt+Shift with the key (Alt+Shift+J, Alt+Shift+A, Alt+Shift+/ for the help)"),
    ("off", "Off: no single-key shortcut (Enter, Escape, Ctrl+Z and the buttons still work)"),
)


@bp.get("/preferences")
def show():
    """The preferences page (keys.js fills in and keeps the choice)."""
    return render_template("preferences.html", modes=SHORTCUT_MODES)
