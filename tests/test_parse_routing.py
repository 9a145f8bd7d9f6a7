"""FM / TO / INFO from the routing header, without indicators, precedence or serials."""

from __future__ import annotations

from cablesearch.parse.routing import parse_routing

ASTANA_HEADER = """VZCZCXRO8638
OO RUEHAST RUEHBI RUEHCI RUEHLH RUEHPW
DE RUEHTA #1111 1651156
ZNR UUUUU ZZH
O 131156Z JUN 08
FM AMEMBASSY ASTANA
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2606
INFO RUEHAST/USOFFICE ALMATY 0488
RUCNCLS/SCA COLLECTIVE""".splitlines()


def test_08ASTANA1111_routing() -> None:
    assert parse_routing(ASTANA_HEADER) == (
        "AMEMBASSY ASTANA", ("SECSTATE WASHDC",), ("USOFFICE ALMATY", "SCA COLLECTIVE"),
    )


def test_66BUENOSAIRES2481_old_header_without_indicators() -> None:
    header = ["P R 281848Z DEC 66", "FM AMEMBASSY BUENOS AIRES", "TO SECSTATE WASHDC PRIORITY",
              "INFO USCINCSO", "CINCLANT", "AMEMBASSY RIO DE JANEIRO"]
    assert parse_routing(header) == (
        "AMEMBASSY BUENOS AIRES", ("SECSTATE WASHDC",),
        ("USCINCSO", "CINCLANT", "AMEMBASSY RIO DE JANEIRO"),
    )


def test_no_header() -> None:
    assert parse_routing([]) == (None, (), ())
