"""Stata text renderers: pure functions from result objects to text.

Every renderer returns exactly what Stata prints after the echoed command
line, starting with Stata's blank line and without a final newline; commands
print it with ``session.print(text)``.  Renderers never compute statistics.

Interfaces (import the module you need; nothing is imported here so start-up stays fast):

- ``numfmt.format_number(value, "%9.0g")`` — Stata display formats (g, f, e, gc, fc, s)
- ``abbrev.abbrev(name, n)`` / ``abbrev.abbrev_re(name, 8)`` — ``~`` abbreviations
- ``coef_table.render_coef_table(rows, depvar, ...)`` — the coefficient table (mixed, regress)
- ``mixed_display.render_mixed(result, metric=, level=, noheader=, ...)`` — ``mixed``
- ``iteration_log.render_iteration_log(log_or_result, method)`` — the iteration log
- ``estat_tables.render_estat_group/icc/ic/recovariance(result)``
- ``lrtest.render_lrtest(result, linesize=)``
- ``regress_table.render_regress(result)``
- ``estimates_table.render_estimates_table(result)``
"""
