"""Per-language tables of the profile-driven checks (issue 20): number-format, quote-style,
space-before-punctuation and inverted-marks. Each row: reference, target, target language,
and the exact (text, fix) findings expected of that check; [] means the pair is clean.
The pairs are our own sentences."""
import pytest

from app.core.checks import run_checks

NB, NN = "\u00a0", "\u202f"


def found(check_id, reference, target, target_lang, source="en"):
    return [(f.text, f.suggestion) for f in run_checks(reference, target, source, target_lang)
            if f.check_id == check_id]


NUMBER_FORMAT = [
    # German: point for groups, comma for decimals
    ("de", "About 3,000 people came.", "Etwa 3,000 Menschen kamen.", [("3,000", "3.000")]),
    ("de", "About 3,000 people came.", "Etwa 3.000 Menschen kamen.", []),
    ("de", "Growth was 7.5 percent.", "Das Wachstum betrug 7.5 Prozent.", [("7.5", "7,5")]),
    ("de", "Growth was 7.5 percent.", "Das Wachstum betrug 7,5 Prozent.", []),
    ("de", "It costs 1,234.50 euros.", "Es kostet 1,234.50 Euro.", [("1,234.50", "1.234,50")]),
    ("de", "It costs 1,234.50 euros.", "Es kostet 1.234,50 Euro.", []),
    ("de", "About 1,000 files.", "Etwa 1.000 Dateien.", []),
    ("de", "Version 3.2.1 is out.", "Version 3.2.1 ist erschienen.", []),
    ("de", "Requires Python 3.12.", "Erfordert Python 3.12.", []),
    ("de", "We meet at 7.30 pm.", "Wir treffen uns um 7.30 Uhr.", []),
    ("de", "See https://example.org/v1.5/docs for 2.5 details.",
     "Siehe https://example.org/v1.5/docs für 2,5 Details.", []),
    ("de", "Call `set_ratio(1.5)` first.", "Rufen Sie zuerst `set_ratio(1.5)` auf.", []),
    ("de", "Use the key item_2.5b.", "Verwenden Sie den Schlüssel item_2.5b.", []),
    ("de", "In 2024, sales rose.", "Im Jahr 2024 stieg der Umsatz.", []),
    ("de", "About 3,000 people came.", "Etwa 3 000 Menschen kamen.", []),   # DIN 5008 space
    # Swiss German: apostrophe for groups, point for decimals
    ("de-CH", "About 3,000 people came.", "Etwa 3,000 Menschen kamen.", [("3,000", "3'000")]),
    ("de-CH", "About 3,000 people came.", "Etwa 3.000 Menschen kamen.", [("3.000", "3'000")]),
    ("de-CH", "About 3,000 people came.", "Etwa 3'000 Menschen kamen.", []),
    ("de-CH", "Growth was 7.5 percent.", "Das Wachstum betrug 7.5 Prozent.", []),
    # Spanish, Italian, Portuguese, Dutch
    ("es", "About 3,000 people came.", "Vinieron unas 3,000 personas.", [("3,000", "3.000")]),
    ("es", "Growth was 2.5 percent.", "El crecimiento fue del 2.5 por ciento.", [("2.5", "2,5")]),
    ("es", "Growth was 2.5 percent.", "El crecimiento fue del 2,5 por ciento.", []),
    ("es", "Version 2.5 is out.", "Ya salió la versión 2.5.", []),
    ("it", "Growth was 2.5 percent.", "La crescita è stata del 2.5 per cento.", [("2.5", "2,5")]),
    ("pt-BR", "About 3,000 people came.", "Cerca de 3,000 pessoas vieram.", [("3,000", "3.000")]),
    ("nl", "Growth was 2.5 percent.", "De groei was 2,5 procent.", []),
    # Polish and Russian: no-break space between groups
    ("pl", "About 10,000 people came.", "Przyszło około 10,000 osób.", [("10,000", f"10{NB}000")]),
    ("pl", "About 10,000 people came.", "Przyszło około 10 000 osób.", [("10 000", f"10{NB}000")]),
    ("pl", "About 10,000 people came.", f"Przyszło około 10{NB}000 osób.", []),
    ("ru", "About 10,000 people came.", "Пришло около 10 000 человек.", [("10 000", f"10{NB}000")]),
    ("ru", "About 10,000 people came.", f"Пришло около 10{NB}000 человек.", []),
    ("ru", "Growth was 7.5 percent.", "Рост составил 7.5 процента.", [("7.5", "7,5")]),
    ("ru", "Rooms 12 and 345 are free.", "Комнаты 12 345 свободны.", []),   # not one number
    # languages that write numbers as English does
    ("ja", "About 3,000 people came.", "約3,000人が来ました。", []),
    ("zh", "Growth was 7.5 percent.", "增长了7.5%。", []),
    ("en", "Environ 3 000 personnes.", "About 3,000 people.", []),
    # a reference that writes numbers otherwise says nothing about the target's
    ("de", "Environ 3 000 personnes.", "Etwa 3,000 Menschen.", []),
]


