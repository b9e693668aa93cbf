// The viewer's main window. It only wires things together: the menu, the open-file flow, the
// file summary, the gather preview and the status bar.
//
// Threads: GUI thread only.
#pragma once

#include <QMainWindow>
#include <memory>

class QLabel;

namespace seis {
class FileSummaryWidget;
class GatherPreview;
class SegyFile;
} // namespace seis

namespace seis::gui {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `path` and shows it. Throws SegyError (or std::bad_alloc) on failure; the window then
    // shows the previous file if the open itself failed, nothing if reading the preview did.
    void showFile(const QString& path);

    // showFile() for interactive use: failures are reported in a message box naming the file and
    // the problem. Returns whether the file is now shown.
    bool openFile(const QString& path);

private:
    void chooseFile();
    void showNothing();

    std::unique_ptr<SegyFile> m_file; // kept open for the views to come; the widgets copy
    FileSummaryWidget* m_summary = nullptr;
    GatherPreview* m_preview = nullptr;
    QLabel* m_status = nullptr;
};

} // namespace seis::gui
