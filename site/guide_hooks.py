"""MkDocs hooks: links into the app name its page file; the search dialog has a name.

The guide's markdown links to the app as ``../#/today`` (MkDocs checks links against
its own pages, and the app page is not one of them). After that check, this hook spells
the link out as ``../index.html#/today`` so it also works in a copy opened from disk,
where a folder URL shows a listing rather than the app.
"""

from __future__ import annotations

from typing import Any


def on_page_content(html: str, **kwargs: Any) -> str:
    return html.replace('href="../#/', 'href="../index.html#/')


def on_post_page(output: str, **kwargs: Any) -> str:
    """Name the theme's search dialog, which mkdocs-material 9.8 leaves unnamed (axe)."""
    return output.replace('data-md-component="search" role="dialog"',
                          'data-md-component="search" role="dialog" aria-label="Search"')
