"""Nonlinear mixed-effects models with Gaussian errors (``menl``), fitted by the
Lindstrom-Bates alternating algorithm as Stata's menl and R's nlme::nlme fit them.

- ``spec``: the model as data (``NLMESpec``: response, mean function of named inputs, linear
  combinations, free parameters, random effects of one grouping level);
- ``linearized_model``: the mean function, its derivatives and the working response;
- ``pnls_step``: penalized nonlinear least squares (and the NLS starting values);
- ``lme_step``: (RE)ML of the linearized linear mixed model in the relative variances;
- ``fit``: the alternation, V(theta) and the variance parameters' covariance (``NLMEFit``);
- ``report``: the result object (``results.nlme.NLMEResult``) and e() of a fit.
"""