@pytest.mark.parametrize("lang,reference,target,expected", NUMBER_FORMAT)
def test_number_format(lang, reference, target, expected):
    source = "fr" if reference.startswith("Environ") else "en"
    assert found("number-format", reference, target, lang, source) == expected


def test_number_format_leaves_french_to_its_own_check():
    pair = ("About 3,000 people came.", "Environ 3,000 personnes sont venues.")
    assert found("number-format", *pair, "fr") == []
    assert found("fr-number-format", *pair, "fr") == [("3,000", f"3{NN}000")]


def test_no_language_specific_check_without_a_profile():
    ids = {"number-format", "quote-style", "inverted-marks", "space-before-punctuation"}
    pairs = [("About 3,000 people came.", 'Omkring 3,000 "personer" kom ?'),
             ("Really?", "Verdad?")]
    for reference, target in pairs:
        assert [f for f in run_checks(reference, target, "en", "sv") if f.check_id in ids] == []


QUOTE_STYLE = [
    # German „…“ (and » « in books)
    ("de", 'Click "Save".', 'Klicken Sie auf "Speichern".', [('"Speichern"', "„Speichern“")]),
    ("de", 'Click "Save".', "Klicken Sie auf „Speichern“.", []),
    ("de", 'Click "Save".', "Klicken Sie auf »Speichern«.", []),
    ("de", 'Click "Save".', "Klicken Sie auf “Speichern”.", [("“Speichern”", "„Speichern“")]),
    ("de", 'Click "Save".', "Klicken Sie auf «Speichern».", [("«Speichern»", "„Speichern“")]),
    ("de", 'Click "Save" or "Open".', "Klicken Sie auf „Speichern“ oder “Öffnen”.",
     [("“Öffnen”", "„Öffnen“")]),
    ("de", 'Set "name=value".', 'Setzen Sie "name=value".', []),          # code
    ("de", 'Run `echo "hi"`.', 'Führen Sie `echo "hi"` aus.', []),        # code span
    ("de", 'Use <a href="x">this</a>.', 'Verwenden Sie <a href="x">dies</a>.', []),  # markup
    ("de", 'Set the mode to "quiet".', 'Setzen Sie den Modus auf "quiet".', []),  # value kept
    ("de", "He said: «yes».", "Er sagte: »Ja«, und »Nein«.", []),
    # Swiss German «…»
    ("de-CH", 'Click "Save".', "Klicken Sie auf «Speichern».", []),
    ("de-CH", 'Click "Save".', "Klicken Sie auf „Speichern“.", [("„Speichern“", "«Speichern»")]),
    ("de-CH", 'Click "Save".', 'Klicken Sie auf "Speichern".', [('"Speichern"', "«Speichern»")]),
    # Spanish «…» (“…” and ‘…’ inside)
    ("es", 'Click "Save".', 'Haga clic en "Guardar".', [('"Guardar"', "«Guardar»")]),
    ("es", 'Click "Save".', "Haga clic en «Guardar».", []),
    ("es", 'He asked "why?"', "Preguntó «¿por qué?»", []),
    ("es", 'He said "the word "yes" is enough".', "Dijo «la palabra “sí” basta».", []),
    # Polish „…”
    ("pl", 'Click "Save".', "Kliknij „Zapisz”.", []),
    ("pl", 'Click "Save".', "Kliknij „Zapisz“.", [("„Zapisz“", "„Zapisz”")]),
    ("pl", 'Click "Save".', 'Kliknij "Zapisz".', [('"Zapisz"', "„Zapisz”")]),
    ("pl", 'Click "Save".', "Kliknij “Zapisz”.", [("“Zapisz”", "„Zapisz”")]),
    # Russian «…», „…“ inside
    ("ru", 'Click "Save".', "Нажмите «Сохранить».", []),
    ("ru", 'Click "Save".', 'Нажмите "Сохранить".', [('"Сохранить"', "«Сохранить»")]),
    ("ru", 'Click "Save".', "Нажмите “Сохранить”.", [("“Сохранить”", "«Сохранить»")]),
    ("ru", 'He said "say "yes"".', "Он сказал «скажи „да“».", []),
    # Japanese 「…」, Chinese “…”
    ("ja", 'Click "Save".', "「保存」をクリックします。", []),
    ("ja", 'Click "Save".', "“保存”をクリックします。", [("“保存”", "「保存」")]),
    ("ja", 'Click "Save".', '"保存"をクリックします。', [('"保存"', "「保存」")]),
    ("zh", 'Click "Save".', "点击“保存”。", []),
    ("zh", 'Click "Save".', '点击"保存"。', [('"保存"', "“保存”")]),
    ("zh-TW", 'Click "Save".', "點擊「儲存」。", []),
    # Italian and Portuguese
    ("it", 'Click "Save".', 'Fai clic su "Salva".', [('"Salva"', "«Salva»")]),
    ("it", 'Click "Save".', "Fai clic su «Salva».", []),
    ("pt", 'Click "Save".', "Clique em “Salvar”.", []),
    ("pt", 'Click "Save".', 'Clique em "Salvar".', [('"Salvar"', "“Salvar”")]),
    # English, Dutch and Arabic accept straight quotes
    ("en", 'Cliquez sur « Enregistrer ».', 'Click "Save".', []),
    ("nl", 'Click "Save".', 'Klik op "Opslaan".', []),
    ("ar", 'Click "Save".', 'انقر على "حفظ".', []),
]


