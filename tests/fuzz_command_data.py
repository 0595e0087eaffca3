"""The data the command-level fuzz runs its lines on (tests/fuzz_command_lines.py builds the
lines, tests/fuzz_commands.py runs them; docs/command_fuzz.md).

Every shape keeps the same variable names (y x1 x2 b c o g t w f m z k t2 s sid), so that any
line fits any shape; a shape changes their contents or adds variables:

- ``full`` 40 observations; ``one`` 1; ``empty`` none; ``holes`` 40 with 40% of y x1 x2 c missing;
- ``strings``: string-heavy -- x2 numbers held as text, g a string group, s long strL text with
  quotes, backticks, dollars, tabs, non-ASCII, and s2 s3 more string variables;
- ``allmiss``: every numeric variable all missing, every string empty;
- ``extmiss``: extended missing values .a-.z among y x1 c m, z all .a, f with a labelled .b;
- ``magnitudes``: y at 1e150, x1 at 1e-150, x2 mixing scales, c past
  2^53, w huge weights, t2 tiny positive (1e-300);
- ``huge`` (round 3, not among SHAPES' draws: tests/fuzz_new_commands.py): y up to 8.98e307,
  x2 at 1e307, c at -1e307;
- ``dates``: t2 a %td date, x2 a %tc clock, t a %ty year, and d (%td), dc (%tc), dq (%tq),
  ds (a date as text);
- ``wide``: 300 variables (v1-v284 beside the usual ones);
- ``longnames``: 32-character variable names, 80-character labels with quotes and macro
  characters, a long value-label set name and long value-label texts, a data label.
"""
from __future__ import annotations

import io

import numpy as np
import pandas as pd

from mlmcli.dataset import Dataset
from mlmcli.missing import extended, order_key
from mlmcli.session import Output, Session

NUMERIC = ["y", "x1", "x2", "b", "c", "o", "g", "t", "w", "f", "m", "z", "k", "t2"]
STRINGS = ["s", "sid"]
ALLVARS = NUMERIC + STRINGS
# variables only some shapes have (a line naming them elsewhere meets "not found")
DATES = ["d", "dc", "dq", "ds"]
LONG_NAME = "a_variable_named_with_32_letters"  # 32 characters, Stata's longest name
EXTRA = DATES + ["s2", "s3", "v1", "v284", LONG_NAME]

# (shape, weight): the first four are the first round's shapes, unchanged
SHAPES = {"full": 6, "one": 1, "empty": 1, "holes": 2, "strings": 1, "allmiss": 1, "extmiss": 1,
          "magnitudes": 1, "dates": 1, "wide": 1, "longnames": 1}
_ROWS = {"one": 1, "empty": 0}
ODD_TEXT = ['a "q" b', "`x'", "$G", "tab\there", "日本語", "x" * 2100, "", "b c", "'", "\\`y'", "%s", "{res}"]


def make_frame(shape: str, seed: int = 5) -> pd.DataFrame:
    """The generated data: y continuous, x1 x2 covariates, b binary, c count, o ordinal 1-3,
    g group 1-5 (labelled), t time within g, w integer weight, f factor 1-3 (labelled), m 70%
    missing, z all missing, k constant, t2 positive time, s string, sid string id."""
    rng = np.random.default_rng(seed)
    n = _ROWS.get(shape, 40)
    g = np.repeat(np.arange(1, 6), 8)[:n].astype(float)
    x1 = rng.normal(size=n)
    y = 1 + 0.5 * x1 + rng.normal(size=n)
    frame = pd.DataFrame({
        "y": y, "x1": x1, "x2": rng.normal(size=n),
        "b": (rng.random(n) < 1 / (1 + np.exp(-x1))).astype(float),
        "c": rng.poisson(2, size=n).astype(float),
        "o": (1 + (y > 0.7) + (y > 1.5)).astype(float),
        "g": g, "t": np.tile(np.arange(1, 9), 5)[:n].astype(float),
        "w": (1 + rng.integers(0, 3, size=n)).astype(float),
        "f": (1 + rng.integers(0, 3, size=n)).astype(float),
        "m": np.where(rng.random(n) < 0.7, np.nan, rng.normal(size=n)),
        "z": np.full(n, np.nan), "k": np.full(n, 3.0),
        "t2": rng.exponential(size=n) + 0.1,
        "s": np.array([["a", "b c", "", "dd", "é"][i % 5] for i in range(n)], dtype=object),
        "sid": np.array([f"id{i}" for i in range(n)], dtype=object),
    })
    if shape == "holes":
        for name in ("y", "x1", "x2", "c"):
            frame.loc[rng.random(n) < 0.4, name] = np.nan
    reshape = _RESHAPES.get(shape)
    if reshape:
        changed = reshape(frame, rng, n)  # in place, or a new frame
        frame = frame if changed is None else changed
    return frame


