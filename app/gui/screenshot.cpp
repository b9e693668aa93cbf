#include "screenshot.h"

#include "imagefile.h"
#include "mainwindow.h"

#include "seis/gathernavigator.h"

#include <QCoreApplication>
#include <QPixmap>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace seis::gui {

void scheduleScreenshot(MainWindow& window, const QString& outPath, const QStringList& inputs) {
    window.show();
    // The data arrive from the tile cache's worker: take the picture once they are on screen
    // (or after 60 s without them, of whatever is there).
    auto taken = std::make_shared<bool>(false);
    const auto take = [&window, outPath, inputs, taken] {
        if (*taken)
            return;
        *taken = true;
        const QString problem = writeImageFile(window.grab(), outPath, inputs);
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", problem.toLocal8Bit().constData());
            QCoreApplication::exit(1);
            return;
        }
        QCoreApplication::exit(0);
    };
    QObject::connect(&window, &MainWindow::viewShown, &window, [&window, take] {
        // Not a window that was in flight when the start options asked for another.
        if (!window.navigator()->showsView())
            return;
        QTimer::singleShot(0, take); // after the view has laid out and painted the new data
    });
    QTimer::singleShot(60000, &window, take);
}

} // namespace seis::gui
