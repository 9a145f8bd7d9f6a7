"""What a cold command loads: each imports only what it runs, so `search` starts fast.

Each check runs a fresh interpreter and reads `sys.modules` after the command (no timing:
the machine's load would make it flaky); the modules named here are the ones that cost
start-up before (all of nltk for its stemmer, the writer and parsers for the default
index path, the web server).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from search_cables import small_index  # noqa: F401  (a fixture)

# Never needed to search or show: the whole of nltk (only its Snowball module is), the web
# stack, the index writer with its processes, the parsers and the OpenSearch translation.
NOT_FOR_SEARCHING = (
    "nltk", "fastapi", "uvicorn", "jinja2", "starlette", "multiprocessing",
    "cablesearch.index.writer", "cablesearch.index.parallel", "cablesearch.sources",
    "cablesearch.parse.telegram", "cablesearch.parse.csvrecord", "cablesearch.opensearch",
    "cablesearch.web",
)

_RUN = """
import json, sys
from click.testing import CliRunner
from cablesearch.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
print(json.dumps({"exit": result.exit_code, "output": result.output,
                  "modules": sorted(sys.modules)}))
"""


def command_modules(*args: str) -> tuple[dict, set[str]]:
    """Run `cablesearch ARGS` in a fresh interpreter: its result and the modules it loaded."""
    done = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout)
    return result, set(result["modules"])


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    """The names, or modules inside them, that were loaded."""
    return sorted(m for m in modules for name in names
                  if m == name or m.startswith(name + "."))


def test_search_help_loads_no_stemmer_writer_or_web() -> None:
    result, modules = command_modules("search", "--help")
    assert result["exit"] == 0 and "Query language" in result["output"]
    # `regex` is what the Snowball module brings: nothing was stemmed, nothing loaded.
    assert loaded(modules, NOT_FOR_SEARCHING + ("regex",)) == []


def test_a_search_stems_without_importing_nltk(small_index: Path) -> None:  # noqa: F811
    """`ministers` finds `minister`: the query was stemmed by nltk's Snowball module, yet
    neither the nltk package nor anything else above was left loaded."""
    result, modules = command_modules("search", "ministers", "--format", "json",
                                      "--index", str(small_index))
    assert result["exit"] == 0, result["output"]
    assert json.loads(result["output"])["total"] >= 2
    assert loaded(modules, NOT_FOR_SEARCHING) == []


def test_show_loads_no_stemmer(small_index: Path) -> None:  # noqa: F811
    result, modules = command_modules("show", "08ASTANA1111", "--index", str(small_index))
    assert result["exit"] == 0, result["output"]
    assert loaded(modules, NOT_FOR_SEARCHING + ("regex",)) == []


def test_the_front_door_and_the_command_group_load_no_engine() -> None:
    code = ("import sys, cablesearch, cablesearch.cli, cablesearch.index, cablesearch.parse; "
            "print(sorted(sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    modules = set(eval(done.stdout))  # a printed list of module names
    assert loaded(modules, NOT_FOR_SEARCHING + (
        "numpy", "whoosh", "cablesearch.search", "cablesearch.index.store")) == []


def test_the_stemmer_loaded_alone_is_nltks_and_leaves_nltk_whole() -> None:
    """The Snowball module loaded without nltk's package stems as the ordinary import
    does, and a later `import nltk` still gets the whole package."""
    code = """
import sys
from cablesearch.index.stemmer import english_stemmer
words = ["ministers", "terrorizing", "negotiations", "generously", "dying", "news",
         "skies", "proceedings", "kazakhstan", "1.4(b)", "andes", "gently", "succeeded"]
alone = [english_stemmer().stem(w) for w in words]
assert "nltk" not in sys.modules, "the stand-in packages were left behind"
import nltk
from nltk.stem.snowball import EnglishStemmer
assert nltk.stem.snowball.EnglishStemmer is EnglishStemmer
assert nltk.corpus.stopwords is not None and hasattr(nltk, "word_tokenize")
assert alone == [EnglishStemmer().stem(w) for w in words], alone
assert english_stemmer().stem("ministers") == "minist"  # nltk loaded: the ordinary import
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr
