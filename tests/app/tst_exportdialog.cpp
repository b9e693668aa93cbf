// File > Export... driven as a user would: the dialog's scopes become the SelectionSpec they say
// (and the open file is refused as the target); an export of the current ensemble with the flow
// applied, run to its end in the jobs panel, is read back by libsegyio and equals what
// `seisview-cli process` gives for those traces; an export of header ranges and a time window
// to Zarr reads back with the samples libsegyio reads from the source; an export held mid-way
// (the queue's progress hook) and cancelled from its row leaves nothing in the directory, while
// the window stays usable.
//
// Sources: the pipeline fixture's files (tests/data/make_pipeline_files.py), copied into a
// temporary directory so that everything in it is known.
#include "exportdialog.h"
#include "jobqueue.h"
#include "jobspanel.h"
#include "mainwindow.h"
#include "processingpanel.h"

#include "processrun.h"
#include "screenshots.h"
#include "segyiofile.h"
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/processing/flow.h"
#include "seis/sources/opensource.h"
#include <seis/gathernavigator.h>

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include <nlohmann/json.hpp>

#include <atomic>
#include <cmath>
#include <functional>
#include <limits>

using namespace seis;
using namespace seis::testsupport;
using seis::gui::ExportDialog;
using seis::gui::JobQueue;
using seis::gui::MainWindow;

namespace {

constexpr int kWaitMs = 60000; // a hang guard only

// The flow of the run-to-end test: AGC over 20 ms (10 samples of 2 ms), then polarity.
const char* const kFlow =
    R"({"version": 1, "steps": [{"step": "agc", "window_ms": 20}, {"step": "polarity"}]})";

QString fixture(const QString& name) {
    return QDir(qEnvironmentVariable("SEIS_TEST_DATA")).filePath(name);
}

// Every entry of `dir` (hidden ones too) but . and ..
QStringList entries(const QString& dir) {
    return QDir(dir).entryList(
        QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name);
}

// Triggers File > Export... and, once the dialog shows, lets `fill` set it up and presses
// Export. Returns the error the dialog showed, if it refused (it is then cancelled).
QString exportThroughDialog(MainWindow& w, const std::function<void(ExportDialog&)>& fill) {
    auto* action = w.findChild<QAction*>(QStringLiteral("exportData"));
    if (!action || !action->isEnabled())
        return QStringLiteral("File > Export... is missing or disabled");
    QString error;
    bool handled = false;
    QTimer driver;
    QObject::connect(&driver, &QTimer::timeout, [&] {
        auto* dialog = qobject_cast<ExportDialog*>(QApplication::activeModalWidget());
        if (!dialog || handled)
            return;
        handled = true;
        fill(*dialog);
        dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"))
            ->button(QDialogButtonBox::Ok)
            ->click();
        if (dialog->isVisible()) {
            error = dialog->errorText();
            dialog->reject();
        }
    });
    driver.start(20);
    action->trigger();
    driver.stop();
    return handled ? error : QStringLiteral("the export dialog never showed");
}

template <class T> T* child(QWidget& parent, const char* name) {
    return parent.findChild<T*>(QLatin1String(name));
}

void choose(QComboBox* box, int data) {
    box->setCurrentIndex(box->findData(data));
}

QWidget* rowChild(MainWindow& w, int id, const char* name) {
    QWidget* row = w.jobsPanel()->row(id);
    return row ? row->findChild<QWidget*>(QLatin1String(name)) : nullptr;
}

} // namespace

class TestExportDialog : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void scopesMakeTheirSelection();
    void refusesTheOpenFile();
    void exportsTheEnsembleProcessed();
    void exportsHeaderRangesToZarr();
    void cancelLeavesNothing_data();
    void cancelLeavesNothing();

private:
    QString path(const QString& name) const { return m_dir.filePath(name); }
    // A window showing `file`, its ensemble scan finished.
    void show(MainWindow& w, const QString& file);

    QTemporaryDir m_cache;
    QTemporaryDir m_dir;
    QString m_gathers, m_wide;
};

