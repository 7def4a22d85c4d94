"""Build the 'Dân vận khéo' showcase: `python build.py --help` lists commands and options."""

import sys

from showcase.cli import main

if __name__ == "__main__":
    sys.exit(main())
