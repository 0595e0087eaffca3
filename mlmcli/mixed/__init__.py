"""The linear mixed-model engine.

Modelled on lme4 (Bates, Maechler, Bolker & Walker 2015) and MixedModels.jl:
the (RE)ML deviance is profiled over beta and sigma^2 and minimised over the
relative covariance factor theta.  Nested models are evaluated from per-group
sufficient statistics; crossed models through a blocked Cholesky factor whose
first block is diagonal.  The engine takes a ``MixedSpec`` (numbers only,
built by ``mlmcli.commands.mixed_cmd``) and never prints.
"""
