"""ipdesk: offline lookup of the fiscal-authority and expenditure-responsibility division plans."""

#: The one place the version is written (pyproject.toml reads it; importlib.metadata would cost ~35 ms of
#: every start-up).
__version__ = "0.1.0"

APP_NAME_ZH = "知识产权财政事权查询"

#: Sub-commands of the command line (ipdesk/cli.py); any other first argument opens the window.
CLI_COMMANDS = ("build", "parse", "export", "report", "search", "import", "imported", "remove", "compare", "chain")
