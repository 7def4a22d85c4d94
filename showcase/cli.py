"""Command line: `build` (the default), `check`, `serve` and `new`; the same program as `build.py` or `dvk`.

Prints problems, never a traceback: content problems, a refused output folder, a template error, a
full disk or a busy port each get one message in Vietnamese then English and an exit code of their
own (EXIT_* below, listed in the README). The published site is untouched whenever a build fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import importlib.metadata
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from . import report_formats, scaffold, urls, writing
from .admin import CmsMissing
from .admin_server import AdminUnavailable
from .pipeline import BuildOptions, BuildReport, build, check
from .problems import ContentError, format_report, has_errors
from .rendering import TemplateFailure
from .search import SearchError
from .serving import PortsBusy, serve
from .site_data import load_site_data
from .swap import BuildBusy
from .text_vi import format_number
from .urls import base_url_error

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = "build.py"
EXIT_OK = 0  # built, or content valid
EXIT_CONTENT = 1  # problems in content/: nothing was written
EXIT_USAGE = 2  # a wrong option, or an output folder this program must not replace
EXIT_SEARCH = 3  # the search index could not be built or verified: nothing was written
EXIT_TEMPLATE = 4  # a template in layouts/ could not be loaded or rendered: nothing was written
EXIT_SYSTEM = 5  # the machine refused: disk full, read-only folder, permissions, busy port, another build


def parser(prog: str = PROGRAM) -> argparse.ArgumentParser:
    """The command line, with a parser, options and help of its own for each command."""
    main_parser = argparse.ArgumentParser(
        prog=prog,
        description="Tạo trang Mô hình “Dân vận khéo” từ content/ vào site/. "
        "/ Build the 'Dân vận khéo' showcase from content/ into site/.",
        epilog="Mã thoát / exit codes: 0 xong/done, 1 nội dung có lỗi/content problems, 2 tùy chọn hoặc thư mục "
        "sai/usage, 3 chỉ mục tìm kiếm/search index, 4 mẫu trang/template, 5 hệ thống/system "
        "(đĩa đầy, không có quyền ghi, cổng bận/disk full, permissions, busy port).",
    )
    main_parser.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    commands = main_parser.add_subparsers(dest="command", metavar="{build,check,serve,new}")
    build_parser = commands.add_parser(
        "build", help="tạo trang vào site/ (mặc định) / build the site", description="Tạo trang vào site/. / Build."
    )
    check_parser = commands.add_parser(
        "check",
        help="chỉ kiểm tra nội dung, không ghi gì / validate only",
        description="Kiểm tra nội dung, không ghi gì. / Validate the content, write nothing.",
    )
    serve_parser = commands.add_parser(
        "serve",
        help="xem trước, tự tải lại khi lưu tệp / live preview that reloads on save",
        description="Xem trước tại http://localhost:PORT/, tự cập nhật khi lưu tệp; hiện cả bản nháp. "
        "/ Preview at http://localhost:PORT/, updated on every save; drafts shown.",
    )
    new_parser = commands.add_parser(
        "new",
        help="tạo tệp mô hình mới / create a model file",
        description="Tạo tệp content/mo-hinh/<năm>/<địa-chỉ>.md; hỏi những giá trị chưa có. "
        "/ Create a model file; asks for values not given.",
    )
    for sub in (build_parser, check_parser, serve_parser, new_parser):
        _content_options(sub)
    for sub in (build_parser, check_parser):
        sub.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi (CI) / treat warnings as errors")
    for sub in (build_parser, check_parser, serve_parser):
        sub.add_argument("--jobs", type=int, default=0, help="số tiến trình, 0 = mọi lõi / worker processes, 0 = all")
    for sub in (build_parser, check_parser):
        sub.add_argument(
            "--no-cache",
            action="store_true",
            help="không dùng bộ nhớ đệm .cache/ (tạo lại từ đầu) / ignore the build cache (a cold build)",
        )
    _build_options(build_parser)
    _check_options(check_parser)
    _serve_options(serve_parser)
    _new_options(new_parser)
    return main_parser


def _content_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--content", type=Path, default=ROOT / "content", help="thư mục nội dung / content folder")
    sub.add_argument("--layouts", type=Path, default=ROOT / "layouts", help="thư mục giao diện / templates folder")


def _build_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--out", type=Path, default=ROOT / "site", help="thư mục kết quả / output folder (site/)")
    sub.add_argument("--no-search", action="store_true", help="bỏ qua chỉ mục tìm kiếm / skip the search index")
    sub.add_argument("--base-url", help="địa chỉ gốc thay cho site.yaml / base URL overriding site.yaml")
    sub.add_argument(
        "--drafts", action="store_true", help="gồm cả bản nháp (bản xem trước) / include drafts (preview builds)"
    )
    loudness = sub.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="chỉ in lỗi và cảnh báo / problems only")
    loudness.add_argument("-v", "--verbose", action="store_true", help="in thời gian từng bước / timings per stage")


def _check_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text (người đọc / people), json (công cụ / tools), github (chú thích dòng / line annotations)",
    )


def _serve_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument(
        "--port",
        type=int,
        default=8000,
        help="cổng, mặc định 8000 (bận thì lấy cổng kế tiếp) / port, default 8000 (the next free one if busy)",
    )
    sub.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe / address to listen on")
    sub.add_argument("--no-search", action="store_true", help="không lập chỉ mục tìm kiếm / no search index")
    sub.add_argument(
        "--admin",
        action="store_true",
        help="kèm biểu mẫu biên tập /admin/ (cần Node.js) / also the web form at /admin/ (needs Node.js)",
    )


def _new_options(sub: argparse.ArgumentParser) -> None:
    for key, question in scaffold.QUESTIONS:
        sub.add_argument(f"--{key}", help=question)
    sub.add_argument("--commune", help="xã, phường, thị trấn lúc công nhận / commune as recorded")
    sub.add_argument("--slug", help="địa chỉ trang nếu không muốn lấy từ tên / the address, if not from the title")
    sub.add_argument("--draft", action="store_true", help="ghi draft: true (chưa đăng) / mark as a draft")


def version() -> str:
    try:
        return importlib.metadata.version("dvk-showcase")
    except importlib.metadata.PackageNotFoundError:
        return "(chưa cài / not installed)"


def run() -> NoReturn:
    """The command's entry point (build.py, `dvk`). After a build it leaves without Python's teardown,
    which frees every object one by one: ~0.3 s for the 10,000 models of a big site, a tenth of a
    build after one edit. Output is flushed first; the build has finished its child processes and
    written its files by then. Other commands (serve runs helpers) exit as usual."""
    argv = _with_command(sys.argv[1:])
    code = main(argv)
    if argv[0] != "build":
        sys.exit(code)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _with_command(argv: list[str]) -> list[str]:
    """`build.py --strict` builds, as it always did: no command means build."""
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        return ["build", *argv]
    return list(argv)


def main(argv: list[str] | None = None, prog: str | None = None) -> int:
    _utf8_output()
    argv = _with_command(sys.argv[1:] if argv is None else argv)
    prog = prog or _program_name()
    args = parser(prog).parse_args(argv)
    given = getattr(args, "base_url", None)
    if given is not None and (expected := base_url_error(_with_slash(given))):
        print(
            f"--base-url “{given}” không dùng được: cần {expected}. / --base-url “{given}” is not an address a "
            "site can be published at: use https://host/path/.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    if args.command == "check":
        return _check(_options(args), args.format)
    if args.command == "serve":
        return _serve(args)
    if args.command == "new":
        return _new(args)
    return _report_build(_options(args, progress=_progress_line(args)), args)


def _program_name() -> str:
    """`dvk` when installed as that command, else `build.py`: help and messages use the name typed."""
    name = Path(sys.argv[0]).name
    return "dvk" if name in ("dvk", "dvk.exe") else PROGRAM


def _options(args: argparse.Namespace, base_url: str | None = None, **extra) -> BuildOptions:
    command = args.command
    drafts = getattr(args, "drafts", False)
    record = "update" if command == "build" and not args.strict else "check"
    if command == "serve" or drafts:
        record = "off"  # a preview publishes nothing: its addresses are no promise
    return BuildOptions(
        content_dir=args.content.resolve(),
        layouts_dir=args.layouts.resolve(),
        out_dir=getattr(args, "out", ROOT / "site").resolve(),
        base_url=base_url or _with_slash(getattr(args, "base_url", None)),
        strict=getattr(args, "strict", False),
        jobs=getattr(args, "jobs", 0),
        search=not getattr(args, "no_search", True),
        record=record,
        preview=command == "serve",
        drafts=drafts or command == "serve",
        use_cache=not getattr(args, "no_cache", False),
        **extra,
    )


def _with_slash(url: str | None) -> str | None:
    return None if url is None else (url if url.endswith("/") else url + "/")


def _check(options: BuildOptions, output: str = "text") -> int:
    _, models, problems = check(options)
    failed = has_errors(problems, options.strict)
    if output == "json":
        print(report_formats.as_json(problems, len(models), failed, options.strict))
    elif output == "github":
        for line in report_formats.as_github(problems, options.strict):
            print(line)
    elif problems:
        print(format_report(problems), file=sys.stderr)
    if failed:
        return EXIT_CONTENT
    if output == "text":
        print(f"Nội dung hợp lệ: {format_number(len(models))} mô hình. / Content is valid: {len(models)} models.")
    return EXIT_OK


def _report_build(options: BuildOptions, args: argparse.Namespace | None = None) -> int:
    """Build, and say what happened in words, whatever happened."""
    report, code = run_build(options)
    if options.progress is not None:
        options.progress("", 0, 0)  # clear the progress line
    if report is not None:
        _print_report(report, options, quiet=bool(args and args.quiet), verbose=bool(args and args.verbose))
    return code


def run_build(options: BuildOptions) -> tuple[BuildReport | None, int]:
    """Build; on failure print one clear message and return the exit code (the site is untouched)."""
    unchanged = f"{options.out_dir} giữ nguyên. / {options.out_dir} is unchanged."
    try:
        return build(options), EXIT_OK
    except ContentError as error:
        print(format_report(error.problems), file=sys.stderr)
        print(f"Chưa tạo trang; {unchanged}", file=sys.stderr)
        return None, EXIT_CONTENT
    except writing.OutputRefused as error:
        print(f"Không ghi vào thư mục này / refusing this output folder: {error}", file=sys.stderr)
        return None, EXIT_USAGE
    except SearchError as error:
        print(f"Lỗi tạo chỉ mục tìm kiếm / search indexing failed: {error}\n{unchanged}", file=sys.stderr)
        return None, EXIT_SEARCH
    except TemplateFailure as error:
        print(
            f"{error.where}: lỗi mẫu trang / template error: {error.message}\n"
            f"Sửa mẫu trang trong layouts/ rồi chạy lại. / Fix the template in layouts/ and run again.\n{unchanged}",
            file=sys.stderr,
        )
        return None, EXIT_TEMPLATE
    except CmsMissing as error:
        print(
            f"site.yaml bật trang biên tập (admin) nhưng chưa cài Decap CMS ({error}): chạy scripts/setup.sh "
            f"(npm ci), hoặc bỏ khóa admin. / site.yaml enables the web form but Decap CMS is not installed: run "
            f"scripts/setup.sh (npm ci), or remove the admin key.\n{unchanged}",
            file=sys.stderr,
        )
        return None, EXIT_SYSTEM
    except BuildBusy as error:
        print(
            f"Một lần tạo trang khác đang ghi vào {error}; hãy chờ nó xong rồi chạy lại. / Another build is "
            f"writing {error}; wait for it to finish and run again.",
            file=sys.stderr,
        )
        return None, EXIT_SYSTEM
    except OSError as error:
        print(f"{system_message(error)}\n{unchanged}", file=sys.stderr)
        return None, EXIT_SYSTEM


def system_message(error: OSError) -> str:
    """What a refusal of the operating system means, in words an editor can act on."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return f"Ổ đĩa đầy{where}: giải phóng chỗ trống rồi chạy lại. / The disk is full{where}: free some space."
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (
            f"Không có quyền ghi{where}: chọn thư mục khác bằng --out, hoặc kiểm tra quyền. "
            f"/ No permission to write{where}: choose another --out folder, or check permissions."
        )
    return f"Lỗi hệ thống{where}: {error.strerror or error}. / System error{where}: {error.strerror or error}."


