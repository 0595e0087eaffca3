"""Pure postestimation computations: numbers in, result objects out.

Nothing here prints, reads the Session or touches the dataset; the command
handlers (``mlmcli.commands.postestimation.estat`` / ``estimates``) pull the numbers
out of ``e()`` and the fitted model, call these functions and hand the results
to renderers.

Modules:

- ``icc``          intraclass correlations (``estat icc``), delta-method SE, logit CI
- ``criteria``     AIC/BIC (``estat ic``), Stata's ``e()`` parameter bookkeeping
- ``lrtest``       likelihood-ratio tests between two estimation results
- ``wald``         Wald tests of linear hypotheses (``test``) and ``lincom``
- ``reliability``  Raudenbush & Bryk's reliability lambda_j (``estat reliability``)
- ``pve``          proportional reduction in variance components (``estat pve``)
- ``hlmchi2``      HLM's chi-square test of a random-effect variance (``estat hlmchi2``)
"""