@pytest.mark.parametrize("lang,reference,target,expected", QUOTE_STYLE)
def test_quote_style(lang, reference, target, expected):
    source = "fr" if lang == "en" else "en"
    assert found("quote-style", reference, target, lang, source) == expected


SPACE_BEFORE = [
    ("de", "Warum ?", [(" ", "")]),
    ("de", "Achtung : heiß", [(" ", "")]),
    ("de", "Warum?", []),
    ("de", "Um 18:30 Uhr", []),
    ("pl", "Dlaczego ?", [(" ", "")]),
    ("pl", "Uwaga ; gorące", [(" ", "")]),
    ("pl", "Dlaczego?", []),
    ("ru", "Почему ?", [(" ", "")]),
    ("en", "Why ?", [(" ", "")]),
    ("en", "See https://example.org/?q=1 now", []),
    ("es", "¿Por qué ?", [(" ", "")]),
]


@pytest.mark.parametrize("lang,target,expected", SPACE_BEFORE)
def test_space_before_punctuation(lang, target, expected):
    assert found("space-before-punctuation", "", target, lang, "fr") == expected


INVERTED_MARKS = [
    ("Are you coming?", "¿Vienes?", []),
    ("Are you coming?", "Vienes?", [("Vienes?", "¿Vienes?")]),
    ("Hello. Are you coming tomorrow?", "Hola. Vienes mañana?",
     [("Vienes mañana?", "¿Vienes mañana?")]),
    ("If it rains, are you coming?", "Si llueve, ¿vienes?", []),
    ("Hello! How are you?", "¡Hola! ¿Qué tal?", []),
    ("What are you saying!", "¡Qué dices?", []),                     # RAE: ¡…? allowed
    ('He said: "Are you coming?"', "Dijo: «¿Vienes?»", []),
    ('He said: "Are you coming?"', "Dijo: «Vienes?»", [("Vienes?", "¿Vienes?")]),
    ("Error!", "Error!", [("Error!", "¡Error!")]),
    ("Error!", "¡Error!", []),
    ("Are you coming. Yes.", "¿Vienes. Sí.", [("¿Vienes.", "¿Vienes?")]),
    ("Are you coming", "¿Vienes", [("¿Vienes", "¿Vienes?")]),
    ("And if... he does not come?", "¿Y si... no viene?", []),
    ("Open https://x.org/?page=2 now.", "Abra https://x.org/?page=2 ahora.", []),
    ("Run `ls -la?` now.", "Ejecute `ls -la?` ahora.", []),
    ("Really?! Yes.", "¿¡En serio!? Sí.", []),
    ("Who? Where?", "¿Quién? Dónde?", [("Dónde?", "¿Dónde?")]),
    ("Did Mr. López come?", "¿Vino el Sr. López?", []),
    ("Is it in the U.S. or not?", "¿Está en EE. UU. o no?", []),
    ("Page 3. Are you coming?", "Página 3. Vienes?", [("Vienes?", "¿Vienes?")]),
]


@pytest.mark.parametrize("reference,target,expected", INVERTED_MARKS)
def test_inverted_marks(reference, target, expected):
    assert found("inverted-marks", reference, target, "es") == expected


def test_inverted_marks_are_spanish_only():
    assert found("inverted-marks", "Are you coming?", "Vieni?", "it") == []
    assert found("inverted-marks", "Are you coming?", "Vienes?", "es-MX") == [
        ("Vienes?", "¿Vienes?")]
