"""Reading the files a clerk holds (.txt, .docx, .pdf, saved web pages, .ofd) into the plain text the parser reads.

No Qt and nothing loaded at start-up: the window imports this package only when a file is imported. Every
failure is one :class:`ReadError`, whose message is one Chinese line naming the file and the reason.

    result = read_document(path)        # ReadResult: text, format, metadata hints, warnings
    parsed = parse_document(path)       # the same, parsed: parsed.document (ipdesk.corpus.model.Document)
"""

from __future__ import annotations

from .base import FORMAT_NAMES, ReadError, ReadResult
from .reader import ParsedDocument, parse_document, read_document

__all__ = ["FORMAT_NAMES", "ParsedDocument", "ReadError", "ReadResult", "parse_document", "read_document"]
