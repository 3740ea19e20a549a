"""Build Tend's static site into dist/: one command, same inputs, same bytes.

Stages, in order (each a short function below):
  1. runtime   - Pyodide's runtime files from the pinned npm package
  2. wheels    - the pinned wheels the core needs, verified by sha256
  3. core      - Tend's own core as a wheel
  4. lock      - a Pyodide lock file naming only the local wheels, with their sha256;
                 the wheels imported at start are shipped as bytecode (see `bytecode`);
                 then the stdlib split: what a start imports, as bytecode, and the rest
                 in a zip fetched when first imported (`stdlib`)
  5. pages     - the app page, prerendered by the core's own templates (Jinja2)
  6. guide     - the strategy guide (mkdocs-material) under dist/guide/
  7. manifest  - web app manifest and icons
  8. offline   - a service worker that precaches exactly the build's files
  9. report    - sizes, raw and gzip

Downloads are cached in .cache/ (outside dist/), so a second build needs no network.

Why Pyodide 314.0.7: it is the newest stable release on npm, and PyPI carries a
pydantic-core wheel for its ABI (pyemscripten_2026_0, Python 3.14); pydantic 2.14.4 is
the release that pins that pydantic-core (2.50.5).
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import fcntl
import functools
import gzip
import hashlib
import http.server
import inspect
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent
CACHE = ROOT / ".cache" / "build"
SITE = ROOT / "site"
# A fixed timestamp for every archive the build writes (1 Jan 2026), so bytes repeat.
SOURCE_DATE_EPOCH = "1767225600"

PYODIDE_VERSION = "314.0.7"
PYODIDE_TGZ_SHA256 = "66b7949e5a0cba2250b586d7e368bf12fb482800748d182c4618254b685ffaa0"
PYODIDE_ABI = "2026_0"
PYODIDE_PYTHON = "3.14"
RUNTIME_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
)


@dataclass(frozen=True)
class Wheel:
    """A wheel taken from PyPI as it is, pinned by file name and sha256."""

    requirement: str
    file_name: str
    sha256: str
    for_pyodide_abi: bool = False


WHEELS = (
    Wheel(
        "pydantic-core==2.50.5",
        "pydantic_core-2.50.5-cp314-cp314-pyemscripten_2026_0_wasm32.whl",
        "b2910ec0fa5aeb9bef70156f2b79f4783978fdcfaa7b2f1b5d1814458d2e79a1",
        for_pyodide_abi=True,
    ),
    Wheel(
        "pydantic==2.14.4",
        "pydantic-2.14.4-py3-none-any.whl",
        "653a2ad9f6d8858529c77c72717d0ea991d6c6837fe683246b2f4b2bbfc3fadc",
    ),
    Wheel(
        "annotated-types==0.7.0",
        "annotated_types-0.7.0-py3-none-any.whl",
        "1f02e8b43a8fbbc3f3e0d4f0f4bfc8131bcb4eebe8849b8e5c773f3a1c582a53",
    ),
    Wheel(
        "typing-extensions==4.16.0",
        "typing_extensions-4.16.0-py3-none-any.whl",
        "481caa481374e813c1b176ada14e97f1f67a4539ce9cfeb3f350d78d6370c2e8",
    ),
    Wheel(
        "typing-inspection==0.4.5",
        "typing_inspection-0.4.5-py3-none-any.whl",
        "bc210535442b39e1bf2805e0c7a17dfd6a4ace760c84c7f7d16245d23a6b1c39",
    ),
    Wheel(
        "jinja2==3.1.6",
        "jinja2-3.1.6-py3-none-any.whl",
        "85ece4451f492d0c13c5dd7c13a64681a86afae63a5f347908daf103ce6d2f67",
    ),
    # vCard import, loaded by the worker only when a file is imported.
    Wheel(
        "vobject==0.9.9",
        "vobject-0.9.9-py2.py3-none-any.whl",
        "0fbdb982065cf4d1843a5d5950c88510041c6de026bda49c3502721de1c6ac3d",
    ),
    Wheel(
        "python-dateutil==2.9.0.post0",
        "python_dateutil-2.9.0.post0-py2.py3-none-any.whl",
        "a8b2bc7bffae282281c8140a97d3aa9c14da0b136dfe83f850eea9a5f7470427",
    ),
    Wheel(
        "pytz==2026.6",
        "pytz-2026.6-py2.py3-none-any.whl",
        "7fed3fee8fd6bd4a2b7b75a8d56021d0624127bf69bd5691f115db929ac570b3",
    ),
    Wheel(
        "six==1.17.0",
        "six-1.17.0-py2.py3-none-any.whl",
        "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274",
    ),
    # Calendars (.ics): read when the user imports one, written for the agenda's calendar;
    # loaded by the worker only then. It needs dateutil (above) and tzdata, the time-zone
    # database Pyodide does not have.
    Wheel(
        "icalendar==7.3.2",
        "icalendar-7.3.2-py3-none-any.whl",
        "f95ce4ff8f41d8ad9ca253a676ef40c672abd3774458d197c215055a0d805cc4",
    ),
    Wheel(
        "tzdata==2026.6",
        "tzdata-2026.6-py2.py3-none-any.whl",
        "0a10eec6e13ef16b627fabed9a5f2ba61a62b1c67f327305f4e7e412a70b4aec",
    ),
)
# markupsafe has no pure wheel on PyPI: build one from the pinned sdist. With no C
# compiler (CC=false) its setup falls back to the pure-Python implementation.
MARKUPSAFE_SDIST = ("markupsafe==3.0.3", "markupsafe-3.0.3.tar.gz",
                    "722695808f4b6457b320fdc131280796bdceb04ab50fe1795cd540799ebe1698")

# The wheels Tend imports at start (by distribution name), shipped as bytecode compiled by
# Pyodide's own Python so the browser need not compile them on every start. The lazily
# loaded vCard parsers stay as they are: most starts never import them.
COMPILED = ("pydantic", "annotated_types", "typing_extensions", "typing_inspection",
            "jinja2", "markupsafe", "tend_core")
# Compiled without dropping docstrings and asserts, as every other wheel and the stdlib are:
# the core's doctests run in the shipped runtime (tests/e2e/test_core_in_pyodide.py).
KEPT_WHOLE = ("tend_core",)
# Python 3.14's bytecode magic number (CPython's Include/internal/pycore_magic_number.h);
# the build refuses a runtime whose Python writes another.
PYC_MAGIC = (3627).to_bytes(2, "little") + b"\r\n"
SITE_PACKAGES = f"/lib/python{PYODIDE_PYTHON}/site-packages"
COMPILER = SITE / "compile_pyc.mjs"
# Parts of the compiled wheels Tend never imports, left out of what ships: pydantic's v1
# copy (imported only to tell a v1 model apart, and Tend has none) and its mypy plugin
# (for a developer's type checker, never for a browser).
UNSHIPPED = ("pydantic/v1/", "pydantic/mypy.pyc")
# Finds the standard-library modules a start imports and compiles them (see `stdlib`).
STDLIB_COMPILER = SITE / "stdlib_pyc.mjs"
# The rest of the stdlib, fetched when first imported, and the finder that fetches it.
STDLIB_LATER_ZIP = "python_stdlib_later.zip"
STDLIB_LATER = SITE / "stdlib_later.py"
# Standard-library parts no Tend path imports, nor any wheel it ships, and that cannot run
# in a browser anyway: processes and servers. Left out of python_stdlib.zip (the bare
# bench page keeps them). doctest, pdb and unittest stay: the core's own tests run in
# the shipped runtime (tests/e2e/test_core_in_pyodide.py) and need them.
UNUSED_STDLIB = ("multiprocessing/", "xmlrpc/", "wsgiref/")

# Pyodide compiles WebAssembly ('wasm-unsafe-eval'); nothing else runs but our files.
CSP_DIRECTIVES = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
)
CSP = "; ".join(CSP_DIRECTIVES)
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)
# The comment naming a script's or a style sheet's source map, in either comment style.
SOURCE_MAP_COMMENT = re.compile(r"\n?(//# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def guide_csp(page: str) -> str:
    """The app's policy for a guide page: no WebAssembly, and of inline scripts only the
    theme's own (by hash), so markup planted on a shared origin cannot run anything here."""
    digests = (hashlib.sha256(body.encode()).digest() for body in INLINE_SCRIPT.findall(page))
    hashes = " ".join(f"'sha256-{base64.b64encode(d).decode()}'" for d in digests)
    script_src = f"script-src 'self' {hashes}".rstrip()
    return "; ".join(script_src if d.startswith("script-src") else d for d in CSP_DIRECTIVES)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verified(path: Path, expected: str) -> Path:
    actual = sha256_of(path)
    if actual != expected:
        path.unlink()
        raise SystemExit(
            f"build: {path.name} has sha256 {actual}, expected {expected}; removed it."
        )
    return path


