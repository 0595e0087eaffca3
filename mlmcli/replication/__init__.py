"""The bootstrap's machinery every command's ``vce(bootstrap, ...)`` (and the prefixes) share.
Its API is small and kept stable; nothing here prints or sees the Session.

``mlmcli.replication.draws``
    ``resampling_units(n, clusters=None, strata=None, size=None) -> ResamplingUnits``
        the units drawn (observations or clusters) within strata; size() checked (r(498)).
    ``draw(units, rng) -> Draw``  one bootstrap sample: ``rows``, ``codes`` (each drawn copy its
        own code: idcluster()), ``units``.
    ``bootstrap_replicates(estimate, units, reps, rng, k, progress=None) -> (reps x k)``
        ``estimate(rows, codes)`` per sample, NaN rows where it failed (``FAILED_FIT``) or was
        rejected (returned NaN); ``progress(ok)`` after each (the dots).
    ``codes_of(values)``, ``attempt(estimate, rows, codes, k)``, ``FAILED_FIT``.
``mlmcli.replication.summary``
    ``bootstrap_summary(replicates, observed, level=95, mse=False, ties=False, accel=None)
        -> results.bootstrap.BootstrapStatistics`` (_bs_sum: b_bs, bias, se, V, z0 and the
        normal, percentile, BC and BCa intervals);
    ``acceleration(jackknife_replicates, observed)`` (JKAccel); ``stata_percentile(x, p)``.
``mlmcli.replication.ereturn``
    ``bootstrap_matrices(stats, colnames)``, ``bootstrap_scalars(stats)``,
    ``bootstrap_macros(stats)``: what to post in e(); ``has_bootstrap_results(e)``,
    ``statistics_from_e(e)`` (estat bootstrap); ``full_columns(B, estimated, k)`` (replicates over
        e(b)'s base/omitted columns too).
``mlmcli.replication.replicate_dataset``
    ``replicate_dataset(replicates, colnames, observed, command=, cmdname=, seed=, n_obs=, ...)``
        -> Dataset with bootstrap.ado's characteristics; ``save_replicates(ds, saving)``;
        ``coefficient_variables(colnames)`` (the _b_x names).

The draws use mlm's random-number stream, not Stata's (docs/bootstrap_options.md).
"""
