"""``python -m reelnet``: this package is the Python module, not the command.

The command-line linter ``reelnet-lint`` is a separate package built from the
same repository; say so instead of failing obscurely.
"""

import sys

MESSAGE = """\
reelnet is the Python module (import reelnet); it has no command line.
The command `reelnet-lint` is a separate package from the same repository:
  pip install .                                   (at the repository root: the command as a wheel)
  cargo install --locked --path reelnet-lint      (with a Rust toolchain)
"""

if __name__ == "__main__":
    sys.stderr.write(MESSAGE)
    sys.exit(2)
