// Images written as files: the format the file name asks for (PNG when its suffix names none
// Qt can write), through seis::OutputFile (a temporary renamed once written; "-" is standard
// output; an input is never written).
#pragma once

#include <QPixmap>
#include <QString>
#include <QStringList>

namespace seis::gui {

// Writes `image` to `path`, refusing the files in `inputs`. Returns the problem, a sentence
// naming the file; empty on success.
QString writeImageFile(const QPixmap& image, const QString& path, const QStringList& inputs);

} // namespace seis::gui
