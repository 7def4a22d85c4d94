"""`serve`: the live preview on this machine (showcase/preview.py holds the site; this file serves it).

Binds to 127.0.0.1 unless told otherwise, and takes the next free port when the asked one is busy.
Every response carries the site's Content-Security-Policy as a header, so the preview breaks where
the published site would.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import http.server
import socket
import threading
import urllib.parse
from collections.abc import Callable

from .admin_server import local_server
from .pipeline import BuildOptions
from .preview import Preview
from .problems import Severity, format_report
from .security import CSP

PORT_TRIES = 20
WATCH_INTERVAL = 0.25  # seconds between looks at the files, at least
LOOK_SHARE = 0.2  # at most this share of a core goes to looking while nothing changes
LOOK_WAIT_MAX = 2.0  # seconds: however long a look takes, the next one comes within this
EVENT_KEEPALIVE = 15.0  # seconds between keep-alive comments on an idle event stream


class PortsBusy(Exception):
    """No free port in the range tried."""


def free_port(host: str, first: int, tries: int = PORT_TRIES) -> int:
    """The first port from `first` on that can be bound on host."""
    for port in range(first, first + tries):
        with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
            try:
                probe.bind((host, port))
            except OSError as error:
                if error.errno in (errno.EADDRINUSE, errno.EACCES):
                    continue
                raise
            return port
    raise PortsBusy(f"{first}–{first + tries - 1}")


def serve(options: BuildOptions, host: str, port: int, say: Callable[[str], None] = print, admin: bool = False) -> int:
    """Serve the preview of the content at options until Ctrl+C; rebuild and reload on every save.

    admin (serve --admin): also the web form at /admin/, saving through a decap-server on 127.0.0.1 that
    stops with the preview."""
    with contextlib.ExitStack() as stack:
        admin_url = stack.enter_context(local_server(options.root)) if admin else None
        return _serve_preview(options, host, port, say, admin_url)


def _serve_preview(
    options: BuildOptions, host: str, port: int, say: Callable[[str], None], admin_url: str | None
) -> int:
    chosen = free_port(host, port)
    if chosen != port:
        say(f"Cổng {port} đang bận, dùng cổng {chosen}. / Port {port} is busy, using {chosen}.")
    address = f"http://{_shown_host(host)}:{chosen}/"
    preview = Preview(dataclasses.replace(options, base_url=address), on_change=_announcer(say), admin_url=admin_url)
    preview.refresh()
    stop = threading.Event()
    threads = [
        threading.Thread(target=_watch, args=(preview, stop), daemon=True, name="dvk-watch"),
        threading.Thread(target=preview.index_search_forever, args=(stop,), daemon=True, name="dvk-search"),
    ]
    for thread in threads:
        thread.start()
    server = _server(preview, host, chosen, stop)
    say(f"Xem trước / preview: {address}  (tự tải lại khi lưu tệp / reloads on save; Ctrl+C để dừng / to stop)")
    if admin_url is not None:
        say(f"Biên tập trên web / web form: {address}admin/  (lưu thẳng vào content/ / saves into content/)")
    try:
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    finally:
        stop.set()
        server.server_close()
        preview.close()
    return 0


def _watch(preview: Preview, stop: threading.Event) -> None:
    """Look for saved files a few times a second (polling works the same on every system and editor)."""
    while not stop.wait(look_interval(preview.last_look_seconds)):
        preview.refresh()


def look_interval(look_seconds: float) -> float:
    """Seconds to wait before the next look at the files, after one that took look_seconds of CPU:
    every WATCH_INTERVAL on a small site (a look at 10,000 models takes ~0.05 s); on a larger one,
    long enough that looking takes at most LOOK_SHARE of a core while the editor is not saving, and
    never more than LOOK_WAIT_MAX."""
    return min(LOOK_WAIT_MAX, max(WATCH_INTERVAL, look_seconds / LOOK_SHARE - look_seconds))


def _announcer(say: Callable[[str], None]) -> Callable[[int, list], None]:
    """Say in the terminal what the overlay says in the browser, once per change."""

    def announce(generation: int, problems: list) -> None:
        errors = sum(1 for p in problems if p.severity is Severity.ERROR)
        if generation > 1:
            say(f"Đã cập nhật; {errors} lỗi. / Updated; {errors} error(s)." if errors else "Đã cập nhật. / Updated.")
        if problems:
            say(format_report(problems))

    return announce


def _server(preview: Preview, host: str, port: int, stop: threading.Event) -> http.server.ThreadingHTTPServer:
    class Handler(_PreviewHandler):
        pass

    Handler.preview, Handler.stop = preview, stop
    server_class = _IPv6Server if ":" in host else http.server.ThreadingHTTPServer
    server = server_class((host, port), Handler)
    server.daemon_threads = True  # an open event stream must not keep Ctrl+C waiting
    return server


class _IPv6Server(http.server.ThreadingHTTPServer):
    address_family = socket.AF_INET6


class _PreviewHandler(http.server.BaseHTTPRequestHandler):
    """GET only: pages rendered by the preview, its files, and the change events."""

    preview: Preview
    stop: threading.Event
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        if path == "/__dvk/events":
            self._events()
            return
        response = self.preview.respond(path)
        body = response.file.read_bytes() if response.file is not None else response.body
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")  # a preview is never served stale
        self.send_header("Content-Security-Policy", response.policy or CSP)
        self.end_headers()
        self.wfile.write(body)

    def _events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        known = -1
        try:
            while not self.stop.is_set():
                current = self.preview.wait_for_change(known, EVENT_KEEPALIVE)
                self.wfile.write(f"data: {current}\n\n".encode() if current != known else b": keep-alive\n\n")
                self.wfile.flush()
                known = current
        except (BrokenPipeError, ConnectionResetError):
            return  # the tab was closed or reloaded

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def _shown_host(host: str) -> str:
    return "localhost" if host in ("127.0.0.1", "0.0.0.0", "::1", "::") else host
