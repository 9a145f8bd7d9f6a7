"""Text renderings of search answers, for the terminal and for files.

Matched terms arrive marked `[[like this]]`; `style` decides what a mark becomes (click's
bold on a terminal; click strips the styling again when output is not a terminal).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from cablesearch.search.results import SearchResult
from cablesearch.search.shown import Shown
from cablesearch.search.snippets import render_marks, unmark

Style = Callable[[str], str]
CSV_COLUMNS = (
    "ref", "cable", "number", "seq", "marking", "level", "created", "origin", "subject",
    "tags", "score", "matches", "snippet",
)
ORIGIN_WIDTH = 24
FACET_VALUES_SHOWN = 10


def _plain(text: str) -> str:
    return text


def search_table(result: SearchResult, offset: int, style: Style = _plain) -> str:
    """Total first, one row per hit (ref, date, marking, origin, snippet), facets after."""
    unit = "cable" if result.by_cable else "paragraph"
    lines = [f"{result.total:,} {unit}{'' if result.total == 1 else 's'} "
             f"match{'es' if result.total == 1 else ''}"
             + (f" (showing {offset + 1}–{offset + len(result.hits)})" if result.hits else "")]
    ref_width = max((len(hit.ref) for hit in result.hits), default=0)
    mark_width = max((len(hit.marking or "-") for hit in result.hits), default=0)
    for hit in result.hits:
        origin = (hit.origin or "-")[:ORIGIN_WIDTH]
        row = [
            hit.ref.ljust(ref_width),
            (hit.created or "")[:10].ljust(10),
            (hit.marking or "-").ljust(mark_width),
            origin.ljust(ORIGIN_WIDTH),
        ]
        if hit.matches is not None:
            row.append(f"{hit.matches:>3} ¶")
        row.append(render_marks(hit.snippet, style))
        lines.append("  ".join(row))
    for name, counts in result.facets.items():
        listed = ", ".join(f"{value} {count:,}" for value, count in counts[:FACET_VALUES_SHOWN])
        more = len(counts) - FACET_VALUES_SHOWN
        lines.append(f"{name}: {listed or '(none)'}" + (f", … {more:,} more" if more > 0 else ""))
    return "\n".join(lines)


def search_csv(result: SearchResult) -> str:
    """One row per hit under a header line; the snippet without marks."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for hit in result.hits:
        writer.writerow([
            hit.ref, hit.cable, hit.number, hit.seq, hit.marking, hit.level, hit.created,
            hit.origin, hit.subject, " ".join(hit.tags),
            "" if hit.score is None else f"{hit.score:.4f}",
            "" if hit.matches is None else hit.matches,
            unmark(hit.snippet),
        ])
    return out.getvalue()


def facet_table(counts: list[tuple[str, int]]) -> str:
    width = max((len(value) for value, _ in counts), default=0)
    return "\n".join(f"{value.ljust(width)}  {count:>9,}" for value, count in counts)


def shown_text(shown: Shown, style: Style = _plain) -> str:
    """Header fields, then each shown paragraph under its citable ref and marking."""
    cable = shown.cable
    lines = [style(cable.id)]
    lines += [f"{name}: {value}" for name, value in cable.header()]
    for paragraph in shown.paragraphs:
        cite = shown.ref(paragraph)
        if paragraph.marking:
            cite += f" ({paragraph.marking})"
        if paragraph.number is None:
            cite += f" @{paragraph.seq}"
        lines += ["", style(cite) if paragraph.seq == shown.focus else cite, paragraph.text]
    return "\n".join(lines)
