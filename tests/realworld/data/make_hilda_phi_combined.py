"""Look-alike of a HILDA combined extract of waves 9, 13 and 17 (``HILDA-combined-09-17``):
persons (``waveid``) observed in up to three waves (``wave`` 9/13/17), private health insurance
status as indicator sets (``WithoutCover``/``HospitalCover``/``ExtrasCover``/``BothCover``,
``phi_status`` 1-4), ``secondary_care``, annual health spending ``expenditure_annual``, the
premium and hospital-payment items ``hxyhlpi``/``hxyphmi``, out-of-pocket spending ``oop``
(zero for about a third), the SF-6D utility ``sf6d``, two financial-stress factor scores, and
the dummy sets of state, remoteness, SEIFA decile, income, education, marital status and
employment the models use."""
import numpy as np

from lookalike import LookAlike


def _dummies(d, names, probs, ids=None):
    """One 0/1 variable per name from a categorical draw (constant within ``ids`` if given)."""
    cat = d.categorical(probs, list(range(len(names))))
    if ids is not None:
        cat = d.group_constant(ids, cat)
    for k, name in enumerate(names):
        d.put(name, (cat == k).astype(int), "byte")
    return cat


def make():
    d = LookAlike(seed=2017)
    ids, wave = d.panel("waveid", 1200, [9, 13, 17], "wave", dropout=0.25)
    d.put("waveid", ids, "long")
    d.put("wave", wave, "byte")
    age0 = d.group_constant(ids, d.uniform_int(18, 85))
    age = age0 + (wave - 9)
    d.put("hgage", age, "int")
    d.put("age_squared", age * age, "long")
    male = d.group_constant(ids, d.binary(0.48))
    d.put("Male", male, "byte")
    d.put("immigrant", d.group_constant(ids, d.binary(0.25)), "byte")
    _dummies(d, ["NSW", "VIC", "QLD", "SA", "WA", "TAS", "NT", "ACT"],
             [0.32, 0.25, 0.2, 0.07, 0.1, 0.02, 0.01, 0.03], ids)
    _dummies(d, ["MajorCity", "InnerRegion", "OuterRegional", "Remote"], [0.6, 0.25, 0.12, 0.03], ids)
    seifa = d.group_constant(ids, d.uniform_int(1, 10))
    d.put("seifa", seifa, "byte")
    for k in range(2, 11):
        d.put(f"seifa{k}", (seifa == k).astype(int), "byte")
    income = _dummies(d, ["Vlowincome", "Lowincome", "Mediumincome", "Highincome", "Vhighincome"],
                      [0.2] * 5)
    _dummies(d, ["School", "Certificate", "Dipl", "Bach", "edu_missing"], [0.4, 0.25, 0.1, 0.23, 0.02], ids)
    _dummies(d, ["Married", "Defacto", "SeparatedDivorced", "Widowed", "NeverMarriedDefacto",
                 "marital_missing"], [0.5, 0.12, 0.1, 0.06, 0.2, 0.02])
    _dummies(d, ["Employee", "EmployerSelf", "employment_missing"], [0.8, 0.17, 0.03])
    phi = d.categorical([0.45, 0.08, 0.1, 0.37])
    d.put("phi_status", phi, "byte", value_labels={1: "Without cover", 2: "Hospital only",
                                                   3: "Extras only", 4: "Both"})
    for k, name in enumerate(["WithoutCover", "HospitalCover", "ExtrasCover", "BothCover"], start=1):
        d.put(name, (phi == k).astype(int), "byte")
    sec = d.binary(0.3)
    d.put("secondary_care", sec, "byte")
    u = d.effect(ids, 0.5)
    spend = np.round(np.exp(6 + 0.01 * (age - 50) + 0.6 * sec + u + d.normal(0, 0.8)), 0)
    d.put("expenditure_annual", spend, "double")
    d.put("hxyhlpi", np.where(phi == 1, 0, np.round(np.exp(d.normal(7.5, 0.5)), 0)), "double")
    d.put("hxyphmi", np.where(d.binary(0.85) == 1, 0, np.round(np.exp(d.normal(6, 1)), 0)), "double")
    oop = np.where(d.binary(0.35) == 1, 0, np.round(np.exp(5 + 0.3 * (phi > 1) + 0.5 * sec + u
                                                           + d.normal(0, 1)), 0))
    d.put("oop", oop, "double")
    d.put("sf6d", np.round(np.clip(0.78 - 0.003 * (age - 50) - 0.05 * sec + 0.02 * (phi == 4)
                                   + 0.4 * d.effect(ids, 0.1) + d.normal(0, 0.08), 0.3, 1), 3), "float")
    d.put("fa1_bill", np.round(0.3 * income * -1 + d.effect(ids, 0.5) + d.normal(0, 0.7), 4), "float")
    d.put("fa2_living", np.round(-0.2 * income + d.effect(ids, 0.5) + d.normal(0, 0.7), 4), "float")
    return d.dataset()
