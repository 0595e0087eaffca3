"""teffects ra/ipw (and their shared pieces): the joint estimating equations of the outcome
models, the treatment model and the effects, solved and given their robust (sandwich)
variance as Stata's gmm does it (onestep, just identified)."""
