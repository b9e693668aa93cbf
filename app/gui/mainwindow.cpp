#include "mainwindow.h"

#include "aboutdialog.h"
#include "analysisdocks.h"
#include "conversiondialog.h"
#include "conversionsettings.h"
#include "displaytoolbar.h"
#include "dropzones.h"
#include "exportdialog.h"
#include "filechangedbar.h"
#include "filechangemonitor.h"
#include "fileclip.h"
#include "headersettingsdialog.h"
#include "imagefile.h"
#include "jobqueue.h"
#include "jobspanel.h"
#include "navigationtoolbar.h"
#include "picking.h"
#include "processingpanel.h"
#include "recentfiles.h"
#include "saveimagedialog.h"
#include "sessionkeeper.h"
#include "shortcutsdialog.h"
#include "sortcontrol.h"
#include "statusreadout.h"
#include "toolbarwrap.h"
#include "tracescrollbar.h"

#include "seis/base/error.h"
#include "seis/base/headerscalars.h"
#include "seis/ensembles/sortedsource.h"
#include "seis/sources/opensource.h"
#include "seis/stats/amplitudestatistics.h"
#include <seis/colorbar.h>
#include <seis/filesummarywidget.h>
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/headerviews.h>
#include <seis/jobprogressdialog.h>
#include <seis/spectrumpanel.h>
#include <seis/traceheadermodel.h>
#include <seis/traceheadertable.h>

#include <QAction>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QScrollBar>
#include <QSettings>
#include <QSignalBlocker>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <exception>
#include <new>

