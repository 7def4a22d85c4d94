"""Problems found in content: data, not tracebacks, so they can be collected, sorted and printed."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from . import messages


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one place, with its wording already taken from the catalogue."""

    path: str
    line: int | None
    column: int | None
    key: str | None
    code: str
    severity: Severity
    message_vi: str
    message_en: str
    expected: str | None = None
    got: str | None = None
    hint: str | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.line or 0, self.column or 0, self.code, self.key or "")

    def location(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """Render the problem for a terminal: location, severity, key, message, details."""
        label = "lỗi/error" if self.severity is Severity.ERROR else "cảnh báo/warning"
        key = f" “{self.key}”" if self.key else ""
        lines = [f"{self.location()}: {label}{key} [{self.code}]", f"  {self.message_vi}", f"  {self.message_en}"]
        return "\n".join(lines + [f"  {name}: {value}" for name, value in self.details()])

    def details(self) -> list[tuple[str, str]]:
        """(label, value) for what was expected, what was found and the hint, as far as known; every
        report format (terminal, JSON/GitHub, the preview's overlay) shows them with these labels."""
        labelled = (("cần (expected)", self.expected), ("có (got)", self.got), ("gợi ý (hint)", self.hint))
        return [(label, value) for label, value in labelled if value is not None]


def problem(
    code: str,
    path: str,
    line: int | None = None,
    column: int | None = None,
    key: str | None = None,
    expected: str | None = None,
    got: str | None = None,
    **params: object,
) -> Problem:
    """Build a Problem whose message and hint come from the catalogue entry for code."""
    entry = messages.CATALOGUE[code]
    values = {"key": key or "", "expected": expected or "", "got": got or "", **params}
    hint = entry.hint.format(**values) if entry.hint else None
    return Problem(
        path=path,
        line=line,
        column=column,
        key=key,
        code=code,
        severity=Severity.WARNING if entry.warning else Severity.ERROR,
        message_vi=entry.vi.format(**values),
        message_en=entry.en.format(**values),
        expected=expected,
        got=got,
        hint=hint,
    )


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, already sorted."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__(f"{len(self.problems)} problem(s) in content")


def has_errors(problems: list[Problem], strict: bool = False) -> bool:
    """True when the build must stop: any error, or any warning in strict mode."""
    return any(p.severity is Severity.ERROR or strict for p in problems)


def format_report(problems: list[Problem]) -> str:
    """Every problem sorted by path and line, then a total line in Vietnamese and English."""
    ordered = sorted(problems, key=Problem.sort_key)
    errors = sum(p.severity is Severity.ERROR for p in ordered)
    warnings = len(ordered) - errors
    files = len({p.path for p in ordered})
    body = "\n\n".join(p.format() for p in ordered)
    total = (
        f"Tổng cộng: {errors} lỗi, {warnings} cảnh báo trong {files} tệp. "
        f"/ Total: {errors} error(s), {warnings} warning(s) in {files} file(s)."
    )
    return f"{body}\n\n{total}" if body else total
