#include "screenshot.h"

#include "mainwindow.h"

#include <QCoreApplication>
#include <QDir>
#include <QPixmap>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace seis::gui {

void scheduleScreenshot(MainWindow& window, const QString& outPath) {
    window.show();
    // The data arrive from the tile cache's worker: take the picture once they are on screen
    // (or after 60 s without them, of whatever is there).
    auto taken = std::make_shared<bool>(false);
    const auto take = [&window, outPath, taken] {
        if (*taken)
            return;
        *taken = true;
        const QPixmap image = window.grab();
        if (image.isNull() || !image.save(outPath)) {
            std::fprintf(stderr, "error: %s: cannot write the screenshot\n",
                         QDir::toNativeSeparators(outPath).toLocal8Bit().constData());
            QCoreApplication::exit(1);
            return;
        }
        QCoreApplication::exit(0);
    };
    QObject::connect(&window, &MainWindow::viewShown, &window, [take] {
        QTimer::singleShot(0, take); // after the view has laid out and painted the new data
    });
    QTimer::singleShot(60000, &window, take);
}

} // namespace seis::gui
