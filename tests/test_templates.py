"""The templates are formatted one way: the rules a reviewer would otherwise enforce by hand.

- two-space indentation, no tabs, no trailing spaces, one final newline;
- a Jinja block tag alone on its line ({% if %}, {% for %}, {% block %}, {% macro %}) has its
  {% else %}/{% elif %} and its end tag at the same indentation, and what it contains one level deeper;
- one space inside every delimiter: {{ value }}, {% tag %}, {# note #} (whitespace control allowed).

HTML formatters (djlint) were tried and rejected: they move whitespace that Jinja renders into the page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .conftest import ROOT

TEMPLATES = sorted((ROOT / "layouts").rglob("*.html"))
OPENING = re.compile(r"\{%-?\s*(if|for|block|macro|call|filter|with)\b")
MIDDLE = re.compile(r"\{%-?\s*(else|elif)\b")
CLOSING = re.compile(r"\{%-?\s*end(if|for|block|macro|call|filter|with)\b")
ALONE = re.compile(r"^\{%-?.*?-?%\}$")
DELIMITERS = re.compile(r"(\{\{-?|\{%-?|\{#-?)(.*?)(-?\}\}|-?%\}|-?#\})", re.S)


def style_problems(path: Path) -> list[str]:
    """Every formatting rule the file breaks, as 'line: what'."""
    text = path.read_text(encoding="utf-8")
    problems = [] if text.endswith("\n") and not text.endswith("\n\n") else ["end: one final newline"]
    stack: list[tuple[str, int, int]] = []  # (tag, indentation, line)
    for number, line in enumerate(text.split("\n")[:-1], 1):
        stripped = line.strip()
        indent = len(line) - len(line.lstrip(" "))
        if "\t" in line:
            problems.append(f"{number}: tab")
        if line != line.rstrip():
            problems.append(f"{number}: trailing whitespace")
        if stripped and indent % 2:
            problems.append(f"{number}: indentation of {indent} spaces (use multiples of 2)")
        problems += [
            f"{number}: write {m.group(1)} {m.group(2).strip()} {m.group(3)}"
            for m in DELIMITERS.finditer(line)
            if m.group(2).strip() and not (m.group(2).startswith(" ") and m.group(2).endswith(" "))
        ]
        if not ALONE.match(stripped):
            continue
        if CLOSING.match(stripped):
            if not stack:
                problems.append(f"{number}: end tag without an opening tag on its own line")
                continue
            tag, opened, at = stack.pop()
            if indent != opened:
                problems.append(f"{number}: end{tag} indented {indent}, its opening (line {at}) {opened}")
        elif MIDDLE.match(stripped) and stack and indent != stack[-1][1]:
            problems.append(f"{number}: {stripped} not aligned with its opening (line {stack[-1][2]})")
        elif (match := OPENING.match(stripped)) and not CLOSING.search(stripped) and "set " not in stripped:
            stack.append((match.group(1), indent, number))
    problems += [f"{at}: {tag} is never closed on a line of its own" for tag, _, at in stack]
    return problems


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.relative_to(ROOT / "layouts").as_posix())
def test_template_is_formatted(path):
    assert style_problems(path) == []


def test_the_rules_catch_what_they_describe(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text("<ul>\n {% for x in xs %}\n  <li>{{x}}</li>\t\n    {% endfor %}\n</ul>\n\n", encoding="utf-8")
    found = style_problems(bad)
    assert "end: one final newline" in found
    assert "2: indentation of 1 spaces (use multiples of 2)" in found
    assert "3: write {{ x }}" in found and "3: tab" in found and "3: trailing whitespace" in found
    assert "4: endfor indented 4, its opening (line 2) 1" in found
