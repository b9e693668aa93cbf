// Screenshots for people to look at: saved only when SEIS_TEST_SCREENSHOTS names a directory.
// Header-only, for the tests of tests/app. GUI thread only.
#pragma once

#include <QApplication>
#include <QDir>
#include <QString>
#include <QWidget>

namespace seis::testsupport {

// Saves `w` as drawn now (pending events processed first) as `name` (a PNG file name) in the
// directory SEIS_TEST_SCREENSHOTS names (made if missing); does nothing when that variable is
// unset or empty. Returns false only when a screenshot was asked for and could not be saved.
inline bool saveScreenshot(QWidget& w, const QString& name) {
    const QString dir = qEnvironmentVariable("SEIS_TEST_SCREENSHOTS");
    if (dir.isEmpty())
        return true;
    QApplication::processEvents();
    QDir().mkpath(dir);
    return w.grab().save(QDir(dir).filePath(name));
}

} // namespace seis::testsupport
