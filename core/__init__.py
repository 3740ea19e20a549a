"""Tend's core: the networking strategy as pure functions.

The same package runs in CPython (tests, command line) and in Pyodide (the app). It
never imports ``js`` or ``pyodide``, never reads the clock and never does I/O: the
shell passes ``today`` and the stored records in, and gets HTML and writes back.
"""

from __future__ import annotations

from core.agenda import AgendaItem, agenda, due_touches
from core.app import App
from core.cadence import CadenceStatus, cadence_status
from core.model import Contact, Interaction, Layer
from core.store import Network, load_network

__all__ = [
    "AgendaItem",
    "App",
    "CadenceStatus",
    "Contact",
    "Interaction",
    "Layer",
    "Network",
    "agenda",
    "cadence_status",
    "due_touches",
    "load_network",
]
