"""Look-alike of the analysis file of a study of rainfall variation and intimate partner
violence (ever-married women in a Demographic and Health Survey of India, in districts within
states; the do-file loads no data, so it is preloaded): four 0/1 outcomes (``anyviolence``,
``physicviolence``, ``sexviolence``, ``emoviolence``), the district-month rainfall deviation
``rainvar`` (negative and positive; its square ``rainvarsqr``; standardized ``stdrainvar``,
``stdrainvarsqr``), categorical covariates (``wealth`` quintile 1-5, ``wemploy``, ``informal``,
``residence`` 1-2, ``education`` 0-3, ``age`` groups 1-4, ``maryears`` 1-3, ``partnereduc``
0-3, ``bankaccount``, ``children`` 1-3, ``religion`` 1-4, ``drinkalcohl``), the survey
``year`` (two) and ``month``, ``state`` and ``district`` ids (district numbered across the
file), the precipitation zone ``prezon`` 1-7 of the district, and the women's-empowerment index
``wei_index`` with its square ``weisq`` and a standardized wealth score ``z_wealth``."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=3003)
    ids = d.nested(("state", 8), ("district", (5, 7)), (None, (26, 36)))
    state, district = ids["state"], ids["district"]
    year = d.group_constant(district, d.categorical([0.5, 0.5], [2015, 2019]))
    month = d.categorical([0.05, 0.1, 0.15, 0.15, 0.1, 0.05, 0.05, 0.05, 0.05, 0.1, 0.1, 0.05])
    rain = np.round(d.effect(district, 0.25) + d.normal(0, 0.08), 4)
    wealth = d.categorical([0.2] * 5)
    wemploy = d.binary(0.3)
    informal = d.binary(0.6)
    residence = d.categorical([0.35, 0.65])
    education = d.categorical([0.3, 0.15, 0.45, 0.1], [0, 1, 2, 3])
    age = d.categorical([0.2, 0.3, 0.3, 0.2])
    maryears = d.categorical([0.3, 0.4, 0.3])
    partnereduc = d.categorical([0.2, 0.15, 0.5, 0.15], [0, 1, 2, 3])
    bank = d.binary(0.55)
    children = d.categorical([0.2, 0.5, 0.3])
    religion = d.categorical([0.75, 0.14, 0.06, 0.05])
    drink = d.binary(0.25)
    wei = np.round(0.3 * wemploy + 0.1 * education + 0.2 * rain * wemploy + d.normal(0, 1), 4)
    z_wealth = np.round((wealth - 3) / 1.4 + d.normal(0, 0.3), 4)
    base = (-1.1 + 0.6 * rain - 0.15 * (wealth - 3) + 0.2 * wemploy + 0.5 * drink - 0.1 * education
            - 0.15 * wei + d.effect(state, 0.35) + d.effect(district, 0.3))
    d.put("anyviolence", d.bernoulli_logit(base), "byte")
    d.put("physicviolence", d.bernoulli_logit(base - 0.3), "byte")
    d.put("sexviolence", d.bernoulli_logit(base - 1.6), "byte")
    d.put("emoviolence", d.bernoulli_logit(base - 0.9), "byte")
    d.put("rainvar", rain, "float")
    d.put("rainvarsqr", rain ** 2, "float")
    std = (rain - rain.mean()) / rain.std()
    d.put("stdrainvar", std, "float")
    d.put("stdrainvarsqr", std ** 2, "float")
    for name, values in (("wealth", wealth), ("wemploy", wemploy), ("informal", informal),
                         ("residence", residence), ("education", education), ("age", age),
                         ("maryears", maryears), ("partnereduc", partnereduc), ("bankaccount", bank),
                         ("children", children), ("religion", religion), ("drinkalcohl", drink)):
        d.put(name, values, "byte")
    d.put("year", year, "int")
    d.put("month", month, "byte")
    d.put("prezon", d.group_constant(district, d.uniform_int(1, 7)), "byte")
    d.put("wei_index", wei, "float")
    d.put("weisq", wei ** 2, "float")
    d.put("z_wealth", z_wealth, "float")
    return d.dataset()
