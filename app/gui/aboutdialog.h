// Help > About: the program's version, the Qt it was built with and runs on, and the libraries
// it uses with their licences.
//
// Threads: GUI thread only.
#pragma once

#include <QDialog>
#include <QString>

namespace seis::gui {

// The dialog's text (HTML): "seisview VERSION" (the project's version, CMake's
// PROJECT_VERSION), the Qt versions (QT_VERSION_STR at build, qVersion() at run time), and one
// line per library with its licence as Debian 12's copyright files give it.
QString aboutText();

class AboutDialog : public QDialog {
    Q_OBJECT

public:
    // aboutText() in a read-only label (objectName "aboutText") and a Close button.
    explicit AboutDialog(QWidget* parent = nullptr);
};

} // namespace seis::gui
