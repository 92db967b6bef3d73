"""Message boxes and the help window. Tests replace show_error / show_info (module attributes) so nothing blocks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout, QWidget

from .. import APP_NAME_ZH, __version__
from ..dbformat.levels import LEVEL_HINTS, LEVEL_LABELS, level_color
from ..models.citation import data_version_text, html_escape
from ..store.repository import DataInfo


def _message(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
    """A modal box with an OK button in Chinese; the text is plain text (file names, titles and SQLite's reasons
    never become HTML)."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    box.exec()


def show_error(parent: QWidget | None, text: str, title: str = APP_NAME_ZH) -> None:
    _message(parent, QMessageBox.Icon.Critical, title, text)


def show_warning(parent: QWidget | None, text: str, title: str = APP_NAME_ZH) -> None:
    """A notice the clerk should read (e.g. imported plans that could not be loaded); not an error."""
    _message(parent, QMessageBox.Icon.Warning, title, text)


def show_info(parent: QWidget | None, text: str, title: str = APP_NAME_ZH) -> None:
    _message(parent, QMessageBox.Icon.Information, title, text)


def ask(parent: QWidget | None, title: str, text: str, yes: str = "是", no: str = "否") -> bool:
    """A question (plain text) with two buttons in Chinese, the safe one the default; True for yes."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    box.setDefaultButton(box.addButton(no, QMessageBox.ButtonRole.NoRole))
    box.exec()
    return box.clickedButton() is yes_button


def about_html(info: DataInfo, db_path: str) -> str:
    e = html_escape
    return (
        f"<h3>{e(APP_NAME_ZH)}</h3>"
        f"<p>程序版本 {e(__version__)}</p>"
        f"<p><b>{e(data_version_text(info))}</b></p>"
        f"<p>数据库生成于 {e(info.built_at.replace('T', ' ').replace('Z', ' UTC'))}，第 {info.schema_version} 版<br>"
        f"数据库文件：{e(db_path)}</p>"
        "<p>数据来源：各地公开印发的知识产权领域财政事权和支出责任划分改革实施方案。"
        "引用时请以正式印发的文件为准。</p>"
    )


def show_about(parent: QWidget | None, info: DataInfo, db_path: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, f"关于 {APP_NAME_ZH}", "", QMessageBox.StandardButton.Ok, parent)
    box.setTextFormat(box.textFormat().RichText)
    box.setText(about_html(info, db_path))
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    box.exec()


def help_html(info: DataInfo, db_path: str) -> str:
    badges = "".join(
        f'<tr><td><span style="background:{level_color(lv)}; color:#ffffff"><b>&nbsp;{LEVEL_LABELS[lv]}&nbsp;</b>'
        f"</span></td><td>{html_escape(LEVEL_HINTS[lv])}</td></tr>"
        for lv in LEVEL_LABELS
    )
    keys = [
        ("Tab / Shift+Tab", "在地区、事项类别、财政事权筛选、条款表、详情栏之间切换"),
        ("方向键", "在列表和条款表中移动"),
        ("回车", "在详情栏查看所选条款"),
        ("Ctrl+C", "复制所选条款的原文和引用（方案名称、文号、条目位置）"),
        ("Ctrl+O", "查看方案全文并定位到所选条款"),
        ("Ctrl+F", "查找"),
        ("Ctrl+R", "显示全部（清除筛选）"),
        ("Alt+1 / Alt+2 / Alt+3", "转到地区 / 事项类别 / 条款表"),
        ("Ctrl+P", "打印汇总表"),
        ("F1", "本说明"),
    ]
    key_rows = "".join(f"<tr><td><b>{html_escape(k)}</b></td><td>{html_escape(v)}</td></tr>" for k, v in keys)
    return (
        f"<h2>{html_escape(APP_NAME_ZH)} 使用说明</h2>"
        "<p>本程序回答：<b>某一事项，在本地区由哪一级财政负责、方案原文怎么写、出自哪个文件</b>。</p>"
        "<h3>查一个地区</h3><ol>"
        "<li>在左上<b>地区</b>列表中选择本地区，例如“包头市”。括号里是该地区方案的条款数。"
        "有本级方案的省、自治区（如内蒙古自治区）显示本级方案；没有本级方案的省（如山西省）"
        "显示下辖各市的方案，便于对比。</li>"
        "<li>在左下<b>事项类别</b>中选择类别；点类别前的箭头可展开具体事项，选中事项只看列出该事项的条款。</li>"
        "<li>用表格上方的<b>财政事权</b>按钮筛选：例如县区财政局点“下级”，列出由县区负责的全部事项。"
        "可同时选几项，点“全部”取消筛选。</li>"
        "<li>在表格中选择一条，下方<b>详情栏</b>显示完整原文（事项以黄色标出）、方案名称、发文机关、日期、"
        "条目位置和依据文件。点“查看方案全文”可阅读全文并定位到该条。</li></ol>"
        "<h3>对比各地区</h3><p>地区选“全部地区”，再选一个事项类别，表格列出各地区对这一类的规定。</p>"
        "<h3>复制和引用</h3><p>Ctrl+C 复制原文并附上出处，例如："
        "“……（《包头市知识产权领域市本级与旗县区财政事权和支出责任划分改革实施方案》，包府办发〔2025〕42号，一、（二））”。"
        "在表格上点右键可只复制原文或文号。</p>"
        f"<h3>财政事权归属的颜色</h3><table cellspacing='4'>{badges}</table>"
        f"<h3>快捷键</h3><table cellspacing='4'>{key_rows}</table>"
        f"<h3>关于</h3>{about_html(info, db_path)}"
    )


class HelpDialog(QDialog):
    def __init__(self, info: DataInfo, db_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"使用说明 — {APP_NAME_ZH}")
        self.resize(720, 620)
        layout = QVBoxLayout(self)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        self.browser.setHtml(help_html(info, db_path))
        layout.addWidget(self.browser)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
