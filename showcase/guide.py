"""Tables of the editor guide (docs/huong-dan-bien-tap.md), generated from the schema and catalogue.

`python -m showcase.guide` rewrites them in place, between their marker comments;
tests/test_docs.py fails when the guide differs, so it cannot drift from what validation accepts.
"""

from __future__ import annotations

import re
from pathlib import Path

from .messages import CATALOGUE
from .schema import MODEL
from .specs import spec_rows


def _rows() -> list[str]:
    return [
        f"| `{name}` | {spec.label} | {spec.guide_kind()} | {'bắt buộc' if spec.required else 'không'} | {spec.doc} |"
        for name, spec in spec_rows(MODEL)
    ]


def keys_table() -> str:
    header = ["| Khóa | Tên tiếng Việt | Kiểu | Bắt buộc | Ghi chú |", "|---|---|---|---|---|"]
    return "\n".join(header + _rows())


def codes_table() -> str:
    header = ["| Mã lỗi | Mức | Ý nghĩa |", "|---|---|---|"]
    rows = [
        f"| `{code}` | {'cảnh báo' if entry.warning else 'lỗi'} | {entry.vi.format_map(_Blank()).replace('….', '…')} |"
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
