// The analysis panels in the viewer: the header graph (View > Header graph), the geometry map
// (View > Geometry map) and the single-trace view (View > Trace).
//
// - Header graph: the points drawn are libsegyio's header values of the traces on screen, and
//   of the whole file: on a file of more traces than the plot has pixel columns, each column's
//   smallest and largest value over its traces (columns as headerseries.h defines them); a click
//   on the plot shows the trace under the mouse.
// - Geometry map: the sources and receivers drawn are numpy's distinct sx/sy and gx/gy positions
//   with scalco applied (files with scalco -100 and +10, tests/app/make_analysis_files.py), each
//   with its first trace; the current gather's are those of its traces (libsegyio); a click on a
//   source shows the ensemble holding its first trace. A raster of too many positions covers
//   every position with a cell.
// - Trace view: the samples are the window's (processed with the flow on), equal to libsegyio's
//   trace without a flow, and the spectrum is numpy's |rfft| of that trace.
// With SEIS_TEST_SCREENSHOTS naming a directory, the header graph and the geometry map of the
// demo data are saved there.
#include "analysisdocks.h"
#include "mainwindow.h"
#include "processingpanel.h"
#include "processrun.h"
#include "screenshots.h"
#include "segyiofile.h"
#include "testdata.h"
#include "viewersettings.h"

#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/geometrymap.h>
#include <seis/headergraph.h>
#include <seis/tracepanel.h>

#include "seis/base/error.h"
#include "seis/processing/realfft.h"
#include "seis/sources/opensource.h"

#include <QAction>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <map>
#include <mutex>
#include <segyio/segy.h>

using namespace seis;

namespace {

QString analysisFile(const QString& name) {
    return testdata::dataPath(QStringLiteral("analysis/") + name);
}

// libsegyio's column of the field at 1-based byte `byte` (sign-extended for 2-byte fields).
std::vector<qint64> column(const QString& path, int byte) {
    return test::segyioColumn(path, false, byte);
}

// A value with a SEG-Y scalar applied, written out here (not seis::applyScalar).
double scaled(qint64 value, qint64 scalar) {
    if (scalar > 0)
        return double(value) * double(scalar);
    if (scalar < 0)
        return double(value) / double(-scalar);
    return double(value);
}

bool showDock(gui::MainWindow& w, const char* action) {
    QAction* a = w.findChild<QAction*>(QString::fromLatin1(action));
    if (!a)
        return false;
    if (!a->isChecked())
        a->trigger();
    return a->isChecked();
}

// Waits for the window of `traces` to be delivered with every field the panels asked for.
bool waitForWindow(gui::MainWindow& w, TraceRange traces) {
    return QTest::qWaitFor(
        [&] {
            const WindowHeaders& h = w.navigator()->headers();
            if (h.traces != traces || !w.navigator()->showsView())
                return false;
            for (const HeaderField& f : w.analysis()->windowFields())
                if (h.indexOf(f.name) < 0)
                    return false;
            return true;
        },
        30000);
}

QString json(const QString& name) {
    QFile f(analysisFile(name));
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// Empty if `got` are the positions `want` ([[x, y, first trace], ...]) in the same order.
QString samePoints(const std::vector<GeometryPoint>& got, const QJsonArray& want) {
    if (qsizetype(got.size()) != want.size())
        return QStringLiteral("%1 points, expected %2").arg(got.size()).arg(want.size());
    for (qsizetype i = 0; i < want.size(); ++i) {
        const QJsonArray p = want[i].toArray();
        const GeometryPoint& g = got[std::size_t(i)];
        if (g.x != p[0].toDouble() || g.y != p[1].toDouble() || g.firstTrace != p[2].toInteger())
            return QStringLiteral("point %1: (%2, %3) of trace %4, expected (%5, %6) of trace %7")
                .arg(i)
                .arg(g.x, 0, 'g', 17)
                .arg(g.y, 0, 'g', 17)
                .arg(g.firstTrace)
                .arg(p[0].toDouble(), 0, 'g', 17)
                .arg(p[1].toDouble(), 0, 'g', 17)
                .arg(p[2].toInteger());
    }
    return {};
}

// A source that holds every header read from trace `holdAt` on until release(), so a job can be
// cancelled at a known point.
class HeldSource final : public TraceSource {
public:
    // `fail`: from trace `holdAt` on, header reads fail (IoError) instead of waiting.
    HeldSource(std::shared_ptr<const TraceSource> inner, qint64 holdAt, bool fail = false)
        : m_inner(std::move(inner))
        , m_holdAt(holdAt)
        , m_fail(fail) {}
    QString path() const override { return m_inner->path(); }
    qint64 traceCount() const override { return m_inner->traceCount(); }
    qint64 sampleCount() const override { return m_inner->sampleCount(); }
    double sampleIntervalUs() const override { return m_inner->sampleIntervalUs(); }
    double startTimeMs() const override { return m_inner->startTimeMs(); }
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override {
        m_inner->readWindow(traces, samples, dst);
    }
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override {
        if (traces.begin >= m_holdAt && m_fail)
            throw IoError(path(), QStringLiteral("read failed at trace %1").arg(traces.begin));
        if (traces.begin >= m_holdAt) {
            std::unique_lock lock(m_mutex);
            m_held = true;
            m_changed.notify_all();
            m_changed.wait(lock, [this] { return m_released; });
        }
        m_inner->readHeaderColumns(fields, traces, out);
    }
    QString identity() const override { return {}; }
    bool waitUntilHeld() const {
        std::unique_lock lock(m_mutex);
        return m_changed.wait_for(lock, std::chrono::seconds(30), [this] { return m_held; });
    }
    void release() const {
        std::lock_guard lock(m_mutex);
        m_released = true;
        m_changed.notify_all();
    }

private:
    std::shared_ptr<const TraceSource> m_inner;
    qint64 m_holdAt;
    bool m_fail;
    mutable std::mutex m_mutex;
    mutable std::condition_variable m_changed;
    mutable bool m_held = false;
    mutable bool m_released = false;
};

} // namespace

class TestAnalysis : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void headerGraphOnScreen();
    void headerGraphWholeFile();
    void geometryMap_data();
    void geometryMap();
    void geometryRaster();
    void progressAndCancel();
    void traceView();
    void screenshots();

private:
    QTemporaryDir m_dir;
};

