"""Parsing: text of any supported form in, Cable values out; pure functions, no I/O."""

from cablesearch.parse.csvrecord import parse_csv_record
from cablesearch.parse.document import parse_document

__all__ = ["parse_csv_record", "parse_document"]
