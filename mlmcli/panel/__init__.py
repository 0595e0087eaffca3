"""Linear models for panel data (``xtreg``): the one-way error-components model

    y_it = alpha + x_it b + u_i + e_it,     i = 1..n panels, t = 1..T_i

fitted by the within (``fe``), between (``be``), GLS random-effects (``re``) and ML
random-effects (``mle``) estimators, as Stata's [XT] xtreg Methods and formulas
define them, plus the Breusch-Pagan LM test of Var(u_i) = 0 (``xttest0``).

Modules: ``groups`` (panel membership and per-panel sums), ``goodness_of_fit`` (the
three R-squareds), ``within``, ``between``, ``gls`` (the random-effects transform and
the Swamy-Arora variance components), ``maximum_likelihood`` (the Gaussian likelihood,
its gradient and Hessian), ``fit`` (``PanelFit``, what the command stores and
``predict`` uses), ``lm_test`` (xttest0).  Engines never print.
"""
