"""Instrumental-variables regression (``ivregress``): the estimators (``estimators``) and the
postestimation tests of ``estat firststage|endogenous|overid`` (``diagnostics``)."""
