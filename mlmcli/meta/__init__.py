"""The meta-analysis engines behind Stata 16's ``meta`` suite ([META]): effect sizes
(``effect_sizes``), the between-study variance estimators and pooled effects (``estimators``),
meta-regression (``regression``), small-study-effect tests (``bias``) and trim-and-fill
(``trimfill``).  Pure numbers: no Session, no printing."""
