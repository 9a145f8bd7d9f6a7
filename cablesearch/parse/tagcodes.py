"""The known TAGS codes and what they stand for (`PHUM` → `Human Rights`).

TAGS are the State Department's subject and geographic codes: four-letter subject codes
(`PREL`, `KDEM`), two-letter country codes (FIPS 10-4: `IZ` Iraq, `GM` Germany) and the
acronyms of organizations (`NATO`, `UNSC`). The table is compiled by us from public lists
and the tags of the released cables. The parser uses it to split codes typed without
separators (`ETRDEINVPGOVCS`); facets show a code with its meaning.
"""

from __future__ import annotations

from functools import lru_cache

SUBJECTS = {
    # Administration
    "ABUD": "Budget Services", "AEMR": "Emergency Planning and Evacuation",
    "AFIN": "Financial Management", "AMED": "Medical Services", "AMGT": "Management Operations",
    "AODE": "Employees Abroad", "AORC": "International Organizations and Conferences",
    "APER": "Personnel", "ASEC": "Security", "ASIG": "Inspections",
    # Consular
    "CASC": "Assistance to Citizens", "CFED": "Federal Agency Services",
    "CJAN": "Judicial Assistance and Notarial Services", "CLOK": "Visa Lookout",
    "CMGT": "Consular Management", "CPAS": "Passports and Citizenship", "CVIS": "Visas",
    # Economic
    "EAGR": "Agriculture and Forestry", "EAID": "Foreign Economic Assistance",
    "EAIR": "Civil Aviation", "ECIN": "Economic Integration and Cooperation",
    "ECON": "Economic Conditions", "ECPS": "Communications and Postal Systems",
    "EFIN": "Financial and Monetary Affairs", "EFIS": "Commercial Fishing and Fish Processing",
    "EIND": "Industry and Manufacturing", "EINT": "Economic and Commercial Internet",
    "EINV": "Foreign Investment", "ELAB": "Labor Affairs", "ELTN": "Land Transportation",
    "EMIN": "Minerals and Metals", "ENRG": "Energy and Power",
    "EPET": "Petroleum and Natural Gas", "ETRD": "Foreign Trade",
    "ETTC": "Trade and Technology Controls", "EWWT": "Waterborne Transportation",
    "BEXP": "Business Export Promotion", "BTIO": "Bilateral Trade and Investment",
    # Subjects of special interest
    "KAWC": "Atrocities and War Crimes", "KCFE": "Conventional Forces in Europe",
    "KCIP": "Critical Infrastructure Protection", "KCOR": "Corruption",
    "KCRM": "Criminal Activity", "KDEM": "Democratization", "KFLU": "Avian Influenza",
    "KFRD": "Fraud", "KGHG": "Greenhouse Gases", "KHIV": "HIV/AIDS",
    "KHLS": "Homeland Security", "KIPR": "Intellectual Property Rights",
    "KIRF": "International Religious Freedom", "KISL": "Islam", "KJUS": "Justice",
    "KMCA": "Millennium Challenge Account", "KMDR": "Media Reaction",
    "KNNP": "Nuclear Nonproliferation", "KOLY": "Olympic Games", "KOMC": "Munitions Control",
    "KPAL": "Palestinian Affairs", "KPAO": "Public Affairs Office",
    "KPKO": "Peacekeeping Operations", "KSTC": "Strategic Trade Controls",
    "KSUM": "Summit Meetings", "KTFN": "Terrorist Financing",
    "KTIP": "Trafficking in Persons", "KVPR": "Visas Viper", "KWBG": "West Bank and Gaza",
    "KWMN": "Women's Issues",
    # Military
    "MARR": "Military and Defense Arrangements", "MASS": "Military Assistance and Sales",
    "MCAP": "Military Capabilities", "MNUC": "Military Nuclear Applications",
    "MOPS": "Military Operations",
    # Operations
    "OEXC": "Educational and Cultural Exchange", "OIIP": "International Information Programs",
    "OPDC": "Diplomatic Correspondence", "OPRC": "Public Relations and Correspondence",
    "OREP": "Congressional Travel", "OTRA": "Official Travel",
    "OVIP": "Visits of Prominent Individuals",
    # Political
    "PARM": "Arms Controls and Disarmament", "PBTS": "Boundaries and Territorial Sovereignty",
    "PGOV": "Internal Governmental Affairs", "PHUM": "Human Rights", "PINR": "Intelligence",
    "PINS": "National Security", "PREF": "Refugees", "PREL": "External Political Relations",
    "PROP": "Propaganda and Psychological Operations", "PTER": "Terrorists and Terrorism",
    # Social
    "SCUL": "Cultural Affairs", "SENV": "Environmental Affairs", "SMIG": "Migration",
    "SNAR": "Narcotics", "SOCI": "Social Conditions",
    # Technology and science
    "TBIO": "Biological and Medical Science", "TINT": "Internet Technology",
    "TPHY": "Physical Sciences", "TRGY": "Energy Technology", "TSPA": "Space Activities",
    "TSPL": "Science and Technology Policy",
}

