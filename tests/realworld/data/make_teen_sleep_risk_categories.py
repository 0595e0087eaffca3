"""Look-alike of ``risk_categories_pre_eligiblity_complete.dta``: one row per screened
adolescent (``ID``), the depression score ``CDRS``, five 0/1 risk domains ``emo_risk``
``cog_risk`` ``beh_risk`` ``soc_risk`` ``phys_risk`` (in this order, as the history's
``emo_risk-risk_count`` and ``CDRS-risk_count_3cat`` ranges need), their count ``risk_count``
(1-5: every adolescent screened in has one) and a ``_merge`` left from an earlier merge."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2905)
    d.rows(180)
    d.put("ID", np.arange(1, 181), "int")
    d.put("CDRS", np.clip(np.round(d.normal(38, 10)), 17, 85), "byte")
    risks = []
    for name, p in (("emo_risk", 0.55), ("cog_risk", 0.4), ("beh_risk", 0.35), ("soc_risk", 0.3),
                    ("phys_risk", 0.45)):
        risks.append(d.put(name, d.binary(p), "byte"))
    count = np.sum(risks, axis=0)
    count = np.where(count == 0, 1, count)
    d.put("risk_count", count, "byte")
    d.put("_merge", 3, "byte", value_labels={1: "master only (1)", 2: "using only (2)", 3: "matched (3)"})
    return d.dataset()
