"""SPost13 ``fitstat``'s table: fitstat.ado 4.1.10 lists its measures with
``matlist, twidth(24) format(%11.3f)``, one column named after e(cmd), rows grouped under
their equation names (Log-likelihood, Chi-square, R2, IC, Variance of):

```
(blank)
                         |       logit
-------------------------+------------
Log-likelihood           |
                   Model |    -452.724
...
```
Row names keep fitstat's labels as Stata's matrix row names print them (a parenthesised part
without blanks is joined to the word before it: ``LR(df=8)``, ``McFadden(adjusted)``, as in
SPost13's logs); a measure the model lacks is left out.
"""
from __future__ import annotations

from mlmcli.render.numfmt import format_number

TWIDTH = 24
WIDTH = 11


def _labels(values: dict, ic: bool) -> list[tuple[str, str, str]]:
    """(measure, equation, row name) in fitstat's print order."""
    dev_df, x2_df, bic_k = (_integer(values.get(k)) for k in ("dev_df", "x2_df", "bic_k"))
    if ic:
        return [("aic", "AIC", "AIC"), ("aicbyn", "AIC", "(divided by N)"), ("bic", "BIC", f"BIC(df={bic_k})"),
                ("bic_dev", "BIC", "BIC (based on deviance)"), ("bic_p", "BIC", "BIC' (based on LRX2)")]
    return [("ll", "Log-likelihood", "Model"), ("ll_0", "Log-likelihood", "Intercept-only"),
            ("dev", "Chi-square", f"Deviance(df={dev_df})"), ("lrx2", "Chi-square", f"LR(df={x2_df})"),
            ("waldx2", "Chi-square", f"Wald(df={x2_df})"), ("x2p", "Chi-square", "p-value"),
            ("r2", "R2", "R2"), ("r2_adj", "R2", "Adjusted R2"), ("r2_mf", "R2", "McFadden"),
            ("r2_mfadj", "R2", "McFadden(adjusted)"), ("r2_mz", "R2", "McKelvey & Zavoina"),
            ("r2_ml", "R2", "Cox-Snell/ML"), ("r2_cu", "R2", "Cragg-Uhler/Nagelkerke"), ("r2_ef", "R2", "Efron"),
            ("tjur", "R2", "Tjur's D"), ("r2_ct", "R2", "Count"), ("r2_ctadj", "R2", "Count(adjusted)"),
            ("aic", "IC", "AIC"), ("aicbyn", "IC", "AIC divided by N"), ("bic", "IC", f"BIC(df={bic_k})"),
            ("Verr", "Variance of", "e"), ("Vystar", "Variance of", "y-star")]


def _integer(value) -> str:
    return "." if value is None or value != value else format_number(float(value), "%12.0g").strip()


def render_fitstat(values: dict, column: str, *, ic: bool = False, robust_note: bool = False) -> str:
    rule = "-" * (TWIDTH + 1) + "+" + "-" * (WIDTH + 1)
    out = ["", (" " * (TWIDTH + 1) + "| " + column[:WIDTH].rjust(WIDTH)).rstrip(), rule]
    current = None
    for key, eq, name in _labels(values, ic):
        value = values.get(key)
        if value is None or value != value:
            continue
        if eq != current:
            if current is not None:
                out.append(rule)
            out.append(eq.ljust(TWIDTH + 1) + "|")
            current = eq
        out.append(name.rjust(TWIDTH) + " | " + format_number(float(value), "%11.3f").rjust(WIDTH))
    if robust_note:
        out += ["", "Note: Some measures based on pseudolikelihoods."]
    return "\n".join(out)
