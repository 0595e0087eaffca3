"""The linear mixed-model engine.

Modelled on lme4 (Bates, Maechler, Bolker & Walker 2015) and MixedModels.jl:
the (RE)ML deviance is profiled over beta and sigma^2 and minimised over the
relative covariance factor theta.  Nested models are evaluated from per-group
sufficient statistics (group axis last, ``small_blocks``); crossed models through
a blocked Cholesky factor whose first block is diagonal and whose Schur complement
is built from a fixed pair pattern (``schur_complement``), dense or sparse.  The engine takes a ``MixedSpec`` (numbers only,
built by ``mlmcli.commands.estimation.mixed``) and never prints.

API
---
``fit_mixed(spec: MixedSpec, on_iteration=None) -> MixedFit``  (``mlmcli.mixed.fit``)
    Fits by ML or REML (``spec.method``).  ``on_iteration(i, loglik)`` is called
    per optimizer iteration.  Raises ``StataError`` for: no observations (2000),
    REML with pweights or vce(robust/cluster) (198), vce(robust) or higher-level
    weights with non-nested terms (198/459), clusters that split highest-level
    groups (459), an empty random-effects equation (198), an infeasible
    likelihood such as a perfect fit or collinear X (1400), a crossed design whose
    second block exceeds ``blocked_cholesky.DENSE_LIMIT`` columns with a term of
    more than one column there (909; scalar terms get a sparse factor,
    ``schur_complement.SparseSchur``), BLUPs of such a sparse design (909).  Non-convergence (``spec.iterate`` reached) is reported in
    ``MixedFit.converged`` / ``MixedResult.converged``, never raised.

Inference follows Stata: V(beta) = sigma^2 (X'V^-1X)^-1; variance parameters in
the estimation metric from the inverse negative Hessian of the (RE)ML log
likelihood profiled over beta; e(V) block diagonal.  pweights / vce(robust|cluster):
sandwich with Stata's block-diagonal bread and G/(G-1), clustered at the highest
level unless ``spec.cluster`` is given; ``MixedResult.pseudo`` is then True.

``MixedFit`` fields: ``beta`` (estimable columns of X), ``V_beta``, ``theta`` (the
optimiser's parameters; ``fit.model.lambdas(theta)`` gives each term's Lambda),
``sigma2``, ``phi`` (Stata's estimation metric: ln sd / atanh corr per term,
then ln sigma_e; names in ``phi_names``), ``V_phi``, ``V_cross`` (robust
only), ``loglik``, ``converged``, ``history`` (deviance per iteration),
``ll_linear`` (the linear regression with the same method), ``n_clusters``.
Methods:
    ``result() -> MixedResult`` (every number the tables print, all metrics);
    ``e_matrices() -> (b, V)`` as ``results.matrix.Matrix`` with Stata's column
    names ``depvar:x`` ..., ``lns1_1_1:_cons``, ``atr1_1_1_2:_cons``, ``lnsig_e:_cons``
    (level = distinct level variable in typed order, eq = equation within level);
    ``scalars()`` -> e() scalars N ll k k_f k_r chi2 df_m p converged and the
    per-level lists N_g g_min g_avg g_max;
    ``blups() -> list[TermPredictions]`` one per term (model order): ``modes`` and
    ``se`` arrays (n_groups x q) indexed by the term's group codes, columns as
    ``RandomTerm.names`` (se as ``predict, reses``: conditional SD after ML,
    comparative SE after REML);
    ``fitted() -> ndarray``: x beta + all random effects, per observation.
"""
