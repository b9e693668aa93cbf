// The ensemble (gather) index against an independent reference: runs of equal key values computed
// here from the columns libsegyio's C API (segy_field_forall) reads, and the runs
// make_test_files.py computed from the values it handed segyio. Also: lookups, errors, publishing
// while scanning, cancellation, the on-disk cache (hits, a file changed under it, corrupt and
// unwritable caches), the QFuture version and readers racing a scan (run this under TSan).
//
// The files are written by tests/data/make_test_files.py into SEIS_TEST_DATA and listed under
// "ensembles" in its manifest.json. Every cache here lives in a QTemporaryDir.
#include "segyiofile.h"
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/segy/segyfile.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSemaphore>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <segyio/segy.h>

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <thread>
#include <vector>

using namespace seis;
using namespace seis::testsupport;

namespace {

QString dataPath(const QString& name) {
    return QDir(QString::fromLocal8Bit(qgetenv("SEIS_TEST_DATA"))).filePath(name);
}

// One expected ensemble: a run of equal key values.
struct RefRun {
    qint64 first = 0;
    qint64 count = 0;
    std::array<qint64, 2> keys = {};
};

// Runs of consecutive equal (k0[, k1]) values.
std::vector<RefRun> runsOf(const std::vector<qint64>& k0, const std::vector<qint64>* k1) {
    std::vector<RefRun> runs;
    for (std::size_t i = 0; i < k0.size(); ++i) {
        const std::array<qint64, 2> keys{k0[i], k1 ? (*k1)[i] : 0};
        if (!runs.empty() && runs.back().keys == keys)
            ++runs.back().count;
        else
            runs.push_back(RefRun{qint64(i), 1, keys});
    }
    return runs;
}

using test::segyioColumn;

// The reference runs of `path` for one or two segyio fields.
std::vector<RefRun> segyioRuns(const QString& path, bool littleEndian, const QList<int>& fields) {
    const auto k0 = segyioColumn(path, littleEndian, fields.at(0));
    if (fields.size() == 1)
        return runsOf(k0, nullptr);
    const auto k1 = segyioColumn(path, littleEndian, fields.at(1));
    if (k0.size() != k1.size())
        return {};
    return runsOf(k0, &k1);
}

std::vector<RefRun> manifestRuns(const QJsonArray& runs) {
    std::vector<RefRun> out;
    for (const auto& v : runs) {
        const QJsonArray r = v.toArray();
        out.push_back(RefRun{qint64(r.at(0).toDouble()),
                             qint64(r.at(1).toDouble()),
                             {qint64(r.at(2).toDouble()), qint64(r.at(3).toDouble(0))}});
    }
    return out;
}

Ensemble toEnsemble(const RefRun& r, qint64 number) {
    return Ensemble{number, TraceRange{r.first, r.first + r.count}, r.keys};
}

QString describe(const Ensemble& e) {
    return QStringLiteral("#%1 traces %2:%3 keys (%4, %5)")
        .arg(e.number)
        .arg(e.traces.begin)
        .arg(e.traces.end)
        .arg(e.keys[0])
        .arg(e.keys[1]);
}

// Empty if `index` holds exactly `want` (and is complete); otherwise the first difference.
QString compareIndex(const EnsembleIndex& index, const std::vector<RefRun>& want) {
    if (!index.isComplete())
        return QStringLiteral("the index is not complete");
    if (index.count() != qint64(want.size()))
        return QStringLiteral("%1 ensembles, expected %2").arg(index.count()).arg(want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const Ensemble got = index.ensemble(qint64(i));
        const Ensemble exp = toEnsemble(want[i], qint64(i));
        if (got != exp)
            return QStringLiteral("ensemble %1: got %2, expected %3")
                .arg(i)
                .arg(describe(got), describe(exp));
    }
    return {};
}

QStringList entries(const QString& dir) {
    return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden |
                               QDir::System);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// Cache file layout (see core/src/ensemblecache.h): magic (8), u32 version, u32 source path length
// + path, i64 source size, i64 source time, u32 identity length + identity, ... i64 trace count,
// i64 ensemble count, the arrays (count x i64 each), then the SHA-1 of everything before it.
// These helpers edit a serialised index and re-seal it, so that only the structural checks can
// reject it.
constexpr qint64 kDigest = 20;
constexpr qint64 kVersionAt = 8;
// Where the identity length is in an entry serialised without a source path.
constexpr qint64 kIdentityLengthAt = 8 + 4 + 4 + 8 + 8;

QByteArray reseal(QByteArray body) {
    return body + QCryptographicHash::hash(body, QCryptographicHash::Sha1);
}

qint64 getI64(const QByteArray& b, qint64 pos) {
    qint64 v;
    std::memcpy(&v, b.constData() + pos, 8);
    return qFromLittleEndian(v);
}

void putI64(QByteArray& b, qint64 pos, qint64 v) {
    v = qToLittleEndian(v);
    std::memcpy(b.data() + pos, &v, 8);
}

// Runs `f` on its own thread and waits for it. A hang detector, not a timing assertion: false
// only if `f` has not returned after two minutes, which no working build comes near; `release`
// is then called to unblock it (so that the test fails instead of hanging) before joining.
bool returnsAtAll(const std::function<void()>& f, const std::function<void()>& release) {
    std::promise<void> done;
    std::future<void> finished = done.get_future();
    std::thread worker([&] {
        f();
        done.set_value();
    });
    const bool returned = finished.wait_for(std::chrono::minutes(2)) == std::future_status::ready;
    if (!returned && release)
        release();
    worker.join();
    return returned;
}

// Sets the modification time (the cache's "last used") of `path` to `secondsAgo` in the past,
// without following a link.
bool setUsedAgo(const QString& path, int secondsAgo) {
    struct timespec now;
    ::clock_gettime(CLOCK_REALTIME, &now);
    const struct timespec times[2] = {{0, UTIME_OMIT}, {now.tv_sec - secondsAgo, 0}};
    return ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW) ==
           0;
}

// Restores an environment variable when it goes out of scope.
class EnvGuard {
public:
    explicit EnvGuard(const char* name)
        : m_name(name)
        , m_had(qEnvironmentVariableIsSet(name))
        , m_value(qgetenv(name)) {}
    ~EnvGuard() {
        if (m_had)
            qputenv(m_name, m_value);
        else
            qunsetenv(m_name);
    }

private:
    const char* m_name;
    bool m_had;
    QByteArray m_value;
};

} // namespace

class TestEnsembleIndex : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void parseKeys();
    void ensembles_data();
    void ensembles();
    void ensembleOfEveryTrace_data();
    void ensembleOfEveryTrace();
    void findByKeys();
    void runsAsTraces();
    void errors();
    void emptyIndex();

    void publishesWhileScanning();
    void cancellation();

    void cacheHit();
    void staleCacheAfterFileChange();
    void corruptCacheIgnored_data();
    void corruptCacheIgnored();
    void deserializeRejectsBadBytes();
    void unwritableCache();
    void noIdentityNoCache();
    void cacheEntryNotRegular_data();
    void cacheEntryNotRegular();
    void failedCacheWriteLeavesNothing();
    void prunesEntriesOfGoneOrChangedFiles();
    void sizeBoundEvictsLeastRecentlyUsed();
    void zeroBoundStoresNothing();
    void viewerAndCliShareOneDirectory();

    void async();
    void asyncCancel();
    void readersDuringScan();

