// Conversions to Zarr in the viewer, driven as a user would: two SEG-Y files dropped on the
// "Convert to Zarr" zone become two stores that read back (ZarrSource) with the samples segyio
// reads from the files, and the jobs panel shows both done; a cancelled conversion leaves
// nothing on disk; File > Convert to Zarr... takes its options from the dialog, keeps them in
// the settings and never writes over an existing store; a store opens from the jobs panel,
// File > Open Zarr store..., recent files and the command line (seisview --screenshot STORE),
// and shows the same gather as its SEG-Y file.
//
// With SEIS_TEST_SCREENSHOTS set to a directory, the window is saved there while the drop zones
// and the jobs panel show (for people to look at; nothing is compared).
#include "conversiondialog.h"
#include "conversionsettings.h"
#include "dropzones.h"
#include "jobqueue.h"
#include "jobspanel.h"
#include "mainwindow.h"
#include "recentfiles.h"

#include "dialogsupport.h"
#include "processrun.h"
#include "screenshots.h"

#include "segyiofile.h"
#include "testsupport.h"
#include <string_view>

#include "seis/segy/sampleformat.h"
#include "seis/sources/opensource.h"
#include "seis/zarr/zarrsource.h"
#include <seis/gathernavigator.h>
#include <seis/gatherview.h>

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTimer>
#include <QUrl>
#include <QtTest>

#include <atomic>
#include <cmath>
#include <cstring>
#include <numbers>

using namespace seis;
using namespace seis::testsupport;
using seis::gui::ConversionSettings;
using seis::gui::DropZones;
using seis::gui::JobQueue;
using seis::gui::MainWindow;

namespace {

constexpr int kWaitMs = 60000;    // a hang guard only
constexpr int kBigTraces = 20000; // 44 MB: a conversion of many progress reports

// Writes a big-endian IBM SEG-Y file of shot gathers: `traces` traces of `samples` samples at
// 2 ms, fldr (bytes 9-12) changing every `perShot` traces, offset (37-40) growing along each
// shot, and three hyperbolic events of a 25 Hz Ricker wavelet (velocity `velocity` m/s), so
// that every trace differs and a picture of it looks like a gather.
void writeShots(const QString& path, qint64 traces, int samples, qint64 perShot, double velocity) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(path));
    auto be = [](QByteArray& b, int offset, quint32 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            b[offset + i] = char((v >> (8 * (bytes - 1 - i))) & 0xff);
    };
    QByteArray head(3600, '\0');
    be(head, 3216, 2000, 2);
    be(head, 3220, quint32(samples), 2);
    be(head, 3224, 1, 2);
    f.write(head);
    QByteArray trace(240 + 4 * samples, '\0');
    const double pi = std::numbers::pi;
    for (qint64 t = 0; t < traces; ++t) {
        const qint64 channel = t % perShot;
        const double offset = double(channel - perShot / 2) * 25.0;
        be(trace, 0, quint32(t + 1), 4);
        be(trace, 8, quint32(t / perShot + 1), 4);
        be(trace, 36, quint32(qint32(offset)), 4);
        be(trace, 114, quint32(samples), 2);
        for (int s = 0; s < samples; ++s) {
            const double time = s * 0.002;
            double v = 0;
            for (const double t0 : {0.15, 0.45, 0.8}) {
                const double arrival = std::sqrt(t0 * t0 + std::pow(offset / velocity, 2));
                const double a = std::pow(pi * 25.0 * (time - arrival), 2);
                v += (1 - 2 * a) * std::exp(-a) * 1000.0 / (1 + 2 * t0);
            }
            v += double((t * 7 + s) % 13) * 0.25; // a little texture, exact in IBM
            // No IBM -0 and no values below float's normal range, which segyio decodes as +0
            // (SegyFile keeps their sign and value): those are the readers' business, not this
            // test's.
            const float f = std::abs(v) < 1e-6 ? 0.0f : float(v);
            be(trace, 240 + 4 * s, floatToIbm(f), 4);
        }
        f.write(trace);
    }
}

QWidget* child(QWidget* row, const char* name) {
    return row ? row->findChild<QWidget*>(QLatin1String(name)) : nullptr;
}

