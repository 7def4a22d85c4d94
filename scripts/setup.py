"""Set up the project on Windows, macOS or Linux without bash: create .venv and install the project.

    py scripts\\setup.py            (Windows)
    python3 scripts/setup.py        (macOS, Linux)
    … --test                        also the test tools (pytest, ruff, Playwright)
    … --dry-run                     print what would be done, do nothing

Standard library only, so it runs with a bare Python. Safe to run again: an existing .venv is kept and
pip installs only what is missing. Nothing is installed outside .venv; on Debian/Ubuntu
scripts/setup.sh (bash) also installs system packages.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

ROOT = Path(__file__).resolve().parent.parent
MINIMUM = (3, 11)
# Where showcase/cards.py looks for DejaVu Sans on Linux (Debian/Ubuntu's fonts-dejavu-core).
DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def is_windows(platform: str) -> bool:
    """Whether a sys.platform value names Windows."""
    return platform.startswith("win")


def venv_python(venv: PurePath, platform: str) -> PurePath:
    """The Python interpreter inside a virtual environment made by `venv` on that platform."""
    if is_windows(platform):
        return PureWindowsPath(venv, "Scripts", "python.exe")
    return PurePosixPath(venv, "bin", "python")


def install_target(test: bool) -> str:
    """What pip installs in editable mode: the project, with its test tools when asked."""
    return ".[test]" if test else "."


def plan(root: Path, platform: str, test: bool, python: str = sys.executable) -> list[list[str]]:
    """The commands to run, in order; an existing .venv is not created again."""
    venv = root / ".venv"
    inside = str(venv_python(venv, platform))
    steps = []
    if not Path(inside).is_file():
        steps.append([python, "-m", "venv", str(venv)])
    steps.append([inside, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", install_target(test)])
    return steps


def next_commands(platform: str, test: bool) -> list[tuple[str, str]]:
    """What to type next on that platform, each with what it does (Vietnamese / English)."""
    python = r".venv\Scripts\python" if is_windows(platform) else ".venv/bin/python"
    commands = [
        (f"{python} build.py serve", "xem trang tại http://localhost:8000/ / view the site"),
        (f"{python} build.py check", "kiểm tra nội dung / check the content"),
        (f"{python} build.py", "tạo trang vào site/ / build site/"),
    ]
    if test:
        commands.append((f"{python} -m pytest -q", "chạy kiểm thử / run the tests"))
    if is_windows(platform):
        # The py launcher runs the active virtual environment's Python, so after activation it is enough.
        commands.append((r".venv\Scripts\activate", "sau đó chỉ cần / then simply: py build.py serve"))
    return commands


def font_hint(platform: str, exists=os.path.isfile) -> str | None:
    """On Linux without DejaVu Sans, how to get it (share cards are drawn in it); else None."""
    if not platform.startswith("linux") or exists(DEJAVU):
        return None
    return (
        "Chưa có phông DejaVu Sans: ảnh chia sẻ (og:image) của trang không có ảnh sẽ chỉ có màu nền, không có chữ.\n"
        "  Debian/Ubuntu: sudo apt-get install fonts-dejavu-core\n"
        "DejaVu Sans is missing: share cards of pages without a photo keep their colours but have no text.\n"
        f"  Debian/Ubuntu: sudo apt-get install fonts-dejavu-core (the build looks for {DEJAVU})."
    )


def shown(command: list[str]) -> str:
    """A command as one line, quoted where needed."""
    return subprocess.list2cmdline(command) if is_windows(sys.platform) else " ".join(map(_quoted, command))


def _quoted(part: str) -> str:
    return f"'{part}'" if not part or any(c in part for c in " '\"$`\\[]*?") else part


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run (or print) the plan, then print the next commands."""
    _utf8_output()
    parser = argparse.ArgumentParser(
        description="Tạo .venv và cài dự án (Windows, macOS, Linux). / Create .venv and install the project.",
    )
    parser.add_argument("--test", action="store_true", help="cài cả công cụ kiểm thử / also install the test tools")
    parser.add_argument("--dry-run", action="store_true", help="chỉ in các lệnh / only print the commands")
    args = parser.parse_args(argv)
    if sys.version_info < MINIMUM:
        found = ".".join(map(str, sys.version_info[:3]))
        print(f"Cần Python 3.11 trở lên (đang dùng {found}). / Python 3.11+ is required (found {found}).")
        return 1
    steps = plan(ROOT, sys.platform, args.test)
    if len(steps) == 1:
        print("Đã có .venv, chỉ cài bổ sung. / .venv exists: installing what is missing.")
    for command in steps:
        print(("Sẽ chạy / would run: " if args.dry_run else "$ ") + shown(command), flush=True)
        if not args.dry_run and subprocess.run(command, cwd=ROOT).returncode != 0:
            print(_failure_hint(command), file=sys.stderr)
            return 1
    if hint := font_hint(sys.platform):
        print(hint)
    print("\nBước tiếp theo / next:" if args.dry_run else "\nXong. Bước tiếp theo / done, next:")
    for command, meaning in next_commands(sys.platform, args.test):
        print(f"  {command:<40} {meaning}")
    return 0


def _failure_hint(command: list[str]) -> str:
    if "venv" in command[1:3]:
        return (
            "Không tạo được .venv. Trên Debian/Ubuntu: sudo apt-get install python3-venv, rồi chạy lại.\n"
            "Could not create .venv. On Debian/Ubuntu: sudo apt-get install python3-venv, then run this again."
        )
    return (
        "pip không cài được dự án (mạng? bản Python?); xem thông báo ở trên rồi chạy lại.\n"
        "pip could not install the project (network? Python version?); see the message above, then run again."
    )


def _utf8_output() -> None:
    """Print Vietnamese anywhere: output redirected on Windows, or LC_ALL=C, is otherwise not UTF-8."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure") and (stream.encoding or "").lower().replace("-", "") != "utf8":
            stream.reconfigure(encoding="utf-8", errors="replace")


if __name__ == "__main__":
    sys.exit(main())