void TestAnalysis::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    const auto run =
        testsupport::runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                                {QStringLiteral(SEIS_TESTS_DIR "/app/make_analysis_files.py"),
                                 qEnvironmentVariable("SEIS_TEST_DATA")});
    QVERIFY2(run.code == 0, qPrintable(run.describe()));
}

void TestAnalysis::headerGraphOnScreen() {
    const QString path = analysisFile(QStringLiteral("headers_many.sgy"));
    const std::vector<qint64> offset = column(path, 37);
    const std::vector<qint64> cdp = column(path, 21);
    QCOMPARE(offset.size(), std::size_t(5000));
    gui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showFile(path);
    QVERIFY(showDock(w, "showHeaderGraph"));
    HeaderGraph* graph = w.analysis()->headerGraph();
    graph->setKeys(QStringLiteral("offset"), QStringLiteral("cdp"));
    QCOMPARE(graph->scope(), HeaderGraph::Scope::Screen);
    w.navigator()->showTraces(1000, 300);
    QVERIFY(waitForWindow(w, {1000, 1300}));
    QTRY_COMPARE(graph->series().traces, (TraceRange{1000, 1300}));
    QVERIFY(!graph->series().isBinned());
    for (int k = 0; k < 2; ++k) {
        const std::vector<qint64>& want = k == 0 ? offset : cdp;
        const auto x = graph->plottedTraces(k);
        const auto lo = graph->plottedMin(k);
        const auto hi = graph->plottedMax(k);
        QCOMPARE(x.size(), std::size_t(300));
        for (std::size_t i = 0; i < 300; ++i) {
            QCOMPARE(x[i], double(1000 + i + 1)); // 1-based
            QCOMPARE(lo[i], double(want[1000 + i]));
            QCOMPARE(hi[i], double(want[1000 + i]));
        }
    }
    // A click on trace 1234 (1-based 1235) shows the traces around it.
    QApplication::processEvents();
    QSignalSpy clicked(graph, &HeaderGraph::traceClicked);
    QTest::mouseClick(graph->plot(), Qt::LeftButton, {}, graph->pixelOfTrace(1234));
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toLongLong(), qint64(1234));
    QCOMPARE(w.navigator()->view(), (TraceRange{1234 - 150, 1234 + 150}));

    // A field of the user's header mapping, by its name.
    gui::ViewerSettings settings = w.viewerSettings();
    settings.custom.set(QStringLiteral("myoffset"), parseHeaderField(QStringLiteral("37:i4")));
    w.setViewerSettings(settings);
    graph->setKeys(QStringLiteral("myoffset"));
    QCOMPARE(graph->keys().front().byte.position, 37);
    QVERIFY(waitForWindow(w, w.navigator()->view()));
    QTRY_VERIFY(!graph->series().isEmpty() &&
                graph->series().keys.front().name == QStringLiteral("myoffset"));
    const TraceRange v = graph->series().traces;
    const auto hi = graph->plottedMax(0);
    QCOMPARE(qint64(hi.size()), v.count());
    for (qint64 t = v.begin; t < v.end; ++t)
        QCOMPARE(hi[std::size_t(t - v.begin)], double(offset[std::size_t(t)]));
}

