// TraceHeaderModel, TextHeaderView and BinaryHeaderView against an independent reference:
// libsegyio's C API reading the files written by tests/data/make_test_files.py (SEIS_TEST_DATA),
// and the manifest the script writes next to them.
//
// Set SEIS_HM_SCREENSHOTS to a directory to also save PNGs of the three views there.
#include "segyiofile.h"
#include "segyioreference.h"

#include "seis/base/error.h"
#include "seis/segy/segyfile.h"
#include <seis/filesummarywidget.h>
#include <seis/headerviews.h>
#include <seis/traceheadermodel.h>
#include <seis/traceheadertable.h>

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QtTest>

#include <segyio/segy.h>

#include <cmath>

#include <memory>
#include <vector>

using namespace seis;
using seis::test::asType;

namespace {

QString dataPath(const QString& name) {
    return QDir(QString::fromLocal8Bit(qgetenv("SEIS_TEST_DATA"))).filePath(name);
}

// A synthetic source: `traces` traces whose field at byte b of trace t holds t * 1000 + b.
// Counts what it is asked to read; throws FormatError naming its path when `failing`.
class FakeSource final : public TraceSource {
public:
    FakeSource(qint64 traces, bool failing)
        : m_traces(traces)
        , m_failing(failing) {}

    QString path() const override { return QStringLiteral("/data/broken_survey.sgy"); }
    qint64 traceCount() const override { return m_traces; }
    qint64 sampleCount() const override { return 10; }
    double sampleIntervalUs() const override { return 4000; }
    double startTimeMs() const override { return 0; }
    QString identity() const override { return {}; }
    void readWindow(TraceRange, SampleRange, float*) const override {
        throw FormatError(path(), QStringLiteral("no samples in a fake source"));
    }
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override {
        ++calls;
        if (m_failing)
            throw FormatError(path(),
                              QStringLiteral("trace header %1 is cut short").arg(traces.begin));
        checkTraceRange(traces);
        rowsRead += traces.count();
        for (std::size_t k = 0; k < fields.size(); ++k)
            for (qint64 t = traces.begin; t < traces.end; ++t)
                out[k][t - traces.begin] = value(t, fields[k]);
    }
    static qint64 value(qint64 trace, const HeaderField& field) {
        return trace * 1000 + field.byte.position;
    }

    mutable qint64 calls = 0;
    mutable qint64 rowsRead = 0;

private:
    qint64 m_traces;
    bool m_failing;
};

} // namespace

class TestTraceHeaderModel : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void defaultColumnsAndLabels();
    void valuesMatchSegyio();
    void setTraceRangeChangesRows();
    void customFields();
    void lazyBoundedBlocks();
    void sourceErrorGivesEmptyCells();
    void modelTester();
    void binaryHeaderView();
    void textHeaderView();
    void viewsOfASourceWithoutSegyHeaders();
    void tableRowNumbersFitAndSelection();
    void screenshots();

private:
    QJsonObject manifestEntry(const QString& name) const;
    std::shared_ptr<SegyFile> m_file;
    std::unique_ptr<test::SegyioFile> m_reference;
    QJsonArray m_manifest;
};

void TestTraceHeaderModel::initTestCase() {
    if (qEnvironmentVariableIsEmpty("SEIS_TEST_DATA"))
        QFAIL("SEIS_TEST_DATA is not set; run through CTest, which generates the test files");
    const QString path = dataPath(QStringLiteral("many_traces.sgy"));
    m_file = std::make_shared<SegyFile>(path);
    m_reference = std::make_unique<test::SegyioFile>(path);
    QVERIFY(m_reference->ok());
    QCOMPARE(m_file->traceCount(), 8500);
    QCOMPARE(m_reference->traces, 8500);
    QFile manifest(dataPath(QStringLiteral("manifest.json")));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    m_manifest = QJsonDocument::fromJson(manifest.readAll())
                     .object()
                     .value(QLatin1String("files"))
                     .toArray();
    QVERIFY(!m_manifest.isEmpty());
}

QJsonObject TestTraceHeaderModel::manifestEntry(const QString& name) const {
    for (const auto& v : m_manifest)
        if (v.toObject().value(QLatin1String("name")).toString() == name)
            return v.toObject();
    return {};
}

