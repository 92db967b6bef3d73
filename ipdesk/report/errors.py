"""The one error the report package raises: str(error) is a Chinese message for the clerk."""

from __future__ import annotations


class ReportError(RuntimeError):
    """Printing or exporting failed; nothing half-written is left behind. str(error) says what to do."""
