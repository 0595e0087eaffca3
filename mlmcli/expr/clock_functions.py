"""The %tC functions ([D] datetime): Cofc(), cofC(), Cofd(), dofC(), Cdhms(), Chms(), Cmdyhms(),
Clock() and hhC()/mmC()/ssC(), leap seconds counted (``mlmcli.leap_seconds``).
Each entry: name -> (min args, max args, implementation(ctx, *values))."""
from __future__ import annotations

from mlmcli.lazy_module import lazy_module

from mlmcli.expr.values import as_num, clean, is_array
from mlmcli.leap_seconds import DAY_MS, leap_second_at, tC_of_tc, tc_of_tC

np = lazy_module("numpy", globals(), "np")


def _numeric(f):
    def impl(ctx, *args):
        nums = [as_num(a) for a in args]
        xs = [np.asarray(a, dtype=float) for a in nums]
        with np.errstate(all="ignore"):
            out = np.asarray(f(*xs), dtype=float)
        return clean(out) if any(is_array(a) for a in nums) else clean(out.reshape(-1)[0])
    return impl


def _clock(ctx, s, mask, topyear=None):
    """Clock(s, mask[, topyear]): clock()'s %tc moved to %tC."""
    from mlmcli.expr.dates import FUNCTIONS as DATE_FUNCTIONS

    c = DATE_FUNCTIONS["clock"][2](ctx, *((s, mask) if topyear is None else (s, mask, topyear)))
    return _numeric(tC_of_tc)(ctx, c)


def _part_of_tC(divisor: float, modulo: float):
    """hhC(), mmC(): the hour or minute of a %tC time (a leap second is 23:59)."""
    return lambda big_c: np.floor(np.mod(np.floor(tc_of_tC(big_c)), modulo) / divisor)


def _ssC(big_c):
    """ssC(): the seconds of a %tC time, 60 and up during a leap second."""
    c = tc_of_tC(big_c)
    return np.mod(c, 60_000.0) / 1000.0 + np.where(leap_second_at(big_c), 1.0, 0.0)


def _hms_ms(h, m, s):
    return (h * 3600 + m * 60) * 1000.0 + s * 1000.0


def _days(y, mo, d):
    from mlmcli.expr.dates import days_from_ymd

    return days_from_ymd(y, mo, d)


def _with_leap(day, h, m, s):
    """%tC of day d at h:m:s, where s may be 60 (up to 61) on a day that ends with a leap second."""
    base = tC_of_tc(day * DAY_MS)  # midnight of that day in %tC
    return base + _hms_ms(h, m, s)


FUNCTIONS: dict[str, tuple[int, int, object]] = {
    "Cofc": (1, 1, _numeric(tC_of_tc)),
    "cofC": (1, 1, _numeric(tc_of_tC)),
    "dofC": (1, 1, _numeric(lambda big_c: np.floor(tc_of_tC(big_c) / DAY_MS))),
    "Cofd": (1, 1, _numeric(lambda d: tC_of_tc(np.floor(d) * DAY_MS))),
    "Cdhms": (4, 4, _numeric(_with_leap)),
    "Chms": (3, 3, _numeric(lambda h, m, s: _hms_ms(h, m, s))),
    "Cmdyhms": (6, 6, _numeric(lambda mo, d, y, h, mi, s: _with_leap(_days(y, mo, d), h, mi, s))),
    "Clock": (2, 3, _clock),
    "hhC": (1, 1, _numeric(_part_of_tC(3_600_000.0, DAY_MS))),
    "mmC": (1, 1, _numeric(_part_of_tC(60_000.0, 3_600_000.0))),
    "ssC": (1, 1, _numeric(_ssC)),
}
