"""Forms (Flask-WTF, which also gives CSRF protection). Values are checked, and normalised,
by app.core.values, as everywhere else they enter."""
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.core import values


def language_code(form, field):
    """A language code such as fr, en, pt-BR (values.language), normalised in place."""
    try:
        field.data = values.language(field.data or "", field.label.text)
    except values.InvalidValue:
        raise ValidationError("Use a language code such as en, fr, de or pt-BR.") from None


def document_title(form, field):
    """One line without control or bidi characters (values.title), stripped in place."""
    try:
        field.data = values.title(field.data or "", field.label.text)
    except values.InvalidValue as exc:
        raise ValidationError(exc.problem) from None


# Plain UTF-8 text: .txt, or Markdown (.md), imported as plain text (its markup kept as typed).
TEXT_FILE = FileAllowed(["txt", "md"], "Upload a .txt or .md file (UTF-8 text).")


class NewDocumentForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired(), Length(max=200), document_title])
    source_lang = StringField("Reference language", default="en", validators=[language_code])
    target_lang = StringField("Target language", default="fr", validators=[language_code])
    reference_text = TextAreaField("Reference text")
    reference_file = FileField("or upload a .txt or .md file", validators=[TEXT_FILE])
    target_text = TextAreaField("Machine-translated text")
    target_file = FileField("or upload a .txt or .md file", validators=[TEXT_FILE])

    def validate(self, extra_validators=None):
        ok = super().validate(extra_validators)
        for text, upload, name in ((self.reference_text, self.reference_file, "reference"),
                                   (self.target_text, self.target_file, "target")):
            if not (text.data or "").strip() and not (upload.data and upload.data.filename):
                text.errors = list(text.errors) + [f"Paste the {name} text or upload a file."]
                ok = False
        if ok and self.source_lang.data == self.target_lang.data:
            self.target_lang.errors = list(self.target_lang.errors) + [
                "The target language must differ from the reference language."]
            ok = False
        return ok


class LoginForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired()])


class UserForm(FlaskForm):
    username = StringField("Username", validators=[DataRequired(), Length(max=80)])
    password = PasswordField("Password", validators=[DataRequired()])
    role = SelectField("Role", choices=["translator", "reviewer", "admin"])
