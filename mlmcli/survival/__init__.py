"""Survival-time data: stset's analysis-time variables (``settings``) and the Cox
proportional-hazards partial likelihood (``cox``)."""
