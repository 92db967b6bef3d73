"""Which CJK family the window uses, and when the bundled font is registered."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFont, QFontMetricsF

from ipdesk import fonts


def test_system_family_is_used_without_registering_the_bundled_font(qapp, monkeypatch):
    registered = []
    monkeypatch.setattr(fonts, "register_bundled_font", lambda: registered.append(1) or ("WenQuanYi Micro Hei",))
    monkeypatch.setattr(fonts.QFontDatabase, "families", staticmethod(lambda *a: ["DejaVu Sans", "微软雅黑"]))
    assert fonts.ui_family() == "微软雅黑"
    assert registered == []


def test_bundled_font_when_the_system_has_no_chinese_font(qapp, monkeypatch):
    monkeypatch.setattr(fonts.QFontDatabase, "families", staticmethod(lambda *a: ["DejaVu Sans"]))
    assert fonts.ui_family() == "WenQuanYi Micro Hei"
    assert fonts.print_family() == "WenQuanYi Micro Hei"


def test_bundled_font_from_memory_when_qt_cannot_open_its_path(qapp, monkeypatch):
    fonts.register_bundled_font.cache_clear()
    monkeypatch.setattr(fonts.QFontDatabase, "addApplicationFont", staticmethod(lambda path: -1))
    try:
        assert "WenQuanYi Micro Hei" in fonts.register_bundled_font()
    finally:
        fonts.register_bundled_font.cache_clear()


def test_program_font_skips_shaping_and_measures_every_text_as_shaped(qapp, repo):
    """ipdesk.app._setup_font asks Qt not to shape (OpenType) text that does not need it: half the cost of laying out
    a text. What the window shows must not move: each clause, plan title, 文号, region and matter of the database
    measures the same width as with shaping."""
    font = qapp.font()
    assert font.styleStrategy() & QFont.StyleStrategy.PreferNoShaping
    shaped = QFont(font)
    shaped.setStyleStrategy(QFont.StyleStrategy.PreferDefault)
    fast, slow = QFontMetricsF(font), QFontMetricsF(shaped)
    texts = [c.text for c in repo.clauses()]
    texts += [text for d in map(repo.document, repo.document_ids()) for text in (d.title, d.doc_no, d.region_name)]
    texts += [name for matters in repo.matters_by_category().values() for name, _ in matters]
    assert len(texts) > 100
    assert [fast.horizontalAdvance(t) for t in texts] == [pytest.approx(slow.horizontalAdvance(t)) for t in texts]
