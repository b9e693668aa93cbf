#include "mainwindow.h"

#include <seis/filesummarywidget.h>
#include <seis/gatherpreview.h>
#include <seis/segyerror.h>
#include <seis/segyfile.h>

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSplitter>
#include <QStatusBar>
#include <exception>
#include <new>

namespace seis::gui {

namespace {

QString statusText(const SegyFile& file) {
    const QLocale locale;
    return MainWindow::tr("%1 traces x %2 samples at %3 ms, format %4 (%5), %6")
        .arg(locale.toString(file.traceCount()), locale.toString(file.sampleCount()),
             locale.toString(file.sampleIntervalUs() / 1000.0))
        .arg(static_cast<int>(file.format()))
        .arg(sampleFormatName(file.format()), file.byteOrder() == ByteOrder::Big
                                                  ? MainWindow::tr("big-endian")
                                                  : MainWindow::tr("little-endian"));
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    QMenu* fileMenu = menuBar()->addMenu(tr("&File"));
    QAction* open = fileMenu->addAction(tr("&Open..."), this, &MainWindow::chooseFile);
    open->setShortcut(QKeySequence::Open);
    fileMenu->addSeparator();
    QAction* quit = fileMenu->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_summary = new FileSummaryWidget(splitter);
    m_preview = new GatherPreview(splitter);
    splitter->addWidget(m_summary);
    splitter->addWidget(m_preview);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({m_summary->sizeHint().width(), 1});
    setCentralWidget(splitter);

    m_status = new QLabel(this);
    statusBar()->addWidget(m_status, 1);
    resize(1280, 800);
    showNothing();
}

MainWindow::~MainWindow() = default;

void MainWindow::showFile(const QString& path) {
    // Opening first leaves the current file on screen if the new one is not SEG-Y.
    auto file = std::make_unique<SegyFile>(path);
    try {
        m_summary->showFile(*file);
        m_preview->showFile(*file);
    } catch (...) {
        showNothing();
        throw;
    }
    m_file = std::move(file);
    m_status->setText(statusText(*m_file));
    setWindowTitle(tr("%1 - seisview").arg(QFileInfo(path).fileName()));
}

bool MainWindow::openFile(const QString& path) {
    QString problem;
    try {
        showFile(path);
        return true;
    } catch (const SegyError& e) {
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

void MainWindow::chooseFile() {
    const QString start = m_file ? QFileInfo(m_file->path()).absolutePath() : QDir::currentPath();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open SEG-Y file"), start, tr("SEG-Y (*.sgy *.segy *.SGY *.SEGY);;All files (*)"));
    if (!path.isEmpty())
        openFile(path);
}

void MainWindow::showNothing() {
    m_file.reset();
    m_summary->clear();
    m_preview->clear();
    m_status->setText(tr("No file open."));
    setWindowTitle(QStringLiteral("seisview"));
}

} // namespace seis::gui
