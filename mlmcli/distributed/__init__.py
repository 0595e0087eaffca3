"""Beyond one machine: the grouped reductions of lazy data on a Dask cluster.

``dask_sums``: a nested mixed model's per-group cross-products as a Dask map-reduce
(``set dask threads|local [#]|tcp://host:port``); the engine's fit is unchanged.
Needs the optional ``dask[dataframe]`` and ``distributed`` packages
(``pip install 'mlmcli[distributed]'``).
"""