QString statusOf(MainWindow& w, int id) {
    auto* label = qobject_cast<QLabel*>(child(w.jobsPanel()->row(id), "jobStatus"));
    return label ? label->text() : QString();
}

// Every entry of `dir` (hidden ones too) but . and ..
QStringList entries(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// The store's amplitude/.zarray.
QJsonObject amplitudeMetadata(const QString& store) {
    QFile f(QDir(store).filePath(QStringLiteral("amplitude/.zarray")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Compares a store with its SEG-Y file read by segyio (the reference reader): shape, interval,
// every sample bit for bit, fldr and offset of every trace. Empty when equal, else what differs.
QString compareWithSegyio(const QString& store, const QString& segy) {
    const test::SegyioFile ref(segy);
    if (!ref.ok())
        return QStringLiteral("segyio cannot read %1").arg(segy);
    const auto source = openSource(store);
    if (!dynamic_cast<const zarr::ZarrSource*>(source.get()))
        return QStringLiteral("%1 did not open as a Zarr store").arg(store);
    if (source->traceCount() != ref.traces || source->sampleCount() != ref.samples)
        return QStringLiteral("%1 x %2 in the store, %3 x %4 in the file")
            .arg(source->traceCount())
            .arg(source->sampleCount())
            .arg(ref.traces)
            .arg(ref.samples);
    if (source->sampleIntervalUs() != double(ref.binaryField(SEGY_BIN_INTERVAL)))
        return QStringLiteral("interval %1 us").arg(source->sampleIntervalUs());
    const qint64 n = ref.traces;
    const qint64 ns = ref.samples;
    std::vector<float> stored(std::size_t(n * ns));
    source->readWindow({0, n}, {0, ns}, stored.data());
    std::vector<float> expected(static_cast<std::size_t>(ns));
    const std::vector<HeaderField> fields{*findStandardTraceField(QStringLiteral("fldr")),
                                          *findStandardTraceField(QStringLiteral("offset"))};
    std::vector<qint64> fldr(static_cast<std::size_t>(n)), offset(static_cast<std::size_t>(n));
    qint64* columns[] = {fldr.data(), offset.data()};
    source->readHeaderColumns(fields, {0, n}, columns);
    for (int t = 0; t < n; ++t) {
        if (!ref.trace(t, expected.data()))
            return QStringLiteral("segyio cannot read trace %1").arg(t);
        if (std::memcmp(expected.data(), stored.data() + std::size_t(t * ns),
                        std::size_t(ns) * sizeof(float)) != 0)
            for (qint64 i = 0; i < ns; ++i)
                if (std::memcmp(&expected[std::size_t(i)], &stored[std::size_t(t * ns + i)], 4))
                    return QStringLiteral("trace %1 sample %2: %3 in the store, %4 by segyio")
                        .arg(t)
                        .arg(i)
                        .arg(double(stored[std::size_t(t * ns + i)]), 0, 'g', 9)
                        .arg(double(expected[std::size_t(i)]), 0, 'g', 9);
        for (std::size_t k = 0; k < fields.size(); ++k)
            if (ref.field(t, fields[k]) != columns[k][t])
                return QStringLiteral("%1 of trace %2: %3 in the store")
                    .arg(fields[k].name)
                    .arg(t)
                    .arg(columns[k][t]);
    }
    return {};
}

// A drag of `paths` entering `w` at `at`, moving to each of `moves`, then dropped at the last.
// Returns the zones highlighted along the way.
QList<DropZones::Zone> dragAndDrop(MainWindow& w, const QStringList& paths, QPoint at,
                                   const QList<QPoint>& moves = {}) {
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString& p : paths)
        urls << QUrl::fromLocalFile(p);
    mime.setUrls(urls);
    QList<DropZones::Zone> zones;
    QDragEnterEvent enter(at, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &enter);
    if (!enter.isAccepted())
        return zones;
    zones << w.dropZones()->highlighted();
    QPoint last = at;
    for (const QPoint& p : moves) {
        QDragMoveEvent move(p, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &move);
        zones << w.dropZones()->highlighted();
        last = p;
    }
    QDropEvent drop(QPointF(last), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&w, &drop);
    return zones;
}

} // namespace

class TestConvertDrop : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void storePaths();
    void dropConvertsTwoFiles();
    void cancelLeavesNothing();
    void convertDialogKeepsItsOptions();
    void quitAsksBeforeCancelling();
    void storeShowsTheSameGather();
    void storeOpensFromTheMenuAndRecentFiles();
    void dropAStoreOpensIt();
    void screenshotOfAStore();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    QTemporaryDir m_cache;
    QTemporaryDir m_dir;
    QString m_a, m_b, m_big;
};

void TestConvertDrop::initTestCase() {
    QVERIFY(m_cache.isValid() && m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_cache.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_cache.path());
    m_a = path(QStringLiteral("shots_a.sgy"));
    m_b = path(QStringLiteral("shots_b.sgy"));
    m_big = path(QStringLiteral("big.sgy"));
    writeShots(m_a, 600, 500, 60, 1800);
    writeShots(m_b, 240, 750, 48, 2500);
    writeShots(m_big, kBigTraces, 500, 100, 2000);
    // Small chunks, along samples too, so that the stores have many chunks and edge chunks.
    QSettings settings;
    ConversionSettings s;
    s.chunkTraces = 64;
    s.chunkSamples = 200;
    s.save(settings);
}

void TestConvertDrop::storePaths() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto in = [&](const char* name) { return dir.filePath(QLatin1String(name)); };
    const auto storeFor = [](const QString& source, const QStringList& reserved = {}) {
        return JobQueue::storePathFor(source, reserved);
    };
    QCOMPARE(storeFor(in("line.segy")), in("line.zarr"));
    QCOMPARE(storeFor(in("a.b.sgy")), in("a.b.zarr"));
    QCOMPARE(storeFor(in("noext")), in("noext.zarr"));
    // Taken by a file, a directory, a dangling link or another queued job: the next number.
    QFile(in("line.zarr")).open(QIODevice::WriteOnly);
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("line-1.zarr")));
    QVERIFY(QFile::link(in("nowhere"), in("line-2.zarr")));
    QCOMPARE(storeFor(in("line.segy")), in("line-3.zarr"));
    QCOMPARE(storeFor(in("line.segy"), {in("line-3.zarr")}), in("line-4.zarr"));
    // A store (a directory, maybe named with a trailing slash) is rechunked beside itself.
    QCOMPARE(storeFor(in("line-1.zarr") + QLatin1Char('/')), in("line-1-1.zarr"));
}

