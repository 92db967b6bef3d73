"""The result and the one error type of the readers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.textrepair import InputError

#: format → how the messages name it
FORMAT_NAMES = {
    "txt": "纯文本",
    "docx": "Word 文档（.docx）",
    "pdf": "PDF",
    "html": "网页",
    "ofd": "OFD 版式文件",
}


class ReadError(InputError):
    """A file that cannot be read; ``str()`` is one Chinese line: 「name」：reason."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(reason.split())  # one line, whatever a library said
        super().__init__(f"「{self.path.name}」：{self.reason}")


class Unreadable(Exception):  # noqa: N818 - internal: a reader's reason, turned into ReadError with the file name
    """Raised inside a reader with the reason only."""


@dataclass
class ReadResult:
    """What a reader made of a file."""

    text: str  # plain text, LF line ends, one paragraph or printed line per line, in reading order
    format: str  # one of FORMAT_NAMES
    metadata: dict[str, str] = field(default_factory=dict)  # hints: 发文机关, 发文字号, 成文日期, 发布日期, 标题 …
    warnings: list[str] = field(default_factory=list)  # in Chinese, for the preview
    encoding: str = ""  # txt and html: the encoding the bytes were read in
    pages: int = 0  # pdf and ofd: number of pages
