"""estpost summarize [aw|fw|iw]: estpost_summarize runs summarize with the weights, so e() holds
summarize's weighted figures; checked with numpy: the weighted mean sum(w x)/sum(w), the
aweighted variance sum(w'(x - m)^2)/(N - 1) with w' scaled to sum to N, the fweighted
median of the expanded data, and e(wtype)/e(wexp)."""
from __future__ import annotations

import numpy as np

X = np.array([1, 2, 4, 7, np.nan, 5.0])
W = np.array([1, 3, 2, 1, 2, 4.0])
DATA = "clear\ninput x w\n" + "\n".join(f"{'.' if np.isnan(a) else int(a)} {int(b)}" for a, b in zip(X, W)) + "\nend\n"


def test_aweighted_mean_and_sd(do):
    keep = ~np.isnan(X)
    x, w = X[keep], W[keep]
    mean = (w * x).sum() / w.sum()
    wn = w * x.size / w.sum()
    sd = np.sqrt((wn * (x - mean) ** 2).sum() / (x.size - 1))
    rc, out, _ = do(DATA + "estpost summarize x [aw=w], quietly\n"
                    "display %18.0g e(mean)[1,1] \" \" %18.0g e(sd)[1,1] \" \" e(count)[1,1] \" \" e(N) "
                    "\" \" e(sum_w)[1,1] \" \" \"`e(wtype)'\" \" \" \"`e(wexp)'\"\n")
    assert rc == 0, out
    got = out.strip().split("\n")[-1].split()
    assert abs(float(got[0]) - mean) < 1e-12 and abs(float(got[1]) - sd) < 1e-7
    assert got[2:] == ["5", "5", "11", "aweight", "=", "w"]


def test_fweighted_detail_is_the_expanded_data(do):
    keep = ~np.isnan(X)
    expanded = np.repeat(X[keep], W[keep].astype(int))
    rc, out, _ = do(DATA + "estpost summarize x [fw=w], detail quietly\n"
                    "display e(count)[1,1] \" \" e(p50)[1,1] \" \" e(p25)[1,1] \" \" %18.0g e(sd)[1,1]\n")
    assert rc == 0, out
    got = out.strip().split("\n")[-1].split()
    assert got[0] == str(expanded.size) and float(got[1]) == np.median(expanded)
    assert float(got[2]) == np.sort(expanded)[int(np.ceil(0.25 * expanded.size)) - 1]  # Stata's p25
    assert abs(float(got[3]) - expanded.std(ddof=1)) < 1e-7


def test_weight_errors(do):
    rc, out, _ = do(DATA + "estpost summarize x [iw=w], detail\n")
    assert rc == 101 and "iweights not allowed with detail" in out
    rc, out, _ = do(DATA + "estpost summarize x [pw=w]\n")
    assert rc == 101 and "pweights not allowed" in out
    rc, out, _ = do(DATA + "estpost tabstat x [pw=w]\n")  # estpost_tabstat takes aw and fw (test_estpost_tabstat_by)
    assert rc == 101
