"""Look-alike of one imputed dataset of the IQB-Bildungstrend 2015 teacher-grading project
(``impData<k>.dta``): pupils in the classes of German teachers ``idteach_d_FDZ1``, the German
grade ``trnotedeu_r`` stored as a string ("1" best ... "5"), the orthography score
``wle_ortho`` and its class mean ``wle_orthoM``, cognitive ability ``BEFKIwle``, effort
``AnstrB``, gender ``TR_geschlecht``, special needs ``TR_SPF_r``, parental education
``FHBAm``/``UNIm``, migration ``mig``, the class's school type ``GY`` and composition
(``Pspfges``, ``SuS_KL``, ``AntMig``, ``AntMaed_KL``), ``SysMod``, teacher covariates
(``Lgender``, ``Llja_FDZ`` years in the job, ``querFremdYes`` career changer), the interactions
``intGeschFHBA``, ``intGeschUni``, ``intKompFHBA``, ``intKompUni``, teacher-pupil gender match
``LS_gender`` and the teacher-level weight ``wgt_L`` (constant within teacher)."""
import numpy as np

from lookalike import LookAlike


def make():
    d = LookAlike(seed=2715)
    ids = d.nested(("teacher", 70), (None, (10, 22)))
    teacher = ids["teacher"]
    d.columns.pop("teacher"); d.types.pop("teacher")
    d.put("idteach_d_FDZ1", 100000 + 37 * teacher, "long")
    gy = d.group_constant(teacher, d.binary(0.4))
    ortho = np.round(d.normal(0, 1) + 0.5 * gy + d.effect(teacher, 0.3), 3)
    befki = np.round(0.5 * ortho + d.normal(0, 0.9), 3)
    effort = np.round(np.clip(2.9 + 0.2 * ortho + d.normal(0, 0.5), 1, 4), 2)
    girl = d.binary(0.5)
    spf = d.binary(0.05)
    fhba = d.binary(0.2)
    uni = d.binary(0.25) * (1 - fhba)
    mig = d.binary(0.3)
    lgender = d.group_constant(teacher, d.binary(0.75))
    latent = -1.0 * ortho - 0.3 * befki - 0.5 * effort - 0.3 * girl + 0.4 * spf - 0.1 * uni \
        + d.effect(teacher, 0.5)
    grade = d.ordinal(latent, [-3.2, -1.4, 0.4, 2.2], [1, 2, 3, 4, 5])
    d.put("trnotedeu_r", np.array([str(int(g)) for g in grade], dtype=object), "str1")
    d.put("wle_ortho", ortho, "double")
    d.put("BEFKIwle", befki, "double")
    d.put("AnstrB", effort, "double")
    d.put("TR_geschlecht", girl, "byte")
    d.put("TR_SPF_r", spf, "byte")
    d.put("FHBAm", fhba, "byte")
    d.put("UNIm", uni, "byte")
    d.put("mig", mig, "byte")
    d.put("GY", gy, "byte")
    uniq, inverse = np.unique(teacher, return_inverse=True)
    def class_mean(v):
        return (np.bincount(inverse, v) / np.bincount(inverse))[inverse]
    d.put("Pspfges", np.round(class_mean(spf), 4), "double")
    d.put("SuS_KL", np.bincount(inverse)[inverse], "byte")
    d.put("wle_orthoM", np.round(class_mean(ortho), 4), "double")
    d.put("AntMig", np.round(class_mean(mig), 4), "double")
    d.put("AntMaed_KL", np.round(class_mean(girl), 4), "double")
    d.put("SysMod", d.group_constant(teacher, d.binary(0.3)), "byte")
    d.put("Lgender", lgender, "byte")
    d.put("Llja_FDZ", d.group_constant(teacher, d.uniform_int(1, 38)), "byte")
    d.put("querFremdYes", d.group_constant(teacher, d.binary(0.1)), "byte")
    d.put("intGeschFHBA", girl * fhba, "byte")
    d.put("intGeschUni", girl * uni, "byte")
    d.put("intKompFHBA", np.round(ortho * fhba, 3), "double")
    d.put("intKompUni", np.round(ortho * uni, 3), "double")
    d.put("LS_gender", (girl == lgender).astype(int), "byte")
    d.put("wgt_L", np.round(d.group_constant(teacher, np.exp(d.normal(0, 0.4)) * 8), 4), "double")
    return d.dataset()
