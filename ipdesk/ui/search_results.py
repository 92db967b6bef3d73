"""The search results under the box: the list and the painter of a result (no logic). Made when the first result
is shown, not with the window: the list is hidden until then, and its classes (QListView, QTextDocument) cost
≈ 3 ms of start-up (docs/performance.md, "Packaging")."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSize
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ..models.search_model import SearchResultModel, SearchRole

SELECTED_COLOR = "#cfe2f7"


class ResultList(QListView):
    """One row per hit (SearchResultModel), painted by HitDelegate; wraps to the width of the panel."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("search_results")
        self.setAccessibleName("查找结果")
        self.results = SearchResultModel(self)
        self.setModel(self.results)
        self.setItemDelegate(HitDelegate(self))
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.setResizeMode(QListView.ResizeMode.Adjust)


class HitDelegate(QStyledItemDelegate):
    """Paints a result's rich text (SearchRole.HTML): header line with badge, snippet with highlights."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setDocumentMargin(4)
        doc.setHtml(index.data(SearchRole.HTML) or "")
        doc.setTextWidth(max(100, option.rect.width()))
        return doc

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        # A light selection colour keeps the grey header, the badges and the hit highlights readable.
        opt.palette.setColor(QPalette.ColorRole.Highlight, QColor(SELECTED_COLOR))
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        painter.save()
        painter.translate(option.rect.topLeft())
        painter.setClipRect(QRectF(0, 0, option.rect.width(), option.rect.height()))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        width = option.widget.viewport().width() if option.widget is not None else option.rect.width()
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        doc = self._document(opt, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 2)
