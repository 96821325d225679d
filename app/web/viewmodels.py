"""Small view models: what the templates show, computed here so templates hold no logic.
They read only what the views pass in (the views ask the store)."""
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from app.core import cldr, profiles
from app.core.messages import restored
from app.store.models import STATE_APPROVED, STATE_EDITED
from app.web.i18n import (decimal1, explained, gettext, interface_lang, lazy_gettext,
                           lazy_pgettext, ngettext, number)
from app.web.urls import unit_urls

# Labels made at import time are lazy: translated when a page shows them.
STATE_LABELS = {"mt": lazy_gettext("MT"), STATE_EDITED: lazy_gettext("edited"),
                STATE_APPROVED: lazy_gettext("approved")}
# What a revision's kind is called (a unit's History, the conflict view): the kind itself in
# English, a noun in context "revision kind" for the catalogs ("edit" is a verb elsewhere).
REVISION_KINDS = {
    "import": lazy_pgettext("revision kind", "import"),
    "edit": lazy_pgettext("revision kind", "edit"),
    "omission": lazy_pgettext("revision kind", "omission"),
    "approve": lazy_pgettext("revision kind", "approve"),
    "revert": lazy_pgettext("revision kind", "revert"),
    "replace": lazy_pgettext("revision kind", "replace"),
    "apply-suggestion": lazy_pgettext("revision kind", "apply-suggestion"),
    "realignment": lazy_pgettext("revision kind", "realignment"),
    "merge": lazy_pgettext("revision kind", "merge"),
    "split": lazy_pgettext("revision kind", "split"),
    "move": lazy_pgettext("revision kind", "move"),
    "detach": lazy_pgettext("revision kind", "detach"),
    "realign": lazy_pgettext("revision kind", "realign"),
    "dismiss": lazy_pgettext("revision kind", "dismiss"),
    "reopen": lazy_pgettext("revision kind", "reopen"),
    "undo": lazy_pgettext("revision kind", "undo"),
    "undo-text": lazy_pgettext("revision kind", "undo-text"),
    "redo": lazy_pgettext("revision kind", "redo")}


@lru_cache(maxsize=256)
def text_dir(lang):
    """The ``dir`` of a text in language ``lang``: "rtl" when its script runs right to left
    (its language profile: Arabic, Hebrew, Persian, Urdu), "ltr" for a language CLDR knows
    otherwise, "auto" (the text's first strong character decides) for a code it does not.
    Kept for each code (issue 14: CLDR's lookup takes some 4 µs, and each row asks twice)."""
    if profiles.right_to_left(lang):
        return "rtl"
    return "ltr" if cldr.locale(lang or "") is not None else "auto"


def language_name(code):
    """The name of a language code in the interface's language as written inside a sentence,
    from CLDR ("Arabic", "arabe", "Portuguese (Brazil)"), or the code when CLDR lacks it."""
    return cldr.language_name(code, interface_lang()) or code


@dataclass
class Flag:
    """One finding as shown on a highlighted span."""
    category: str
    severity: str
    message: str
    suggestion: str | None
    id: int | None = None
    text: str = ""
    start: int = 0        # span in the unit's saved target (end exclusive)
    end: int = 0

    @cached_property
    def tip(self):
        """What the finding's tooltip says (in the interface language; kept: a flag covering
        several pieces is in each one's tip)."""
        names = dict(category=gettext(self.category), severity=gettext(self.severity),
                     message=self.message)
        if self.suggestion:
            return gettext("%(category)s (%(severity)s): %(message)s Suggestion: "
                           "%(suggestion)s", suggestion=self.suggestion, **names)
        return gettext("%(category)s (%(severity)s): %(message)s", **names)


@dataclass
class Piece:
    """A run of target text with the findings that cover it (none: plain text)."""
    text: str
    flags: list = field(default_factory=list)
    hit: bool = False  # a search hit

    @property
    def css(self):
        return " ".join(sorted({f"flag-{f.category}" for f in self.flags} |
                               {f"sev-{f.severity}" for f in self.flags}))

    @cached_property
    def tip(self):  # shown twice: data-tip and aria-description
        return " · ".join(f.tip for f in self.flags)

    @property
    def finding(self):
        """The id of the finding D dismisses while this piece has the focus."""
        return self.flags[0].id if self.flags else None


def said(row):
    """A finding's or dismissal's message in the interface language: its stored message
    (row.said, issue 19) explained, else the English row.message (rows older than migration
    0020)."""
    text = restored(row.said)
    return explained(text) if text is not None else row.message