namespace seis::gui {

namespace {

// The settings key of the processing panel's flow (JSON text).
const QString kFlowSetting = QStringLiteral("processing/flow");

QString statusText(const TraceSource& file) {
    const QLocale locale;
    const QString interval =
        file.sampleIntervalUs() > 0
            ? MainWindow::tr("at %1 ms").arg(locale.toString(file.sampleIntervalUs() / 1000.0))
            : MainWindow::tr("(no sample interval)");
    const QString text =
        MainWindow::tr("%1 traces x %2 samples %3")
            .arg(locale.toString(file.traceCount()), locale.toString(file.sampleCount()), interval);
    const QString format = file.formatDescription();
    return format.isEmpty() ? text : text + QStringLiteral(", ") + format;
}

// The local paths of dragged URLs; empty unless every URL is a local file (or directory).
QStringList localPaths(const QMimeData* mime) {
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl& url : mime->urls()) {
        if (!url.isLocalFile())
            return {};
        paths << url.toLocalFile();
    }
    return paths;
}

// Conversion is offered unless only directories (stores) are dragged.
bool anyFile(const QStringList& paths) {
    return std::any_of(paths.begin(), paths.end(),
                       [](const QString& p) { return !QFileInfo(p).isDir(); });
}

QString keyNames(const std::vector<HeaderField>& keys) {
    QStringList names;
    for (const auto& k : keys)
        names << k.name;
    return names.join(QLatin1Char(','));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    qRegisterMetaType<TraceWindow>();
    {
        QSettings stored;
        m_settings = ViewerSettings::load(stored); // always valid; defaults where not
    }
    m_navigator = new GatherNavigator(this);
    m_recent = new RecentFiles({}, this);
    m_fileClip = new FileClip(this);
    connect(m_fileClip, &FileClip::finished, this, &MainWindow::fileClipFinished);

    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = fileMenu->addAction(tr("&Open..."), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addAction(tr("Open &Zarr store..."), this, &MainWindow::chooseStore);
    fileMenu->addAction(tr("&Convert to Zarr..."), this, &MainWindow::chooseFilesToConvert);
    m_exportAction = fileMenu->addAction(tr("&Export..."), this, &MainWindow::exportTraces);
    m_exportAction->setObjectName(QStringLiteral("exportData"));
    m_exportAction->setEnabled(false); // with a file open
    QAction* saveImage = fileMenu->addAction(tr("Save &image..."), this, &MainWindow::saveImage);
    saveImage->setObjectName(QStringLiteral("saveImage"));
    m_recent->attach(fileMenu);
    connect(m_recent, &RecentFiles::openRequested, this, [this](const QString& path) {
        // A file that has gone since is taken off the list; one that is there but fails stays.
        if (!openFile(path) && !QFileInfo::exists(path))
            m_recent->remove(path);
    });
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Header mapping..."), this, &MainWindow::editViewerSettings);
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    m_navigation = new NavigationToolBar(m_navigator, this);
    m_sort = new SortControl(this);
    m_sort->addTo(m_navigation);
    connect(m_sort, &SortControl::sortChanged, this, &MainWindow::applySort);
    connect(m_sort, &SortControl::sortFailed, this, [this](const QString& message) {
        if (!offerReopenIfChanged(message))
            QMessageBox::warning(this, tr("Sort failed"), message);
    });
    connect(m_sort, &SortControl::sortCancelled, this, [this] {
        statusBar()->showMessage(tr("Sort cancelled; the view stays as it was"), 10000);
    });
    m_display = new DisplayToolBar(this);
    addToolBar(m_navigation);
    addToolBar(m_display);
    new ToolBarWrap(this); // a narrow window shows the toolbars in rows, nothing hidden

    QMenu* viewMenu = menuBar()->addMenu(tr("&View"));
    const auto shortcut = [&](const QString& text, QKeySequence key, auto slot) {
        QAction* a = viewMenu->addAction(text, this, slot);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WindowShortcut);
    };
    shortcut(tr("Pan left"), Qt::Key_Left, [this] { moveTraces(-0.25); });
    shortcut(tr("Pan right"), Qt::Key_Right, [this] { moveTraces(0.25); });
    shortcut(tr("Fewer traces"), Qt::Key_Plus, [this] { zoomTraces(1 / 1.5); });
    shortcut(tr("More traces"), Qt::Key_Minus, [this] { zoomTraces(1.5); });
    shortcut(tr("Raise gain"), Qt::Key_BracketRight, [this] { m_display->stepGain(1); });
    shortcut(tr("Lower gain"), Qt::Key_BracketLeft, [this] { m_display->stepGain(-1); });
    shortcut(tr("Reset zoom"), Qt::Key_Home, [this] { m_view->resetView(); });
    viewMenu->addSeparator();
    for (QAction* a : {m_navigation->firstAction(), m_navigation->previousAction(),
                       m_navigation->nextAction(), m_navigation->lastAction()})
        viewMenu->addAction(a);

    // Left: what the file is; right: the data.
    m_tabs = new QTabWidget(this);
    m_summary = new FileSummaryWidget(m_tabs);
    m_text = new TextHeaderView(m_tabs);
    m_binary = new BinaryHeaderView(m_tabs);
    m_headers = new TraceHeaderModel(this);
    showCustomFields();
    m_headerTable = new TraceHeaderTable(m_tabs);
    m_headerTable->setTraceModel(m_headers);
    m_tabs->addTab(m_summary, tr("File"));
    m_tabs->addTab(m_headerTable, tr("Trace headers"));
    m_tabs->addTab(m_text, tr("Text header"));
    m_tabs->addTab(m_binary, tr("Binary header"));

    auto* right = new QWidget(this);
    auto* layout = new QVBoxLayout(right);
    layout->setContentsMargins(0, 0, 0, 0);
    m_changedBar = new FileChangedBar(right);
    layout->addWidget(m_changedBar);
    auto* picture = new QHBoxLayout;
    picture->setSpacing(0);
    m_view = new GatherView(right);
    m_colorBar = new ColorBar(right);
    m_colorBar->follow(m_view);
    picture->addWidget(m_view, 1);
    picture->addWidget(m_colorBar);
    m_scroll = new TraceScrollBar(right);
    layout->addLayout(picture, 1);
    layout->addWidget(m_scroll);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter")); // its sizes are part of the session
    splitter->addWidget(m_tabs);
    splitter->addWidget(right);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({420, 1});
    setCentralWidget(splitter);

    m_cursor = new QLabel(this);
    m_cursor->setObjectName(QStringLiteral("cursorReadout"));
    // The readout of the trace under the cursor comes first: it keeps room for a trace, a few
    // keys, the time and the amplitude; the file's description yields (its tooltip holds it).
    m_cursor->setMinimumWidth(m_cursor->fontMetrics().averageCharWidth() * 64);
    m_status = new QLabel(this);
    m_status->setMinimumWidth(m_status->fontMetrics().averageCharWidth() * 8);
    auto* viewText = new QLabel(this);
    viewText->setObjectName(QStringLiteral("viewReadout"));
    statusBar()->addWidget(m_cursor, 1);
    statusBar()->addPermanentWidget(viewText);
    auto* rule = new QFrame(this); // between what is on screen and what the file is
    rule->setFrameShape(QFrame::VLine);
    rule->setFrameShadow(QFrame::Sunken);
    statusBar()->addPermanentWidget(rule);
    statusBar()->addPermanentWidget(m_status);
    m_readout = new StatusReadout(m_cursor, viewText, this);
    m_readout->setKeys(m_settings.resolveCursorKeys());
    setAcceptDrops(true);
    m_dropZones = new DropZones(this);
    m_session = new SessionKeeper(this);
    // Keys like ] and [ reach the window's shortcuts: the view takes the focus at start and on a
    // click (a focused text box would take printable keys as text).
    m_view->setFocusPolicy(Qt::StrongFocus);
    m_view->setFocus();

    // Conversions: the queue, and its panel in a dock that shows once something is queued
    // (after the central widget, whose children come first in the window's tree).
    m_jobQueue = new JobQueue(this);
    connect(m_jobQueue, &JobQueue::idle, this, [this] {
        if (m_closeWhenIdle)
            close();
    });
    m_jobs = new JobsPanel(m_jobQueue, this);
    m_jobsDock = new QDockWidget(tr("Jobs"), this);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobs);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    m_jobsDock->hide();
    connect(m_jobs, &JobsPanel::openRequested, this, &MainWindow::openFile);
    connect(m_jobQueue, &JobQueue::jobFinished, this, [this](int id) {
        const JobQueue::Job* job = m_jobQueue->job(id);
        if (job && job->state == JobQueue::State::Done)
            statusBar()->showMessage(tr("%1 is ready; open it from the Jobs panel")
                                         .arg(QDir::toNativeSeparators(job->target)),
                                     10000);
    });
    // Processing: the flow the view shows (processingpanel.h), run on the navigator's worker
    // with each window; kept in the settings.
    m_processing = new ProcessingPanel(this);
    m_processingDock = new QDockWidget(tr("Processing"), this);
    m_processingDock->setObjectName(QStringLiteral("processingDock"));
    m_processingDock->setWidget(m_processing);
    addDockWidget(Qt::RightDockWidgetArea, m_processingDock);
    m_processingDock->hide(); // View > Processing, or the display toolbar's "Processing"
    {
        QSettings stored;
        const QByteArray flow = stored.value(kFlowSetting).toByteArray();
        if (!flow.isEmpty()) {
            try {
                m_processing->setFlow(nlohmann::ordered_json::parse(flow.toStdString()));
            } catch (const std::exception&) { // a flow of another version: start without
            }
        }
    }
    m_navigator->setProcessing(m_processing->chain());
    connect(m_processing, &ProcessingPanel::chainChanged, this, [this] {
        m_navigator->setProcessing(m_processing->chain());
        if (!m_keepFlow)
            return;
        QSettings stored;
        stored.setValue(kFlowSetting, QByteArray::fromStdString(m_processing->flow().dump()));
    });

