"""Stata 16's ``meta`` suite ([META]): ``command`` dispatches the subcommands; ``declare`` holds
meta set, meta esize, meta update, meta query and meta clear; ``summarize``, ``small_studies``
(meta bias, meta trimfill), ``plots`` (forest, funnel and Galbraith plots) and ``regress``
(meta regress, its predict and estat heterogeneity) the analyses."""
