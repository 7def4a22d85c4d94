"""Tables of the editor guide (docs/huong-dan-bien-tap.md), generated from the schema and catalogue.

`python -m showcase.guide` rewrites them in place, between their marker comments;
tests/test_docs.py fails when the guide differs, so it cannot drift from what validation accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

from .messages import CATALOGUE
from .schema import MODEL_KEYS, KeySpec, Kind

KIND_VI = {
    Kind.TEXT: "chữ",
    Kind.YEAR: "số nguyên (năm)",
    Kind.VOCAB: "chữ, theo danh sách",
    Kind.BOOL: "true / false",
    Kind.SLUG: "chữ (không dấu, gạch ngang)",
    Kind.DATE: "ngày \"dd/mm/yyyy\"",
    Kind.URL: "địa chỉ https://",
    Kind.PATH: "đường dẫn tệp",
    Kind.TEXT_LIST: "danh sách chữ",
    Kind.SLUG_LIST: "danh sách slug",
    Kind.RECORD: "nhóm khóa",
    Kind.RECORD_LIST: "danh sách nhóm khóa",
}


def _rows(specs: tuple[KeySpec, ...], prefix: str = "") -> list[str]:
    rows = []
    for spec in specs:
        required = "bắt buộc" if spec.required else "không"
        rows.append(f"| `{prefix}{spec.name}` | {spec.label_vi} | {KIND_VI[spec.kind]} | {required} | {spec.doc_vi} |")
        rows += _rows(spec.items, f"{prefix}{spec.name}.")
    return rows


def keys_table() -> str:
    header = ["| Khóa | Tên tiếng Việt | Kiểu | Bắt buộc | Ghi chú |", "|---|---|---|---|---|"]
    return "\n".join(header + _rows(MODEL_KEYS))


def codes_table() -> str:
    header = ["| Mã lỗi | Mức | Ý nghĩa |", "|---|---|---|"]
    rows = [
        f"| `{code}` | {'cảnh báo' if entry.warning else 'lỗi'} | {entry.vi.format_map(_Blank())} |"
        for code, entry in sorted(CATALOGUE.items())
    ]
    return "\n".join(header + rows)


class _Blank(dict):
    """Leaves placeholders visible as '…' in the guide's table."""

    def __missing__(self, key: str) -> str:
        return "…"


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "huong-dan-bien-tap.md"
MARKERS = {
    "<!-- bảng khóa: python -m showcase.guide -->": ("<!-- hết bảng khóa -->", keys_table),
    "<!-- bảng mã lỗi: python -m showcase.guide -->": ("<!-- hết bảng mã lỗi -->", codes_table),
}


def refresh(text: str) -> str:
    """The guide's text with every generated table replaced by its current version."""
    for start, (end, table) in MARKERS.items():
        pattern = re.compile(re.escape(start) + r"\n.*?" + re.escape(end), re.S)
        replacement = f"{start}\n{table()}\n{end}"
        text = pattern.sub(lambda _, new=replacement: new, text)
    return text


if __name__ == "__main__":
    GUIDE.write_text(refresh(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Đã cập nhật / updated {GUIDE}")
