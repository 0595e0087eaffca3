"""``c(name)``: Stata's system values ([P] creturn) that mlm has -- numbers (``c(N)``,
``c(maxdouble)``, ...), strings (``c(os)``, ``c(current_date)``, ...) and the settings of
``set`` (``c(more)``, ``c(level)``, ...).  A name it does not know is missing, as an unset
``r()`` is.  ``GlobalsWithSystem`` adds the system globals ``$S_DATE``, ``$S_TIME``, ``$S_FN``
and ``$S_FNDATE`` to the user's when macros are expanded.
"""
from __future__ import annotations

import math
from collections.abc import Mapping

from mlmcli.expr import values as V


def c_value(ctx, key: str):
    """``c(name)``: Stata's system values ([P] creturn) that mlm has; a name it does not
    know is missing, as an unset ``r()`` is."""
    session = ctx.session
    getter = _C_NUMBERS.get(key)
    if getter is not None:
        return float(getter(ctx, session))
    getter = _C_STRINGS.get(key)
    if getter is not None:
        return getter(ctx, session)
    if key in _C_SETTINGS:
        value = _setting(session, key)
        return value if isinstance(value, str) else float(value)
    return V.MISSING


def _blas():
    from mlmcli.mixed import blas_threads  # set processors: the engines' BLAS threads

    return blas_threads


def default_locale(session) -> str:
    """c(locale_functions): ``set locale_functions``'s locale, else en_US."""
    return str(getattr(session, "settings", {}).get("locale_functions", "en_US"))


def _setting(session, key: str):
    from mlmcli.syntax.settings import setting_value
    return setting_value(session, key)


def _os_name() -> str:
    import sys
    return "Windows" if sys.platform.startswith("win") else ("MacOSX" if sys.platform == "darwin" else "Unix")


def _now(fmt: str) -> str:
    import time
    return time.strftime(fmt)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def current_date_text(year: int, month: int, day: int) -> str:
    """c(current_date): "dd Mon yyyy" with a day below 10 space-padded, English month names
    whatever the locale (Stata 16.1's ``creturn list``: ``c(current_date) = " 3 Feb 2023"``)."""
    return f"{day:2d} {MONTHS[month - 1]} {year}"


def _today() -> str:
    import time
    now = time.localtime()
    return current_date_text(now.tm_year, now.tm_mon, now.tm_mday)


_C_NUMBERS = {
    "N": lambda ctx, s: ctx.nobs,
    "k": lambda ctx, s: len(s.data.varnames),
    "width": lambda ctx, s: sum(_storage_width(s.data, v) for v in s.data.varnames),
    "changed": lambda ctx, s: 1.0 if s.data.changed else 0.0,
    "pi": lambda ctx, s: math.pi,
    "e": lambda ctx, s: math.e,
    "linesize": lambda ctx, s: s.linesize,
    "seed": lambda ctx, s: s.seed,
    "rc": lambda ctx, s: s.rc,
    "maxdouble": lambda ctx, s: 8.9884656743115795e+307,
    "mindouble": lambda ctx, s: -8.9884656743115795e+307,
    "epsdouble": lambda ctx, s: 2.220446049250313e-16,
    "smallestdouble": lambda ctx, s: 2.2250738585072014e-308,
    "maxfloat": lambda ctx, s: 1.70141173319e+38,
    "minfloat": lambda ctx, s: -1.70141173319e+38,
    "epsfloat": lambda ctx, s: 1.1920928955078125e-07,
    "maxlong": lambda ctx, s: 2147483620, "minlong": lambda ctx, s: -2147483647,
    "maxint": lambda ctx, s: 32740, "minint": lambda ctx, s: -32767,
    "maxbyte": lambda ctx, s: 100, "minbyte": lambda ctx, s: -127,
    "maxstrvarlen": lambda ctx, s: 2045, "maxstrlvarlen": lambda ctx, s: 2000000000,
    "namelen": lambda ctx, s: 32, "maxvlabellen": lambda ctx, s: 32000,
    "version": lambda ctx, s: float(getattr(s, "version", 13.0)), "stata_version": lambda ctx, s: 13.0,
    "SE": lambda ctx, s: 1.0, "MP": lambda ctx, s: 0.0, "processors": lambda ctx, s: _blas().blas_processors(),
    "processors_lic": lambda ctx, s: _blas().machine_processors(),
    "processors_mach": lambda ctx, s: _blas().machine_processors(),
    "processors_max": lambda ctx, s: _blas().machine_processors(),
    "level": lambda ctx, s: getattr(s, "level", 95.0),
    "matsize": lambda ctx, s: _setting(s, "matsize"), "maxvar": lambda ctx, s: _setting(s, "maxvar"),
    "pagesize": lambda ctx, s: _setting(s, "pagesize"), "maxiter": lambda ctx, s: _setting(s, "maxiter"),
}

