"""High School and Beyond as Rabe-Hesketh & Skrondal's ``hsb.dta`` (MLMUS3, ch. 3-4):
the real 7,185 students in 160 schools from ../shared (hsbmerged.csv), their names."""
from lookalike import from_frame, hsb_students
from registry import shared_dir  # noqa: F401  (needs ../shared)


def make():
    d = hsb_students()
    return from_frame(d, types={"schoolid": "int", "minority": "byte", "female": "byte", "size": "int",
                                "sector": "byte", "himinty": "byte"},
                      var_labels={"mathach": "math achievement", "ses": "socioeconomic status",
                                  "sector": "1: Catholic, 0: public"},
                      label="High School and Beyond")