void TestExportDialog::initTestCase() {
    QVERIFY(m_cache.isValid() && m_dir.isValid());
    qputenv("XDG_CACHE_HOME", m_cache.path().toLocal8Bit()); // never the user's cache
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_cache.path());
    m_gathers = path(QStringLiteral("gathers.sgy"));
    m_wide = path(QStringLiteral("wide.sgy"));
    QVERIFY(QFile::copy(fixture(QStringLiteral("pipeline_gathers_be.sgy")), m_gathers));
    QVERIFY(QFile::copy(fixture(QStringLiteral("pipeline_wide.sgy")), m_wide));
}

void TestExportDialog::show(MainWindow& w, const QString& file) {
    w.resize(1280, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.showFile(file);
    QVERIFY(shown.count() > 0 || shown.wait(kWaitMs));
    w.navigator()->waitForScan();
}

void TestExportDialog::scopesMakeTheirSelection() {
    ExportDialog::Context c;
    c.sourcePath = m_gathers;
    c.traceCount = 480;
    c.onScreen = {30, 130};
    c.currentEnsemble = 3;
    c.ensembleCount = 20;
    c.ensembleKeys = {parseHeaderField(QStringLiteral("fldr")),
                      parseHeaderField(QStringLiteral("cdp"))};
    c.startMs = 100;
    c.endMs = 180;
    c.chain = parseFlow(nlohmann::ordered_json::parse(kFlow));
    ExportDialog d(c);

    // On screen (the default): those traces, the whole trace.
    QVERIFY(child<QRadioButton>(d, "scopeOnScreen")->isChecked());
    // Numbered from 1 for people: traces 30..129 are 31 to 130, ensemble 3 is the 4th.
    QVERIFY2(child<QRadioButton>(d, "scopeOnScreen")->text().contains(QStringLiteral("31 to 130")),
             qPrintable(child<QRadioButton>(d, "scopeOnScreen")->text()));
    QVERIFY2(child<QRadioButton>(d, "scopeEnsemble")->text().contains(QStringLiteral("(4)")),
             qPrintable(child<QRadioButton>(d, "scopeEnsemble")->text()));
    SelectionSpec s = d.selectionSpec();
    QCOMPARE(s.traces, std::optional<TraceRange>(TraceRange{30, 130}));
    QVERIFY(!s.ensembles && s.where.empty() && !s.timeMs && s.every == 1);

    // The current ensemble, by the viewer's keys.
    child<QRadioButton>(d, "scopeEnsemble")->setChecked(true);
    s = d.selectionSpec();
    QVERIFY(!s.traces);
    QCOMPARE(s.ensembles, std::optional<TraceRange>(TraceRange{3, 4}));
    QCOMPARE(s.ensembleKeys, c.ensembleKeys);

    // Ensembles 6 to 10 as shown (1-based, inclusive): [5, 10) 0-based.
    child<QRadioButton>(d, "scopeEnsembleRange")->setChecked(true);
    QCOMPARE(child<QSpinBox>(d, "ensembleFirst")->minimum(), 1);
    QCOMPARE(child<QSpinBox>(d, "ensembleLast")->maximum(), 20);
    QCOMPARE(child<QSpinBox>(d, "ensembleFirst")->value(), 4); // the current one, shown 1-based
    child<QSpinBox>(d, "ensembleFirst")->setValue(6);
    child<QSpinBox>(d, "ensembleLast")->setValue(10);
    s = d.selectionSpec();
    QCOMPARE(s.ensembles, std::optional<TraceRange>(TraceRange{5, 10}));
    QCOMPARE(s.ensembleKeys, c.ensembleKeys);
    child<QSpinBox>(d, "ensembleFirst")->setValue(11);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, d.selectionSpec());

    // Header ranges: every row, empty bounds unbounded; bad keys and bounds refused.
    child<QRadioButton>(d, "scopeHeaders")->setChecked(true);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, d.selectionSpec()); // no row yet
    d.addHeaderRange(QStringLiteral("offset"), QStringLiteral("-100"), QStringLiteral("200"));
    d.addHeaderRange(QStringLiteral("cdp"), QString(), QStringLiteral("3005"));
    s = d.selectionSpec();
    QVERIFY(!s.traces && !s.ensembles);
    QCOMPARE(s.where.size(), std::size_t(2));
    QCOMPARE(s.where[0].field, parseHeaderField(QStringLiteral("offset")));
    QCOMPARE(s.where[0].min, -100);
    QCOMPARE(s.where[0].max, 200);
    QCOMPARE(s.where[1].field, parseHeaderField(QStringLiteral("cdp")));
    QCOMPARE(s.where[1].min, std::numeric_limits<qint64>::min());
    QCOMPARE(s.where[1].max, 3005);
    d.addHeaderRange(QStringLiteral("nosuchkey"), QStringLiteral("1"), QStringLiteral("2"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, d.selectionSpec());
    auto* table = child<QTableWidget>(d, "headerRanges");
    table->item(2, 0)->setText(QStringLiteral("189"));
    table->item(2, 1)->setText(QStringLiteral("5"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, d.selectionSpec()); // min 5 > max 2
    table->item(2, 1)->setText(QStringLiteral("x"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, d.selectionSpec());
    table->item(2, 1)->setText(QStringLiteral("1"));
    QCOMPARE(d.selectionSpec().where.size(), std::size_t(3));
    QCOMPARE(d.selectionSpec().where[2].field.byte.position, 189);

    // The whole file: nothing; a time window inside the traces is kept as typed.
    child<QRadioButton>(d, "scopeWholeFile")->setChecked(true);
    s = d.selectionSpec();
    QVERIFY(!s.traces && !s.ensembles && s.where.empty() && !s.timeMs);
    child<QDoubleSpinBox>(d, "timeFrom")->setValue(110);
    child<QDoubleSpinBox>(d, "timeTo")->setValue(150);
    s = d.selectionSpec();
    QCOMPARE(s.timeMs, (std::optional<std::pair<double, double>>(std::make_pair(110.0, 150.0))));
    child<QDoubleSpinBox>(d, "timeFrom")->setValue(150);
    QVERIFY_THROWS_EXCEPTION(ArgumentError, d.selectionSpec());

    // The request: the SEG-Y options chosen, the open file never written, the flow when asked.
    auto* apply = child<QCheckBox>(d, "applyFlow");
    QVERIFY(apply->isEnabled() && apply->isChecked());
    QVERIFY(child<QLabel>(d, "flowSteps")->text().contains(QStringLiteral("agc")));
    ExportRequest r = d.request();
    QCOMPARE(r.chain.size(), std::size_t(2));
    QVERIFY(!r.segy.format && !r.segy.byteOrder && !r.segy.revision); // as the source
    QCOMPARE(r.segy.output.inputs, QStringList{m_gathers});
    choose(child<QComboBox>(d, "segyFormat"), 3);
    choose(child<QComboBox>(d, "segyByteOrder"), 1);
    choose(child<QComboBox>(d, "segyRevision"), 2);
    apply->setChecked(false);
    d.setPath(path(QStringLiteral("x.sgy")));
    r = d.request();
    QCOMPARE(r.target, path(QStringLiteral("x.sgy")));
    QCOMPARE(r.segy.format, std::optional<int>(3));
    QCOMPARE(r.segy.byteOrder, std::optional<ByteOrder>(ByteOrder::Little));
    QCOMPARE(r.segy.revision, std::optional<int>(2));
    QVERIFY(r.chain.empty());
    // A store takes none of the SEG-Y options.
    QVERIFY(child<QGroupBox>(d, "segyOptions")->isEnabled());
    d.setPath(path(QStringLiteral("x.zarr")));
    QVERIFY(!child<QGroupBox>(d, "segyOptions")->isEnabled());

    // No flow, no ensembles: those choices are off.
    c.chain = {};
    c.currentEnsemble = -1;
    c.ensembleCount = 0;
    ExportDialog plain(c);
    QVERIFY(!child<QCheckBox>(plain, "applyFlow")->isEnabled());
    QVERIFY(!child<QRadioButton>(plain, "scopeEnsemble")->isEnabled());
    QVERIFY(!child<QRadioButton>(plain, "scopeEnsembleRange")->isEnabled());
    QVERIFY(plain.request().chain.empty());
}

void TestExportDialog::refusesTheOpenFile() {
    ExportDialog::Context c;
    c.sourcePath = m_gathers;
    c.traceCount = 480;
    c.onScreen = {0, 24};
    c.endMs = 80;
    ExportDialog d(c);
    const QString link = path(QStringLiteral("gathers-link.sgy"));
    QVERIFY(QFile::link(m_gathers, link));
    for (const QString& target : {m_gathers, link, QDir(m_dir.path()).filePath("./gathers.sgy")}) {
        d.setPath(target);
        d.accept();
        QVERIFY2(d.errorText().contains(QStringLiteral("open file")), qPrintable(target));
        QCOMPARE(d.result(), int(QDialog::Rejected));
    }
    QVERIFY(QFile::remove(link));
    d.setPath(QString());
    d.accept();
    QVERIFY(!d.errorText().isEmpty());
    d.setPath(QStringLiteral("-")); // never the viewer's standard output
    d.accept();
    QVERIFY(!d.errorText().isEmpty());
    QCOMPARE(d.result(), int(QDialog::Rejected));
    // A relative name is beside the open file.
    d.setPath(QStringLiteral("sub/../near.sgy"));
    QCOMPARE(d.path(), path(QStringLiteral("near.sgy")));
    QVERIFY(QDir(m_dir.path()).mkdir(QStringLiteral("taken.zarr")));
    d.setPath(path(QStringLiteral("taken.zarr")));
    d.accept();
    QVERIFY2(d.errorText().contains(QStringLiteral("exists")), qPrintable(d.errorText()));
    QVERIFY(QDir(path(QStringLiteral("taken.zarr"))).removeRecursively());
    d.setPath(path(QStringLiteral("fine.sgy")));
    d.accept();
    QCOMPARE(d.result(), int(QDialog::Accepted));

    // With the source at hand, options it cannot be written with are refused before any job.
    c.source = openSource(m_gathers);
    ExportDialog checked(c);
    checked.setPath(path(QStringLiteral("fine.sgy")));
    choose(child<QComboBox>(checked, "segyByteOrder"), 1);
    choose(child<QComboBox>(checked, "segyRevision"), 1);
    checked.accept();
    QVERIFY2(checked.errorText().contains(QStringLiteral("little-endian output needs SEG-Y "
                                                         "revision 2")),
             qPrintable(checked.errorText()));
    QCOMPARE(checked.result(), int(QDialog::Rejected));
    choose(child<QComboBox>(checked, "segyRevision"), 2);
    checked.accept();
    QCOMPARE(checked.result(), int(QDialog::Accepted));
    QVERIFY(!QFileInfo::exists(path(QStringLiteral("fine.sgy")))); // the checks create nothing
}

void TestExportDialog::exportsTheEnsembleProcessed() {
    MainWindow w;
    QVERIFY(!w.findChild<QAction*>(QStringLiteral("exportData"))->isEnabled()); // no file
    show(w, m_gathers);
    w.setFlowKept(false);
    w.processingPanel()->setFlow(nlohmann::ordered_json::parse(kFlow));
    w.showEnsembleNow(2);
    const TraceRange traces = w.navigator()->view();
    QCOMPARE(traces, (TraceRange{48, 72})); // fldr 103
    const QString out = path(QStringLiteral("ensemble.sgy"));
    const QString error = exportThroughDialog(w, [&](ExportDialog& d) {
        child<QRadioButton>(d, "scopeEnsemble")->setChecked(true);
        QVERIFY(child<QCheckBox>(d, "applyFlow")->isChecked());
        choose(child<QComboBox>(d, "segyFormat"), 5);
        choose(child<QComboBox>(d, "segyByteOrder"), 1);
        d.setPath(out);
        saveScreenshot(d, QStringLiteral("export_dialog.png"));
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QVERIFY(w.jobsDock()->isVisible());
    QCOMPARE(w.jobQueue()->jobs().size(), std::size_t(1));
    const int id = w.jobQueue()->jobs().front().id;
    QTRY_VERIFY_WITH_TIMEOUT(w.jobQueue()->job(id)->finished(), kWaitMs);
    const JobQueue::Job& job = *w.jobQueue()->job(id);
    QVERIFY2(job.state == JobQueue::State::Done, qPrintable(job.error));
    QCOMPARE(job.kind, JobQueue::Kind::Export);
    QCOMPARE(job.result.traces, traces.count());
    auto* status = qobject_cast<QLabel*>(rowChild(w, id, "jobStatus"));
    QVERIFY2(status->text().startsWith(QStringLiteral("Done: 24 traces")),
             qPrintable(status->text()));

    // What `seisview-cli process` gives for those traces with that flow.
    const QString flowFile = path(QStringLiteral("flow.json"));
    {
        QFile f(flowFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kFlow);
    }
    const ProcessRun oracle = runProcess(
        qEnvironmentVariable("SEIS_CLI"),
        {QStringLiteral("process"), m_gathers, QStringLiteral("--flow"), flowFile,
         QStringLiteral("--traces"), QStringLiteral("%1:%2").arg(traces.begin).arg(traces.end),
         QStringLiteral("-o"), QStringLiteral("-")});
    QVERIFY2(oracle.code == 0, qPrintable(oracle.describe()));
    const qint64 samples = 40;
    QCOMPARE(oracle.out.size(), qint64(sizeof(float)) * traces.count() * samples);
    std::vector<float> expected(std::size_t(traces.count() * samples));
    std::memcpy(expected.data(), oracle.out.constData(), std::size_t(oracle.out.size()));

    // The file as libsegyio reads it: IEEE, little-endian, fldr 103 throughout, the samples.
    const test::SegyioFile written(out, /*littleEndian=*/true);
    QVERIFY(written.ok());
    QCOMPARE(written.format, 5);
    QCOMPARE(written.traces, int(traces.count()));
    QCOMPARE(written.samples, int(samples));
    for (qint64 fldr : test::segyioColumn(out, true, 9))
        QCOMPARE(fldr, 103);
    std::vector<float> trace(static_cast<std::size_t>(samples));
    bool processed = false;
    for (int t = 0; t < written.traces; ++t) {
        QVERIFY(written.trace(t, trace.data()));
        for (int i = 0; i < samples; ++i) {
            const float want = expected[std::size_t(t * samples + i)];
            QVERIFY2(trace[std::size_t(i)] == want,
                     qPrintable(QStringLiteral("trace %1 sample %2: %3, expected %4")
                                    .arg(t)
                                    .arg(i)
                                    .arg(trace[std::size_t(i)])
                                    .arg(want)));
            processed = processed || std::abs(want) < 5; // AGC'd: raw samples are ~48000
        }
    }
    QVERIFY(processed);

    saveScreenshot(w, QStringLiteral("export_done.png"));
    // The jobs panel offers to open it; Open shows it.
    auto* open = qobject_cast<QPushButton*>(rowChild(w, id, "jobOpen"));
    QVERIFY(open && open->isVisible());
    QSignalSpy shown(&w, &MainWindow::viewShown);
    QTest::mouseClick(open, Qt::LeftButton);
    QVERIFY(shown.count() > 0 || shown.wait(kWaitMs));
    QCOMPARE(w.file()->path(), out);
}

void TestExportDialog::exportsHeaderRangesToZarr() {
    MainWindow w;
    show(w, m_gathers);
    const QString out = path(QStringLiteral("ranges.zarr"));
    const QString error = exportThroughDialog(w, [&](ExportDialog& d) {
        child<QRadioButton>(d, "scopeHeaders")->setChecked(true);
        d.addHeaderRange(QStringLiteral("offset"), QStringLiteral("-100"), QStringLiteral("200"));
        child<QDoubleSpinBox>(d, "timeFrom")->setValue(110);
        child<QDoubleSpinBox>(d, "timeTo")->setValue(150);
        child<QCheckBox>(d, "applyFlow")->setChecked(false);
        d.setPath(out);
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const int id = w.jobQueue()->jobs().front().id;
    QTRY_VERIFY_WITH_TIMEOUT(w.jobQueue()->job(id)->finished(), kWaitMs);
    QVERIFY2(w.jobQueue()->job(id)->state == JobQueue::State::Done,
             qPrintable(w.jobQueue()->job(id)->error));

    // The traces whose offset (bytes 37-40) libsegyio reads in [-100, 200], samples [5, 25):
    // (110 - 100) / 2 and (150 - 100) / 2 with the 100 ms delay and 2 ms sampling.
    const test::SegyioFile source(m_gathers);
    QVERIFY(source.ok());
    const std::vector<qint64> offsets = test::segyioColumn(m_gathers, false, 37);
    std::vector<int> wanted;
    for (int t = 0; t < int(offsets.size()); ++t)
        if (offsets[std::size_t(t)] >= -100 && offsets[std::size_t(t)] <= 200)
            wanted.push_back(t);
    QVERIFY(!wanted.empty() && wanted.size() < offsets.size());
    const auto store = openSource(out);
    QCOMPARE(store->traceCount(), qint64(wanted.size()));
    QCOMPARE(store->sampleCount(), 20);
    std::vector<float> got(std::size_t(store->traceCount() * 20));
    store->readWindow({0, store->traceCount()}, {0, 20}, got.data());
    std::vector<float> trace(40);
    for (std::size_t k = 0; k < wanted.size(); ++k) {
        QVERIFY(source.trace(wanted[k], trace.data()));
        for (int i = 0; i < 20; ++i)
            QCOMPARE(got[k * 20 + std::size_t(i)], trace[std::size_t(5 + i)]);
    }
}

void TestExportDialog::cancelLeavesNothing_data() {
    QTest::addColumn<QString>("output");
    QTest::newRow("SEG-Y") << QStringLiteral("held.sgy");
    QTest::newRow("Zarr") << QStringLiteral("held.zarr");
}

void TestExportDialog::cancelLeavesNothing() {
    QFETCH(QString, output);
    QTemporaryDir dir; // the source alone in it
    QVERIFY(dir.isValid());
    const QString source = dir.filePath(QStringLiteral("wide.sgy"));
    QVERIFY(QFile::copy(m_wide, source));
    MainWindow w;
    show(w, source);
    // The job is held at its first report of traces written, until the test lets it go.
    std::atomic<bool> reached{false};
    Gate gate;
    const auto release = qScopeGuard([&] { gate.open(); }); // a failed check never hangs
    w.jobQueue()->setProgressHook([&](int, const zarr::ConvertProgress& p) {
        if (reached || p.traces == 0 || p.traces >= p.totalTraces)
            return;
        reached = true;
        gate.wait();
    });
    const QString error = exportThroughDialog(w, [&](ExportDialog& d) {
        child<QRadioButton>(d, "scopeWholeFile")->setChecked(true);
        d.setPath(dir.filePath(output));
    });
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const int id = w.jobQueue()->jobs().front().id;
    QTRY_VERIFY_WITH_TIMEOUT(reached.load(), kWaitMs);
    QCOMPARE(w.jobQueue()->job(id)->state, JobQueue::State::Running);
    // Something is being written meanwhile, under a temporary name: not the output's.
    const QStringList during = entries(dir.path());
    QVERIFY2(during.size() > 1 && !during.contains(output), qPrintable(during.join(' ')));
    // Its row shows the report it is held at.
    const auto* status = qobject_cast<QLabel*>(rowChild(w, id, "jobStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLocale().toString(70001) + " traces"),
                             kWaitMs);
    const JobQueue::Job& job = *w.jobQueue()->job(id);
    QVERIFY(job.progress.traces > 0 && job.progress.traces < 70001);
    QCOMPARE(qobject_cast<QProgressBar*>(rowChild(w, id, "jobProgress"))->value(),
             int(job.progress.percent));
    // The window stays usable while the job is held.
    QSignalSpy shown(&w, &MainWindow::viewShown);
    w.navigator()->showTraces(30000, 500);
    QVERIFY(shown.wait(kWaitMs));
    saveScreenshot(w, QStringLiteral("export_running_%1.png").arg(QFileInfo(output).suffix()));

    QTest::mouseClick(rowChild(w, id, "jobCancel"), Qt::LeftButton);
    gate.open();
    QTRY_COMPARE_WITH_TIMEOUT(w.jobQueue()->job(id)->state, JobQueue::State::Cancelled, kWaitMs);
    QCOMPARE(entries(dir.path()), QStringList{QStringLiteral("wide.sgy")});
}

QTEST_MAIN(TestExportDialog)
#include "tst_exportdialog.moc"
