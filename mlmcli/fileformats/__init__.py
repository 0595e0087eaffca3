"""File formats: pure readers and writers between files and :class:`~mlmcli.dataset.Dataset`.

No function here prints, touches a Session, or changes a Dataset it was given:
readers return a new Dataset (``changed=False``, ``filename`` set), writers take
one and a path.  Every failure is a :class:`~mlmcli.errors.StataError` with
Stata's message and return code (``messages.py``); a failed read returns
nothing, a failed write leaves the old file as it was (``safe_write.py``).
See ``mlmcli/fileformats/README.md`` for the API a command calls.
"""
