"""High School and Beyond as an Excel sheet read with ``import excel, firstrow``: the
school id ``id`` is text (the file later ``destring``s it); the real data from ../shared."""
from lookalike import from_frame, hsb_students
from registry import shared_dir  # noqa: F401  (needs ../shared)


def make():
    d = hsb_students().rename(columns={"schoolid": "id"})
    d["id"] = d["id"].astype(str)
    return from_frame(d[["id", "minority", "female", "ses", "mathach", "size", "sector", "pracad",
                         "disclim", "himinty", "meanses"]], types={"id": "str4"})
