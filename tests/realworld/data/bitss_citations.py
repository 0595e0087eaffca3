"""Shared look-alike of the BITSS data-sharing-and-citations study's economics files (see the
``make_bitss_*`` generators): articles of the AER and the QJE 2001-2010 (``doi``, the AER's
May Papers & Proceedings issues among them), their coded data availability, data type, topic
and authors' best institution rank (``citations_clean_data.csv``, read by insheet: numbers
coded "NA" stay strings), Web of Science citation flows by year for all but the QJE's 2009
articles (``citation_counts.csv``: ``citations`` = 2001, ``v10``-``v26`` = 2002-2018, a few
"No DOI" rows and other journals), and three Web of Science exports of the QJE 2009 articles
and some stragglers (``savedrecs*.xls``: 21 named columns A-U, 101 unnamed columns V-DR that
firstrow names by letter, and the yearly counts 2001-2017 in DS-EI).  Data and code posted
after the AER's March 2005 policy raise availability; availability raises citations a little.
Edit this module, then delete ``data/cache/bitss_*`` (registry.py hashes only the generator)."""
import string

import numpy as np

from lookalike import LookAlike

TOPICS = ["Microeconomics", "Macroeconomics and Monetary Economics", "Labor and Demographic Economics",
          "Health, Education, and Welfare", "International Economics", "Financial Economics", "Economic History",
          "skip"]
DATA_TYPES = ["experimental", "no_data", "observational", "simulations", "skip"]
REFERENCE = [f"reference_{w}_{k}_{s}" for k in ("partial", "full") for w in ("code", "data", "files")
             for s in ("strict", "easy")]
NAMED = ["Title", "Authors", "CorporateAuthors", "Editors", "BookEditors", "SourceTitle", "PublicationDate",
         "PublicationYear", "Volume", "Issue", "PartNumber", "Supplement", "SpecialIssue", "BeginningPage",
         "EndingPage", "ArticleNumber", "DOI", "ConferenceTitle", "ConferenceDate", "TotalCitations",
         "AverageperYear"]


def _letters(first: int, last: int) -> list[str]:
    """Excel column names of columns first..last (1-based)."""
    out = []
    for k in range(first, last + 1):
        name, n = "", k
        while n:
            n, r = divmod(n - 1, 26)
            name = string.ascii_uppercase[r] + name
        out.append(name)
    return out


UNNAMED = _letters(22, 122)   # V .. DR
YEARS = _letters(123, 139)    # DS .. EI: 2001 .. 2017


def _articles():
    """(journal, year, issue month, doi, quality) of every article, fixed by the seed."""
    rng = np.random.default_rng(5501)
    rows = []
    for journal, per_year in (("aer", 70), ("qje", 40)):
        for year in range(2001, 2011):
            for k in range(per_year):
                month = int(rng.choice([3, 5, 6, 9, 12])) if journal == "aer" else int(rng.choice([2, 5, 8, 11]))
                doi = (f"10.1257/aer.{year - 1910}.{month}.{100 + k}" if journal == "aer"
                       else f"10.1162/qjec.{year}.{year - 1885}.{month}.{200 + k}")
                rows.append((journal, year, month, doi, float(rng.normal(0, 1))))
    return rows


def _flows(rng, year, level, first=2001, last=2018):
    """Citations in each calendar year first..last of an article published in year."""
    out = []
    for cal in range(first, last + 1):
        age = cal - year
        mu = 0.0 if age < 0 else np.exp(level) * (1 + age) * np.exp(-age / 9)
        out.append(float(rng.poisson(mu)))
    return out


def _availability(journal, year, month, quality, rng):
    post = (year, month) > (2005, 3)
    p = 0.08 + (0.55 if journal == "aer" and post else 0.0) + 0.05 * (year - 2001) / 9
    u = rng.random()
    return "files" if u < p else ("data" if u < p + 0.08 else "none")


def clean_data():
    arts = _articles()
    d = LookAlike(seed=5502)
    rng = d.rng
    journal, date, dtype, title, cites, doi, avail, availext, topic, rank = ([] for _ in range(10))
    refs = {name: [] for name in REFERENCE}
    for (j, year, month, doi_, q) in arts:
        a = _availability(j, year, month, q, rng)
        level = 1.8 + 0.5 * q + (0.15 if a == "files" else 0.0)
        total = sum(_flows(rng, year, level, 2001, 2017))
        journal.append(j)
        date.append(f"{year}/{month:02d}/01")
        dtype.append(str(rng.choice(DATA_TYPES, p=[0.1, 0.35, 0.45, 0.07, 0.03])))
        title.append(f"Article {doi_[-9:]}")
        cites.append("NA" if rng.random() < 0.02 else str(int(total)))
        doi.append(doi_)
        avail.append(a)
        availext.append(a if rng.random() < 0.9 else "none")
        topic.append(str(rng.choice(TOPICS, p=[0.25, 0.18, 0.15, 0.1, 0.12, 0.1, 0.05, 0.05])))
        rank.append(float(rng.integers(1, 101)) if rng.random() < 0.8 else 125.0)
        for name in REFERENCE:
            refs[name].append("NA" if rng.random() < 0.05 else str(int(rng.random() < (0.4 if a != "none" else 0.1))))
    for k, text in enumerate(["Notes from the Editor", "Errata to an article", "Erratum"]):
        journal.append("aer"), date.append("2004/03/01"), dtype.append("no_data"), title.append(text)
        cites.append("0"), doi.append(f"10.1257/aer.94.3.{900 + k}"), avail.append("none"), availext.append("none")
        topic.append("skip"), rank.append(125.0)
        for name in REFERENCE:
            refs[name].append("NA")
    title[0], doi[0] = "TITLE OF ARTICLE THREE", "10.1257/aer.98.1.474"
    d.rows(len(doi))
    d.put("journal", np.array(journal, dtype=object), "str3")
    d.put("publication_date", np.array(date, dtype=object), "str10")
    d.put("data_type", np.array(dtype, dtype=object), "str13")
    d.put("title", np.array(title, dtype=object), "str40")
    d.put("citation_count", np.array(cites, dtype=object), "str4")
    d.put("doi", np.array(doi, dtype=object), "str32")
    d.put("availability", np.array(avail, dtype=object), "str5")
    d.put("availability_fileext", np.array(availext, dtype=object), "str5")
    for name in REFERENCE:
        d.put(name, np.array(refs[name], dtype=object), "str2")
    d.put("topic", np.array(topic, dtype=object), "str37")
    d.put("top_rank", np.array(rank), "int")
    return d.dataset()


