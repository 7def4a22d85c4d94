"""The deployment files cannot drift: CI workflows, the nginx example and scripts/setup.py (docs/trien-khai.md).

nginx checks run at two levels: what can be read from the file, and `nginx -t` plus real requests
against a throw-away server (scripts/setup.sh installs Debian's nginx-light for the tests).
"""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath, PureWindowsPath
from types import SimpleNamespace

import pytest
import yaml

from showcase import cards, security

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
GITHUB = yaml.safe_load((DOCS / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
GITLAB = yaml.safe_load((DOCS / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
NGINX = (DOCS / "nginx.conf").read_text(encoding="utf-8")
GUIDE = (DOCS / "trien-khai.md").read_text(encoding="utf-8")
CHECK = "python build.py check --strict --format github"
IMMUTABLE = "public, max-age=31536000, immutable"


def _load_setup():
    spec = importlib.util.spec_from_file_location("dvk_setup", ROOT / "scripts" / "setup.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


setup = _load_setup()


# GitHub Actions ---------------------------------------------------------------------------------


def _runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


def _uses(job: dict) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_github_checks_every_pull_request_and_push_with_line_annotations():
    triggers = GITHUB.get("on", GITHUB.get(True))  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers and "push" in triggers
    check = GITHUB["jobs"]["check"]
    assert "if" not in check
    assert CHECK in _runs(check)
    assert "python -m pip install --disable-pip-version-check -e ." in _runs(check)
    setup_python = next(step for step in check["steps"] if step.get("uses", "").startswith("actions/setup-python"))
    assert setup_python["with"]["python-version"] == "3.11"


def test_github_builds_strictly_and_deploys_to_pages_from_main_only():
    build, deploy = GITHUB["jobs"]["build"], GITHUB["jobs"]["deploy"]
    assert build["needs"] == "check" and deploy["needs"] == "build"
    assert "refs/heads/main" in build["if"] and "pull_request" in build["if"]
    step = next(step for step in build["steps"] if "build.py build" in step.get("run", ""))
    assert step["run"] == 'python build.py build --strict --base-url "$SITE_URL"'
    assert "vars.SITE_URL" in step["env"]["SITE_URL"]
    assert "fonts-dejavu-core" in _runs(build)
    assert _uses(build)[-3:] == ["actions/cache", "actions/configure-pages", "actions/upload-pages-artifact"]
    assert build["steps"][-1]["with"]["path"] == "site/"
    cache = next(step for step in build["steps"] if step.get("uses", "").startswith("actions/cache"))
    assert cache["with"]["path"] == ".cache"
    assert _uses(deploy) == ["actions/deploy-pages"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["concurrency"]["cancel-in-progress"] is False
    assert GITHUB["permissions"] == {"contents": "read"}  # the rest of the workflow gets no more


# GitLab CI ------------------------------------------------------------------------------------------


def _script(job: dict) -> str:
    return "\n".join(job["script"])


def test_gitlab_checks_merge_requests_and_publishes_public_on_the_default_branch():
    check, pages = GITLAB["check"], GITLAB["pages"]
    assert {rule["if"] for rule in check["rules"]} == {
        '$CI_PIPELINE_SOURCE == "merge_request_event"',
        "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH",
    }
    assert CHECK in _script(check)
    assert check["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert check["artifacts"]["when"] == "always"
    assert [rule["if"] for rule in pages["rules"]] == ["$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"]
    assert 'python build.py build --strict --base-url "${SITE_URL:-$CI_PAGES_URL}" --out public' in _script(pages)
    assert pages["artifacts"]["paths"] == ["public"]
    assert "fonts-dejavu-core" in _script(pages)
    assert [".cache/"] in [cache["paths"] for cache in pages["cache"]]
    assert GITLAB["default"]["image"].startswith("python:3.11")


def test_gitlab_code_quality_converter_reads_the_github_format(tmp_path):
    program = re.search(r"<<'PY'\n(.*?)\nPY\n", _script(GITLAB["check"]), re.S).group(1)
    (tmp_path / "check.txt").write_text(
        "::error file=content/mo-hinh/2024/x.md,line=7,col=3,title=value-unknown (field)::“Kinh te” sai.%0A"
        "“Kinh te” is not a known field. 100%25\n"
        "::warning file=content/urls.txt,title=url-unrecorded::Địa chỉ mới /nam/ chưa có.\n"
        "Nội dung có lỗi. / not a workflow command, ignored\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-", "check.txt"], input=program, capture_output=True, text=True, cwd=tmp_path, check=True
    )
    first, second = json.loads(done.stdout)
    assert first == {
        "description": "“Kinh te” sai.\n“Kinh te” is not a known field. 100%",
        "check_name": "value-unknown (field)",
        "fingerprint": first["fingerprint"],
        "severity": "major",
        "location": {"path": "content/mo-hinh/2024/x.md", "lines": {"begin": 7}},
    }
    assert second["severity"] == "minor" and second["location"] == {"path": "content/urls.txt", "lines": {"begin": 1}}
    assert len(first["fingerprint"]) == 32 and first["fingerprint"] != second["fingerprint"]


# nginx: what the file says --------------------------------------------------------------------------


def _directives(text: str) -> str:
    """The configuration without its comments (no '#' appears inside a value in our file)."""
    return "\n".join(line.split("#", 1)[0].rstrip() for line in text.splitlines())


NGINX_CODE = _directives(NGINX)


def test_nginx_braces_balance_and_every_directive_ends():
    depth = 0
    for number, line in enumerate(NGINX_CODE.splitlines(), 1):
        depth += line.count("{") - line.count("}")
        assert depth >= 0, f"line {number} closes a block that was never opened"
        stripped = line.strip()
        if stripped and not stripped.endswith(("{", "}", ";")):
            raise AssertionError(f"line {number} does not end with ; {{ or }}: {stripped}")
    assert depth == 0


ADMIN_POLICY = "; ".join((security.admin_policy("github"), *security.HEADER_ONLY))  # the example's git host


def _policies() -> dict[str, str]:
    """The Content-Security-Policy nginx sends: the server's, and each location's that sets its own."""
    found = {"server": re.search(r'^    set \$dvk_csp "([^"]*)";$', NGINX_CODE, re.M).group(1)}
    for location, policy in re.findall(r'location \^~ (\S+) \{\s*set \$dvk_csp "([^"]*)";', NGINX_CODE):
        found[location] = policy
    return found


def test_nginx_sends_the_headers_of_the_headers_file():
    expected = dict(
        line.strip().split(": ", 1) for line in security.headers_file().splitlines() if line.startswith("  ")
    )
    sent = dict(re.findall(r'^\s*add_header ([\w-]+) "([^"]*)" always;$', NGINX_CODE, re.M))
    sent["Content-Security-Policy"] = _policies()["server"]
    assert "add_header Content-Security-Policy $dvk_csp always;" in NGINX_CODE
    assert {name: sent.get(name) for name in expected} == expected
    assert "frame-ancestors 'none'" in sent["Content-Security-Policy"]
    assert "add_header" not in NGINX_CODE.split("location", 1)[1]  # a location's own add_header drops these


def test_nginx_gives_the_web_form_its_own_policy_and_yaml_type():
    assert _policies() == {"server": _policies()["server"], "/admin/": ADMIN_POLICY}
    admin = re.search(r"location \^~ /admin/ \{(.*?)\n    \}", NGINX_CODE, re.S).group(1)
    assert "text/yaml yml;" in admin


def test_nginx_caching_types_compression_and_not_found_page():
    assert "error_page 404 /404.html;" in NGINX_CODE
    gzip_types = re.search(r"^\s*gzip_types (.*);$", NGINX_CODE, re.M).group(1).split()
    for kind in ("text/css", "application/javascript", "application/json", "text/xml", "application/xml"):
        assert kind in gzip_types
    assert {"image/svg+xml", "text/csv", "application/atom+xml"} <= set(gzip_types)
    assert re.search(r"# brotli_types ", NGINX)  # documented, off: the module is optional
    static = re.search(r"location \^~ /static/ \{(.*?)\}", NGINX_CODE, re.S).group(1)
    assert "$dvk_static_cache" in static
    assert re.search(
        rf'map \$arg_v \$dvk_static_cache \{{\s*""\s+"public, max-age=300";\s+default\s+"{IMMUTABLE}";', NGINX_CODE
    )
    pagefind = re.search(r"location \^~ /pagefind/ \{(.*?)\n    \}", NGINX_CODE, re.S).group(1)
    assert r"\.pf_(fragment|index|filter|meta)$" in pagefind and IMMUTABLE in pagefind
    assert re.search(r"location ~ /atom\\\.xml\$ \{\s*types \{ \}\s*default_type application/atom\+xml;", NGINX_CODE)
    assert re.search(r"location ~\* \\\.csv\$ \{\s*types \{ \}\s*default_type text/csv;", NGINX_CODE)
    assert "text/csv" in re.search(r"charset_types (.*);", NGINX_CODE).group(1)
    for line in ("image/webp webp;", "image/avif avif;"):
        assert line in NGINX_CODE


def _awk_program() -> str:
    return re.search(r"awk '([^']*)'", NGINX).group(1)


def test_nginx_redirect_one_liner_reads_what_the_build_writes(tmp_path):
    pages = [SimpleNamespace(url="/mo-hinh/cu/", args=("/mo-hinh/moi/",))]
    (tmp_path / "_redirects").write_text(security.redirects_file(pages, "https://example.org/dvk/"), "utf-8")
    done = subprocess.run(["awk", _awk_program(), "_redirects"], capture_output=True, text=True, cwd=tmp_path)
    assert done.stdout == "location = /dvk/mo-hinh/cu/ { return 301 /dvk/mo-hinh/moi/; }\n"


# nginx: the real thing ------------------------------------------------------------------------------

NGINX_BINARY = shutil.which("nginx") or next(
    (path for path in ("/usr/sbin/nginx", "/usr/local/sbin/nginx") if os.access(path, os.X_OK)), None
)
MIME_TYPES = """types {
    text/html html; text/css css; text/xml xml; application/javascript js; application/json json;
    image/svg+xml svg; image/png png; image/webp webp;
}"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _nginx_setup(tmp_path: Path, port: int) -> Path:
    """A throw-away nginx.conf that includes docs/nginx.conf with paths, port and redirects substituted."""
    site = tmp_path / "site"
    for name, text in {
        "index.html": "<!DOCTYPE html><title>Trang chủ</title>" + "<p>Dân vận khéo</p>" * 40,
        "404.html": "<!DOCTYPE html><title>Không tìm thấy trang</title>",
        "static/style.css": "body { color: #222 }",
        "pagefind/pagefind.js": "export {};",
        "pagefind/fragment/vi_40782b4.pf_fragment": "x",
        "mo-hinh/moi/index.html": "<!DOCTYPE html><title>Mô hình</title>",
        "mo-hinh/moi/anh-800.webp": "RIFF",
        "linh-vuc/kinh-te/atom.xml": "<feed/>",
        "du-lieu/mo-hinh.csv": "\ufeffslug,title\n",
        "du-lieu/mo-hinh.json": "[]",
        "admin/index.html": "<!DOCTYPE html><title>Biên tập</title>",
        "admin/config.yml": "locale: vi\n",
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    (site / "_redirects").write_text("/mo-hinh/cu/ /mo-hinh/moi/ 301\n", encoding="utf-8")
    redirects = subprocess.run(["awk", _awk_program(), str(site / "_redirects")], capture_output=True, text=True)
    (tmp_path / "redirects.conf").write_text(redirects.stdout, encoding="utf-8")

    server = NGINX
    for pattern, replacement in (
        (r"^    listen 80;\n    listen \[::\]:80;$", f"    listen 127.0.0.1:{port};"),
        (r"^    root /srv/dan-van-kheo/site;$", f"    root {site};"),
        (r"include /etc/nginx/snippets/dan-van-kheo-redirects\.conf;", f"include {tmp_path / 'redirects.conf'};"),
    ):
        server, count = re.subn(pattern, replacement, server, flags=re.M)
        assert count == 1, f"docs/nginx.conf changed: {pattern} no longer found once"
    (tmp_path / "server.conf").write_text(server, encoding="utf-8")
    mime = Path("/etc/nginx/mime.types")
    temp = tmp_path / "temp"
    temp.mkdir()
    # Temporary folders away from /var/lib/nginx, for the modules this nginx was built with.
    built = subprocess.run([NGINX_BINARY, "-V"], capture_output=True, text=True).stderr
    kinds = ["client_body"] + [
        kind for kind in ("proxy", "fastcgi", "uwsgi", "scgi") if f"without-http_{kind}_" not in built
    ]
    temp_paths = "".join(f" {kind}_temp_path {temp}/{kind};" for kind in kinds)
    conf = tmp_path / "nginx.conf"
    conf.write_text(
        ("user root;\n" if os.geteuid() == 0 else "")
        + f"daemon off;\npid {tmp_path}/nginx.pid;\nerror_log stderr;\nevents {{}}\nhttp {{\n"
        + (f"include {mime};\n" if mime.is_file() else MIME_TYPES + "\n")
        + f"default_type application/octet-stream;\naccess_log off;\n{temp_paths}\n"
        + f"include {tmp_path / 'server.conf'};\n}}\n",
        encoding="utf-8",
    )
    return conf


def _nginx(conf: Path, *extra: str) -> list[str]:
    return [NGINX_BINARY, "-e", "stderr", "-p", str(conf.parent), "-c", str(conf), *extra]


def test_nginx_accepts_the_example_and_serves_it_as_documented(tmp_path):
    port = _free_port()
    conf = _nginx_setup(tmp_path, port)
    tested = subprocess.run(_nginx(conf, "-t"), capture_output=True, text=True)
    assert tested.returncode == 0, tested.stderr
    server = subprocess.Popen(_nginx(conf), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        headers = _requests(port, server)
    finally:
        server.terminate()
        server.wait(timeout=10)
    expected = dict(
        line.strip().split(": ", 1) for line in security.headers_file().splitlines() if line.startswith("  ")
    )
    for path, response in headers.items():
        wanted = expected | ({"Content-Security-Policy": ADMIN_POLICY} if path.startswith("/admin/") else {})
        assert {name: response.get(name) for name in expected} == wanted, path
    assert headers["/admin/config.yml"]["Content-Type"] == "text/yaml; charset=utf-8"
    assert headers["/admin/"]["Content-Type"] == "text/html; charset=utf-8"
    assert headers["/"]["Content-Type"] == "text/html; charset=utf-8"
    assert headers["/"]["Content-Encoding"] == "gzip" and headers["/"]["Cache-Control"] == "public, max-age=300"
    assert headers["/static/style.css?v=4580b93660"]["Cache-Control"] == IMMUTABLE
    assert headers["/static/style.css"]["Cache-Control"] == "public, max-age=300"
    assert headers["/pagefind/fragment/vi_40782b4.pf_fragment"]["Cache-Control"] == IMMUTABLE
    assert headers["/pagefind/pagefind.js"]["Cache-Control"] == "public, max-age=300"
    assert headers["/mo-hinh/moi/anh-800.webp"]["Content-Type"] == "image/webp"
    assert headers["/mo-hinh/moi/anh-800.webp"]["Cache-Control"] == "public, max-age=86400"
    assert headers["/linh-vuc/kinh-te/atom.xml"]["Content-Type"] == "application/atom+xml; charset=utf-8"
    assert headers["/du-lieu/mo-hinh.csv"]["Content-Type"] == "text/csv; charset=utf-8"
    assert headers["/du-lieu/mo-hinh.json"]["Content-Type"] == "application/json"
    assert headers["/mo-hinh/cu/"]["status"] == 301 and headers["/mo-hinh/cu/"]["Location"] == "/mo-hinh/moi/"
    assert headers["/mo-hinh/moi"]["status"] == 301 and headers["/mo-hinh/moi"]["Location"] == "/mo-hinh/moi/"
    missing = headers["/khong-co/"]
    assert missing["status"] == 404 and "Không tìm thấy trang" in missing["body"]


def _requests(port: int, server: subprocess.Popen) -> dict[str, dict]:
    deadline = time.monotonic() + 5
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"nginx did not start: {server.stderr.read()}") from None
            time.sleep(0.02)
    paths = (
        "/",
        "/static/style.css?v=4580b93660",
        "/static/style.css",
        "/pagefind/fragment/vi_40782b4.pf_fragment",
        "/pagefind/pagefind.js",
        "/mo-hinh/moi/anh-800.webp",
        "/linh-vuc/kinh-te/atom.xml",
        "/du-lieu/mo-hinh.csv",
        "/du-lieu/mo-hinh.json",
        "/mo-hinh/cu/",
        "/mo-hinh/moi",
        "/khong-co/",
        "/admin/",
        "/admin/config.yml",
    )
    found = {}
    for path in paths:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
        response = connection.getresponse()
        body = response.read()
        if response.getheader("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        found[path] = dict(response.getheaders(), status=response.status, body=body.decode("utf-8", "replace"))
        connection.close()
    return found


# scripts/setup.py ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("win32", PureWindowsPath(".venv", "Scripts", "python.exe")),
        ("linux", PurePosixPath(".venv", "bin", "python")),
        ("darwin", PurePosixPath(".venv", "bin", "python")),
    ],
)
def test_setup_finds_the_python_inside_the_venv(platform, expected):
    assert setup.venv_python(PurePosixPath(".venv"), platform) == expected


def test_setup_creates_the_venv_once_then_only_installs(tmp_path):
    first = setup.plan(tmp_path, "linux", test=False, python="python3")
    inside = str(tmp_path / ".venv" / "bin" / "python")
    assert first == [
        ["python3", "-m", "venv", str(tmp_path / ".venv")],
        [inside, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", "."],
    ]
    (tmp_path / ".venv" / "bin").mkdir(parents=True)
    (tmp_path / ".venv" / "bin" / "python").write_text("")
    again = setup.plan(tmp_path, "linux", test=True, python="python3")
    assert again == [[inside, "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", ".[test]"]]


def test_setup_prints_the_commands_of_each_system():
    windows = [command for command, _ in setup.next_commands("win32", test=False)]
    assert windows[0] == r".venv\Scripts\python build.py serve"
    assert any("py build.py serve" in meaning for _, meaning in setup.next_commands("win32", test=False))
    for platform in ("linux", "darwin"):
        commands = [command for command, _ in setup.next_commands(platform, test=True)]
        assert commands[0] == ".venv/bin/python build.py serve"
        assert ".venv/bin/python -m pytest -q" in commands and not any("\\" in c for c in commands)


def test_setup_hints_at_the_font_only_on_linux_without_it():
    assert setup.DEJAVU in cards.FONT_FILES["regular"]  # the file the cards are drawn with
    hint = setup.font_hint("linux", exists=lambda path: False)
    assert "sudo apt-get install fonts-dejavu-core" in hint and "no text" in hint
    assert setup.font_hint("linux", exists=lambda path: True) is None
    assert setup.font_hint("win32", exists=lambda path: False) is None
    assert setup.font_hint("darwin", exists=lambda path: False) is None


def test_setup_help_and_dry_run_change_nothing(tmp_path):
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / "setup.py", tmp_path / "scripts" / "setup.py")
    script = str(tmp_path / "scripts" / "setup.py")
    shown = subprocess.run([sys.executable, script, "--help"], capture_output=True, text=True, check=True)
    assert "--dry-run" in shown.stdout and "--test" in shown.stdout
    dry = subprocess.run([sys.executable, script, "--dry-run", "--test"], capture_output=True, text=True, check=True)
    assert "-m venv" in dry.stdout and "pip install --disable-pip-version-check -q -e '.[test]'" in dry.stdout
    assert "build.py serve" in dry.stdout
    assert sorted(path.name for path in tmp_path.iterdir()) == ["scripts"]


# docs/trien-khai.md --------------------------------------------------------------------------------


def test_deployment_guide_links_resolve_and_names_the_commands():
    for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", GUIDE):
        assert (DOCS / target).exists(), target
    for text in (CHECK, "--base-url", "SITE_URL", r"py scripts\setup.py", "content/urls.txt", "nginx -t"):
        assert text in GUIDE, text
