"""Text renderings of search answers, for the terminal and for files.

Matched terms arrive marked `[[like this]]`; `style` decides what a mark becomes (click's
bold on a terminal; click strips the styling again when output is not a terminal).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from cablesearch.parse.tagcodes import tag_meaning
from cablesearch.search.concordance import Concordance
from cablesearch.search.crosstab import CrossTab
from cablesearch.search.results import SearchResult
from cablesearch.search.shown import Shown
from cablesearch.search.similar import SimilarResult
from cablesearch.search.snippets import render_marks, unmark
from cablesearch.search.timeline import Timeline

Style = Callable[[str], str]
CSV_COLUMNS = (
    "ref", "cable", "number", "seq", "marking", "level", "created", "origin", "subject",
    "tags", "score", "matches", "snippet", "url", "plusd_url", "text", "cited_by", "copies",
)
ORIGIN_WIDTH = 24
FACET_VALUES_SHOWN = 10
_MARK_OPEN, _MARK_CLOSE = "[[", "]]"
_MORE = "…"


def _plain(text: str) -> str:
    return text


def _fit(text: str, width: int) -> str:
    """`text` in at most `width` characters, `…` where it was cut."""
    return text if len(text) <= width else text[:width - 1].rstrip() + _MORE


def _cut(marked: str, width: int | None) -> str:
    """A line with `[[marks]]` cut to `width` visible characters (marks take none, and an
    open mark is closed at the cut)."""
    if width is None:
        return marked
    visible, index, inside = 0, 0, False
    while index < len(marked):
        for token, opens in ((_MARK_OPEN, True), (_MARK_CLOSE, False)):
            if marked.startswith(token, index):
                inside, index = opens, index + len(token)
                break
        else:
            if visible == width - 1 and len(unmark(marked[index:])) > 1:
                return marked[:index] + (_MARK_CLOSE if inside else "") + _MORE
            visible, index = visible + 1, index + 1
    return marked


def search_table(result: SearchResult, offset: int, style: Style = _plain,
                 width: int | None = None, past_end: str = "") -> str:
    """The total, a header row, then per hit a row (ref, date, marking, origin, subject)
    and under it the snippet, both cut to `width`, and the viewer URL (whole: a cut URL
    opens nothing); facets after. `past_end` is said after the total when no hit is left."""
    unit = "cable" if result.by_cable else "paragraph"
    lines = [f"{result.total:,} {unit}{'' if result.total == 1 else 's'} "
             f"match{'es' if result.total == 1 else ''}"
             + (f" (showing {offset + 1}–{offset + len(result.hits)})" if result.hits
                else f"; {past_end}" if past_end else "")]
    columns = [("REF", [hit.ref for hit in result.hits]),
               ("DATE", [(hit.created or "")[:10] for hit in result.hits]),
               ("MARKING", [hit.marking or "-" for hit in result.hits]),
               ("ORIGIN", [_fit(hit.origin or "-", ORIGIN_WIDTH) for hit in result.hits])]
    if result.by_cable:
        columns.append(("MATCHES", [f"{hit.matches} ¶" for hit in result.hits]))
    columns.append(("SUBJECT", [hit.subject or "-" for hit in result.hits]))
    widths = [max([len(name), *map(len, values)]) for name, values in columns[:-1]]
    if result.hits:
        lines.append(_cut("  ".join(name.ljust(w) for (name, _), w
                                    in zip(columns, [*widths, 0], strict=True)), width))
    indent = " " * (widths[0] + 2)
    for row, hit in enumerate(result.hits):
        cells = [values[row].ljust(w) for (_, values), w
                 in zip(columns, [*widths, 0], strict=True)]
        lines.append(_cut("  ".join(cells).rstrip(), width))
        lines.append(render_marks(_cut(indent + hit.snippet, width), style))
        lines.append(indent + (hit.url or hit.plusd_url))
        if hit.copies:
            lines.append(f"{indent}and {hit.copies} cop{'y' if hit.copies == 1 else 'ies'}")
    for name, counts in result.facets.items():
        listed = ", ".join(f"{facet_label(name, value)} {count:,}"
                           for value, count in counts[:FACET_VALUES_SHOWN])
        more = len(counts) - FACET_VALUES_SHOWN
        lines.append(_cut(f"{name}: {listed or '(none)'}"
                          + (f", … {more:,} more" if more > 0 else ""), width))
    if result.timeline is not None:
        lines.append(_cut(timeline_line(result.timeline), width))
    return "\n".join(lines)


def timeline_line(timeline: Timeline) -> str:
    """`timeline by year: 2008 █ ▂ 2010 (peak 5 in 2008)`: a sparkline between the first
    and last buckets; zero buckets are blanks."""
    text = f"timeline by {timeline.unit}: "
    if timeline.buckets:
        peak_label, peak = max(timeline.buckets, key=lambda bucket: bucket[1])
        text += (f"{timeline.buckets[0][0]} {timeline.sparkline()} {timeline.buckets[-1][0]} "
                 f"(peak {peak:,} in {peak_label})")
    else:
        text += "(no dated hits)"
    return text + (f", {timeline.undated:,} undated" if timeline.undated else "")


def timeline_csv(timeline: Timeline) -> str:
    """`bucket,count` rows, oldest first (undated hits in a last `undated` row)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("bucket", "count"))
    writer.writerows(timeline.buckets)
    if timeline.undated:
        writer.writerow(("undated", timeline.undated))
    return out.getvalue()


