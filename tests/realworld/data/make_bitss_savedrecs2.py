"""Look-alike of the BITSS citations study's ``savedrecs2.xls -- articles without a DOI match`` (see ``bitss_citations.py``)."""
from bitss_citations import saved_records


def make():
    return saved_records(2)
