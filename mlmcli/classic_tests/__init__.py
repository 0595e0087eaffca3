"""The classic hypothesis tests' numbers ([R] prtest, bitest, signtest, sdtest, robvar,
ksmirnov, median; Methods and formulas there and in the ado files of each command):
``proportions`` (large-sample and exact binomial tests, the sign test), ``variances`` (chi2 and
F tests of standard deviations, Levene/Brown-Forsythe), ``distributions`` (Kolmogorov-Smirnov,
the median test's table)."""
