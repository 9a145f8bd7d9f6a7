"""The references graph around one cable: what it cites (its REF lines), what cites it,
and so on to a depth, each cable marked as in the index or not.

The walk is pure: it is given how to look a cable up and how to find its citers, so the
graph's shape is tested without an index (`Searcher.refs` gives it the index's answers).
Each direction is followed outwards from the root on its own (what the root's sources
cite, who cites the root's citers): mixing them at depth 2 would list every other cable
citing the same well-known instruction, which is not a REF chain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

DIRECTIONS = ("cites", "cited-by", "both")
MAX_NODES = 500  # a much-cited instruction has hundreds of citers at depth 1 already


@dataclass(frozen=True)
class CableCard:
    """What the graph shows of an indexed cable, and the ids its REF lines name."""

    id: str
    subject: str | None
    created: str | None
    origin: str | None
    references: tuple[str, ...]

    def to_json(self) -> dict:
        """The card as `show` lists a citing cable."""
        return {"id": self.id, "created": self.created, "subject": self.subject,
                "origin": self.origin}


@dataclass(frozen=True)
class RefNode:
    """A cable in the graph: `relation` is how it was reached from the root (`root`,
    `cites`: a source of `via`, `cited-by`: a citer of `via`), at `depth` steps."""

    id: str
    depth: int
    relation: str
    via: str | None
    in_index: bool
    subject: str | None = None
    created: str | None = None
    origin: str | None = None

    def to_json(self) -> dict:
        return {"id": self.id, "depth": self.depth, "relation": self.relation,
                "via": self.via, "in_index": self.in_index, "subject": self.subject,
                "created": self.created, "origin": self.origin}


@dataclass(frozen=True)
class RefEdge:
    """`source` cites `target` (an arrow from the citing cable to the cited one)."""

    source: str
    target: str


@dataclass(frozen=True)
class RefGraph:
    """The nodes in the order they were reached (root first) and the citations between
    them; `truncated` when `max_nodes` stopped the walk before it was done."""

    root: str
    depth: int
    direction: str
    nodes: tuple[RefNode, ...]
    edges: tuple[RefEdge, ...]
    truncated: bool = False

    def to_json(self) -> dict:
        return {
            "root": self.root,
            "depth": self.depth,
            "direction": self.direction,
            "truncated": self.truncated,
            "nodes": [node.to_json() for node in self.nodes],
            "edges": [{"source": edge.source, "target": edge.target} for edge in self.edges],
        }


def walk(root: str, depth: int, direction: str, card: Callable[[str], CableCard | None],
         citers: Callable[[str], Iterable[str]], max_nodes: int = MAX_NODES) -> RefGraph:
    """The graph around `root` to `depth` steps; `card(id)` is None for a cable not in the
    index (whose own references are then unknown), `citers(id)` the ids citing it."""
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction '{direction}' (use {', '.join(DIRECTIONS)})")
    cards: dict[str, CableCard | None] = {}

    def node(cable_id: str, level: int, relation: str, via: str | None) -> RefNode:
        if cable_id not in cards:
            cards[cable_id] = card(cable_id)
        found = cards[cable_id]
        if found is None:
            return RefNode(cable_id, level, relation, via, False)
        return RefNode(cable_id, level, relation, via, True, found.subject, found.created,
                       found.origin)

    nodes = {root: node(root, 0, "root", None)}
    edges: dict[RefEdge, None] = {}
    truncated = False
    followed = ("cites", "cited-by") if direction == "both" else (direction,)
    for relation in followed:
        frontier = [root]
        for level in range(1, depth + 1):
            reached: list[str] = []
            for current in frontier:
                if relation == "cites":
                    known = cards[current]  # every node's card is read when it is reached
                    neighbours: Iterable[str] = known.references if known else ()
                else:
                    neighbours = citers(current)
                for other in neighbours:
                    if other not in nodes:
                        if len(nodes) >= max_nodes:
                            truncated = True
                            continue
                        nodes[other] = node(other, level, relation, current)
                        reached.append(other)
                    pair = (current, other) if relation == "cites" else (other, current)
                    if pair[0] != pair[1]:
                        edges[RefEdge(*pair)] = None
            frontier = reached
    return RefGraph(root, depth, direction, tuple(nodes.values()), tuple(edges), truncated)
