"""Paragraph markings: the raw text in parentheses, its level and caveats (real cables)."""

from __future__ import annotations

import pytest

from cablesearch.parse.levels import LEVEL_WORDS, LEVELS, class_level
from cablesearch.parse.markings import is_marking, marking_prefix, parse_marking


@pytest.mark.parametrize(
    ("cable", "raw", "level", "caveats"),
    [
        ("08ASTANA1111", "SBU", "SBU", ()),
        ("04BOGOTA8900", "S//NF", "S", ("NF",)),
        ("09KABUL376", "C NF", "C", ("NF",)),
        ("09LONDON1707", "SBU/NF", "SBU", ("NF",)),
        ("09STATE15113", "U//FOUO", "U", ("FOUO",)),
        ("09STATE127892", "S/REL NATO", "S", ("REL NATO",)),
        ("06SKOPJE105", "C/NOFORN", "C", ("NF",)),
        ("08NAIROBI2290", "S-NF", "S", ("NF",)),
        ("09TRIPOLI1025", "SNF", "S", ("NF",)),
        ("10KABUL571", "C//REL ISAF", "C", ("REL ISAF",)),
        ("07STATE152317", "S/Rel China", "S", ("REL CHINA",)),
        ("07STOCKHOLM506", "c", "C", ()),
        ("09STATE63860", "S//REL TO USA, FVEY", "S", ("REL TO USA, FVEY",)),
        ("real form", "S//FGI//NF", "S", ("FGI", "NF")),
        ("real form", "SECRET/REL FRANCE", "S", ("REL FRANCE",)),
    ],
)
def test_marking_level_and_caveats(cable: str, raw: str, level: str, caveats: tuple) -> None:
    assert is_marking(raw), cable
    assert parse_marking(raw) == (level, caveats), cable


def test_09KABUL1892_garbled_marking_is_kept_raw_with_no_level() -> None:
    # `(N/SF)`, a transposed S/NF: clearly a marking, but its level is not ours to guess.
    text = "I then raised with Karzai"
    assert marking_prefix(f"(N/SF) {text}") == ("N/SF", text)
    assert parse_marking("N/SF") == (None, ())


@pytest.mark.parametrize("prose", ["U.S.", "Iran", "China", "SOURCE PROTECT", "d"])
def test_parenthesized_prose_is_no_marking(prose: str) -> None:
    assert not is_marking(prose)
    assert marking_prefix(f"({prose}) said the minister") == (None, f"({prose}) said the minister")


def test_79TEHRAN8980_entire_text_marking() -> None:
    # `1. (C - ENTIRE TEXT).`: a C marking for the whole cable, written after paragraph 1.
    assert marking_prefix("(C - ENTIRE TEXT).") == ("C - ENTIRE TEXT", ".")
    assert parse_marking("C - ENTIRE TEXT") == ("C", ("ENTIRE TEXT",))


def test_unmarked_paragraph_has_empty_marking() -> None:
    assert parse_marking(None) == (None, ())



@pytest.mark.parametrize("level", LEVELS)
def test_each_level_code_and_name_opens_a_marking_as_that_level(level: str) -> None:
    """Markings, classifications and queries read one vocabulary: each code is its level
    in a marking, and so is each level's name but the SBU phrases (caveats after a U)."""
    assert parse_marking(f"{level}//NF") == (level, ("NF",))
    names = [words for words, named in LEVEL_WORDS if named == level]
    assert names and all(class_level(f"{words}//NOFORN") == level for words in names)
    for words in names:
        assert parse_marking(words)[0] == (None if level == "SBU" and words != "SBU" else level)
