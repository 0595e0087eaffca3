"""Programming commands: display, macros and scalars, settings, do-files and logs,
``program``/``syntax``/``args``, ``confirm``, ``error``, ``levelsof``.
"""
