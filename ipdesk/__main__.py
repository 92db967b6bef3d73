"""Entry point: `ipdesk` / `python -m ipdesk` opens the window; a sub-command runs the command line."""

from __future__ import annotations

import sys

from . import CLI_COMMANDS


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in CLI_COMMANDS:
        from .cli import run  # the window never loads the command line

        return run(argv)
    from .app import run_gui  # Qt is imported only for the window

    return run_gui(argv)


if __name__ == "__main__":
    sys.exit(main())
