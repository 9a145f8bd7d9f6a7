"""A WikiLeaks cable-viewer page (as served from December 2010) → its metadata and telegram.

The page holds a `cable` table (Reference ID, Created, Released, Classification, Origin),
then `<pre>` blocks with the routing header and the body, where tags and paragraph anchors
are links and newlines are `&#x000A;`. Regexes over the page rather than a DOM: it is fast
and the layout is machine-made.
"""

from __future__ import annotations

import html
import re

from cablesearch.parse.dates import page_date
from cablesearch.parse.dumprow import own_row, read_dump_rows
from cablesearch.parse.meta import CableMeta

_TABLE_OPEN = re.compile(r"<table[^>]*class=['\"]cable['\"][^>]*>", re.I)
_TABLE_CLOSE = re.compile(r"</table>", re.I)
_TH = re.compile(r"<th[^>]*>(.*?)</th>", re.S | re.I)
_TD = re.compile(r"<td[^>]*>(.*?)</td>", re.S | re.I)
# An unclosed <pre> runs to the end: a truncated page still gives the text it has.
_PRE_OPEN = re.compile(r"<pre\b[^>]*>", re.I)
_PRE_CLOSE = re.compile(r"</pre\s*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_HEADING = re.compile(r"Viewing cable\s+[^,<]*,\s*([^<]*)</h", re.I)


def _text(fragment: str) -> str:
    """Markup removed and entities decoded (the common newline entity by a plain replace)."""
    text = _TAG.sub("", fragment).replace("&#x000A;", "\n")
    return html.unescape(text) if "&" in text else text


def _pre_blocks(text: str, start: int) -> list[str]:
    """The contents of the `<pre>` blocks from `start` on; a truncated last block runs to the
    end. (Two plain searches per block: much faster than one lazy `.*?` over the page.)"""
    blocks: list[str] = []
    while (opening := _PRE_OPEN.search(text, start)) is not None:
        closing = _PRE_CLOSE.search(text, opening.end())
        if closing is None:
            blocks.append(text[opening.end():])
            break
        blocks.append(text[opening.end():closing.start()])
        start = closing.end()
    return blocks


def _cable_table(text: str, start: int) -> tuple[str, int] | None:
    """(the cable table's inner markup, the end of the table) from `start` on, or None.
    (A search for its closing tag: much faster than a lazy `.*?` tried at every character.)"""
    opening = _TABLE_OPEN.search(text, start)
    closing = _TABLE_CLOSE.search(text, opening.end()) if opening else None
    if opening is None or closing is None:
        return None
    return text[opening.end():closing.start()], closing.end()


def looks_like_html(text: str) -> bool:
    """Whether the text is a viewer page (it has markup and a `<pre>` or cable table)."""
    head = text[:2000].lstrip().lower()
    return head.startswith("<") and ("<html" in head or "<!doctype" in head or "<pre" in text)


def read_html(text: str) -> tuple[CableMeta, str, str | None]:
    """(metadata table, telegram text, the heading's first subject line or None)."""
    meta = CableMeta()
    # Start the scans at the heading: the navigation before it is most of the page.
    heading_at = max(text.find("Viewing cable"), 0)
    table = _cable_table(text, heading_at) or _cable_table(text, 0)
    if table:
        names = [" ".join(_text(th).split()).lower() for th in _TH.findall(table[0])]
        cells = [" ".join(_text(td).split()) for td in _TD.findall(table[0])]
        values = dict(zip(names, cells, strict=False))
        meta = CableMeta(
            id=values.get("reference id") or None,
            created=page_date(values.get("created", "")),
            released=page_date(values.get("released", "")),
            classification=values.get("classification") or None,
            origin=values.get("origin") or None,
        )
    start = table[1] if table else heading_at
    blocks = [_text(block) for block in _pre_blocks(text, start)]
    row = own_row([row for block in blocks for row in read_dump_rows(block)], meta.id)
    if row is None:
        telegram = "\n".join(blocks)
    else:
        # A dump-row page: the row holds the header and body (the other block repeats the
        # header); its columns stand in for a missing table.
        telegram = row.telegram
        meta = CableMeta(
            id=meta.id or row.id,
            created=meta.created or row.created,
            released=meta.released,
            classification=meta.classification or row.classification or None,
            origin=meta.origin or row.origin or None,
        )
    heading = _HEADING.search(text, heading_at, heading_at + 1000)
    subject = " ".join(_text(heading.group(1)).split()).rstrip(" \\") if heading else None
    return meta, telegram, subject or None
