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
``fit_mixed(spec: MixedSpec, on_iteration=None) -> MixedFit``  (``mlmcli.mixed.estimate``;
``mlmcli.mixed.fit.fit_mixed`` fits i.i.d. errors only)
    Fits by ML or REML (``spec.method``).  ``on_iteration(i, loglik)`` is called
    per optimizer iteration.  Raises ``StataError`` for: no observations (2000),
    REML with pweights or vce(robust/cluster) (198), vce(robust) or higher-level
    weights with non-nested terms (198/459), clusters that split highest-level
    groups (459), an empty random-effects equation (198), an infeasible
    likelihood such as a perfect fit or collinear X (1400), a crossed design whose
    second block exceeds ``blocked_cholesky.DENSE_LIMIT`` columns with a term of
    more than one column there (909; scalar terms get a sparse factor,
    ``sparse_schur.SparseSchur``), BLUPs of such a sparse design (909).  Non-convergence (``spec.iterate`` reached) is reported in
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
    ``residual_covariance(rows)``: R over the observations ``rows`` (sigma^2 I here);
    ``within_covariance(rows, correlation=False)``: V = sum_k Z_k G_k Z_k' + R over
    ``rows`` (``estat wcorrelation``; ``within_group.cluster_rows(fit, g)`` gives the
    rows of highest-level group g);
    ``small_sample(method, information="eim") -> SmallSampleInference`` (below).

Residual-error structures (Stata's ``residuals()``; ``residual_covariance``,
``residual_fit``, ``residual_inference``)
    ``MixedSpec.residuals: ResidualSpec | None``: ``kind`` (independent, exchangeable,
    ar, ma, unstructured, banded, toeplitz, exponential), ``order`` (the ``#``;
    None = Stata's default), ``t``/``t_name`` (t() values per observation), ``by``
    (int codes 0..K-1 in sorted order of the by() values) / ``by_name`` /
    ``by_labels`` (value labels or values, as Stata prints the groups).  The panels
    are the groups of the lowest term, which may have no columns (``|| id:,
    noconstant``: an R-only model).  ``fit_mixed`` then returns a
    ``StructuredResidualFit`` (a MixedFit): ``phi`` = (random-effects lns/atr,
    ``lnsig_e``, then the structure's parameters ``s`` in Stata's metric), e(b)
    names ``r_lns2ose``, ``r_lns<g>_<i>ose``, ``r_atr<g>``, ``r_phi<g>_<k>``,
    ``r_att<g>``, ``r_theta<g>_<k>``, ``r_atr<g>_<k>``, ``r_atr<g>_<i>_<j>``,
    ``r_logitr<g>`` (sources in ``residual_covariance``); ``result()`` fills
    ``MixedResult.residual_blocks`` (metric -> ``ResidualBlock``: title ``AR(1)``...,
    by variable, rows ``phi1``/``var(e)``/``0: var(e)``/``cov(e1,e2)``...), keeps
    ``residual`` as the reference variance ``var(e)``, and counts every parameter but
    lnsig_e in the LR test vs. the linear model; ``scalars()`` adds ``k_res``;
    ``residual_macros()`` gives e(rstructure) e(rstructlab) e(res_order) e(timevar)
    e(rbyvar) e(rglabels); ``blups()``/``fitted()`` as for i.i.d. errors (empty
    predictions for a term without columns); ``standardized_residuals()`` =
    L_j^-1 (y_j - fitted_j) / sigma (``predict, rstandard``).  Refused (StataError):
    t() missing where required (198), non-integer t for ar/ma/toeplitz/unstructured/
    banded (198), repeated t within a panel (451), by() not constant within panels
    for structures other than independent (459), an order out of range (198),
    weights (101), vce(robust|cluster) (198), crossed random effects (198), no
    random-effects equation (198).

Small-sample inference (Stata 14's ``dfmethod()``; ``small_sample``)
    ``SmallSampleInference(fit, method, information)``: ``method`` residual | repeated
    (two-level models) | anova | satterthwaite | kroger (both REML only; ``information``
    eim, Stata's default, or oim, lmerTest's).  ``df`` per estimable coefficient;
    ``V`` the V(beta) of the t/F statistics (Kenward-Roger's adjusted Phi_A for
    kroger); ``rows(level)`` -> CoefRow (``stat`` = t, ``df``, P>|t| and CI from t);
    ``test(L, r=None)`` -> FTest(F, df1, df2, p) for L b = r (Fai-Cornelius DF for
    satterthwaite, KR's scaled F and DF for kroger, the smallest coefficient DF
    otherwise); ``df_matrix()`` -> e(df).  Refused: ML with satterthwaite/kroger
    (198), vce(robust) (198), repeated beyond two levels (198), weights with
    satterthwaite/kroger (101), a crossed design over 5000 observations (909).
"""