def _strings(frame, rng, n):
    frame["x2"] = np.array([["1.5", "-2", "abc", "", "1e3", " 7 "][i % 6] for i in range(n)], dtype=object)
    frame["g"] = np.array([f"group {int(v)}" for v in frame["g"]], dtype=object)
    frame["s"] = np.array([ODD_TEXT[i % len(ODD_TEXT)] for i in range(n)], dtype=object)
    frame["s2"] = np.array([["x", "y", "x"][i % 3] for i in range(n)], dtype=object)
    frame["s3"] = np.array(["long " * (i % 7) for i in range(n)], dtype=object)


def _allmiss(frame, rng, n):
    for name in NUMERIC:
        frame[name] = np.nan
    for name in STRINGS:
        frame[name] = np.array([""] * n, dtype=object)


def _extmiss(frame, rng, n):
    letters = "abcdefghijklmnopqrstuvwxyz"
    for name in ("y", "x1", "c", "m"):
        rows = rng.random(n) < 0.3
        frame.loc[rows, name] = [extended(letters[int(k)]) for k in rng.integers(0, 26, size=int(rows.sum()))]
    frame["z"] = extended("a")
    f = frame["f"].to_numpy().copy()
    f[rng.random(n) < 0.2] = extended("b")  # numpy keeps the payload (pandas' scalar fill does not)
    frame["f"] = f


def _magnitudes(frame, rng, n):
    # 1e150: sums of squares stay finite (values near 1e307 are round 3's ``huge`` shape)
    frame["y"] = frame["y"] * 1e150
    frame["x1"] = frame["x1"] * 1e-150
    frame["x2"] = np.where(np.arange(n) % 2 == 0, frame["x2"] * 1e15, frame["x2"] * 1e-15)
    frame["c"] = frame["c"] + 2.0 ** 53
    frame["w"] = frame["w"] * 1e9
    frame["t2"] = frame["t2"] * 1e-300


def _huge(frame, rng, n):
    # round 3: near Stata's largest double (8.988e307): y up to 8.98e307, x2 at 1e307, c at -1e307
    frame["y"] = frame["y"] / max(float(frame["y"].abs().max()), 1.0) * 8.98e307 if n else frame["y"]
    frame["x2"] = frame["x2"] * 1e307
    frame["c"] = -frame["c"] * 1e307


def _dates(frame, rng, n):
    frame["t2"] = 21915.0 + np.arange(n) * 3  # 01jan2020 on
    frame["x2"] = 1.893456e12 + rng.integers(0, 10 ** 9, size=n).astype(float)  # 2020 in ms
    frame["t"] = 1990.0 + frame["t"]
    frame["d"] = 21915.0 + rng.integers(-40000, 40000, size=n).astype(float)
    frame["dc"] = frame["d"] * 86_400_000.0 + 3_600_000.0
    frame["dq"] = 200.0 + np.arange(n)
    frame["ds"] = np.array([["2020-01-05", "5jan2020", "", "not a date", "1960-01-01"][i % 5] for i in range(n)],
                           dtype=object)


def _wide(frame, rng, n):
    extra = pd.DataFrame(rng.normal(size=(n, 284)), columns=[f"v{i}" for i in range(1, 285)])
    return pd.concat([frame, extra], axis=1)  # at once (column by column fragments the frame)


def _longnames(frame, rng, n):
    frame[LONG_NAME] = rng.normal(size=n)
    frame[LONG_NAME[:-1] + "2"] = rng.normal(size=n)  # two names alike for 31 characters


