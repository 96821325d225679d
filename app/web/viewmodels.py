"""Small view models: what the templates show, computed here so templates hold no logic."""
from dataclasses import dataclass, field

from app.store import alignment
from app.store.models import STATE_APPROVED, STATE_EDITED

STATE_LABELS = {"mt": "MT", STATE_EDITED: "edited", STATE_APPROVED: "approved"}
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish",
                  "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "ru": "Russian",
                  "pl": "Polish", "cs": "Czech", "sv": "Swedish", "da": "Danish",
                  "fi": "Finnish", "el": "Greek", "ro": "Romanian", "hu": "Hungarian"}


def language_name(code):
    """English name of a language code, or the code itself."""
    return LANGUAGE_NAMES.get(code.split("-")[0].lower(), code)


@dataclass
class Flag:
    """One finding as shown on a highlighted span."""
    category: str
    severity: str
    message: str
    suggestion: str | None

    @property
    def tip(self):
        text = f"{self.category} ({self.severity}): {self.message}"
        return f"{text} Suggestion: {self.suggestion}" if self.suggestion else text


@dataclass
class Piece:
    """A run of target text with the findings that cover it (none: plain text)."""
    text: str
    flags: list = field(default_factory=list)

    @property
    def css(self):
        return " ".join(sorted({f"flag-{f.category}" for f in self.flags} |
                               {f"sev-{f.severity}" for f in self.flags}))

    @property
    def tip(self):
        return " · ".join(f.tip for f in self.flags)


def pieces(text, findings):
    """Split `text` at every finding boundary; each piece lists the findings covering it."""
    findings = [f for f in findings if f.category != "alignment"]  # shown as notes instead
    cuts = sorted({0, len(text)} | {max(0, min(len(text), p))
                                    for f in findings for p in (f.start, f.end)})
    out = []
    for start, end in zip(cuts, cuts[1:]):
        covering = [Flag(f.category, f.severity, f.message, f.suggestion)
                    for f in findings if f.start < end and f.end > start]
        out.append(Piece(text[start:end], covering))
    return out


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


def unit_row(unit):
    """View model of a unit row."""
    return UnitRow(id=unit.id, uid=unit.uid, number=unit.position + 1,
                   reference=unit.reference, target=unit.target, mt=unit.mt,
                   draft=unit.target, pieces=pieces(unit.target, unit.findings), state=unit.state,
                   state_label=STATE_LABELS.get(unit.state, unit.state),
                   version=unit.version,
                   findings=[Flag(f.category, f.severity, f.message, f.suggestion)
                             for f in unit.findings],
                   notes=[Flag(f.category, f.severity, f.message, f.suggestion)
                          for f in unit.findings if f.category == "alignment"],
                   empty_target=not unit.target)


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


def align_editor(session, unit):
    """What the alignment editor of a unit shows: its sentences on both sides."""
    doc = unit.document
    ref_sentences, tgt_sentences = alignment.unit_sentences(session, unit)
    return dict(row=unit_row(unit), src_lang=doc.source_lang, tgt_lang=doc.target_lang,
                sides=[AlignSide("reference", "Reference", ref_sentences, doc.source_lang,
                                 "ref_cut", focus=True),
                       AlignSide("target", language_name(doc.target_lang), tgt_sentences,
                                 doc.target_lang, "tgt_cut")],
                has_prev=unit.position > 0, has_next=unit.position < len(doc.units) - 1)


@dataclass
class AlignSide:
    """One side of the alignment editor: its sentences and the form field of its split point."""
    side: str
    label: str
    sentences: list
    lang: str
    cut_field: str
    focus: bool = False