def run(*command: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
    merged = {**os.environ, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "NO_MKDOCS_2_WARNING": "1",
              **(env or {})}
    subprocess.run(command, cwd=cwd, env=merged, check=True, stdout=subprocess.DEVNULL)


def pip(*args: str, env: dict[str, str] | None = None) -> None:
    run(sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args, env=env)


def runtime(dist: Path) -> dict[str, object]:
    """Stage 1: Pyodide's runtime from the npm package, pinned by the tarball's sha256."""
    tgz = CACHE / f"pyodide-{PYODIDE_VERSION}.tgz"
    if not tgz.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        run("npm", "pack", "--silent", f"pyodide@{PYODIDE_VERSION}",
            "--pack-destination", str(CACHE))
    verified(tgz, PYODIDE_TGZ_SHA256)
    target = dist / "pyodide"
    target.mkdir(parents=True)
    with tarfile.open(tgz) as archive:
        for name in (*RUNTIME_FILES, "pyodide-lock.json"):
            member = archive.extractfile(f"package/{name}")
            assert member is not None, name
            (target / name).write_bytes(member.read())
    upstream_lock = json.loads((target / "pyodide-lock.json").read_text())
    (target / "pyodide-lock.json").unlink()
    info: dict[str, object] = upstream_lock["info"]
    return info


def wheels() -> list[Path]:
    """Stage 2: the pinned wheels, downloaded once into the cache and verified each build."""
    return [*(fetched(wheel) for wheel in WHEELS), markupsafe_wheel()]


def fetched(wheel: Wheel) -> Path:
    """One pinned wheel from the cache, downloaded from PyPI the first time, verified."""
    path = CACHE / "wheels" / wheel.file_name
    if not path.exists():
        platform = (
            ("--platform", f"pyemscripten_{PYODIDE_ABI}_wasm32", "--python-version",
             PYODIDE_PYTHON, "--abi", "cp" + PYODIDE_PYTHON.replace(".", ""))
            if wheel.for_pyodide_abi else ()
        )
        pip("download", "--no-deps", "--only-binary=:all:", *platform,
            "-d", str(path.parent), wheel.requirement)
    return verified(path, wheel.sha256)


def markupsafe_wheel() -> Path:
    requirement, sdist_name, sdist_sha = MARKUPSAFE_SDIST
    sdist = CACHE / "sdists" / sdist_name
    if not sdist.exists():
        pip("download", "--no-deps", "--no-binary=:all:", "-d", str(sdist.parent), requirement)
    verified(sdist, sdist_sha)
    out = CACHE / "wheels"
    built = sorted(out.glob("markupsafe-*-py3-none-any.whl"))
    if not built:
        pip("wheel", "--no-deps", "-w", str(out), str(sdist), env={"CC": "false"})
        built = sorted(out.glob("markupsafe-*-py3-none-any.whl"))
    if len(built) != 1:
        raise SystemExit(f"build: expected one pure markupsafe wheel, found {built}")
    return built[0]


def core_wheel() -> Path:
    """Stage 3: Tend's core as a wheel, built from a private copy of its sources.

    The copy keeps setuptools' scratch files out of the checkout and lets two builds
    run at once (tests and a developer's build) without sharing a build folder.
    """
    scratch = Path(tempfile.mkdtemp(prefix="core-", dir=CACHE))
    source = scratch / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "core", source / "core", ignore=shutil.ignore_patterns("__pycache__"))
    pip("wheel", "--no-deps", "--no-build-isolation", "-w", str(scratch / "wheel"), str(source))
    (wheel,) = (scratch / "wheel").glob("tend_core-*.whl")
    return wheel