def pieces(text, findings, hits=(), messages=None):
    """Split `text` at every finding boundary and search hit (`hits`: sorted spans); each
    piece lists the findings covering it and says whether it is a hit (`messages`: each
    finding's said() by its id(), when the caller has them)."""
    findings = [f for f in findings if f.category != "alignment"]  # shown as notes instead
    cuts = sorted({0, len(text)} | {max(0, min(len(text), p))
                                    for f in findings for p in (f.start, f.end)}
                  | {p for span in hits for p in span})
    covering = [[] for _ in cuts[1:]]
    for f in findings:  # the pieces [cuts[k], cuts[k + 1]) that f overlaps, found by bisection
        first = max(0, bisect_right(cuts, f.start) - 1)
        last = min(len(covering), bisect_left(cuts, f.end))
        flag = Flag(f.category, f.severity,
                    said(f) if messages is None else messages[id(f)], f.suggestion, f.id)
        for k in range(first, last):
            covering[k].append(flag)
    starts = [start for start, _ in hits]
    return [Piece(text[start:end], flags, _within(hits, starts, start))
            for start, end, flags in zip(cuts, cuts[1:], covering)]


def _within(hits, starts, position):
    """Whether `position` falls in one of the sorted spans `hits` (`starts`: their starts)."""
    k = bisect_right(starts, position) - 1
    return k >= 0 and position < hits[k][1]


@dataclass
class UnitRow:
    """One aligned unit as a table row."""
    id: int
    uid: str
    number: int
    reference: str
    target: str
    mt: str
    draft: str
    pieces: list
    state: str
    state_label: str
    version: int
    findings: list
    notes: list
    empty_target: bool
    omitted: bool = False  # left out on purpose (an omission the translator confirmed)
    suggestion: Flag | None = None
    suggestion_count: int = 0
    alignable: bool = True
    ref_pieces: list = field(default_factory=list)  # the reference cut at search hits
    reference_dir: str = "ltr"  # dir of the reference's and the target's texts (text_dir)
    target_dir: str = "ltr"
    checks_pending: bool = False  # its slow checks (grammar) still run in the background

    @cached_property
    def urls(self):
        """The addresses of the unit's actions, its buttons' (app/web/urls.py)."""
        return unit_urls(self.id)


PAGE = 200  # rows rendered at once; the next ones load when the end of the table is reached