ORGANIZATIONS = {
    "APECO": "Asia-Pacific Economic Cooperation",
    "ASEAN": "Association of Southeast Asian Nations",
    "EU": "European Union", "EUN": "European Union",
    "FTAA": "Free Trade Area of the Americas", "GCC": "Gulf Cooperation Council",
    "IAEA": "International Atomic Energy Agency", "IBRD": "World Bank",
    "ICAO": "International Civil Aviation Organization",
    "IMF": "International Monetary Fund", "IMO": "International Maritime Organization",
    "INTERPOL": "Interpol", "IWC": "International Whaling Commission",
    "NATO": "North Atlantic Treaty Organization", "OAS": "Organization of American States",
    "OECD": "Organisation for Economic Co-operation and Development",
    "OPCW": "Organisation for the Prohibition of Chemical Weapons",
    "OSCE": "Organization for Security and Co-operation in Europe",
    "SAARC": "South Asian Association for Regional Cooperation", "UN": "United Nations",
    "UNGA": "UN General Assembly", "UNHCR": "UN High Commissioner for Refugees",
    "UNHRC": "UN Human Rights Council", "UNMIK": "UN Mission in Kosovo",
    "UNSC": "UN Security Council", "UNEP": "UN Environment Programme",
    "WHO": "World Health Organization", "WTO": "World Trade Organization",
    "WTRO": "World Trade Organization",
}