void TestTraceHeaderModel::defaultColumnsAndLabels() {
    TraceHeaderModel model;
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.columnCount(), 15);
    model.setSource(m_file);
    QCOMPARE(model.rowCount(), 0); // no range yet
    model.setTraceRange({0, m_file->traceCount()});
    QCOMPARE(model.rowCount(), 8500);
    QCOMPARE(model.columnCount(), 15);
    const QStringList expected{"tracl (1)", "fldr (9)",    "tracf (13)",  "ep (17)",
                               "cdp (21)",  "cdpt (25)",   "offset (37)", "sx (73)",
                               "sy (77)",   "gx (81)",     "gy (85)",     "ns (115)",
                               "dt (117)",  "iline (189)", "xline (193)"};
    for (int c = 0; c < model.columnCount(); ++c)
        QCOMPARE(model.headerData(c, Qt::Horizontal).toString(), expected[c]);
    QVERIFY(model.headerData(4, Qt::Horizontal, Qt::ToolTipRole).toString().contains("21-24"));
    QVERIFY(model.headerData(11, Qt::Horizontal, Qt::ToolTipRole).toString().contains("u2"));
    QVERIFY(model.data(model.index(0, 4), Qt::ToolTipRole).toString().contains("21-24"));
    // Rows are numbered 1-based, as people count traces.
    QCOMPARE(model.headerData(0, Qt::Vertical).toLongLong(), 1);
    QCOMPARE(model.headerData(8499, Qt::Vertical).toLongLong(), 8500);
    QVERIFY(!model.headerData(8500, Qt::Vertical).isValid());
    QVERIFY(!model.headerData(15, Qt::Horizontal).isValid());
}

void TestTraceHeaderModel::valuesMatchSegyio() {
    TraceHeaderModel model;
    model.setSource(m_file);
    model.setTraceRange({0, m_file->traceCount()});
    // Rows in the first, second, a middle and the last block, out of order so blocks are dropped
    // and read again.
    const int rows[] = {8499, 0, 1, 255, 256, 4000, 8191, 8192, 7, 8499, 4321};
    for (int row : rows) {
        for (int c = 0; c < model.columnCount(); ++c) {
            const HeaderField& field = model.fields()[std::size_t(c)];
            const auto expected = m_reference->field(row, field);
            QVERIFY(expected);
            const QVariant raw = model.data(model.index(row, c), TraceHeaderModel::RawValueRole);
            QVERIFY2(raw.isValid(),
                     qPrintable(QStringLiteral("row %1 %2").arg(row).arg(field.name)));
            QCOMPARE(raw.toLongLong(), *expected);
            // Shown: coordinates with segyio's scalco applied (-100: divided by 100), the rest as
            // stored.
            const QVariant shown = model.data(model.index(row, c));
            const bool coordinate = QStringList{"sx", "sy", "gx", "gy"}.contains(field.name);
            if (!coordinate) {
                QCOMPARE(shown.toLongLong(), *expected);
                continue;
            }
            const qint64 scalco =
                *m_reference->field(row, parseHeaderField(QStringLiteral("71:i2")));
            QCOMPARE(scalco, qint64(-100));
            bool ok = false;
            const double value = shown.toString().toDouble(&ok);
            QVERIFY2(ok, qPrintable(shown.toString()));
            QVERIFY2(
                std::fabs(value - double(*expected) / 100.0) < 1e-6,
                qPrintable(QStringLiteral("%1 %2: %3").arg(row).arg(field.name, shown.toString())));
        }
    }
    // By hand: sx = 61234500 + 2500 i, sy = -4567800 - 1250 i, gy = 2^31 - 1 - i, over 100.
    QCOMPARE(model.data(model.index(0, 7)).toString(), QStringLiteral("612345"));
    QCOMPARE(model.data(model.index(1, 8)).toString(), QStringLiteral("-45690.5"));
    QCOMPARE(model.data(model.index(0, 10)).toString(), QStringLiteral("21474836.47"));
    const QString tip = model.data(model.index(1, 8), Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QStringLiteral("stored -4569050")) &&
                 tip.contains(QStringLiteral("scalco -100")),
             qPrintable(tip));
    // Spot values the generator sets on purpose.
    QCOMPARE(model.data(model.index(4000, 0)).toLongLong(), 4001);    // tracl
    QCOMPARE(model.data(model.index(4000, 4)).toLongLong(), 9000);    // cdp = 5000 + i
    QCOMPARE(model.data(model.index(4000, 6)).toLongLong(), -100012); // offset = -(25 i) - 12
    QCOMPARE(model.data(model.index(4000, 13)).toLongLong(), 100 + 4000 / 6); // iline
    QVERIFY(model.errorString().isEmpty());
}

