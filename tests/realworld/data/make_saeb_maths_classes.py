"""Look-alike of a Brazilian student-teacher-school maths file in the SAEB / Prova Brasil
style: students in classes (``TURMA``) in schools (``ESCOLA``), maths score ``MT`` (about
250, sd 45), teachers' pedagogical-practice items ``IPP_G_1``-``IPP_G_7`` and ``IPP_MT_1``-
``IPP_MT_6`` (class level, 0/1 and 1-3 categories for multiple correspondence analysis),
household assets ``TV`` ... ``EMPR`` (0-2), 0/1 student variables (``GENERO``, ``RACA``,
``REPROV``, ``GOSTA_MT``), mutually exclusive mother/father schooling dummies
``ESC_*_MAE``/``ESC_*_PAI``, teacher variables (``LATO_PG``, ``STRICTO_PG``,
``EXP_ESCOLA_M5``, salary bands ``RENDA_*_PROF``) and school variables (``EXP_DIR_M5``,
``LOCALIZACAO``, ``DEPENDENCIA_ADM``)."""
import numpy as np

from lookalike import LookAlike


def _class_level(d, ids, draw):
    return d.group_constant(ids, draw)


def make():
    d = LookAlike(seed=13901)
    ids = d.nested(("ESCOLA", 60), ("TURMA", (1, 3)), (None, (12, 22)))
    school, klass = ids["ESCOLA"], ids["TURMA"]
    for k in range(1, 8):
        d.put(f"IPP_G_{k}", _class_level(d, klass, d.categorical([0.3, 0.7], [0, 1])), "byte")
    for k in range(1, 7):
        d.put(f"IPP_MT_{k}", _class_level(d, klass, d.categorical([0.2, 0.5, 0.3])), "byte")
    wealth = d.effect(school, 0.6) + d.normal(0, 0.8)
    for name in ("TV", "GELADEIRA", "FREEZER", "MAQ", "CARRO", "COMP", "BANHO", "EMPR"):
        d.put(name, np.clip(np.round(0.8 + 0.6 * wealth + d.normal(0, 0.7)), 0, 2), "byte")
    genero, raca = d.binary(0.5), d.binary(0.45)
    reprov, gosta = d.binary(0.25), d.binary(0.6)
    for name, v in (("GENERO", genero), ("RACA", raca), ("REPROV", reprov), ("GOSTA_MT", gosta)):
        d.put(name, v, "byte")
    for parent in ("MAE", "PAI"):
        level = d.categorical([0.35, 0.2, 0.2, 0.15, 0.1], [0, 1, 2, 3, 4])
        for k, stub in enumerate(("ESC_MENOS_8_9", "ESC_MENOS_EM", "ESC_MENOS_ES", "ESC_ES"), 1):
            d.put(f"{stub}_{parent}", (level == k).astype(int), "byte")
    for name, p in (("LATO_PG", 0.4), ("STRICTO_PG", 0.08), ("EXP_ESCOLA_M5", 0.35)):
        d.put(name, _class_level(d, klass, d.binary(p)), "byte")
    band = _class_level(d, klass, d.categorical([0.1, 0.3, 0.3, 0.2, 0.1], [0, 1, 2, 3, 4]))
    for k, name in enumerate(("RENDA_1E3_PROF", "RENDA_3E4_PROF", "RENDA_4E7_PROF", "RENDA_7_PROF"), 1):
        d.put(name, (band == k).astype(int), "byte")
    for name, p in (("EXP_DIR_M5", 0.4), ("LOCALIZACAO", 0.85), ("DEPENDENCIA_ADM", 0.9)):
        d.put(name, _class_level(d, school, d.binary(p)), "byte")
    mt = (240.0 + 8.0 * genero - 6 * raca - 20 * reprov + 10 * gosta + 12 * wealth
          + d.effect(school, 22) + d.effect(klass, 10) + d.normal(0, 38))
    d.put("MT", np.round(mt, 2), "double")
    return d.dataset()
