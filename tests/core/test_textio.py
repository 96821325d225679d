import pytest

from app.core.textio import TextInputError, decode_text


@pytest.mark.parametrize("data, expected", [
    (b"Bonjour\n", "Bonjour\n"),
    (b"\xef\xbb\xbfBonjour", "Bonjour"),
    (b"a\r\nb\rc", "a\nb\nc"),
    ("« 3\u202f000 »\tok".encode(), "« 3\u202f000 »\tok"),
    # Line separators are line breaks for the segmenter: kept, between segments.
    ("Un.\u2028Deux.\u2029Trois.\x85Quatre.".encode(), "Un.\u2028Deux.\u2029Trois.\x85Quatre."),
])
def test_good_text(data, expected):
    assert decode_text(data, "f.txt") == expected


@pytest.mark.parametrize("data, line, words", [
    (b"ok\nok\n\xe9t\xe9\n", 3, "not UTF-8"),
    (b"ok\n\x00\x01\x02", 2, "control character U+0000"),
    ("ok\nok\nun \x96 deux".encode(), 3, "control character U+0096"),  # C1, no line break
    (b"  \n\n", 1, "empty"),
    (b"", 1, "empty"),
])
def test_bad_text_names_file_and_line(data, line, words):
    with pytest.raises(TextInputError) as caught:
        decode_text(data, "upload.txt")
    assert str(caught.value).startswith(f"upload.txt:{line}: ")
    assert words in str(caught.value)


def test_line_separators_stay_between_segments():
    from app.core import segment, textio

    text = decode_text("Premier point.\u2028Second point.\x85Troisième.\u2029Fin.".encode(),
                       "f.txt")
    segments = segment.segment_text(text, "fr")
    assert [s.text for s in segments] == ["Premier point.", "Second point.", "Troisième.",
                                          "Fin."]
    assert all(textio.first_forbidden(s.text) is None for s in segments)
