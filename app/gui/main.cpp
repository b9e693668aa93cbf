// seisview: the desktop viewer. See options.h for the command line.
#include "demofile.h"
#include "displaytoolbar.h"
#include "mainwindow.h"
#include "options.h"
#include "processingpanel.h"
#include "screenshot.h"
#include "sessionkeeper.h"
#include "sortcontrol.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"
#include <seis/gathernavigator.h>

#include <QApplication>
#include <QFileInfo>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <cstdio>
#include <exception>
#include <new>

namespace {

void printError(const QString& message) {
    std::fprintf(stderr, "error: %s\n", message.toLocal8Bit().constData());
}

} // namespace

int main(int argc, char** argv) {
    using namespace seis::gui;
    // Settings exports and screenshots interrupted by SIGINT, SIGTERM or SIGHUP (a closed
    // session) leave no hidden temporary behind; the process still dies of the signal.
    seis::removeTemporaryOutputsOnSignals();
    // A screenshot needs no screen, so it works on build machines and in CI.
    if (wantsScreenshot(argc, argv) && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("seisview"));
    QApplication::setApplicationName(QStringLiteral("seisview"));
    QApplication::setApplicationVersion(QStringLiteral(SEIS_VERSION));
    // Wayland and the desktop shell match windows to seisview.desktop (its icon and name).
    QApplication::setDesktopFileName(QStringLiteral("seisview"));

    Options options;
    try {
        options = parseOptions(QApplication::arguments());
    } catch (const UsageError& e) {
        printError(QString::fromStdString(e.what()));
        std::fprintf(stderr, "Try 'seisview --help'.\n");
        return 2;
    }

    MainWindow window;
    window.resize(options.size);
    // Interactively, the window comes back as it was left (sessionkeeper.h); a screenshot shows
    // only what its options ask for and keeps nothing.
    const bool screenshot = !options.screenshot.isEmpty();
    SessionState last;
    window.session()->setKept(!screenshot);
    if (!screenshot) {
        QSettings stored;
        last = SessionState::load(stored);
        window.session()->restoreLayout(last);
        if (options.sizeGiven)
            window.resize(options.size);
    }
    if (options.mode) {
        seis::DisplaySettings settings = window.displayToolBar()->settings();
        settings.mode = *options.mode;
        window.setDisplaySettings(settings);
    }
    if (options.processing() || !options.screenshot.isEmpty()) {
        try {
            window.setFlowKept(options.screenshot.isEmpty());
            window.processingPanel()->setFlow(startFlow(options));
            window.setFlowKept(true);
        } catch (const seis::Error& e) {
            printError(QString::fromStdString(e.what()));
            return 1;
        }
    }
    if (screenshot) {
        const QString file = options.file.isEmpty() ? demoFilePath() : options.file;
        try {
            window.showFile(file);
            if (!options.sort.isEmpty())
                window.showSortNow(options.sort);
            if (options.ensemble)
                window.showEnsembleNow(*options.ensemble);
        } catch (const seis::Error& e) {
            printError(QString::fromStdString(e.what()));
            return 1;
        } catch (const std::bad_alloc&) {
            printError(QStringLiteral("%1: out of memory").arg(file));
            return 1;
        } catch (const std::exception& e) {
            printError(QStringLiteral("%1: %2").arg(file, QString::fromStdString(e.what())));
            return 1;
        }
        scheduleScreenshot(window, options.screenshot, {file});
        return QApplication::exec();
    }

    window.show();
    // With no file named, the last file of the session if it is still there, else the demo.
    QString file = options.file;
    if (file.isEmpty())
        file =
            !last.file.isEmpty() && QFileInfo(last.file).isReadable() ? last.file : demoFilePath();
    // After the event loop starts, so an error box appears over a visible window.
    QTimer::singleShot(
        0, &window, [&window, file, last, ensemble = options.ensemble, sort = options.sort] {
            if (!window.openFile(file))
                return;
            const bool sameFile = SessionKeeper::isSessionFile(last, file);
            if (!sort.isEmpty()) {
                // The sort is built in the background; its gathers are shown once it is there.
                if (ensemble) {
                    auto* control = window.sortControl();
                    auto jump = std::make_shared<QMetaObject::Connection>();
                    *jump = QObject::connect(control, &seis::gui::SortControl::sortChanged, &window,
                                             [&window, jump, n = *ensemble] {
                                                 window.navigator()->showEnsemble(n);
                                                 QObject::disconnect(*jump);
                                             });
                }
                try {
                    window.sortControl()->setKeys(sort);
                } catch (const seis::Error& e) {
                    QMessageBox::warning(&window, QObject::tr("Sort gathers"), e.detail());
                }
                return;
            }
            if (ensemble) // interactively the scan is not waited for
                window.showEnsembleWhenFound(*ensemble);
            else if (sameFile) // the session's sort, then its position
                window.session()->restorePosition(last);
            else if (!last.sortKeys.isEmpty()) // the session's sort, on another file
                try {
                    window.sortControl()->setKeys(last.sortKeys);
                } catch (const seis::Error&) { // keys this version no longer reads: file order
                }
        });
    return QApplication::exec();
}
