"""Build hook: ship the Lark grammars (edited in ``grammar/``) inside the package.

Everything else is configured in ``pyproject.toml``. A wheel has no top-level ``grammar/``
folder, so ``build_py`` copies ``grammar/*.lark`` to ``mlmcli/_grammar/`` in the build tree;
``mlmcli.grammar_files`` looks there when the checkout's ``grammar/`` is absent.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

GRAMMAR_SOURCE = Path(__file__).resolve().parent / "grammar"


class BuildPyWithGrammar(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "mlmcli" / "_grammar"
        self.mkpath(str(target))
        for source in sorted(GRAMMAR_SOURCE.glob("*.lark")):
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildPyWithGrammar})