void TestAnalysis::headerGraphWholeFile() {
    const QString path = analysisFile(QStringLiteral("headers_many.sgy"));
    const std::vector<qint64> offset = column(path, 37);
    const std::vector<qint64> fldr = column(path, 9);
    const qint64 n = qint64(offset.size());
    gui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showFile(path);
    QVERIFY(showDock(w, "showHeaderGraph"));
    HeaderGraph* graph = w.analysis()->headerGraph();
    QSignalSpy shown(graph, &HeaderGraph::seriesShown);
    graph->setKeys(QStringLiteral("offset"), QStringLiteral("fldr"));
    graph->setScope(HeaderGraph::Scope::File);
    QVERIFY(graph->windowFields().empty()); // nothing asked of the windows
    QTRY_VERIFY_WITH_TIMEOUT(!graph->isReading() && graph->series().traces.count() == n, 30000);
    const HeaderSeries& s = graph->series();
    QVERIFY(s.isBinned()); // 5000 traces, fewer pixel columns
    QVERIFY(s.columns >= HeaderGraph::kMinColumns && s.columns < n);
    const qint64 columns = s.columns;
    for (int k = 0; k < 2; ++k) {
        const std::vector<qint64>& want = k == 0 ? offset : fldr;
        const auto x = graph->plottedTraces(k);
        const auto lo = graph->plottedMin(k);
        const auto hi = graph->plottedMax(k);
        QCOMPARE(qint64(x.size()), columns);
        QCOMPARE(qint64(hi.size()), columns);
        qint64 covered = 0;
        for (qint64 c = 0; c < columns; ++c) {
            // Column c: traces [ceil(c n / C), ceil((c + 1) n / C)).
            const qint64 first = (c * n + columns - 1) / columns;
            const qint64 end = ((c + 1) * n + columns - 1) / columns;
            QVERIFY(end > first);
            covered += end - first;
            const auto [mn, mx] = std::minmax_element(want.begin() + first, want.begin() + end);
            QCOMPARE(x[std::size_t(c)], double(first + 1));
            QCOMPARE(lo[std::size_t(c)], double(*mn));
            QCOMPARE(hi[std::size_t(c)], double(*mx));
        }
        QCOMPARE(covered, n);
    }
    // Zoomed in to 400 traces: those and half as many either side are read again, each
    // value kept; zoomed out, the whole-file series again.
    graph->zoomToTraces({2000, 2400});
    QTRY_VERIFY_WITH_TIMEOUT(
        !graph->isReading() && graph->series().traces == (TraceRange{1800, 2600}), 30000);
    QVERIFY(!graph->series().isBinned());
    QCOMPARE(graph->visibleTraces(), qMakePair(1999.5, 2399.5)); // the zoom stays
    {
        const auto x = graph->plottedTraces(0);
        const auto hi = graph->plottedMax(0);
        QCOMPARE(x.size(), std::size_t(800));
        for (std::size_t i = 0; i < 800; ++i) {
            QCOMPARE(x[i], double(1800 + i + 1));
            QCOMPARE(hi[i], double(offset[1800 + i]));
        }
        QApplication::processEvents();
        QSignalSpy clicked(graph, &HeaderGraph::traceClicked);
        QTest::mouseClick(graph->plot(), Qt::LeftButton, {}, graph->pixelOfTrace(2222));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toLongLong(), qint64(2222));
    }
    graph->zoomToTraces({0, n});
    QTRY_VERIFY_WITH_TIMEOUT(graph->series().traces == (TraceRange{0, n}), 30000);
    QVERIFY(graph->series().isBinned());
    QCOMPARE(graph->series().columns, columns);

    // Every trace when they fit: the reader with enough columns keeps each value.
    auto exact = readHeaderSeriesAsync(w.file(), {*findStandardTraceField(u"offset")}, true, n);
    exact.waitForFinished();
    QCOMPARE(exact.result().columns, n);
    QVERIFY(!exact.result().isBinned());
    for (qint64 t = 0; t < n; ++t)
        QCOMPARE(exact.result().max[0][std::size_t(t)], double(offset[std::size_t(t)]));

    // A click shows the traces around the trace under the mouse (the plot has fewer pixels than
    // traces: within one pixel's worth of traces).
    QApplication::processEvents();
    QSignalSpy clicked(graph, &HeaderGraph::traceClicked);
    QTest::mouseClick(graph->plot(), Qt::LeftButton, {}, graph->pixelOfTrace(3210));
    QCOMPARE(clicked.count(), 1);
    const qint64 trace = clicked.at(0).at(0).toLongLong();
    const double perPixel = double(n) / graph->plot()->width();
    QVERIFY2(std::abs(trace - 3210) <= std::ceil(perPixel) + 1, qPrintable(QString::number(trace)));
    const TraceRange view = w.navigator()->view();
    QCOMPARE(view.begin, trace - view.count() / 2);
}

