#include "imagefile.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"

#include <QBuffer>
#include <QFileInfo>
#include <QImageWriter>

namespace seis::gui {

QString writeImageFile(const QPixmap& image, const QString& path, const QStringList& inputs) {
    if (image.isNull())
        return QStringLiteral("%1: nothing was drawn").arg(path);
    QByteArray format = QFileInfo(path).suffix().toLower().toLatin1();
    if (!QImageWriter::supportedImageFormats().contains(format))
        format = "png";
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, format.constData()))
        return QStringLiteral("%1: cannot encode the image as %2")
            .arg(path, QString::fromLatin1(format));
    try {
        writeOutputFile(path, bytes, {.inputs = inputs});
    } catch (const Error& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace seis::gui