def kwic_table(found: Concordance, width: int, style: Style = _plain) -> str:
    """The count, then one line per occurrence: cite, date, left context right-aligned,
    the match, right context."""
    shown = f" (showing {len(found.lines):,})" if len(found.lines) < found.total else ""
    lines = [f"{found.total:,} occurrence{'' if found.total == 1 else 's'} in "
             f"{found.paragraphs:,} paragraph{'' if found.paragraphs == 1 else 's'}{shown}"]
    ref_width = max((len(line.ref) for line in found.lines), default=0)
    for line in found.lines:
        lines.append(f"{line.ref.ljust(ref_width)}  {(line.created or '')[:10]:<10}  "
                     f"{line.left.rjust(width)} {style(line.match)} {line.right}".rstrip())
    return "\n".join(lines)


def kwic_csv(found: Concordance) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("ref", "cable", "seq", "created", "marking", "left", "match", "right"))
    writer.writerows((line.ref, line.cable, line.seq, line.created, line.marking, line.left,
                      line.match, line.right) for line in found.lines)
    return out.getvalue()


def search_csv(result: SearchResult) -> str:
    """One row per hit under a header line; the snippet without marks, the whole text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for hit in result.hits:
        writer.writerow([
            hit.ref, hit.cable, hit.number, hit.seq, hit.marking, hit.level, hit.created,
            hit.origin, hit.subject, " ".join(hit.tags),
            "" if hit.score is None else f"{hit.score:.4f}",
            "" if hit.matches is None else hit.matches,
            unmark(hit.snippet), hit.url or "", hit.plusd_url, hit.text, hit.cited_by,
            "" if hit.copies is None else hit.copies,
        ])
    return out.getvalue()


def facet_label(facet: str, value: str) -> str:
    """A facet value as shown: a tag with its meaning (`PHUM Human Rights`)."""
    meaning = tag_meaning(value) if facet == "tag" else None
    return f"{value} {meaning}" if meaning else value


def facet_table(counts: list[tuple[str, int]], facet: str = "") -> str:
    labels = [facet_label(facet, value) for value, _ in counts]
    width = max(map(len, labels), default=0)
    return "\n".join(f"{label.ljust(width)}  {count:>9,}"
                     for label, (_, count) in zip(labels, counts, strict=True))


def crosstab_table(tab: CrossTab, limit: int) -> str:
    """The first facet's `limit` largest values down, every value of the second across
    (years in order), a count in each cell and each row's total."""
    rows, columns = tab.rows[:limit], tab.columns
    cells = {(row, column): n for row, column, n in tab.counts}
    labels = [facet_label(tab.by[0], row) for row in rows]
    first = max([len(f"{tab.by[0]} \\ {tab.by[1]}"), *map(len, labels)])
    widths = [max(len(column), 5) for column in columns]
    lines = ["  ".join([f"{tab.by[0]} \\ {tab.by[1]}".ljust(first),
                        *(column.rjust(w) for column, w in zip(columns, widths, strict=True)),
                        "total".rjust(7)])]
    totals = {row: 0 for row in rows}
    for row, _, n in tab.counts:
        if row in totals:
            totals[row] += n
    for row, label in zip(rows, labels, strict=True):
        counts = [f"{cells.get((row, column), 0):,}".rjust(w)
                  for column, w in zip(columns, widths, strict=True)]
        lines.append("  ".join([label.ljust(first), *counts, f"{totals[row]:,}".rjust(7)]))
    more = len(tab.rows) - limit
    return "\n".join(lines + ([f"… {more:,} more {tab.by[0]} values"] if more > 0 else []))


