"""High School and Beyond as Singer's (1998) ``hsb12`` file (UCLA's copy): the real 7,185
students in 160 schools from ../shared, with the school id ``school``, group-centred SES
``cses`` and the two cross-level products ``meansesBYcses`` and ``sectorBYcses``."""
from lookalike import from_frame, hsb_students
from registry import shared_dir  # noqa: F401  (needs ../shared)


def make():
    d = hsb_students().rename(columns={"schoolid": "school"})
    d["cses"] = d["ses"] - d.groupby("school")["ses"].transform("mean")
    d["meansesBYcses"] = d["meanses"] * d["cses"]
    d["sectorBYcses"] = d["sector"] * d["cses"]
    return from_frame(d, types={"school": "int", "minority": "byte", "female": "byte", "size": "int",
                                "sector": "byte", "himinty": "byte"},
                      label="High School and Beyond, Singer 1998")
