"""Look-alike of the BITSS citations study's ``savedrecs3.xls -- straggler records`` (see ``bitss_citations.py``)."""
from bitss_citations import saved_records


def make():
    return saved_records(3)
