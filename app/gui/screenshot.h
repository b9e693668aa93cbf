// seisview --screenshot: render the main window once and save it, for documentation and for
// checking the display without a screen.
#pragma once

#include <QString>
#include <QStringList>

namespace seis::gui {

class MainWindow;

// Shows `window`, lets one event-loop pass lay it out and paint, grabs it into `outPath` and ends
// the event loop with 0, or with 1 after printing "error: ..." if the image cannot be written.
// The image is written through seis::OutputFile ("-" is standard output; `inputs`, the file
// shown, are never written). Call before QApplication::exec().
void scheduleScreenshot(MainWindow& window, const QString& outPath, const QStringList& inputs);

} // namespace seis::gui
