"""What `show` answers: a cable from the index, whole or narrowed to the cited paragraphs.

The refs are computed here from all the cable's paragraphs (`index.documents.occurrences`,
the rule the index stores for hits), so a paragraph shown is named exactly as search names
it, and a ref that names several paragraphs (`¶10` in a cable with two) says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from cablesearch.cable import Cable, Paragraph
from cablesearch.index.documents import occurrences
from cablesearch.search.errors import UnknownRef
from cablesearch.search.refgraph import CableCard
from cablesearch.search.refs import (
    Number,
    Position,
    Selector,
    Span,
    format_ref,
    label,
    plusd_url,
    viewer_url,
)


@dataclass(frozen=True)
class Cited:
    """One citable thing shown: a paragraph (`ref` `08ASTANA1111 ¶3`, its `marking`) or,
    where no paragraph is cited, the whole cable (`ref` is the cable id, `marking` its
    classification). The fields `citation.citation` reads, as a `Hit` has them, and the
    cable's `classification` and `released` date that reference-manager styles add."""

    cable: str
    ref: str
    subject: str | None
    origin: str | None
    created: str | None
    marking: str | None
    url: str | None
    plusd_url: str
    text: str | None
    classification: str | None = None
    released: str | None = None


@dataclass(frozen=True)
class Shown:
    """`cable` holds every paragraph; `paragraphs` the ones to show (all, or the cited
    ones with their neighbours); `cited` the seqs of the cited paragraphs, `focus` the
    first of them (None for a whole cable); `notes` what the reader should know, such as a
    cited number that the cable repeats; `cited_by` the indexed cables whose REF lines
    name this one, oldest first."""

    cable: Cable
    paragraphs: tuple[Paragraph, ...]
    focus: int | None = None
    cited: tuple[int, ...] = ()
    notes: tuple[str, ...] = ()
    cited_by: tuple[CableCard, ...] = ()

    @cached_property
    def _copies(self) -> dict[int, int]:
        return occurrences(self.cable.paragraphs)

    def ref(self, paragraph: Paragraph) -> str:
        """The paragraph's citable ref, the one search prints for it."""
        return format_ref(self.cable.id, paragraph.number, self._copies.get(paragraph.seq))

    def url(self, paragraph: Paragraph | None = None) -> str | None:
        """The WikiLeaks viewer URL of the cable, anchored on the paragraph if given."""
        number = paragraph.number if paragraph is not None else None
        return viewer_url(self.cable.id, self.cable.created, number)

    def citables(self) -> tuple[Cited, ...]:
        """The cited paragraphs, or the whole cable when none is cited."""
        cable = self.cable
        if not self.cited:
            return (Cited(cable.id, cable.id, cable.subject, cable.origin, cable.created,
                          cable.classification, self.url(), plusd_url(cable.id), None,
                          cable.classification, cable.released),)
        by_seq = {p.seq: p for p in cable.paragraphs}
        return tuple(
            Cited(cable.id, self.ref(p), cable.subject, cable.origin, cable.created,
                  p.marking, self.url(p), plusd_url(cable.id), p.text, cable.classification,
                  cable.released)
            for p in (by_seq[seq] for seq in self.cited))

    def to_json(self) -> dict:
        """The `parse` JSON of the cable with its URLs, the shown paragraphs each with
        `ref` and `url`, `focus` (the first cited ref), `cited` (all) and `notes`."""
        data = self.cable.to_json()
        data["url"], data["plusd_url"] = self.url(), plusd_url(self.cable.id)
        shown = {p.seq for p in self.paragraphs}
        data["paragraphs"] = [
            {"ref": self.ref(p), "url": self.url(p), **item}
            for p, item in zip(self.cable.paragraphs, data["paragraphs"], strict=True)
            if p.seq in shown
        ]
        refs = {p.seq: self.ref(p) for p in self.cable.paragraphs}
        data["focus"] = refs.get(self.focus) if self.focus is not None else None
        data["cited"] = [refs[seq] for seq in self.cited]
        data["notes"] = list(self.notes)
        data["cited_by"] = [card.to_json() for card in self.cited_by]
        return data


def select(cable: Cable, selectors: tuple[Selector, ...], context: int = 0) -> Shown:
    """The cable narrowed to the selected paragraphs (cable order), each with `context`
    paragraphs either side; the whole cable when nothing is selected. UnknownRef when a
    selector names no paragraph of the cable."""
    if not selectors:
        return Shown(cable, cable.paragraphs)
    copies = occurrences(cable.paragraphs)
    cited: dict[int, None] = {}
    notes: dict[str, None] = {}
    for selector in selectors:
        found = _find(cable, selector, copies)
        cited.update(dict.fromkeys(p.seq for p in found))
        if not (isinstance(selector, Number) and selector.occurrence is not None):
            notes.update(dict.fromkeys(_repeat_notes(cable, found, copies)))
    index = {p.seq: i for i, p in enumerate(cable.paragraphs)}
    around = max(context, 0)
    shown = sorted({i for seq in cited
                    for i in range(max(index[seq] - around, 0),
                                   min(index[seq] + around + 1, len(cable.paragraphs)))})
    ordered = tuple(seq for seq in (p.seq for p in cable.paragraphs) if seq in cited)
    return Shown(cable, tuple(cable.paragraphs[i] for i in shown), ordered[0], ordered,
                 tuple(notes))


def _find(cable: Cable, selector: Selector, copies: dict[int, int]) -> list[Paragraph]:
    paragraphs = cable.paragraphs
    if isinstance(selector, Position):
        found = [p for p in paragraphs if p.seq == selector.seq]
    elif isinstance(selector, Span):
        found = [p for p in paragraphs
                 if p.number is not None and selector.low <= p.number <= selector.high]
    else:
        found = [p for p in paragraphs if p.number == selector.number]
        if found and selector.occurrence is not None:
            if not 1 <= selector.occurrence <= len(found):
                times = "once" if len(found) == 1 else f"{len(found)} times"
                raise UnknownRef(f"{cable.id} has no paragraph {selector}: "
                                 f"¶{label(selector.number)} occurs {times}")
            found = [found[selector.occurrence - 1]]
    if found:
        return found
    if isinstance(selector, Number) and selector.number is None:
        raise UnknownRef(f"{cable.id} has no unnumbered paragraph")
    if isinstance(selector, Position):
        raise UnknownRef(f"{cable.id} has no paragraph {selector} "
                         f"(it has {len(paragraphs)} paragraphs)")
    numbers = [p.number for p in paragraphs if p.number is not None]
    has = f"¶{min(numbers)}–¶{max(numbers)}" if numbers else "no numbered paragraphs"
    raise UnknownRef(f"{cable.id} has no paragraph {selector} (it has {has})")


def _repeat_notes(cable: Cable, found: list[Paragraph], copies: dict[int, int]
                  ) -> list[str]:
    """For each number among `found` that the cable repeats: which refs tell them apart."""
    notes = []
    for number in dict.fromkeys(p.number for p in found if p.seq in copies):
        refs = [f"¶{label(number, copies[p.seq])}"
                for p in cable.paragraphs if p.number == number]
        what = "unnumbered text" if number is None else f"the number ¶{number}"
        notes.append(f"{cable.id} repeats {what} ({len(refs)} paragraphs): "
                     f"cite one as {', '.join(refs)}")
    return notes
