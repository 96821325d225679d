"""Forms (Flask-WTF, which also gives CSRF protection). Values are checked, and normalised,
by app.core.values, as everywhere else they enter.

Labels and messages are marked with lazy_gettext: a form class is made at import time, and
each label is translated when the page is shown. WTForms' own messages ("This field is
required.") come translated from its catalogs (Flask-WTF asks Flask-Babel for the locale)."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.fields import SelectChoice
from wtforms.validators import DataRequired, Length, ValidationError

from app.core import profiles, values
from app.web.i18n import explained, interface_lang, lazy_gettext


def language_code(form, field):
    """A language code such as fr, en, pt-BR (values.language), normalised in place."""
    try:
        field.data = values.language(field.data or "", str(field.label.text))
    except values.InvalidValue:
        raise ValidationError(lazy_gettext("Use a language code such as en, fr, de or "
                                           "pt-BR.")) from None


def document_title(form, field):
    """One line without control or bidi characters (values.title), stripped in place."""
    try:
        field.data = values.title(field.data or "", str(field.label.text))
    except values.InvalidValue as exc:
        raise ValidationError(explained(exc.problem)) from None


# Plain UTF-8 text: .txt, or Markdown (.md), imported as plain text (its markup kept as typed).
TEXT_FILE = FileAllowed(["txt", "md"], lazy_gettext("Upload a .txt or .md file (UTF-8 text)."))
MISSING_TEXT = {"reference": lazy_gettext("Paste the reference text or upload a file."),
                "target": lazy_gettext("Paste the target text or upload a file.")}


class NewDocumentForm(FlaskForm):
    title = StringField(lazy_gettext("Title"),
                        validators=[DataRequired(), Length(max=200), document_title])
    source_lang = StringField(lazy_gettext("Reference language"), default="en",
                              validators=[language_code])
    target_lang = StringField(lazy_gettext("Target language"), default="fr",
                              validators=[language_code])
    reference_text = TextAreaField(lazy_gettext("Reference text"))
    reference_file = FileField(lazy_gettext("or upload a .txt or .md file"),
                               validators=[TEXT_FILE])
    target_text = TextAreaField(lazy_gettext("Machine-translated text"))
    target_file = FileField(lazy_gettext("or upload a .txt or .md file"),
                            validators=[TEXT_FILE])

    @property
    def languages(self):
        """(code, name in the interface language) of the languages the page offers: those
        with a language profile (app/core/profiles.py). Any other valid code is still
        accepted, with the language-neutral checks only."""
        return profiles.offered(interface_lang())

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for text, upload, name in ((self.reference_text, self.reference_file, "reference"),
                                   (self.target_text, self.target_file, "target")):
            if not (text.data or "").strip() and not (upload.data and upload.data.filename):
                text.errors = list(text.errors) + [str(MISSING_TEXT[name])]
                ok = False
        if ok and self.source_lang.data == self.target_lang.data:
            self.target_lang.errors = list(self.target_lang.errors) + [
                str(lazy_gettext("The target language must differ from the reference "
                                 "language."))]
            ok = False
        return ok


class LoginForm(FlaskForm):
    username = StringField(lazy_gettext("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(lazy_gettext("Password"), validators=[DataRequired()])


# The role's value stays the stored id; its label is the role's name in the interface.
ROLE_CHOICES = [SelectChoice("translator", lazy_gettext("translator")),
                SelectChoice("reviewer", lazy_gettext("reviewer")),
                SelectChoice("admin", lazy_gettext("admin"))]


class UserForm(FlaskForm):
    username = StringField(lazy_gettext("Username"), validators=[DataRequired(), Length(max=80)])
    password = PasswordField(lazy_gettext("Password"), validators=[DataRequired()])
    role = SelectField(lazy_gettext("Role"), choices=ROLE_CHOICES)
