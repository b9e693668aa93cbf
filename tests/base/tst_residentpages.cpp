// How much of a file mapping reads leave resident, measured on the process's own mapping of the
// file (/proc/self/smaps): header passes keep at most the budget of the most recently read pages
// (SegyOpenOptions::residentBytes), and a repeated pass within the budget takes no page faults;
// sample reads keep nothing (their callers hold what they decoded).
#include "seis/base/traceheaderfield.h"
#include "seis/segy/segyfile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

#include <array>
#include <vector>

using namespace seis;

namespace {

constexpr qint64 kTraces = 10000;
constexpr qint64 kSamples = 1000; // IEEE: 4240 bytes a trace, 42 MB in all
constexpr qint64 kMB = qint64(1) << 20;

void putBig(QByteArray& b, qsizetype offset, quint32 value, int size) {
    for (int i = 0; i < size; ++i)
        b[offset + i] = char((value >> (8 * (size - 1 - i))) & 0xff);
}

QString writeFile(const QTemporaryDir& dir) {
    const QString path = dir.filePath(QStringLiteral("resident.sgy"));
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return {};
    QByteArray header(3600, '\0');
    putBig(header, 3216, 2000, 2);     // hdt
    putBig(header, 3220, kSamples, 2); // hns
    putBig(header, 3224, 5, 2);        // IEEE
    f.write(header);
    QByteArray trace(240 + 4 * kSamples, '\0');
    for (qint64 t = 0; t < kTraces; ++t) {
        putBig(trace, 8, quint32(t / 100), 4); // fldr
        putBig(trace, 114, kSamples, 2);
        putBig(trace, 240, 0x3f800000, 4); // 1.0f
        if (f.write(trace) != trace.size())
            return {};
    }
    return f.error() == QFile::NoError ? path : QString();
}

// Resident bytes of this process's mappings of `path`, from /proc/self/smaps.
qint64 mappedResident(const QString& path) {
    QFile smaps(QStringLiteral("/proc/self/smaps"));
    if (!smaps.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    qint64 kb = 0;
    bool inside = false;
    const QByteArray name = QFile::encodeName(path);
    for (const QByteArray& line : smaps.readAll().split('\n')) {
        const QList<QByteArray> parts = line.simplified().split(' ');
        if (!parts.isEmpty() && parts[0].contains('-') && !parts[0].endsWith(':'))
            inside = line.endsWith(name);
        else if (inside && parts.size() >= 2 && parts[0] == "Rss:")
            kb += parts[1].toLongLong();
    }
    return kb * 1024;
}

long minorFaults() {
    rusage r{};
    getrusage(RUSAGE_SELF, &r);
    return r.ru_minflt;
}

// One header pass over the file, as the ensemble scan makes it. The buffer is made (and
// touched) once, so a pass's own page faults are the mapping's.
struct Pass {
    std::vector<qint64> fldr = std::vector<qint64>(std::size_t(kTraces), -1);

    void run(const SegyFile& f) {
        const std::array<HeaderField, 1> fields{*findStandardTraceField(u"fldr")};
        const std::array<qint64*, 1> out{fldr.data()};
        f.readHeaderColumns(fields, {0, kTraces}, out);
    }
    bool valid() const { return fldr.front() == 0 && fldr.back() == (kTraces - 1) / 100; }
};

} // namespace

class TestResidentPages : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_path = writeFile(m_dir);
        QVERIFY(!m_path.isEmpty());
    }
    void budgetBoundsTheMapping_data();
    void budgetBoundsTheMapping();
    void repeatedPassWithinBudgetTakesNoFaults();
    void sampleReadsKeepNothing();

private:
    QTemporaryDir m_dir;
    QString m_path;
};

void TestResidentPages::budgetBoundsTheMapping_data() {
    QTest::addColumn<qint64>("budget");
    QTest::newRow("released at once") << qint64(0);
    QTest::newRow("4 MB") << 4 * kMB;
    QTest::newRow("16 MB") << 16 * kMB;
}

void TestResidentPages::budgetBoundsTheMapping() {
    QFETCH(qint64, budget);
    SegyOpenOptions options;
    options.residentBytes = budget;
    const SegyFile f(m_path, options);
    Pass pass;
    pass.run(f);
    pass.run(f);
    QVERIFY(pass.valid());
    const qint64 resident = mappedResident(m_path);
    QVERIFY(resident >= 0);
    // The budget, plus the 2 MB granularity of a release and the file header's page.
    QVERIFY2(resident <= budget + 4 * kMB,
             qPrintable(QStringLiteral("%1 bytes resident").arg(resident)));
}

// Within the budget the pages stay mapped: a second pass takes (almost) no page faults, where
// a budget smaller than the file makes it fault again.
void TestResidentPages::repeatedPassWithinBudgetTakesNoFaults() {
    SegyOpenOptions roomy;
    roomy.residentBytes = 128 * kMB;
    const SegyFile big(m_path, roomy);
    Pass pass;
    pass.run(big);
    QVERIFY2(mappedResident(m_path) >= 30 * kMB,
             qPrintable(QString::number(mappedResident(m_path))));
    long before = minorFaults();
    pass.run(big);
    const long roomyFaults = minorFaults() - before;

    SegyOpenOptions tight;
    tight.residentBytes = 4 * kMB;
    const SegyFile small(m_path, tight);
    pass.run(small);
    before = minorFaults();
    pass.run(small);
    const long tightFaults = minorFaults() - before;
    qInfo("page faults of a second pass: %ld with a 128 MB budget, %ld with 4 MB", roomyFaults,
          tightFaults);
    QVERIFY(pass.valid());
    QVERIFY(tightFaults > 0);
    QVERIFY2(roomyFaults * 4 < tightFaults, qPrintable(QString::number(roomyFaults)));
}

// Windows of samples, as the tile cache reads them, leave no pages of the file mapped, whatever
// the budget: the tiles hold the decoded samples.
void TestResidentPages::sampleReadsKeepNothing() {
    SegyOpenOptions roomy;
    roomy.residentBytes = 128 * kMB;
    const SegyFile f(m_path, roomy);
    std::vector<float> buffer(std::size_t(128 * kSamples), -1.0f);
    for (qint64 t = 0; t < kTraces; t += 128)
        f.readWindow({t, std::min(kTraces, t + 128)}, {0, kSamples}, buffer.data());
    QCOMPARE(buffer[0], 1.0f);
    const qint64 resident = mappedResident(m_path);
    QVERIFY2(resident >= 0 && resident <= 4 * kMB,
             qPrintable(QStringLiteral("%1 bytes resident").arg(resident)));
}

QTEST_MAIN(TestResidentPages)
#include "tst_residentpages.moc"
