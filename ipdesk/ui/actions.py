"""Every QAction, shortcut, menu and toolbar of the main window, in one place.

The actions only announce intent (triggered); the main window connects them in _connect_signals().
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar


class Actions(QObject):
    """The window's actions (attributes), its menu bar, toolbar and the clause table's context menu."""

    def __init__(self, window: QMainWindow):
        super().__init__(window)
        self.window = window

        def make(text: str, shortcut=None, tip: str = "") -> QAction:
            action = QAction(text, window)
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if tip:
                action.setStatusTip(tip)
                action.setToolTip(tip)
            window.addAction(action)  # shortcuts work even when the toolbar is hidden
            return action

        # 文件
        self.print_summary = make(
            "打印汇总表…", QKeySequence.StandardKey.Print, "预览并打印所选地区的财政事权汇总表（A4，可选横向或纵向）"
        )
        self.export_pdf = make("导出 PDF…", None, "把所选地区的汇总表保存为 PDF 文件")
        self.export_xlsx = make("导出 Excel…", None, "把所选地区的汇总表保存为 Excel 工作簿（.xlsx），可直接打印")
        self.export_csv = make("导出 CSV…", None, "把所选地区的汇总表保存为 CSV 文件（UTF-8，Excel 可直接打开）")
        self.import_plans = make(
            "导入方案…",
            QKeySequence("Ctrl+I"),
            "导入本地区或其他地区的方案文件（txt、Word、PDF、网页、OFD），也可把文件拖到窗口中",
        )
        self.show_imported = make("已导入的方案…", None, "查看或删除本机导入的方案")
        self.quit = make("退出", QKeySequence("Ctrl+Q"), "关闭程序")
        # 编辑
        self.copy_citation = make(
            "复制引用", QKeySequence.StandardKey.Copy, "复制所选条款的原文，并附上方案名称、文号和条目位置"
        )
        self.copy_text = make("复制原文", None, "只复制所选条款的原文")
        self.copy_doc_no = make("复制文号", None, "复制所选条款所在方案的文号")
        self.find = make("查找…", QKeySequence.StandardKey.Find, "在所有条款中查找文字（Ctrl+F）")
        # 查看
        self.full_text = make("查看全文", QKeySequence("Ctrl+O"), "打开所选条款所在方案的全文，并定位到该条")
        self.show_detail = make("显示详情", None, "在下方详情栏显示所选条款（在表格中按回车键也可以）")
        self.chain = make("上位方案…", None, "列出适用于所选地区的各级方案（自上而下）及该地区在其中的一方")
        self.compare = make("对比地区…", QKeySequence("Ctrl+M"), "逐项对比多个地区方案的财政事权划分，可打印和导出")
        self.clear_filters = make("显示全部", QKeySequence("Ctrl+R"), "清除地区、类别和财政事权筛选，显示全部条款")
        self.focus_regions = make("转到地区", QKeySequence("Alt+1"), "把光标移到地区列表")
        self.focus_categories = make("转到事项类别", QKeySequence("Alt+2"), "把光标移到事项类别列表")
        self.focus_table = make("转到条款表", QKeySequence("Alt+3"), "把光标移到条款表")
        # 帮助
        self.help = make("使用说明", QKeySequence.StandardKey.HelpContents, "使用说明和数据版本（F1）")
        self.about = make("关于", None, "程序和数据的版本")

        self.copy_actions = (self.copy_citation, self.copy_text, self.copy_doc_no, self.full_text, self.show_detail)
        self.output_actions = (self.print_summary, self.export_pdf, self.export_xlsx, self.export_csv)

    def build_menus(self) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([self.import_plans, self.show_imported])
        file_menu.addSeparator()
        file_menu.addActions(list(self.output_actions))
        file_menu.addSeparator()
        file_menu.addAction(self.quit)
        edit = bar.addMenu("编辑(&E)")
        edit.addActions([self.copy_citation, self.copy_text, self.copy_doc_no])
        edit.addSeparator()
        edit.addAction(self.find)
        view = bar.addMenu("查看(&V)")
        view.addActions([self.full_text, self.show_detail, self.clear_filters])
        view.addSeparator()
        view.addActions([self.compare, self.chain])
        view.addSeparator()
        view.addActions([self.focus_regions, self.focus_categories, self.focus_table])
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addActions([self.help, self.about])

    def build_toolbar(self) -> QToolBar:
        toolbar = QToolBar("工具栏", self.window)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions(list(self.output_actions))
        toolbar.addSeparator()
        toolbar.addActions([self.copy_citation, self.full_text, self.clear_filters])
        toolbar.addSeparator()
        toolbar.addAction(self.help)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar

    def context_menu(self, parent) -> QMenu:
        menu = QMenu(parent)
        menu.addActions([self.copy_text, self.copy_citation, self.copy_doc_no])
        menu.addSeparator()
        menu.addAction(self.full_text)
        return menu

    def set_clause_actions_enabled(self, enabled: bool) -> None:
        for action in self.copy_actions:
            action.setEnabled(enabled)
