"""``python -m mlmcli.kernel -f CONNECTION_FILE``: start the kernel (what the kernelspec runs)."""
from ipykernel.kernelapp import IPKernelApp

from mlmcli.kernel.kernel import MlmKernel

if __name__ == "__main__":
    IPKernelApp.launch_instance(kernel_class=MlmKernel)