void TestAnalysis::geometryMap_data() {
    QTest::addColumn<QString>("name");
    QTest::newRow("scalco -100") << QStringLiteral("geometry_m100");
    QTest::newRow("scalco +10") << QStringLiteral("geometry_p10");
}

void TestAnalysis::geometryMap() {
    QFETCH(QString, name);
    const QString path = analysisFile(name + QStringLiteral(".sgy"));
    const QJsonObject want =
        QJsonDocument::fromJson(json(name + QStringLiteral(".json")).toUtf8()).object();
    QVERIFY(!want.isEmpty());
    gui::MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showFile(path);
    QVERIFY(showDock(w, "showGeometryMap"));
    GeometryMap* map = w.analysis()->geometryMap();
    QCOMPARE(map->scope(), GeometryMap::Scope::File);
    QTRY_VERIFY_WITH_TIMEOUT(!map->isReading() && !map->fileGeometry().isEmpty(), 30000);
    const SurveyGeometry& g = map->fileGeometry();
    QVERIFY(!g.sourcesBinned && !g.receiversBinned);
    QString why = samePoints(g.sources, want[QLatin1String("sources")].toArray());
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("sources: ") + why));
    why = samePoints(g.receivers, want[QLatin1String("receivers")].toArray());
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("receivers: ") + why));
    why =
        samePoints(map->drawn(GeometryMap::FileSources), want[QLatin1String("sources")].toArray());
    QVERIFY2(why.isEmpty(), qPrintable(QStringLiteral("drawn sources: ") + why));

    // The current gather (ensemble 4, fldr 5: traces 192-239): its positions, from libsegyio.
    w.navigator()->waitForScan();
    QVERIFY(w.navigator()->showEnsemble(4));
    QVERIFY(waitForWindow(w, {192, 240}));
    QTRY_COMPARE(map->gatherGeometry().traces, (TraceRange{192, 240}));
    const auto scalco = column(path, 71);
    const auto gx = column(path, 81), gy = column(path, 85), sx = column(path, 73),
               sy = column(path, 77);
    std::map<std::pair<double, double>, qint64> receivers, sources;
    for (qint64 t = 192; t < 240; ++t) {
        const auto i = std::size_t(t);
        receivers.try_emplace({scaled(gx[i], scalco[i]), scaled(gy[i], scalco[i])}, t);
        sources.try_emplace({scaled(sx[i], scalco[i]), scaled(sy[i], scalco[i])}, t);
    }
    const auto same = [](const std::vector<GeometryPoint>& got,
                         const std::map<std::pair<double, double>, qint64>& want) {
        if (got.size() != want.size())
            return false;
        for (const GeometryPoint& p : got) {
            const auto it = want.find({p.x, p.y});
            if (it == want.end() || it->second != p.firstTrace)
                return false;
        }
        return true;
    };
    QVERIFY(same(map->gatherGeometry().receivers, receivers));
    QVERIFY(same(map->gatherGeometry().sources, sources));
    QCOMPARE(map->drawn(GeometryMap::GatherReceivers).size(), std::size_t(48));
    map->setScope(GeometryMap::Scope::Gather);
    QVERIFY(map->drawn(GeometryMap::FileSources).empty());
    QCOMPARE(map->drawn(GeometryMap::GatherSources).size(), std::size_t(1));
    map->setScope(GeometryMap::Scope::File);

    // A click on a source shows the ensemble holding its first trace: shot 7 was fired where
    // shot 3 was, so that position's gather is shot 3's (ensemble 2, traces 96-143).
    QApplication::processEvents();
    QTest::qWait(50); // the queued fit after a resize
    const QJsonArray shots = want[QLatin1String("sources")].toArray();
    for (const int shot : {1, 2, 6}) {
        const QJsonArray p = shots[shot].toArray();
        const qint64 first = p[2].toInteger();
        QSignalSpy clicked(map, &GeometryMap::sourceClicked);
        QTest::mouseClick(map->plot(), Qt::LeftButton, {},
                          map->pixelOf(p[0].toDouble(), p[1].toDouble()));
        QCOMPARE(clicked.count(), 1);
        QCOMPARE(clicked.at(0).at(0).toLongLong(), first);
        const auto ensemble = w.navigator()->ensembles()->ensembleOfTrace(first);
        QVERIFY(ensemble);
        QCOMPARE(w.navigator()->currentEnsemble(), ensemble->number);
        QCOMPARE(w.navigator()->view(), ensemble->traces);
    }
    // Nowhere near a source: nothing.
    QSignalSpy none(map, &GeometryMap::sourceClicked);
    QTest::mouseClick(map->plot(), Qt::LeftButton, {}, QPoint(2, 2));
    QCOMPARE(none.count(), 0);
}