void TestTraceHeaderModel::setTraceRangeChangesRows() {
    TraceHeaderModel model;
    model.setSource(m_file);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setTraceRange({1000, 1300});
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.rowCount(), 300);
    QCOMPARE(model.traceRange(), (TraceRange{1000, 1300}));
    QCOMPARE(model.headerData(0, Qt::Vertical).toLongLong(), 1001); // trace 1000, 1-based
    QCOMPARE(model.data(model.index(0, 0)).toLongLong(), 1001);     // tracl of trace 1000
    for (int row : {0, 150, 299}) {
        const HeaderField& cdp = model.fields()[4];
        QCOMPARE(model.data(model.index(row, 4)).toLongLong(),
                 *m_reference->field(1000 + row, cdp));
    }

    model.setTraceRange({8400, 9000}); // clamped to the file
    QCOMPARE(reset.count(), 2);
    QCOMPARE(model.rowCount(), 100);
    QCOMPARE(model.headerData(99, Qt::Vertical).toLongLong(), 8500);
    QCOMPARE(model.data(model.index(99, 0)).toLongLong(), 8500);

    model.setTraceRange({9000, 9100}); // entirely past the end
    QCOMPARE(reset.count(), 3);
    QCOMPARE(model.rowCount(), 0);

    model.setSource(nullptr);
    QCOMPARE(reset.count(), 4);
    QCOMPARE(model.rowCount(), 0);
}

void TestTraceHeaderModel::customFields() {
    TraceHeaderModel model;
    model.setSource(m_file);
    model.setTraceRange({10, 20});
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    const std::vector<HeaderField> fields{parseHeaderField(QStringLiteral("71:i2")),
                                          parseHeaderField(QStringLiteral("CDP_X")),
                                          parseHeaderField(QStringLiteral("189"))};
    model.setFields(fields);
    QCOMPARE(reset.count(), 1);
    QCOMPARE(model.columnCount(), 3);
    QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), QStringLiteral("71:i2 (71)"));
    QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("CDP_X (181)"));
    for (int row = 0; row < 10; ++row)
        for (int c = 0; c < 3; ++c)
            QCOMPARE(model.data(model.index(row, c), TraceHeaderModel::RawValueRole).toLongLong(),
                     *m_reference->field(10 + row, fields[std::size_t(c)]));
    // cdpx = -2^31 + i as stored; shown with scalco -100 applied.
    QCOMPARE(model.data(model.index(0, 1), TraceHeaderModel::RawValueRole).toLongLong(),
             -2147483648LL + 10);
    QCOMPARE(model.data(model.index(0, 1)).toString(), QStringLiteral("-21474836.38"));
    QCOMPARE(model.data(model.index(0, 0)).toLongLong(), -100); // scalco itself: as stored
}

