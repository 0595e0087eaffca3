"""Starting the real mlm kernel for tests, without touching the user's Jupyter folders.

``jupyter_environment(tmp)`` points every Jupyter and IPython folder into ``tmp`` and
installs the kernelspec there (the same ``install_kernelspec`` ``mlm --install-kernel``
runs), so ``KernelManager(kernel_name="mlm")`` and ``jupyter nbconvert`` find it.
``Cell`` is what one execute request brought back.
"""
from __future__ import annotations

import base64
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 120  # seconds for any one cell (a busy 2-core CI machine)


def jupyter_environment(tmp: Path) -> dict[str, str]:
    """Environment variables that keep Jupyter inside ``tmp``, with the mlm kernelspec there."""
    from mlmcli.kernel.install import install_kernelspec

    env = {
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_PATH": str(tmp / "prefix" / "share" / "jupyter"),
        "IPYTHONDIR": str(tmp / "ipython"),
        "JUPYTER_PLATFORM_DIRS": "1",
        # the kernel runs this checkout's mlmcli, as the tests do
        "PYTHONPATH": os.pathsep.join([str(ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]),
    }
    install_kernelspec(prefix=str(tmp / "prefix"))
    return env


@dataclass
class Cell:
    """The reply and the iopub output of one executed cell."""

    reply: dict
    stdout: str = ""
    stderr: str = ""
    displays: list[dict] = field(default_factory=list)
    order: list[str] = field(default_factory=list)  # "stdout", "stderr", "display" as they came

    @property
    def status(self) -> str:
        return self.reply["status"]

    @property
    def text(self) -> str:
        return self.stdout + self.stderr


def execute(client, code: str, timeout: float = TIMEOUT, on_output=None) -> Cell:
    """Run ``code`` in the kernel; collect its streams and displays until it is idle again
    (``on_output(message)`` sees each output message as it comes)."""
    messages: list[dict] = []

    def hook(msg):
        messages.append(msg)
        if on_output is not None:
            on_output(msg)
    reply = client.execute_interactive(code, timeout=timeout, output_hook=hook, allow_stdin=False)
    cell = Cell(reply["content"])
    for msg in messages:
        kind, content = msg["msg_type"], msg["content"]
        if kind == "stream":
            setattr(cell, content["name"], getattr(cell, content["name"]) + content["text"])
            if not cell.order or cell.order[-1] != content["name"]:
                cell.order.append(content["name"])
        elif kind == "display_data":
            cell.displays.append(content)
            cell.order.append("display")
    return cell


def png_size(data_b64: str) -> tuple[int, int]:
    """The pixel size of a base64 PNG, decoding it fully (a broken image fails here)."""
    from PIL import Image

    raw = base64.b64decode(data_b64)
    assert raw.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(raw)) as image:
        image.load()
        return image.size