void TestConvertDrop::dropConvertsTwoFiles() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.jobsDock()->isVisible());
    const QPoint left(w.width() / 4, w.height() / 2);
    const QPoint right(w.width() * 3 / 4, w.height() / 2);

    // While files are dragged over the window it shows both zones, the one under the cursor
    // highlighted.
    {
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(m_a), QUrl::fromLocalFile(m_b)});
        QDragEnterEvent enter(right, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &enter);
        QVERIFY(enter.isAccepted());
        QVERIFY(w.dropZones()->isVisible());
        QVERIFY(w.dropZones()->offersConvert());
        QCOMPARE(w.dropZones()->highlighted(), DropZones::Zone::Convert);
        saveScreenshot(w, QStringLiteral("dropzones_convert.png"));
        QDragMoveEvent move(left, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(&w, &move);
        QVERIFY(move.isAccepted());
        QCOMPARE(w.dropZones()->highlighted(), DropZones::Zone::Open);
        saveScreenshot(w, QStringLiteral("dropzones_open.png"));
        QDragLeaveEvent leave;
        QApplication::sendEvent(&w, &leave);
        QVERIFY(!w.dropZones()->isVisible());
        QVERIFY(w.jobQueue()->jobs().empty()); // nothing happened
    }

    // Dropped on "Convert to Zarr": both queued, each beside its file.
    const auto zones = dragAndDrop(w, {m_a, m_b}, left, {right});
    QCOMPARE(zones, (QList{DropZones::Zone::Open, DropZones::Zone::Convert}));
    QVERIFY(!w.dropZones()->isVisible());
    const auto& jobs = w.jobQueue()->jobs();
    QCOMPARE(jobs.size(), std::size_t(2));
    const int idA = jobs[0].id, idB = jobs[1].id;
    QCOMPARE(jobs[0].target, path(QStringLiteral("shots_a.zarr")));
    QCOMPARE(jobs[1].target, path(QStringLiteral("shots_b.zarr")));
    QVERIFY(w.jobsDock()->isVisible());
    QVERIFY(w.jobsPanel()->row(idA) && w.jobsPanel()->row(idB));
    // Nothing was opened: the window still shows no file.
    QVERIFY(!w.file());

    QTRY_VERIFY_WITH_TIMEOUT(!w.jobQueue()->isBusy(), kWaitMs);
    for (int id : {idA, idB}) {
        const JobQueue::Job* job = w.jobQueue()->job(id);
        QVERIFY(job);
        QVERIFY2(job->state == JobQueue::State::Done, qPrintable(job->error));
        QVERIFY2(statusOf(w, id).startsWith(QStringLiteral("Done")), qPrintable(statusOf(w, id)));
        QVERIFY(child(w.jobsPanel()->row(id), "jobOpen")->isVisible());
        QVERIFY(!child(w.jobsPanel()->row(id), "jobCancel")->isVisible());
        QCOMPARE(qobject_cast<QProgressBar*>(child(w.jobsPanel()->row(id), "jobProgress"))->value(),
                 100);
        QVERIFY(job->result.ratio > 1); // the texture and the silence compress
    }
    QCOMPARE(w.jobsPanel()->findChild<QProgressBar*>(QStringLiteral("jobsTotal"))->value(), 100);
    QVERIFY(w.jobsPanel()
                ->findChild<QLabel*>(QStringLiteral("jobsSummary"))
                ->text()
                .startsWith(QStringLiteral("2 of 2 done")));

    // The stores hold what segyio reads from the files, in the chunks of the settings.
    QString problem = compareWithSegyio(path(QStringLiteral("shots_a.zarr")), m_a);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = compareWithSegyio(path(QStringLiteral("shots_b.zarr")), m_b);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(amplitudeMetadata(path(QStringLiteral("shots_a.zarr"))).value("chunks").toArray(),
             (QJsonArray{64, 200}));
    // ... and what xarray (consolidated metadata) and zarr-python read from them.
    for (const char* name : {"shots_a", "shots_b"}) {
        const QString store = path(QLatin1String(name) + QStringLiteral(".zarr"));
        const QString segy = name == std::string_view("shots_a") ? m_a : m_b;
        const QString codec = amplitudeMetadata(store)
                                  .value(QStringLiteral("compressor"))
                                  .toObject()
                                  .value(QStringLiteral("cname"))
                                  .toString();
        const testsupport::ProcessRun check =
            testsupport::runProcess(qEnvironmentVariable("SEIS_PYTHON"),
                                    {QStringLiteral(SEIS_TESTS_DIR "/zarr/check_store.py"), store,
                                     segy, QStringLiteral("big"), codec});
        QVERIFY2(check.code == 0, qPrintable(check.describe()));
    }

    // The Open button of a finished row opens its store.
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QTest::mouseClick(child(w.jobsPanel()->row(idB), "jobOpen"), Qt::LeftButton);
    QVERIFY(shown.count() > 0 || shown.wait(kWaitMs));
    QVERIFY(w.windowTitle().contains(QStringLiteral("shots_b.zarr")));
    QVERIFY(dynamic_cast<const zarr::ZarrSource*>(w.file().get()));
    QCOMPARE(w.gatherView()->data().traces(), (TraceRange{0, 240}));
}

