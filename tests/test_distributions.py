"""mlmcli.distributions gives scipy.stats' numbers bit for bit (and its NaNs and boundary values)."""
import numpy as np
import pytest
from scipy import stats

from mlmcli import distributions as dist

X = np.array([-np.inf, -40.0, -8.5, -3.0, -1.0, -0.0, 0.0, 1e-300, 0.3, 1.0, 1.959963984540054,
              2.5, 7.0, 38.0, 1e6, np.inf, np.nan])
Q = np.array([-0.1, 0.0, 1e-300, 1e-12, 0.005, 0.025, 0.05, 0.3, 0.5, 0.9, 0.95, 0.975, 0.995,
              1 - 1e-12, 1.0, 1.1, np.nan])
DF = [0.5, 1, 2, 3.5, 10, 29, 1000, 1e7, np.inf]
CASES = [("norm", ()), *[("t", (d,)) for d in DF], *[("chi2", (d,)) for d in DF[:-1]],
         *[("f", (a, b)) for a in (1, 2, 7.5) for b in (1, 5, 60, 1e6)],
         ("t", (0,)), ("t", (-1,)), ("chi2", (0,)), ("f", (0, 3)), ("t", (np.nan,))]


def same(a, b) -> bool:
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True) \
        and np.array_equal(np.signbit(a), np.signbit(b))


@pytest.mark.parametrize("name,args", CASES)
@pytest.mark.parametrize("method", ["cdf", "sf", "ppf", "isf"])
def test_same_numbers_as_scipy_stats(name, args, method):
    ours, theirs = getattr(getattr(dist, name), method), getattr(getattr(stats, name), method)
    grid = Q if method in ("ppf", "isf") else X
    with np.errstate(all="ignore"):
        assert same(ours(grid, *args), theirs(grid, *args))
        for v in grid[::3]:  # scalars come back as numpy scalars, as from scipy.stats
            a, b = ours(float(v), *args), theirs(float(v), *args)
            assert type(a) is type(b) and same(a, b)


def test_broadcasting_and_normal_density():
    x = np.linspace(-5, 5, 12).reshape(3, 4)
    df = np.array([1.0, 4.0, 9.0, 30.0])
    assert same(dist.t.sf(x, df), stats.t.sf(x, df))
    assert same(dist.f.sf(np.abs(x), df, 7), stats.f.sf(np.abs(x), df, 7))
    assert same(dist.norm.pdf(X), stats.norm.pdf(X))
    assert same(dist.norm.pdf(0.25), stats.norm.pdf(0.25))
