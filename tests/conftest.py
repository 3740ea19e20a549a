"""Fixtures shared by the build and end-to-end tests: one real build per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

import build


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh build of the site, made once and shared by every test that needs it."""
    out = tmp_path_factory.mktemp("site") / "dist"
    build.build(out)
    return out
