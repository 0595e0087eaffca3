"""Pure postestimation computations: numbers in, result objects out.

Nothing here prints, reads the Session or touches the dataset; the postestimation
commands (``mlmcli.commands.postestimation``) take the numbers from ``e()`` and the
fit object through the estimation layer (``mlmcli.estimation``), call these functions
and hand the result objects (``mlmcli.results``) to renderers.

Modules:

- ``icc``          intraclass correlations (``estat icc``), delta-method SE, logit CI
- ``criteria``     AIC/BIC (``estat ic``), Stata's ``e()`` parameter bookkeeping
- ``lrtest``       likelihood-ratio tests between two estimation results
- ``wald``         Wald tests of linear hypotheses (``test``) and ``lincom``
- ``linear_prediction``  x b and its standard error (``predict, xb`` / ``stdp``)
- ``reliability``  Raudenbush & Bryk's reliability lambda_j (``estat reliability``)
- ``pve``          proportional reduction in variance components (``estat pve``)
- ``hlmchi2``      HLM's chi-square test of a random-effect variance (``estat hlmchi2``)
"""
