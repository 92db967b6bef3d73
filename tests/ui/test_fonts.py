"""Which CJK family the window uses, and when the bundled font is registered."""

from __future__ import annotations

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
