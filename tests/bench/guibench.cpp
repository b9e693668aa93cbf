// seis-gui-bench FILE [--size WxH] [--step N] [--busy] [--flow FLOW.json]: what a user of the
// viewer feels, measured.
//
// 1. Frame time: the main window at WxH (default 1920x1080) showing the first 1000 traces in
//    variable density; a full redraw of the gather view (reset and grab), median and max of 20.
// 2. Scrolling: the scroll bar is moved by --step traces (default 250) every 16 ms from the first
//    trace to the last, as a user dragging it would. A 1 ms heartbeat timer measures how long the
//    event loop was ever kept from running (the longest stall), and the time from each move to
//    its window being on screen.
//    Then every display mode at 1000, 400 and 100 traces across (w: wiggles drawn).
// --flow: the processing flow (seis/processing/flow.h) is on from the start, as the processing
// panel sets it: every window on screen is processed (on the navigator's worker) before drawing.
// A measuring tool: it never fails on timings. Runs offscreen unless QT_QPA_PLATFORM is set.
#include "mainwindow.h"
#include "processingpanel.h"

#include "seis/processing/flow.h"

#include <seis/displaysettings.h>
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QScrollBar>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size())))];
}

} // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: seis-gui-bench FILE [--size WxH] [--step N] [--busy] "
                             "[--flow FLOW.json]\n");
        return 2;
    }
    QSize size(1920, 1080);
    qint64 step = 250;
    QString flow;
    // --busy: the whole-file statistics job (the "Whole file" clip) starts with the scrolling,
    // to show that a long job leaves the GUI thread alone.
    const bool busy = args.contains(QStringLiteral("--busy"));
    for (int i = 2; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--size"))
            size =
                QSize(args[i + 1].section('x', 0, 0).toInt(), args[i + 1].section('x', 1).toInt());
        else if (args[i] == QLatin1String("--step"))
            step = args[i + 1].toLongLong();
        else if (args[i] == QLatin1String("--flow"))
            flow = args[i + 1];
    }

    seis::gui::MainWindow window;
    window.resize(size);
    if (!flow.isEmpty())
        window.processingPanel()->setFlow(seis::readFlowDocument(flow));
    window.show();
    bool shown = false;
    QObject::connect(&window, &seis::gui::MainWindow::viewShown, [&] { shown = true; });
    window.showFile(args[1]);
    QElapsedTimer wait;
    wait.start();
    while (!shown && wait.elapsed() < 60000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 10); // a tool, not the app
    seis::GatherView* view = window.gatherView();
    std::printf("seis-gui-bench %s, window %dx%d, view %dx%d, %lld traces on screen, flow: %s\n",
                qPrintable(args[1]), size.width(), size.height(), view->width(), view->height(),
                static_cast<long long>(view->data().traces().count()),
                flow.isEmpty()
                    ? "none"
                    : seis::flowToJson(window.processingPanel()->chain()).dump().c_str());

    std::vector<double> frames;
    for (int i = 0; i < 21; ++i) {
        QElapsedTimer t;
        t.start();
        view->resetView();
        const QPixmap p = view->grab();
        if (i > 0) // the first one warms caches
            frames.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::printf("frame (density, full redraw + grab): median %.2f ms, max %.2f ms (20 frames)\n",
                percentile(frames, 50), percentile(frames, 100));

    // Every mode at a few zooms: wiggles are drawn from 3 px per trace on, density below that.
    std::printf("frame by mode (median of 10, ms) at 1000 / 400 / 100 traces across:\n");
    const auto times = view->visibleTimes();
    const double first = double(view->data().traces().begin);
    for (seis::DisplayMode mode : seis::kAllDisplayModes) {
        seis::DisplaySettings settings;
        settings.mode = mode;
        window.setDisplaySettings(settings);
        std::printf("  %-15s", qPrintable(seis::displayModeName(mode)));
        for (double n : {1000.0, 400.0, 100.0}) {
            std::vector<double> modeFrames;
            for (int i = 0; i < 11; ++i) {
                QElapsedTimer t;
                t.start();
                view->zoomTo(first - 0.5, first + n - 0.5, times.first, times.second);
                const QPixmap p = view->grab();
                if (i > 0)
                    modeFrames.push_back(double(t.nsecsElapsed()) / 1e6);
            }
            std::printf(" %7.2f%s", percentile(modeFrames, 50), view->wigglesVisible() ? "w" : " ");
        }
        std::printf("\n");
    }
    window.setDisplaySettings(seis::DisplaySettings{});
    view->resetView();

    auto* scroll = window.findChild<QScrollBar*>();
    std::vector<double> stalls;  // every heartbeat gap, ms
    std::vector<double> arrival; // move to window on screen, ms
    QElapsedTimer clock;
    clock.start();
    qint64 lastBeat = clock.nsecsElapsed();
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const qint64 now = clock.nsecsElapsed();
        stalls.push_back(double(now - lastBeat) / 1e6);
        lastBeat = now;
    });
    qint64 moveAt = 0;
    bool waiting = false;
    std::vector<qint64> shownAt; // every window on screen while scrolling, ns
    bool scrolling = true;
    QObject::connect(&window, &seis::gui::MainWindow::viewShown, [&] {
        if (scrolling)
            shownAt.push_back(clock.nsecsElapsed());
        if (waiting)
            arrival.push_back(double(clock.nsecsElapsed() - moveAt) / 1e6);
        waiting = false;
    });
    QTimer mover;
    mover.setTimerType(Qt::PreciseTimer);
    QObject::connect(&mover, &QTimer::timeout, [&] {
        if (scroll->value() >= scroll->maximum()) {
            mover.stop();
            scrolling = false;
            QTimer::singleShot(200, &app, &QApplication::quit);
            return;
        }
        moveAt = clock.nsecsElapsed();
        waiting = true;
        scroll->setValue(int(std::min<qint64>(scroll->maximum(), scroll->value() + step)));
    });
    QElapsedTimer job;
    double jobMs = 0;
    QObject::connect(&window, &seis::gui::MainWindow::fileStatisticsFinished,
                     [&] { jobMs = double(job.nsecsElapsed()) / 1e6; });
    if (busy) {
        job.start();
        window.setFileClip(true);
    }
    heartbeat.start(1);
    mover.start(16);
    lastBeat = clock.nsecsElapsed();
    QApplication::exec();
    std::printf("scrolling %d moves of %lld traces, one per 16 ms frame:\n", int(arrival.size()),
                static_cast<long long>(step));
    std::printf("  longest event-loop stall %.2f ms (p99 of heartbeat gaps %.2f ms, %zu beats)\n",
                percentile(stalls, 100), percentile(stalls, 99), stalls.size());
    std::printf("  move to window on screen: p50 %.2f ms, p95 %.2f ms, max %.2f ms\n",
                percentile(arrival, 50), percentile(arrival, 95), percentile(arrival, 100));
    // How often the picture changed while the scroll bar moved: windows drawn, and the gaps
    // between them (the longest is how long the picture stood still).
    std::vector<double> gaps;
    for (std::size_t i = 1; i < shownAt.size(); ++i)
        gaps.push_back(double(shownAt[i] - shownAt[i - 1]) / 1e6);
    std::printf("  windows drawn while scrolling: %zu; between two: p50 %.2f ms, max %.2f ms\n",
                shownAt.size(), percentile(gaps, 50), percentile(gaps, 100));
    if (busy)
        std::printf("  whole-file statistics ran during the first %.0f ms of it\n", jobMs);
    return 0;
}
