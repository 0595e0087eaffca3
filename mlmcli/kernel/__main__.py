"""``python -m mlmcli.kernel -f CONNECTION_FILE``: start the kernel (what the kernelspec runs)."""
import sys


def main() -> None:
    try:
        from ipykernel.kernelapp import IPKernelApp
    except ImportError:
        sys.exit("mlm: the Jupyter kernel needs the jupyter extra: pip install 'mlmcli[jupyter]'")
    from mlmcli.kernel.kernel import MlmKernel

    IPKernelApp.launch_instance(kernel_class=MlmKernel)


if __name__ == "__main__":
    main()
