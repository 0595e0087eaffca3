"""The estimation-results layer: what every estimation command leaves behind and what
every postestimation command reads, for any model.

- ``results``      ``EstimationResults`` (Stata's ``e()``: scalars, macros, matrices, the
                   result object to replay, the engine's fit object, the sample, the
                   fixed-effects design) and ``Coefficients`` (b, V and their names: the
                   one way to read ``e(b)``/``e(V)``)
- ``active``       the active and the stored estimates: ``require(session, allowed)``
                   (Stata's r(301)/r(321)), ``lookup``, ``store``, names with wildcards
- ``criteria``     information criteria of a result set (``estat ic``, ``estimates stats``,
                   ``estimates table, stats(aic bic)``)
- ``tables``       the ``estimates table`` result over several result sets
- ``rows``         the data in memory seen by a fit: e(sample) and random-effects groups in
                   the current row order, the fixed design on every row (``PredictionRows``)
- ``interface``    the Protocols every engine's fit object implements (``EstimationFit``,
                   ``MultilevelFit``)

Below the command handlers, above the engines: nothing here prints or parses a command
line, and engines never import it (they implement ``interface`` structurally).
"""
