"""The handout's fre/tabstat/tab tables (golden 04, 05, 15, 19) reproduced end to end
on data constructed to have the handout's numbers."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from mlmcli.dataset import Dataset

GOLDEN = Path(__file__).parent / "data_golden"

CNTRY_VALUES = [2, 4, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 24, 25, 26]
CNTRY_LABELS = ["d", "gb", "a", "h", "i", "irl", "nl", "n", "s", "cz", "slo", "pl", "bg", "rus", "e", "lv", "sk"]
CNTRY_N = [1829, 1027, 1007, 992, 1091, 992, 2058, 1487, 1274, 1106, 1035, 1568, 1099, 1585, 1221, 1031, 1388]
LAMBDA = [.9968122, .9943369, .9942251, .9941383, .9946674, .9941383, .9971659, .9960819, .9954299,
          .9947393, .9943805, .9962836, .994706, .9963233, .9952324, .9943588, .9958037]


def golden(name: str) -> str:
    """A golden block without its leading ``// `` comment line."""
    lines = (GOLDEN / name).read_text().splitlines()
    if lines[0].startswith("// "):
        lines = lines[1:]
    return "\n".join(lines) + "\n"


def country_session() -> Dataset:
    ds = Dataset()
    codes = np.repeat(np.array(CNTRY_VALUES, dtype=float), CNTRY_N)
    ds.df = pd.DataFrame({"cntryid": codes})
    ds.types["cntryid"] = "byte"
    ds.value_labels["cntryid"] = {float(v): lab for v, lab in zip(CNTRY_VALUES, CNTRY_LABELS)}
    ds.value_label_of["cntryid"] = "cntryid"
    return ds


def test_fre_golden_04(new_session, run):
    s = new_session(country_session())
    run(s, "bysort cntryid: egen nj = count(cntryid)", echo=True)[0]
    assert run(s, "fre cntryid nj", echo=True)[0] == golden("04_fre-cntryid-nj.txt")


def test_tabstat_golden_05(new_session, run):
    s = new_session(country_session())
    lam = dict(zip(CNTRY_VALUES, LAMBDA))
    s.data.set_variable("lambda_j", np.array([lam[int(v)] for v in s.data.numeric("cntryid")]), "double")
    out = run(s, "tabstat lambda_j, statistics (mean sd) by (cntryid)", echo=True)[0]
    want = golden("05_tabstat-lambda.txt")
    assert out.startswith(want)
    rest = out[len(want):].splitlines()
    assert rest[0].startswith("  Total |")
    assert rest[1] == "-" * 29


def test_tab_two_way_golden_15(new_session, run):
    rows = ["d", "gb", "a", "h", "i"]
    codes = [2, 4, 7, 8, 9]
    regions = list(range(251, 267)) + list(range(401, 412)) + [701]
    cells = {(2, r): n for r, n in zip(range(251, 267), [69, 31, 153, 9, 345, 106, 86, 165, 220, 22, 79,
                                                         93, 55, 186, 98, 112])}
    cells.update({(4, r): n for r, n in zip(range(401, 412), [92, 57, 93, 91, 96, 81, 40, 109, 201, 101, 66])})
    cells[(7, 701)] = 41
    totals = dict(zip(codes, [1829, 1027, 1007, 992, 1091]))
    # the rest of each country's cases lie in regions the handout does not show (later panels)
    for k, c in enumerate(codes):
        shown = sum(n for (cc, _), n in cells.items() if cc == c)
        if totals[c] > shown:
            cells[(c, 900 + k)] = totals[c] - shown
    cntry = np.concatenate([np.full(n, c, dtype=float) for (c, _), n in cells.items()])
    region = np.concatenate([np.full(n, r, dtype=float) for (_, r), n in cells.items()])
    others = np.repeat(np.array(CNTRY_VALUES[5:], dtype=float), CNTRY_N[5:])
    ds = Dataset(df=pd.DataFrame({"cntryid": np.concatenate([cntry, others]),
                                  "region": np.concatenate([region, np.full(others.size, 999.0)])}))
    ds.types.update(cntryid="byte", region="int")
    ds.value_labels["cntryid"] = {float(v): lab for v, lab in zip(CNTRY_VALUES, CNTRY_LABELS)}
    ds.value_label_of["cntryid"] = "cntryid"
    s = new_session(ds)
    out = run(s, "tab cntryid region if cntryid < 10", echo=True)[0]
    want = golden("15_tab-cntryid-region.txt")
    assert out.startswith(want)
    assert out[len(want):].startswith("\n           |")  # the next panel follows a blank line


def test_tab_two_way_golden_19_wrapped_row_title(new_session, run):
    surveys = ["AMB", "ASES", "CB", "CDCEE", "CNEP", "EB", "EQLS"]
    countries = ["AD", "AL", "AT", "AZ", "BA", "BA-FBH", "BA-RSR", "BE", "BE-FLA", "BE-WAL", "BG", "BY",
                 "CH", "CZ", "DE"]
    totals = [1003, 5588, 27582, 12615, 3599, 1600, 800, 25199, 7385, 1873, 34384, 8607, 27616, 43822, 25627]
    shown = {("AT", "EB"): 4023, ("AT", "EQLS"): 3082, ("AZ", "CB"): 7106, ("BE", "EB"): 5150,
             ("BE", "EQLS"): 3028, ("BG", "CDCEE"): 2095, ("BG", "EB"): 3025, ("BG", "EQLS"): 3037,
             ("BY", "CDCEE"): 1000, ("CZ", "CDCEE"): 1683, ("CZ", "EB"): 3143, ("CZ", "EQLS"): 3234,
             ("DE", "ASES"): 1025, ("DE", "EQLS"): 6115}
    cells = dict(shown)
    for c, t in zip(countries, totals):
        rest = t - sum(n for (cc, _), n in shown.items() if cc == c)
        cells[(c, "WVS")] = rest  # a later survey column (alphabetically after EQLS)
    cells[("FR", "AMB")] = 10  # a row after DE, holding the surveys no shown country has
    cells[("FR", "CNEP")] = 10
    country = np.concatenate([np.full(n, c, dtype=object) for (c, _), n in cells.items()])
    survey = np.concatenate([np.full(n, v, dtype=object) for (_, v), n in cells.items()])
    ds = Dataset(df=pd.DataFrame({"T_COUNTRY": country, "T_SURVEY_NAME": survey}))
    ds.types.update(T_COUNTRY="str6", T_SURVEY_NAME="str5")
    ds.var_labels.update(T_COUNTRY="COUNTRY (TERRITORY) NAME", T_SURVEY_NAME="SURVEY PROJECT NAME")
    s = new_session(ds)
    out = run(s, "tab T_COUNTRY T_SURVEY_NAME", echo=True)[0]
    want = golden("19_tab-country-survey.txt")
    assert out.startswith(want)
    assert out[len(want):].startswith("        FR |")
    header = out.splitlines()[4]
    assert header.split("|")[1].split() == surveys  # the seven columns of the first panel


@pytest.mark.parametrize("name", ["04_fre-cntryid-nj.txt", "05_tabstat-lambda.txt",
                                  "15_tab-cntryid-region.txt", "19_tab-country-survey.txt"])
def test_golden_copies_match_shared(shared_dir, name):
    assert (GOLDEN / name).read_text() == (shared_dir / "handout" / "golden" / name).read_text()
