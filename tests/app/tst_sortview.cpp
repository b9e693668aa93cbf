// Sorted gathers in the viewer (SortControl, SortedSource): a shot-sorted file viewed as CDP
// gathers ordered by offset. The samples of each gather shown are numpy's stable lexsort of
// segyio's header columns (tests/ensembles/make_sort_files.py) and what `seisview-cli dump
// --gather N --sort cdp,offset` writes; the header table and the cursor readout name the file's
// traces; a second window reads the sort back from the cache; a cancelled build leaves the
// viewer in file order.
//
// With SEIS_TEST_SCREENSHOTS=DIR set, a CDP gather of the demo's shot-sorted data (with the colour
// bar) is saved there as sorted_cdp_gather.png for people to look at.
#include "exportdialog.h"
#include "mainwindow.h"
#include "sortcontrol.h"

#include "seis/base/executors.h"
#include "seis/ensembles/sortedsource.h"
#include "seis/ensembles/sortindex.h"
#include <seis/colorbar.h>
#include <seis/displaysettings.h>
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>
#include <seis/jobprogressdialog.h>
#include <seis/traceheadermodel.h>

#include "screenshots.h"
#include "testdata.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QProcess>
#include <QSemaphore>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QThreadPool>
#include <QToolBar>
#include <QToolButton>
#include <QtTest>

#include <cstring>
#include <vector>

using namespace seis;
using seis::gui::MainWindow;
using seis::gui::SortControl;

namespace {

QString sortData(const QString& name) {
    return testdata::dataPath(QStringLiteral("sort/") + name);
}

// The shot file's case for `keys` in cases.json.
QJsonObject sortCase(const QString& file, const QString& keys) {
    QFile f(sortData(QStringLiteral("cases.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const auto& c : QJsonDocument::fromJson(f.readAll()).array())
        if (c.toObject()[QLatin1String("file")].toString() == file &&
            c.toObject()[QLatin1String("keys")].toString() == keys)
            return c.toObject();
    return {};
}

std::vector<qint64> readOrder(const QString& name) {
    QFile f(sortData(name));
    std::vector<qint64> order;
    if (!f.open(QIODevice::ReadOnly))
        return order;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.isEmpty())
            order.push_back(line.toLongLong());
    return order;
}

std::vector<float> floatsOf(const QByteArray& bytes) {
    std::vector<float> v(std::size_t(bytes.size()) / sizeof(float));
    std::memcpy(v.data(), bytes.constData(), v.size() * sizeof(float));
    return v;
}

// The samples the view shows, trace-major.
std::vector<float> shownSamples(const GatherView& view) {
    const TraceWindow w = view.data();
    std::vector<float> out;
    for (qint64 t = w.traces().begin; t < w.traces().end; ++t) {
        const float* s = w.trace(t);
        out.insert(out.end(), s, s + w.samples().count());
    }
    return out;
}

bool waitShown(QSignalSpy& spy) {
    return !spy.isEmpty() || spy.wait(30000);
}

} // namespace

class TestSortView : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cdpGathersOfShotFile();
    void secondOpenReadsTheCache();
    void cancelLeavesFileOrder();
    void nextGatherIsPrefetched();
    void screenshotOfDemoCdpGather();

private:
    QTemporaryDir m_dir;
};

void TestSortView::initTestCase() {
    QVERIFY(m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_dir.filePath(QStringLiteral("cache")).toLocal8Bit());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_dir.path());
    QVERIFY2(QFile::exists(sortData(QStringLiteral("cases.json"))),
             "run the generate_sort_data fixture first");
}

