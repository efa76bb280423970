"""Allow ``python -m k360desk``."""

import sys

from k360desk.cli import main

if __name__ == "__main__":
    sys.exit(main())