def lock(dist: Path, info: dict[str, object], wheel_files: list[Path]) -> None:
    """Stage 4: copy the wheels next to the runtime and write a lock file naming only them.

    pyodide-lock 0.1.2 (the newest release for Python 3.11) predates PEP 783's
    ``pyemscripten_<abi>`` platform tag, so the wheels are checked against that tag and
    the runtime's own ``info`` block is written back afterwards.
    """
    from pyodide_lock import PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec, update_package_sha256

    target = dist / "pyodide"
    copies = [Path(shutil.copy2(w, target / w.name)) for w in wheel_files]
    tag_info = {**info, "platform": f"pyemscripten_{PYODIDE_ABI}", "version": PYODIDE_VERSION}
    # Read from the sources first: the lock names each wheel's imports by its .py files.
    spec = add_wheels_to_spec(
        PyodideLockSpec(info=tag_info, packages={}), copies, base_path=target
    )
    for compiled in bytecode(target, [c for c in copies if c.name.split("-")[0] in COMPILED]):
        package = next(p for p in spec.packages.values() if p.file_name == compiled.name)
        update_package_sha256(package, compiled)
    data = spec.model_dump()
    data["info"] = {**info, "version": PYODIDE_VERSION}
    (target / "pyodide-lock.json").write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")