def _print_report(report: BuildReport, options: BuildOptions, quiet: bool = False, verbose: bool = False) -> None:
    if report.warnings:
        print(format_report(report.warnings), file=sys.stderr)
    if quiet:
        return
    seconds = sum(report.timings.values())
    if report.unchanged:
        print(
            f"Không có gì thay đổi kể từ lần tạo trước: {options.out_dir} giữ nguyên ({format_number(report.pages)} "
            f"trang, {seconds:.1f} giây). / Nothing changed since the last build: {options.out_dir} left as it is "
            f"({report.pages} pages, {seconds:.1f} s; --no-cache builds anyway)."
        )
        return
    print(
        f"Đã tạo {format_number(report.pages)} trang từ {format_number(report.models)} mô hình "
        f"trong {seconds:.1f} giây → {options.out_dir}"
    )
    print(f"Built {report.pages} pages from {report.models} models in {seconds:.1f} s → {options.out_dir}")
    if report.swap == "in-place":
        print(
            f"{options.out_dir} là điểm gắn kết (mount point): đã cập nhật tại chỗ. / is a mount point: updated "
            "in place."
        )
    if report.search is not None:
        found = report.search
        if found.parts > 1:  # a big site's index is in parts (showcase/search.py)
            print(
                f"Tìm kiếm: {found.pages} trang được lập chỉ mục, {found.parts} phần ({found.parts_kept} lấy từ "
                f".cache/). / Search: {found.pages} pages indexed, {found.parts} parts ({found.parts_kept} from "
                "the build cache)."
            )
        else:
            print(f"Tìm kiếm / search: {found.pages} trang được lập chỉ mục / pages indexed.")
    if verbose:
        _print_details(report)
    if report.recorded:
        record = options.record_file
        print(
            f"Đã thêm {report.recorded} địa chỉ mới vào {record}; hãy commit tệp này cùng nội dung. "
            f"/ Added {report.recorded} new address(es) to {record}; commit it with the content."
        )


