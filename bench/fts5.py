"""The SQLite FTS5 baseline: the same paragraph documents, indexed and searched plainly.

Same input, same parser (`cablesearch.sources.read_sources`, parse workers as ours), same
skipping of unchanged input units on re-index; then one FTS5 row per paragraph (text and
subject, `tokenize='porter'`, bm25 ranking, `snippet()`), the cable fields in a plain
table, and tags in a cable→tag table for filters and facets.

    python bench/fts5.py build --db X.sqlite PATH...       # prints a JSON report
    python bench/fts5.py search --db X.sqlite QUERY [--tag T] [--since D] [--until D]
    python bench/fts5.py queries --db X.sqlite --spec JSON --repeat N
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import time
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

from cablesearch.cable import Cable
from cablesearch.sources import read_sources

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import latencies, mix_latencies, self_peak_rss_mb  # noqa: E402  (a sibling script)

SCHEMA = """
CREATE TABLE IF NOT EXISTS unit(source TEXT PRIMARY KEY, digest TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cable(
    id INTEGER PRIMARY KEY, ref TEXT UNIQUE NOT NULL, source TEXT, subject TEXT,
    created TEXT, year INTEGER, origin TEXT, classification TEXT);
CREATE INDEX IF NOT EXISTS cable_source ON cable(source);
CREATE TABLE IF NOT EXISTS cable_tag(cable INTEGER NOT NULL, tag TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS cable_tag_tag ON cable_tag(tag, cable);
CREATE INDEX IF NOT EXISTS cable_tag_cable ON cable_tag(cable);
CREATE TABLE IF NOT EXISTS para(
    id INTEGER PRIMARY KEY, cable INTEGER NOT NULL, seq INTEGER, number INTEGER,
    marking TEXT, level TEXT);
CREATE INDEX IF NOT EXISTS para_cable ON para(cable);
CREATE VIRTUAL TABLE IF NOT EXISTS para_fts USING fts5(text, subject, tokenize='porter');
"""
COMMIT_EVERY = 5000  # cables per transaction
SUBJECT_WEIGHT = 2.0  # bm25 column weight, as the subject is boosted in ours
JOINS = "FROM para_fts JOIN para p ON p.id = para_fts.rowid JOIN cable c ON c.id = p.cable"


def connect(db: Path) -> sqlite3.Connection:
    connection = sqlite3.connect(db)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=NORMAL")
    connection.executescript(SCHEMA)
    return connection


def _delete_cables(connection: sqlite3.Connection, where: str, value: str) -> None:
    """Remove cables (and their paragraphs and tags) selected by `cable.<where> = value`."""
    ids = [row[0] for row in connection.execute(f"SELECT id FROM cable WHERE {where} = ?",
                                                (value,))]
    for cable_id in ids:
        connection.execute("DELETE FROM para_fts WHERE rowid IN "
                           "(SELECT id FROM para WHERE cable = ?)", (cable_id,))
        connection.execute("DELETE FROM para WHERE cable = ?", (cable_id,))
        connection.execute("DELETE FROM cable_tag WHERE cable = ?", (cable_id,))
        connection.execute("DELETE FROM cable WHERE id = ?", (cable_id,))


def _insert(connection: sqlite3.Connection, source: str, cable: Cable) -> int:
    """One cable and its paragraphs; returns the paragraph count."""
    _delete_cables(connection, "ref", cable.id)
    cursor = connection.execute(
        "INSERT INTO cable(ref, source, subject, created, year, origin, classification) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (cable.id, source, cable.subject, cable.created,
         int(cable.created[:4]) if cable.created else None, cable.origin, cable.classification),
    )
    cable_id = cursor.lastrowid
    connection.executemany("INSERT INTO cable_tag(cable, tag) VALUES (?, ?)",
                           [(cable_id, tag) for tag in dict.fromkeys(cable.tags)])
    rows = []
    for p in cable.paragraphs:
        cursor = connection.execute(
            "INSERT INTO para(cable, seq, number, marking, level) VALUES (?, ?, ?, ?, ?)",
            (cable_id, p.seq, p.number, p.marking, p.level))
        rows.append((cursor.lastrowid, p.text, cable.subject or ""))
    connection.executemany("INSERT INTO para_fts(rowid, text, subject) VALUES (?, ?, ?)", rows)
    return len(rows)


def build(db: Path, paths: Iterable[str], jobs: int) -> dict:
    """Index (or re-index: units whose digest is unchanged are neither parsed nor touched)."""
    started = time.perf_counter()
    connection = connect(db)
    known = dict(connection.execute("SELECT source, digest FROM unit"))
    report = {"cables": 0, "paragraphs": 0, "text_bytes": 0, "unchanged_units": 0,
              "failed_units": 0}
    pending = 0
    for batch in read_sources(paths, jobs=jobs,
                              known=lambda source, digest: known.get(source) == digest):
        if batch.skipped:
            report["unchanged_units"] += 1
            continue
        if batch.error is not None:
            report["failed_units"] += 1
            continue
        if batch.source in known:
            _delete_cables(connection, "source", batch.source)
        connection.execute("INSERT OR REPLACE INTO unit VALUES (?, ?)",
                           (batch.source, batch.digest))
        for cable in batch.cables:
            report["cables"] += 1
            report["paragraphs"] += _insert(connection, batch.source, cable)
            report["text_bytes"] += sum(len(p.text.encode("utf-8")) for p in cable.paragraphs)
            pending += 1
        if pending >= COMMIT_EVERY:
            connection.commit()
            pending = 0
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    report["seconds"] = round(time.perf_counter() - started, 3)
    return report


class Fts5Searcher:
    """Top-N by bm25 with snippets and the exact count; facets by tag and year."""

    def __init__(self, db: Path) -> None:
        if not db.is_file():
            raise SystemExit(f"fts5: {db}: no such database")
        self.connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)

    @staticmethod
    def _where(tag: str | None, since: str | None, until: str | None) -> tuple[str, list]:
        clauses, args = ["para_fts MATCH ?"], []
        if tag:
            clauses.append("p.cable IN (SELECT cable FROM cable_tag WHERE tag = ?)")
            args.append(tag)
        if since:
            clauses.append("c.created >= ?")
            args.append(since)
        if until:
            clauses.append("c.created < ?")
            args.append(until)
        return " AND ".join(clauses), args

    def search(self, query: str, tag: str | None = None, since: str | None = None,
               until: str | None = None, limit: int = 10) -> dict:
        """`since` inclusive, `until` exclusive, as ISO dates."""
        where, args = self._where(tag, since, until)
        hits = [
            {"ref": f"{ref} ¶{number if number is not None else '-'}", "seq": seq,
             "marking": marking, "created": created, "snippet": snippet, "score": -score}
            for ref, number, seq, marking, created, snippet, score in self.connection.execute(
                f"SELECT c.ref, p.number, p.seq, p.marking, c.created, "
                f"snippet(para_fts, -1, '[', ']', '...', 24), "
                f"bm25(para_fts, 1.0, {SUBJECT_WEIGHT}) AS score {JOINS} WHERE {where} "
                f"ORDER BY score LIMIT ?", [query, *args, limit])
        ]
        if tag or since or until:
            count_sql = f"SELECT count(*) {JOINS} WHERE {where}"
        else:
            count_sql = "SELECT count(*) FROM para_fts WHERE para_fts MATCH ?"
        (total,) = self.connection.execute(count_sql, [query, *args]).fetchone()
        return {"total": total, "hits": hits}

    def by_cable(self, query: str, tag: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int = 10) -> dict:
        """`search` by cable: each matching cable's best paragraph by bm25 (its first on
        ties) with its count of matching paragraphs, the best `limit` cables with snippets,
        and the exact count of cables."""
        where, args = self._where(tag, since, until)
        best = self.connection.execute(
            f"WITH matched AS (SELECT p.cable, p.id, "
            f"bm25(para_fts, 1.0, {SUBJECT_WEIGHT}) AS score {JOINS} WHERE {where}), "
            "ranked AS (SELECT id, score, count(*) OVER (PARTITION BY cable) AS matches, "
            "row_number() OVER (PARTITION BY cable ORDER BY score, id) AS place FROM matched) "
            "SELECT id, score, matches, count(*) OVER () FROM ranked WHERE place = 1 "
            "ORDER BY score, id LIMIT ?", [query, *args, limit]).fetchall()
        hits = []
        for para, score, matches, _ in best:
            ref, number, seq, marking, created, snippet = self.connection.execute(
                f"SELECT c.ref, p.number, p.seq, p.marking, c.created, "
                f"snippet(para_fts, -1, '[', ']', '...', 24) {JOINS} "
                "WHERE para_fts MATCH ? AND para_fts.rowid = ?", [query, para]).fetchone()
            hits.append({"ref": f"{ref} ¶{number if number is not None else '-'}", "seq": seq,
                         "marking": marking, "created": created, "snippet": snippet,
                         "score": -score, "matches": matches})
        return {"total": best[0][3] if best else 0, "hits": hits}

    def facets(self, query: str) -> dict:
        """Paragraph counts by tag and by year over a query, and the exact total."""
        tags = self.connection.execute(
            "SELECT t.tag, count(*) AS n FROM para_fts JOIN para p ON p.id = para_fts.rowid "
            "JOIN cable_tag t ON t.cable = p.cable WHERE para_fts MATCH ? "
            "GROUP BY t.tag ORDER BY n DESC, t.tag", [query]).fetchall()
        years = self.connection.execute(
            "SELECT c.year, count(*) FROM para_fts JOIN para p ON p.id = para_fts.rowid "
            "JOIN cable c ON c.id = p.cable WHERE para_fts MATCH ? GROUP BY c.year "
            "ORDER BY c.year", [query]).fetchall()
        (total,) = self.connection.execute(
            "SELECT count(*) FROM para_fts WHERE para_fts MATCH ?", [query]).fetchone()
        return {"total": total, "tag": tags, "year": years}

    def rare_term(self, target_docs: int) -> str:
        """A term in about `target_docs` paragraphs, for the rare-term query: purely
        alphabetic and ending in a, o or u so that stemming leaves it alone."""
        self.connection.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, para_fts, row)")
        row = self.connection.execute(
            "SELECT term FROM temp.vocab WHERE length(term) >= 7 AND term GLOB '[a-z]*[aou]' "
            "AND term NOT GLOB '*[^a-z]*' ORDER BY abs(doc - ?), term LIMIT 1",
            [target_docs]).fetchone()
        if row is None:
            raise SystemExit("fts5: no term fit for a rare-term query")
        return row[0]


def _until_exclusive(until: str | None) -> str | None:
    """`2008-12-31` (inclusive, as our filters take it) → `2009-01-01` for `created <`."""
    if not until:
        return None
    return (date.fromisoformat(until) + timedelta(days=1)).isoformat()


def run_queries(db: Path, specs: list[dict], facet_query: str, repeat: int) -> dict:
    """Warm-searcher latencies per query kind and over the whole mix, facet latency, totals,
    and this process's peak RSS."""
    searcher = Fts5Searcher(db)
    runs = {spec["kind"]: lambda spec=spec: (
        searcher.by_cable if spec.get("by_cable") else searcher.search)(
        spec["query"], spec.get("tag"), spec.get("since"), _until_exclusive(spec.get("until")))
        for spec in specs}
    queries = mix_latencies(runs, repeat)
    totals = {kind: run()["total"] for kind, run in runs.items()}
    facets = latencies(lambda: searcher.facets(facet_query), repeat)
    return {"queries": queries, "totals": totals, "facets_ms": facets["p50_ms"],
            "search_rss_mb": round(self_peak_rss_mb(), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    build_cmd = commands.add_parser("build")
    build_cmd.add_argument("--db", type=Path, required=True)
    build_cmd.add_argument("--jobs", type=int, default=2)
    build_cmd.add_argument("paths", nargs="+")
    search_cmd = commands.add_parser("search")
    search_cmd.add_argument("--db", type=Path, required=True)
    search_cmd.add_argument("--tag")
    search_cmd.add_argument("--since")
    search_cmd.add_argument("--until")
    search_cmd.add_argument("--limit", type=int, default=10)
    search_cmd.add_argument("query")
    queries_cmd = commands.add_parser("queries")
    queries_cmd.add_argument("--db", type=Path, required=True)
    queries_cmd.add_argument("--spec", required=True, help="JSON: {specs, facet_query}")
    queries_cmd.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            result = build(args.db, args.paths, args.jobs)
        elif args.command == "search":
            result = Fts5Searcher(args.db).search(args.query, args.tag, args.since,
                                                  _until_exclusive(args.until), args.limit)
        else:
            spec = json.loads(args.spec)
            result = run_queries(args.db, spec["specs"], spec["facet_query"], args.repeat)
    except sqlite3.Error as error:
        print(f"fts5: {args.db}: {error}", file=sys.stderr)
        return 1
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
