"""Packages whose public names are imported on first use.

A command imports only what it runs: `import cablesearch.index` for the default index
directory must not load the writer, nor `cablesearch.parse.tagcodes` every parser. A
package lists each name's home module, and `lazy_names` gives it the module
`__getattr__` and `__dir__` that import a home when one of its names is first asked for.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(package: str, homes: Mapping[str, str]
               ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """`__getattr__` and `__dir__` for `package`, whose names live in `homes` (name →
    module). Any other name is an AttributeError, so `from package import submodule`
    imports the submodule.

    A name that is also its home's own name (`search.citation`, the function in the
    module) is bound at once: the first import of that submodule, from anywhere, would
    else set the package's attribute to the module, and `__getattr__` is never asked."""
    for name, home in homes.items():
        if home == f"{package}.{name}":
            vars(sys.modules[package])[name] = getattr(import_module(home), name)

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        vars(sys.modules[package])[name] = value  # found once; later lookups do not come here
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(homes))

    return __getattr__, __dir__
