"""Command line: `build` (default), `check` and `serve`; prints problems, never a traceback for content."""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import sys
from pathlib import Path

from . import writing
from .pipeline import BuildOptions, build, check
from .problems import ContentError, format_report, has_errors
from .search import SearchError
from .text_vi import format_number

ROOT = Path(__file__).resolve().parent.parent
EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_FAILURE = 0, 1, 2, 3


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="build.py",
        description="Tạo trang Mô hình “Dân vận khéo” từ content/ vào site/. "
        "/ Build the 'Dân vận khéo' showcase from content/ into site/.",
    )
    p.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=("build", "check", "serve"),
        help="build: tạo trang (mặc định) / build the site; check: chỉ kiểm tra nội dung / "
        "validate only; serve: tạo trang rồi mở tại http://localhost:PORT / build then serve locally",
    )
    p.add_argument("--content", type=Path, default=ROOT / "content", help="thư mục nội dung / content folder")
    p.add_argument("--layouts", type=Path, default=ROOT / "layouts", help="thư mục giao diện / templates folder")
    p.add_argument("--out", type=Path, default=ROOT / "site", help="thư mục kết quả / output folder (site/)")
    p.add_argument("--base-url", help="địa chỉ gốc thay cho site.yaml / base URL overriding site.yaml")
    p.add_argument("--strict", action="store_true", help="coi cảnh báo là lỗi (CI) / treat warnings as errors")
    p.add_argument("--jobs", type=int, default=0, help="số tiến trình, 0 = mọi lõi / worker processes, 0 = all cores")
    p.add_argument("--no-search", action="store_true", help="bỏ qua chỉ mục tìm kiếm / skip the search index")
    p.add_argument("--port", type=int, default=8000, help="cổng cho serve / port for serve")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    options = BuildOptions(
        content_dir=args.content.resolve(),
        layouts_dir=args.layouts.resolve(),
        out_dir=args.out.resolve(),
        base_url=_base_url(args.base_url, args.command, args.port),
        strict=args.strict,
        jobs=args.jobs,
        search=not args.no_search,
    )
    if args.command == "check":
        return _check(options)
    code = _build(options)
    if code == EXIT_OK and args.command == "serve":
        _serve(options.out_dir, args.port)
    return code


def _base_url(given: str | None, command: str, port: int) -> str | None:
    if given:
        return given if given.endswith("/") else given + "/"
    return f"http://localhost:{port}/" if command == "serve" else None


def _check(options: BuildOptions) -> int:
    _, models, problems = check(options)
    if problems:
        print(format_report(problems), file=sys.stderr)
    if has_errors(problems, options.strict):
        return EXIT_CONTENT
    print(f"Nội dung hợp lệ: {format_number(len(models))} mô hình. / Content is valid: {len(models)} models.")
    return EXIT_OK


def _build(options: BuildOptions) -> int:
    try:
        report = build(options)
    except ContentError as error:
        print(format_report(error.problems), file=sys.stderr)
        print(
            f"Chưa tạo trang; {options.out_dir} giữ nguyên. / Nothing was built; {options.out_dir} is unchanged.",
            file=sys.stderr,
        )
        return EXIT_CONTENT
    except writing.OutputRefused as error:
        print(f"Không ghi vào thư mục này / refusing this output folder: {error}", file=sys.stderr)
        return EXIT_USAGE
    except SearchError as error:
        print(
            f"Lỗi tạo chỉ mục tìm kiếm; site/ giữ nguyên. / Search indexing failed; site/ unchanged.\n{error}",
            file=sys.stderr,
        )
        return EXIT_FAILURE
    if report.warnings:
        print(format_report(report.warnings), file=sys.stderr)
    seconds = sum(report.timings.values())
    print(
        f"Đã tạo {format_number(report.pages)} trang từ {format_number(report.models)} mô hình "
        f"trong {seconds:.1f} giây → {options.out_dir}"
    )
    print(f"Built {report.pages} pages from {report.models} models in {seconds:.1f} s → {options.out_dir}")
    if report.search is not None:
        print(f"Tìm kiếm / search: {report.search.pages} trang được lập chỉ mục / pages indexed.")
    return EXIT_OK


def _serve(out_dir: Path, port: int) -> None:
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(out_dir))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        print(f"Mở / open http://localhost:{port}/  (Ctrl+C để dừng / to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