void TestAnalysis::geometryRaster() {
    // More distinct receivers than kept exactly: a raster whose cells cover every position.
    const QString path = analysisFile(QStringLiteral("geometry_m100.sgy"));
    const QJsonObject want =
        QJsonDocument::fromJson(json(QStringLiteral("geometry_m100.json")).toUtf8()).object();
    auto source = std::shared_ptr<const TraceSource>(openSource(path));
    auto future = readSurveyGeometryAsync(source, 20, 16, 7);
    future.waitForFinished();
    const SurveyGeometry g = future.result();
    QVERIFY(g.receiversBinned);
    QVERIFY(g.sourcesBinned == false); // 8 sources fit
    QVERIFY(g.receivers.size() <= 16 * 16);
    QVERIFY(g.receivers.size() < std::size_t(want[QLatin1String("receivers")].toArray().size()));
    // Cells are the same size, centred on their points: every position lies in one, and that
    // cell's first trace is no later than the position's.
    double w = 0, h = 0;
    for (const auto& a : g.receivers)
        for (const auto& b : g.receivers) {
            if (a.y == b.y && a.x != b.x)
                w = w == 0 ? std::fabs(a.x - b.x) : std::min(w, std::fabs(a.x - b.x));
            if (a.x == b.x && a.y != b.y)
                h = h == 0 ? std::fabs(a.y - b.y) : std::min(h, std::fabs(a.y - b.y));
        }
    QVERIFY(w > 0 && h > 0);
    for (const auto& v : want[QLatin1String("receivers")].toArray()) {
        const QJsonArray p = v.toArray();
        const auto cell = std::find_if(g.receivers.begin(), g.receivers.end(), [&](const auto& c) {
            return std::fabs(p[0].toDouble() - c.x) <= w / 2 * (1 + 1e-9) &&
                   std::fabs(p[1].toDouble() - c.y) <= h / 2 * (1 + 1e-9);
        });
        QVERIFY2(
            cell != g.receivers.end(),
            qPrintable(
                QStringLiteral("(%1, %2) in no cell").arg(p[0].toDouble()).arg(p[1].toDouble())));
        QVERIFY(cell->firstTrace <= p[2].toInteger());
    }

    // Positions arriving in every direction (the raster grows left, right, down and up): each
    // lies in an occupied cell of the accumulator's final size, whose first trace is no later.
    PointAccumulator acc(4, 8);
    std::vector<GeometryPoint> added;
    for (qint64 i = 0; i < 200; ++i) {
        const double r = 3.0 + double(i) * 1.7;
        const double angle = double(i) * 2.39996; // the golden angle: every direction in turn
        added.push_back({r * std::cos(angle), r * std::sin(angle), 1000 - i});
        acc.add(added.back().x, added.back().y, added.back().firstTrace);
    }
    QVERIFY(acc.isBinned());
    const std::vector<GeometryPoint> cells = acc.points();
    QVERIFY(!cells.empty() && cells.size() <= 64);
    for (const GeometryPoint& p : added) {
        const auto cell = std::find_if(cells.begin(), cells.end(), [&](const GeometryPoint& c) {
            return std::fabs(p.x - c.x) <= acc.cellWidth() / 2 * (1 + 1e-9) &&
                   std::fabs(p.y - c.y) <= acc.cellHeight() / 2 * (1 + 1e-9);
        });
        QVERIFY2(cell != cells.end(),
                 qPrintable(QStringLiteral("(%1, %2) in no cell").arg(p.x).arg(p.y)));
        QVERIFY(cell->firstTrace <= p.firstTrace);
    }
    // Every cell holds a position, and its first trace is the smallest in it.
    for (const GeometryPoint& c : cells) {
        qint64 first = -1;
        for (const GeometryPoint& p : added)
            if (std::fabs(p.x - c.x) <= acc.cellWidth() / 2 * (1 + 1e-9) &&
                std::fabs(p.y - c.y) <= acc.cellHeight() / 2 * (1 + 1e-9))
                first = first < 0 ? p.firstTrace : std::min(first, p.firstTrace);
        QCOMPARE(c.firstTrace, first);
    }
}

