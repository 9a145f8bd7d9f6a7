"""The examples of README.md and docs/*.md run on `corpus/` and print what they show, so the
docs stay true; and every relative link of those pages leads to a file of the repository.

How to write an example these tests run:

- A shell example is a line `$ cablesearch ARGS...` inside a fenced block (```` ``` ```` or
  ```` ```console ````). The lines after it, up to the next `$ ` line or the end of the block,
  are what it prints (stdout and stderr together, as a terminal 100 columns wide shows
  them). ARGS are split as a POSIX shell splits them; a `> FILE` at the end writes the
  output to FILE instead, and then nothing is shown. Any other shell syntax is refused.
  Lines of a block without a `$` (synopses, comments) are not examples.
- `...` in the shown output stands for any text, as in doctest's ELLIPSIS: on a line of its
  own for lines left out, at the end of a line for the rest of that line.
- What differs from run to run is masked on both sides before comparing (`VOLATILE`): the
  seconds at the end of `index`'s summary, `stats`' `updated:` and `size on disk:`, and the
  accessed date of a citation.
- An example exits 0, unless what it shows has a line starting `error: ` (or click's
  `Error: `): then it must fail with exit 1 or 2.
- `<!-- example: not compared -->` on the line before a fence runs the block's commands
  without comparing their output; `<!-- example: not run -->` does not run them either
  (`serve`, which waits for Ctrl-C).
- Every ```` ```python ```` block runs.
- A page's examples run in order, as a reader would type them, in a fresh folder holding
  `corpus/`. A page with no `cablesearch index` example starts with `./index` (the default
  `--index`), an index of `corpus/`; one that has such an example starts without one.
"""

from __future__ import annotations

import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from cablesearch.cli import main

REPO = Path(__file__).resolve().parent.parent
PAGES = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]
LINKED_PAGES = [*PAGES, REPO / "bench" / "README.md", REPO / "bench" / "results" / "HISTORY.md",
                REPO / "corpus" / "README.md"]

FENCE = re.compile(r"^```(\w*)\s*$")
MARKER = re.compile(r"^<!--\s*example:\s*(not compared|not run)\s*-->\s*$")
# (pattern, replacement, why): what a run cannot reproduce, masked in both outputs.
VOLATILE = [
    (r"(files? skipped), [\d.]+ s$", r"\1, N s", "the time an index run took"),
    (r"^(updated: +).*$", r"\1WHEN", "when the index was last written"),
    (r"^(size on disk: ).*$", r"\1SIZE", "the bytes a build writes vary with its segments"),
    (r"\(accessed [^)]*\)", "(accessed TODAY)", "a Chicago citation's accessed date"),
    (r"^(Y2  - ).*$", r"\1TODAY", "a RIS citation's accessed date"),
    (r"(urldate = )\{[^}]*\}", r"\1{TODAY}", "a BibTeX citation's accessed date"),
]


@dataclass
class Example:
    page: str
    line: int          # 1-based line of the `$` command (or of the ```python fence)
    command: str       # the text after `$ `, or the python source
    shown: str         # what the page says it prints
    mode: str          # "compare", "not compared", "not run" or "python"


def examples(page: Path) -> list[Example]:
    """The examples of one page, in the order they appear."""
    return page_examples(str(page.relative_to(REPO)), page.read_text(encoding="utf-8"))


def page_examples(name: str, text: str) -> list[Example]:
    found: list[Example] = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        fence = FENCE.match(lines[index])
        if not fence:
            index += 1
            continue
        marker = MARKER.match(lines[index - 1]) if index else None
        mode = marker.group(1) if marker else "compare"
        start = index + 1
        end = start
        while end < len(lines) and lines[end].rstrip() != "```":
            end += 1
        body = lines[start:end]
        if fence.group(1) == "python":
            found.append(Example(name, index + 1, "\n".join(body) + "\n", "", "python"))
        elif fence.group(1) in ("", "console"):
            found.extend(_shell_examples(name, start, body, mode))
        index = end + 1
    return found


