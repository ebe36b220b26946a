"""Qt's own texts in Chinese: OK/Cancel/Yes/No, the text-field context menu, file and print dialogs.

PySide6 ships ``qtbase_zh_CN.qm``; a PyInstaller build carries the same translations folder.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_PROPERTY = "xhdesk_qt_translations"


def install_qt_translations() -> bool:
    """Load qtbase_zh_CN once per application; True if Qt's texts are now Chinese."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    if app.property(_PROPERTY):
        return True
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    if not translator.load(
        QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", folder
    ):
        return False
    QCoreApplication.installTranslator(translator)
    app.setProperty(_PROPERTY, True)
    return True
