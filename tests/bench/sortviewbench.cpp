// seis-sortview-bench FILE [--sort K1,K2] [--steps N] [--pause MS]: sorted gathers in the viewer,
// measured in one run (README, "The viewer").
//
// 1. File order: the main window on FILE, the ensemble scan waited for; then --steps (20) times
//    "next ensemble", --pause ms (100) after each window is on screen (the user looks; the
//    navigator prefetches the next one meanwhile): the time from the request to the window on
//    screen, median and max.
// 2. The sort (default cdp,offset) chosen as the Sort menu chooses it, in an empty cache
//    directory (XDG_CACHE_HOME is set to a fresh temporary directory): the time from the choice
//    to the first sorted gather on screen. Then again in a second window, now from the cache.
// 3. Sorted gathers from the middle of the file: the same steps as in 1.
// A measuring tool: it never fails on timings. Runs offscreen unless QT_QPA_PLATFORM is set.
#include "mainwindow.h"
#include "sortcontrol.h"

#include "seis/ensembles/sortedsource.h"
#include "seis/ensembles/sortindex.h"

#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

double percentile(std::vector<double> v, double p) {
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, std::size_t(p / 100.0 * double(v.size())))];
}

// Runs the event loop until `done` or 120 s.
void waitFor(const std::function<bool()>& done) {
    QElapsedTimer t;
    t.start();
    while (!done() && t.elapsed() < 120000)
        QApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
}

void pause(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms)
        QApplication::processEvents(QEventLoop::AllEvents, 5);
}

// `steps` times next ensemble: ms from the request to the window on screen.
std::vector<double> stepThrough(seis::gui::MainWindow& w, bool& shown, int steps, int pauseMs) {
    std::vector<double> times;
    for (int i = 0; i < steps; ++i) {
        pause(pauseMs);
        shown = false;
        QElapsedTimer t;
        t.start();
        if (!w.navigator()->showNextEnsemble())
            break;
        waitFor([&] { return shown && w.navigator()->showsView(); });
        times.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    return times;
}

void report(const char* what, const std::vector<double>& t, qint64 traces) {
    std::printf("%s: %zu gathers of about %lld traces, request to screen p50 %.2f ms, max %.2f "
                "ms\n",
                what, t.size(), static_cast<long long>(traces), percentile(t, 50),
                percentile(t, 100));
}

} // namespace

int main(int argc, char** argv) {
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QTemporaryDir cache; // the sort is measured uncached, then cached
    qputenv("XDG_CACHE_HOME", cache.path().toLocal8Bit());
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr,
                     "usage: seis-sortview-bench FILE [--sort K1,K2] [--steps N] [--pause MS]\n");
        return 2;
    }
    QString keys = QStringLiteral("cdp,offset");
    int steps = 20;
    int pauseMs = 100;
    for (int i = 2; i + 1 < args.size(); i += 2) {
        if (args[i] == QLatin1String("--sort"))
            keys = args[i + 1];
        else if (args[i] == QLatin1String("--steps"))
            steps = args[i + 1].toInt();
        else if (args[i] == QLatin1String("--pause"))
            pauseMs = args[i + 1].toInt();
    }

    seis::gui::MainWindow w;
    w.resize(1920, 1080);
    w.show();
    bool shown = false;
    QObject::connect(&w, &seis::gui::MainWindow::viewShown, [&] { shown = true; });
    w.showFile(args[1]);
    waitFor([&] { return shown; });
    w.navigator()->waitForScan();
    std::printf("seis-sortview-bench %s, %lld traces, sort %s, pause %d ms\n", qPrintable(args[1]),
                static_cast<long long>(w.file()->traceCount()), qPrintable(keys), pauseMs);

    // 1. File order.
    const auto runs = w.navigator()->ensembles();
    shown = false;
    w.navigator()->showEnsemble(runs->count() / 2);
    waitFor([&] { return shown && w.navigator()->showsView(); });
    const auto fileOrder = stepThrough(w, shown, steps, pauseMs);
    report("file order, next ensemble", fileOrder,
           runs->ensemble(runs->count() / 2).traces.count());

    // 2. The sort, uncached then cached.
    for (int round = 0; round < 2; ++round) {
        seis::gui::MainWindow* win = &w;
        std::unique_ptr<seis::gui::MainWindow> second;
        bool secondShown = false;
        if (round == 1) {
            second = std::make_unique<seis::gui::MainWindow>();
            second->resize(1920, 1080);
            second->show();
            QObject::connect(second.get(), &seis::gui::MainWindow::viewShown,
                             [&] { secondShown = true; });
            second->showFile(args[1]);
            waitFor([&] { return secondShown; });
            win = second.get();
        }
        bool& flag = round == 0 ? shown : secondShown;
        flag = false;
        QElapsedTimer t;
        t.start();
        win->sortControl()->setKeys(keys);
        waitFor([&] { return win->sortControl()->sorted() != nullptr; });
        const double built = double(t.nsecsElapsed()) / 1e6;
        waitFor([&] { return flag && win->navigator()->showsView(); });
        std::printf("sort %s: %s in %.1f ms, first gather on screen at %.1f ms (%lld gathers)\n",
                    qPrintable(keys),
                    win->sortControl()->sorted()->index()->fromCache() ? "read from the cache"
                                                                       : "built",
                    built, double(t.nsecsElapsed()) / 1e6,
                    static_cast<long long>(win->sortControl()->sorted()->index()->gatherCount()));
    }

    // 3. Sorted gathers.
    const auto gathers = w.navigator()->ensembles();
    shown = false;
    w.navigator()->showEnsemble(gathers->count() / 2);
    waitFor([&] { return shown && w.navigator()->showsView(); });
    const auto sorted = stepThrough(w, shown, steps, pauseMs);
    report("sorted, next gather", sorted, gathers->ensemble(gathers->count() / 2).traces.count());
    // The same without the pause: the next gather asked for as soon as one is on screen.
    const auto hurried = stepThrough(w, shown, steps, 0);
    report("sorted, next gather at once", hurried,
           gathers->ensemble(gathers->count() / 2).traces.count());
    return 0;
}
