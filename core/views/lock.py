"""The one page a locked Tend shows before its passphrase is typed.

Until the passphrase opens the lock the page has read nothing it could show, so this
view takes no network: only the form, and where to go once it is open.
"""

from __future__ import annotations

from core.forms import FormState
from core.views.render import Forms, View, render


def unlock_view(forms: Forms, back: str) -> View:
    """The passphrase form; ``back`` is the page to show once Tend is open."""
    form = forms.get("unlock_storage", FormState())
    return View("Locked", render("unlock.html", form=form, back=back))
