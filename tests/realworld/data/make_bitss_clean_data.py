"""Look-alike of the BITSS citations study's ``citations_clean_data.csv -- coded articles`` (see ``bitss_citations.py``)."""
from bitss_citations import clean_data


def make():
    return clean_data()
