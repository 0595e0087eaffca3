"""Look-alike of the 2013 wave of the Danish municipal election survey replication file (see
``make_dk_municipal_survey``): ``muni``, ``treatment``, ``power_may`` and ``muni_res``."""
from make_dk_municipal_survey import build


def make():
    return build(11764, False)