void TestTraceHeaderModel::lazyBoundedBlocks() {
    auto source = std::make_shared<FakeSource>(250000, false);
    TraceHeaderModel model;
    model.setSource(source);
    model.setTraceRange({50000, 250000});
    QCOMPARE(model.rowCount(), 200000);
    QCOMPARE(source->calls, 0); // nothing read before a cell is asked for
    const int last = model.columnCount() - 1;
    const HeaderField& lastField = model.fields().back();

    QCOMPARE(model.data(model.index(0, 0)).toLongLong(),
             FakeSource::value(50000, model.fields()[0]));
    QCOMPARE(model.data(model.index(199999, last)).toLongLong(),
             FakeSource::value(249999, lastField));
    QCOMPARE(model.data(model.index(1, last)).toLongLong(), FakeSource::value(50001, lastField));
    QCOMPARE(source->calls, 2); // two blocks, the third look was a hit
    QVERIFY(source->rowsRead <= 2 * model.blockRows());
    QCOMPARE(model.blocksCached(), 2);

    // Every row: blocks are read once each in order and the cache never exceeds its bound.
    source->calls = 0;
    source->rowsRead = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QVariant v = model.data(model.index(row, 4));
        if (row % 9973 == 0)
            QCOMPARE(v.toLongLong(), FakeSource::value(50000 + row, model.fields()[4]));
        QVERIFY(model.blocksCached() <= model.maxCachedBlocks());
    }
    QCOMPARE(model.blocksCached(), model.maxCachedBlocks());
    QVERIFY(source->rowsRead <= 200000 + 2 * model.blockRows()); // block-aligned edges
    QVERIFY(source->calls <= 200000 / model.blockRows() + 2);

    // Scrolling by a screen keeps the cached blocks: the source's trace numbers, not the range's
    // rows, align them.
    const qint64 before = source->calls;
    model.setTraceRange({249000, 249900});
    QCOMPARE(model.data(model.index(0, 4)).toLongLong(),
             FakeSource::value(249000, model.fields()[4]));
    QCOMPARE(source->calls, before);

    model.setMaxCachedBlocks(2);
    QCOMPARE(model.blocksCached(), 2);
    model.setFields({parseHeaderField(QStringLiteral("cdp"))});
    QCOMPARE(model.blocksCached(), 0);
}

void TestTraceHeaderModel::sourceErrorGivesEmptyCells() {
    auto source = std::make_shared<FakeSource>(1000, true);
    TraceHeaderModel model;
    QSignalSpy failed(&model, &TraceHeaderModel::readFailed);
    model.setSource(source);
    model.setTraceRange({0, 1000});
    QVERIFY(model.errorString().isEmpty());
    QVERIFY(!model.data(model.index(3, 2)).isValid()); // empty cell, no exception
    QVERIFY2(model.errorString().contains(QLatin1String("broken_survey.sgy")),
             qPrintable(model.errorString()));
    QVERIFY(model.errorString().contains(QLatin1String("cut short")));
    QCOMPARE(failed.count(), 1);
    QCOMPARE(failed.at(0).at(0).toString(), model.errorString());
    // The same block again: remembered, not retried.
    QVERIFY(!model.data(model.index(4, 0)).isValid());
    QCOMPARE(source->calls, 1);
    QCOMPARE(failed.count(), 1);
    // Labels still work.
    QCOMPARE(model.headerData(4, Qt::Horizontal).toString(), QStringLiteral("cdp (21)"));
    QCOMPARE(model.headerData(3, Qt::Vertical).toLongLong(), 4);
    // A new range forgets the failure and retries.
    model.setTraceRange({0, 10});
    QVERIFY(model.errorString().isEmpty());
    QVERIFY(!model.data(model.index(0, 0)).isValid());
    QCOMPARE(source->calls, 2);
    QVERIFY(!model.errorString().isEmpty());

    // A table view painting the failing model does not crash either.
    QTableView view;
    view.setModel(&model);
    view.resize(600, 300);
    QVERIFY(!view.grab().isNull());
}

