"""app.core.messages: errors carry a msgid and values apart, translated before they are
formatted (issue 19)."""
from app.core import limits
from app.core.messages import N_, Explained, explain

FRENCH = {
    "Segment %(n)s has no version %(version)s.": "Le segment %(n)s n’a pas de version %(version)s.",
    "%(where)s: %(problem)s": "%(where)s : %(problem)s",
    "Segment %(uid)s": "Segment %(uid)s",
    limits.SEGMENT_TOO_LONG["saved"]: "le segment compte %(size)s caractères ; la limite est de "
                                      "%(limit)s. Rien n’a été enregistré.",
}


def french(msgid):
    return FRENCH.get(msgid, msgid)


def grouped(n):
    return f"{n:,}".replace(",", "\u202f")


def test_str_is_the_english_text_and_the_msgid_stays_apart():
    exc = Explained(N_("Segment %(n)s has no version %(version)s."), n=4, version=9)
    assert str(exc) == "Segment 4 has no version 9."
    assert exc.msgid == "Segment %(n)s has no version %(version)s."
    assert exc.values == {"n": 4, "version": 9}


def test_the_msgid_is_translated_before_the_values_go_in():
    exc = Explained(N_("Segment %(n)s has no version %(version)s."), n=4, version=9)
    assert explain(exc, french) == "Le segment 4 n’a pas de version 9."


def test_nested_messages_and_numbers_follow_the_language():
    with_limit = limits.Limits(segment_chars=10_000)
    try:
        limits.check_segment("x" * 12_345, with_limit, limits.segment("u7"))
    except limits.TooLarge as exc:
        error = exc
    assert str(error).startswith("Segment u7: the segment has 12,345 characters; the limit "
                                 "is 10,000 a segment.")
    assert explain(error, french, grouped) == (
        "Segment u7 : le segment compte 12\u202f345 caractères ; la limite est de "
        "10\u202f000. Rien n’a été enregistré.")


def test_a_plain_exception_and_a_message_without_values_keep_their_text():
    assert explain(ValueError("50% off"), french) == "50% off"
    assert str(Explained("100% done")) == "100% done"
    assert explain(Explained("100% done"), french) == "100% done"


def test_wrapping_keeps_the_msgid_of_an_explained_error_and_the_text_of_others():
    class Outer(Explained):
        pass

    inner = Explained(N_("Segment %(n)s has no version %(version)s."), n=1, version=2)
    assert explain(Outer.wrapping(inner), french) == "Le segment 1 n’a pas de version 2."
    assert str(Outer.wrapping(ValueError("bad 100%"))) == "bad 100%"


def test_a_text_is_its_english_str_and_is_translated_where_shown():
    from app.core import resources
    from app.core.messages import Text

    off = resources.Resource("X", "x", False, "", "Adds.", ("fr-grammar", "fr-nbsp")).off
    assert off == "the fr-grammar check and the fr-nbsp check are off"
    assert isinstance(off, str) and isinstance(off, Text)
    words = {"the %(check)s check": "la vérification %(check)s",
             "%(first)s and %(second)s": "%(first)s et %(second)s",
             "%(items)s are off": "%(items)s sont désactivées"}
    assert explain(off, lambda msgid: words.get(msgid, msgid)) == (
        "la vérification fr-grammar et la vérification fr-nbsp sont désactivées")


def test_a_stored_text_comes_back_whole_and_capitalized_where_it_was():
    import json

    from app.core.messages import Text, capitalized, restored, stored

    label = Text(N_("edit of segment %(n)s"), n=8)
    undid = Text(N_("Undid: %(change)s"), change=capitalized(label))
    assert undid == "Undid: Edit of segment 8"
    back = restored(json.loads(json.dumps(stored(undid))))
    assert back == undid and back.msgid == undid.msgid
    words = {"edit of segment %(n)s": "modification du segment %(n)s",
             "Undid: %(change)s": "Annulation : %(change)s"}
    assert explain(back, lambda m: words.get(m, m)) == "Annulation : Modification du segment 8"
    error = Explained(N_("%(where)s: %(problem)s"), where="a.po:3",
                      problem=Explained(N_("Segment %(n)s has no version %(version)s."), n=1,
                                        version=2))
    assert restored(stored(error)) == str(error)
    assert stored("plain English") is None
    for bad in (None, "text", {"values": {}}, {"msgid": "%(missing)s", "values": {"n": 1}}):
        assert restored(bad) is None


def test_a_counted_text_takes_the_plural_form_of_its_count():
    """English: the singular for 1 only; elsewhere the catalog's ngettext chooses (French
    takes the singular for 0 and 1); stored with both forms, nested values too."""
    import json

    from app.core.messages import Counted, Text, capitalized, restored, stored

    def approved(n):
        return Counted("approval of %(n)s segment", "approval of %(n)s segments", n=n)

    assert [str(approved(n)) for n in (0, 1, 2, 1234)] == [
        "approval of 0 segments", "approval of 1 segment", "approval of 2 segments",
        "approval of 1,234 segments"]
    forms = {"approval of %(n)s segment": ("approbation de %(n)s segment",
                                           "approbation de %(n)s segments")}

    def french(singular, plural, n):
        return forms[singular][0 if n <= 1 else 1]

    assert [explain(approved(n), ngettext=french) for n in (0, 1, 2)] == [
        "approbation de 0 segment", "approbation de 1 segment", "approbation de 2 segments"]
    undid = Text(N_("Undid: %(change)s"), change=capitalized(approved(1)))
    assert undid == "Undid: Approval of 1 segment"
    back = restored(json.loads(json.dumps(stored(undid))))
    assert back == undid
    words = {"Undid: %(change)s": "Annulation : %(change)s"}
    assert explain(back, lambda m: words.get(m, m), ngettext=french) == (
        "Annulation : Approbation de 1 segment")
    assert restored({"msgid": "%(n)s a", "plural": "%(n)s b", "values": {}}) is None
