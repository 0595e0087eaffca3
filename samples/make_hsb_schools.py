"""Write ``samples/data/hsb_schools.dta``: the school-level file of Raudenbush & Bryk's
High School and Beyond example (their HSB2 file; 160 schools).

``hsb.dta`` holds the student file with a ``meanses`` computed from the 7,185
students in the sample.  Raudenbush & Bryk's own school file carries MEANSES
centred over schools and rounded to three decimals; it differs from
``hsb.dta``'s ``meanses`` by about .006 in every school, which moves the
intercepts of their Tables 4.3 and 4.5 by .03.  ``samples/hsb.do`` merges this
file so that its estimates are the book's.

Source: the public ``hsbmerged.csv`` (students with school-level variables), in
the project's shared data folder.  Usage:
``python3 samples/make_hsb_schools.py [path/to/hsbmerged.csv] [OUTDIR]``.
"""
from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).resolve().parent
DEFAULT_SOURCE = HERE.parent.parent / "shared" / "data" / "stata" / "hsbmerged.csv"
LABELS = {
    "school": "School id",
    "size": "School enrollment",
    "pracad": "Proportion of students in the academic track",
    "disclim": "Disciplinary climate (scale)",
    "himinty": "1 = more than 40% minority enrollment",
    "MEANSES": "School mean SES, centred over schools (R&B's MEANSES)",
}


def make_schools(students: pd.DataFrame) -> pd.DataFrame:
    """One row per school; the school-level columns must be constant within school."""
    cols = ["size", "pracad", "disclim", "himinty", "meanses"]
    by = students.groupby("schoolid")[cols]
    if by.nunique().max().max() != 1:
        raise ValueError("school-level variables vary within a school")
    out = by.first().reset_index().rename(columns={"schoolid": "school", "meanses": "MEANSES"})
    return out.astype({"school": "int16", "size": "int16", "himinty": "int8"})


def main(argv: list[str]) -> int:
    source = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    outdir = Path(argv[2]) if len(argv) > 2 else HERE / "data"
    schools = make_schools(pd.read_csv(source))
    path = outdir / "hsb_schools.dta"
    schools.to_stata(path, write_index=False, version=118,
                     time_stamp=datetime.datetime(2002, 1, 1),
                     data_label="HSB school file (Raudenbush & Bryk 2002, ch. 4)",
                     variable_labels=LABELS)
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
