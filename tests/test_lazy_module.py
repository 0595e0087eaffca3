"""mlmcli.lazy_module's import hook: the libraries imported with the collector paused, and
scipy's array-API copy of numpy made without numpy's unused submodules (in a fresh
interpreter: the copy is made once per process)."""
import subprocess
import sys

SCRIPT = r"""
import sys
from mlmcli.lazy_module import install_import_hook
install_import_hook()
import numpy
all_before = list(numpy.__all__)
import scipy.linalg, scipy.sparse
copy = sys.modules["scipy._lib.array_api_compat.numpy"]
print("f2py" in sys.modules.get("numpy").__dict__, "numpy.f2py" in sys.modules,
      "numpy.testing" in sys.modules)
print(list(numpy.__all__) == all_before, "f2py" in dir(numpy))
print(copy.testing is __import__("numpy.testing").testing, copy.float64 is numpy.float64)
print(float(scipy.linalg.solve([[2.0]], [1.0])[0]))
import gc, inspect, importlib.resources, pandas
print(gc.isenabled(), "def read_csv" in inspect.getsource(pandas.read_csv),
      importlib.resources.files("pandas").joinpath("__init__.py").is_file(),
      type(pandas.__loader__).__name__)
print(gc.get_freeze_count() > 10000)
"""


def test_scipy_copy_skips_unused_numpy_submodules():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120)
    lines = out.stdout.split("\n")
    assert lines[0] == "False False False"  # nothing imported numpy.f2py / numpy.testing
    assert lines[1] == "True True"  # numpy's own namespace is restored
    assert lines[2] == "True True"  # the copy still answers every name numpy has
    assert lines[3] == "0.5"
    # the collector runs again after the imports; the libraries' loaders still serve
    # sources and resources
    assert lines[4] == "True True True _HookedLoader"
    # what the imports left alive is frozen: later collections do not traverse it again
    assert lines[5] == "True"
