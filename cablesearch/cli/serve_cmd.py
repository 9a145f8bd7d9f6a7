"""`cablesearch serve`: the web workbench over an index, on loopback unless told."""

from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

import click

from cablesearch.cli import main
from cablesearch.cli.errors import fail, user_errors
from cablesearch.cli.options import index_option


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach a server bound to `host`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def page_url(host: str, port: int) -> str:
    host = host.strip("[]")
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


@main.command()
@index_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback shares the archive.")
@click.option("--port", type=click.IntRange(0, 65535), default=8080, show_default=True)
@click.option("--cached-searches", type=click.IntRange(0), default=None,
              help="How many recent searches are answered again from memory until the "
                   "index changes (0: none; default: the server's, 64).")
def serve(index_dir: Path, host: str, port: int, cached_searches: int | None) -> None:
    """Serve the web workbench (search, facets, cables, JSON API) on INDEX, read-only."""
    import uvicorn  # only this command needs the server

    from cablesearch.web.app import LOOPBACK_HOSTS, create_app

    loopback = is_loopback(host)
    if not loopback:
        click.echo(f"warning: listening on {host}: anyone who can reach this machine on the "
                   "network can read the archive", err=True)
    with user_errors(index_dir):
        app = create_app(index_dir, allowed_hosts=LOOPBACK_HOSTS if loopback else None,
                         **({} if cached_searches is None
                            else {"cached_searches": cached_searches}))
    try:  # bound here, so that a taken port is one line before anything is announced
        listening = socket.create_server((host.strip("[]"), port),
                                         family=socket.AF_INET6 if ":" in host
                                         else socket.AF_INET)
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        fail(f"cannot listen on {host}:{port}: {reason}")
    port = listening.getsockname()[1]
    click.echo(f"cablesearch: serving {index_dir} at {page_url(host, port)} (Ctrl-C stops)",
               err=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[listening])