def shown_text(shown: Shown, style: Style = _plain) -> str:
    """Header fields and notes, then each shown paragraph under its citable ref and
    marking (the cited ones styled); `…` where paragraphs are left out between."""
    cable = shown.cable
    lines = [style(cable.id)]
    lines += [f"{name}: {value}" for name, value in cable.header()]
    lines += [f"note: {note}" for note in shown.notes]
    count = len(shown.cited_by)
    lines.append(f"Cited by: {count} cable{'' if count == 1 else 's'}")
    lines += [f"  {card.id}  {(card.created or '')[:10] or '-'}  {card.subject or '-'}"
              for card in shown.cited_by]
    position = {p.seq: i for i, p in enumerate(cable.paragraphs)}
    previous = None
    for paragraph in shown.paragraphs:
        if previous is not None and position[paragraph.seq] > position[previous] + 1:
            lines += ["", _MORE]
        previous = paragraph.seq
        cite = shown.ref(paragraph)
        if paragraph.marking:
            cite += f" ({paragraph.marking})"
        lines += ["", style(cite) if paragraph.seq in shown.cited else cite, paragraph.text]
    return "\n".join(lines)


def similar_table(found: SimilarResult, width: int | None = None) -> str:
    """The paragraph asked about, then per like paragraph a row (similarity, whether a
    near-duplicate, ref, date, origin) and its snippet under it."""
    count = len(found.similar)
    lines = [f"{found.of.ref}: {count} paragraph{'' if count == 1 else 's'} like it "
             f"({found.checked:,} compared)"]
    if found.similar:
        refs = max(len(item.hit.ref) for item in found.similar)
        lines.append(_cut(f"SIMILARITY  {'REF'.ljust(refs)}  DATE        ORIGIN", width))
    for item in found.similar:
        hit = item.hit
        lines.append(_cut(f"{item.similarity:10.3f}  {hit.ref.ljust(refs)}  "
                          f"{(hit.created or '')[:10]:<10}  {hit.origin or '-'}"
                          + ("  near-duplicate" if item.near_duplicate else ""), width))
        lines.append(_cut(" " * 12 + unmark(hit.snippet), width))
    return "\n".join(lines)


def similar_csv(found: SimilarResult) -> str:
    """One row per like paragraph, most similar first; the snippet without marks."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("ref", "cable", "similarity", "near_duplicate", "created", "origin",
                     "subject", "marking", "snippet", "url", "text"))
    for item in found.similar:
        hit = item.hit
        writer.writerow((hit.ref, hit.cable, f"{item.similarity:.4f}",
                         "yes" if item.near_duplicate else "no", hit.created, hit.origin,
                         hit.subject, hit.marking, unmark(hit.snippet), hit.url or "",
                         hit.text))
    return out.getvalue()

