#include "screenshot.h"

#include "mainwindow.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QFileInfo>
#include <QImageWriter>
#include <QPixmap>
#include <QTimer>
#include <cstdio>
#include <memory>

namespace seis::gui {

namespace {

// The image encoded in the format its file name asks for (PNG when the suffix names none), then
// written through OutputFile. Returns the problem, empty on success.
QString saveImage(const QPixmap& image, const QString& outPath, const QStringList& inputs) {
    if (image.isNull())
        return QStringLiteral("%1: nothing was drawn").arg(outPath);
    QByteArray format = QFileInfo(outPath).suffix().toLower().toLatin1();
    if (!QImageWriter::supportedImageFormats().contains(format))
        format = "png";
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format.constData()))
        return QStringLiteral("%1: cannot encode the screenshot as %2")
            .arg(outPath, QString::fromLatin1(format));
    try {
        writeOutputFile(outPath, bytes, {.inputs = inputs});
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace

void scheduleScreenshot(MainWindow& window, const QString& outPath, const QStringList& inputs) {
    window.show();
    // The data arrive from the tile cache's worker: take the picture once they are on screen
    // (or after 60 s without them, of whatever is there).
    auto taken = std::make_shared<bool>(false);
    const auto take = [&window, outPath, inputs, taken] {
        if (*taken)
            return;
        *taken = true;
        const QString problem = saveImage(window.grab(), outPath, inputs);
        if (!problem.isEmpty()) {
            std::fprintf(stderr, "error: %s\n", problem.toLocal8Bit().constData());
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
