"""What a user's submit changes: one module per area, all listed in ``dispatch.ACTIONS``.

An action takes the form's fields, the network and a context (today, now, a fresh id)
and returns an ``outcome.Outcome``: records to write, where to go, what to say. Actions
never import views: what a form shows again is a ``core.forms.FormState``.
"""
