"""`serve --admin`: decap-server, the web form's local backend, on 127.0.0.1 for as long as serve runs.

decap-server reads and writes the working tree (MODE=fs): a model saved in the form is a file in
content/ at once, and the preview shows it at the next look. It has no authentication and listens on
every interface unless told otherwise, so it is always bound to 127.0.0.1 (BIND_HOST), on a free port.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from .admin import PROJECT

SERVER_SCRIPT = PROJECT / "node_modules" / "decap-server" / "dist" / "index.js"  # installed by npm ci
HOST = "127.0.0.1"
START_SECONDS = 15.0  # how long decap-server may take to listen (a cold start takes about one second)


class AdminUnavailable(Exception):
    """decap-server cannot run here: no Node.js, the package not installed, or it would not start."""


def free_local_port() -> int:
    """A port nothing listens on at 127.0.0.1 now (the system picks it)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def server_command(script: Path = SERVER_SCRIPT) -> list[str]:
    """node and decap-server's script, or AdminUnavailable saying what to install."""
    node = shutil.which("node")
    if node is None:
        raise AdminUnavailable(
            "Cần Node.js để chạy biểu mẫu biên tập: cài Node.js rồi chạy scripts/setup.sh. / "
            "Node.js is needed for the web form: install it, then run scripts/setup.sh."
        )
    if not script.is_file():
        raise AdminUnavailable(
            f"Chưa cài decap-server ({script}): chạy scripts/setup.sh (npm ci). / "
            "decap-server is not installed: run scripts/setup.sh (npm ci)."
        )
    return [node, str(script)]


@contextlib.contextmanager
def local_server(repository: Path, script: Path = SERVER_SCRIPT) -> Iterator[str]:
    """Run decap-server over repository (the folder that holds content/); yield its address; stop it after."""
    command = server_command(script)
    port = free_local_port()
    environment = os.environ | {
        "PORT": str(port),
        "BIND_HOST": HOST,  # never every interface: anyone who reaches the port could write the content
        "MODE": "fs",  # write files into the working tree; review happens in git, not here
        "GIT_REPO_DIRECTORY": str(repository),
        "LOG_LEVEL": "warn",
    }
    process = subprocess.Popen(command, cwd=repository, env=environment, stdout=subprocess.DEVNULL)
    previous = _stop_on_terminate()
    try:
        _wait_until_listening(process, port)
        yield f"http://{HOST}:{port}"
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _stop_on_terminate() -> signal.Handlers | None:
    """Make SIGTERM stop serve as Ctrl+C does, so decap-server is stopped too instead of left running.

    Returns the handler to put back (None off the main thread, where Python cannot set one)."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    return signal.signal(signal.SIGTERM, interrupt)


def _wait_until_listening(process: subprocess.Popen, port: int) -> None:
    """Return once decap-server accepts connections; AdminUnavailable if it exits or takes too long."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AdminUnavailable(
                f"decap-server dừng ngay khi khởi động (mã {process.returncode}). / "
                f"decap-server exited at start (status {process.returncode})."
            )
        with contextlib.suppress(OSError), socket.create_connection((HOST, port), timeout=0.5):
            return
        time.sleep(0.05)
    raise AdminUnavailable(
        f"decap-server không mở cổng {port} sau {START_SECONDS:.0f} giây. / "
        f"decap-server did not listen on port {port} within {START_SECONDS:.0f} s."
    )