def _shell_examples(page: str, start: int, body: list[str], mode: str) -> list[Example]:
    found: list[Example] = []
    for offset, text in enumerate(body):
        if text.startswith("$ "):
            if not text.startswith("$ cablesearch "):
                raise AssertionError(f"{page}:{start + offset + 1}: only `$ cablesearch` "
                                     f"examples can run: {text}")
            found.append(Example(page, start + offset + 1, text[2:], "", mode))
        elif found:
            found[-1].shown += text + "\n"
    return found


def mask(output: str) -> str:
    lines = []
    for line in output.splitlines():
        line = line.rstrip()
        for pattern, replacement, _why in VOLATILE:
            line = re.sub(pattern, replacement, line)
        lines.append(line)
    return "\n".join(lines).strip("\n")


def matches(shown: str, actual: str) -> bool:
    """Whether `actual` is `shown`, each `...` of `shown` standing for any text."""
    pieces = shown.split("...")
    if len(pieces) == 1:
        return shown == actual
    if not (actual.startswith(pieces[0]) and actual.endswith(pieces[-1])):
        return False
    at, stop = len(pieces[0]), len(actual) - len(pieces[-1])
    if at > stop:
        return False
    for piece in pieces[1:-1]:
        found = actual.find(piece, at, stop)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def run_shell(example: Example, folder: Path) -> str | None:
    """Run one shell example in `folder`; a description of what went wrong, or None."""
    words = shlex.split(example.command, comments=True)[1:]
    target = None
    if len(words) >= 2 and words[-2] == ">":
        words, target = words[:-2], folder / words[-1]
    refused = {"|", "&&", "||", ";", ">", ">>", "<", "2>", "&"} & set(words)
    assert not refused, f"{example.page}:{example.line}: shell syntax {refused} is not run"
    result = CliRunner().invoke(main, words, env={"COLUMNS": "100", "CABLESEARCH_INDEX": None,
                                                  "CABLESEARCH_DEBUG": None})
    if result.exception and not isinstance(result.exception, SystemExit):
        return f"raised {result.exception!r}\n{result.output}"
    output = result.output
    if target is not None:
        target.write_text(output, encoding="utf-8")
        output = ""
    failing = re.search(r"^error: ", example.shown, re.M | re.I) is not None
    if failing != (result.exit_code != 0) or result.exit_code not in (0, 1, 2):
        return f"exit status {result.exit_code}\n{output}"
    if example.mode == "compare" and not matches(mask(example.shown), mask(output)):
        return f"printed:\n{output}"
    return None


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of corpus/, built once, for pages whose examples search without indexing."""
    from cablesearch.index import update_index

    index_dir = tmp_path_factory.mktemp("docs-index") / "index"
    update_index(index_dir, [REPO / "corpus"])
    return index_dir


@pytest.mark.parametrize("page", PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_page_examples_print_what_they_show(page: Path, tmp_path: Path, corpus_index: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    found = examples(page)
    (tmp_path / "corpus").symlink_to(REPO / "corpus", target_is_directory=True)
    indexes = any(e.command.split()[1:2] == ["index"] for e in found if e.mode != "python")
    if not indexes:
        shutil.copytree(corpus_index, tmp_path / "index")
    monkeypatch.chdir(tmp_path)
    failures = []
    for example in found:
        if example.mode == "not run":
            continue
        if example.mode == "python":
            space: dict = {"__name__": "__docs__"}
            exec(compile(example.command, f"{example.page}:{example.line}", "exec"), space)
            continue
        problem = run_shell(example, tmp_path)
        if problem:
            failures.append(f"{example.page}:{example.line}: $ {example.command}\n"
                            f"shown:\n{example.shown}{problem}")
    assert not failures, "\n\n".join(failures)


def test_readme_shows_every_command() -> None:
    """One example of each command in the README (its help lists them all)."""
    from cablesearch.cli import load_all_commands

    load_all_commands()
    shown = {e.command.split()[1] for e in examples(REPO / "README.md") if e.mode != "python"}
    assert set(main.commands) - shown == set()


def test_examples_are_found() -> None:
    """The conventions above, on a page of our own: a command, its output, an ellipsis,
    a marked block, a python block."""
    text = ("intro\n\n```\n$ cablesearch stats\ncables: 22\n...\n$ cablesearch search x\n```\n"
            "<!-- example: not run -->\n```console\n$ cablesearch serve\nserving\n```\n"
            "```python\nx = 1\n```\n```\ncablesearch parse PATH\n```\n")
    found = page_examples("probe.md", text)
    assert [(e.command, e.shown, e.mode) for e in found] == [
        ("cablesearch stats", "cables: 22\n...\n", "compare"),
        ("cablesearch search x", "", "compare"),
        ("cablesearch serve", "serving\n", "not run"),
        ("x = 1\n", "", "python")]


@pytest.mark.parametrize(("shown", "actual", "expected"), [
    ("a\nb", "a\nb", True),
    ("a\nb", "a\nc", False),
    ("a\n...\nd", "a\nb\nc\nd", True),
    ("a\n...\nd", "a\nd", False),            # the lines around `...` are still lines
    ("cables ...", "cables 22 (106)", True),
    ("x...y...z", "xyz", True),
    ("x...y...z", "xzy", False),
    ("ab...ba", "aba", False),               # the two ends cannot overlap
])
def test_ellipsis(shown: str, actual: str, expected: bool) -> None:
    assert matches(shown, actual) is expected


def test_volatile_values_are_masked_alike() -> None:
    assert mask("22 cables added, 0 files skipped, 2.6 s") == mask(
        "22 cables added, 0 files skipped, 0.9 s")
    assert mask("updated:     2026-11-29T16:09:39+00:00") == mask("updated:     yesterday")
    assert mask("x (accessed December 7, 2026).") == mask("x (accessed January 1, 2027).")
    assert mask("cables: 22") != mask("cables: 23")


def test_anchors_are_githubs() -> None:
    assert {"ours-vs-fts5-at-250000-cables-2026-12-07", "faults-benchchaospy"} <= anchors(
        REPO / "bench" / "README.md")


LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
# A file of ours named in backquotes: `bench/run.py`, `engine/postings.py` (in cablesearch/).
CODE_PATH = re.compile(r"`((?:cablesearch|bench|tests|docs|corpus|engine|search|index|cli|"
                       r"parse|web)/[\w./-]*\w\.(?:py|md|json|png))`")


def anchors(page: Path) -> set[str]:
    """The anchors GitHub makes of a page's headings: lower case, punctuation dropped,
    spaces as hyphens."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    headings = re.findall(r"^#+ (.*)$", text, re.M)
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
            for heading in headings}


@pytest.mark.parametrize("page", LINKED_PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_relative_links_lead_to_files(page: Path) -> None:
    """Every relative link leads to a file, and its #anchor, if any, to a heading there."""
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    broken = []
    for link in LINK.findall(text):
        if re.match(r"\w+:", link):
            continue
        path, _, anchor = link.partition("#")
        target = page.parent / path if path else page
        if not target.exists():
            broken.append(link)
        elif anchor and target.suffix == ".md" and anchor not in anchors(target):
            broken.append(link)
    assert broken == [], f"{page.relative_to(REPO)} has broken links"


@pytest.mark.parametrize("page", LINKED_PAGES, ids=lambda page: str(page.relative_to(REPO)))
def test_files_named_in_backquotes_exist(page: Path) -> None:
    """Code moves; the pages that name its files move with it."""
    named = set(CODE_PATH.findall(page.read_text(encoding="utf-8")))
    missing = sorted(path for path in named
                     if not (REPO / path).exists() and not (REPO / "cablesearch" / path).exists())
    assert missing == [], f"{page.relative_to(REPO)} names files that do not exist"
