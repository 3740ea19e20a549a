"""The build: self-contained, relative, verified, reproducible."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json
import re
import tarfile
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import build

# Vendored files, pinned by sha256 and shipped as their authors built them: they name
# hosts in code paths Tend never takes (Pyodide's default CDN, overridden by
# packageBaseUrl; mkdocs-material's mermaid and repository widgets, both unused). The
# end-to-end tests record every request the app and the guide make to prove it.
VENDORED = ("pyodide/pyodide.mjs", "pyodide/pyodide.asm.mjs", "guide/assets/")
OUR_TEXT = {".html", ".js", ".mjs", ".css", ".json", ".webmanifest", ".svg", ".xml"}
# Python 3.14's bytecode magic number, then the flags of a hash-based .pyc whose source is
# never checked (there is none to check): written out here, not taken from build.py.
PYTHON_314_HASHED_PYC = (3627).to_bytes(2, "little") + b"\r\n" + b"\x01\0\0\0"
IMPORTED_AT_START = {"pydantic", "annotated-types", "typing-extensions", "typing-inspection",
                     "jinja2", "markupsafe", "tend-core"}
# URLs that are names, not addresses: XML namespaces.
NAMESPACES = re.compile(r"https?://www\.(w3\.org/(2000/svg|1999/xlink)|sitemaps\.org/schemas/)")


class Links(HTMLParser):
    """Every URL a page asks the browser to load or lets the user follow."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in {"href", "src"} and value:
                self.urls.append(value)


def local_target(page: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "data:", "mailto:")):
        return None
    target = (page.parent / unquote(parts.path)).resolve()
    return target / "index.html" if target.is_dir() else target


def test_every_file_a_page_refers_to_is_in_the_build(dist: Path) -> None:
    missing = []
    for page in dist.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        for url in parser.urls:
            target = local_target(page, url)
            if target is not None and not target.exists():
                missing.append(f"{page.relative_to(dist)} -> {url}")
    assert missing == []


def test_every_url_is_relative_so_the_site_works_under_a_subpath(dist: Path) -> None:
    absolute = []
    for page in dist.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text())
        absolute += [f"{page.relative_to(dist)}: {u}" for u in parser.urls if u.startswith("/")]
    assert absolute == []


def test_nothing_of_ours_in_the_build_points_at_another_host(dist: Path) -> None:
    found = []
    for path in dist.rglob("*"):
        name = path.relative_to(dist).as_posix()
        if path.suffix not in OUR_TEXT or name.startswith(VENDORED):
            continue
        for url in re.findall(r"https?://[^\s\"'<>)`]+", path.read_text(errors="replace")):
            if not NAMESPACES.match(url):
                found.append(f"{name}: {url}")
    assert found == []


def upstream(name: str) -> bytes:
    """A runtime file as the pinned npm package holds it."""
    with tarfile.open(build.CACHE / f"pyodide-{build.PYODIDE_VERSION}.tgz") as archive:
        member = archive.extractfile(f"package/{name}")
        assert member is not None, name
        return member.read()


def test_vendored_runtime_files_are_the_pinned_upstream_bytes(dist: Path) -> None:
    for name in build.RUNTIME_FILES:
        if name != "python_stdlib.zip":  # its members are checked one by one below
            assert (dist / "pyodide" / name).read_bytes() == upstream(name), name


def zip_members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(i.filename, archive.read(i)) for i in archive.infolist()]


# Parts of the stdlib no Tend path imports (written out here, not taken from build.py).
UNUSED_STDLIB = ("multiprocessing/", "xmlrpc/", "wsgiref/")


