"""Look-alike of Mitton (2016)'s ``Country level data.dta -- PPP factor, exchange rate, official currency, WB GDP, rule of law; sorted by countrycode`` (see ``mitton_subnations.py``)."""
from mitton_subnations import country_level


def make():
    return country_level()