    // Picking (picking.h): the overlay on the view, its menu and readout; a pick set can add
    // its mute to the flow.
    m_picking = new Picking(m_view, m_navigator, m_processing, this);
    m_picking->addActions(fileMenu, quit, m_display);
    connect(m_picking, &Picking::headerKeysChanged, this, [this] {
        if (!m_file)
            return;
        m_navigator->setHeaderKeys(windowHeaderKeys());
        if (m_navigator->mode() == GatherNavigator::Mode::Ensembles)
            m_navigator->showEnsemble(m_navigator->currentEnsemble());
        else
            m_navigator->showTraces(m_navigator->view().begin, m_navigator->view().count());
    });

    // The spectrum of the traces on screen, before and after the flow (spectrumpanel.h):
    // computed with each window on the navigator's worker while the dock is visible.
    m_spectrum = new SpectrumPanel(this);
    m_spectrumDock = new QDockWidget(tr("Spectrum"), this);
    m_spectrumDock->setObjectName(QStringLiteral("spectrumDock"));
    m_spectrumDock->setWidget(m_spectrum);
    addDockWidget(Qt::RightDockWidgetArea, m_spectrumDock);
    m_spectrumDock->hide(); // View > Spectrum, or the display toolbar's "Spectrum"
    connect(m_spectrumDock, &QDockWidget::visibilityChanged, m_navigator,
            &GatherNavigator::setSpectrumWanted);
    connect(m_navigator, &GatherNavigator::spectraReady, m_spectrum, &SpectrumPanel::setSpectra);

    viewMenu->addSeparator();
    viewMenu->addAction(m_jobsDock->toggleViewAction());
    viewMenu->addAction(m_processingDock->toggleViewAction());
    m_processingDock->toggleViewAction()->setObjectName(QStringLiteral("showProcessing"));
    m_processingDock->toggleViewAction()->setToolTip(
        tr("The processing flow (AGC, filters, mute, balance...) applied to what is shown"));
    m_display->addAction(m_processingDock->toggleViewAction());
    viewMenu->addAction(m_spectrumDock->toggleViewAction());
    m_spectrumDock->toggleViewAction()->setObjectName(QStringLiteral("showSpectrum"));
    m_spectrumDock->toggleViewAction()->setToolTip(
        tr("The mean amplitude spectrum of the traces on screen, before and after processing"));
    m_display->addAction(m_spectrumDock->toggleViewAction());
    // Header graph, geometry map, single trace: the header values they need come with windows.
    m_analysis = new AnalysisDocks(this, m_navigator, m_view, viewMenu);
    m_analysis->setHeaderMapping(m_settings.custom);
    connect(m_analysis, &AnalysisDocks::windowFieldsChanged, this, [this] {
        if (!m_file || m_navigator->headerKeys() == windowHeaderKeys())
            return;
        m_navigator->setHeaderKeys(windowHeaderKeys());
        // The window on screen again with them, as a refinement (the zoom stays).
        m_navigator->setProcessing(m_navigator->processing());
    });