private:
    struct FileInfo {
        QString name;
        bool little = false;
        qint64 traces = 0;
        QJsonObject runs;
    };
    const FileInfo& fileInfo(const QString& name) const {
        for (const auto& f : m_files)
            if (f.name == name)
                return f;
        qFatal("no ensemble file %s in the manifest", qPrintable(name));
    }
    // The reference for a file and a manifest key set ("fldr", "cdp", "fldr,cdp"), from
    // libsegyio.
    std::vector<RefRun> reference(const QString& name, const QString& keys) const {
        return segyioRuns(dataPath(name), fileInfo(name).little, segyioFields(keys));
    }
    static QList<int> segyioFields(const QString& keys) {
        QList<int> fields;
        for (const QString& k : keys.split(QLatin1Char(',')))
            fields << (k == QLatin1String("fldr") ? SEGY_TR_FIELD_RECORD : SEGY_TR_ENSEMBLE);
        return fields;
    }
    // A complete index of `path` for `keys`, scanned without any cache.
    static std::unique_ptr<EnsembleIndex> scanned(const SegyFile& file, const QString& keys,
                                                  qint64 block = 16384) {
        auto index = std::make_unique<EnsembleIndex>(parseEnsembleKeys(keys), file.traceCount());
        EnsembleScanOptions o;
        o.useCache = false;
        o.blockTraces = block;
        if (scanEnsembles(file, *index, {}, o) != LoadStatus::Completed)
            return nullptr;
        return index;
    }

    QList<FileInfo> m_files;
    const QString m_small = QStringLiteral("ensembles_small.sgy");
    const QString m_many = QStringLiteral("ensembles_many_le.sgy");
};

void TestEnsembleIndex::initTestCase() {
    const QByteArray manifest = readAll(dataPath(QStringLiteral("manifest.json")));
    QVERIFY2(!manifest.isEmpty(), "cannot read manifest.json in SEIS_TEST_DATA");
    for (const auto& v :
         QJsonDocument::fromJson(manifest).object().value(QLatin1String("ensembles")).toArray()) {
        const QJsonObject o = v.toObject();
        m_files.append(
            FileInfo{o.value(QLatin1String("name")).toString(),
                     o.value(QLatin1String("endian")).toString() == QLatin1String("little"),
                     qint64(o.value(QLatin1String("traces")).toDouble()),
                     o.value(QLatin1String("runs")).toObject()});
    }
    QCOMPARE(m_files.size(), 2);
    // The two independent references must agree before anything is compared with them.
    for (const auto& f : m_files) {
        for (const QString& keys :
             {QStringLiteral("fldr"), QStringLiteral("cdp"), QStringLiteral("fldr,cdp")}) {
            const auto fromSegyio = reference(f.name, keys);
            const auto fromManifest = manifestRuns(f.runs.value(keys).toArray());
            QVERIFY2(fromSegyio.size() > 5, qPrintable(f.name + QLatin1Char(' ') + keys));
            QCOMPARE(fromSegyio.size(), fromManifest.size());
            for (std::size_t i = 0; i < fromSegyio.size(); ++i) {
                QCOMPARE(fromSegyio[i].first, fromManifest[i].first);
                QCOMPARE(fromSegyio[i].count, fromManifest[i].count);
                QCOMPARE(fromSegyio[i].keys, fromManifest[i].keys);
            }
        }
    }
    // The small file is as make_test_files.py describes it: irregular in every listed way.
    const auto runs = reference(m_small, QStringLiteral("fldr"));
    QCOMPARE(runs.front().count, 1);
    QCOMPARE(runs.back().count, 1);
    QCOMPARE(runs[1].keys[0], runs[4].keys[0]); // fldr 1 comes back
}

void TestEnsembleIndex::parseKeys() {
    auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    QCOMPARE(keys.size(), std::size_t(1));
    QCOMPARE(keys[0].byte.position, 9);
    QCOMPARE(keys[0].type, FieldType::I4);
    QCOMPARE(keys[0].name, QStringLiteral("fldr"));

    keys = parseEnsembleKeys(QStringLiteral("FieldRecord, cdp"));
    QCOMPARE(keys.size(), std::size_t(2));
    QCOMPARE(keys[0].byte.position, 9);
    QCOMPARE(keys[1].byte.position, 21);
    QCOMPARE(keys[1].name, QStringLiteral("cdp"));

    keys = parseEnsembleKeys(QStringLiteral("189:i4,71:i2"));
    QCOMPARE(keys.size(), std::size_t(2));
    QCOMPARE(keys[0].byte.position, 189);
    QCOMPARE(keys[1].byte.position, 71);
    QCOMPARE(keys[1].type, FieldType::I2);
}

void TestEnsembleIndex::ensembles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("keys");    // as given to parseEnsembleKeys
    QTest::addColumn<QString>("refKeys"); // the same fields in the manifest's naming
    QTest::addColumn<qint64>("block");
    for (const QString& file : {m_small, m_many})
        for (const auto& [keys, ref] :
             {std::pair{QStringLiteral("fldr"), QStringLiteral("fldr")},
              std::pair{QStringLiteral("cdp"), QStringLiteral("cdp")},
              std::pair{QStringLiteral("fldr,cdp"), QStringLiteral("fldr,cdp")},
              std::pair{QStringLiteral("FieldRecord,21:i4"), QStringLiteral("fldr,cdp")}})
            for (qint64 block : {qint64(16384), qint64(7), qint64(1)}) {
                if (block == 1 && file == m_many && keys != QLatin1String("fldr,cdp"))
                    continue; // one-trace blocks over 10000 traces: once is enough
                QTest::addRow("%s %s block %lld", qPrintable(file), qPrintable(keys),
                              static_cast<long long>(block))
                    << file << keys << ref << block;
            }
}

void TestEnsembleIndex::ensembles() {
    QFETCH(QString, file);
    QFETCH(QString, keys);
    QFETCH(QString, refKeys);
    QFETCH(qint64, block);
    const SegyFile segy(dataPath(file));
    const auto want = reference(file, refKeys);
    QVERIFY(!want.empty());
    const auto index = scanned(segy, keys, block);
    QVERIFY(index);
    const QString problem = compareIndex(*index, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(index->tracesScanned(), segy.traceCount());
    QCOMPARE(index->traceCount(), segy.traceCount());
    QVERIFY(!index->fromCache());
    QCOMPARE(index->keys(), parseEnsembleKeys(keys));
}

void TestEnsembleIndex::ensembleOfEveryTrace_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("keys");
    for (const QString& file : {m_small, m_many})
        for (const QString& keys : {QStringLiteral("fldr"), QStringLiteral("fldr,cdp")})
            QTest::addRow("%s %s", qPrintable(file), qPrintable(keys)) << file << keys;
}

void TestEnsembleIndex::ensembleOfEveryTrace() {
    QFETCH(QString, file);
    QFETCH(QString, keys);
    const SegyFile segy(dataPath(file));
    const auto want = reference(file, keys);
    const auto index = scanned(segy, keys, 1000);
    QVERIFY(index);
    std::size_t run = 0;
    for (qint64 t = 0; t < segy.traceCount(); ++t) {
        while (t >= want[run].first + want[run].count)
            ++run;
        const auto got = index->ensembleOfTrace(t);
        QVERIFY2(got.has_value(), qPrintable(QStringLiteral("trace %1").arg(t)));
        const Ensemble exp = toEnsemble(want[run], qint64(run));
        QVERIFY2(*got == exp, qPrintable(QStringLiteral("trace %1: got %2, expected %3")
                                             .arg(t)
                                             .arg(describe(*got), describe(exp))));
    }
    QCOMPARE(run + 1, want.size());
}