def _print_details(report: BuildReport) -> None:
    """--verbose: where the time went, what was made, how many processes did it."""
    for stage, seconds in report.timings.items():
        print(f"  {stage:<14} {seconds:6.2f} s")
    kinds = ", ".join(f"{kind} {count}" for kind, count in report.pages_by_kind.items() if count)
    print(f"  trang theo loại / pages by kind: {kinds}")
    print(
        f"  tiến trình / processes: {report.processes}; ảnh xử lý mới / images processed: {report.images_processed}; "
        f"thẻ chia sẻ vẽ mới / cards drawn: {report.cards_drawn}; {report.bytes_written / 1e6:.1f} MB"
    )
    print(
        f"  trang tạo mới / pages rendered: {report.pages_rendered} "
        f"(còn lại lấy từ .cache/ / the rest from the build cache)"
    )


STAGES = {
    "load": "Đọc và kiểm tra / validating",
    "render": "Tạo trang / rendering",
    "search": "Lập chỉ mục tìm kiếm / search index",
}


def _progress_line(args: argparse.Namespace, stream=None) -> Callable[[str, int, int], None] | None:
    """One updating line per stage on a terminal; nothing in logs, CI or with --quiet."""
    stream = stream or sys.stderr
    if args.quiet or not stream.isatty():
        return None

    def show(stage: str, done: int, total: int) -> None:
        if not stage:
            stream.write("\r\x1b[K")
        else:
            count = f" {format_number(done)}/{format_number(total)}" if done else "…"
            stream.write(f"\r\x1b[K{STAGES.get(stage, stage)}{count}")
        stream.flush()

    return show