def bytecode(runtime_dir: Path, wheel_files: list[Path]) -> list[Path]:
    """Replace each wheel with one holding bytecode instead of sources, cached by inputs.

    Each .pyc sits where its .py was (no source is shipped), is hash-based so its bytes do
    not depend on file times, and names its file as it sits in the browser, so a traceback
    still says which file and line. Templates and other data files stay files.
    """
    recipe = hashlib.sha256(COMPILER.read_bytes() + PYODIDE_TGZ_SHA256.encode() + PYC_MAGIC
                            + inspect.getsource(repack).encode() + repr(UNSHIPPED).encode()
                            + inspect.getsource(compile_wheels).encode()
                            + repr(KEPT_WHOLE).encode())
    cached = {w: CACHE / "pyc" / hashlib.sha256(recipe.digest() + w.read_bytes()).hexdigest()
              / w.name for w in wheel_files}
    missing = [w for w in wheel_files if not cached[w].exists()]
    if missing:
        compile_wheels(runtime_dir, missing, {w: cached[w] for w in missing})
    for wheel in wheel_files:
        shutil.copyfile(cached[wheel], wheel)
    return wheel_files


def compile_wheels(runtime_dir: Path, wheel_files: list[Path], out: dict[Path, Path]) -> None:
    """Unpack the wheels, compile them all in one Pyodide boot in Node, and repack them."""
    scratch = Path(tempfile.mkdtemp(prefix="pyc-", dir=CACHE))
    try:
        for wheel in wheel_files:
            with zipfile.ZipFile(wheel) as archive:
                archive.extractall(scratch / wheel.name)
        whole = [w.name for w in wheel_files if w.name.split("-")[0] in KEPT_WHOLE]
        run("node", str(COMPILER), str(runtime_dir), PYODIDE_ABI, str(scratch), SITE_PACKAGES,
            *whole)
        for wheel in wheel_files:
            unpacked = scratch / wheel.name
            magics = {p.read_bytes()[:4] for p in unpacked.rglob("*.pyc")}
            if magics != {PYC_MAGIC}:
                raise SystemExit(f"build: {wheel.name} compiled with magic {magics}, "
                                 f"expected {PYC_MAGIC!r}; is the runtime still Python "
                                 f"{PYODIDE_PYTHON}?")
            out[wheel].parent.mkdir(parents=True, exist_ok=True)
            repack(unpacked, out[wheel])
    finally:
        shutil.rmtree(scratch)


def repack(unpacked: Path, wheel: Path) -> None:
    """A wheel of the unpacked tree minus the compiled sources, with a true RECORD.

    Entries are sorted, dated SOURCE_DATE_EPOCH and the .dist-info comes last, so the
    same tree always gives the same bytes.
    """
    def shipped(path: Path) -> bool:
        name = path.relative_to(unpacked).as_posix()
        return (path.is_file() and not name.startswith(UNSHIPPED)
                and not (path.suffix == ".py" and path.with_suffix(".pyc").exists()))

    files = sorted((p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if shipped(p)),
                   key=lambda name: (".dist-info/" in name, name))
    (record,) = (name for name in files if name.endswith(".dist-info/RECORD"))
    files.remove(record)
    stamp = time.gmtime(int(SOURCE_DATE_EPOCH))[:6]
    lines = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in files:
            data = (unpacked / name).read_bytes()
            if name.endswith(".dist-info/METADATA"):
                # The headers only: the long description is the project's README.
                data = data.split(b"\n\n", 1)[0] + b"\n"
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
            lines.append(f"{name},sha256={digest.decode()},{len(data)}")
            archive.writestr(zip_entry(name, stamp), data)
        archive.writestr(zip_entry(record, stamp), "\n".join([*lines, f"{record},,", ""]))


