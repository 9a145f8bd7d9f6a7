"""Parsing: text of any supported form in, Cable values out; pure functions, no I/O.

Names are imported on first use, so a module that needs one small piece (`tagcodes`,
`dates`) does not load every parser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cablesearch.lazy import lazy_names

__all__ = ["parse_csv_record", "parse_document"]

if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` loads them
    from cablesearch.parse.csvrecord import parse_csv_record
    from cablesearch.parse.document import parse_document

__getattr__, __dir__ = lazy_names(__name__, {
    "parse_csv_record": "cablesearch.parse.csvrecord",
    "parse_document": "cablesearch.parse.document",
})
