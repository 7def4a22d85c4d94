"""Build the 'Dân vận khéo' showcase: `python build.py --help` lists commands and options."""

from showcase.cli import run

if __name__ == "__main__":
    run()
