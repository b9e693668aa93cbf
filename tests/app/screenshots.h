// Screenshots for people to look at: saved only when SEIS_TEST_SCREENSHOTS names a directory.
// Header-only, for the tests of tests/app. GUI thread only.
#pragma once

#include <QApplication>
#include <QDir>
#include <QString>
#include <QWidget>

namespace seis::testsupport {

// Saves `w` as drawn now (pending events processed first) as `name` (a PNG file name) in the
// directory SEIS_TEST_SCREENSHOTS names; does nothing when that variable is unset or empty.
inline void saveScreenshot(QWidget& w, const QString& name) {
    const QString dir = qEnvironmentVariable("SEIS_TEST_SCREENSHOTS");
    if (dir.isEmpty())
        return;
    QApplication::processEvents();
    w.grab().save(QDir(dir).filePath(name));
}

} // namespace seis::testsupport
