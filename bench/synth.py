"""Synthetic cables at any scale, with the statistics of real ones, for the benchmark.

We hold about a thousand real cables; the corpus to plan for is 251,287. Each synthetic cable
copies the shape of a real one (paragraph numbers, markings and lengths, tags, origin,
classification, year, capitals) and gets new text drawn from the word-pair frequencies of the
real text, so common and rare terms and phrases behave like the real ones. The real text's
one-off words are replaced by draws from a Zipfian open vocabulary, so that distinct terms keep
growing with the corpus instead of saturating at the sample's vocabulary.

Learning reads the real cables through the project's own parser at run time
(../shared/corpus/cables-sample.csv when present, and corpus/); nothing real is written out.

    python bench/synth.py --cables 10000 --seed 1 --out /tmp/synth [--html]
"""

from __future__ import annotations

import argparse
import csv
import html
import itertools
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cablesearch.cable import Cable, Paragraph
from cablesearch.sources import read_cables

REPO = Path(__file__).resolve().parent.parent
SHARED_CORPUS = Path(os.environ.get("CABLESEARCH_SHARED_CORPUS", REPO.parent / "shared" / "corpus"))
NOVEL = "\x00"  # stands for a word seen once in the sample: drawn from the open vocabulary
SYLLABLES = [c + v for c in "bcdfghjklmnprstvz" for v in "aeiou"]
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
ZIPF_POWER = -1.25  # rank = SCALE * u ** power: distinct novel words grow like n ** 0.8 (Heaps)
ZIPF_SCALE = 1000  # no novel word is common: the likeliest takes 0.1 % of novel draws
HEADING_WORDS = 4  # a section heading between numbered paragraphs: this many words at most
GLOBAL_EVERY = 4  # every 4th word pair from the whole sample, the rest from the model paragraph
CITED_IN_CORPUS = 0.6  # share of references naming another synthetic cable
CITED_HUB = 0.3  # of those, the share naming one of the first 1 % of cables


@dataclass(frozen=True)
class Template:
    """The shape of one real cable: everything but its words."""

    code: str
    year: int
    classification: str | None
    origin: str | None
    tags: tuple[str, ...]
    sender: str | None
    to: tuple[str, ...]
    signer: str | None
    upper: bool
    subject_words: int
    references: int  # how many cables its REF lines name
    # number, marking, level, caveats, words, and the real paragraph's own word pairs (what
    # it is about: drawing most pairs from them keeps terms as bursty as in real text)
    paragraphs: tuple[
        tuple[int | None, str | None, str | None, tuple[str, ...], int, tuple[str, ...]], ...
    ]


@dataclass(frozen=True)
class Model:
    """Word pairs, each as many times as it was seen (uniform draws from this urn follow the
    real frequencies, and are much faster than weighted draws), and the real cables' shapes."""

    urn: list[str]
    subject_urn: list[str]  # the words of real subjects, likewise
    templates: list[Template]


def default_sources() -> list[Path]:
    """The real sample in CSV form (one form only: the HTML and text copies are the same
    cables) when ../shared/corpus is present, and our own corpus/."""
    paths = [SHARED_CORPUS / "cables-sample.csv"]
    return [p for p in paths if p.is_file()] + [REPO / "corpus"]


def _origin_code(cable_id: str) -> str:
    """`09ISLAMABAD10` → `ISLAMABAD`: the originator part of a reference id."""
    return cable_id[2:].rstrip("0123456789") or "STATE"


def _is_upper(cable: Cable) -> bool:
    letters = "".join(p.text for p in cable.paragraphs)[:2000]
    return sum(map(str.isupper, letters)) > 3 * sum(map(str.islower, letters))


def _pairs(words: list[str]) -> tuple[str, ...]:
    """`a b c d e` → `a b`, `c d`, `e`: the units text is drawn in."""
    return tuple(" ".join(words[i : i + 2]) for i in range(0, len(words), 2))