def window_limit(offset=0, keep=None):
    """How many rows to render from `offset`: PAGE, more to include the row at index `keep`
    (and half a page after it)."""
    return PAGE if keep is None else max(PAGE, keep - offset + PAGE // 2)


def window(units, offset=0, keep=None):
    """The units to render from `offset` (at least PAGE, more to include position `keep`) and
    the offset of the next window, or None when these are the last."""
    limit = window_limit(offset, keep)
    shown = units[offset:offset + limit]
    return shown, (offset + limit if offset + limit < len(units) else None)


def occurrences(units):
    """How often each (check, text, suggestion) finding occurs among `units`."""
    return Counter((f.check_id, f.text.lower(), f.suggestion) for u in units for f in u.findings
                   if f.suggestion is not None)


def offered(unit):
    """The unit's first finding with a suggestion (the one its row offers), or None."""
    return next((f for f in unit.findings if f.suggestion is not None), None)


def unit_row(unit, counts, hits=((), ())):
    """View model of a unit row (`counts`: how often each suggestion occurs in the document,
    as occurrences() or review.suggestion_counts() give it; `hits`: the spans of a search's
    hits in the reference and in the target, as review.hits() gives them)."""
    doc, findings = unit.document, unit.findings
    # Each finding's message, said once (issue 14: the pieces, the findings and the
    # suggestion each said it again, a catalog lookup and formatting every time).
    messages = {id(f): said(f) for f in findings}
    suggested = offered(unit)
    return UnitRow(suggestion_count=suggested and counts[
                       (suggested.check_id, suggested.text.lower(), suggested.suggestion)] or 0,
                   suggestion=suggested and Flag(suggested.category, suggested.severity,
                                                messages[id(suggested)], suggested.suggestion,
                                                suggested.id, suggested.text),
                   id=unit.id, uid=unit.uid, number=unit.position + 1,
                   reference=unit.reference, target=unit.target, mt=unit.mt,
                   draft=unit.target, pieces=pieces(unit.target, findings, hits[1], messages),
                   ref_pieces=marked(unit.reference, hits[0]), state=unit.state,
                   state_label=STATE_LABELS.get(unit.state, unit.state),
                   version=unit.version,
                   findings=[Flag(f.category, f.severity, messages[id(f)], f.suggestion, f.id,
                                  f.text, f.start, f.end) for f in findings],
                   notes=[Flag(f.category, f.severity, messages[id(f)], f.suggestion)
                          for f in findings if f.category == "alignment"],
                   empty_target=not unit.target, omitted=unit.omitted,
                   alignable=doc.kind != "po",
                   reference_dir=text_dir(doc.source_lang),
                   target_dir=text_dir(doc.target_lang),
                   checks_pending=bool(unit.checks_pending))


@dataclass
class Progress:
    """Counters of a document."""
    document_id: int
    segments: int = 0
    flagged: int = 0
    edited: int = 0
    approved: int = 0

    @property
    def approved_percent(self):
        return round(100 * self.approved / self.segments) if self.segments else 0

    @property
    def edited_percent(self):
        return round(100 * self.edited / self.segments) if self.segments else 0


def progress(document_id, counts):
    """Progress view model from store.documents.progress()."""
    return Progress(document_id, **counts.get(document_id, {}))


def align_editor(unit, row, sentences, has_next):
    """What the alignment editor of a unit shows: its sentences on both sides (`sentences`:
    (reference's, target's); `has_next`: a unit follows it)."""
    doc = unit.document
    ref_sentences, tgt_sentences = sentences
    return dict(row=row, src_lang=doc.source_lang, tgt_lang=doc.target_lang,
                sides=[AlignSide("reference", gettext("Reference"), ref_sentences,
                                 doc.source_lang,
                                 "ref_cut", focus=True),
                       AlignSide("target", language_name(doc.target_lang), tgt_sentences,
                                 doc.target_lang, "tgt_cut")],
                has_prev=unit.position > 0,
                has_next=has_next)


@dataclass
class AlignSide:
    """One side of the alignment editor: its sentences and the form field of its split point."""
    side: str
    label: str
    sentences: list
    lang: str
    cut_field: str
    focus: bool = False

    @property
    def dir(self):
        return text_dir(self.lang)


WHITESPACE_SYMBOLS = {"no-break space": "⍽", "narrow no-break space": "⍽", "tab": "→",
                      "line break": "↵"}


@dataclass
class DiffPiece:
    """Text of a diff op; whitespace other than a plain space is shown and named (`kind`:
    app.core.diff's English name of the character; `label`: that name as shown)."""
    text: str
    kind: str | None = None

    @property
    def label(self):
        return None if self.kind is None else gettext(self.kind)

    @property
    def shown(self):
        if self.kind is None:
            return self.text
        return WHITESPACE_SYMBOLS.get(self.kind, "␣") * max(1, len(self.text))


@dataclass
class DiffOp:
    kind: str  # equal, insert, delete
    pieces: list


def diff_ops(old, new):
    """A word-level diff as view objects for _diff.html."""
    from app.core import diff

    return [DiffOp(op.kind, [DiffPiece(text, label if op.kind != "equal" else None)
                             for text, label in diff.split_for_display(op.text)])
            for op in diff.diff_words(old, new)]


@dataclass
class RevisionView:
    """A revision in a unit's history, with its diff from the one before."""
    version: int
    kind: str
    author: str
    when: str
    state: str
    ops: list
    current: bool


def when(moment):
    """A timestamp as shown to users: day and minutes, in the user's time zone and the
    interface's language (app/web/i18n.py)."""
    from app.web import i18n

    return i18n.when(moment)


def history(unit):
    """Newest first: each revision and what it changed (the first: its whole text, the MT)."""
    out, previous = [], None
    for rev in unit.revisions:
        ops = diff_ops(previous.text if previous is not None else rev.text, rev.text)
        out.append(RevisionView(rev.version, kind_name(rev.kind), rev.author, when(rev.created_at),
                                STATE_LABELS.get(rev.state, rev.state), ops,
                                rev.version == unit.version))
        previous = rev
    return list(reversed(out))


def per_100(hter):
    """A post-editing effort (HTER: word edits per word of the final text) in the one unit
    the pages show it in: word edits per 100 words, one decimal."""
    return round(hter * 100, 1)


@dataclass
class ChangedRow:
    """A unit on the changes page (`effort`: word edits per 100 words)."""
    row: UnitRow
    ops: list
    effort: float
    last_author: str
    last_when: str


def changed_row(unit, effort, counts):
    last = unit.revisions[-1]
    return ChangedRow(unit_row(unit, counts), diff_ops(unit.mt, unit.target), per_100(effort),
                      last.author, when(last.created_at))


@dataclass
class Tick:
    """A tick of a chart's axis: where it is (x and y of its label) and its label."""
    x: float
    y: float
    label: str


@dataclass
class Bar:
    """A bar of the effort chart, with what its tooltip says."""
    x: float
    y: float
    width: float
    height: float
    label: str


@dataclass
class EffortChart:
    """The changes page's bar chart of post-editing effort per segment (inline SVG
    geometry): axes, ticks and their labels, axis titles, a text description."""
    bars: list
    x_ticks: list
    y_ticks: list
    width: int
    height: int
    left: int
    right: int
    top: int
    base: int
    desc: str

    @property
    def middle(self):
        return (self.left + self.right) / 2

    @property
    def y_title(self):  # rotated -90°: x along the plot's height, upwards
        return -(self.top + self.base) / 2

    @property
    def x_title(self):  # the baseline of the x axis's title
        return self.height - 6

    @property
    def tick_end(self):  # where a tick mark below the x axis ends
        return self.base + 4


CHART = dict(left=56, right_margin=14, top=12, plot_height=120, bottom=44, bar=6)


def _nice_top(largest):
    """The top of the effort axis: a round value at or above the largest (at least 10)."""
    for top in (10, 20, 25, 50, 100, 150, 200, 300, 500):
        if largest <= top:
            return top
    return -(-largest // 100) * 100


def _x_step(count):
    """A round step between segment numbers on the x axis: at most about 12 labels."""
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if count / step <= 12:
            return step
    return -(-count // 10000) * 1000


def effort_chart(hters):
    """The chart of each segment's effort (`hters`: HTER per unit, in document order), in
    word edits per 100 words."""
    values = [per_100(v) for v in hters]
    count, top = max(1, len(values)), _nice_top(max(values, default=0))
    left, plot_top, plot_height = CHART["left"], CHART["top"], CHART["plot_height"]
    step = max(240, count * CHART["bar"]) / count
    right, base = left + step * count, plot_top + plot_height
    bars = [Bar(left + i * step + step * 0.15, base - h, step * 0.7, h,
                _bar_label(i + 1, v))
            for i, v in enumerate(values) if v and (h := max(2, round(v / top * plot_height)))]
    numbers = sorted({1, *range(_x_step(count), count + 1, _x_step(count))})
    x_ticks = [Tick(left + (n - 0.5) * step, base + 16, str(n)) for n in numbers]
    y_ticks = [Tick(left - 6, base - f * plot_height, number(top * f))  # 7.5 / 7,5
               for f in (0, 0.25, 0.5, 0.75, 1)]
    return EffortChart(bars, x_ticks, y_ticks, round(right + CHART["right_margin"]),
                       base + CHART["bottom"], left, round(right), plot_top, base,
                       _chart_desc(values))


def _bar_label(n, value):
    return gettext("Segment %(n)s: %(value)s word edits per 100 words", n=number(n),
                   value=decimal1(value))


def _chart_desc(values):
    """What the chart shows, in words (for screen readers): two sentences."""
    edited = [(v, i + 1) for i, v in enumerate(values) if v]
    bars = ngettext("Bars from segment 1 to segment %(num)s, one per segment; its height is "
                    "the segment's word edits per 100 words.",
                    "Bars from segment 1 to segment %(num)s, one per segment; its height is "
                    "the segment's word edits per 100 words.", len(values),
                    num=number(len(values)))
    if not edited:
        return bars + " " + gettext("No segment edited.")
    value, at = max(edited, key=lambda e: (e[0], -e[1]))
    most = ngettext("%(num)s segment edited; the most, segment %(at)s, at %(value)s.",
                    "%(num)s segments edited; the most, segment %(at)s, at %(value)s.",
                    len(edited), num=number(len(edited)), at=number(at),
                    value=decimal1(value))
    return bars + " " + most


@dataclass
class FilterOptions:
    """Choices of the document page's filter bar."""
    states: list
    categories: list
    sides: list


def filter_options():
    from app.core.checks import CATEGORIES

    return FilterOptions(states=[("", gettext("any state"))] + list(STATE_LABELS.items()),
                         categories=[("", gettext("any finding"))]
                         + [(c, gettext(c)) for c in CATEGORIES],
                         sides=[("both", gettext("both sides")),
                                ("reference", gettext("reference")),
                                ("target", gettext("target"))])


@dataclass
class DismissalView:
    """A dismissed finding as the editor lists it, to reopen it."""
    id: int
    check: str
    text: str
    message: str
    author: str
    reason: str
    when: str


def dismissals(rows):
    """View models of dismissals (review.dismissed gives them oldest first)."""
    return [DismissalView(d.id, d.check_id or d.key.partition(":")[0], d.text, said(d),
                          d.author, d.reason, when(d.created_at)) for d in rows]


@dataclass
class CommentView:
    author: str
    when: str
    text: str


def comments(unit):
    """A unit's comments, oldest first."""
    return comment_views(unit.comments)


def comment_views(rows):
    """View models of comments given oldest first (unit.comments, review.editor_reads's)."""
    return [CommentView(c.author, when(c.created_at), c.text) for c in rows]


@dataclass
class OperationView:
    """A change of the document's operation log."""
    id: int
    description: str
    author: str
    when: str
    undone: bool
    undoable: bool


@dataclass
class UndoAction:
    """What an Undo or Redo button acts on: the entry and what the button says."""
    id: int
    label: str
    description: str
    author: str
    when: str


@dataclass
class UndoBar:
    """The document's Undo and Redo buttons (None: not offered)."""
    undo: UndoAction | None
    redo: UndoAction | None


def kind_name(kind):
    """A revision's kind as the pages name it, in the interface's language."""
    name = REVISION_KINDS.get(kind)
    return str(name) if name is not None else kind


def undo_action(operation, label):
    """`label`: history.label(operation) (a messages.Text, shown translated, or a str)."""
    if operation is None:
        return None
    return UndoAction(operation.id, explained(label), described(operation), operation.author,
                      when(operation.created_at))


def described(operation):
    """An undo history entry's description in the interface's language (the English text
    it stored when it kept no message: entries made before issue 19; see
    app/store/history.py's description)."""
    said = restored(((operation.detail or {}).get("said") or {}).get("description"))
    return explained(said) if said is not None else operation.description


def operation_log(ops):
    return [OperationView(o.id, described(o), o.author, when(o.created_at), o.undone,
                          not o.undone and o.kind not in ("undo", "undo-text", "redo"))
            for o in ops]


@dataclass
class OccurrenceView:
    """One occurrence of a replace preview, offered with its own checkbox."""
    value: str      # what its checkbox sends: UNIT ID:VERSION:OCCURRENCE NUMBER
    number: int     # the segment's number
    before: str     # the words before it ("…" when cut)
    old: str
    new: str
    after: str


CONTEXT = 32  # characters of context shown on each side of an occurrence, about five words


def _before(text):
    if len(text) <= CONTEXT:
        return text
    cut = text[-CONTEXT:]
    return "…" + cut[cut.find(" ") + 1:] if " " in cut else "…" + cut


def _after(text):
    if len(text) <= CONTEXT:
        return text
    cut = text[:CONTEXT]
    return (cut[:cut.rfind(" ")] if " " in cut else cut) + "…"


def occurrence_views(unit, items):
    """The occurrences of a replace in `unit` (app.core.replace.Occurrence), with the words
    around each."""
    text = unit.target
    return [OccurrenceView(f"{unit.id}:{unit.version}:{o.number}", unit.position + 1,
                           _before(text[:o.start]), text[o.start:o.end], o.new,
                           _after(text[o.end:])) for o in items]


@dataclass
class Marked:
    """A run of text, a search hit or not."""
    text: str
    hit: bool = False


def marked(text, spans):
    """`text` cut at the search hits' `spans` (sorted, not overlapping)."""
    out, last = [], 0
    for start, end in spans:
        if start > last:
            out.append(Marked(text[last:start]))
        out.append(Marked(text[start:end], True))
        last = end
    if last < len(text):
        out.append(Marked(text[last:]))
    return out


def segments(count):
    """'1 segment', '1,234 segments' (the language's plural and digits)."""
    return ngettext("%(num)s segment", "%(num)s segments", count, num=number(count))


def occurrences_in(occurrences, segments):
    """'12 occurrences in 7 segments': one msgid for each count's plural (a sentence with
    two counts: each plural chosen by its own number)."""
    # TRANSLATORS: %(segments)s is "7 segments" (the entry "%(num)s segment"), translated apart.
    return ngettext("%(num)s occurrence in %(segments)s", "%(num)s occurrences in %(segments)s",
                    occurrences, num=number(occurrences),
                    segments=ngettext("%(num)s segment", "%(num)s segments", segments,
                                      num=number(segments)))


def search_found(count):
    """'12 occurrences in 7 segments' (None without a search: review.SearchCount or None)."""
    if count is None:
        return None
    return occurrences_in(count.occurrences, count.segments)