void TestAnalysis::progressAndCancel() {
    const auto file = std::shared_ptr<const TraceSource>(
        openSource(analysisFile(QStringLiteral("headers_many.sgy"))));
    const auto offset = *findStandardTraceField(u"offset");
    // The readers report their position in traces, and a cancel stops them within one block,
    // with no result.
    {
        auto held = std::make_shared<HeldSource>(file, 2000);
        auto future = readHeaderSeriesAsync(held, {offset}, true, 1024, std::nullopt, 1000);
        QVERIFY(held->waitUntilHeld());
        QCOMPARE(future.progressMaximum(), 5000);
        QTRY_COMPARE(future.progressValue(), 2000);
        QVERIFY(future.isRunning());
        future.cancel();
        held->release();
        future.waitForFinished();
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 0);
    }
    {
        auto held = std::make_shared<HeldSource>(file, 3000);
        auto future = readSurveyGeometryAsync(held, 100, 16, 1000);
        QVERIFY(held->waitUntilHeld());
        QCOMPARE(future.progressMaximum(), 5000);
        QTRY_COMPARE(future.progressValue(), 3000);
        future.cancel();
        held->release();
        future.waitForFinished();
        QVERIFY(future.isCanceled());
        QCOMPARE(future.resultCount(), 0);
    }
    // The panels' progress bar and Cancel button.
    {
        HeaderGraph graph;
        graph.show();
        graph.setActive(true);
        graph.setScope(HeaderGraph::Scope::File);
        auto held = std::make_shared<HeldSource>(file, 0);
        graph.setSource(held);
        QVERIFY(graph.isReading());
        QVERIFY(held->waitUntilHeld());
        auto* progress = graph.findChild<QProgressBar*>(QStringLiteral("headerGraphProgress"));
        auto* cancel = graph.findChild<QPushButton*>(QStringLiteral("headerGraphCancel"));
        QVERIFY(progress && cancel && progress->isVisible() && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        held->release();
        QTRY_VERIFY_WITH_TIMEOUT(!graph.isReading() && !progress->isVisible(), 30000);
        QVERIFY(graph.series().isEmpty());
        QVERIFY2(graph.caption().contains(QStringLiteral("cancelled")),
                 qPrintable(graph.caption()));
    }
    // A new file while a job reads the old one: the new file's job runs, the old one is dropped.
    {
        HeaderGraph graph;
        graph.setActive(true);
        graph.setScope(HeaderGraph::Scope::File);
        auto held = std::make_shared<HeldSource>(file, 0);
        graph.setSource(held);
        QVERIFY(held->waitUntilHeld());
        graph.setSource(file);
        QVERIFY(graph.isReading());
        QTRY_VERIFY_WITH_TIMEOUT(!graph.isReading(), 30000);
        QCOMPARE(graph.series().traces, (TraceRange{0, 5000}));
        held->release();
        QTest::qWait(50); // the old job ends unheard
        QCOMPARE(graph.series().traces, (TraceRange{0, 5000}));
        QVERIFY(!graph.caption().contains(QStringLiteral("cancelled")));
    }
    {
        GeometryMap map;
        map.show();
        map.setActive(true);
        auto held = std::make_shared<HeldSource>(file, 0);
        map.setSource(held);
        QVERIFY(map.isReading());
        QVERIFY(held->waitUntilHeld());
        auto* cancel = map.findChild<QPushButton*>(QStringLiteral("geometryCancel"));
        QVERIFY(cancel && cancel->isVisible());
        QTest::mouseClick(cancel, Qt::LeftButton);
        held->release();
        QTRY_VERIFY_WITH_TIMEOUT(!map.isReading() && !cancel->isVisible(), 30000);
        QVERIFY(map.fileGeometry().isEmpty());
        QVERIFY2(map.caption().contains(QStringLiteral("cancelled")), qPrintable(map.caption()));
        // A read that fails: the panel says why (naming the file), nothing escapes the worker.
        map.setSource(std::make_shared<HeldSource>(file, 0, true));
        QTRY_VERIFY_WITH_TIMEOUT(!map.isReading(), 30000);
        QVERIFY2(map.caption().contains(QStringLiteral("read failed at trace 0")) &&
                     map.caption().contains(QStringLiteral("headers_many.sgy")),
                 qPrintable(map.caption()));
    }
    {
        HeaderGraph graph;
        graph.setActive(true);
        graph.setScope(HeaderGraph::Scope::File);
        graph.setSource(std::make_shared<HeldSource>(file, 0, true));
        QTRY_VERIFY_WITH_TIMEOUT(!graph.isReading(), 30000);
        QVERIFY2(graph.caption().contains(QStringLiteral("read failed at trace 0")),
                 qPrintable(graph.caption()));
        QVERIFY(graph.series().isEmpty());
    }
}