def learn(cables: Iterable[Cable]) -> Model:
    """Word-pair frequencies and templates from parsed real cables (deduplicated by id)."""
    seen: dict[str, Cable] = {}
    for cable in cables:
        if cable.paragraphs and cable.created:
            seen[cable.id] = cable
    if not seen:
        raise SystemExit("synth: no real cables to learn from (corpus/ and ../shared/corpus)")
    tokens = {
        cable_id: [p.text.replace("\\", "").split() for p in cable.paragraphs]
        for cable_id, cable in seen.items()
    }
    counts = Counter(t for paragraphs in tokens.values() for words in paragraphs for t in words)
    own = {
        cable_id: [_pairs([t if counts[t] > 1 else NOVEL for t in words]) for words in paragraphs]
        for cable_id, paragraphs in tokens.items()
    }
    urn = sorted(pair for paragraphs in own.values() for pairs in paragraphs for pair in pairs)
    templates = [
        Template(
            code=_origin_code(c.id),
            year=int(c.created[:4]),
            classification=c.classification,
            origin=c.origin,
            tags=c.tags,
            sender=c.sender,
            to=c.to,
            signer=c.signer,
            upper=_is_upper(c),
            subject_words=len((c.subject or "").split()) or 4,
            references=len(c.references),
            paragraphs=tuple(
                (p.number, p.marking, p.level, p.caveats, max(1, len(words)), pairs)
                for p, words, pairs in zip(c.paragraphs, tokens[c.id], own[c.id], strict=True)
            ),
        )
        for c in sorted(seen.values(), key=lambda c: c.id)
    ]
    subject_urn = sorted(w for c in seen.values() for w in (c.subject or "").upper().split())
    return Model(urn, subject_urn or ["NONE"], templates)


def load_model(paths: list[Path] | None = None) -> Model:
    """Learn from the real cables found at run time (see `default_sources`)."""
    sources = [str(p) for p in (paths or default_sources()) if p.exists()]
    return learn(c for c in read_cables(sources, jobs=1) if isinstance(c, Cable))


def _novel_word(rng: random.Random) -> str:
    rank = int(ZIPF_SCALE * rng.random() ** ZIPF_POWER)
    syllables = []
    while rank:
        rank, digit = divmod(rank, len(SYLLABLES))
        syllables.append(SYLLABLES[digit])
    return "".join(syllables).capitalize()


def _sentence_end(text: str) -> str:
    """Paragraphs end a sentence, as real ones do (and a closing `... word. Name` would be
    read as the signature)."""
    return text if text.endswith((".", "!", "?")) else text + "."


def _heading(text: str) -> str:
    """An unnumbered paragraph between numbered ones is a section heading in real cables (the
    parser reads one only when it looks like one): a few words, no sentence punctuation."""
    words = [word for word in "".join(c for c in text if c.isalnum() or c in " '-").split()
             if word[0].isalpha()]
    return " ".join(words[:HEADING_WORDS]) or "Comment"


