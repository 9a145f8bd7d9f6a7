"""What `show` answers: a cable from the index, whole or narrowed to a cited paragraph."""

from __future__ import annotations

from dataclasses import dataclass

from cablesearch.cable import Cable, Paragraph
from cablesearch.search.refs import format_ref


@dataclass(frozen=True)
class Shown:
    """`cable` holds every paragraph; `paragraphs` the ones to show (all, or the cited one
    with its neighbours); `focus` the seq of the cited paragraph, None for a whole cable."""

    cable: Cable
    paragraphs: tuple[Paragraph, ...]
    focus: int | None = None

    def ref(self, paragraph: Paragraph) -> str:
        return format_ref(self.cable.id, paragraph.number)

    def to_json(self) -> dict:
        data = self.cable.to_json()
        shown = {p.seq for p in self.paragraphs}
        data["paragraphs"] = [
            {"ref": self.ref(p), **item}
            for p, item in zip(self.cable.paragraphs, data["paragraphs"], strict=True)
            if p.seq in shown
        ]
        data["focus"] = next(
            (self.ref(p) for p in self.paragraphs if p.seq == self.focus), None
        )
        return data
