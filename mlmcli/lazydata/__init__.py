"""Lazy (out-of-core) datasets: the rows stay in an embedded DuckDB database.

- ``store``: the process's DuckDB database, immutable relations, ``NeedsRows``;
- ``table``: ``LazyDataset`` (a ``Dataset`` whose rows are a relation) and opening
  Parquet/CSV files;
- ``sql_expression``: Stata expressions compiled to SQL with Stata's missing values;
- ``operations``: generate/replace/keep/drop/sort/egen group statistics as new relations;
- ``statistics``: count, summarize moments, tabulate frequencies;
- ``nested_sums``: a nested mixed model's per-group cross-products in one GROUP BY pass
  (``mlmcli.mixed.group_sums.GroupSums``, the input the linear mixed-model engine takes
  instead of rows).

Needs the optional ``duckdb`` package (``pip install 'mlmcli[bigdata]'``).
"""
