"""Build hook: ship the Lark grammars (edited in ``grammar/``) and their parse tables inside
the package.

Everything else is configured in ``pyproject.toml``. A wheel has no top-level ``grammar/``
folder, so ``build_py`` copies ``grammar/*.lark`` and their tables ``grammar/*.tables.json``
to ``mlmcli/_grammar/`` in the build tree; ``mlmcli.grammar_files`` looks there when the
checkout's ``grammar/`` is absent.  The tables are then rebuilt with the Lark of the build
(``mlmcli.grammar_tables``), so a wheel starts without building a parser.
"""
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
GRAMMAR_SOURCE = ROOT / "grammar"


class BuildPyWithGrammar(build_py):
    def run(self):
        super().run()
        target = Path(self.build_lib) / "mlmcli" / "_grammar"
        self.mkpath(str(target))
        for pattern in ("*.lark", "*.tables.json"):
            for source in sorted(GRAMMAR_SOURCE.glob(pattern)):
                self.copy_file(str(source), str(target / source.name))
        try:
            sys.path.insert(0, str(ROOT))
            from mlmcli.grammar_tables import write_tables

            write_tables(target)
        except ImportError:  # no Lark in the build environment: the committed tables stay
            pass
        finally:
            sys.path.remove(str(ROOT))


setup(cmdclass={"build_py": BuildPyWithGrammar})
