"""Where the benchmarks keep their figures: bench/results/<name>.json (not in git)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def keep(name: str, result: dict[str, Any]) -> Path:
    """Write one benchmark's figures, replacing the last run's."""
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"{name}.json"
    out.write_text(json.dumps(result, indent=1) + "\n")
    return out
