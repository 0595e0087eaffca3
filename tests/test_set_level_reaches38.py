"""``set level #`` is c(level): commands without level() show and store that level's interval.
ml display and parmest read a settings key that ``set level`` never wrote, so they kept 95."""
from pathlib import Path

import numpy as np
from scipy import stats

HSB = Path(__file__).resolve().parents[1] / "samples" / "data" / "hsb.dta"

ML = f'''use "{HSB}", clear
set level 90
program define myll38
  args lnf xb lnsig
  quietly replace `lnf' = ln(normalden($ML_y1, `xb', exp(`lnsig')))
end
ml model lf myll38 (mathach = ses) /lnsig
quietly ml maximize
ml display
'''


def test_ml_display_uses_set_level(do):
    rc, out, session = do(ML)
    assert rc == 0, out
    assert "[90% Conf. Interval]" in out and "[95% Conf. Interval]" not in out
    b = float(session.e.matrices["b"].values.reshape(-1)[0])
    se = float(np.sqrt(session.e.matrices["V"].values[0, 0]))
    z = stats.norm.ppf(0.95)
    row = next(line for line in out.splitlines() if line.strip().startswith("ses "))
    lower, upper = (float(v) for v in row.split()[-2:])
    assert abs(lower - (b - z * se)) < 1e-5 and abs(upper - (b + z * se)) < 1e-5, row


def test_parmest_uses_set_level(do):
    rc, out, session = do(f'use "{HSB}", clear\nset level 90\nquietly regress mathach ses\nparmest, norestore\n')
    assert rc == 0, out
    names = list(session.data.df.columns)
    assert "min90" in names and "max90" in names and "min95" not in names, names