def test_the_stdlib_is_upstreams_split_in_two_with_a_starts_modules_as_bytecode(
        dist: Path) -> None:
    start = zip_members((dist / "pyodide" / "python_stdlib.zip").read_bytes())
    later = zip_members((dist / "pyodide" / build.STDLIB_LATER_ZIP).read_bytes())
    theirs = dict((name, data) for name, data in zip_members(upstream("python_stdlib.zip"))
                  if not name.startswith(UNUSED_STDLIB))
    finder = {"sitecustomize.py", "_stdlib_later_names.py"}
    compiled = {name for name, _ in start} - finder
    assert all(data[:8] == PYTHON_314_HASHED_PYC for name, data in start if name in compiled)
    # Each upstream member is in exactly one zip: compiled in the start's, as is in the other.
    assert sorted([*(name[:-1] for name in compiled), *(name for name, _ in later)]) \
        == sorted(theirs)
    assert all(data == theirs[name] for name, data in later)
    assert dict(start)["sitecustomize.py"] == build.STDLIB_LATER.read_bytes()
    # What the core, Jinja and pydantic import, and what they do not.
    assert {"json/__init__.pyc", "typing.pyc", "dataclasses.pyc", "datetime.pyc",
            "re/_parser.pyc", "inspect.pyc", "pyodide/__init__.pyc"} <= compiled
    assert {"email/message.py", "unittest/__init__.py", "http/client.py"} <= dict(later).keys()
    assert not [name for name in theirs if name.startswith(UNUSED_STDLIB)]
    assert 100 < len(compiled) < 250


def test_the_finder_knows_every_module_of_the_later_zip_and_no_other(dist: Path) -> None:
    start = dict(zip_members((dist / "pyodide" / "python_stdlib.zip").read_bytes()))
    names: dict[str, object] = {}
    exec(start["_stdlib_later_names.py"], names)  # the build's own output
    later = {name for name, _ in zip_members((dist / "pyodide" / build.STDLIB_LATER_ZIP)
                                             .read_bytes())}
    assert names["NAMES"] == {n[:-3].removesuffix("/__init__").replace("/", ".")
                              for n in later if n.endswith(".py")}
    assert {"email.utils", "unittest", "encodings.utf_8_sig"} <= names["NAMES"]
    assert names["FILE"] == build.STDLIB_LATER_ZIP
    assert not {"json", "typing", "encodings", "email"} & names["NAMES"]


def test_a_fresh_compile_of_the_stdlib_gives_the_shipped_bytes(
        dist: Path, tmp_path: Path) -> None:
    (tmp_path / "upstream.zip").write_bytes(upstream("python_stdlib.zip"))
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    for file in (dist / "pyodide").iterdir():
        target = tmp_path / "upstream.zip" if file.name == "python_stdlib.zip" else file
        (runtime / file.name).symlink_to(target)
    compiled = tmp_path / "compiled"
    compiled.mkdir()
    build.run("node", str(build.STDLIB_COMPILER), str(runtime), str(compiled))
    build.split_stdlib(tmp_path / "upstream.zip", compiled, tmp_path / "start.zip",
                       tmp_path / "later.zip")
    for again, shipped in (("start.zip", "python_stdlib.zip"),
                           ("later.zip", build.STDLIB_LATER_ZIP)):
        assert (tmp_path / again).read_bytes() == (dist / "pyodide" / shipped).read_bytes()


def test_the_lock_file_names_only_local_wheels_with_matching_hashes(dist: Path) -> None:
    lock = json.loads((dist / "pyodide" / "pyodide-lock.json").read_text())
    assert lock["info"]["abi_version"] == build.PYODIDE_ABI
    names = set(lock["packages"])
    assert {"tend-core", "pydantic", "pydantic-core", "jinja2", "markupsafe"} <= names
    for package in lock["packages"].values():
        wheel = dist / "pyodide" / package["file_name"]
        assert "/" not in package["file_name"] and wheel.exists()
        assert hashlib.sha256(wheel.read_bytes()).hexdigest() == package["sha256"]
        assert set(package["depends"]) <= names