void TestConvertDrop::cancelLeavesNothing() {
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    // The big file's job is held at a progress report (the first with a rate, or the first past
    // half way) until the test lets it go; by then the store's temporary directory holds chunks.
    std::atomic<int> heldId{0};
    std::atomic<bool> reached{false};
    testsupport::Gate gate;
    w.jobQueue()->setProgressHook([&](int id, const zarr::ConvertProgress& p) {
        if (id != heldId || reached ||
            (p.megabytesInPerSecond <= 0 && 2 * p.traces < p.totalTraces))
            return;
        reached = true;
        gate.wait();
    });
    const QList<int> ids = w.convertFiles({m_big, m_a, m_b, path(QStringLiteral("missing.sgy"))});
    QCOMPARE(ids.size(), 4);
    heldId = ids[0];
    QTRY_VERIFY_WITH_TIMEOUT(reached.load(), kWaitMs);
    // The big file runs, the rest wait: one conversion at a time.
    const JobQueue::Job* big = w.jobQueue()->job(ids[0]);
    QCOMPARE(big->state, JobQueue::State::Running);
    QCOMPARE(big->target, path(QStringLiteral("big.zarr")));
    // shots_a.zarr exists (the drop made it): the next free name, never over it.
    QCOMPARE(w.jobQueue()->job(ids[1])->target, path(QStringLiteral("shots_a-1.zarr")));
    QCOMPARE(w.jobQueue()->job(ids[1])->state, JobQueue::State::Queued);
    // Its row shows the report it is held at.
    const QString total = QLocale().toString(qint64(kBigTraces));
    QTRY_VERIFY_WITH_TIMEOUT(statusOf(w, ids[0]).contains(total + QStringLiteral(" traces")),
                             kWaitMs);
    QVERIFY(big->progress.traces > 0 && big->progress.traces < kBigTraces);
    QCOMPARE(qobject_cast<QProgressBar*>(child(w.jobsPanel()->row(ids[0]), "jobProgress"))->value(),
             int(big->progress.percent));
    // Its chunks are written to a temporary directory beside the target meanwhile.
    const QStringList during = entries(m_dir.path());
    QVERIFY2(std::any_of(during.begin(), during.end(),
                         [](const QString& e) { return e.contains(QStringLiteral(".part")); }),
             qPrintable(during.join(' ')));
    // The GUI thread is free while the job is held: the window reacts.
    w.showFile(m_a);
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QVERIFY(shown.wait(kWaitMs));
    saveScreenshot(w, QStringLiteral("jobs_running.png"));

    // A queued job cancelled: never runs.
    QTest::mouseClick(child(w.jobsPanel()->row(ids[2]), "jobCancel"), Qt::LeftButton);
    QCOMPARE(w.jobQueue()->job(ids[2])->state, JobQueue::State::Cancelled);
    // The running one, through its row's button.
    QTest::mouseClick(child(w.jobsPanel()->row(ids[0]), "jobCancel"), Qt::LeftButton);
    QCOMPARE(statusOf(w, ids[0]), QStringLiteral("Cancelling..."));
    gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(w.jobQueue()->job(ids[0])->state, JobQueue::State::Cancelled,
                              kWaitMs);
    QVERIFY(statusOf(w, ids[0]).startsWith(QStringLiteral("Cancelled")));
    // The next ones ran after it: shots_a-1.zarr done, the missing file failed, naming it.
    QTRY_VERIFY_WITH_TIMEOUT(!w.jobQueue()->isBusy(), kWaitMs);
    QCOMPARE(w.jobQueue()->job(ids[1])->state, JobQueue::State::Done);
    QCOMPARE(w.jobQueue()->job(ids[3])->state, JobQueue::State::Failed);
    QVERIFY2(statusOf(w, ids[3]).contains(QStringLiteral("missing.sgy")),
             qPrintable(statusOf(w, ids[3])));
    saveScreenshot(w, QStringLiteral("jobs_finished.png"));

    // Nothing of the cancelled ones on disk: no store, no temporary directory.
    const QStringList left = entries(m_dir.path());
    QVERIFY2(!left.contains(QStringLiteral("big.zarr")), qPrintable(left.join(' ')));
    QVERIFY2(!left.contains(QStringLiteral("shots_b-1.zarr")), qPrintable(left.join(' ')));
    for (const QString& e : left)
        QVERIFY2(!e.contains(QStringLiteral(".part")) && !e.startsWith(QLatin1Char('.')),
                 qPrintable(e));
    QVERIFY(left.contains(QStringLiteral("shots_a-1.zarr")));
    QString problem = compareWithSegyio(path(QStringLiteral("shots_a-1.zarr")), m_a);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // "Clear finished" empties the panel.
    QTest::mouseClick(w.jobsPanel()->findChild<QPushButton*>(QStringLiteral("jobsClear")),
                      Qt::LeftButton);
    QVERIFY(w.jobQueue()->jobs().empty());
    QTRY_VERIFY(!w.jobsPanel()->row(ids[0]));
    QVERIFY(QDir(path(QStringLiteral("shots_a-1.zarr"))).removeRecursively());
}