def _serve(args: argparse.Namespace) -> int:
    try:
        return serve(_options(args), args.host, args.port, admin=args.admin)
    except AdminUnavailable as error:
        print(str(error), file=sys.stderr)
        return EXIT_SYSTEM
    except PortsBusy as error:
        print(
            f"Các cổng {error} đều đang bận; chọn cổng khác bằng --port. / Ports {error} are all busy; choose "
            "another with --port.",
            file=sys.stderr,
        )
        return EXIT_SYSTEM
    except OSError as error:
        print(system_message(error), file=sys.stderr)
        return EXIT_SYSTEM


def _new(args: argparse.Namespace) -> int:
    """Create a model file from options, asking on a terminal for what is missing."""
    options = _options(args)
    today = dt.date.today()
    data, problems = load_site_data(options.content_dir, options.root, today)
    if data is None:
        print(format_report(problems), file=sys.stderr)
        return EXIT_CONTENT
    given = {key: getattr(args, key) for key, _ in scaffold.QUESTIONS}
    missing = [key for key, value in given.items() if not value]
    if missing and not sys.stdin.isatty():
        flags = " ".join(f"--{key}" for key in missing)
        print(f"Thiếu / missing: {flags}", file=sys.stderr)
        return EXIT_USAGE
    try:
        values = scaffold.ask_missing(given, data, input) | {
            "commune": args.commune or "",
            "slug": args.slug or "",
            "draft": "true" if args.draft else "",
        }
        path = scaffold.write_model_file(scaffold.resolve(values, data, today), options, today)
    except scaffold.NewModelRefused as error:
        print(str(error), file=sys.stderr)
        return EXIT_USAGE
    except (EOFError, KeyboardInterrupt):
        print("\nĐã hủy, không tạo tệp. / Cancelled, no file written.", file=sys.stderr)
        return EXIT_USAGE
    shown = path.relative_to(options.root) if path.is_relative_to(options.root) else path
    print(f"Đã tạo / created: {shown}")
    print(f"Xem trước / preview: chạy `{_program_name()} serve`, mở http://localhost:8000{urls.model_url(path.stem)}")
    return EXIT_OK


def _utf8_output() -> None:
    """Print Vietnamese on any terminal: under LC_ALL=C Python would otherwise fail on the first “ư”."""
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(
            stream, "reconfigure"
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")