void TestTraceHeaderModel::tableRowNumbersFitAndSelection() {
    // 20 million traces: row numbers of 8 digits.
    auto source = std::make_shared<FakeSource>(20'000'000, false);
    TraceHeaderModel model;
    model.setSource(source);
    model.setTraceRange({0, 100});
    TraceHeaderTable table;
    table.setTraceModel(&model);
    table.resize(600, 400);
    table.show();
    QVERIFY(QTest::qWaitForWindowExposed(&table));
    const QFontMetrics metrics = table.verticalHeader()->fontMetrics();
    QVERIFY(table.verticalHeader()->width() >= metrics.horizontalAdvance(QStringLiteral("100")));
    QSignalSpy selected(&table, &TraceHeaderTable::traceSelected);
    table.selectRow(7);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(selected[0][0].toLongLong(), qint64(7));
    // Further on: the column grows with the numbers, none elided.
    model.setTraceRange({19'999'000, 20'000'000});
    QApplication::processEvents();
    const int needed = metrics.horizontalAdvance(QStringLiteral("20000000"));
    QVERIFY2(
        table.verticalHeader()->width() >= needed + 4,
        qPrintable(QStringLiteral("%1 < %2").arg(table.verticalHeader()->width()).arg(needed)));
    QCOMPARE(table.verticalHeader()->textElideMode(), Qt::ElideNone);
    QCOMPARE(model.headerData(999, Qt::Vertical).toLongLong(), 20'000'000);
    // Trace 7 is not in this range: nothing selected, and no signal for it.
    QVERIFY(table.selectionModel()->selectedRows().isEmpty());
    QCOMPARE(selected.count(), 1);
    // Selected from outside: no signal; kept while the range moves and holds it.
    table.selectTrace(19'999'500);
    QCOMPARE(selected.count(), 1);
    QCOMPARE(table.selectionModel()->selectedRows().front().row(), 500);
    model.setTraceRange({19'999'400, 19'999'600});
    QCOMPARE(table.selectionModel()->selectedRows().front().row(), 100);
    QCOMPARE(table.selectedTrace(), qint64(19'999'500));
    table.selectTrace(-1);
    QVERIFY(table.selectionModel()->selectedRows().isEmpty());
}

void TestTraceHeaderModel::modelTester() {
    TraceHeaderModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setSource(m_file);
    model.setTraceRange({100, 700});
    model.setTraceRange({8000, 8500});
    model.setFields(
        {parseHeaderField(QStringLiteral("cdp")), parseHeaderField(QStringLiteral("9"))});
    model.setMaxCachedBlocks(1);
    model.setSource(std::make_shared<FakeSource>(50, true));
    model.setTraceRange({0, 50});
    model.setSource(nullptr);
    QCOMPARE(model.rowCount(), 0);
}

void TestTraceHeaderModel::binaryHeaderView() {
    BinaryHeaderView view;
    QVERIFY(view.valueText(QStringLiteral("format")).isEmpty());
    view.setFile(*m_file);
    QCOMPARE(view.valueText(QStringLiteral("format")).toLongLong(),
             m_reference->binaryField(SEGY_BIN_FORMAT));
    QCOMPARE(view.valueText(QStringLiteral("format")).toLongLong(), 1);
    QCOMPARE(view.valueText(QStringLiteral("hns")).toLongLong(),
             m_reference->binaryField(SEGY_BIN_SAMPLES));
    QCOMPARE(view.valueText(QStringLiteral("hns")).toLongLong(), m_file->sampleCount());
    QCOMPARE(view.valueText(QStringLiteral("hdt")).toLongLong(),
             m_reference->binaryField(SEGY_BIN_INTERVAL));
    QCOMPARE(view.valueText(QStringLiteral("lino")).toLongLong(), -42);
    const int row = view.rowOf(QStringLiteral("format"));
    QVERIFY(row >= 0);
    QCOMPARE(view.table()->item(row, BinaryHeaderView::NameColumn)->text(),
             QStringLiteral("format"));
    QCOMPARE(view.table()->item(row, BinaryHeaderView::BytesColumn)->text(),
             QStringLiteral("3225-3226"));
    QCOMPARE(view.rowOf(QStringLiteral("no such field")), -1);

    // The rev 2 extended sample interval is a double and shown as one.
    SegyFile ext(dataPath(QStringLiteral("ext_hdt.sgy")));
    view.setFile(ext);
    QCOMPARE(view.valueText(QStringLiteral("ext_hdt")), QStringLiteral("250.5"));
    view.clear();
    QVERIFY(view.valueText(QStringLiteral("hns")).isEmpty());
}

