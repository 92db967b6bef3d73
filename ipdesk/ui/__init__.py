"""Widgets (the only package that imports QtWidgets): main window, panels, dialogs, actions."""
