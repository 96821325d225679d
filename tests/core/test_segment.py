"""Paragraph and sentence segmentation: tables of cases, properties, the sample article."""
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.segment import (
    Segment,
    reassemble,
    segment_text,
    separators,
    split_paragraphs,
    split_sentences,
)

SAMPLE = Path(__file__).resolve().parents[2] / "source_texts" / "csto-kazakhstan.mt.fr.txt"
NBSP, NNBSP = "\u00a0", "\u202f"


def sentences(text, lang):
    return [text[s:e] for s, e in split_sentences(text, lang)]


# ---------------------------------------------------------------------------
# Paragraphs
# ---------------------------------------------------------------------------

PARAGRAPH_CASES = [
    ("one line", ["one line"]),
    ("a\nb\nc", ["a", "b", "c"]),
    ("a\n\nb\n\n\nc\n", ["a", "b", "c"]),
    ("a\r\nb\r\n\r\nc", ["a", "b", "c"]),
    ("  indented  \n\t\n  second ", ["indented", "second"]),
    ("old mac\rline", ["old mac", "line"]),
    ("", []),
    ("\n \n\t\n", []),
    (f"{NBSP}x{NBSP}\n", ["x"]),
]


@pytest.mark.parametrize("text, expected", PARAGRAPH_CASES)
def test_split_paragraphs(text, expected):
    assert [text[s:e] for s, e in split_paragraphs(text)] == expected


# ---------------------------------------------------------------------------
# Sentences: (language, paragraph, expected sentences)
# ---------------------------------------------------------------------------

