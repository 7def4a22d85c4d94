"""`serve`: build the site, then serve it on this machine for a preview.

Binds to 127.0.0.1 unless told otherwise, and takes the next free port when the asked one is busy.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import http.server
import socket

PORT_TRIES = 20


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


def serve(args, make_options, run_build, print_report) -> int:
    """Build with a local base URL on a free port, then serve the output until Ctrl+C."""
    port = free_port(args.host, args.port)
    if port != args.port:
        print(f"Cổng {args.port} đang bận, dùng cổng {port}. / Port {args.port} is busy, using {port}.")
    options = make_options(args, base_url=f"http://{_shown_host(args.host)}:{port}/")
    report, code = run_build(options)
    if report is None:
        return code
    print_report(report, options)
    handler = functools.partial(_QuietHandler, directory=str(options.out_dir))
    with http.server.ThreadingHTTPServer((args.host, port), handler) as server:
        print(f"Mở / open http://{_shown_host(args.host)}:{port}/  (Ctrl+C để dừng / to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
    return code


def _shown_host(host: str) -> str:
    return "localhost" if host in ("127.0.0.1", "0.0.0.0", "::1", "::") else host


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass
