"""Command line: `build` (the default), `check` and `serve`.

Prints problems, never a traceback: content problems, a refused output folder, a template error, a
full disk or a busy port each get one message in Vietnamese then English and an exit code of their
own (EXIT_* below, listed in the README). The published site is untouched whenever a build fails.
"""

from __future__ import annotations

import argparse
import errno
import sys
from pathlib import Path

from . import writing
from .pipeline import BuildOptions, BuildReport, build, check
from .problems import ContentError, format_report, has_errors
from .rendering import TemplateFailure
from .search import SearchError
from .serving import PortsBusy, serve
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
    """The command line, with a parser and help of its own for each command."""
    main_parser = argparse.ArgumentParser(
        prog=prog,
        description="Tạo trang Mô hình “Dân vận khéo” từ content/ vào site/. "
        "/ Build the 'Dân vận khéo' showcase from content/ into site/.",
        epilog="Mã thoát / exit codes: 0 xong/done, 1 nội dung có lỗi/content problems, 2 tùy chọn hoặc thư mục "
        "sai/usage, 3 chỉ mục tìm kiếm/search index, 4 mẫu trang/template, 5 hệ thống/system "
        "(đĩa đầy, không có quyền ghi, cổng bận/disk full, permissions, busy port).",
    )
    commands = main_parser.add_subparsers(dest="command", metavar="{build,check,serve}")
    build_parser = commands.add_parser("build", help="tạo trang vào site/ (mặc định) / build the site")
    check_parser = commands.add_parser("check", help="chỉ kiểm tra nội dung, không ghi gì / validate only")
    serve_parser = commands.add_parser("serve", help="tạo trang rồi mở tại http://127.0.0.1:PORT / build, then serve")
    for sub in (build_parser, check_parser, serve_parser):
        _content_options(sub)
    for sub in (build_parser, serve_parser):
        _build_options(sub)
    build_parser.add_argument("--base-url", help="địa chỉ gốc thay cho site.yaml / base URL overriding site.yaml")
    serve_parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="cổng, mặc định 8000 (bận thì lấy cổng kế tiếp) / port, default 8000 (the next free one if busy)",
    )
    serve_parser.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe / address to listen on")
    return main_parser


def _content_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--content", type=Path, default=ROOT / "content", help="thư mục nội dung / content folder")
    sub.add_argument("--layouts", type=Path, default=ROOT / "layouts", help="thư mục giao diện / templates folder")
    sub.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi (CI) / treat warnings as errors")
    sub.add_argument("--jobs", type=int, default=0, help="số tiến trình, 0 = mọi lõi / worker processes, 0 = all")


def _build_options(sub: argparse.ArgumentParser) -> None:
    sub.add_argument("--out", type=Path, default=ROOT / "site", help="thư mục kết quả / output folder (site/)")
    sub.add_argument("--no-search", action="store_true", help="bỏ qua chỉ mục tìm kiếm / skip the search index")


def main(argv: list[str] | None = None, prog: str = PROGRAM) -> int:
    _utf8_output()
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help")):
        argv.insert(0, "build")  # `build.py --strict` builds, as it always did
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
        return _check(_options(args))
    if args.command == "serve":
        return _serve(args)
    return _report_build(_options(args))


def _options(args: argparse.Namespace, base_url: str | None = None, **extra) -> BuildOptions:
    command = args.command
    return BuildOptions(
        content_dir=args.content.resolve(),
        layouts_dir=args.layouts.resolve(),
        out_dir=getattr(args, "out", ROOT / "site").resolve(),
        base_url=base_url or _with_slash(getattr(args, "base_url", None)),
        strict=args.strict,
        jobs=args.jobs,
        search=not getattr(args, "no_search", True),
        record="update" if command == "build" and not args.strict else ("off" if command == "serve" else "check"),
        preview=command == "serve",
        **extra,
    )


def _with_slash(url: str | None) -> str | None:
    return None if url is None else (url if url.endswith("/") else url + "/")


def _check(options: BuildOptions) -> int:
    _, models, problems = check(options)
    if problems:
        print(format_report(problems), file=sys.stderr)
    if has_errors(problems, options.strict):
        return EXIT_CONTENT
    print(f"Nội dung hợp lệ: {format_number(len(models))} mô hình. / Content is valid: {len(models)} models.")
    return EXIT_OK


def _report_build(options: BuildOptions) -> int:
    """Build, and say what happened in words, whatever happened."""
    report, code = run_build(options)
    if report is not None:
        _print_report(report, options)
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


def _print_report(report: BuildReport, options: BuildOptions) -> None:
    if report.warnings:
        print(format_report(report.warnings), file=sys.stderr)
    seconds = sum(report.timings.values())
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
        print(f"Tìm kiếm / search: {report.search.pages} trang được lập chỉ mục / pages indexed.")
    if report.recorded:
        record = options.record_file
        print(
            f"Đã thêm {report.recorded} địa chỉ mới vào {record}; hãy commit tệp này cùng nội dung. "
            f"/ Added {report.recorded} new address(es) to {record}; commit it with the content."
        )


def _serve(args: argparse.Namespace) -> int:
    try:
        return serve(args, _options, run_build, _print_report)
    except PortsBusy as error:
        print(
            f"Các cổng {error} đều đang bận; chọn cổng khác bằng --port. / Ports {error} are all busy; choose "
            "another with --port.",
            file=sys.stderr,
        )
        return EXIT_SYSTEM


def _utf8_output() -> None:
    """Print Vietnamese on any terminal: under LC_ALL=C Python would otherwise fail on the first “ư”."""
    for stream in (sys.stdout, sys.stderr):
        if (getattr(stream, "encoding", "") or "").lower().replace("-", "") != "utf8" and hasattr(
            stream, "reconfigure"
        ):
            stream.reconfigure(encoding="utf-8", errors="replace")