_RESHAPES = {"huge": _huge, "strings": _strings, "allmiss": _allmiss, "extmiss": _extmiss, "magnitudes": _magnitudes,
             "dates": _dates, "wide": _wide, "longnames": _longnames}
LONG_LABEL = 'the "outcome" of `x\' and $G, eighty characters of it: ' + "é" * 10 + "abcdefghijklmn"


def fresh_session(shape: str) -> Session:
    frame = make_frame(shape)
    value_labels = {"gl": {1.0: "one", 2.0: "two", 3.0: "three"}, "fl": {1.0: "low", 2.0: "mid"}}
    value_label_of = {"g": "gl", "f": "fl"}
    ds = Dataset(df=frame, var_labels={"y": "outcome", "g": "group"}, value_labels=value_labels,
                 value_label_of=value_label_of)
    ds.types.update({name: "double" for name in NUMERIC})
    ds.types.update(g="byte", t="byte", w="byte", f="byte", b="byte", s="str3", sid="str4")
    _metadata(ds, shape)
    return Session(data=ds, out=Output(io.StringIO()))



def run_line_fresh(shape: str, setup, line: str) -> tuple[int, str, float]:
    """(rc, printed, CPU seconds) of ``line`` in a fresh session of ``shape`` after the ``setup``
    commands (their output and time left out)."""
    return run_line_fresh_session(shape, setup, line)[:3]


def run_line_fresh_session(shape: str, setup, line: str) -> tuple[int, str, float, Session]:
    """``run_line_fresh``'s (rc, printed, CPU seconds) and the session (its e() and data)."""
    import time

    from mlmcli.runner import Runner

    session = fresh_session(shape)
    runner = Runner(session)
    for command in setup:
        runner.run_text(command, echo=False)
    session.out.stream.seek(0)
    session.out.stream.truncate()
    start = time.process_time()
    rc = runner.run_text(line, echo=False)
    return rc, session.out.stream.getvalue(), time.process_time() - start, session

def run_line_checked(line: str, setup=(), shape: str = "full") -> tuple[int, str, Session]:
    """``run_line_fresh_session`` under the suite's rule (a RuntimeWarning in mlm's code is an
    error), asserting no internal error: (rc, printed, session)."""
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("error", category=RuntimeWarning, module="mlmcli")
        rc, printed, _, session = run_line_fresh_session(shape, setup, line)
    assert "internal error" not in printed, printed
    return rc, printed, session


def _metadata(ds: Dataset, shape: str) -> None:
    """The types, formats and labels the shape's contents need."""
    frame = ds.df
    for name in frame.columns:
        if name not in ds.types:
            ds.types[name] = "strL" if frame[name].dtype == object else "double"
    if shape == "strings":
        ds.types.update(x2="str3", g="str7", s="strL", s2="str1", s3="str30")
        del ds.value_label_of["g"]
    elif shape == "allmiss":
        ds.types.update(s="str1", sid="str1")
    elif shape == "extmiss":
        ds.value_labels["fl"][order_key(extended("b"))] = "refused"
        ds.value_labels["ml"] = {order_key(extended("a")): "not asked"}
        ds.value_label_of["m"] = "ml"
    elif shape == "magnitudes":
        ds.types.update(w="double")
    elif shape == "dates":
        ds.types.update(t="int", d="long", dq="int", ds="str10")
        ds.formats.update(t2="%td", x2="%tc", t="%ty", d="%td", dc="%tc", dq="%tq")
    elif shape == "wide":
        ds.types.update({f"v{i}": "float" for i in range(1, 285)})
        ds.var_labels.update({f"v{i}": f"variable {i}" for i in range(1, 285, 7)})
    elif shape == "longnames":
        long_set = "a_value_label_set_named_32_chars"
        ds.var_labels.update({"y": LONG_LABEL, "g": LONG_LABEL[::-1], LONG_NAME: LONG_LABEL})
        ds.value_labels[long_set] = {1.0: "x" * 200, 2.0: 'a "quoted" `label\'', 3.0: "$G ' {"}
        ds.value_label_of.update(g=long_set, o=long_set)
        ds.label = LONG_LABEL
        ds.chars["y[note1]"] = LONG_LABEL
        ds.chars["note0"] = "1"
        ds.chars["note1"] = LONG_LABEL