// appendRuns() gives the index that append() of the runs' keys repeated gives: two keys, runs
// of equal keys next to each other (merged), runs split over calls, a single key.
void TestEnsembleIndex::runsAsTraces() {
    const std::vector<qint64> counts{3, 1, 2, 2, 5, 1, 1};
    const std::vector<qint64> k0{7, 7, 1, 1, 2, 2, -5};
    const std::vector<qint64> k1{0, 0, 4, 5, 5, 5, 9};
    const std::vector<HeaderField> two{parseHeaderField(QStringLiteral("fldr")),
                                       parseHeaderField(QStringLiteral("cdp"))};
    const qint64 n = 15;
    for (const bool twoKeys : {true, false}) {
        const std::vector<HeaderField> keys(two.begin(), two.begin() + (twoKeys ? 2 : 1));
        std::vector<qint64> t0, t1;
        for (std::size_t r = 0; r < counts.size(); ++r)
            for (qint64 i = 0; i < counts[r]; ++i) {
                t0.push_back(k0[r]);
                t1.push_back(k1[r]);
            }
        EnsembleIndex byTraces(keys, n), byRuns(keys, n);
        byTraces.append(0, t0, twoKeys ? std::span<const qint64>(t1) : std::span<const qint64>());
        byTraces.finish();
        const auto part = [&](const std::vector<qint64>& v, std::size_t from, std::size_t count) {
            return std::span<const qint64>(v.data() + from, count);
        };
        // Runs 0-2, then 3-6: the split falls inside a merged ensemble for one key (7 7 | ...).
        byRuns.appendRuns(0, part(counts, 0, 3), part(k0, 0, 3),
                          twoKeys ? part(k1, 0, 3) : std::span<const qint64>());
        byRuns.appendRuns(6, part(counts, 3, 4), part(k0, 3, 4),
                          twoKeys ? part(k1, 3, 4) : std::span<const qint64>());
        byRuns.finish();
        QCOMPARE(byRuns.count(), byTraces.count());
        QCOMPARE(byRuns.count(), twoKeys ? qint64(5) : qint64(4));
        for (qint64 e = 0; e < byTraces.count(); ++e) {
            QCOMPARE(byRuns.ensemble(e).traces, byTraces.ensemble(e).traces);
            QCOMPARE(byRuns.ensemble(e).keys, byTraces.ensemble(e).keys);
        }
    }
    EnsembleIndex index({two[0]}, 4);
    const std::vector<qint64> zero{0}, key{1};
    QVERIFY_THROWS_EXCEPTION(ArgumentError, index.appendRuns(0, zero, key, {}));
    const std::vector<qint64> five{5};
    QVERIFY_THROWS_EXCEPTION(ArgumentError, index.appendRuns(0, five, key, {}));
    const std::vector<qint64> one{1};
    QVERIFY_THROWS_EXCEPTION(ArgumentError, index.appendRuns(1, one, key, {}));
}

