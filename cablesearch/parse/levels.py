"""The classification vocabulary: the five levels and the words that name them.

A paragraph's marking (`(S//NF)`), a cable's classification (`UNCLASSIFIED//FOR OFFICIAL
USE ONLY`) and a query (`class:secret`, `marking:S`) read the same words as the same
level, from this one table.
"""

from __future__ import annotations

LEVELS = ("U", "SBU", "C", "S", "TS")  # least restrictive first, as the index spells them
# Words naming a level, most restrictive first: a classification naming two
# (`UNCLASSIFIED//FOR OFFICIAL USE ONLY`) is at the stricter.
LEVEL_WORDS = (
    ("TOP SECRET", "TS"),
    ("SECRET", "S"),
    ("CONFIDENTIAL", "C"),
    ("FOR OFFICIAL USE ONLY", "SBU"),
    ("LIMITED OFFICIAL USE", "SBU"),
    ("SENSITIVE BUT UNCLASSIFIED", "SBU"),
    ("FOUO", "SBU"),
    ("SBU", "SBU"),
    ("UNCLASSIFIED", "U"),
    ("UNCLAS", "U"),
)
# What opens a paragraph marking: a level's code or the name of a level above SBU or
# below it. The SBU phrases follow a `U` there as caveats (`U//FOUO`), so are not openers.
MARKING_LEVELS = {**{level: level for level in LEVELS},
                  **{words: level for words, level in LEVEL_WORDS if level != "SBU"}}


def class_level(classification: str | None) -> str | None:
    """`SECRET//NOFORN` → `S`; `UNCLASSIFIED//FOR OFFICIAL USE ONLY` → `SBU`; None if unknown."""
    if not classification:
        return None
    upper = " ".join(classification.upper().split())
    for words, level in LEVEL_WORDS:
        if words in upper:
            return level
    return None