void TestAnalysis::traceView() {
    const QString demo = QStringLiteral(SEIS_DEMO_FILE);
    gui::MainWindow w;
    w.setFlowKept(false);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showFile(demo);
    QVERIFY(showDock(w, "showTraceView"));
    TracePanel* panel = w.analysis()->tracePanel();
    w.navigator()->showTraces(100, 150);
    QVERIFY(waitForWindow(w, {100, 250}));
    // The trace under the mouse in the gather.
    QVERIFY(panel->followsCursor());
    emit w.gatherView()->cursorMoved(123, 0.0, 0.0f);
    QCOMPARE(panel->trace(), qint64(123));
    QVERIFY(panel->isDrawn());
    test::SegyioFile file(demo);
    QVERIFY(file.ok());
    std::vector<float> want(std::size_t(file.samples));
    QVERIFY(file.trace(123, want.data()));
    QCOMPARE(panel->samples(), want);
    const double dtMs = w.file()->sampleIntervalUs() / 1000.0;
    QCOMPARE(panel->times().front(), w.file()->startTimeMs());
    QCOMPARE(panel->times().back(), w.file()->startTimeMs() + (file.samples - 1) * dtMs);

    // The spectrum: numpy's |rfft| of the trace as segyio reads it, zero-padded to fftLength.
    const qint64 nfft = fftLength(file.samples);
    const QString script =
        QStringLiteral("import sys, json, numpy as np, segyio\n"
                       "with segyio.open(sys.argv[1], ignore_geometry=True) as f:\n"
                       "    x = f.trace[int(sys.argv[2])].astype(np.float64)\n"
                       "    dt = segyio.tools.dt(f) / 1e6\n"
                       "n = int(sys.argv[3])\n"
                       "print(json.dumps({'a': np.abs(np.fft.rfft(x, n)).tolist(),"
                       " 'f': np.fft.rfftfreq(n, dt).tolist()}))\n");
    const auto run = testsupport::runProcess(
        qEnvironmentVariable("SEIS_PYTHON"),
        {QStringLiteral("-c"), script, demo, QStringLiteral("123"), QString::number(nfft)});
    QVERIFY2(run.code == 0, qPrintable(run.describe()));
    const auto numpy = nlohmann::json::parse(run.out.toStdString());
    const auto a = numpy["a"].get<std::vector<double>>();
    const auto f = numpy["f"].get<std::vector<double>>();
    const AmplitudeSpectrum& s = panel->spectrum();
    QCOMPARE(s.amplitude.size(), a.size());
    const double peak = *std::max_element(a.begin(), a.end());
    for (std::size_t k = 0; k < a.size(); ++k) {
        QVERIFY2(std::fabs(s.amplitude[k] - a[k]) <= 1e-5 * peak,
                 qPrintable(
                     QStringLiteral("bin %1: %2, numpy %3").arg(k).arg(s.amplitude[k]).arg(a[k])));
        QVERIFY(std::fabs(s.frequencyHz[k] - f[k]) <= 1e-9 * f.back());
    }

    // With a flow on: the processed samples of the window, not the file's.
    QSignalSpy refined(w.navigator(), &GatherNavigator::windowRefined);
    w.processingPanel()->setFlow(nlohmann::ordered_json::parse(
        R"({"version": 1, "steps": [{"step": "agc", "window_ms": 250}]})"));
    QTRY_VERIFY_WITH_TIMEOUT(w.navigator()->processed().values != nullptr, 30000);
    QTRY_VERIFY(panel->samples() != want);
    const float* processed = w.navigator()->processed().trace(123);
    QCOMPARE(panel->samples(), std::vector<float>(processed, processed + file.samples));
    QVERIFY(panel->caption().contains(QStringLiteral("processed")));

    // A chosen trace (1-based in the box) off screen: the view moves there and shows it.
    panel->findChild<QSpinBox*>(QStringLiteral("traceNumber"))->setValue(701);
    QVERIFY(!panel->followsCursor());
    QCOMPARE(panel->trace(), qint64(700));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isDrawn(), 30000);
    const TraceRange v = w.navigator()->view();
    QVERIFY(v.begin <= 700 && 700 < v.end);
    emit w.gatherView()->cursorMoved(v.begin, 0.0, 0.0f); // not followed now
    QCOMPARE(panel->trace(), qint64(700));
}