    connect(m_navigator, &GatherNavigator::windowReady, this, &MainWindow::showWindow);
    // Long traces: the navigator reads what is visible, at the resolution the plot can show.
    connect(m_view, &GatherView::visibleSamplesChanged, this, [this](qint64 first, qint64 end) {
        if (m_file)
            m_navigator->setVisibleSamples({first, end}, m_view->plotHeight());
    });
    connect(m_navigator, &GatherNavigator::windowRefined, m_view,
            [this] { m_view->replaceData(m_navigator->processed()); });
    // A file that changes under the viewer: noticed by the monitor, or by a read that fails
    // because the file shrank; either way the bar says so and offers to reopen it.
    m_changes = new FileChangeMonitor(this);
    connect(m_changes, &FileChangeMonitor::changed, this,
            [this](const QString&, const QString& description) {
                m_changedBar->offer(description + QLatin1Char(' ') +
                                    tr("Reopen it to see the file as it is now."));
            });
    connect(m_changedBar, &FileChangedBar::reopenRequested, this, &MainWindow::reopenFile);
    connect(m_navigator, &GatherNavigator::readFailed, this, [this](const QString& message) {
        statusBar()->showMessage(message, 10000);
        offerReopenIfChanged(message);
        // The scroll bar goes back to the traces still on screen (it was dragged elsewhere).
        if (m_file && !m_view->data().isEmpty())
            m_scroll->setView(m_file->traceCount(), m_view->data().traces());
    });
    connect(m_navigator, &GatherNavigator::scanFailed, this, [this](const QString& message) {
        if (!offerReopenIfChanged(message))
            QMessageBox::warning(this, tr("Ensemble scan failed"), message);
    });
    connect(m_scroll, &TraceScrollBar::firstTraceChanged, this,
            [this](qint64 first) { m_navigator->showTraces(first, m_width); });
    connect(m_display, &DisplayToolBar::settingsChanged, this, &MainWindow::applyDisplaySettings);
    connect(m_display->fileClipAction(), &QAction::toggled, this, &MainWindow::setFileClip);
    connect(m_view, &GatherView::scaleChanged, this,
            [this] { m_display->setClipInUse(m_view->clipValue()); });
    connect(m_view, &GatherView::cursorMoved, this, &MainWindow::showCursor);
    connect(m_view, &GatherView::cursorLeft, m_readout, &StatusReadout::clearCursor);
    // A row selected in the trace-header table marks its trace in the gather, and a click on a
    // trace selects its row.
    connect(m_headerTable, &TraceHeaderTable::traceSelected, m_view, &GatherView::setMarkedTrace);
    connect(m_view, &GatherView::traceClicked, this, [this](qint64 trace) {
        m_headerTable->selectTrace(trace);
        m_view->setMarkedTrace(trace);
    });

