"""`cablesearch serve` through click: loopback by default, a warning otherwise, and one
line when there is no index (the server itself is stood in for: tests never listen)."""

from __future__ import annotations

import socket

import pytest
import uvicorn
from click.testing import CliRunner
from search_cables import small_index  # noqa: F401  (fixture)
from web_server import free_port

from cablesearch.cli import main
from cablesearch.cli.serve_cmd import is_loopback, page_url


@pytest.fixture
def served(monkeypatch):
    """Each server `serve` would run: its app and the address of its socket."""
    calls = []

    def run(server, sockets):
        calls.append((server.config.app, sockets[0].getsockname()[:2]))
        sockets[0].close()

    monkeypatch.setattr(uvicorn.Server, "run", run)
    return calls


def test_serves_on_loopback_by_default(small_index, served):  # noqa: F811
    port = free_port()
    result = CliRunner().invoke(main, ["serve", "--index", str(small_index),
                                       "--port", str(port)])
    assert result.exit_code == 0, result.output
    (app, address), = served
    assert address == ("127.0.0.1", port)
    assert f"http://127.0.0.1:{port}/" in result.stderr
    assert "warning" not in result.stderr


def test_another_host_warns_that_the_archive_is_shared(small_index, served):  # noqa: F811
    port = free_port()
    result = CliRunner().invoke(main, ["serve", "--index", str(small_index),
                                       "--host", "0.0.0.0", "--port", str(port)])
    assert result.exit_code == 0
    assert result.stderr.startswith("warning: listening on 0.0.0.0: anyone")
    assert served[0][1] == ("0.0.0.0", port)


def test_a_taken_port_is_one_line(small_index, served):  # noqa: F811
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--index", str(small_index),
                                           "--port", str(port)])
    assert result.exit_code == 1 and not served
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"


def test_no_index_is_one_line(tmp_path, served):
    result = CliRunner().invoke(main, ["serve", "--index", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and result.stderr.count("\n") == 1
    assert not served


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.3.4.5", True), ("localhost", True), ("::1", True),
    ("[::1]", True), ("0.0.0.0", False), ("192.168.1.4", False), ("example.org", False),
])
def test_loopback_hosts(host, loopback):
    assert is_loopback(host) is loopback


def test_page_url_brackets_ipv6():
    assert page_url("::1", 8080) == "http://[::1]:8080/"
    assert page_url("localhost", 80) == "http://localhost:80/"