void TestConvertDrop::convertDialogKeepsItsOptions() {
    MainWindow w;
    w.show();
    QAction* convert = findMenuAction(
        w, [](QAction* a) { return a->text().contains(QStringLiteral("Convert to Zarr")); });
    QVERIFY(convert);
    // File > Convert to Zarr...: Qt's file dialog takes both names, then the options dialog
    // gets lz4, level 5, byte shuffle, 100-trace chunks.
    bool typed = false, chosen = false;
    QString listed;
    QTimer driver;
    connect(&driver, &QTimer::timeout, [&] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!typed && qobject_cast<QFileDialog*>(modal)) {
            typed = typeIntoFileDialog(modal, QStringLiteral("\"%1\" \"%2\"").arg(m_a, m_b));
        } else if (auto* options = qobject_cast<gui::ConversionDialog*>(modal);
                   options && !chosen) {
            chosen = true;
            for (QLabel* l : options->findChildren<QLabel*>())
                listed += l->text();
            options->findChild<QSpinBox*>(QStringLiteral("chunkTraces"))->setValue(100);
            options->findChild<QSpinBox*>(QStringLiteral("chunkSamples"))->setValue(0);
            auto* codec = options->findChild<QComboBox*>(QStringLiteral("codec"));
            codec->setCurrentIndex(codec->findData(QStringLiteral("lz4")));
            options->findChild<QSpinBox*>(QStringLiteral("level"))->setValue(5);
            auto* shuffle = options->findChild<QComboBox*>(QStringLiteral("shuffle"));
            shuffle->setCurrentIndex(shuffle->findData(int(zarr::Shuffle::Byte)));
            saveScreenshot(*options, QStringLiteral("convert_dialog.png"));
            options->accept();
        }
    });
    driver.start(20);
    convert->trigger();
    driver.stop();
    QVERIFY(typed && chosen);
    // The dialog named the stores to be written: shots_a.zarr exists, so shots_a-1.zarr.
    QVERIFY2(listed.contains(QStringLiteral("shots_a-1.zarr")) &&
                 listed.contains(QStringLiteral("shots_b-1.zarr")),
             qPrintable(listed));
    const auto& jobs = w.jobQueue()->jobs();
    QCOMPARE(jobs.size(), std::size_t(2));
    QCOMPARE(jobs[0].target, path(QStringLiteral("shots_a-1.zarr")));
    QCOMPARE(jobs[1].target, path(QStringLiteral("shots_b-1.zarr")));
    QTRY_VERIFY_WITH_TIMEOUT(!w.jobQueue()->isBusy(), kWaitMs);
    for (const auto& job : jobs)
        QVERIFY2(job.state == JobQueue::State::Done, qPrintable(job.error));

    // The store was written with those options, and holds the file.
    const QJsonObject zarray = amplitudeMetadata(path(QStringLiteral("shots_b-1.zarr")));
    QCOMPARE(zarray.value("chunks").toArray(), (QJsonArray{100, 750}));
    const QJsonObject compressor = zarray.value("compressor").toObject();
    QCOMPARE(compressor.value("cname").toString(), QStringLiteral("lz4"));
    QCOMPARE(compressor.value("clevel").toInt(), 5);
    QCOMPARE(compressor.value("shuffle").toInt(), 1);
    QString problem = compareWithSegyio(path(QStringLiteral("shots_b-1.zarr")), m_b);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // They are remembered, and the next window's dialog starts with them.
    QSettings stored;
    const ConversionSettings s = ConversionSettings::load(stored);
    QCOMPARE(s.chunkTraces, qint64(100));
    QCOMPARE(s.chunkSamples, qint64(0));
    QCOMPARE(s.codec, QStringLiteral("lz4"));
    QCOMPARE(s.level, 5);
    QCOMPARE(s.shuffle, zarr::Shuffle::Byte);
    gui::ConversionDialog again(s, {m_a});
    QCOMPARE(again.settings(), s);

    for (const char* name : {"shots_a-1.zarr", "shots_b-1.zarr"})
        QVERIFY(QDir(path(QLatin1String(name))).removeRecursively());
    // Back to the chunks the other tests expect.
    ConversionSettings small;
    small.chunkTraces = 64;
    small.chunkSamples = 200;
    small.save(stored);
}