// Every dumped gather of the shot file sorted by cdp,offset, shown in ensemble mode, holds the
// samples numpy's sort gives (and the CLI's dump writes), in that order; the header table and the
// cursor readout name the file's traces.
void TestSortView::cdpGathersOfShotFile() {
    const QJsonObject c = sortCase(QStringLiteral("shot.sgy"), QStringLiteral("cdp,offset"));
    QVERIFY(!c.isEmpty());
    const std::vector<qint64> order = readOrder(c[QLatin1String("order")].toString());
    QCOMPARE(order.size(), std::size_t(144));

    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(sortData(QStringLiteral("shot.sgy")));
    QVERIFY(waitShown(shown));
    QVERIFY(!w.sortControl()->sorted()); // file order first
    QCOMPARE(w.sortControl()->action()->text(), QStringLiteral("Sort: file order"));

    shown.clear();
    w.sortControl()->setKeys(QStringLiteral("cdp,offset"));
    w.sortControl()->waitForSort();
    QVERIFY(w.sortControl()->sorted());
    QVERIFY(!w.sortControl()->sorted()->index()->fromCache());
    QCOMPARE(w.sortControl()->shownKeys(), QStringLiteral("cdp,offset"));
    QCOMPARE(w.sortControl()->action()->text(), QStringLiteral("Sort: cdp,offset"));
    QVERIFY(waitShown(shown));
    QCOMPARE(w.navigator()->mode(), GatherNavigator::Mode::Ensembles);
    QCOMPARE(w.navigator()->currentEnsemble(), qint64(0));
    // As many ensembles as the CSV has gathers (one per distinct cdp: 2 + 0..15 + 2*8 = 32).
    QFile csv(sortData(c[QLatin1String("csv")].toString()));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const qint64 gathers = qint64(csv.readAll().trimmed().split('\n').size()) - 1;
    QCOMPARE(w.navigator()->ensembles()->count(), gathers);

    const auto* table = w.findChild<QTableView*>();
    QVERIFY(table);
    const auto* model = table->model();
    for (const auto& entry : c[QLatin1String("gathers")].toArray()) {
        const qint64 g = entry.toArray()[0].toInteger();
        QFile f(sortData(entry.toArray()[1].toString()));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const std::vector<float> expected = floatsOf(f.readAll());
        shown.clear();
        QVERIFY(w.navigator()->showEnsemble(g));
        QVERIFY(waitShown(shown));
        QVERIFY(w.navigator()->showsView());
        QCOMPARE(shownSamples(*w.gatherView()), expected);
        // The file's trace numbers (from 1, as people count): row r of the table is the
        // gather's r-th trace in the file.
        const Ensemble e = w.navigator()->ensembles()->ensemble(g);
        QCOMPARE(qint64(model->rowCount()), e.traces.count());
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->headerData(r, Qt::Vertical).toLongLong(),
                     order[std::size_t(e.traces.begin + r)] + 1);
        // The cdp column holds the gather's key on every row.
        int cdpColumn = -1;
        for (int col = 0; col < model->columnCount(); ++col)
            if (model->headerData(col, Qt::Horizontal).toString().startsWith(QLatin1String("cdp ")))
                cdpColumn = col;
        QVERIFY(cdpColumn >= 0);
        for (int r = 0; r < model->rowCount(); ++r)
            QCOMPARE(model->data(model->index(r, cdpColumn)).toLongLong(), e.keys[0]);
    }

    // The CLI's dump of gather 5 is the same samples.
    QProcess cli;
    cli.start(qEnvironmentVariable("SEIS_CLI"),
              {QStringLiteral("dump"), sortData(QStringLiteral("shot.sgy")),
               QStringLiteral("--gather"), QStringLiteral("5"), QStringLiteral("--sort"),
               QStringLiteral("cdp,offset"), QStringLiteral("-o"), QStringLiteral("-")});
    QVERIFY(cli.waitForFinished(60000));
    QCOMPARE(cli.exitCode(), 0);
    const std::vector<float> dumped = floatsOf(cli.readAllStandardOutput());
    shown.clear();
    QVERIFY(w.navigator()->showEnsemble(5));
    QVERIFY(waitShown(shown));
    QCOMPARE(shownSamples(*w.gatherView()), dumped);

    // The cursor readout names the file's trace under the cursor (from 1).
    const Ensemble e5 = w.navigator()->ensembles()->ensemble(5);
    emit w.gatherView()->cursorMoved(e5.traces.begin + 1, 8.0, 1.0f);
    auto* readout = w.findChild<QLabel*>(QStringLiteral("cursorReadout"));
    QVERIFY(readout);
    QVERIFY2(readout->text().startsWith(
                 QStringLiteral("trace %1 ").arg(order[std::size_t(e5.traces.begin + 1)] + 1)),
             qPrintable(readout->text()));

    // Back to file order: the traces of the file as they lie.
    shown.clear();
    w.sortControl()->setKeys(QString());
    QVERIFY(!w.sortControl()->sorted());
    QVERIFY(waitShown(shown));
    QCOMPARE(w.navigator()->source(), w.file().get());
    QCOMPARE(model->headerData(3, Qt::Vertical).toLongLong(), 4); // trace 3 from 0
}