SENTENCE_CASES = [
    # plain boundaries
    ("fr", "Il pleut. Il fait froid.", ["Il pleut.", "Il fait froid."]),
    ("fr", "Vraiment ? Oui !", ["Vraiment ?", "Oui !"]),
    ("fr", f"Vraiment{NBSP}? Oui{NNBSP}! Bien.", [f"Vraiment{NBSP}?", f"Oui{NNBSP}!", "Bien."]),
    ("fr", "Il attend… Puis il part.", ["Il attend…", "Puis il part."]),
    ("fr", "Elle est née en 1990. 3 000 personnes sont venues.",
     ["Elle est née en 1990.", "3 000 personnes sont venues."]),
    # closing quotes and brackets after the end punctuation
    ("fr", "Il a dit : « C’est fini. » Puis il est parti.",
     ["Il a dit : « C’est fini. »", "Puis il est parti."]),
    ("fr", f"Il a dit : «{NBSP}Non{NBSP}!{NBSP}» Ensuite, rien.",
     [f"Il a dit : «{NBSP}Non{NBSP}!{NBSP}»", "Ensuite, rien."]),
    ("en", 'He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
    ("en", "Is it over? (Nobody knows?) Yes.", ["Is it over?", "(Nobody knows?)", "Yes."]),
    # the next sentence opens with a quote or a dash
    ("fr", "Il s’arrête. « Non, dit-il. »", ["Il s’arrête.", "« Non, dit-il. »"]),
    ("fr", f"Il s’arrête. «{NBSP}Non.", ["Il s’arrête.", f"«{NBSP}Non."]),
    ("en", 'It ended. "Never again," she said.', ["It ended.", '"Never again," she said.']),
    ("fr", "C’est la fin. – Un témoin", ["C’est la fin.", "– Un témoin"]),
    # no boundary: lower case follows, or nothing
    ("fr", "Il attend... et puis rien.", ["Il attend... et puis rien."]),
    ("fr", "Quoi ? dit-il.", ["Quoi ? dit-il."]),
    ("fr", "Le texte « Le retrait […] La mission » est cité.",
     ["Le texte « Le retrait […] La mission » est cité."]),
    # abbreviations and initials (Moses nonbreaking prefixes)
    ("fr", "M. Dupont est arrivé.", ["M. Dupont est arrivé."]),
    ("fr", "On cite p. ex. Paris et Lyon.", ["On cite p. ex. Paris et Lyon."]),
    ("fr", "Voir l’art. 3 du code.", ["Voir l’art. 3 du code."]),
    ("fr", "Des fruits, des légumes, etc. Tout était là.", ["Des fruits, des légumes, etc. Tout était là."]),
    ("en", "Dr. Smith met Mr. Jones.", ["Dr. Smith met Mr. Jones."]),
    ("en", "J. K. Rowling wrote it.", ["J. K. Rowling wrote it."]),
    ("en", "The U.S. Army left.", ["The U.S. Army left."]),
    ("en", "See No. 5 on the list.", ["See No. 5 on the list."]),
    # numeric-only prefix: protected before a number only
    ("en", "He said No. Then he left.", ["He said No.", "Then he left."]),
    ("de", "Wir essen z. B. Brot.", ["Wir essen z. B. Brot."]),
    ("de", "Das steht in Nr. 5 der Liste.", ["Das steht in Nr. 5 der Liste."]),
    ("de", "Er kam am 3. Oktober 1990 an. Dann blieb er.",
     ["Er kam am 3. Oktober 1990 an.", "Dann blieb er."]),
    ("de", "Das ist gut. Wir gehen.", ["Das ist gut.", "Wir gehen."]),
    # unknown language: English lists
    ("xx", "Dr. Smith came. He left.", ["Dr. Smith came.", "He left."]),
    # URLs, addresses, handles and numbers are never cut
    ("fr", "Leurs bases https://t.co/M6XrayNalG", ["Leurs bases https://t.co/M6XrayNalG"]),
    ("fr", "Transport russe pic.twitter.com/6Gr7u3gbHP", ["Transport russe pic.twitter.com/6Gr7u3gbHP"]),
    ("en", "Read example.org/report.html first.", ["Read example.org/report.html first."]),
    ("en", "Read it at example.org. Then write.", ["Read it at example.org.", "Then write."]),
    ("en", "See https://example.org/a?b=C. Then go.", ["See https://example.org/a?b=C.", "Then go."]),
    ("en", "Mail john.Smith@example.org now.", ["Mail john.Smith@example.org now."]),
    ("fr", "– Liveuamap (@Liveuamap) 13 janvier 2022", ["– Liveuamap (@Liveuamap) 13 janvier 2022"]),
    ("fr", "Plus de 3 000 soldats, soit 7,5 % et 3.5 fois plus.",
     ["Plus de 3 000 soldats, soit 7,5 % et 3.5 fois plus."]),
    # a missing space after the period
    ("fr", "Casques bleus de l’OTSC.Fourni par l’OTSC.", ["Casques bleus de l’OTSC.", "Fourni par l’OTSC."]),
    ("fr", "Voir pic.twitter.com et t.co/Abc.", ["Voir pic.twitter.com et t.co/Abc."]),
    ("en", "Use Node.js or ASP.NET here.", ["Use Node.js or ASP.NET here."]),
    ("en", "Big cities, e.g. Paris or Rome, grew.", ["Big cities, e.g. Paris or Rome, grew."]),
    ("fr", "Des fruits etc.Tout était là.", ["Des fruits etc.Tout était là."]),
]

# Japanese, Chinese, Arabic and mixed scripts (issue 20): no space after a sentence in
# Japanese and Chinese; closers stay with their sentence; corner-bracket quotations whole.
CJK_RTL_CASES = [
    ("ja", "東京は晴れです。明日は雨が降るでしょう。", ["東京は晴れです。", "明日は雨が降るでしょう。"]),
    ("ja", "本当ですか？はい！行きます｡また明日。",
     ["本当ですか？", "はい！", "行きます｡", "また明日。"]),
    # half-width ? ! and a Latin period directly before kana or an ideograph
    ("ja", "本当?すごい!帰ります.また明日.", ["本当?", "すごい!", "帰ります.", "また明日."]),
    ("ja", "雨です（たぶん。）明日は晴れ。", ["雨です（たぶん。）", "明日は晴れ。"]),
    ("ja", "彼女は『もう遅い！』明日は来ない。", ["彼女は『もう遅い！』", "明日は来ない。"]),
    # a quoted sentence, or several, stays inside its sentence
    ("ja", "彼は「行きます。明日また来ます。」と言った。それから帰った。",
     ["彼は「行きます。明日また来ます。」と言った。", "それから帰った。"]),
    ("ja", "「行きます。」って言ったよね。", ["「行きます。」って言ったよね。"]),
    ("ja", "『本は「面白い。」と書いた。』と彼は言った。",
     ["『本は「面白い。」と書いた。』と彼は言った。"]),
    # dialogue: one quotation after the other
    ("ja", "「はい。」「いいえ。」", ["「はい。」", "「いいえ。」"]),
    # a closer without its opener, an opener never closed: cut as usual
    ("ja", "はい。」いいえ。「まだ。そうです。", ["はい。」", "いいえ。", "「まだ。", "そうです。"]),
    # an ellipsis, a full-width decimal point, the comma: no boundary
    ("ja", "そうですね……でも３．５です。", ["そうですね……でも３．５です。"]),
    ("ja", "東京、大阪、京都。", ["東京、大阪、京都。"]),
    ("zh", "今天天气很好。明天会下雨吗？会的！", ["今天天气很好。", "明天会下雨吗？", "会的！"]),
    ("zh", "他说：“我走了。”然后离开了。", ["他说：“我走了。”", "然后离开了。"]),
    # ； joins the clauses of one sentence (its English is one sentence with ";")
    ("zh", "我们走吧；他们留下。", ["我们走吧；他们留下。"]),
    ("zh", "美国.政府", ["美国.", "政府"]),
    ("zh", "U.S.政府说了。", ["U.S.政府说了。"]),
    # mixed scripts, either way
    ("ja", "東京は晴れです。This is fine. 明日は雨。", ["東京は晴れです。", "This is fine.", "明日は雨。"]),
    ("ja", "東京です。iPhoneを買った。", ["東京です。", "iPhoneを買った。"]),
    ("en", "The sign said 東京は晴れです。明日は雨。 Then we left.",
     ["The sign said 東京は晴れです。", "明日は雨。", "Then we left."]),
    ("en", "Use ASP.NET here.", ["Use ASP.NET here."]),
    # Arabic question mark and full stop; a Latin word and a number inside
    ("ar", "هل أنت بخير؟ نعم، أنا بخير. شكرا۔ حسنا",
     ["هل أنت بخير؟", "نعم، أنا بخير.", "شكرا۔", "حسنا"]),
    ("ar", "اشترى 3 أجهزة iPhone اليوم. ثم عاد؟ لا.",
     ["اشترى 3 أجهزة iPhone اليوم.", "ثم عاد؟", "لا."]),
    ("en", "He wrote مرحبا؟ and left. Then he came back.",
     ["He wrote مرحبا؟ and left.", "Then he came back."]),
]


@pytest.mark.parametrize("lang, text, expected", CJK_RTL_CASES)
def test_split_sentences_cjk_and_arabic(lang, text, expected):
    assert sentences(text, lang) == expected


def test_a_long_corner_quotation_is_cut_into_its_sentences():
    long_quote = "「" + "長い文です。" * 80 + "」と書いた。"
    assert len(sentences(long_quote, "ja")) == 80


@pytest.mark.parametrize("lang, text, expected", SENTENCE_CASES)
def test_split_sentences(lang, text, expected):
    assert sentences(text, lang) == expected


def test_sentence_spans_are_offsets_into_the_paragraph():
    text = "  Un. Deux.  "
    assert split_sentences(text, "fr") == [(2, 5), (6, 11)]


# ---------------------------------------------------------------------------
# Whole texts
# ---------------------------------------------------------------------------

def test_segment_text_offsets_and_paragraphs():
    text = "Un. Deux.\n\n  Trois ! Quatre ?\r\nCinq"
    segs = segment_text(text, "fr")
    assert [(s.text, s.paragraph) for s in segs] == [
        ("Un.", 0), ("Deux.", 0), ("Trois !", 1), ("Quatre ?", 1), ("Cinq", 2),
    ]
    assert all(text[s.start:s.end] == s.text for s in segs)
    seps = separators(text, segs)
    assert seps == ["", " ", "\n\n  ", " ", "\r\n", ""]
    assert reassemble(segs, seps) == text


def test_empty_text():
    assert segment_text("", "fr") == []
    assert separators("", []) == [""]
    assert reassemble([], ["  \n"]) == "  \n"


def test_separators_reject_foreign_segments():
    text = "Un. Deux."
    segs = segment_text(text, "fr")
    with pytest.raises(ValueError):
        separators(text, list(reversed(segs)))
    with pytest.raises(ValueError):
        separators(text, [Segment(0, 3, "Deux", 0)])
    with pytest.raises(ValueError):
        reassemble(segs, ["", ""])


ALPHABET = st.sampled_from(
    list("aZé É1 9.!?…,;:«»\"'’()[]-–/@") + ["\n", "\r\n", "\t", NBSP, NNBSP, "M. ", "Dr. ", ". ", "https://t.co/X"]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join), st.sampled_from(["fr", "en", "de", "xx"]))
