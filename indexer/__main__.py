import sys

from .cli import main

if __name__ == "__main__":  # parser processes are spawned and import the parent's main module
    sys.exit(main())
