"""The web workbench under load: N concurrent clients on loopback for T seconds.

    python bench/serve_load.py --index DIR [--clients 20] [--seconds 60] [--json PATH]
                               [--rare TERM] [--cached-searches N]

Starts `cablesearch serve` on a free loopback port as its own process, then each client
(a thread with one keep-alive connection) asks, in turn, the benchmark's query mix
(`run.query_specs`) with every facet and a timeline: the JSON API's search and the search
page, which draws the same and renders it. Prints one JSON object: requests, errors
(anything but a 200, or no answer), p50/p95/max in ms over every request, requests per
second, the server's CPU time per request and its share of the machine's cores (CPUs it
kept busy on average: on a shared machine the queue grows as it gets less), and the
server's peak resident set sampled from /proc (the sum of its processes'
RSS, and their PSS, which counts a shared page once). Targets at 250k cables:
p95 <= 1 s, zero errors, server RSS <= 1.5 GB. Only loopback is ever contacted, and the run
stops itself after T seconds.

The mix is a handful of URLs asked over and over, which the server's cache of recent
searches answers from memory after their first run: `--cached-searches 0` measures every
search run anew.
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
from measure import summarize, tree_cpu_s, tree_pss_kb, tree_rss_kb  # noqa: E402  (sibling scripts, not a package)
from run import query_specs  # noqa: E402

FACETS = "tag,origin,classification,marking,year"
TARGETS = {"p95_ms": 1000, "errors": 0, "server_rss_peak_mb": 1536}
STARTUP_S = 120  # opening a 250k index and its first facet arrays


def request_paths(rare: str) -> list[str]:
    """Each query of the mix as an API search and as a search page."""
    paths = []
    for spec in query_specs(rare):
        params = {"q": spec["query"]}
        params.update({key: spec[key] for key in ("tag", "since", "until") if key in spec})
        paths.append("/api/search?" + urlencode({**params, "facets": FACETS,
                                                 "timeline": "year"}))
        paths.append("/?" + urlencode(params))
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(index: Path, port: int, cached: int | None = None) -> subprocess.Popen:
    """`cablesearch serve` as a child process, once it answers."""
    command = [sys.executable, "-c", "from cablesearch.cli import main; main()", "serve",
               "--index", str(index), "--port", str(port)]
    if cached is not None:
        command += ["--cached-searches", str(cached)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True)
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {server.stderr.read().strip()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit(f"the server did not answer within {STARTUP_S} s")


def client(port: int, paths: list[str], offset: int, until: float,
           latencies: list[float], errors: list[str]) -> None:
    """Ask the paths in turn (starting at `offset`) until the deadline."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = offset
    while time.monotonic() < until:
        path = paths[i % len(paths)]
        i += 1
        start = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException) as error:
            errors.append(f"{path}: no answer ({type(error).__name__})")
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        latencies.append((time.perf_counter() - start) * 1000)
        if status != 200:
            errors.append(f"{path}: {status}")
    connection.close()


def warm(port: int, paths: list[str]) -> None:
    """Each path once, one at a time, before the clock starts: the first requests build
    the facet arrays and filter masks (seconds at 250k cables), which a running server has
    long since built."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=STARTUP_S)
    for path in paths:
        connection.request("GET", path)
        connection.getresponse().read()
    connection.close()


def run(index: Path, clients: int, seconds: float, rare: str,
        cached: int | None = None) -> dict:
    port = free_port()
    server = start_server(index, port, cached)
    try:
        paths = request_paths(rare)
        warm(port, paths)
        latencies: list[float] = []
        errors: list[str] = []
        until = time.monotonic() + seconds
        threads = [threading.Thread(target=client,
                                    args=(port, paths, n, until, latencies, errors))
                   for n in range(clients)]
        peak_kb, peak_pss_kb = tree_rss_kb(server.pid), tree_pss_kb(server.pid)
        started, cpu_before = time.monotonic(), tree_cpu_s(server.pid)
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            peak_kb = max(peak_kb, tree_rss_kb(server.pid))
            peak_pss_kb = max(peak_pss_kb, tree_pss_kb(server.pid))
            time.sleep(0.5)
        elapsed = time.monotonic() - started
        cpu = tree_cpu_s(server.pid) - cpu_before
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    result = {
        "index": str(index), "clients": clients, "seconds": seconds,
        "cached_searches": "server default" if cached is None else cached,
        "requests": len(latencies) + sum("no answer" in error for error in errors),
        "errors": len(errors), "error_samples": sorted(set(errors))[:5],
        **(summarize(latencies) if latencies else {"p50_ms": None, "p95_ms": None,
                                                   "max_ms": None}),
        "requests_per_s": round(len(latencies) / elapsed, 2),
        # what a request costs the server, whatever else the machine runs: the busier
        # the machine, the less of it the server gets, and the longer the queue
        "server_cpu_ms_per_request": round(cpu * 1000 / len(latencies), 1) if latencies
        else None,
        "server_cpu_share": round(cpu / elapsed, 2),
        "server_rss_peak_mb": round(peak_kb / 1024, 1),
        "server_pss_peak_mb": round(peak_pss_kb / 1024, 1),
        "targets": TARGETS,
    }
    result["targets_met"] = (
        result["p95_ms"] is not None and result["p95_ms"] <= TARGETS["p95_ms"]
        and result["errors"] == TARGETS["errors"]
        and result["server_rss_peak_mb"] <= TARGETS["server_rss_peak_mb"])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--rare", default="hezbollah", help="The mix's rare term.")
    parser.add_argument("--cached-searches", type=int, default=None,
                        help="The server's option: 0 runs every search, as a mix of queries "
                             "never asked twice would.")
    parser.add_argument("--json", type=Path, help="Also write the result here.")
    args = parser.parse_args()
    result = run(args.index, args.clients, args.seconds, args.rare, args.cached_searches)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        args.json.write_text(text + "\n")


if __name__ == "__main__":
    main()