# FIPS 10-4 country codes, as TAGS use them.
COUNTRIES = {
    "AE": "United Arab Emirates", "AF": "Afghanistan", "AG": "Algeria", "AJ": "Azerbaijan",
    "AL": "Albania", "AM": "Armenia", "AN": "Andorra", "AO": "Angola", "AR": "Argentina",
    "AS": "Australia", "AU": "Austria", "BA": "Bahrain", "BB": "Barbados", "BC": "Botswana",
    "BE": "Belgium", "BF": "Bahamas", "BG": "Bangladesh", "BH": "Belize",
    "BK": "Bosnia and Herzegovina", "BL": "Bolivia", "BM": "Burma", "BN": "Benin",
    "BO": "Belarus", "BR": "Brazil", "BT": "Bhutan", "BU": "Bulgaria", "BX": "Brunei",
    "BY": "Burundi", "CA": "Canada", "CB": "Cambodia", "CD": "Chad", "CE": "Sri Lanka",
    "CF": "Congo (Brazzaville)", "CG": "Congo (Kinshasa)", "CH": "China", "CI": "Chile",
    "CM": "Cameroon", "CN": "Comoros", "CO": "Colombia", "CS": "Costa Rica",
    "CT": "Central African Republic", "CU": "Cuba", "CV": "Cape Verde", "CY": "Cyprus",
    "DA": "Denmark", "DJ": "Djibouti", "DO": "Dominica", "DR": "Dominican Republic",
    "EC": "Ecuador", "EG": "Egypt", "EI": "Ireland", "EK": "Equatorial Guinea",
    "EN": "Estonia", "ER": "Eritrea", "ES": "El Salvador", "ET": "Ethiopia",
    "EZ": "Czech Republic", "FI": "Finland", "FJ": "Fiji", "FR": "France", "GA": "Gambia",
    "GB": "Gabon", "GG": "Georgia", "GH": "Ghana", "GM": "Germany", "GR": "Greece",
    "GT": "Guatemala", "GV": "Guinea", "GY": "Guyana", "GZ": "Gaza Strip", "HA": "Haiti",
    "HK": "Hong Kong", "HO": "Honduras", "HR": "Croatia", "HU": "Hungary", "IC": "Iceland",
    "ID": "Indonesia", "IN": "India", "IR": "Iran", "IS": "Israel", "IT": "Italy",
    "IV": "Cote d'Ivoire", "IZ": "Iraq", "JA": "Japan", "JM": "Jamaica", "JO": "Jordan",
    "KE": "Kenya", "KG": "Kyrgyzstan", "KN": "North Korea", "KS": "South Korea",
    "KU": "Kuwait", "KV": "Kosovo", "KZ": "Kazakhstan", "LA": "Laos", "LE": "Lebanon",
    "LG": "Latvia", "LH": "Lithuania", "LI": "Liberia", "LO": "Slovakia", "LT": "Lesotho",
    "LU": "Luxembourg", "LY": "Libya", "MA": "Madagascar", "MD": "Moldova", "MG": "Mongolia",
    "MI": "Malawi", "MJ": "Montenegro", "MK": "Macedonia", "ML": "Mali", "MO": "Morocco",
    "MP": "Mauritius", "MR": "Mauritania", "MT": "Malta", "MU": "Oman", "MV": "Maldives",
    "MX": "Mexico", "MY": "Malaysia", "MZ": "Mozambique", "NG": "Niger", "NH": "Vanuatu",
    "NI": "Nigeria", "NL": "Netherlands", "NO": "Norway", "NP": "Nepal", "NS": "Suriname",
    "NU": "Nicaragua", "NZ": "New Zealand", "PA": "Paraguay", "PE": "Peru",
    "PK": "Pakistan", "PL": "Poland", "PM": "Panama", "PO": "Portugal",
    "PP": "Papua New Guinea", "PU": "Guinea-Bissau", "QA": "Qatar", "RO": "Romania",
    "RP": "Philippines", "RS": "Russia", "RW": "Rwanda", "SA": "Saudi Arabia",
    "SF": "South Africa", "SG": "Senegal", "SI": "Slovenia", "SL": "Sierra Leone",
    "SN": "Singapore", "SO": "Somalia", "SP": "Spain", "SR": "Serbia", "SU": "Sudan",
    "SW": "Sweden", "SY": "Syria", "SZ": "Switzerland", "TD": "Trinidad and Tobago",
    "TH": "Thailand", "TI": "Tajikistan", "TO": "Togo", "TP": "Sao Tome and Principe",
    "TS": "Tunisia", "TT": "Timor-Leste", "TU": "Turkey", "TW": "Taiwan", "TX": "Turkmenistan",
    "TZ": "Tanzania", "UG": "Uganda", "UK": "United Kingdom", "UP": "Ukraine",
    "US": "United States", "UV": "Burkina Faso", "UY": "Uruguay", "UZ": "Uzbekistan",
    "VE": "Venezuela", "VM": "Vietnam", "VT": "Vatican", "WA": "Namibia", "WE": "West Bank",
    "WI": "Western Sahara", "WZ": "Swaziland", "YM": "Yemen", "ZA": "Zambia",
    "ZI": "Zimbabwe",
}

