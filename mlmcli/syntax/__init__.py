"""Stata's syntax rules, written once: pure string work, no data, no Session.

- ``abbreviation``  the minimal-abbreviation rule and name tables (commands,
                    subcommands, options, choices): ``abbreviates``, ``NameTable``
- ``options``       ``[, options]``: ``read_options`` (text -> ``ast.Option``, nested
                    parentheses and quotes), ``split_options``, ``suboptions``,
                    ``OptionSpec`` + ``resolve_options`` (typed -> canonical names),
                    option values (``confidence_level``, ``number_option``, ``choice_option``)
- ``numlist``       ``1/5 10 20(5)40`` and ``forvalues`` ranges
- ``varlist``       new-variable names and storage types (``[type] newvar``, ``stub*``)
- ``coefnames``     coefficient names ``1b.f``, ``o.x``, ``1.a#c.x``, ``eq:name``: reader and writer

Scanning text outside quotes and brackets is ``mlmcli.textscan``; a whole command
line is read by ``mlmcli.parser`` (grammar ``grammar/command.lark``).
"""
