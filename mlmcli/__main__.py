import sys

from mlmcli.cli import main

sys.exit(main())