    // Help, last of the menus: the shortcuts list reads the actions made above when it opens.
    QMenu* helpMenu = menuBar()->addMenu(tr("&Help"));
    QAction* shortcuts = helpMenu->addAction(tr("&Keyboard shortcuts"), this, [this] {
        auto* dialog = new ShortcutsDialog(*this, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    shortcuts->setObjectName(QStringLiteral("showShortcuts"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    QAction* about = helpMenu->addAction(tr("&About seisview"), this, [this] {
        auto* dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });
    about->setObjectName(QStringLiteral("showAbout"));
    resize(1280, 800);
    showNothing();
}

MainWindow::~MainWindow() {
    m_navigator->clear(); // before the widgets that show its windows go
    // QWidget's destructor hides the docks after this one has run: their visibility signals must
    // no longer reach the panels' handlers, which call back into this window.
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        dock->disconnect();
    m_analysis->disconnect(this);
}

void MainWindow::showFile(const QString& path) {
    // Opening first leaves the current file on screen if the new one cannot be opened.
    auto file = openSource(path);
    m_file = std::move(file);
    m_exportAction->setEnabled(true);
    m_fileClip->setFile(m_file); // starts the new file's statistics if the clip is on
    {
        const QSignalBlocker block(m_sort); // the new file starts in file order
        m_sort->setFile(m_file, m_settings.ensembleCacheBytes());
    }
    m_picking->fileOpened(m_settings.resolveEnsembleKeys());
    startSource();
    m_summary->showFile(*m_file);
    m_text->setFile(*m_file);
    m_binary->setFile(*m_file);
    m_headers->setSource(shownSource());
    m_headerTable->selectTrace(-1); // a trace of the file before means nothing here
    m_view->setMarkedTrace(-1);
    m_readout->clearCursor();
    m_readout->clearView();
    m_view->clear();
    m_spectrum->clear();
    m_analysis->setFile(m_file);
    m_view->setTraceSamples(m_file->sampleCount());
    m_status->setText(statusText(*m_file));
    m_status->setToolTip(m_status->text());
    setWindowTitle(tr("%1 - seisview").arg(QFileInfo(path).fileName()));
    m_width = std::min<qint64>(1000, m_file->traceCount());
    m_navigator->showTraces(0, m_width);
    m_recent->add(path);
    applyDisplaySettings(m_display->settings());
    m_changes->watch(path);
    m_changedBar->hide();
    statusBar()->clearMessage(); // what was said about the file before (a failed read) is past
}

void MainWindow::reopenFile() {
    if (!m_file)
        return;
    const TraceRange view = m_navigator->view();
    if (!openFile(m_file->path()))
        return;
    if (view.begin > 0 && view.begin < m_file->traceCount())
        m_navigator->showTraces(view.begin, std::max<qint64>(1, view.count()));
}

bool MainWindow::offerReopenIfChanged(const QString& message) {
    if (!m_changes->check())
        return false;
    // The readers' own message ends by asking to reopen the file; others get that added.
    if (message.contains(QLatin1String("reopen it"), Qt::CaseInsensitive))
        m_changedBar->offer(message);
    else
        m_changedBar->offer(message + QLatin1Char(' ') +
                            tr("Reopen it to see the file as it is now."));
    return true;
}

void MainWindow::startSource() {
    if (const auto sorted = m_sort->sorted()) {
        m_navigator->setSourceWithEnsembles(sorted, sortedEnsembles(*sorted->index()));
    } else {
        EnsembleScanOptions scan;
        scan.cacheMaxBytes = m_settings.ensembleCacheBytes();
        m_navigator->setSource(m_file, m_settings.resolveEnsembleKeys(), {}, scan);
    }
    m_navigator->setHeaderKeys(windowHeaderKeys());
    watchScan();
}

std::shared_ptr<const TraceSource> MainWindow::shownSource() const {
    if (auto sorted = m_sort->sorted())
        return sorted;
    return m_file;
}

void MainWindow::applySort() {
    if (!m_file)
        return;
    startSource();
    m_headers->setSource(shownSource());
    m_view->clear();
    if (m_sort->sorted())
        m_navigator->showFirstEnsemble(); // the sorted gathers are what was asked for
    else
        m_navigator->showTraces(0, m_width);
}

void MainWindow::watchScan() {
    if (m_scanDialog) {
        // Its scan was cancelled by setSource(): not worth a message.
        m_scanDialog->disconnect(this);
        m_scanDialog->deleteLater();
        m_scanDialog = nullptr;
    }
    if (!m_navigator->isScanning())
        return;
    const QString keys = keyNames(m_settings.resolveEnsembleKeys());
    auto* dialog =
        new JobProgressDialog(tr("Indexing ensembles"),
                              tr("Reading %1 of every trace of %2 to find its ensembles.\n"
                                 "The viewer stays usable; ensembles found so far can be shown.")
                                  .arg(keys, QFileInfo(m_file->path()).fileName()),
                              this);
    dialog->setObjectName(QStringLiteral("scanDialog"));
    dialog->setMinimumDuration(500); // a cached index or a small file: no dialog at all
    m_scanDialog = dialog;
    connect(dialog, &JobProgressDialog::finished, this, [this, dialog, keys](bool cancelled) {
        if (m_scanDialog == dialog)
            m_scanDialog = nullptr;
        dialog->deleteLater();
        try {
            dialog->future().waitForFinished(); // finished: never blocks
        } catch (...) {
            return; // failed, not cancelled: scanFailed() shows why
        }
        const auto index = m_navigator->ensembles();
        if (cancelled && index)
            statusBar()->showMessage(
                tr("Ensemble scan cancelled: %1 ensembles by %2 found so far can be shown")
                    .arg(index->count())
                    .arg(keys),
                15000);
    });
    dialog->watch(m_navigator->scanFuture());
}

void MainWindow::applyDisplaySettings(DisplaySettings settings) {
    if (settings.clipMode == ClipMode::Percentile)
        if (const auto clip = m_fileClip->clip(settings.clipPercentile))
            settings.absoluteClip = clip;
    m_view->setSettings(settings);
}

void MainWindow::setFileClip(bool on) {
    {
        const QSignalBlocker block(m_display->fileClipAction());
        m_display->fileClipAction()->setChecked(on);
    }
    m_fileClip->setEnabled(on);
    applyDisplaySettings(m_display->settings());
}

bool MainWindow::fileClip() const {
    return m_fileClip->isEnabled();
}

const AmplitudeStatistics* MainWindow::fileStatistics() const {
    return m_fileClip->statistics();
}

JobProgressDialog* MainWindow::statisticsDialog() const {
    return m_fileClip->dialog();
}

void MainWindow::fileClipFinished(bool applied, const QString& error) {
    if (!error.isEmpty() && !offerReopenIfChanged(error))
        QMessageBox::warning(this, tr("Amplitude statistics failed"), error);
    {
        const QSignalBlocker block(m_display->fileClipAction());
        m_display->fileClipAction()->setChecked(m_fileClip->isEnabled());
    }
    if (applied) {
        const AmplitudeStatistics& stats = *m_fileClip->statistics();
        const double percentile = m_display->settings().clipPercentile;
        statusBar()->showMessage(
            tr("Whole file: %1 samples, min %2, max %3, rms %4; clip %5 at %6 %")
                .arg(QLocale().toString(stats.count))
                .arg(double(stats.min), 0, 'g', 5)
                .arg(double(stats.max), 0, 'g', 5)
                .arg(stats.rms, 0, 'g', 5)
                .arg(double(m_fileClip->clip(percentile).value_or(0)), 0, 'g', 5)
                .arg(percentile),
            15000);
    }
    applyDisplaySettings(m_display->settings());
    emit fileStatisticsFinished(applied);
}

std::vector<HeaderField> MainWindow::windowHeaderKeys() const {
    // The annotation rows' keys, the fields the visible analysis panels and the picks need,
    // the status bar's, and the scalars all of those need.
    std::vector<HeaderField> keys = m_settings.resolveLabelKeys();
    std::vector<HeaderField> more =
        m_analysis ? m_analysis->windowFields() : std::vector<HeaderField>{};
    for (const HeaderField& k : m_picking->headerKeys())
        more.push_back(k);
    for (const HeaderField& f : more)
        if (std::find(keys.begin(), keys.end(), f) == keys.end())
            keys.push_back(f);
    return m_readout->fieldsNeeded(std::move(keys));
}

void MainWindow::setViewerSettings(const ViewerSettings& settings) {
    settings.validate();
    const bool newEnsembles = settings.resolveEnsembleKeys() != m_settings.resolveEnsembleKeys();
    m_settings = settings;
    {
        QSettings stored;
        m_settings.save(stored);
    }
    showCustomFields();
    if (!m_file)
        return;
    if (newEnsembles) {
        // A new grouping: a new scan (and tile cache), then the same traces again.
        const TraceRange view = m_navigator->view();
        startSource();
        m_navigator->showTraces(view.begin, view.count());
    } else {
        m_navigator->setHeaderKeys(windowHeaderKeys());
        if (m_navigator->mode() == GatherNavigator::Mode::Ensembles)
            m_navigator->showEnsemble(m_navigator->currentEnsemble());
        else
            m_navigator->showTraces(m_navigator->view().begin, m_navigator->view().count());
    }
}

void MainWindow::showCustomFields() {
    if (m_readout) // resolved once, not on every mouse move
        m_readout->setKeys(m_settings.resolveCursorKeys());
    // The standard columns, then the user's own fields.
    std::vector<HeaderField> fields = TraceHeaderModel::defaultFields();
    for (const HeaderField& f : m_settings.custom.fields())
        fields.push_back(f);
    m_headers->setFields(std::move(fields));
    if (m_analysis)
        m_analysis->setHeaderMapping(m_settings.custom);
}

void MainWindow::editViewerSettings() {
    HeaderSettingsDialog dialog(m_settings, this);
    if (m_file)
        dialog.setProtectedFiles({m_file->path()}); // an export never overwrites the open file
    if (dialog.exec() == QDialog::Accepted)
        setViewerSettings(dialog.settings()); // the dialog has validated them
}

bool MainWindow::openFile(const QString& path) {
    QString problem;
    try {
        showFile(path);
        return true;
    } catch (const Error& e) {
        problem = e.detail();
    } catch (const std::bad_alloc&) {
        problem = tr("Not enough memory.");
    } catch (const std::exception& e) {
        problem = QString::fromStdString(e.what());
    }
    QMessageBox box(QMessageBox::Critical, tr("Cannot open file"),
                    tr("Cannot open %1").arg(QDir::toNativeSeparators(path)), QMessageBox::Ok,
                    this);
    box.setInformativeText(problem);
    box.exec();
    return false;
}

void MainWindow::showEnsembleNow(qint64 number) {
    if (!m_file)
        return;
    m_navigator->waitForScan();
    const auto index = m_navigator->ensembles();
    const qint64 count = index ? index->count() : 0;
    if (!m_navigator->showEnsemble(number))
        throw ArgumentError(
            m_file->path(),
            QStringLiteral("ensemble %1 does not exist; the file has %2 ensembles by "
                           "%3 (expected 0 <= N < %2)")
                .arg(number)
                .arg(count)
                .arg(keyNames(index ? index->keys() : m_settings.resolveEnsembleKeys())));
}

void MainWindow::showSortNow(const QString& keys) {
    if (!m_file)
        return;
    m_sort->setKeys(keys);
    m_sort->waitForSort();
}

void MainWindow::showEnsembleWhenFound(qint64 number) {
    if (!m_file || number < 0)
        return;
    const auto ready = [this, number] {
        const auto index = m_navigator->ensembles();
        const bool complete = !m_navigator->isScanning();
        if (!(index && index->count() > number) && !complete)
            return false;
        if (!m_navigator->showEnsemble(number))
            m_navigator->showLastEnsemble();
        return true;
    };
    if (ready())
        return;
    // Until the scan has found it, or ended; dropped if another file is opened meanwhile.
    auto jump = std::make_shared<QMetaObject::Connection>();
    *jump = connect(m_navigator, &GatherNavigator::ensemblesChanged, this,
                    [this, jump, ready, file = m_file.get()] {
                        if (m_file.get() != file || ready())
                            disconnect(*jump);
                    });
}

void MainWindow::setDisplaySettings(const DisplaySettings& settings) {
    m_display->setSettings(settings);
    applyDisplaySettings(settings);
}

void MainWindow::showWindow(const TraceWindow& window) {
    if (!m_file)
        return;
    TraceLabels labels; // the annotation rows, from the headers read with the window
    const WindowHeaders& h = m_navigator->headers();
    for (const HeaderField& label : m_settings.resolveLabelKeys()) {
        const qsizetype k = h.indexOf(label.name);
        if (k < 0)
            continue;
        labels.push_back({label.name, h.columns[std::size_t(k)], {}});
        // Coordinates and elevations with their scalars, as in the table and status bar.
        if (const HeaderScalar s = headerScalarOf(label); s != HeaderScalar::None)
            if (const qsizetype c = h.indexOf(scalarField(s).name); c >= 0)
                labels.back().scalars = h.columns[std::size_t(c)];
    }
    if (labels.empty())
        if (const auto sorted = m_sort->sorted()) {
            // A sorted view's traces are labelled with their numbers in the file (from 1).
            std::vector<qint64> numbers;
            for (qint64 t = window.traces().begin; t < window.traces().end; ++t)
                numbers.push_back(sorted->fileTrace(t) + 1);
            labels.push_back({tr("trace"), std::move(numbers), {}});
        }
    // One repaint for the data and its labels (a gather's first trace starts its labels).
    m_view->setWindowIsGather(m_navigator->mode() == GatherNavigator::Mode::Ensembles);
    m_view->setData(m_navigator->processed(), m_file->sampleIntervalUs() / 1000.0,
                    m_file->startTimeMs(), std::move(labels));
    m_headers->setTraceRange(window.traces());
    // The scroll bar follows where the user is going (the navigator's view), not a window that
    // was in flight when they moved on: it never jumps back under a dragging hand.
    const TraceRange t = m_navigator->view();
    if (m_navigator->mode() == GatherNavigator::Mode::Traces)
        m_width = t.count();
    m_scroll->setView(m_file->traceCount(), t);
    m_readout->showView(window.traces(), m_file->traceCount(),
                        m_navigator->mode() == GatherNavigator::Mode::Ensembles
                            ? std::optional<qint64>(m_navigator->currentEnsemble())
                            : std::nullopt,
                        m_sort->shownKeys());
    emit viewShown();
}

void MainWindow::moveTraces(double screens) {
    if (!m_file)
        return;
    const TraceRange v = m_navigator->view();
    m_navigator->showTraces(v.begin + qint64(screens * double(std::max<qint64>(1, m_width))),
                            m_width);
}

void MainWindow::zoomTraces(double factor) {
    if (!m_file)
        return;
    const TraceRange v = m_navigator->view();
    const qint64 width =
        std::clamp<qint64>(qint64(double(v.count()) * factor), 10, m_file->traceCount());
    m_width = width;
    m_navigator->showTraces(v.begin + (v.count() - width) / 2, width);
}

void MainWindow::showCursor(qint64 trace, double timeMs, float amplitude) {
    // The header values came with the window, read on the worker.
    const TraceSource* shown = m_navigator->source();
    m_readout->showCursor(trace, timeMs, amplitude, m_navigator->headers(),
                          shown ? fileTraceOf(*shown, trace) : trace);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return; // not ours: refused
    m_dropZones->begin(paths, anyFile(paths));
    m_dropZones->setHighlighted(m_dropZones->zoneAt(event->position().toPoint()));
    event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent* event) {
    const DropZones::Zone zone = m_dropZones->zoneAt(event->position().toPoint());
    m_dropZones->setHighlighted(zone);
    if (zone == DropZones::Zone::None)
        event->ignore();
    else
        event->acceptProposedAction();
}

void MainWindow::dragLeaveEvent(QDragLeaveEvent*) {
    m_dropZones->end();
}

void MainWindow::dropEvent(QDropEvent* event) {
    const QStringList paths = localPaths(event->mimeData());
    // The drop's own position decides (a drop may come without any move before it).
    if (!m_dropZones->isActive() && !paths.isEmpty())
        m_dropZones->begin(paths, anyFile(paths));
    const DropZones::Zone zone = m_dropZones->zoneAt(event->position().toPoint());
    m_dropZones->end();
    if (paths.isEmpty() || zone == DropZones::Zone::None)
        return;
    event->acceptProposedAction();
    if (zone == DropZones::Zone::Convert) {
        convertFiles(paths);
        return;
    }
    // After the drop has returned to the source application: a message box about a file that
    // cannot be opened must not block the drag.
    QTimer::singleShot(0, this, [this, path = paths.front()] {
        openFile(path); // refuses what it cannot open, with a message
    });
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!m_closeWhenIdle && !m_picking->confirmClose()) { // unsaved picks: save, discard, stay
        event->ignore();
        return;
    }
    if (m_jobQueue->isBusy() && !m_closeWhenIdle) {
        const auto answer = QMessageBox::question(
            this, tr("Jobs"),
            tr("Conversions or exports are still queued or running. Cancel them and quit?\n"
               "Nothing of a cancelled job is left on disk."),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_jobQueue->cancelAll();
    }
    if (m_jobQueue->isBusy()) {
        // The running job stops within one block and removes what it wrote; the window closes
        // when it has (quitting at once would leave its temporary directory behind).
        m_closeWhenIdle = true;
        statusBar()->showMessage(tr("Cancelling the running job..."));
        event->ignore();
        return;
    }
    m_session->store();
    QMainWindow::closeEvent(event);
}

QList<int> MainWindow::convertFiles(const QStringList& paths) {
    QSettings stored;
    const zarr::ConvertOptions options = ConversionSettings::load(stored).convertOptions();
    QList<int> ids;
    for (const QString& p : paths)
        ids << m_jobQueue->enqueue(p, options);
    if (!ids.isEmpty()) {
        m_jobsDock->show();
        m_jobsDock->raise();
    }
    return ids;
}

void MainWindow::chooseFile() {
    const QString start = m_file ? QFileInfo(m_file->path()).absolutePath() : QDir::currentPath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open SEG-Y file"), start, tr("SEG-Y (*.sgy *.segy *.SGY *.SEGY);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::chooseStore() {
    const QString start = m_file ? QFileInfo(m_file->path()).absolutePath() : QDir::currentPath();
    const QString path =
        QFileDialog::getExistingDirectory(this, tr("Open Zarr store (a .zarr directory)"), start);
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::chooseFilesToConvert() {
    const QString start = m_file ? QFileInfo(m_file->path()).absolutePath() : QDir::currentPath();
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Convert to Zarr"), start, tr("SEG-Y (*.sgy *.segy *.SGY *.SEGY);;All files (*)"));
    if (files.isEmpty())
        return;
    QSettings stored;
    ConversionDialog dialog(ConversionSettings::load(stored), files, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    dialog.settings().save(stored);
    convertFiles(files);
}

void MainWindow::exportTraces() {
    if (!m_file)
        return;
    ExportDialog dialog(ExportDialog::contextOf(m_file, *m_navigator, m_processing->chain()), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_jobQueue->enqueueExport(m_file, dialog.selectionSpec(), dialog.request());
    m_jobsDock->show();
    m_jobsDock->raise();
}

void MainWindow::saveImage() {
    const QString base =
        m_file ? QFileInfo(m_file->path()).completeBaseName() : QStringLiteral("seisview");
    const QString dir = m_file ? QFileInfo(m_file->path()).absolutePath() : QDir::currentPath();
    SaveImageDialog dialog(m_view->size(), QDir(dir).filePath(base + QStringLiteral(".png")), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QStringList inputs = m_file ? QStringList{m_file->path()} : QStringList{};
    const QString problem =
        writeImageFile(m_view->renderImage(dialog.size()), dialog.path(), inputs);
    if (!problem.isEmpty()) {
        QMessageBox::warning(this, tr("Save image"), problem);
        return;
    }
    statusBar()->showMessage(tr("Saved %1").arg(dialog.path()), 10000);
}

void MainWindow::showNothing() {
    m_changes->watch({});
    m_changedBar->hide();
    m_navigator->clear();
    m_file.reset();
    m_exportAction->setEnabled(false);
    m_summary->clear();
    m_text->clear();
    m_binary->clear();
    m_headers->setSource(nullptr);
    m_view->clear();
    m_spectrum->clear();
    m_analysis->setFile(nullptr);
    m_status->setText(tr("No file open."));
    m_readout->clearCursor();
    m_readout->clearView();
    m_headerTable->selectTrace(-1);
    m_view->setMarkedTrace(-1);
    setWindowTitle(QStringLiteral("seisview"));
}

} // namespace seis::gui
