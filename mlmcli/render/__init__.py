"""Stata text renderers: pure functions from result objects to text.

Every renderer returns exactly what Stata prints after the echoed command
line, starting with Stata's blank line and without a final newline; commands
print it with ``session.print(text)``.  Renderers never compute statistics.

Each renderer takes the result type it prints (``mlmcli.results``) plus layout settings
(``linesize``).  Modules (import the one you need; nothing is imported here so start-up
stays fast):

- ``numfmt.format_number(value, "%9.0g")`` — Stata display formats (g, f, e, gc, fc, s)
- ``abbrev.abbrev(name, n)`` / ``abbrev.abbrev_re(name, 8)`` — ``~`` abbreviations
- ``coef_table.render_coef_table(rows, depvar, ...)`` — the coefficient table (mixed, regress)
- ``mixed_display.render_mixed(MixedResult, metric=, ...)``, ``iteration_log`` — ``mixed``
- ``regress_table.render_regress(RegressResult)`` — ``regress``
- ``estat_tables`` — ``estat group/icc/ic/recovariance``
- ``lrtest.render_lrtest(LRTestResult)``; ``hypotheses`` — ``test``, ``lincom``
- ``estimates_table`` — ``estimates table``, ``estimates dir``; ``listings`` — ``ereturn/return/matrix list``
- ``multilevel_statistics`` — ``estat reliability/pve/hlmchi2``
- ``data_list``, ``data_tables``, ``data_combine`` — describe/list, summarize/tabulate/fre/tabstat, merge/reshape
"""
