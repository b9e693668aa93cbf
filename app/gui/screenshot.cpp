#include "screenshot.h"

#include "mainwindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QTimer>
#include <cstdio>

namespace seis::gui {

void scheduleScreenshot(MainWindow& window, const QString& outPath) {
    window.show();
    QTimer::singleShot(0, &window, [&window, outPath] {
        const QPixmap image = window.grab();
        if (image.isNull() || !image.save(outPath)) {
            std::fprintf(stderr, "error: %s: cannot write the screenshot\n",
                         QDir::toNativeSeparators(outPath).toLocal8Bit().constData());
            QCoreApplication::exit(1);
            return;
        }
        QCoreApplication::exit(0);
    });
}

} // namespace seis::gui