_C_STRINGS = {
    "os": lambda ctx, s: _os_name(),
    "osdtl": lambda ctx, s: "",
    "machine_type": lambda ctx, s: _machine(),
    "byteorder": lambda ctx, s: "lohi" if __import__("sys").byteorder == "little" else "hilo",
    "dirsep": lambda ctx, s: "\\" if _os_name() == "Windows" else "/",
    "pwd": lambda ctx, s: __import__("os").getcwd(),
    "tmpdir": lambda ctx, s: __import__("tempfile").gettempdir(),
    "username": lambda ctx, s: _username(),
    "hostname": lambda ctx, s: __import__("socket").gethostname(),
    "current_date": lambda ctx, s: _today(),
    "current_time": lambda ctx, s: _now("%H:%M:%S"),
    "filename": lambda ctx, s: s.data.filename or "",
    "frame": lambda ctx, s: s.current_frame,  # Stata 16: the current (working) frame's name
    "locale_functions": lambda ctx, s: default_locale(s),
    "filedate": lambda ctx, s: _filedate(s),
    "flavor": lambda ctx, s: "IC",
    "console": lambda ctx, s: "console",
    "mode": lambda ctx, s: "batch" if not s.interactive else "",
    "alpha": lambda ctx, s: "a b c d e f g h i j k l m n o p q r s t u v w x y z",
    "ALPHA": lambda ctx, s: "A B C D E F G H I J K L M N O P Q R S T U V W X Y Z",
    "Mons": lambda ctx, s: "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "Months": lambda ctx, s: ("January February March April May June July August September October "
                              "November December"),
    "Wdays": lambda ctx, s: "Sun Mon Tue Wed Thu Fri Sat",
    "Weekdays": lambda ctx, s: "Sunday Monday Tuesday Wednesday Thursday Friday Saturday",
    "born_date": lambda ctx, s: "",
    "sortedby": lambda ctx, s: " ".join(s.data.sortedby),
    "rngstate": lambda ctx, s: "",
}

_C_SETTINGS = {"more", "type", "varabbrev", "graphics", "logtype", "scheme", "trace", "traceexpand", "tracesep",
               "traceindent", "tracenumber", "tracehilite", "tracedepth", "rmsg",
               "emptycells", "showbaselevels", "showemptycells", "showomitted", "cformat",
               "pformat", "sformat", "fvlabel", "fvwrap", "fvwrapon", "dp", "output"}


def _machine() -> str:
    import platform
    return f"{platform.system()} ({platform.machine()})"


def _username() -> str:
    import getpass
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment
        return ""


def _filedate(session) -> str:
    import os
    import time
    name = session.data.filename
    if not name or not os.path.exists(name):
        return ""
    return time.strftime("%e %b %Y %H:%M", time.localtime(os.path.getmtime(name))).strip()


def _storage_width(ds, name: str) -> int:
    t = ds.types.get(name, "float")
    if t.startswith("str"):
        return int(t[3:]) if t[3:].isdecimal() else 8
    return {"byte": 1, "int": 2, "long": 4, "float": 4, "double": 8}.get(t, 4)


def known_c_names() -> set[str]:
    """The c() names mlm has a value for (``creturn list``)."""
    return set(_C_NUMBERS) | set(_C_STRINGS) | _C_SETTINGS


# Stata's system-maintained globals: $S_DATE and $S_TIME (the current date and time, as
# c(current_date) and c(current_time)) and $S_FN / $S_FNDATE (the dataset last used or saved
# and its date stamp, as c(filename) and c(filedate)).  Old do-files stamp dates with them
# (``gen tod = "$S_DATE"``, ``clock("$S_DATE $S_TIME", "DMY hms")``, outreg2's ``$S_FN``).
_SYSTEM_GLOBALS = {"S_DATE": "current_date", "S_TIME": "current_time", "S_FN": "filename",
                   "S_FNDATE": "filedate"}


class GlobalsWithSystem(Mapping):
    """The session's globals as macro expansion reads them: the system globals are filled in,
    current at each use, where the user set none under the same name."""

    def __init__(self, user: Mapping, session):
        self.user = user
        self.session = session

    def __getitem__(self, name: str) -> str:
        if name in self.user:
            return self.user[name]
        if name not in _SYSTEM_GLOBALS:
            raise KeyError(name)
        return _C_STRINGS[_SYSTEM_GLOBALS[name]](None, self.session)

    def __iter__(self):
        yield from self.user
        yield from (k for k in _SYSTEM_GLOBALS if k not in self.user)

    def __len__(self) -> int:
        return len(self.user) + sum(1 for k in _SYSTEM_GLOBALS if k not in self.user)
