"""Statistics commands that are not estimation commands: correlations, tests of means,
one-way ANOVA tables and the descriptions of panel data (xtdescribe, xtsum, xttab,
xttrans)."""