void TestConvertDrop::quitAsksBeforeCancelling() {
    MainWindow w;
    w.show();
    std::atomic<bool> reached{false};
    testsupport::Gate gate;
    w.jobQueue()->setProgressHook([&](int, const zarr::ConvertProgress&) {
        if (!reached.exchange(true))
            gate.wait();
    });
    const int id = w.convertFiles({m_big}).front();
    QTRY_VERIFY_WITH_TIMEOUT(reached.load(), kWaitMs);
    // Closing asks; "No" keeps the window and the job.
    QString asked;
    QMessageBox::StandardButton answer = QMessageBox::No;
    QTimer closer;
    connect(&closer, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            asked = box->text();
            box->button(answer)->click();
        }
    });
    closer.start(20);
    QVERIFY(!w.close());
    QVERIFY2(asked.contains(QStringLiteral("Cancel them and quit")), qPrintable(asked));
    QVERIFY(w.isVisible());
    QCOMPARE(w.jobQueue()->job(id)->state, JobQueue::State::Running);
    // "Yes" cancels it; the window closes once the job has stopped and removed its files (a
    // process that quit at once would leave the temporary directory behind).
    answer = QMessageBox::Yes;
    asked.clear();
    QVERIFY(!w.close());
    QVERIFY(!asked.isEmpty());
    closer.stop();
    QVERIFY(w.isVisible());
    gate.open();
    QTRY_VERIFY_WITH_TIMEOUT(!w.isVisible(), kWaitMs);
    QCOMPARE(w.jobQueue()->job(id)->state, JobQueue::State::Cancelled);
    const QStringList left = entries(m_dir.path());
    for (const QString& e : left)
        QVERIFY2(!e.startsWith(QStringLiteral("big.zarr")) && !e.startsWith(QLatin1Char('.')),
                 qPrintable(e));
}

