"""Look-alike of the BITSS citations study's ``savedrecs.xls -- QJE 2009 articles`` (see ``bitss_citations.py``)."""
from bitss_citations import saved_records


def make():
    return saved_records(1)