void TestTraceHeaderModel::textHeaderView() {
    TextHeaderView view;
    view.setFile(*m_file);
    const QJsonObject entry = manifestEntry(QStringLiteral("many_traces.sgy"));
    QVERIFY(!entry.isEmpty());
    const QString firstLine = entry.value(QLatin1String("text_first_line")).toString();
    QCOMPARE(firstLine.size(), 80);
    QCOMPARE(view.text().section(QLatin1Char('\n'), 0, 0), firstLine);
    QCOMPARE(view.text(), entry.value(QLatin1String("text")).toString());
    QVERIFY(view.encodingText().contains(QLatin1String("EBCDIC")));

    // Extended textual headers follow the main one.
    SegyFile ext2(dataPath(QStringLiteral("ext2.sgy")));
    view.setFile(ext2);
    const QJsonObject e2 = manifestEntry(QStringLiteral("ext2.sgy"));
    const QJsonArray extTexts = e2.value(QLatin1String("ext_texts")).toArray();
    QCOMPARE(extTexts.size(), 2);
    QVERIFY(view.text().startsWith(e2.value(QLatin1String("text")).toString()));
    for (const auto& t : extTexts)
        QVERIFY(view.text().contains(t.toString()));
    QVERIFY(view.text().indexOf(extTexts[0].toString()) <
            view.text().indexOf(extTexts[1].toString()));
    view.clear();
    QVERIFY(view.text().isEmpty());
}

void TestTraceHeaderModel::viewsOfASourceWithoutSegyHeaders() {
    // A source that is not a SEG-Y file (not a SegyFile) has no SEG-Y headers: the views say so,
    // naming it, and show no values; a SEG-Y file afterwards shows its headers again.
    const FakeSource fake(10, false);
    const QString name = QStringLiteral("broken_survey.sgy");

    TextHeaderView text;
    text.setFile(*m_file);
    QVERIFY(!text.text().contains(QLatin1String("No SEG-Y headers")));
    text.setFile(fake);
    QVERIFY2(text.text().startsWith(QLatin1String("No SEG-Y headers")), qPrintable(text.text()));
    QVERIFY2(text.text().contains(name), qPrintable(text.text()));
    QVERIFY(!text.encodingText().contains(QLatin1String("EBCDIC")));

    BinaryHeaderView binary;
    binary.setFile(*m_file);
    QCOMPARE(binary.valueText(QStringLiteral("format")), QStringLiteral("1"));
    QVERIFY(binary.noteText().isEmpty());
    binary.setFile(fake);
    for (const auto& field : binaryHeaderFields())
        QVERIFY2(binary.valueText(QString::fromLatin1(field.name)).isEmpty(), field.name);
    QVERIFY2(binary.noteText().startsWith(QLatin1String("No SEG-Y headers")),
             qPrintable(binary.noteText()));
    QVERIFY2(binary.noteText().contains(name), qPrintable(binary.noteText()));
    binary.setFile(*m_file);
    QVERIFY(binary.noteText().isEmpty());
    QCOMPARE(binary.valueText(QStringLiteral("format")), QStringLiteral("1"));

    FileSummaryWidget summary;
    auto* textHeader = summary.findChild<QPlainTextEdit*>();
    QVERIFY(textHeader);
    summary.showFile(*m_file);
    QCOMPARE(textHeader->toPlainText(), m_file->textHeader());
    summary.showFile(fake);
    QVERIFY2(textHeader->toPlainText().startsWith(QLatin1String("No SEG-Y headers")),
             qPrintable(textHeader->toPlainText()));
}

void TestTraceHeaderModel::screenshots() {
    const QString dir = qEnvironmentVariable("SEIS_HM_SCREENSHOTS");
    if (dir.isEmpty())
        QSKIP("set SEIS_HM_SCREENSHOTS to a directory to save PNGs of the views");
    TraceHeaderModel model;
    model.setSource(m_file);
    model.setTraceRange({4000, 4100});
    QTableView table;
    table.setModel(&model);
    table.resize(1400, 500);
    table.resizeColumnsToContents();
    QVERIFY(table.grab().save(QDir(dir).filePath("hm-traceheaders.png")));

    SegyFile ext2(dataPath(QStringLiteral("ext2.sgy")));
    TextHeaderView text;
    text.setFile(ext2);
    text.resize(text.sizeHint().width(), 700);
    QVERIFY(text.grab().save(QDir(dir).filePath("hm-textheader.png")));

    BinaryHeaderView binary;
    binary.setFile(*m_file);
    binary.resize(1000, 700);
    QVERIFY(binary.grab().save(QDir(dir).filePath("hm-binaryheader.png")));
}

QTEST_MAIN(TestTraceHeaderModel)
#include "tst_traceheadermodel.moc"
