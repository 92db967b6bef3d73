"""Lower bound for ipdesk's start-up: ipdesk's main window rebuilt from the same Qt classes with fixed text.

No database, no ipdesk code, no custom painting: a QMainWindow with the same menus and shortcuts, toolbar, two
trees, the search bar, the level buttons, a 67-row table of wrapped Chinese text, the detail pane and the status
bar, in the bundled CJK font (Linux machines often have none). Whatever this costs to show is the cost of
PySide6 and Qt for that window, which no implementation of it in PySide6 can avoid. Frozen by floor.spec
(IPDESK_BENCH_PROGRAM=skeleton); with --smoke-test it prints a line once the window is painted and exits.
"""

import sys
import time

from shown import quit_when_shown  # bench/packaging/shown.py

T0 = time.perf_counter()

CLAUSE = (
    "将制定实施全市性知识产权战略、规划、政策，全市性知识产权统计调查分析发布，确认为市级财政事权，由市级承担支出责任。"
)
REGIONS = {"山西省": ["晋城市"], "内蒙古自治区": ["包头市"], "广西壮族自治区": ["钦州市"], "青海省": ["海东市"]}
CATEGORIES = ["知识产权宏观管理", "知识产权授权确权", "知识产权运用促进", "知识产权保护", "知识产权公共服务"]
LEVELS = ["上级", "下级", "共同", "按隶属关系", "按属地", "另行确定"]
ROWS = 67


def font_path():
    from pathlib import Path

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    return base / "resources" / "fonts" / "wqy-microhei-gbk.ttf"


def build_window():
    from PySide6.QtCore import QAbstractTableModel, Qt
    from PySide6.QtGui import QAction, QKeySequence, QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QAbstractItemView,
        QCheckBox,
        QHBoxLayout,
        QLabel,
        QLineEdit,
        QMainWindow,
        QSplitter,
        QTableView,
        QTextBrowser,
        QToolButton,
        QTreeView,
        QVBoxLayout,
        QWidget,
    )

    class Table(QAbstractTableModel):
        HEADERS = ("地区", "事项类别", "财政事权归属", "原文", "文号")

        def rowCount(self, parent=None):
            return 0 if parent is not None and parent.isValid() else ROWS

        def columnCount(self, parent=None):
            return 0 if parent is not None and parent.isValid() else len(self.HEADERS)

        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role != Qt.ItemDataRole.DisplayRole:
                return None
            r = index.row()
            return ["晋城市", CATEGORIES[r % 5], f"{LEVELS[r % 6]}\n市级财政事权\n由市级承担支出责任", CLAUSE,
                    f"晋市财行〔2024〕{r}号"][index.column()]  # fmt: skip

        def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
                return self.HEADERS[section]
            return None

    win = QMainWindow()
    win.setWindowTitle("知识产权财政事权查询 — 数据截至 2025年7月31日")
    menus = {"文件(&F)": ["打印汇总表…", "导出 PDF…", "导出 Excel…", "导出 CSV…", "退出"],
             "编辑(&E)": ["复制引用", "复制原文", "复制文号", "查找…"],
             "查看(&V)": ["查看全文", "显示详情", "显示全部", "转到地区", "转到事项类别", "转到条款表"],
             "帮助(&H)": ["使用说明", "关于"]}  # fmt: skip
    toolbar = win.addToolBar("工具栏")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for n, (title, names) in enumerate(menus.items()):
        menu = win.menuBar().addMenu(title)
        for i, name in enumerate(names):
            action = QAction(name, win)
            action.setShortcut(QKeySequence(f"Ctrl+{n}{i}" if i else "Ctrl+P"))
            action.setStatusTip(name)
            menu.addAction(action)
            if n < 2:
                toolbar.addAction(action)

    regions = QStandardItemModel()
    for province, cities in REGIONS.items():
        item = QStandardItem(f"{province}（15）")
        item.appendRows([QStandardItem(f"{city}（15）") for city in cities])
        regions.appendRow(item)
    categories = QStandardItemModel()
    for name in CATEGORIES:
        item = QStandardItem(f"{name}（10）")
        item.appendRows([QStandardItem(CLAUSE[:20]) for _ in range(3)])
        categories.appendRow(item)
    left = QSplitter(Qt.Orientation.Vertical)
    for model in (regions, categories):
        tree = QTreeView()
        tree.setHeaderHidden(True)
        tree.setWordWrap(True)
        tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        tree.setModel(model)
        tree.expandAll()
        left.addWidget(tree)

    right = QWidget()
    layout = QVBoxLayout(right)
    search = QHBoxLayout()
    search.addWidget(QLabel("查找："))
    edit = QLineEdit()
    edit.setPlaceholderText("查找原文、方案标题或文号（Ctrl+F）：如 专利导航、质押、48号")
    search.addWidget(edit, 1)
    search.addWidget(QCheckBox("仅在当前地区"))
    search.addWidget(QCheckBox("仅当前类别和级别"))
    layout.addLayout(search)
    scope = QLabel("全部地区 · 全部类别 — 共 67 条")
    font = scope.font()
    font.setBold(True)
    scope.setFont(font)
    layout.addWidget(scope)
    buttons = QHBoxLayout()
    buttons.addWidget(QLabel("财政事权："))
    for name in ["全部", *LEVELS]:
        button = QToolButton()
        button.setText(f"{name} 12")
        button.setCheckable(True)
        buttons.addWidget(button)
    buttons.addStretch(1)
    layout.addLayout(buttons)
    table = QTableView()
    table.setModel(Table(table))
    table.setWordWrap(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setStretchLastSection(True)
    table.setColumnWidth(3, 500)
    table.resizeRowsToContents()
    detail = QTextBrowser()
    detail.setHtml(f"<p><b>上级</b> 市级财政事权</p><p style='font-size:large'>{CLAUSE * 2}</p>"
                   "<table><tr><td>方案</td><td>《晋城市知识产权领域市与县财政事权和支出责任划分改革实施方案》</td></tr>"
                   "<tr><td>文号</td><td>晋市财行〔2024〕88号</td></tr></table>")  # fmt: skip
    right_split = QSplitter(Qt.Orientation.Vertical)
    right_split.addWidget(table)
    right_split.addWidget(detail)
    layout.addWidget(right_split, 1)
    main = QSplitter(Qt.Orientation.Horizontal)
    main.addWidget(left)
    main.addWidget(right)
    main.setSizes([280, 1000])
    win.setCentralWidget(main)
    win.statusBar().showMessage("共 67 条")
    win.statusBar().addPermanentWidget(QLabel("数据截至 2025年7月31日；方案 5 个，条款 67 条"))
    table.selectRow(0)
    return win


def main() -> int:
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    app = QApplication(sys.argv)
    if sys.platform == "win32":  # as ipdesk.fonts does
        font_id = QFontDatabase.addApplicationFontFromData(QByteArray(font_path().read_bytes()))
    else:
        font_id = QFontDatabase.addApplicationFont(str(font_path()))
    font = QFont(app.font())
    font.setFamilies(QFontDatabase.applicationFontFamilies(font_id))
    app.setFont(font)
    win = build_window()
    win.resize(1366, 768)
    win.show()
    quit_when_shown(app, "skeleton", T0)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