def compiled_wheels(dist: Path) -> dict[str, dict[str, bytes]]:
    """Each wheel Tend imports at start, as its files' bytes by path."""
    lock = json.loads((dist / "pyodide" / "pyodide-lock.json").read_text())
    wheels = {}
    for name, package in lock["packages"].items():
        if name in IMPORTED_AT_START:
            with zipfile.ZipFile(dist / "pyodide" / package["file_name"]) as wheel:
                wheels[name] = {f: wheel.read(f) for f in wheel.namelist()}
    return wheels


def test_the_wheels_imported_at_start_ship_python_3_14_bytecode_in_place_of_sources(
        dist: Path) -> None:
    wheels = compiled_wheels(dist)
    assert set(wheels) == IMPORTED_AT_START
    for name, files in wheels.items():
        bytecode = [f for f in files if f.endswith(".pyc")]
        assert bytecode and [f for f in files if f.endswith(".py")] == [], name
        assert {files[f][:8] for f in bytecode} == {PYTHON_314_HASHED_PYC}, name


def test_a_compiled_wheel_records_each_file_it_holds_with_its_hash(dist: Path) -> None:
    for name, files in compiled_wheels(dist).items():
        (record,) = [f for f in files if f.endswith(".dist-info/RECORD")]
        rows = [line.split(",") for line in files[record].decode().splitlines()]
        assert sorted(row[0] for row in rows) == sorted(files), name
        for path, digest, size in rows:
            if path != record:
                expected = base64.urlsafe_b64encode(hashlib.sha256(files[path]).digest())
                assert digest == f"sha256={expected.rstrip(b'=').decode()}", path
                assert size == str(len(files[path])), path


def test_the_cores_templates_stay_files_beside_its_bytecode(dist: Path) -> None:
    files = compiled_wheels(dist)["tend-core"]
    templates = {Path(f).name for f in files if f.startswith("core/views/templates/")}
    assert templates == {p.name for p in (build.ROOT / "core/views/templates").iterdir()}


def sw_list(dist: Path, name: str) -> list[str]:
    sw = (dist / "sw.js").read_text()
    found = re.search(rf"const {name} = (\[.*?\]);", sw, re.S)
    assert found, f"sw.js has no {name}"
    return json.loads(found.group(1))


def test_the_service_worker_precaches_exactly_the_build(dist: Path) -> None:
    start, later = sw_list(dist, "FILES"), sw_list(dist, "LATER")
    assert not set(start) & set(later)
    assert sorted(start + later) == [f for f in build.build_files(dist) if f != "sw.js"]


def test_every_file_the_service_worker_precaches_is_in_the_build(dist: Path) -> None:
    listed = sw_list(dist, "FILES") + sw_list(dist, "LATER")
    assert [f for f in listed if not (dist / f).is_file()] == []


def wheel_of(dist: Path, package: str) -> str:
    lock = json.loads((dist / "pyodide" / "pyodide-lock.json").read_text())
    return "pyodide/" + lock["packages"][package]["file_name"]


def test_the_vcard_and_calendar_readers_are_cached_only_after_the_app_is_ready(
        dist: Path) -> None:
    start, later = sw_list(dist, "FILES"), sw_list(dist, "LATER")
    lazy = {"vobject", "python-dateutil", "pytz", "six", "icalendar", "tzdata"}
    assert {wheel_of(dist, p) for p in lazy} <= set(later)
    assert not {wheel_of(dist, p) for p in lazy} & set(start)
    assert {wheel_of(dist, p) for p in IMPORTED_AT_START} <= set(start)
    assert not [f for f in start if f.startswith("guide/")]


# Issue 17: what a first visit needs before the app is ready is the runtime plus 2 MB gzip.
# The runtime is Pyodide's as upstream ships it: the build's own stdlib zip is smaller.
FIRST_VISIT_ABOVE_RUNTIME = 2_000_000


