"""A live workbench on a loopback port and a headless Chromium to drive it, for the browser
tests: `from web_server import browser, live_server`."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn

from cablesearch.web import create_app

CHROMIUM = Path("/usr/bin/chromium")
# As the machine's Chromium must be started here: no sandbox as root, and none of the
# background connections a closed network refuses.
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def live_server(index_dir: Path) -> Iterator[str]:
    """The workbench over `index_dir` served by uvicorn in a thread; yields its base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(index_dir), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def chromium_or_skip():
    """Playwright's sync API, or a skip that says what is missing."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("browser tests need Chromium at /usr/bin/chromium "
                    "(apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install -e '.[test]')")
    return sync_playwright


@contextmanager
def browser() -> Iterator[object]:
    """A headless Chromium (Debian's, not a downloaded one)."""
    sync_playwright = chromium_or_skip()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()
