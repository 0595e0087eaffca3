"""Look-alike of the BITSS citations study's ``citation_counts.csv -- Web of Science citation flows`` (see ``bitss_citations.py``)."""
from bitss_citations import citation_counts


def make():
    return citation_counts()
