import sys

from vodops.cli import main

sys.exit(main())
