"""The kernelspec: how Jupyter finds and starts the mlm kernel (``mlm --install-kernel``).

The spec runs this Python with ``-m mlmcli.kernel``, so the kernel is the mlm of
the environment that installed it.  It goes to the user's Jupyter data folder
(``~/.local/share/jupyter/kernels/mlm``) unless ``prefix`` or ``sys_prefix``
names an environment's folder.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile

from mlmcli.kernel import DISPLAY_NAME, KERNEL_NAME


def kernel_json(python: str | None = None) -> dict:
    return {
        "argv": [python or sys.executable, "-m", "mlmcli.kernel", "-f", "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "stata",
        "interrupt_mode": "signal",  # the stop button sends SIGINT: --Break--, the session stays
        "metadata": {"debugger": False},
    }


def install_kernelspec(prefix: str | None = None, sys_prefix: bool = False,
                       name: str = KERNEL_NAME) -> str:
    """Install the kernelspec; returns the folder it was written to."""
    from jupyter_client.kernelspec import KernelSpecManager

    if sys_prefix:
        prefix = sys.prefix
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "kernel.json"), "w", encoding="utf-8") as fh:
            json.dump(kernel_json(), fh, indent=2)
        return KernelSpecManager().install_kernel_spec(
            folder, kernel_name=name, user=prefix is None, prefix=prefix)