void TestConvertDrop::storeShowsTheSameGather() {
    const QString store = path(QStringLiteral("shots_a.zarr"));
    QVERIFY(QFileInfo(store).isDir()); // dropConvertsTwoFiles made it
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    const auto windowOf = [&](const QString& file, qint64 ensemble) {
        w.showFile(file);
        w.showEnsembleNow(ensemble);
        // The window of that ensemble on screen (earlier windows may still arrive first).
        const TraceRange want{ensemble * 60, ensemble * 60 + 60};
        if (!QTest::qWaitFor([&] { return w.gatherView()->data().traces() == want; }, kWaitMs))
            return std::make_pair(SampleRange{}, std::vector<float>{});
        const TraceWindow data = w.gatherView()->data();
        std::vector<float> values(std::size_t(data.traces().count() * data.samples().count()));
        data.copyTo(values.data());
        return std::make_pair(data.samples(), values);
    };
    for (qint64 ensemble : {0, 3, 9}) {
        const auto fromSegy = windowOf(m_a, ensemble);
        const auto fromStore = windowOf(store, ensemble);
        QCOMPARE(fromStore.first, fromSegy.first);
        QCOMPARE(fromStore.second.size(), std::size_t(60 * 500));
        QVERIFY(fromStore.second == fromSegy.second);
    }
    // The ensembles of the store are those of the file: 10 shots of 60.
    QVERIFY(w.navigator()->ensembles());
    QCOMPARE(w.navigator()->ensembles()->count(), qint64(10));
}

