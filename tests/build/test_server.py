"""The loopback server the tests and `build.py --serve` use."""

from __future__ import annotations

import threading
import urllib.request
from pathlib import Path

import build


def test_two_servers_under_the_same_subpath_each_serve_their_own_build(tmp_path: Path) -> None:
    """Five worktrees run their end-to-end tests at once: a server started for one build
    must never start serving another's dist/."""
    answers = []
    servers = []
    for name in ("mine", "theirs"):
        dist = tmp_path / name
        dist.mkdir()
        (dist / "which.txt").write_text(name)
        servers.append(build.server(dist, port=0, subpath="tend"))
    try:
        for httpd in servers:
            threading.Thread(target=httpd.serve_forever, daemon=True).start()
        for httpd in servers:
            url = f"http://127.0.0.1:{httpd.server_address[1]}/tend/which.txt"
            with urllib.request.urlopen(url, timeout=10) as answer:
                answers.append(answer.read().decode())
    finally:
        for httpd in servers:
            httpd.shutdown()
            httpd.server_close()
    assert answers == ["mine", "theirs"]
