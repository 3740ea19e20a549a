"""MkDocs hook: the guide's links into the app name the app's page file.

The guide's markdown links to the app as ``../#/today`` (MkDocs checks links against
its own pages, and the app page is not one of them). After that check, this hook spells
the link out as ``../index.html#/today`` so it also works in a copy opened from disk,
where a folder URL shows a listing rather than the app.
"""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, **kwargs: Any) -> str:
    return html.replace('href="../#/', 'href="../index.html#/')
