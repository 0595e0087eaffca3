"""Regression estimators that are not least squares: quantile regression (``qreg``,
``quantile_regression``) and Stata's robust regression (``rreg``, ``biweight_regression``); and the
robust/cluster sandwich variance every estimation engine shares (``cluster_sandwich``)."""
