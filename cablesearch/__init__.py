"""cablesearch: full-text search of U.S. diplomatic cables, one citable paragraph at a time."""

from cablesearch.cable import Cable, Paragraph, ParseError

__all__ = ["Cable", "Paragraph", "ParseError"]
__version__ = "0.1.0"