def citation_counts():
    arts = [a for a in _articles() if not (a[0] == "qje" and a[1] == 2009)]
    d = LookAlike(seed=5503)
    rng = d.rng
    rows = []
    for (j, year, month, doi_, q) in arts:
        flows = _flows(rng, year, 1.8 + 0.5 * q)
        name = "American Economic Review" if j == "aer" else "Quarterly Journal of Economics"
        rows.append((name, doi_, flows))
    for k in range(6):
        rows.append(("Journal of Political Economy", f"10.1086/jpe.{k}", _flows(rng, 2004, 1.5)))
    for k in range(3):
        rows.append(("American Economic Review", "No DOI", _flows(rng, 2003, 1.5)))
    d.rows(len(rows))
    d.put("journalname", np.array([r[0] for r in rows], dtype=object), "str30")
    d.put("doi", np.array([r[1] for r in rows], dtype=object), "str32")
    d.put("totalcitations", np.array([sum(r[2]) for r in rows]), "int")
    d.put("citations", np.array([r[2][0] for r in rows]), "int")
    for k in range(10, 27):
        d.put(f"v{k}", np.array([r[2][k - 9] for r in rows]), "int")
    return d.dataset()


def saved_records(part: int):
    """One Web of Science export: part 1 the QJE 2009 articles, 2 three without a DOI match,
    3 stragglers (three AER duplicates the do-file drops)."""
    arts = _articles()
    d = LookAlike(seed=5510 + part)
    rng = d.rng
    if part == 1:
        chosen = [a for a in arts if a[0] == "qje" and a[1] == 2009][:38]
        rows = [(a[3], "QUARTERLY JOURNAL OF ECONOMICS", a) for a in chosen]
        rows.append(("", "QUARTERLY JOURNAL OF ECONOMICS", ("qje", 2009, 5, "", 0.0)))  # DOI filled by title
        rows.append(("10.1162/qjec.2008.123.4.1329", "QUARTERLY JOURNAL OF ECONOMICS", ("qje", 2008, 11, "", 0.2)))
        rows.append(("10.1162/qjec.2009.124.4.9999", "QUARTERLY JOURNAL OF ECONOMICS", ("qje", 2009, 11, "", 0.1)))
    elif part == 2:
        chosen = [a for a in arts if a[0] == "qje" and a[1] == 2009][38:40]
        rows = [(a[3], "QUARTERLY JOURNAL OF ECONOMICS", a) for a in chosen]
        rows.append(("10.1162/qjec.2009.124.3.9998", "QUARTERLY JOURNAL OF ECONOMICS", ("qje", 2009, 8, "", 0.0)))
    else:
        rows = [(d_, "AMERICAN ECONOMIC REVIEW", ("aer", 2008, 3, "", 0.0))
                for d_ in ("10.1257/aer.98.1.567", "10.1257/aer.992.343", "10.1257/aer/98.2.224")]
        rows += [(f"10.1257/aer.99.{k}.{700 + k}", "AMERICAN ECONOMIC REVIEW", ("aer", 2009, 5, "", 0.0)) for k in range(12)]
    n = len(rows)
    d.rows(n)
    titles = [f"Record {k + 1}" for k in range(n)]
    if part == 1:
        titles[-3], titles[-2] = "TITLE OF ARTICLE ONE", "TITLE OF ARTICLE TWO"
    flows = np.array([_flows(rng, a[1], 1.6 + 0.5 * a[4], 2001, 2017) for (_, _, a) in rows])
    for name in NAMED:
        if name == "Title":
            d.put(name, np.array(titles, dtype=object), "str40")
        elif name == "DOI":
            d.put(name, np.array([r[0] for r in rows], dtype=object), "str32")
        elif name == "SourceTitle":
            d.put(name, np.array([r[1] for r in rows], dtype=object), "str30")
        elif name == "PublicationDate":
            d.put(name, np.array([["JAN", "MAY", "AUG", "NOV"][k % 4] for k in range(n)], dtype=object), "str3")
        elif name == "PublicationYear":
            d.put(name, np.array([float(a[1]) for (_, _, a) in rows]), "int")
        elif name == "TotalCitations":
            d.put(name, flows.sum(axis=1), "int")
        elif name == "AverageperYear":
            d.put(name, np.round(flows.sum(axis=1) / 9, 2), "double")
        elif name in ("Volume", "Issue", "BeginningPage", "EndingPage"):
            d.put(name, rng.integers(1, 900, n).astype(float), "int")
        else:
            d.put(name, np.array([""] * n, dtype=object), "str1")
    for name in UNNAMED:
        d.put(name, np.full(n, np.nan), "byte")
    for k, name in enumerate(YEARS):
        d.put(name, flows[:, k], "int")
    return d.dataset()
