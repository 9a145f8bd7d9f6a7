"""Case folding: cables were typed in capitals, researchers type in lower case."""

from index_helpers import finds, terms


def test_capitals_fold_to_the_same_terms():
    assert terms("THE AMBASSADOR MET THE MINISTER") == terms("the ambassador met the minister")


def test_lower_case_query_finds_upper_case_cable_text():
    assert finds("AMBASSADOR PRESSED THE MINISTRY ON TRAFFICKING", "trafficking ministry")