void TestEnsembleIndex::findByKeys() {
    const SegyFile segy(dataPath(m_small));
    // fldr runs: 7 | 1 1 1 | 2 2 | 3 | 1 1 | 4 x5 | -5 | max x2 | 2 x4 | 1 | 9
    const auto one = scanned(segy, QStringLiteral("fldr"));
    QVERIFY(one);
    auto find = [&](const EnsembleIndex& index, std::vector<qint64> keys, qint64 from) {
        return index.findByKeys(keys, from);
    };
    auto at = [&](const EnsembleIndex& index, std::vector<qint64> keys, qint64 from) {
        const auto e = find(index, keys, from);
        return e ? e->number : -1;
    };
    QCOMPARE(at(*one, {1}, 0), 1); // the first match
    QCOMPARE(at(*one, {1}, 1), 1); // `from` itself counts
    QCOMPARE(at(*one, {1}, 2), 4); // the value returning later
    QCOMPARE(at(*one, {1}, 5), 9);
    QCOMPARE(at(*one, {1}, 10), -1); // not after the last match
    QCOMPARE(at(*one, {2}, 0), 2);
    QCOMPARE(at(*one, {2}, 3), 8);
    QCOMPARE(at(*one, {7}, 0), 0);  // the first trace's own gather
    QCOMPARE(at(*one, {9}, 0), 10); // the last trace's own gather
    QCOMPARE(at(*one, {-5}, 0), 6);
    QCOMPARE(at(*one, {2147483647}, 0), 7);
    QCOMPARE(at(*one, {12345}, 0), -1);
    QCOMPARE(at(*one, {1}, 1000), -1);
    const auto e = find(*one, {1}, 2);
    QVERIFY(e);
    QCOMPARE(e->traces, (TraceRange{7, 9}));
    QCOMPARE(e->keys, (std::array<qint64, 2>{1, 0}));

    const auto two = scanned(segy, QStringLiteral("fldr,cdp"));
    QVERIFY(two);
    // fldr 2 gathers: (2,5) (2,6) at traces 4, 5; later (2,20) (2,21) (2,20) at 17, 18..19, 20.
    QCOMPARE(at(*two, {2, 20}, 0), 10);
    QCOMPARE(at(*two, {2, 20}, 11), 12);
    QCOMPARE(at(*two, {2, 21}, 0), 11);
    QCOMPARE(at(*two, {2, 6}, 0), 3);
    QCOMPARE(at(*two, {2, 7}, 0), -1);
    QCOMPARE(at(*two, {2147483647, -2147483648LL}, 0), 9);
    const auto e2 = find(*two, {2, 21}, 0);
    QVERIFY(e2);
    QCOMPARE(e2->traces, (TraceRange{18, 20}));

    // Wrong number of values or a negative start: errors that say what was expected.
    QString msg = messageOf<ArgumentError>([&] { find(*one, {1, 2}, 0); });
    QVERIFY2(msg.contains(QLatin1String("2 key values")) && msg.contains(QLatin1String("1 key")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([&] { find(*two, {1}, 0); });
    QVERIFY2(msg.contains(QLatin1String("1 key values")) && msg.contains(QLatin1String("2 key")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([&] { find(*one, {1}, -3); });
    QVERIFY2(msg.contains(QLatin1String("-3")), qPrintable(msg));
}

void TestEnsembleIndex::errors() {
    // Unknown key: parseHeaderField's message, naming the key and what is accepted.
    QString msg = messageOf<ArgumentError>([] { parseEnsembleKeys(QStringLiteral("fldr,bogus")); });
    QCOMPARE(msg, messageOf<ArgumentError>([] { parseHeaderField(QStringLiteral("bogus")); }));
    QVERIFY2(msg.contains(QLatin1String("'bogus'")) && msg.contains(QLatin1String("fldr")) &&
                 msg.contains(QLatin1String("cdp")) && msg.contains(QLatin1String("189:i4")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([] { parseEnsembleKeys(QStringLiteral("NoSuchKey")); });
    QVERIFY2(msg.contains(QLatin1String("'NoSuchKey'")), qPrintable(msg));
    msg = messageOf<ArgumentError>([] { parseEnsembleKeys(QStringLiteral("cdp,241")); });
    QVERIFY2(msg.contains(QLatin1String("241")), qPrintable(msg));

    // Three keys, none.
    msg = messageOf<ArgumentError>([] { parseEnsembleKeys(QStringLiteral("fldr,cdp,offset")); });
    QVERIFY2(msg.contains(QLatin1String("fldr,cdp,offset")) &&
                 msg.contains(QLatin1String("3 keys")) && msg.contains(QLatin1String("two")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([] { parseEnsembleKeys(QStringLiteral(" ")); });
    QVERIFY2(msg.contains(QLatin1String("fldr")), qPrintable(msg));
    msg = messageOf<ArgumentError>([] { EnsembleIndex({}, 10); });
    QVERIFY2(msg.contains(QLatin1String("got 0")), qPrintable(msg));
    msg = messageOf<ArgumentError>([] {
        auto three = parseEnsembleKeys(QStringLiteral("fldr,cdp"));
        three.push_back(parseHeaderField(QStringLiteral("offset")));
        EnsembleIndex(three, 10);
    });
    QVERIFY2(msg.contains(QLatin1String("got 3")), qPrintable(msg));

    // Out-of-range ensemble numbers and traces name the value and the bound.
    const SegyFile segy(dataPath(m_small));
    const auto index = scanned(segy, QStringLiteral("fldr"));
    QVERIFY(index);
    QCOMPARE(index->count(), 11);
    msg = messageOf<ArgumentError>([&] { index->ensemble(42); });
    QVERIFY2(msg.contains(QLatin1String("ensemble 42")) && msg.contains(QLatin1String("11")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([&] { index->ensemble(11); });
    QVERIFY2(msg.contains(QLatin1String("ensemble 11")) &&
                 msg.contains(QLatin1String("number < 11")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([&] { index->ensemble(-1); });
    QVERIFY2(msg.contains(QLatin1String("ensemble -1")), qPrintable(msg));
    QCOMPARE(index->ensemble(10).traces, (TraceRange{22, 23})); // the last one is fine
    msg = messageOf<ArgumentError>([&] { index->ensembleOfTrace(1000); });
    QVERIFY2(msg.contains(QLatin1String("trace 1000")) && msg.contains(QLatin1String("23")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([&] { index->ensembleOfTrace(23); });
    QVERIFY2(msg.contains(QLatin1String("trace 23")) && msg.contains(QLatin1String("trace < 23")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>([&] { index->ensembleOfTrace(-1); });
    QVERIFY2(msg.contains(QLatin1String("trace -1")), qPrintable(msg));

    // Scanner misuse.
    EnsembleIndex fresh(parseEnsembleKeys(QStringLiteral("fldr")), 10);
    const std::vector<qint64> five{1, 1, 2, 2, 3};
    msg = messageOf<ArgumentError>([&] { fresh.append(1, five, {}); }); // must start at trace 0
    QVERIFY2(msg.contains(QLatin1String("1:6")) && msg.contains(QLatin1String("first trace 0")),
             qPrintable(msg));
    msg = messageOf<ArgumentError>(
        [&] { fresh.append(0, five, five); }); // a second key the index has not
    QVERIFY2(msg.contains(QLatin1String("key 1")), qPrintable(msg));
    fresh.append(0, five, {});
    msg = messageOf<ArgumentError>([&] { fresh.finish(); }); // 5 of 10 traces
    QVERIFY2(msg.contains(QLatin1String("5 of 10")), qPrintable(msg));
    msg = messageOf<ArgumentError>(
        [&] { fresh.append(5, std::vector<qint64>(6, 3), {}); }); // past the end
    QVERIFY2(msg.contains(QLatin1String("5:11")), qPrintable(msg));
    fresh.append(5, std::vector<qint64>{3, 3, 3, 4, 4}, {});
    fresh.finish();
    QCOMPARE(fresh.count(), 4);
    QCOMPARE(fresh.ensemble(2), (Ensemble{2, {4, 8}, {3, 0}})); // joined across two appends
    msg = messageOf<ArgumentError>([&] { fresh.append(10, std::vector<qint64>{}, {}); });
    QVERIFY2(msg.contains(QLatin1String("complete")), qPrintable(msg));
    // Scanning into an index that is not empty, or sized for another file.
    msg = messageOf<ArgumentError>([&] { scanEnsembles(segy, *index); });
    QVERIFY2(msg.contains(QLatin1String("23")), qPrintable(msg));
    EnsembleIndex wrongSize(parseEnsembleKeys(QStringLiteral("fldr")), 24);
    msg = messageOf<ArgumentError>([&] { scanEnsembles(segy, wrongSize); });
    QVERIFY2(msg.contains(QLatin1String("24")) && msg.contains(QLatin1String("23")),
             qPrintable(msg));
}

void TestEnsembleIndex::emptyIndex() {
    EnsembleIndex index(parseEnsembleKeys(QStringLiteral("cdp")), 0);
    QVERIFY(!index.isComplete());
    index.finish();
    QVERIFY(index.isComplete());
    QCOMPARE(index.count(), 0);
    QVERIFY(!index.findByKeys(std::vector<qint64>{1}));
    QVERIFY(messageOf<ArgumentError>([&] {
                index.ensembleOfTrace(0);
            }).contains(QLatin1String("trace 0")));
    const auto back = EnsembleIndex::deserialize(index.serialize(QStringLiteral("id")),
                                                 QStringLiteral("id"), index.keys(), 0);
    QVERIFY(back);
    QCOMPARE(back->count(), 0);
    QVERIFY(back->isComplete());
    QVERIFY(back->fromCache());
}

// Ensembles are usable block by block while the scan runs, and each one published is final.
void TestEnsembleIndex::publishesWhileScanning() {
    const SegyFile segy(dataPath(m_many));
    const auto want = reference(m_many, QStringLiteral("fldr,cdp"));
    EnsembleIndex index(parseEnsembleKeys(QStringLiteral("fldr,cdp")), segy.traceCount());
    EnsembleScanOptions o;
    o.useCache = false;
    o.blockTraces = 500;
    int midScan = 0;
    qint64 lastCount = 0;
    QString problem;
    auto check = [&](qint64 done, qint64 total) {
        if (!problem.isEmpty())
            return false;
        if (total != segy.traceCount() || index.tracesScanned() != done)
            problem = QStringLiteral("progress %1/%2 with %3 traces scanned")
                          .arg(done)
                          .arg(total)
                          .arg(index.tracesScanned());
        if (done < total) {
            ++midScan;
            const qint64 c = index.count();
            if (c <= 0 || index.isComplete() || c < lastCount)
                problem = QStringLiteral("at %1 traces: count %2 (before %3), complete %4")
                              .arg(done)
                              .arg(c)
                              .arg(lastCount)
                              .arg(index.isComplete());
            lastCount = c;
            for (qint64 i = 0; i < c && problem.isEmpty(); ++i) {
                const Ensemble got = index.ensemble(i);
                const Ensemble exp = toEnsemble(want[std::size_t(i)], i);
                if (got != exp)
                    problem = QStringLiteral("at %1 traces, ensemble %2 is %3, expected %4")
                                  .arg(done)
                                  .arg(i)
                                  .arg(describe(got), describe(exp));
            }
            // Published ensembles end at or before what was read; traces after them are not
            // in any complete ensemble yet.
            const qint64 end = c > 0 ? index.ensemble(c - 1).traces.end : 0;
            if (end > done)
                problem = QStringLiteral("ensemble %1 ends at %2, beyond the %3 traces read")
                              .arg(c - 1)
                              .arg(end)
                              .arg(done);
            if (end < segy.traceCount() && index.ensembleOfTrace(end))
                problem =
                    QStringLiteral("trace %1 is in an ensemble before its end was read").arg(end);
            if (c > 0 && index.ensembleOfTrace(end - 1) != index.ensemble(c - 1))
                problem =
                    QStringLiteral("trace %1 is not in the last published ensemble").arg(end - 1);
        }
        return true;
    };
    QCOMPARE(scanEnsembles(segy, index, check, o), LoadStatus::Completed);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(midScan, 19); // 10000 traces in blocks of 500: 19 reports before the last
    const QString final = compareIndex(index, want);
    QVERIFY2(final.isEmpty(), qPrintable(final));
}

void TestEnsembleIndex::cancellation() {
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    const SegyFile segy(dataPath(m_many));
    EnsembleIndex index(parseEnsembleKeys(QStringLiteral("fldr")), segy.traceCount());
    EnsembleScanOptions o;
    o.cacheDir = cache.path();
    o.blockTraces = 1000;
    int calls = 0;
    const LoadStatus status = scanEnsembles(
        segy, index, [&](qint64, qint64) { return ++calls < 3; }, o);
    QCOMPARE(status, LoadStatus::Cancelled);
    QCOMPARE(calls, 3);
    QVERIFY(!index.isComplete());
    QCOMPARE(index.tracesScanned(), 3000);
    QVERIFY(index.count() > 0);
    QVERIFY(index.count() < qint64(reference(m_many, QStringLiteral("fldr")).size()));
    QCOMPARE(entries(cache.path()), QStringList{}); // nothing stored
    // What was published is still right.
    const auto want = reference(m_many, QStringLiteral("fldr"));
    for (qint64 i = 0; i < index.count(); ++i)
        QCOMPARE(index.ensemble(i), toEnsemble(want[std::size_t(i)], i));
}

void TestEnsembleIndex::cacheHit() {
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    EnsembleScanOptions o;
    o.cacheDir = cache.path() + QStringLiteral("/not/yet/made"); // created on demand
    const auto want = reference(m_small, QStringLiteral("fldr,cdp"));
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr,cdp"));

    const SegyFile first(dataPath(m_small));
    EnsembleIndex a(keys, first.traceCount());
    QCOMPARE(scanEnsembles(first, a, {}, o), LoadStatus::Completed);
    QVERIFY(!a.fromCache());
    const QString path = ensembleCachePath(first, keys, o.cacheDir);
    QVERIFY(path.startsWith(o.cacheDir + QLatin1Char('/')));
    QVERIFY(QFileInfo(path).isFile());
    QCOMPARE(entries(o.cacheDir), QStringList{QFileInfo(path).fileName()}); // no temporaries

    // A new SegyFile of the same file: read from the cache, identical; progress reports done.
    const SegyFile second(dataPath(m_small));
    EnsembleIndex b(keys, second.traceCount());
    qint64 reported = -1;
    auto record = [&](qint64 done, qint64) {
        reported = done;
        return true;
    };
    QCOMPARE(scanEnsembles(second, b, record, o), LoadStatus::Completed);
    QVERIFY(b.fromCache());
    QCOMPARE(reported, second.traceCount());
    QCOMPARE(b.tracesScanned(), second.traceCount());
    QString problem = compareIndex(b, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(b.keys(), keys); // the names asked for, not the stored ones

    // The same fields by other names share the entry; other fields do not.
    EnsembleIndex alias(parseEnsembleKeys(QStringLiteral("FieldRecord,21")), second.traceCount());
    QCOMPARE(scanEnsembles(second, alias, {}, o), LoadStatus::Completed);
    QVERIFY(alias.fromCache());
    problem = compareIndex(alias, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    EnsembleIndex other(parseEnsembleKeys(QStringLiteral("cdp")), second.traceCount());
    QCOMPARE(scanEnsembles(second, other, {}, o), LoadStatus::Completed);
    QVERIFY(!other.fromCache());
    QCOMPARE(entries(o.cacheDir).size(), 2);

    // useCache off: neither read nor written.
    QTemporaryDir unused;
    EnsembleScanOptions off;
    off.cacheDir = unused.path();
    off.useCache = false;
    EnsembleIndex c(keys, second.traceCount());
    QCOMPARE(scanEnsembles(second, c, {}, off), LoadStatus::Completed);
    QVERIFY(!c.fromCache());
    QCOMPARE(entries(unused.path()), QStringList{});
    off.cacheDir = o.cacheDir;
    EnsembleIndex d(keys, second.traceCount());
    QCOMPARE(scanEnsembles(second, d, {}, off), LoadStatus::Completed);
    QVERIFY(!d.fromCache());
}

// The file is rewritten in place (same size, same inode) with other key values and another
// modification time: the cached index must not be used.
void TestEnsembleIndex::staleCacheAfterFileChange() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("copy.sgy"));
    QVERIFY(QFile::copy(dataPath(m_small), path));
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    EnsembleScanOptions o;
    o.cacheDir = dir.filePath(QStringLiteral("cache"));
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    const auto before = segyioRuns(path, false, {SEGY_TR_FIELD_RECORD});
    {
        const SegyFile file(path);
        EnsembleIndex index(keys, file.traceCount());
        QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
        QVERIFY(!index.fromCache());
        const QString problem = compareIndex(index, before);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    const qint64 size = QFileInfo(path).size();
    const QDateTime mtime = QFileInfo(path).lastModified();
    {
        // fldr (bytes 9-12, big-endian) of trace i becomes 500 + i / 4.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        const qint64 traces = (size - 3600) / (240 + 8 * 4);
        for (qint64 i = 0; i < traces; ++i) {
            const qint32 v = qToBigEndian(qint32(500 + i / 4));
            QVERIFY(f.seek(3600 + i * (240 + 32) + 8));
            QCOMPARE(f.write(reinterpret_cast<const char*>(&v), 4), 4);
        }
        f.close();
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(mtime.addSecs(100), QFileDevice::FileModificationTime));
    }
    QCOMPARE(QFileInfo(path).size(), size);
    const auto after = segyioRuns(path, false, {SEGY_TR_FIELD_RECORD});
    QCOMPARE(after.size(), std::size_t(6)); // 23 traces in runs of 4: the reference did change
    QCOMPARE(after[1].keys[0], 501);

    const SegyFile changed(path);
    EnsembleIndex index(keys, changed.traceCount());
    QCOMPARE(scanEnsembles(changed, index, {}, o), LoadStatus::Completed);
    QVERIFY(!index.fromCache());
    QString problem = compareIndex(index, after);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    // The new state is cached in turn.
    const SegyFile again(path);
    EnsembleIndex cached(keys, again.traceCount());
    QCOMPARE(scanEnsembles(again, cached, {}, o), LoadStatus::Completed);
    QVERIFY(cached.fromCache());
    problem = compareIndex(cached, after);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestEnsembleIndex::corruptCacheIgnored_data() {
    QTest::addColumn<QString>("how");
    for (const char* how : {"garbage", "empty", "truncated", "one byte short", "flipped bit",
                            "extra byte", "other file's index", "huge"})
        QTest::newRow(how) << QString::fromLatin1(how);
}

// A bad cache entry is ignored (no crash, no exception), the file is scanned again and the entry
// is replaced by a good one.
void TestEnsembleIndex::corruptCacheIgnored() {
    QFETCH(QString, how);
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    EnsembleScanOptions o;
    o.cacheDir = cache.path();
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    const auto want = reference(m_many, QStringLiteral("fldr"));
    const SegyFile file(dataPath(m_many));
    {
        EnsembleIndex index(keys, file.traceCount());
        QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
    }
    const QString path = ensembleCachePath(file, keys, o.cacheDir);
    const QByteArray good = readAll(path);
    QVERIFY(good.size() > 1000);
    QByteArray bad;
    if (how == QLatin1String("garbage")) {
        std::mt19937 rng(7);
        for (qsizetype i = 0; i < good.size(); ++i)
            bad.append(char(rng()));
    } else if (how == QLatin1String("truncated")) {
        bad = good.left(good.size() / 2);
    } else if (how == QLatin1String("one byte short")) {
        bad = good.left(good.size() - 1);
    } else if (how == QLatin1String("flipped bit")) {
        bad = good;
        bad[bad.size() - 500] = char(bad[bad.size() - 500] ^ 0x10);
    } else if (how == QLatin1String("extra byte")) {
        bad = good + '\0';
    } else if (how == QLatin1String("other file's index")) {
        const SegyFile small(dataPath(m_small));
        const auto other = scanned(small, QStringLiteral("fldr"));
        bad = other->serialize(small.identity());
    } else if (how == QLatin1String("huge")) {
        bad = good + QByteArray(64 << 20, 'x');
    }
    QVERIFY(writeAll(path, bad));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("ignoring.*cache")));
    EnsembleIndex index(keys, file.traceCount());
    QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
    QVERIFY(!index.fromCache());
    const QString problem = compareIndex(index, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(readAll(path), good); // replaced by a good entry
    QCOMPARE(entries(cache.path()).size(), 1);
}

void TestEnsembleIndex::deserializeRejectsBadBytes() {
    const SegyFile segy(dataPath(m_small));
    const auto index = scanned(segy, QStringLiteral("fldr,cdp"));
    QVERIFY(index);
    const QString id = segy.identity();
    const auto keys = index->keys();
    const qint64 n = segy.traceCount();
    const QByteArray good = index->serialize(id);
    auto load = [&](const QByteArray& bytes) {
        return EnsembleIndex::deserialize(bytes, id, keys, n);
    };
    const auto back = load(good);
    QVERIFY(back);
    QVERIFY(back->fromCache());
    QCOMPARE(back->keys(), keys);
    QString problem = compareIndex(*back, reference(m_small, QStringLiteral("fldr,cdp")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // Anything that does not match what it is loaded for.
    QVERIFY(!EnsembleIndex::deserialize(good, id + QLatin1Char('x'), keys, n));
    QVERIFY(!EnsembleIndex::deserialize(good, id, parseEnsembleKeys(QStringLiteral("fldr")), n));
    QVERIFY(
        !EnsembleIndex::deserialize(good, id, parseEnsembleKeys(QStringLiteral("cdp,fldr")), n));
    QVERIFY(
        !EnsembleIndex::deserialize(good, id, parseEnsembleKeys(QStringLiteral("fldr,21:i2")), n));
    QVERIFY(!EnsembleIndex::deserialize(good, id, keys, n + 1));
    QVERIFY(EnsembleIndex::deserialize(good, id, parseEnsembleKeys(QStringLiteral("9,CDP")), n));

    // Every truncation and every single flipped bit.
    for (qsizetype len = 0; len < good.size(); ++len)
        QVERIFY2(!load(good.left(len)), qPrintable(QStringLiteral("truncated to %1").arg(len)));
    for (qsizetype i = 0; i < good.size(); ++i)
        for (int bit : {0, 7}) {
            QByteArray bad = good;
            bad[i] = char(bad[i] ^ (1 << bit));
            QVERIFY2(!load(bad), qPrintable(QStringLiteral("bit %1 of byte %2").arg(bit).arg(i)));
        }

    // Structurally wrong contents behind a valid checksum.
    const QByteArray body = good.left(good.size() - kDigest);
    const qint64 count = index->count();
    const qint64 arrays = body.size() - count * 8 * 3; // first[], key0[], key1[]
    QCOMPARE(getI64(body, arrays - 8), count);
    QCOMPARE(getI64(body, arrays - 16), n);
    QCOMPARE(getI64(body, arrays), 0);
    QVERIFY(load(reseal(body))); // resealing alone changes nothing
    auto edited = [&](const std::function<void(QByteArray&)>& edit) {
        QByteArray b = body;
        edit(b);
        return load(reseal(b));
    };
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays, -1); })); // not from 0
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays + 16, getI64(b, arrays + 8)); }));
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays + 16, 0); }));              // decreasing
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays + (count - 1) * 8, n); })); // past end
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays - 8, count + 1); }));       // count
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays - 8, -1); }));
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, arrays - 8, qint64(1) << 60); }));
    QVERIFY(!edited([&](QByteArray& b) { b.chop(8); }));                       // short arrays
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, kIdentityLengthAt, 0); })); // lengths
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, 8 + 4, 1); }));
    QVERIFY(!edited([&](QByteArray& b) { putI64(b, 8 + 4, 0xffffffff); }));
    QVERIFY(!edited([&](QByteArray& b) { b[kVersionAt] = 1; })); // version 1 and 3
    QVERIFY(!edited([&](QByteArray& b) { b[kVersionAt] = 3; }));
    QVERIFY(!edited([&](QByteArray& b) { b[0] = 'X'; })); // magic
    // Two neighbours with equal keys are not runs.
    QVERIFY(!edited([&](QByteArray& b) {
        const qint64 k0 = arrays + count * 8, k1 = k0 + count * 8;
        putI64(b, k0 + 8, getI64(b, k0));
        putI64(b, k1 + 8, getI64(b, k1));
    }));
    // Many more ensembles than traces, with arrays to match.
    QVERIFY(!edited([&](QByteArray& b) {
        b = b.left(arrays);
        putI64(b, arrays - 8, n + 1);
        for (qint64 i = 0; i < 3 * (n + 1); ++i)
            b.append(QByteArray(8, '\0'));
        for (qint64 i = 0; i <= n; ++i)
            putI64(b, arrays + i * 8, i);
    }));
}

