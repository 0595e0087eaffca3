"""Data commands: reading and writing files, looking at the data, creating, changing,
labelling, combining and reshaping variables and observations.

``common.py`` holds what several of them share (file names, ``newvar = exp``,
storage types, weights, value text).  Statistics over values live below the
command layer in ``mlmcli.summary_statistics``.
"""