def test_segmentation_properties(text, lang):
    segs = segment_text(text, lang)
    assert reassemble(segs, separators(text, segs)) == text
    prev_end, prev_par = 0, 0
    for seg in segs:
        assert seg.text == text[seg.start:seg.end]
        assert seg.text and seg.text == seg.text.strip()
        assert prev_end <= seg.start < seg.end
        assert seg.paragraph >= prev_par
        prev_end, prev_par = seg.end, seg.paragraph
    # Every non-space character is inside a segment: separators are blank (or empty).
    assert all(sep.strip() == "" for sep in separators(text, segs))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80), st.sampled_from(["fr", "en"]))
def test_segmentation_never_loses_text(text, lang):
    segs = segment_text(text, lang)
    assert reassemble(segs, separators(text, segs)) == text
    assert all(s.text and s.text == text[s.start:s.end] and not s.text[0].isspace()
               and not s.text[-1].isspace() for s in segs)
    assert all(sep.strip() == "" for sep in separators(text, segs))


# Latin, Japanese, Chinese and Arabic text with their marks, spaces, newlines and blank lines
MIXED_ALPHABET = st.sampled_from(
    list("aZé1 .!?…,«»\"()東京はです晴れ雨漢字中文ア、。｡！？；．「」『』（）“”مرحبا؟۔،٣")
    + ["\n", "\n\n", "\r\n", "\t", NBSP, "\u3000", "Dr. ", "。 ", "」と", "U.S.", "iPhone"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(MIXED_ALPHABET, max_size=80).map("".join),
       st.sampled_from(["ja", "zh", "ar", "en", "fr"]))
def test_mixed_scripts_segments_rebuild_the_text(text, lang):
    segs = segment_text(text, lang)
    seps = separators(text, segs)
    assert reassemble(segs, seps) == text
    assert all(seg.text == text[seg.start:seg.end] and seg.text == seg.text.strip() and seg.text
               for seg in segs)
    assert all(a.end <= b.start for a, b in zip(segs, segs[1:]))
    assert all(sep.strip() == "" for sep in seps)


# ---------------------------------------------------------------------------
# The sample article
# ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample():
    text = SAMPLE.read_text(encoding="utf-8")
    return text, segment_text(text, "fr")


def test_sample_paragraphs(sample):
    text, segs = sample
    assert len(split_paragraphs(text)) == len(text.strip().splitlines()) == 14
    assert {s.paragraph for s in segs} == set(range(14))
    assert reassemble(segs, separators(text, segs)) == text


@pytest.mark.parametrize("line", [
    "Le ministère russe de la Défense rapporte que le premier groupe de troupes aéroportées russes "
    "a quitté le Kazakhstan pour leurs bases https://t.co/M6XrayNalG",
    "Les troupes d’Arménie, du Tadjikistan et de Biélorussie se retireront complètement demain avec "
    "l’aide de l’aviation de transport russe pic.twitter.com/6Gr7u3gbHP",
    "– Liveuamap (@Liveuamap) 13 janvier 2022",
    "Casques bleus russes dans les rues kazakhes / OTSC",
    "Conférence de l’OTSC sur la state of affairs au Kazakhstan. / Secrétariat de l’OTSC YouTube",
])
def test_sample_lines_kept_whole(sample, line):
    _, segs = sample
    assert line in [s.text for s in segs]


def test_sample_known_sentences(sample):
    _, segs = sample
    texts = [s.text for s in segs]
    starts = [t for t in texts if t.startswith("Plus de 3 000 soldats")]
    assert len(starts) == 1 and starts[0].endswith("si la state of affairs se détériorait.")
    assert "Le secrétaire général de l’OTSC, Stanislav Zas, a déclaré :" in texts
    assert "Les militants et les terroristes ont été vaincus." in texts
    assert texts[-2:] == ["Picture de couverture : Casques bleus de l’OTSC lors de leur mission au Kazakhstan.",
                          "Fourni par l’OTSC."]
    # Every sentence of the article ends in end punctuation or is a whole line.
    lines = set(SAMPLE.read_text(encoding="utf-8").splitlines())
    assert all(t[-1] in ".!?:»" or t in lines for t in texts)


# The word in front of a period is found by a backward scan; it must be what the regex
# _BEFORE_DOT (the definition) finds, window limit included.
BEFORE_ALPHABET = st.sampled_from(list("ab.Z9_-é²'\"’”»)]%/ \u00a0,\t") + ["xyz"])


@given(st.lists(BEFORE_ALPHABET, max_size=120).map("".join), st.integers(0, 130),
       st.integers(0, 20))
@settings(max_examples=400)
def test_word_before_a_period_matches_its_regex(text, p0, lo):
    from app.core import segment as sg

    p0 = min(p0, len(text))
    lo = min(lo, p0)
    m = sg._BEFORE_DOT.search(text, max(lo, p0 - sg._WINDOW), p0)
    assert sg._word_before(text, lo, p0) == (m.start(), m.start("close"))
