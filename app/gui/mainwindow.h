// The viewer's main window. It only wires things together: menus and toolbars, the gather
// display and its navigator, the header views, drag-and-drop, the jobs panel of conversions to
// Zarr and exports, and the status bar.
//
// Threads: GUI thread only. Nothing here reads the file on the GUI thread except what the
// header views show for the traces on screen; windows come from the tile cache's worker.
#pragma once

#include "viewersettings.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QAction;
class QDockWidget;
class QLabel;
class QScrollBar;
class QTableView;
class QTabWidget;

namespace seis {
struct AmplitudeStatistics;
class BinaryHeaderView;
class ColorBar;
class JobProgressDialog;
class SpectrumPanel;
class FileSummaryWidget;
class GatherNavigator;
class GatherView;
class TextHeaderView;
class TraceHeaderModel;
class TraceHeaderTable;
class TraceSource;
class TraceWindow;
struct DisplaySettings;
} // namespace seis

namespace seis::gui {

class AnalysisDocks;
class JobQueue;
class DisplayToolBar;
class DropZones;
class FileChangedBar;
class FileChangeMonitor;
class FileClip;
class JobsPanel;
class NavigationToolBar;
class Picking;
class ProcessingPanel;
class RecentFiles;
class SessionKeeper;
class SortControl;
class StatusReadout;
class TraceScrollBar;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens `path` through openSource (any format it reads) and starts showing it (the first
    // traces; the ensemble scan runs in the background). Throws seis::Error (or std::bad_alloc)
    // if it cannot be opened; the previous file then stays on screen.
    void showFile(const QString& path);

    // showFile() for interactive use: failures are reported in a message box naming the file and
    // the problem. Returns whether the file is now shown.
    bool openFile(const QString& path);

    // For --screenshot: waits for the ensemble scan, then shows ensemble `number` (0-based).
    // Throws ArgumentError naming the file and the ensemble count if there is no such ensemble.
    void showEnsembleNow(qint64 number);
    // Interactively: shows ensemble `number` (0-based) as soon as the scan has found it (at
    // once if it has), or the last ensemble if the scan ends with fewer. Never waits.
    void showEnsembleWhenFound(qint64 number);
    // For --screenshot --sort: sorts by `keys` ("cdp,offset"), waits for the sort and shows its
    // first gather. Throws ArgumentError for bad keys and what the sort throws.
    void showSortNow(const QString& keys);
    void setDisplaySettings(const DisplaySettings& settings);

    // The header-mapping settings (ensemble keys, axis label key, status-bar keys, custom
    // fields, the ensemble index cache's bound), loaded from QSettings at construction.
    // setViewerSettings() validates (throws ArgumentError), stores them in QSettings and applies
    // them to the open file: new ensemble keys start a new scan, new label or cursor keys take
    // effect with the next window, a new cache bound with the next scan.
    const ViewerSettings& viewerSettings() const { return m_settings; }
    void setViewerSettings(const ViewerSettings& settings);
    // Opens the header-mapping dialog (modal) and applies what is accepted.
    void editViewerSettings();

    RecentFiles* recentFiles() const { return m_recent; }

    // Whole-file clip: clips at the chosen percentile of |amplitude| over every sample of the
    // file. The statistics are computed once per file on a worker, behind a progress dialog that
    // can cancel (the window stays usable); cancelling leaves the window's clip in use.
    void setFileClip(bool on);
    bool fileClip() const;
    // The whole-file statistics of the open file, once computed.
    const AmplitudeStatistics* fileStatistics() const;
    // The dialog of the running ensemble scan or statistics job (nullptr when none runs).
    JobProgressDialog* scanDialog() const { return m_scanDialog; }
    JobProgressDialog* statisticsDialog() const;
    FileClip* fileClipControl() const { return m_fileClip; }

    // The open file (null when none).
    std::shared_ptr<const TraceSource> file() const { return m_file; }
    // Watches the open file for changes on disk; a change, or a read that failed because the
    // file shrank, shows the bar, which offers to reopen the file (reopenFile).
    FileChangeMonitor* changeMonitor() const { return m_changes; }
    FileChangedBar* fileChangedBar() const { return m_changedBar; }
    // Opens the open file again as it is now, at the traces on screen where they still exist.
    // Failures are reported like openFile's.
    void reopenFile();

    GatherView* gatherView() const { return m_view; }
    // The amplitude scale beside the view (colorbar.h); it follows the view.
    ColorBar* colorBar() const { return m_colorBar; }
    DisplayToolBar* displayToolBar() const { return m_display; }
    GatherNavigator* navigator() const { return m_navigator; }
    // The sorted view (sortcontrol.h: "Sort" on the navigation toolbar). With a sort shown the
    // navigator, the header table and the status bar work on its sorted source; file order
    // otherwise.
    SortControl* sortControl() const { return m_sort; }

    // Exports (File > Export..., ExportDialog: a selection of the open file, processed or not,
    // to SEG-Y or Zarr) run in the same queue and panel as conversions; the Open button of a
    // finished one opens its output, and the status bar says it is ready.
    // Conversions to Zarr (File > Convert to Zarr..., or files dropped on "Convert to Zarr"):
    // queues each of `paths` with the conversion settings stored in QSettings
    // (ConversionSettings) and shows the jobs panel. Returns the jobs' ids. Never waits: the
    // conversions run in the background (JobQueue).
    QList<int> convertFiles(const QStringList& paths);
    JobQueue* jobQueue() const { return m_jobQueue; }
    JobsPanel* jobsPanel() const { return m_jobs; }
    QDockWidget* jobsDock() const { return m_jobsDock; }
    // The processing panel: the flow the view shows (kept in the settings).
    ProcessingPanel* processingPanel() const { return m_processing; }
    // The spectrum panel (a dock, View > Spectrum, hidden at first): the mean amplitude spectra
    // of the traces on screen before and after the flow, computed on the navigator's worker
    // while the dock is visible (GatherNavigator::setSpectrumWanted).
    SpectrumPanel* spectrumPanel() const { return m_spectrum; }
    QDockWidget* spectrumDock() const { return m_spectrumDock; }
    // The header graph, geometry map and single-trace view (analysisdocks.h), each a dock of
    // the View menu, hidden at first.
    AnalysisDocks* analysis() const { return m_analysis; }
    // Whether changes of the flow are kept in the settings (default true; a screenshot's flow
    // from the command line is not).
    void setFlowKept(bool kept) { m_keepFlow = kept; }
    // What the window remembers between runs (sessionkeeper.h); closing the window stores it.
    SessionKeeper* session() const { return m_session; }
    // Picking on the gather (picking.h): pick mode, the Picks menu, the readout, pick files.
    Picking* picking() const { return m_picking; }
    // What the window shows while files are dragged over it.
    DropZones* dropZones() const { return m_dropZones; }

signals:
    // A window of data has just been put on screen.
    void viewShown();
    // The whole-file statistics job ended (`cancelled`, or failed, or done and applied).
    void fileStatisticsFinished(bool applied);

protected:
    // Dragged local files (and directories: Zarr stores) show the drop zones (DropZones): the
    // left half opens the first, the right half converts them all to Zarr (offered unless only
    // directories are dragged). Anything else is refused.
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dragMoveEvent(QDragMoveEvent* event) override;
    void dragLeaveEvent(QDragLeaveEvent* event) override;
    void dropEvent(QDropEvent* event) override;
    // With conversions queued or running, asks whether to cancel them and quit (nothing of a
    // cancelled conversion is left on disk); "No" keeps the window open.
    void closeEvent(QCloseEvent* event) override;

private:
    void chooseFile();
    void chooseStore();
    void chooseFilesToConvert();
    void exportTraces(); // File > Export...: the dialog, then a job of the jobs panel
    void saveImage();    // File > Save image...
    void showNothing();
    void showWindow(const TraceWindow& window);
    void moveTraces(double screens);
    void zoomTraces(double factor);
    void showCursor(qint64 trace, double timeMs, float amplitude);
    void startSource(); // the navigator on m_file (or its sort) with the current settings
    void applySort();   // a sort was built, or the view went back to file order
    // What the navigator shows: the sorted view of m_file, or m_file.
    std::shared_ptr<const TraceSource> shownSource() const;
    void watchScan();
    void applyDisplaySettings(DisplaySettings settings);
    void fileClipFinished(bool applied, const QString& error);
    // If the open file changed on disk, offers to reopen it with `message` and returns true.
    bool offerReopenIfChanged(const QString& message);
    std::vector<HeaderField> windowHeaderKeys() const;
    void showCustomFields(); // in the trace-header table

    std::shared_ptr<const TraceSource> m_file;
    GatherNavigator* m_navigator = nullptr;
    GatherView* m_view = nullptr;
    TraceScrollBar* m_scroll = nullptr;
    DisplayToolBar* m_display = nullptr;
    ColorBar* m_colorBar = nullptr;
    NavigationToolBar* m_navigation = nullptr;
    QTabWidget* m_tabs = nullptr;
    FileSummaryWidget* m_summary = nullptr;
    TextHeaderView* m_text = nullptr;
    BinaryHeaderView* m_binary = nullptr;
    TraceHeaderModel* m_headers = nullptr;
    TraceHeaderTable* m_headerTable = nullptr;
    QLabel* m_cursor = nullptr;
    QLabel* m_status = nullptr;
    qint64 m_width = 1000; // traces on screen in trace mode
    ViewerSettings m_settings;
    StatusReadout* m_readout = nullptr; // the cursor and view readouts of the status bar
    RecentFiles* m_recent = nullptr;
    FileClip* m_fileClip = nullptr;
    SortControl* m_sort = nullptr;
    JobProgressDialog* m_scanDialog = nullptr;
    FileChangeMonitor* m_changes = nullptr;
    FileChangedBar* m_changedBar = nullptr;
    JobQueue* m_jobQueue = nullptr;
    QAction* m_exportAction = nullptr;
    JobsPanel* m_jobs = nullptr;
    QDockWidget* m_jobsDock = nullptr;
    ProcessingPanel* m_processing = nullptr;
    QDockWidget* m_processingDock = nullptr;
    SpectrumPanel* m_spectrum = nullptr;
    QDockWidget* m_spectrumDock = nullptr;
    AnalysisDocks* m_analysis = nullptr;
    bool m_keepFlow = true;
    SessionKeeper* m_session = nullptr;
    Picking* m_picking = nullptr;
    DropZones* m_dropZones = nullptr;
    bool m_closeWhenIdle = false; // quitting: close once the cancelled conversion stopped
};

} // namespace seis::gui
