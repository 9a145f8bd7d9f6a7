"""The imports run one way, parse -> sources -> index -> engine -> search -> (opensearch,
web) -> cli, and no module imports itself back through others: read from the source with
`ast`, so a new import against the flow fails here, naming it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cablesearch"
# Each layer may import its own and the layers before it. Prefixes name modules
# (`cablesearch.parse` is the package and everything in it).
LAYERS = [
    ("cablesearch.lazy", "cablesearch.cable", "cablesearch.parse"),
    ("cablesearch.sources", "cablesearch.processes"),
    ("cablesearch.index",),
    # The query language (text in, tree out) and its errors sit under the engine, which
    # compiles that tree into what it runs.
    ("cablesearch.engine", "cablesearch.search.querylang", "cablesearch.search.errors"),
    ("cablesearch.search",),
    ("cablesearch.opensearch", "cablesearch.web"),
    ("cablesearch.cli", "cablesearch.__main__"),
]
FRONT_DOOR = "cablesearch"  # names everything, lazily; nothing inside imports it


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """The package's modules `path` imports, anywhere in it (type-checking and
    in-function imports too: each is a dependency of the code)."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module and (
                node.module.split(".")[0] == FRONT_DOOR):
            for alias in node.names:
                name = f"{node.module}.{alias.name}"
                out.add(name if name in MODULES else node.module)
        elif isinstance(node, ast.Import):
            out.update(alias.name for alias in node.names
                       if alias.name.split(".")[0] == FRONT_DOOR)
    return out


GRAPH = {module: _imports(path) - {module} for module, path in MODULES.items()}


def layer(module: str) -> int:
    for number, prefixes in enumerate(LAYERS):
        if any(module == prefix or module.startswith(prefix + ".") for prefix in prefixes):
            return number
    raise AssertionError(f"{module} is in no layer: add it to LAYERS")


def test_every_module_has_a_layer() -> None:
    assert len(MODULES) > 100
    for module in MODULES:
        if module != FRONT_DOOR:
            layer(module)


@pytest.mark.parametrize("module", sorted(set(MODULES) - {FRONT_DOOR}))
def test_imports_run_one_way(module: str) -> None:
    against = sorted(name for name in GRAPH[module]
                     if name == FRONT_DOOR or layer(name) > layer(module))
    assert not against, f"{module} imports {against}, against the flow {LAYERS}"


def test_no_cycle_between_modules() -> None:
    """Tarjan's strongly connected components: each of more than one module is a cycle."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for name in GRAPH[module]:
            if name not in index:
                visit(name)
                low[module] = min(low[module], low[name])
            elif name in stack:
                low[module] = min(low[module], index[name])
        if low[module] == index[module]:
            component = []
            while not component or component[-1] != module:
                component.append(stack.pop())
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in MODULES:
        if module not in index:
            visit(module)
    assert cycles == []


# The domain and its shells know our query tree and the engine's surface, never Whoosh.
NO_WHOOSH = ("cablesearch.search", "cablesearch.cli", "cablesearch.web")


def _whoosh_imports(path: Path) -> list[str]:
    """The whoosh modules `path` imports, anywhere in it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found += [node.module] if node.module.split(".")[0] == "whoosh" else []
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "whoosh"]
    return found


@pytest.mark.parametrize("module", sorted(name for name in MODULES if any(
    name == prefix or name.startswith(prefix + ".") for prefix in NO_WHOOSH)))
def test_the_domain_and_its_shells_import_no_whoosh(module: str) -> None:
    assert _whoosh_imports(MODULES[module]) == [], f"{module} imports whoosh"


def test_the_whoosh_reader_sees_whoosh_imports() -> None:
    assert "whoosh.fields" in _whoosh_imports(MODULES["cablesearch.engine.compile"])


def test_the_graph_sees_the_imports_that_are_there() -> None:
    """The reader is not blind: it finds the imports that are there."""
    assert "cablesearch.search.searcher" in GRAPH["cablesearch.cli.search_cmd"]
    assert "cablesearch.engine.phrases" in GRAPH["cablesearch.engine.docsets"]
    assert "cablesearch.engine.docsets" not in GRAPH["cablesearch.engine.phrases"]


def test_each_command_is_found_in_the_module_it_is_listed_under() -> None:
    """The CLI imports one command's module by name (no import the graph could see):
    the list says truly where each command lives."""
    from cablesearch.cli import COMMAND_MODULES, load_all_commands, main

    load_all_commands()
    assert set(main.commands) == set(COMMAND_MODULES)
    for name, command in main.commands.items():
        assert command.callback.__module__ == f"cablesearch.cli.{COMMAND_MODULES[name]}", name