// A second window sorting the same file by the same keys reads the index from the cache (and
// shows the same gathers).
void TestSortView::secondOpenReadsTheCache() {
    const QString path = sortData(QStringLiteral("shot.sgy"));
    std::vector<float> first;
    for (int round = 0; round < 2; ++round) {
        MainWindow w;
        w.show();
        QSignalSpy shown(&w, &MainWindow::viewShown);
        w.showFile(path);
        QVERIFY(waitShown(shown));
        shown.clear();
        // Chosen from the Sort button's menu, as a user does.
        auto* button = qobject_cast<QToolButton*>(
            w.findChild<QToolBar*>()->widgetForAction(w.sortControl()->action()));
        QVERIFY(button);
        QCOMPARE(button->popupMode(), QToolButton::InstantPopup);
        auto* choice = w.sortControl()->action()->menu()->findChild<QAction*>(
            QStringLiteral("sort:cdp,offset"));
        QVERIFY(choice);
        choice->trigger();
        QVERIFY(w.sortControl()->isBuilding() || w.sortControl()->sorted());
        w.sortControl()->waitForSort();
        QVERIFY(w.sortControl()->sorted());
        QVERIFY(choice->isChecked());
        // cdpGathersOfShotFile sorted it first: both rounds here find it in the cache.
        QVERIFY(w.sortControl()->sorted()->index()->fromCache());
        QVERIFY(QFile::exists(
            sortCachePath(*w.file(), parseEnsembleKeys(QStringLiteral("cdp,offset")))));
        QVERIFY(waitShown(shown));
        shown.clear();
        QVERIFY(w.navigator()->showEnsemble(12));
        QVERIFY(waitShown(shown));
        if (round == 0)
            first = shownSamples(*w.gatherView());
        else
            QCOMPARE(shownSamples(*w.gatherView()), first);
    }
    QVERIFY(!first.empty());
}

// A build cancelled from its dialog leaves the viewer in file order, on the traces it showed.
void TestSortView::cancelLeavesFileOrder() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(sortData(QStringLiteral("random.sgy")));
    QVERIFY(waitShown(shown));
    w.navigator()->waitForScan();
    const TraceRange before = w.navigator()->view();

    // Every thread of the jobs pool held, so that the sort waits in the queue until cancelled.
    QThreadPool* pool = executors::jobs();
    QSemaphore hold, started, done;
    const int threads = pool->maxThreadCount();
    for (int i = 0; i < threads; ++i)
        pool->start([&] {
            started.release();
            hold.acquire();
            done.release();
        });
    QVERIFY(started.tryAcquire(threads, 30000));
    QSignalSpy cancelled(w.sortControl(), &SortControl::sortCancelled);
    QSignalSpy changed(w.sortControl(), &SortControl::sortChanged);
    w.sortControl()->setKeys(QStringLiteral("cdp,offset"));
    QVERIFY(w.sortControl()->isBuilding());
    QVERIFY(w.sortControl()->dialog());
    QVERIFY(w.sortControl()->action()->text().contains(QLatin1String("sorting by cdp,offset")));
    w.sortControl()->dialog()->cancel();
    hold.release(threads);
    QVERIFY(done.tryAcquire(threads, 30000)); // the semaphores outlive every holder
    QVERIFY(cancelled.wait(30000));
    QVERIFY(changed.isEmpty());
    QVERIFY(!w.sortControl()->isBuilding());
    QVERIFY(!w.sortControl()->sorted());
    QCOMPARE(w.sortControl()->chosenKeys(), QString()); // a file opened next is not sorted
    QCOMPARE(w.sortControl()->action()->text(), QStringLiteral("Sort: file order"));
    QCOMPARE(w.navigator()->source(), w.file().get());
    QCOMPARE(w.navigator()->mode(), GatherNavigator::Mode::Traces);
    QCOMPARE(w.navigator()->view(), before);
    // And the file-order ensembles (runs of fldr) are still the navigator's.
    QCOMPARE(w.navigator()->ensembles()->keys().front().name, QStringLiteral("fldr"));
}

// The sorted gathers read through the tile cache, which prefetches the next gather while one is
// on screen: moving on then reads nothing (every tile a hit, some read by prefetch).
void TestSortView::nextGatherIsPrefetched() {
    MainWindow w;
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(sortData(QStringLiteral("random.sgy")));
    QVERIFY(waitShown(shown));
    shown.clear();
    w.sortControl()->setKeys(QStringLiteral("cdp,offset"));
    w.sortControl()->waitForSort();
    QVERIFY(waitShown(shown));
    // 13 gathers of about 385 traces (3 or 4 tiles of 128) scattered over the file.
    QCOMPARE(w.navigator()->ensembles()->count(), qint64(13));
    for (qint64 g = 3; g < 6; ++g) {
        shown.clear();
        QVERIFY(w.navigator()->showEnsemble(g));
        QVERIFY(waitShown(shown));
        auto* cache = const_cast<TileCache*>(w.navigator()->cache());
        cache->waitForPrefetch();
        const TileCacheStats before = cache->stats();
        shown.clear();
        QVERIFY(w.navigator()->showNextEnsemble());
        QVERIFY(waitShown(shown));
        const TileCacheStats after = cache->stats();
        QCOMPARE(after.misses, before.misses);
        QVERIFY(after.hits > before.hits);
        QVERIFY(after.prefetchUsed > before.prefetchUsed);
    }
}

