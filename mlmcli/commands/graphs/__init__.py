"""Graph commands: ``twoway``/``scatter``/``line``/``graph`` (``twoway.py``).

Graphs are built as pure data by ``mlmcli.graphs`` and drawn there (matplotlib).
"""