def zip_entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> zipfile.ZipInfo:
    entry = zipfile.ZipInfo(name, date_time=stamp)
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    return entry


def stdlib(dist: Path) -> None:
    """Stage 4b: the stdlib in two zips, what a start imports (as bytecode) and the rest.

    Python reads the stdlib from python_stdlib.zip, where upstream ships every module as
    source: 3.2 MB gzip, of which a start imports ~150 modules, and every start compiles
    them (the browser cannot keep the result). The start's modules become hash-based .pyc
    compiled by Pyodide's own Python and stay in python_stdlib.zip, with the finder that
    fetches the rest (`STDLIB_LATER`) as its sitecustomize; every other member goes, as
    upstream ships it, to python_stdlib_later.zip, which the service worker caches after
    the app is ready. Cached by the compiler, the runtime, the lock (which pins every
    wheel, the core's too: they decide what is imported) and the code that writes the zips.
    """
    target = dist / "pyodide" / "python_stdlib.zip"
    recipe = hashlib.sha256(STDLIB_COMPILER.read_bytes() + PYODIDE_TGZ_SHA256.encode()
                            + PYC_MAGIC + (dist / "pyodide" / "pyodide-lock.json").read_bytes()
                            + inspect.getsource(split_stdlib).encode()
                            + STDLIB_LATER.read_bytes() + repr(UNUSED_STDLIB).encode())
    cached = CACHE / "stdlib" / recipe.hexdigest()
    if not (cached / STDLIB_LATER_ZIP).exists():
        scratch = Path(tempfile.mkdtemp(prefix="stdlib-", dir=CACHE))
        try:
            run("node", str(STDLIB_COMPILER), str(dist / "pyodide"), str(scratch))
            cached.mkdir(parents=True, exist_ok=True)
            split_stdlib(target, scratch, cached / target.name, cached / STDLIB_LATER_ZIP)
        finally:
            shutil.rmtree(scratch)
    for name in (target.name, STDLIB_LATER_ZIP):
        shutil.copyfile(cached / name, dist / "pyodide" / name)


def split_stdlib(upstream: Path, compiled: Path, start: Path, later: Path) -> None:
    """Upstream's zip split in two, each in upstream's order: the compiled members as .pyc,
    with the finder of the rest as sitecustomize, in `start`; every other member, as
    upstream ships it, in `later`. The unused parts (`UNUSED_STDLIB`) are left out.

    Entries keep upstream's dates and compression, so the same inputs give the same bytes;
    the later zip is written before the start one is renamed into place, so a start zip
    in the cache always has its later one.
    """
    members = set((compiled / "members.txt").read_text().split())
    if used := sorted(m for m in members if m.startswith(UNUSED_STDLIB)):
        raise SystemExit(f"build: a start imports stdlib modules the build leaves out: {used}")
    start_part, later_part = start.with_suffix(".part"), later.with_suffix(".part")
    names: set[str] = set()
    with (zipfile.ZipFile(upstream) as source, zipfile.ZipFile(start_part, "w") as to_start,
          zipfile.ZipFile(later_part, "w") as to_later):
        for member in source.infolist():
            name, data = member.filename, source.read(member)
            if name.startswith(UNUSED_STDLIB):
                continue
            if name in members:
                members.remove(name)
                name, data, archive = name + "c", bytecode_of(compiled / (name + "c")), to_start
            else:
                archive = to_later
                if name.endswith(".py"):
                    names.add(name[:-3].removesuffix("/__init__").replace("/", "."))
            entry = zipfile.ZipInfo(name, date_time=member.date_time)
            entry.compress_type, entry.external_attr = member.compress_type, member.external_attr
            archive.writestr(entry, data)
        stamp = time.gmtime(int(SOURCE_DATE_EPOCH))[:6]
        to_start.writestr(zip_entry("sitecustomize.py", stamp), STDLIB_LATER.read_bytes())
        to_start.writestr(zip_entry("_stdlib_later_names.py", stamp),
                          f"FILE = {STDLIB_LATER_ZIP!r}\n"
                          f"NAMES = frozenset({sorted(names)!r})\n")
    if members:
        raise SystemExit(f"build: compiled modules not in the stdlib zip: {sorted(members)}")
    later_part.rename(later)
    start_part.rename(start)