class Generator:
    """Draws cables from a model; the same seed always gives the same cables."""

    def __init__(self, model: Model, seed: int) -> None:
        self.model = model
        self.rng = random.Random(seed)
        # References are drawn from a stream of their own, so that the text, ids and fields
        # of a seed's cables are those of the benchmark runs before references were drawn.
        self.cited_rng = random.Random(f"references {seed}")
        self.ids: set[str] = set()
        self.written: list[str] = []

    def words(self, count: int, own: tuple[str, ...]) -> str:
        """About `count` words of text: word pairs drawn from a real paragraph's `own` pairs,
        one in GLOBAL_EVERY from the whole sample."""
        rng = self.rng
        units = rng.choices(own or self.model.urn, k=(count + 1) // 2)
        units[::GLOBAL_EVERY] = rng.choices(self.model.urn, k=len(units[::GLOBAL_EVERY]))
        text = " ".join(units)
        if NOVEL in text:
            parts = text.split(NOVEL)
            text = "".join(
                itertools.chain.from_iterable(
                    (part, _novel_word(rng)) for part in parts[:-1]
                )
            ) + parts[-1]
        return text

    def _cable_id(self, template: Template) -> str:
        while True:
            cable_id = f"{template.year % 100:02d}{template.code}{self.rng.randint(1, 99999)}"
            if cable_id not in self.ids:
                self.ids.add(cable_id)
                return cable_id

    def cable(self) -> Cable:
        """One synthetic cable in the shape of a randomly chosen real one."""
        rng = self.rng
        template = rng.choice(self.model.templates)
        case = str.upper if template.upper else str
        paragraphs: list[Paragraph] = []
        numbered = False
        for seq, (number, marking, level, caveats, size, own) in enumerate(
                template.paragraphs, 1):
            text = self.words(size, own)
            text = _heading(text) if number is None and numbered else _sentence_end(text)
            paragraphs.append(Paragraph(seq, number, case(text), marking, level, caveats))
            numbered = numbered or number is not None
        subject = " ".join(rng.choices(self.model.subject_urn, k=template.subject_words))
        created = (f"{template.year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
                   f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}")
        cable_id = self._cable_id(template)
        references = self._references(template)
        self.written.append(cable_id)
        return Cable(
            id=cable_id,
            subject=subject.rstrip(".,;:") or "NONE",
            created=created,
            classification=template.classification,
            origin=template.origin,
            tags=template.tags,
            sender=template.sender,
            to=template.to,
            signer=template.signer,
            references=references,
            paragraphs=tuple(paragraphs),
        )

    def _references(self, template: Template) -> tuple[str, ...]:
        """As many cited ids as the template's cable cites: most of earlier cables (a few
        early "instructions" cited again and again, else recent traffic), the rest of
        cables outside the corpus, as in the real sample."""
        rng, written = self.cited_rng, self.written
        cited = []
        for _ in range(template.references):
            if written and rng.random() < CITED_IN_CORPUS:
                if rng.random() < CITED_HUB:
                    cited.append(written[rng.randrange(max(1, len(written) // 100))])
                else:
                    cited.append(written[rng.randrange(max(0, len(written) - 2000),
                                                       len(written))])
            else:
                cited.append(f"{template.year % 100:02d}STATE{rng.randint(100000, 199999)}")
        return tuple(dict.fromkeys(cited))

    def cables(self, count: int) -> Iterator[Cable]:
        for _ in range(count):
            yield self.cable()


def _spaced(classification: str | None) -> str:
    """`SECRET//NOFORN` → `S E C R E T`, the way classification lines are typed."""
    word = (classification or "UNCLASSIFIED").split("//")[0]
    return " ".join(word) if word != "UNCLASSIFIED" else word


def header_text(cable: Cable) -> str:
    """The routing header: precedence and date-time group, FM and TO lines."""
    day, month, year = cable.created[8:10], int(cable.created[5:7]), cable.created[2:4]
    hhmm = cable.created[11:13] + cable.created[14:16]
    lines = [f"R {day}{hhmm}Z {MONTHS[month - 1]} {year}"]
    if cable.sender:
        lines.append(f"FM {cable.sender}")
    lines += [f"TO {to}" if i == 0 else to for i, to in enumerate(cable.to)]
    return "\n".join(lines)


def body_lines(cable: Cable) -> Iterator[tuple[int | None, str]]:
    """The telegram body as lines; numbered paragraph lines come with their number."""
    code = _origin_code(cable.id)
    number = cable.id[2 + len(code):]
    yield None, f"{_spaced(cable.classification)} {code} {int(number):06d} "
    yield None, ""
    created = cable.created
    yield None, f"E.O. 12958: DECL: {created[5:7]}/{created[8:10]}/20{created[2:4]}"
    if cable.tags:
        yield None, "TAGS: " + ", ".join(cable.tags)
    yield None, f"SUBJECT: {cable.subject} "
    for paragraph in cable.paragraphs:
        yield None, ""
        prefix = f"({paragraph.marking}) " if paragraph.marking else ""
        if paragraph.number is None:
            yield None, prefix + paragraph.text
        else:
            yield paragraph.number, f"{paragraph.number}. {prefix}{paragraph.text}"
    if cable.signer:
        yield None, ""
        yield None, cable.signer


def csv_row(cable: Cable, row: int) -> list[str]:
    """The 8 columns of cables.csv: id, created, reference id, origin, classification,
    references, header, body."""
    year, month, day = cable.created[:4], int(cable.created[5:7]), int(cable.created[8:10])
    created = f"{month}/{day}/{year} {cable.created[11:16]}"
    body = "\n".join(line for _, line in body_lines(cable))
    return [str(row), created, cable.id, cable.origin or "", cable.classification or "",
            " ".join(cable.references), header_text(cable), body]


PAGE = """<?xml version='1.0' encoding='utf-8' ?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html lang='en' xml:lang='en' xmlns='http://www.w3.org/1999/xhtml'>
<head>
<title>Cable Viewer</title>
</head>
<body>
<div class='main'>
<div class='pane big'>
<h3>Viewing cable {id}, {heading}</h3>
<table class='cable'>
<tr>
<th>Reference ID</th>
<th>Created</th>
<th>Released</th>
<th>Classification</th>
<th>Origin</th>
</tr>
<tr>
<td>
<a href='/cable/{year}/{month}/{id}.html'>{id}</a>
</td>
<td>
<a href='/date/{year}-{month}_0.html'>{created}</a>
</td>
<td>
<a href='/reldate/2010-11-30_0.html'>2010-11-30 21:09</a>
</td>
<td>
<a href='/classification/3_0.html' title='{classlower}'>{classification}</a>
</td>
<td>
<a href='/origin/66_0.html'>{origin}</a>
</td>
</tr>
</table>
<code><pre>{header}</pre></code>
<code><pre>{body}</pre></code>
</div>
</div>
</body>
</html>
"""


def html_page(cable: Cable) -> str:
    """The December 2010 cable viewer page: metadata table, header and body `<pre>`s with
    `&#x000A;` newlines, `¶` anchors on numbered paragraphs and TAGS as links."""
    lines = []
    for number, line in body_lines(cable):
        text = html.escape(line, quote=False)
        if number is not None:
            text = f"<a id='par{number}' href='#par{number}'>¶</a>{text}"
        elif line.startswith("TAGS: "):
            text = "TAGS: " + " ".join(
                f"<a href='/tag/{tag}_0.html'>{tag}</a>" for tag in cable.tags
            )
        lines.append(text)
    classification = cable.classification or "UNCLASSIFIED"
    return PAGE.format(
        id=cable.id,
        heading=html.escape(cable.subject or ""),
        year=cable.created[:4],
        month=cable.created[5:7],
        created=cable.created.replace("T", " "),
        classification=classification,
        classlower=classification.lower(),
        origin=html.escape(cable.origin or ""),
        header=html.escape(header_text(cable), quote=False).replace("\n", "&#x000A;"),
        body="&#x000A;".join(lines),
    )


def write(cables: Iterable[Cable], out: Path, with_html: bool) -> int:
    """Writes `out/cables.csv` (and `out/html/YYYY/MM/ID.html`); returns the cable count."""
    out.mkdir(parents=True, exist_ok=True)
    count = 0
    with open(out / "cables.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_ALL, escapechar="\\", doublequote=False)
        for count, cable in enumerate(cables, 1):
            writer.writerow(csv_row(cable, count))
            if with_html:
                page = out / "html" / cable.created[:4] / cable.created[5:7] / f"{cable.id}.html"
                page.parent.mkdir(parents=True, exist_ok=True)
                page.write_text(html_page(cable), encoding="utf-8")
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cables", type=int, required=True, help="how many cables to write")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="directory to write into")
    parser.add_argument("--html", action="store_true", help="also write viewer HTML pages")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    model = load_model()
    count = write(Generator(model, args.seed).cables(args.cables), args.out, args.html)
    print(f"synth: {count} cables from {len(model.templates)} real templates into {args.out} "
          f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