// A CDP gather of the demo's shot gathers, by offset: saved for people to look at.
void TestSortView::screenshotOfDemoCdpGather() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(QStringLiteral(SEIS_DEMO_FILE));
    QVERIFY(waitShown(shown));
    shown.clear();
    w.sortControl()->setKeys(QStringLiteral("cdp,offset"));
    w.sortControl()->waitForSort();
    QVERIFY(w.sortControl()->sorted());
    QVERIFY(waitShown(shown));
    // The fullest gather: the middle of the line.
    const auto index = w.sortControl()->sorted()->index();
    qint64 best = 0;
    for (qint64 g = 0; g < index->gatherCount(); ++g)
        if (index->gather(g).traceCount > index->gather(best).traceCount)
            best = g;
    best = std::min(index->gatherCount() - 1, best + (index->gatherCount() - best) / 4);
    shown.clear();
    QVERIFY(w.navigator()->showEnsemble(best));
    QVERIFY(waitShown(shown));
    // Offsets ascend along the gather, and every trace has the gather's cdp.
    const auto traces = index->traces(best);
    std::vector<qint64> cdp(traces.size()), offset(traces.size());
    const HeaderField fields[2] = {parseEnsembleKeys(QStringLiteral("cdp")).front(),
                                   parseEnsembleKeys(QStringLiteral("offset")).front()};
    for (std::size_t i = 0; i < traces.size(); ++i) {
        qint64* out[2] = {&cdp[i], &offset[i]};
        w.file()->readHeaderColumns(fields, {traces[i], traces[i] + 1}, out);
    }
    for (std::size_t i = 0; i < traces.size(); ++i) {
        QCOMPARE(cdp[i], index->gather(best).key);
        if (i > 0)
            QVERIFY(offset[i - 1] <= offset[i]);
    }
    // Annotation rows of the shot, offset and CDP: every trace of a CDP gather comes from
    // another shot, so each is labelled, the first too (it starts the gather).
    shown.clear();
    gui::ViewerSettings viewer = w.viewerSettings();
    viewer.labelKey = QStringLiteral("fldr,offset,cdp");
    w.setViewerSettings(viewer);
    QVERIFY(waitShown(shown));
    const auto ticks = w.gatherView()->annotationTicks();
    QCOMPARE(qint64(ticks.size()), qint64(traces.size()));
    for (std::size_t i = 0; i < ticks.size(); ++i) {
        QCOMPARE(ticks[i].labels[1], QString::number(offset[i]));
        QCOMPARE(ticks[i].labels[2], QString::number(cdp[i]));
    }
    // The status bar names the sorted gather, from 1, and its size.
    QCOMPARE(w.findChild<QLabel*>(QStringLiteral("viewReadout"))->text(),
             QStringLiteral("gather %1 by cdp,offset: %2 traces of %3")
                 .arg(best + 1)
                 .arg(traces.size())
                 .arg(w.file()->traceCount()));
    // Few traces: density with wiggles over it reads best.
    DisplaySettings settings;
    settings.mode = DisplayMode::DensityWiggle;
    settings.colorMap = ColorMapId::Seismic;
    w.setDisplaySettings(settings);
    QVERIFY(w.colorBar()->isVisible());
    // Export offers neither the traces on screen nor ensembles of a sorted view: they are no
    // ranges of the file.
    const auto context = gui::ExportDialog::contextOf(w.file(), *w.navigator(), {});
    QVERIFY(context.sortedView);
    QCOMPARE(context.onScreen.count(), qint64(0));
    QCOMPARE(context.currentEnsemble, qint64(-1));
    QCOMPARE(context.ensembleCount, qint64(0));
    // The trace-header table beside it: the file's trace numbers, one cdp, offsets ascending.
    auto* tabs = w.findChild<QTabWidget*>();
    QVERIFY(tabs);
    tabs->setCurrentIndex(1);
    auto* table = w.findChild<QTableView*>();
    QVERIFY(table);
    for (int col = 0; col < table->model()->columnCount(); ++col)
        if (table->model()
                ->headerData(col, Qt::Horizontal)
                .toString()
                .startsWith(QLatin1String("offset ")))
            table->scrollTo(table->model()->index(0, col), QAbstractItemView::PositionAtCenter);
    QVERIFY(testsupport::saveScreenshot(w, QStringLiteral("sorted_cdp_gather.png")));
}

QTEST_MAIN(TestSortView)
#include "tst_sortview.moc"
