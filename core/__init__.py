"""Tend's core: the networking strategy as pure functions.

The same package runs in CPython (tests, command line) and in Pyodide (the app). It
never imports ``js`` or ``pyodide``, never reads the clock and never does I/O: the
shell passes ``today`` and the stored records in, and gets HTML and writes back.

The folders are the layers, each importing only those below it::

    app.py, cli.py       the two shells' entry points: the browser's JSON call, the command line
    actions/  views/     what a user's submit changes; what a route shows (never each other)
    formats/             files in and out: backups, sealing, vCard, CSV, calendar
    rules/               one module per principle (P1–P16), and the ranked agenda
    storage/             records as localStorage entries (loose and packed), layouts, migrations
    network.py model.py  the network in memory; the records and their validation
    routes.py            every ``#/`` address, read by all of the above (it imports none)

Importing ``core`` loads nothing else; import the module you need.
"""
