"""`yokuryu serve` and `yokuryu user`: the web server and its accounts."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import click

from yokuryu.cli import archive_option, console, friendly_errors, resolve_archive
from yokuryu.config import acting_user


@click.command("serve")
@archive_option
@click.option("--host", default=None, help="Address to bind (default 127.0.0.1, $YOKURYU_HOST).")
@click.option("--port", type=int, default=None, help="Port (default 8000, $YOKURYU_PORT).")
@click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True,
    help="Server processes (one per core answers more searches at once).",
)  # fmt: skip
@friendly_errors
def serve_command(archive: Path | None, host: str | None, port: int | None, workers: int) -> None:
    """Serve the archive on the web: search, persons, camp map, review, estimates, API.

    Off loopback the server refuses to start without YOKURYU_SECRET_KEY (32+ characters).

    \b
    Example:
      yokuryu serve --archive archive --port 8000
      YOKURYU_SECRET_KEY=... yokuryu serve --host 0.0.0.0 --workers 2
    """
    import uvicorn

    from yokuryu.web.app import create_app
    from yokuryu.web.settings import WebSettings, check_secure

    settings = check_secure(WebSettings().with_overrides(host=host, port=port))
    folder = resolve_archive(archive)
    console.print(f"Preparing {folder} (search index)…")
    app = create_app(folder, settings)
    console.print(f"Serving {folder} at http://{settings.host}:{settings.port}/", highlight=False)
    if workers == 1:
        uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")
        return
    # Workers rebuild the app from the environment; they share this start's secret key.
    os.environ["YOKURYU_ARCHIVE"] = str(folder)
    os.environ["YOKURYU_SECRET_KEY"] = settings.secret_key
    _serve_workers(settings.host, settings.port, workers)


def _tcp_listener(host: str, port: int) -> socket.socket:
    """A listening TCP socket made with its protocol named: asyncio sets TCP_NODELAY only on
    connections whose socket says IPPROTO_TCP, and uvicorn's own multi-worker socket does
    not — every response then waited ~40 ms for the client's delayed ACK."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    return sock


def _serve_workers(host: str, port: int, workers: int) -> None:
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "yokuryu.web.app:app_from_environment", factory=True, workers=workers,
        host=host, port=port, log_level="warning",
    )  # fmt: skip
    Multiprocess(config, sockets=[_tcp_listener(host, port)]).run()


@click.group("user")
def user_command() -> None:
    """Accounts for the web: public, researcher, family, archivist, admin.

    \b
    Example:
      yokuryu user add admin --role admin --archive archive
      yokuryu user grant kazuko P000123 --archive archive
    """


@user_command.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(["public", "researcher", "family", "archivist", "admin"]),
    default="researcher",
    show_default=True,
    help="What the account may do.",
)
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input.")
@archive_option
@friendly_errors
def user_add(name: str, role: str, password_stdin: bool, archive: Path | None) -> None:
    """Create an account (the first one is usually the admin); asks for its password.

    \b
    Example:
      yokuryu user add admin --role admin --archive archive
      echo "$PASSWORD" | yokuryu user add reader --password-stdin
    """
    from yokuryu.store import open_existing
    from yokuryu.web.accounts import add_user

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    conn = open_existing(resolve_archive(archive))
    add_user(conn, name, role, password, acting_user())
    console.print(f"Added {name} ({role}).")


@user_command.command("list")
@archive_option
@friendly_errors
def user_list(archive: Path | None) -> None:
    """List accounts and their roles.

    \b
    Example:
      yokuryu user list --archive archive
    """
    from yokuryu.store import open_existing

    conn = open_existing(resolve_archive(archive))
    for row in conn.execute("SELECT name, role, created_at, disabled FROM user ORDER BY name"):
        state = " (disabled)" if row["disabled"] else ""
        console.print(f"{row['name']}\t{row['role']}\t{row['created_at']}{state}")


@user_command.command("grant")
@click.argument("name")
@click.argument("person_id")
@archive_option
@friendly_errors
def user_grant(name: str, person_id: str, archive: Path | None) -> None:
    """Let a family account see one person, with relatives' details.

    \b
    Example:
      yokuryu user grant kazuko P000123 --archive archive
    """
    from yokuryu.store import open_existing
    from yokuryu.web.accounts import grant_person

    conn = open_existing(resolve_archive(archive))
    grant_person(conn, name, person_id, acting_user())
    console.print(f"{name} may now see {person_id}.")


@click.command("publish")
@archive_option
@click.option(
    "--out", "out", type=click.Path(path_type=Path), default=Path("public"), show_default=True,
    help="Folder for yokuryu-public.db and metadata.json (both replaced).",
)  # fmt: skip
@click.option("--licence", default="CC-BY-4.0", show_default=True, help="Licence in metadata.")
@click.option("--source-url", default=None, help="Where the data comes from (metadata).")
@friendly_errors
def publish_command(archive: Path | None, out: Path, licence: str, source_url: str | None) -> None:
    """Write the public file for Datasette: only what an anonymous visitor may see.

    Persons and records pass through the same privacy layer as the web pages; open the
    file read-only with `datasette -i public/yokuryu-public.db -m public/metadata.json`.

    \b
    Example:
      yokuryu publish --archive archive --out public
    """
    from yokuryu.store import open_existing
    from yokuryu.web.publish import publish
    from yokuryu.web.settings import WebSettings

    conn = open_existing(resolve_archive(archive))
    years = WebSettings().public_after_years
    done = publish(conn, out, years, licence=licence, source_url=source_url)
    console.print(
        f"Wrote {done.database} ({done.persons} persons, {done.records} records, "
        f"{done.places} places, {done.sources} sources) and {done.metadata}.",
        highlight=False,
    )
