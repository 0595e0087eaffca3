"""mlmcli: a Stata-syntax-compatible interpreter for multilevel (linear mixed) models."""

__version__ = "0.1.0"
