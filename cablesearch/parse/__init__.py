"""Parsing: text of any supported form in, Cable values out; pure functions, no I/O.

Names are imported on first use, so a module that needs one small piece (`tagcodes`,
`dates`) does not load every parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {"parse_csv_record": "csvrecord", "parse_document": "document"}

__all__ = ["parse_csv_record", "parse_document"]

if TYPE_CHECKING:  # what type checkers see; at run time `__getattr__` loads them
    from cablesearch.parse.csvrecord import parse_csv_record
    from cablesearch.parse.document import parse_document


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:  # a submodule (`from cablesearch.parse import dates`) is then imported
        raise AttributeError(f"module 'cablesearch.parse' has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value
