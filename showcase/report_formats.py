"""Problems for machines: JSON for any tool, and GitHub workflow commands that annotate the lines of a
change (`check --format github`), so a reviewer sees each problem on the line that has it."""

from __future__ import annotations

import json

from .problems import Problem, Severity


def as_json(problems: list[Problem], models: int, failed: bool, strict: bool) -> str:
    """One JSON document: whether the content is valid, how many models, and every problem."""
    return json.dumps(
        {
            "valid": not failed,
            "strict": strict,
            "models": models,
            "problems": [_problem_dict(p) for p in problems],
        },
        ensure_ascii=False,
        indent=1,
    )


def _problem_dict(p: Problem) -> dict:
    return {
        "file": p.path,
        "line": p.line,
        "column": p.column,
        "key": p.key,
        "code": p.code,
        "severity": p.severity.value,
        "message_vi": p.message_vi,
        "message_en": p.message_en,
        "expected": p.expected,
        "got": p.got,
        "hint": p.hint,
    }


def as_github(problems: list[Problem], strict: bool) -> list[str]:
    """`::error file=…,line=…,col=…,title=…::message` per problem; warnings are errors under --strict."""
    lines = []
    for p in problems:
        level = "error" if p.severity is Severity.ERROR or strict else "warning"
        properties = [f"file={_property(p.path)}"]
        if p.line:
            properties.append(f"line={p.line}")
        if p.column:
            properties.append(f"col={p.column}")
        properties.append(f"title={_property(p.code + (f' ({p.key})' if p.key else ''))}")
        lines.append(f"::{level} {','.join(properties)}::{_data(_message(p))}")
    return lines


def _message(p: Problem) -> str:
    return "\n".join([p.message_vi, p.message_en] + [f"{label}: {value}" for label, value in p.details()])


def _data(text: str) -> str:
    """Escape a message as GitHub's workflow commands require."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