def bytecode_of(pyc: Path) -> bytes:
    """A compiled module's bytes, refused unless the runtime's Python is the one we pin."""
    data = pyc.read_bytes()
    if data[:4] != PYC_MAGIC:
        raise SystemExit(f"build: {pyc.name} has magic {data[:4]!r}, expected {PYC_MAGIC!r}; "
                         f"is the runtime still Python {PYODIDE_PYTHON}?")
    return data


def pages(dist: Path) -> None:
    """Stage 5: the app page, its first view prerendered so it paints before Python loads."""
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from markupsafe import Markup

    from core.network import Network
    from core.routes import route_to
    from core.views.router import today_view

    env = Environment(loader=FileSystemLoader(SITE / "templates"), autoescape=select_autoescape())
    env.globals["route"] = route_to
    # An empty network's Today view does not depend on the date; any fixed day keeps it so.
    first_view = today_view(Network(), date(2026, 1, 1))
    # The core's templates escaped every value already: the view is trusted markup here.
    view_html = Markup(first_view.html)
    html = env.get_template("index.html").render(view_html=view_html, csp=CSP)
    (dist / "index.html").write_text(html)
    shutil.copytree(SITE / "shell", dist / "shell")
    shutil.copytree(SITE / "style", dist / "style")
    shutil.copytree(SITE / "icons", dist / "icons")


SNAPSHOT_KEY = "pyodide/memory-snapshot-key.txt"
SNAPSHOT_CODE = "shell/memory-snapshot.mjs"


def snapshot_key(dist: Path) -> None:
    """The key a memory snapshot made in the browser is kept under: a hash of everything
    it holds or depends on (the runtime, every wheel, both stdlib zips and the code that
    makes and restores it), so a snapshot of any other build is never used."""
    digest = hashlib.sha256()
    for name in [*sorted(f"pyodide/{p.name}" for p in (dist / "pyodide").iterdir()), SNAPSHOT_CODE]:
        digest.update(name.encode() + b"\0" + (dist / name).read_bytes())
    (dist / SNAPSHOT_KEY).write_text(digest.hexdigest() + "\n")


def guide(dist: Path) -> None:
    """Stage 6: the strategy guide, built strictly so a broken link fails the build."""
    run(sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
        "-f", str(ROOT / "mkdocs.yml"), "-d", str(dist / "guide"))
    # MkDocs' 404 page links from the server's root; a static host only uses the root
    # one, and under a subpath it would point nowhere.
    (dist / "guide" / "404.html").unlink()
    # Source maps serve only a developer's debugger: 1.3 MB no visitor should download.
    for source_map in (dist / "guide").rglob("*.map"):
        source_map.unlink()
    for script in (dist / "guide" / "assets").rglob("*.[jc]s*"):
        text = script.read_text()
        stripped = SOURCE_MAP_COMMENT.sub("", text)
        if stripped != text:
            script.write_text(stripped)
    # lunr's stemmers and word splitters for other languages: the search worker loads them
    # only for a guide in another language, and this one is in English only.
    search = json.loads((dist / "guide" / "search" / "search_index.json").read_text())
    if search["config"]["lang"] == ["en"]:
        shutil.rmtree(dist / "guide" / "assets" / "javascripts" / "lunr")
    for page in (dist / "guide").rglob("*.html"):
        html = page.read_text()
        meta = f'<meta http-equiv="Content-Security-Policy" content="{guide_csp(html)}">'
        page.write_text(html.replace("<head>", f"<head>\n    {meta}", 1))


def manifest(dist: Path) -> None:
    """Stage 7: the web app manifest, so Tend installs like an app."""
    data = {
        "name": "Tend — your networking coach",
        "short_name": "Tend",
        "description": "Who to get in touch with today, and why. Private and offline.",
        "start_url": "./index.html#/today",
        "scope": "./",
        "display": "standalone",
        "background_color": "#f7f7f4",
        "theme_color": "#0f766e",
        "icons": [
            {"src": "icons/icon.svg", "sizes": "any", "type": "image/svg+xml"},
            {"src": "icons/icon-192.png", "sizes": "192x192", "type": "image/png"},
            {"src": "icons/icon-512.png", "sizes": "512x512", "type": "image/png"},
        ],
    }
    (dist / "manifest.webmanifest").write_text(json.dumps(data, indent=1) + "\n")


