"""The layouts' static files as published: each with a version (a short content hash) for its `?v=`.

A module that imports another ("./search-core.js") is published with the import's version written
into the import (`./search-core.js?v=…`), and its own version covers what it imports: otherwise a
browser keeping search.js (unchanged) would keep an outdated search-core.js too.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

_IMPORT = re.compile(r"""((?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'])(\./[^"'?#]+\.js)(["'])""")


@lru_cache(maxsize=4)
def published(static_dir: Path) -> dict[str, tuple[bytes, str]]:
    """name (relative to static/) → (bytes to publish, version)."""
    files = {p.relative_to(static_dir).as_posix(): p for p in sorted(static_dir.rglob("*")) if p.is_file()}
    done: dict[str, tuple[bytes, str]] = {}

    def publish(name: str, seen: tuple[str, ...] = ()) -> tuple[bytes, str]:
        if name in done:
            return done[name]
        data = files[name].read_bytes()
        if name.endswith((".js", ".mjs")) and name not in seen:
            folder = name.rsplit("/", 1)[0] + "/" if "/" in name else ""

            def versioned(match: re.Match) -> str:
                target = folder + match.group(2)[2:]
                if target not in files or target in seen:
                    return match.group(0)
                return f"{match.group(1)}{match.group(2)}?v={publish(target, (*seen, name))[1]}{match.group(3)}"

            data = _IMPORT.sub(versioned, data.decode("utf-8")).encode("utf-8")
        done[name] = (data, hashlib.sha256(data).hexdigest()[:10])
        return done[name]

    for name in files:
        publish(name)
    return done


def versions(static_dir: Path) -> dict[str, str]:
    return {name: version for name, (_, version) in published(static_dir).items()}


def write_static(static_dir: Path, destination: Path) -> int:
    """Write every static file as published; return how many."""
    if not static_dir.is_dir():
        return 0
    files = published(static_dir)
    for name, (data, _) in files.items():
        path = destination / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return len(files)