void TestEnsembleIndex::unwritableCache() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto keys = parseEnsembleKeys(QStringLiteral("cdp"));
    const auto want = reference(m_small, QStringLiteral("cdp"));
    const SegyFile file(dataPath(m_small));

    // A cache directory that cannot be created (its parent is a file).
    const QString plain = dir.filePath(QStringLiteral("a file"));
    QVERIFY(writeAll(plain, "not a directory"));
    EnsembleScanOptions o;
    o.cacheDir = plain + QStringLiteral("/ensembles");
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot create")));
    EnsembleIndex a(keys, file.traceCount());
    QCOMPARE(scanEnsembles(file, a, {}, o), LoadStatus::Completed);
    QString problem = compareIndex(a, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(readAll(plain), QByteArray("not a directory"));

    // A read-only cache directory (root may write there anyway; then only the scan is checked).
    const QString ro = dir.filePath(QStringLiteral("read-only"));
    QVERIFY(QDir().mkpath(ro));
    QVERIFY(QFile::setPermissions(ro, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
    const bool root = ::geteuid() == 0;
    if (!root)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("cannot write")));
    o.cacheDir = ro;
    EnsembleIndex b(keys, file.traceCount());
    QCOMPARE(scanEnsembles(file, b, {}, o), LoadStatus::Completed);
    problem = compareIndex(b, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    if (!root)
        QCOMPARE(entries(ro), QStringList{});
    QFile::setPermissions(ro,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
}

// A source that cannot tell its identity is never cached.
void TestEnsembleIndex::noIdentityNoCache() {
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    HookedSource source(std::make_shared<SegyFile>(dataPath(m_small)));
    source.identityOverride = QString();
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    QCOMPARE(ensembleCachePath(source, keys, cache.path()), QString());
    for (int round = 0; round < 2; ++round) {
        EnsembleIndex index(keys, source.traceCount());
        EnsembleScanOptions o;
        o.cacheDir = cache.path();
        QCOMPARE(scanEnsembles(source, index, {}, o), LoadStatus::Completed);
        QVERIFY(!index.fromCache());
        const QString problem = compareIndex(index, reference(m_small, QStringLiteral("fldr")));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(entries(cache.path()), QStringList{});
    QCOMPARE(source.headerCalls(), 2);
}

void TestEnsembleIndex::cacheEntryNotRegular_data() {
    QTest::addColumn<QString>("what");
    QTest::addColumn<QString>("warning");
    QTest::newRow("link to /dev/zero") << "zero"
                                       << "symbolic link";
    QTest::newRow("FIFO") << "fifo"
                          << "not a regular file";
    QTest::newRow("link to a good entry elsewhere") << "link"
                                                    << "symbolic link";
    QTest::newRow("sparse 1 TiB file") << "sparse"
                                       << "too large";
}

// An entry that is not a regular file of a possible size is never followed, waited on or read:
// the scan completes with the right index, nothing the entry points to is touched, and the entry
// is replaced by a good regular one (the rename replaces the link or node itself).
void TestEnsembleIndex::cacheEntryNotRegular() {
    QFETCH(QString, what);
    QFETCH(QString, warning);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EnsembleScanOptions o;
    o.cacheDir = dir.filePath(QStringLiteral("cache"));
    QVERIFY(QDir().mkpath(o.cacheDir));
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    const auto want = reference(m_many, QStringLiteral("fldr"));
    const SegyFile file(dataPath(m_many));
    const QString path = ensembleCachePath(file, keys, o.cacheDir);
    const QByteArray pathBytes = QFile::encodeName(path);

    // A good entry stored elsewhere, which the link case points to.
    const QString elsewhere = dir.filePath(QStringLiteral("elsewhere.ensidx"));
    QByteArray good;
    {
        const auto index = scanned(file, QStringLiteral("fldr"));
        good = index->serialize(file.identity(), file.path());
        QVERIFY(writeAll(elsewhere, good));
    }
    if (what == QLatin1String("zero")) {
        QCOMPARE(::symlink("/dev/zero", pathBytes.constData()), 0);
    } else if (what == QLatin1String("link")) {
        QVERIFY(QFile::link(elsewhere, path));
    } else if (what == QLatin1String("fifo")) {
        QCOMPARE(::mkfifo(pathBytes.constData(), 0600), 0);
    } else if (what == QLatin1String("sparse")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(qint64(1) << 40));
    }
    QTest::ignoreMessage(
        QtWarningMsg,
        QRegularExpression(QStringLiteral("ignoring the ensemble cache .*: .*") + warning));
    EnsembleIndex index(keys, file.traceCount());
    LoadStatus status = LoadStatus::Cancelled;
    const bool returned = returnsAtAll([&] { status = scanEnsembles(file, index, {}, o); },
                                       [&] {
                                           // A reader blocked on the FIFO gets end of file.
                                           const int w =
                                               ::open(pathBytes.constData(), O_WRONLY | O_NONBLOCK);
                                           if (w >= 0)
                                               ::close(w);
                                       });
    QVERIFY2(returned, "reading the cache entry hung");
    QCOMPARE(status, LoadStatus::Completed);
    QVERIFY(!index.fromCache());
    const QString problem = compareIndex(index, want);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    // The entry is now a good regular file; what a link pointed to is untouched.
    struct stat st;
    QCOMPARE(::lstat(pathBytes.constData(), &st), 0);
    QVERIFY(S_ISREG(st.st_mode));
    QCOMPARE(readAll(path), good);
    QCOMPARE(readAll(elsewhere), good);
    QCOMPARE(::stat("/dev/zero", &st), 0);
    QVERIFY(S_ISCHR(st.st_mode));
    EnsembleIndex again(keys, file.traceCount());
    QCOMPARE(scanEnsembles(file, again, {}, o), LoadStatus::Completed);
    QVERIFY(again.fromCache());
}

// A cache on a full file system: the write fails, the scan still succeeds, and neither an entry
// nor a temporary is left. The real mechanism: a tmpfs of 64 KiB, filled (root only).
void TestEnsembleIndex::failedCacheWriteLeavesNothing() {
    if (::geteuid() != 0)
        QSKIP("mounting a small tmpfs needs root");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString mountPoint = dir.filePath(QStringLiteral("full"));
    QVERIFY(QDir().mkpath(mountPoint));
    const QByteArray mp = QFile::encodeName(mountPoint);
    if (::mount("tmpfs", mp.constData(), "tmpfs", 0, "size=64k") != 0)
        QSKIP(qPrintable(QStringLiteral("cannot mount a tmpfs: %1").arg(strerror(errno))));
    const auto unmount = qScopeGuard([&] { ::umount2(mp.constData(), MNT_DETACH); });
    const QString cacheDir = mountPoint + QStringLiteral("/cache");
    QVERIFY(QDir().mkpath(cacheDir));
    {
        // Fill it up.
        QFile fill(mountPoint + QStringLiteral("/fill"));
        QVERIFY(fill.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const QByteArray block(4096, 'x');
        while (fill.write(block) == block.size()) {
        }
    }
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr,cdp"));
    const SegyFile file(dataPath(m_many));
    EnsembleScanOptions o;
    o.cacheDir = cacheDir;
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(QStringLiteral("cannot write the ensemble cache")));
    EnsembleIndex index(keys, file.traceCount());
    QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
    const QString problem = compareIndex(index, reference(m_many, QStringLiteral("fldr,cdp")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(entries(cacheDir), QStringList{});
}

// Writing an entry prunes the entries whose file is gone or has changed since.
void TestEnsembleIndex::prunesEntriesOfGoneOrChangedFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EnsembleScanOptions o;
    o.cacheDir = dir.filePath(QStringLiteral("cache"));
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    QStringList copies, cached;
    for (const char* name : {"gone.sgy", "changed.sgy", "kept.sgy", "new.sgy"}) {
        copies << dir.filePath(QString::fromLatin1(name));
        QVERIFY(QFile::copy(dataPath(m_small), copies.back()));
        QVERIFY(
            QFile::setPermissions(copies.back(), QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    }
    for (int i = 0; i < 3; ++i) {
        const SegyFile file(copies[i]);
        EnsembleIndex index(keys, file.traceCount());
        QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
        cached << QFileInfo(ensembleCachePath(file, keys, o.cacheDir)).fileName();
    }
    QCOMPARE(entries(o.cacheDir).size(), 3);
    QVERIFY(QFile::remove(copies[0]));
    {
        QFile f(copies[1]);
        QVERIFY(f.open(QIODevice::Append));
        QCOMPARE(f.write("more"), 4); // another size and modification time
    }
    // Nothing is pruned on reads, only when an entry is written.
    {
        const SegyFile kept(copies[2]);
        EnsembleIndex index(keys, kept.traceCount());
        QCOMPARE(scanEnsembles(kept, index, {}, o), LoadStatus::Completed);
        QVERIFY(index.fromCache());
        QCOMPARE(entries(o.cacheDir).size(), 3);
    }
    const SegyFile added(copies[3]);
    EnsembleIndex index(keys, added.traceCount());
    QCOMPARE(scanEnsembles(added, index, {}, o), LoadStatus::Completed);
    QStringList want{cached[2], QFileInfo(ensembleCachePath(added, keys, o.cacheDir)).fileName()};
    want.sort();
    QCOMPARE(entries(o.cacheDir), want);
}

// The cache stays under its bound by evicting the least recently used entries first; reading
// an entry counts as a use; an index bigger than the bound is not stored.
void TestEnsembleIndex::sizeBoundEvictsLeastRecentlyUsed() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EnsembleScanOptions o;
    o.cacheDir = dir.filePath(QStringLiteral("cache"));
    o.cacheMaxBytes = 3 * 4096; // three small entries (each counted as 4 KiB)
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    QStringList copies, cached;
    for (int i = 0; i < 5; ++i) {
        copies << dir.filePath(QStringLiteral("copy%1.sgy").arg(i));
        QVERIFY(QFile::copy(dataPath(m_small), copies.back()));
        const SegyFile file(copies.back());
        cached << ensembleCachePath(file, keys, o.cacheDir);
    }
    auto scan = [&](int i) {
        const SegyFile file(copies[i]);
        EnsembleIndex index(keys, file.traceCount());
        if (scanEnsembles(file, index, {}, o) != LoadStatus::Completed)
            return QStringLiteral("cancelled");
        if (!compareIndex(index, reference(m_small, QStringLiteral("fldr"))).isEmpty())
            return QStringLiteral("wrong");
        return index.fromCache() ? QStringLiteral("cached") : QStringLiteral("scanned");
    };
    auto present = [&] {
        QList<int> out;
        for (int i = 0; i < cached.size(); ++i)
            if (QFileInfo::exists(cached[i]))
                out << i;
        return out;
    };
    for (int i = 0; i < 3; ++i)
        QCOMPARE(scan(i), QStringLiteral("scanned"));
    QVERIFY(QFileInfo(cached[0]).size() < 4096);
    QCOMPARE(present(), (QList<int>{0, 1, 2}));
    // Used 300, 200 and 100 s ago; then copy 0 is used again (read from the cache).
    for (int i = 0; i < 3; ++i)
        QVERIFY(setUsedAgo(cached[i], 300 - 100 * i));
    QCOMPARE(scan(0), QStringLiteral("cached"));
    // A fourth entry: copy 1 is now the least recently used and goes.
    QCOMPARE(scan(3), QStringLiteral("scanned"));
    QCOMPARE(present(), (QList<int>{0, 2, 3}));
    // A fifth: copy 2 goes (0 and 3 were used since).
    QVERIFY(setUsedAgo(cached[2], 50));
    QCOMPARE(scan(4), QStringLiteral("scanned"));
    QCOMPARE(present(), (QList<int>{0, 3, 4}));

    // An index larger than the bound is not stored, and nothing is evicted for it.
    o.cacheMaxBytes = 100;
    QCOMPARE(scan(1), QStringLiteral("scanned"));
    QCOMPARE(present(), (QList<int>{0, 3, 4}));
}

// A bound of 0: the index is scanned, not read from the cache nor stored, and every entry
// already there is removed (whoever wrote it); a valid entry for the same file is not used.
void TestEnsembleIndex::zeroBoundStoresNothing() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    EnsembleScanOptions o;
    o.cacheDir = dir.filePath(QStringLiteral("cache"));
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr"));
    QStringList copies;
    for (int i = 0; i < 2; ++i) {
        copies << dir.filePath(QStringLiteral("copy%1.sgy").arg(i));
        QVERIFY(QFile::copy(dataPath(m_small), copies.back()));
        const SegyFile file(copies.back());
        EnsembleIndex index(keys, file.traceCount());
        QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
        QVERIFY(!index.fromCache());
    }
    QCOMPARE(entries(o.cacheDir).size(), 2);
    o.cacheMaxBytes = 0;
    const SegyFile file(copies[0]);
    EnsembleIndex index(keys, file.traceCount());
    QCOMPARE(scanEnsembles(file, index, {}, o), LoadStatus::Completed);
    QVERIFY(!index.fromCache()); // its entry was there and valid, but not used
    QCOMPARE(compareIndex(index, reference(m_small, QStringLiteral("fldr"))), QString());
    QCOMPARE(entries(o.cacheDir), QStringList{});
}

// The viewer (organisation and application "seisview", as app/gui/main.cpp sets them) and the
// command-line tool (application "seisview" only, as app/cli/main.cpp) keep indexes in one
// directory: an index the real seisview-cli stored is read by a viewer-configured scan.
void TestEnsembleIndex::viewerAndCliShareOneDirectory() {
    QTemporaryDir home;
    QVERIFY(home.isValid());
    const EnvGuard xdg("XDG_CACHE_HOME");
    const EnvGuard homeEnv("HOME");
    const QString org = QCoreApplication::organizationName();
    const QString app = QCoreApplication::applicationName();
    const auto restoreNames = qScopeGuard([&] {
        QCoreApplication::setOrganizationName(org);
        QCoreApplication::setApplicationName(app);
    });
    auto asViewer = [] {
        QCoreApplication::setOrganizationName(QStringLiteral("seisview"));
        QCoreApplication::setApplicationName(QStringLiteral("seisview"));
        return ensembleCacheDirectory();
    };
    auto asCli = [] {
        QCoreApplication::setOrganizationName(QString());
        QCoreApplication::setApplicationName(QStringLiteral("seisview"));
        return ensembleCacheDirectory();
    };
    const QString xdgHome = home.filePath(QStringLiteral("xdg"));
    qputenv("XDG_CACHE_HOME", QFile::encodeName(xdgHome));
    QCOMPARE(asViewer(), xdgHome + QStringLiteral("/seisview/ensembles"));
    QCOMPARE(asCli(), xdgHome + QStringLiteral("/seisview/ensembles"));
    // Without XDG_CACHE_HOME, or with a relative one (which the XDG spec says to ignore).
    qputenv("HOME", QFile::encodeName(home.path()));
    const QString fallback = home.path() + QStringLiteral("/.cache/seisview/ensembles");
    for (const char* value : {"", "relative/cache"}) {
        qputenv("XDG_CACHE_HOME", value);
        QCOMPARE(asViewer(), fallback);
        QCOMPARE(asCli(), fallback);
    }
    qunsetenv("XDG_CACHE_HOME");
    QCOMPARE(asViewer(), fallback);
    QCOMPARE(asCli(), fallback);

    // The real CLI stores an index; the viewer-configured scan with default options reads it.
    const QString cli = qEnvironmentVariable("SEIS_CLI");
    QVERIFY2(QFileInfo(cli).isExecutable(), "SEIS_CLI must name the seisview-cli executable");
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_CACHE_HOME"), xdgHome);
    p.setProcessEnvironment(env);
    p.start(cli, {QStringLiteral("ensembles"), dataPath(m_small), QStringLiteral("--keys"),
                  QStringLiteral("fldr"), QStringLiteral("-o"), QStringLiteral("-")});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    qputenv("XDG_CACHE_HOME", QFile::encodeName(xdgHome));
    const QString viewerDir = asViewer();
    QCOMPARE(entries(viewerDir).size(), 1);
    const SegyFile file(dataPath(m_small));
    EnsembleIndex index(parseEnsembleKeys(QStringLiteral("fldr")), file.traceCount());
    QCOMPARE(scanEnsembles(file, index), LoadStatus::Completed);
    QVERIFY(index.fromCache());
    const QString problem = compareIndex(index, reference(m_small, QStringLiteral("fldr")));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
}

void TestEnsembleIndex::async() {
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    auto file = std::make_shared<const SegyFile>(dataPath(m_many));
    const auto keys = parseEnsembleKeys(QStringLiteral("fldr,cdp"));
    const auto want = reference(m_many, QStringLiteral("fldr,cdp"));
    EnsembleScanOptions o;
    o.cacheDir = cache.path();
    o.blockTraces = 700;
    for (const bool fromCache : {false, true}) {
        auto index = std::make_shared<EnsembleIndex>(keys, file->traceCount());
        QFuture<void> future = scanEnsemblesAsync(file, index, o);
        future.waitForFinished();
        QVERIFY(future.isFinished());
        QVERIFY(!future.isCanceled());
        QCOMPARE(future.progressMaximum(), int(file->traceCount()));
        QCOMPARE(future.progressValue(), int(file->traceCount()));
#ifndef __SANITIZE_THREAD__
        // ProgressTracker's line, e.g. "100% · 1,234,567 traces/s ...". (Not under TSan: the
        // text reaches this thread under a mutex inside the uninstrumented Qt, a false report.)
        QVERIFY2(future.progressText().contains(QLatin1String("100")),
                 qPrintable(future.progressText()));
#endif
        QCOMPARE(index->fromCache(), fromCache);
        const QString problem = compareIndex(*index, want);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
}

void TestEnsembleIndex::asyncCancel() {
    QTemporaryDir cache;
    QVERIFY(cache.isValid());
    auto source = std::make_shared<HookedSource>(std::make_shared<SegyFile>(dataPath(m_many)));
    // The scan stops before its third read until the test has cancelled the future.
    QSemaphore atThird, resume;
    source->beforeHeaders = [&](int call) {
        if (call == 3) {
            atThird.release();
            resume.acquire();
        }
    };
    auto index = std::make_shared<EnsembleIndex>(parseEnsembleKeys(QStringLiteral("fldr")),
                                                 source->traceCount());
    EnsembleScanOptions o;
    o.cacheDir = cache.path();
    o.blockTraces = 1000;
    QFuture<void> future = scanEnsemblesAsync(source, index, o);
    QVERIFY(atThird.tryAcquire(1, 30000));
    future.cancel();
    resume.release();
    future.waitForFinished();
    QVERIFY(future.isCanceled());
    QCOMPARE(source->headerCalls(), 3); // the third block was read, then the job stopped
    QCOMPARE(index->tracesScanned(), 3000);
    QVERIFY(!index->isComplete());
    QVERIFY(index->count() > 0);
    QCOMPARE(entries(cache.path()), QStringList{});
}

// Readers on other threads while the scan appends (meant for ThreadSanitizer): every value they
// see must be final.
void TestEnsembleIndex::readersDuringScan() {
    const SegyFile segy(dataPath(m_many));
    const auto want = reference(m_many, QStringLiteral("fldr,cdp"));
    EnsembleIndex index(parseEnsembleKeys(QStringLiteral("fldr,cdp")), segy.traceCount());
    std::atomic<bool> done{false};
    std::mutex problemMutex;
    QString problem;
    auto fail = [&](const QString& p) {
        std::lock_guard lock(problemMutex);
        if (problem.isEmpty())
            problem = p;
    };
    std::atomic<qint64> reads{0};
    auto reader = [&](unsigned seed) {
        std::mt19937_64 rng(seed);
        qint64 lastCount = 0, lastScanned = 0;
        while (!done.load()) {
            const qint64 scannedNow = index.tracesScanned();
            const qint64 c = index.count();
            if (c < lastCount || scannedNow < lastScanned)
                fail(QStringLiteral("count or scanned went backwards"));
            lastCount = c;
            lastScanned = scannedNow;
            if (c > 0) {
                const qint64 i = qint64(rng() % quint64(c));
                for (qint64 k : {i, c - 1})
                    if (index.ensemble(k) != toEnsemble(want[std::size_t(k)], k))
                        fail(QStringLiteral("ensemble %1 differs while scanning").arg(k));
            }
            const qint64 t = qint64(rng() % quint64(segy.traceCount()));
            if (const auto e = index.ensembleOfTrace(t)) {
                if (*e != toEnsemble(want[std::size_t(e->number)], e->number) ||
                    t < e->traces.begin || t >= e->traces.end)
                    fail(QStringLiteral("trace %1 in a wrong ensemble").arg(t));
            }
            if (const auto f =
                    index.findByKeys(std::vector<qint64>{want[0].keys[0], want[0].keys[1]}))
                if (f->number != 0)
                    fail(QStringLiteral("findByKeys did not find ensemble 0"));
            ++reads;
        }
    };
    std::thread r1(reader, 1u), r2(reader, 2u);
    EnsembleScanOptions o;
    o.useCache = false;
    o.blockTraces = 37;
    // Give the readers time to run between blocks. After the first block the scan waits for a
    // read, so that at least one happens while the index is incomplete even when the machine is
    // busy (without it, the readers could be scheduled only after the scan).
    bool first = true;
    const auto status = scanEnsembles(
        segy, index,
        [&](qint64, qint64) {
            if (first) {
                first = false;
                const qint64 before = reads.load();
                while (reads.load() == before)
                    std::this_thread::yield();
            }
            std::this_thread::yield();
            return true;
        },
        o);
    done = true;
    r1.join();
    r2.join();
    QCOMPARE(status, LoadStatus::Completed);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(reads.load() > 0);
    const QString final = compareIndex(index, want);
    QVERIFY2(final.isEmpty(), qPrintable(final));
}

QTEST_GUILESS_MAIN(TestEnsembleIndex)
#include "tst_ensembleindex.moc"
