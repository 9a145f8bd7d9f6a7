"""A references graph as a table for the terminal, CSV (one row per cable), DOT (Graphviz)
and GraphML (Gephi, yEd, networkx). JSON is `RefGraph.to_json`.

Cable subjects are arbitrary text: DOT strings escape quotes and backslashes, and GraphML
is written by an XML library, less the control characters XML 1.0 cannot carry at all.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

from cablesearch.search.refgraph import RefGraph, RefNode

GRAPH_FORMATS = ("table", "json", "csv", "dot", "graphml")
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
LABEL_SUBJECT = 60  # characters of the subject in a DOT label
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# GraphML keys: (id, type) of each node attribute, in the order written.
_NODE_KEYS = (("label", "string"), ("subject", "string"), ("created", "string"),
              ("origin", "string"), ("in_index", "boolean"), ("depth", "int"),
              ("relation", "string"))


def _date(node: RefNode) -> str:
    return (node.created or "")[:10]


def graph_table(graph: RefGraph) -> str:
    """A line saying what was found, then one row per cable, root first."""
    cites = [node for node in graph.nodes if node.relation == "cites" and node.depth == 1]
    citers = sum(1 for node in graph.nodes if node.relation == "cited-by" and node.depth == 1)
    parts = []
    if graph.direction in ("cites", "both"):
        parts.append(f"cites {len(cites)} cable{'s' * (len(cites) != 1)} "
                     f"({sum(node.in_index for node in cites)} in the index)")
    if graph.direction in ("cited-by", "both"):
        parts.append(f"cited by {citers} cable{'s' * (citers != 1)}")
    lines = [f"{graph.root}: {', '.join(parts)}"
             + (f"; {len(graph.nodes) - 1} cables to depth {graph.depth}"
                if graph.depth > 1 else "")]
    columns = ("depth", "relation", "cable", "created", "indexed", "via", "subject")
    rows = [(str(node.depth), node.relation, node.id, _date(node) or "-",
             "yes" if node.in_index else "no", node.via or "-", node.subject or "-")
            for node in graph.nodes]
    widths = [max(len(row[i]) for row in (columns, *rows)) for i in range(len(columns) - 1)]
    for row in (columns, *rows):
        padded = [cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=True)]
        lines.append("  ".join([*padded, row[-1]]).rstrip())
    if graph.truncated:
        lines.append(f"(stopped at {len(graph.nodes)} cables: narrow --depth or --direction)")
    return "\n".join(lines)


def graph_csv(graph: RefGraph) -> str:
    """One row per cable, root first; `via` is the cable it was reached from."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("id", "depth", "relation", "via", "in_index", "created", "origin",
                     "subject"))
    writer.writerows((node.id, node.depth, node.relation, node.via or "",
                      "yes" if node.in_index else "no", node.created or "", node.origin or "",
                      node.subject or "") for node in graph.nodes)
    return out.getvalue()


def _dot_escaped(text: str) -> str:
    return " ".join(text.split()).replace("\\", "\\\\").replace('"', '\\"')


def graph_dot(graph: RefGraph) -> str:
    """A Graphviz digraph: an arrow from each citing cable to the cable it cites; cables
    not in the index dashed, the root in bold."""
    lines = ["digraph refs {", "  node [shape=box];"]
    for node in graph.nodes:
        parts = (node.id, _date(node), (node.subject or "")[:LABEL_SUBJECT])
        label = "\\n".join(_dot_escaped(part) for part in parts if part)
        attributes = [f'label="{label}"']
        if not node.in_index:
            attributes.append("style=dashed")
        if node.relation == "root":
            attributes.append("penwidth=2")
        lines.append(f'  "{_dot_escaped(node.id)}" [{", ".join(attributes)}];')
    lines += [f'  "{_dot_escaped(edge.source)}" -> "{_dot_escaped(edge.target)}";'
              for edge in graph.edges]
    lines.append("}")
    return "\n".join(lines)


def _xml_text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _NOT_XML.sub("", str(value))


def graph_graphml(graph: RefGraph) -> str:
    """A GraphML document of the directed graph, with each cable's fields as node data."""
    ET.register_namespace("", GRAPHML_NS)
    root = ET.Element(f"{{{GRAPHML_NS}}}graphml")
    for key, kind in _NODE_KEYS:
        ET.SubElement(root, f"{{{GRAPHML_NS}}}key", {
            "id": key, "for": "node", "attr.name": key, "attr.type": kind})
    element = ET.SubElement(root, f"{{{GRAPHML_NS}}}graph",
                            {"id": graph.root, "edgedefault": "directed"})
    for node in graph.nodes:
        item = ET.SubElement(element, f"{{{GRAPHML_NS}}}node", {"id": node.id})
        values = {"label": node.id, "subject": node.subject, "created": node.created,
                  "origin": node.origin, "in_index": node.in_index, "depth": node.depth,
                  "relation": node.relation}
        for key, _ in _NODE_KEYS:
            if values[key] is not None:
                ET.SubElement(item, f"{{{GRAPHML_NS}}}data", {"key": key}).text = \
                    _xml_text(values[key])
    for edge in graph.edges:
        ET.SubElement(element, f"{{{GRAPHML_NS}}}edge",
                      {"source": edge.source, "target": edge.target})
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            + ET.tostring(root, encoding="unicode"))
