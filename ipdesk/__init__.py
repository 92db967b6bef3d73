"""ipdesk: offline lookup of the fiscal-authority and expenditure-responsibility division plans."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("ipdesk")
except PackageNotFoundError:  # running from a source tree or a frozen bundle without metadata
    __version__ = "0.1.0"

APP_NAME_ZH = "知识产权财政事权查询"