def build_files(dist: Path) -> list[str]:
    """Every file of the build, relative and sorted: what the service worker precaches."""
    return sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())


def start_files(dist: Path) -> list[str]:
    """What a start needs, so what the service worker caches before it takes over: the
    page and its shell, the runtime, and the wheels the core imports at start (tend-core
    and what the lock says it depends on). The guide, the lazily loaded wheels and the
    stdlib a start does not import wait."""
    packages = json.loads((dist / "pyodide" / "pyodide-lock.json").read_text())["packages"]
    needed, todo = set(), ["tend-core"]
    while todo:
        name = todo.pop()
        if name not in needed:
            needed.add(name)
            todo += packages[name]["depends"]
    wheels = {f"pyodide/{packages[name]['file_name']}" for name in needed}
    app = ("index.html", "manifest.webmanifest", "shell/", "style/", "icons/", "pyodide/")
    return [f for f in build_files(dist) if f.startswith(app)
            and (not f.endswith(".whl") or f in wheels) and f != f"pyodide/{STDLIB_LATER_ZIP}"]


def offline(dist: Path) -> None:
    """Stage 8: a service worker that precaches exactly the build's files: what a start
    needs when it installs, the rest (the guide, the vCard and calendar readers) once the
    app is ready."""
    from jinja2 import Environment, FileSystemLoader

    files = [f for f in build_files(dist) if f != "sw.js"]
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + (dist / name).read_bytes())
    start = start_files(dist)
    later = [f for f in files if f not in start]
    env = Environment(loader=FileSystemLoader(SITE), autoescape=False)
    sw = env.get_template("sw.js").render(version=digest.hexdigest()[:16], files=start,
                                          later=later)
    (dist / "sw.js").write_text(sw)


def report(dist: Path) -> dict[str, int]:
    """Stage 9: what the build weighs, raw and as a server would send it gzipped."""
    raw = zipped = 0
    for name in build_files(dist):
        data = (dist / name).read_bytes()
        raw += len(data)
        zipped += len(gzip.compress(data, mtime=0))
    sizes = {"files": len(build_files(dist)), "raw_bytes": raw, "gzip_bytes": zipped}
    (CACHE / "report.json").write_text(json.dumps(sizes, indent=1) + "\n")
    return sizes


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Serves dist/ with the types browsers insist on for modules, wasm and manifests."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: a served build is used by tests and benchmarks that print their own."""


def server(dist: Path, port: int = 8000, subpath: str = "") -> http.server.ThreadingHTTPServer:
    """A loopback server for dist/, optionally under a subpath like GitHub Pages' /tend/."""
    root = dist
    if subpath:
        # A root of this server's own: a shared one would be pointed at another build's
        # dist/ whenever a second server starts (another test session, another worktree).
        root = Path(tempfile.mkdtemp(prefix="tend-serve-"))
        (root / subpath.strip("/")).symlink_to(dist, target_is_directory=True)
    handler = functools.partial(StaticHandler, directory=str(root))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


@contextlib.contextmanager
def cache_held() -> Iterator[None]:
    """The download and bytecode cache, for this build alone until it is done with it.

    Builds that start together (one per test worker on a fresh clone) would otherwise
    each find the other's half-written wheel or zip in the cache and ship it; the first
    fills the cache and the others then only copy from it.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    with (CACHE / ".lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(held, fcntl.LOCK_UN)


def build(dist: Path) -> dict[str, int]:
    shutil.rmtree(dist, ignore_errors=True)
    dist.mkdir(parents=True)
    with cache_held():
        info = runtime(dist)
        core = core_wheel()
        lock(dist, info, [*wheels(), core])
        shutil.rmtree(core.parent.parent)
        stdlib(dist)
    pages(dist)
    snapshot_key(dist)
    guide(dist)
    manifest(dist)
    offline(dist)
    return report(dist)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--serve", action="store_true", help="then serve it on 127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    dist = args.dist.resolve()
    sizes = build(dist)
    print(f"built {dist}: {sizes['files']} files, {sizes['raw_bytes'] / 1e6:.1f} MB "
          f"({sizes['gzip_bytes'] / 1e6:.1f} MB gzip)")
    if args.serve:
        httpd = server(dist, args.port)
        print(f"Tend is running at http://127.0.0.1:{args.port}/  (Ctrl+C to stop)", flush=True)
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()


if __name__ == "__main__":
    main()