def test_what_is_cached_before_the_app_is_ready_is_within_the_first_visit_budget(
        dist: Path) -> None:
    runtime = sum(len(gzip.compress(upstream(name), mtime=0)) for name in build.RUNTIME_FILES)
    gzipped = {f: len(gzip.compress((dist / f).read_bytes(), mtime=0))
               for f in sw_list(dist, "FILES")}
    assert sum(gzipped.values()) <= runtime + FIRST_VISIT_ABOVE_RUNTIME, \
        sorted(gzipped.items(), key=lambda i: -i[1])[:8]


def test_the_rest_of_the_stdlib_is_cached_only_after_the_app_is_ready(dist: Path) -> None:
    assert f"pyodide/{build.STDLIB_LATER_ZIP}" in sw_list(dist, "LATER")
    assert "pyodide/python_stdlib.zip" in sw_list(dist, "FILES")


def test_the_first_view_is_prerendered_and_the_page_starts_loading(dist: Path) -> None:
    page = (dist / "index.html").read_text()
    assert 'data-app="loading"' in page
    assert '<h1 id="view-title" tabindex="-1">Today</h1>' in page
    assert '<a class="button" href="#/start">Start in two minutes</a>' in page
    assert "Content-Security-Policy" in page


def test_every_guide_page_runs_only_its_own_inline_scripts_under_the_apps_policy(
        dist: Path) -> None:
    for page in (dist / "guide").rglob("*.html"):
        html = page.read_text()
        policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert policy, f"{page.name} has no Content-Security-Policy"
        script_src = next(d for d in policy.group(1).split("; ") if d.startswith("script-src"))
        allowed = set(re.findall(r"'sha256-([^']+)'", script_src))
        inline = {base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                  for body in re.findall(r"<script>(.*?)</script>", html, re.S)}
        assert allowed == inline and "unsafe-inline" not in policy.group(1)
        assert html.index("Content-Security-Policy") < html.index("<script")
        assert "form-action 'none'" in policy.group(1) and "wasm" not in policy.group(1)


def test_the_build_ships_no_source_maps_nor_names_any(dist: Path) -> None:
    assert not list(dist.rglob("*.map"))
    # Pyodide's runtime files keep their pinned upstream bytes (a debugger alone reads
    # the comment); every other file names no map.
    pinned = {f"pyodide/{name}" for name in build.RUNTIME_FILES}
    naming = [name for p in dist.rglob("*") if p.suffix in OUR_TEXT
              and (name := p.relative_to(dist).as_posix()) not in pinned
              and "sourceMappingURL" in p.read_text(errors="replace")]
    assert naming == []


def test_the_english_guide_ships_no_other_languages_search(dist: Path) -> None:
    search = json.loads((dist / "guide" / "search" / "search_index.json").read_text())
    assert search["config"]["lang"] == ["en"]
    assert not (dist / "guide" / "assets" / "javascripts" / "lunr").exists()


def test_the_compiled_pydantic_leaves_out_its_v1_copy_and_mypy_plugin(dist: Path) -> None:
    with zipfile.ZipFile(dist / wheel_of(dist, "pydantic")) as wheel:
        names = wheel.namelist()
    assert "pydantic/main.pyc" in names
    assert [n for n in names if n.startswith("pydantic/v1/") or n == "pydantic/mypy.pyc"] == []


def test_the_manifest_makes_tend_installable(dist: Path) -> None:
    manifest = json.loads((dist / "manifest.webmanifest").read_text())
    assert manifest["display"] == "standalone"
    for icon in manifest["icons"]:
        assert (dist / icon["src"]).exists()


def test_the_same_inputs_build_the_same_bytes(dist: Path, tmp_path: Path) -> None:
    again = tmp_path / "dist"
    build.build(again)

    def digest(root: Path) -> dict[str, str]:
        return {f: hashlib.sha256((root / f).read_bytes()).hexdigest()
                for f in build.build_files(root)}

    first, second = digest(dist), digest(again)
    assert first.keys() == second.keys()
    assert [f for f in first if first[f] != second[f]] == []