void TestAnalysis::screenshots() {
    if (qEnvironmentVariableIsEmpty("SEIS_TEST_SCREENSHOTS"))
        QSKIP("SEIS_TEST_SCREENSHOTS is not set");
    gui::MainWindow w;
    w.setFlowKept(false);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(showDock(w, "showHeaderGraph"));
    QVERIFY(showDock(w, "showGeometryMap"));
    HeaderGraph* graph = w.analysis()->headerGraph();
    graph->setKeys(QStringLiteral("offset"), QStringLiteral("gx"));
    graph->setScope(HeaderGraph::Scope::File);
    GeometryMap* map = w.analysis()->geometryMap();
    w.navigator()->waitForScan();
    QVERIFY(w.navigator()->showEnsemble(2));
    QTRY_VERIFY_WITH_TIMEOUT(!graph->isReading() && !graph->series().isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!map->isReading() && !map->fileGeometry().isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!map->gatherGeometry().isEmpty(), 30000);
    QTest::qWait(100);
    QVERIFY(seis::testsupport::saveScreenshot(*w.analysis()->headerGraphDock(),
                                              QStringLiteral("header_graph.png")));
    QVERIFY(seis::testsupport::saveScreenshot(*w.analysis()->geometryDock(),
                                              QStringLiteral("geometry_map.png")));
    QVERIFY(showDock(w, "showTraceView"));
    emit w.gatherView()->cursorMoved(250, 0.0, 0.0f);
    QTest::qWait(100);
    QVERIFY(seis::testsupport::saveScreenshot(*w.analysis()->traceDock(),
                                              QStringLiteral("trace_view.png")));
    QVERIFY(seis::testsupport::saveScreenshot(w, QStringLiteral("analysis_window.png")));
    // A 3D-like patch survey (geometry_m100.sgy), shot 5 on screen.
    w.showFile(analysisFile(QStringLiteral("geometry_m100.sgy")));
    w.navigator()->waitForScan();
    QVERIFY(w.navigator()->showEnsemble(4));
    QTRY_VERIFY_WITH_TIMEOUT(!map->isReading() && !map->fileGeometry().isEmpty(), 30000);
    QTRY_VERIFY_WITH_TIMEOUT(!map->gatherGeometry().isEmpty(), 30000);
    QTest::qWait(100);
    QVERIFY(seis::testsupport::saveScreenshot(*w.analysis()->geometryDock(),
                                              QStringLiteral("geometry_map_patch.png")));
    // More traces than pixel columns: bands from each column's smallest to largest value.
    w.showFile(analysisFile(QStringLiteral("headers_many.sgy")));
    graph->setKeys(QStringLiteral("offset"), QStringLiteral("fldr"));
    QTRY_VERIFY_WITH_TIMEOUT(!graph->isReading() && graph->series().isBinned(), 30000);
    QVERIFY(seis::testsupport::saveScreenshot(*w.analysis()->headerGraphDock(),
                                              QStringLiteral("header_graph_binned.png")));
}

QTEST_MAIN(TestAnalysis)
#include "tst_analysis.moc"
