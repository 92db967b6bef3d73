"""Qt item models over the query layer (QtCore/QtGui only, no widgets, no SQL)."""
