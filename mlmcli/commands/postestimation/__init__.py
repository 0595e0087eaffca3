"""Postestimation commands for every estimation command: ``estat``, ``estimates``,
``predict``, ``lrtest``, ``test``/``testparm``/``lincom``, ``ereturn``/``return``/``matrix list``.

They only dispatch: the numbers come from the estimation layer (``mlmcli.estimation``:
active and stored results, b and V, information criteria, the sample) and from
methods of the fit object (``mlmcli.estimation.interface``); computations live in
``mlmcli.postest`` and the engines, layouts in ``mlmcli.render``.
"""