void TestConvertDrop::storeOpensFromTheMenuAndRecentFiles() {
    const QString store = path(QStringLiteral("shots_b.zarr"));
    MainWindow w;
    w.show();
    w.recentFiles()->clear();
    QAction* openStore = findMenuAction(
        w, [](QAction* a) { return a->text().contains(QStringLiteral("Zarr store")); });
    QVERIFY(openStore);
    // File > Open Zarr store...: a directory chooser; the store's path typed and accepted.
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QVERIFY(triggerAndAnswerFileDialog(openStore, store));
    QVERIFY(shown.count() > 0 || shown.wait(kWaitMs));
    QVERIFY(w.windowTitle().contains(QStringLiteral("shots_b.zarr")));
    QCOMPARE(w.file()->traceCount(), qint64(240));

    // In the recent files, and opened from there again after another file.
    const QString canonical = QFileInfo(store).canonicalFilePath();
    QCOMPARE(w.recentFiles()->files(), QStringList{canonical});
    w.showFile(m_a);
    QVERIFY(shown.wait(kWaitMs));
    QAction* entry = recentEntry(w, QStringLiteral("shots_b.zarr"));
    QVERIFY(entry);
    entry->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.windowTitle().contains(QStringLiteral("shots_b.zarr")), kWaitMs);
    QVERIFY(dynamic_cast<const zarr::ZarrSource*>(w.file().get()));
    QCOMPARE(w.recentFiles()->files().front(), canonical);
}

void TestConvertDrop::dropAStoreOpensIt() {
    const QString store = path(QStringLiteral("shots_a.zarr"));
    MainWindow w;
    w.resize(1280, 800);
    w.show();
    QSignalSpy shown(&w, &MainWindow::viewShown);
    // A directory only: the whole window is "Open", even on its right half.
    const auto zones = dragAndDrop(w, {store}, QPoint(w.width() * 3 / 4, w.height() / 2));
    QCOMPARE(zones, QList{DropZones::Zone::Open});
    QVERIFY(shown.wait(kWaitMs));
    QVERIFY(w.windowTitle().contains(QStringLiteral("shots_a.zarr")));
    QVERIFY(w.jobQueue()->jobs().empty());

    // Something that is no local file is refused.
    QMimeData web;
    web.setUrls({QUrl(QStringLiteral("https://example.com/a.sgy"))});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &web, Qt::LeftButton, Qt::NoModifier);
    enter.ignore();
    QApplication::sendEvent(&w, &enter);
    QVERIFY(!enter.isAccepted());
    QVERIFY(!w.dropZones()->isVisible());
}

void TestConvertDrop::screenshotOfAStore() {
    // seisview --screenshot on the store and on its file: the same gather, pixel for pixel
    // where the gather is drawn.
    const QString store = path(QStringLiteral("shots_a.zarr"));
    QVERIFY(QFileInfo(store).isDir());
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_cache.path());
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_cache.path());
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    testsupport::ProcessOptions options;
    options.environment = env;
    options.hangGuardMs = 120000;
    const auto shot = [&](const QString& input, const QString& out) {
        return testsupport::runProcess(QStringLiteral(SEIS_GUI),
                                       {QStringLiteral("--screenshot"), out, input,
                                        QStringLiteral("--ensemble"), QStringLiteral("2"),
                                        QStringLiteral("--size"), QStringLiteral("1200x700")},
                                       options);
    };
    const QString storePng = path(QStringLiteral("store.png"));
    const QString segyPng = path(QStringLiteral("segy.png"));
    testsupport::ProcessRun r = shot(store, storePng);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    r = shot(m_a, segyPng);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    const QImage fromStore(storePng), fromSegy(segyPng);
    QCOMPARE(fromStore.size(), QSize(1200, 700));
    QCOMPARE(fromSegy.size(), QSize(1200, 700));
    int differ = 0, dark = 0, light = 0;
    for (int y = 150; y < 600; ++y)
        for (int x = 650; x < 1150; ++x) {
            differ += fromStore.pixel(x, y) != fromSegy.pixel(x, y);
            const int g = qGray(fromStore.pixel(x, y));
            dark += g < 60;
            light += g > 200;
        }
    QCOMPARE(differ, 0);
    // And a gather is drawn there, not an empty plot.
    QVERIFY2(dark > 1000 && light > 1000,
             qPrintable(QStringLiteral("%1 dark, %2 light").arg(dark).arg(light)));
    if (const QString dir = qEnvironmentVariable("SEIS_TEST_SCREENSHOTS"); !dir.isEmpty()) {
        QFile::copy(storePng, QDir(dir).filePath(QStringLiteral("screenshot_store.png")));
        QFile::copy(segyPng, QDir(dir).filePath(QStringLiteral("screenshot_segy.png")));
    }
}

QTEST_MAIN(TestConvertDrop)
#include "tst_convertdrop.moc"