MEANINGS = {**COUNTRIES, **ORGANIZATIONS, **SUBJECTS}
# Codes seen in the released cables' TAGS whose meaning the table does not give: still codes,
# so that a run of codes typed together splits at them.
_OTHER_CODES = frozenset(
    "AADP ABLD ADCO AGAO AINF ATFN CJUS KIFR KMPI ASCH ATRN BBSR BMGT CDC CWC ECA ECIP "
    "ENGY ENVI ENVR ETC IIP "
    "INRA INRB INRO IO IRAJ ITRA KACT KAWK KBCT KBIO KBTR KDRG KFIN KFLO KGIC KGIT KIDE KNEI "
    "KOMS KPRP KRAD KREC KREL KSCA KSEC KSEP KSPR KTDB KTER KTIA KUNR MAPP MASC MCC MEPI "
    "MEPP MPOS MTCRE NPT ODIP OFDP OPIC OSAC OSCI OTR PHSA PINL PINT PEPR POL PSI PBIO SEVN "
    "TNGD TFIN UNDC UNO USEU USTR XA XB XC XD XE XF XG XH XI XK XL XM XN XO XP XR XS XT XU "
    "XV XW XX XY XZ YI".split()
)
KNOWN_CODES = frozenset(MEANINGS) | _OTHER_CODES
# Subject keywords that TAGS lists spell out in words, each one tag: in a list separated by
# spaces alone, only this table tells `ITALIAN POLITICS IRAQI FREEDOM` is two of them.
KEYWORD_PHRASES = frozenset({
    "COUNTER TERRORISM", "COUNTRY CLEARANCE", "DOMESTIC POLITICS", "GAZA DISENGAGEMENT",
    "GOI EXTERNAL", "GOI INTERNAL", "HUMAN RIGHTS", "IRAQI FREEDOM",
    "ISRAELI PALESTINIAN AFFAIRS", "ITALIAN POLITICS", "NATIONAL ELECTIONS",
    "ORGANIZED CRIME", "POLITICAL PARTIES", "ECONOMIC AFFAIRS", "FOREIGN POLICY",
    "TRADE POLICY", "NUCLEAR ENERGY", "CIVIL AVIATION", "AVIAN INFLUENZA",
})
_LONGEST_PHRASE = max(len(phrase.split()) for phrase in KEYWORD_PHRASES)
_PHRASE_STARTS = frozenset(phrase.split()[0] for phrase in KEYWORD_PHRASES)
_LONGEST = max(map(len, KNOWN_CODES))


def keyword_phrase(words: list[str]) -> int:
    """How many of `words` (upper case) make the known keyword phrase they open; 0 if none."""
    if words[0] not in _PHRASE_STARTS:
        return 0
    for size in range(min(_LONGEST_PHRASE, len(words)), 1, -1):
        if " ".join(words[:size]) in KEYWORD_PHRASES:
            return size
    return 0


def tag_meaning(code: str) -> str | None:
    """What a TAGS code stands for: `PHUM` → `Human Rights`; None for unknown codes."""
    return MEANINGS.get(code.upper())


def _subject_run(word: str) -> tuple[str, ...] | None:
    """`word` read as known codes of three or more letters each, longest first; or None."""
    # reading[i]: a split of word[i:], or None.
    reading: list[tuple[str, ...] | None] = [None] * len(word) + [()]
    for start in range(len(word) - 3, -1, -1):
        for size in range(min(_LONGEST, len(word) - start), 2, -1):
            rest = reading[start + size]
            if rest is not None and word[start:start + size] in KNOWN_CODES:
                reading[start] = (word[start:start + size], *rest)
                break
    return reading[0]


@lru_cache(maxsize=4096)
def split_codes(word: str) -> tuple[str, ...] | None:
    """Known codes typed without separators, in order: `ETRDEINVPGOVCS` → (`ETRD`, `EINV`,
    `PGOV`, `CS`); None when the word is not such a run.

    A run is two or more subject or organization codes, then at most one country code, as
    TAGS lists are ordered; a word such as `POLITICS` (`PO LI TI CS`) is no run.
    """
    word = word.upper()
    if len(word) < 7 or word in KNOWN_CODES:
        return None
    run = _subject_run(word)
    if run is None and word[-2:] in COUNTRIES:
        head = _subject_run(word[:-2])
        run = (*head, word[-2:]) if head else None
    return run if run and len(run) >= 2 and len(run[0]) >= 3 and len(run[1]) >= 3 else None
