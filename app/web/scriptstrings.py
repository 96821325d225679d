"""What app/static/keys.js writes for the user, translated on the server (issue 19).

base.html renders `messages()` as a JSON data block (`<script type="application/json"
id="ui-strings">`: not executed, so the Content-Security-Policy allows it); keys.js reads it
once and fills in the named placeholders (%(number)s) itself."""
from app.web.i18n import gettext


def messages():
    """keys.js's messages by key, in the interface's language."""
    return {
        "no_suggestion": gettext("Segment %(number)s has no suggestion to apply."),
        "only_one_suggestion": gettext("Segment %(number)s is the only one with this "
                                       "suggestion: S applies it."),
        "no_finding": gettext("Segment %(number)s has no open finding to dismiss."),
        "draft_restored": gettext("Your unsaved text was restored from this browser."),
        "nothing_to_undo": gettext("Nothing to undo."),
        "nothing_to_redo": gettext("Nothing to redo."),
        "not_once": gettext("“%(text)s” is not in your text once and only once: change it "
                            "there, or save and the checks run again."),
        "suggestion_typed": gettext("“%(suggestion)s” is in your text, not saved yet: Enter "
                                    "saves it."),
        "http_error": gettext("Error %(status)s: nothing was changed."),
        "unreachable": gettext("The server could not be reached. Nothing was saved; your "
                               "text is still in the editor."),
    }
