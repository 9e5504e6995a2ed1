"""`yokuryu serve --workers N`: connections get TCP_NODELAY like the single-process server.

uvicorn's multi-worker socket is made without naming its protocol, so asyncio did not set
TCP_NODELAY on its connections and each response waited for the client's delayed ACK.
"""

from __future__ import annotations

import asyncio
import socket
from concurrent.futures import ThreadPoolExecutor

from yokuryu.web.cli import _tcp_listener


def _nodelay_of_served_connection(listener: socket.socket) -> int:
    async def main() -> int:
        seen: asyncio.Future[int] = asyncio.get_running_loop().create_future()

        class Probe(asyncio.Protocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
                transport.close()

        server = await asyncio.get_running_loop().create_server(Probe, sock=listener)
        port = listener.getsockname()[1]
        _, writer = await asyncio.open_connection("127.0.0.1", port)
        value = await asyncio.wait_for(seen, 10)
        writer.close()
        server.close()
        return value

    # In a thread of its own: an earlier test (Playwright's sync API) may leave an event
    # loop running in the main thread, where asyncio.run() refuses to start another.
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, main()).result(timeout=30)


def test_worker_socket_connections_get_tcp_nodelay():
    listener = _tcp_listener("127.0.0.1", 0)
    assert listener.proto == socket.IPPROTO_TCP
    assert _nodelay_of_served_connection(listener) != 0


def test_a_protocol_less_socket_would_not():
    """The oracle for the test above: uvicorn's way of making the socket."""
    plain = socket.socket(socket.AF_INET)
    plain.bind(("127.0.0.1", 0))
    assert _nodelay_of_served_connection(plain) == 0
