"""nltk's Snowball English stemmer, loaded without the rest of nltk.

`import nltk.stem.snowball` first runs `nltk/__init__.py`, which imports nearly all of
nltk (parsers, corpora readers, numpy): about 0.3 s of every cold command, and over 1 s on a
loaded machine, for the one class we use. So the Snowball module and the few it imports
(`nltk.stem.porter`, `nltk.stem.api`, `nltk.stem.util`, `nltk.redos`, `nltk.termsec`) are
loaded under stand-in packages `nltk`, `nltk.stem` and `nltk.corpus` that run no package
code; then every module so loaded is taken out of `sys.modules` again, so a later
`import nltk` (by a user's notebook, say) loads the real package whole. The code that stems
is nltk's own, unchanged. Where nltk is already imported, or its layout differs, the
ordinary import is used.
"""

from __future__ import annotations

import importlib.util
import os
import sys
import types
from typing import Any

_SNOWBALL = "nltk.stem.snowball"
# Packages whose `__init__` the Snowball module's imports would run.
_STAND_INS = ("nltk", "nltk.stem", "nltk.corpus")


def english_stemmer() -> Any:
    """A new `nltk.stem.snowball.EnglishStemmer`."""
    if "nltk" not in sys.modules:
        try:
            return _load_alone().EnglishStemmer()
        except Exception:  # another nltk layout: the ordinary import below is right
            pass
    from nltk.stem.snowball import EnglishStemmer

    return EnglishStemmer()


def _load_alone() -> types.ModuleType:
    """The Snowball module, imported under stand-in packages that are then removed."""
    spec = importlib.util.find_spec("nltk")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("nltk is not installed as a package")
    root = list(spec.submodule_search_locations)[0]
    before = set(sys.modules)
    try:
        for name in _STAND_INS:
            stand_in = types.ModuleType(name)
            stand_in.__path__ = [os.path.join(root, *name.split(".")[1:])]
            sys.modules[name] = stand_in
        # Read by the Snowball module at import, used only to ignore stop words (we never do).
        sys.modules["nltk.corpus"].stopwords = None  # type: ignore[attr-defined]
        return importlib.import_module(_SNOWBALL)
    finally:
        for name in set(sys.modules) - before:
            if name == "nltk" or name.startswith("nltk."):
                del sys.modules[name]
