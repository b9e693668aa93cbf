// The sorted view of a file (seis/ensembles/sortedsource.h: SortedSource, sortedEnsembles) and
// the sort index cache (SortIndexOptions::useCache): reads of the view equal the file's reads of
// the traces numpy's sort puts there (tests/ensembles/make_sort_files.py), its gathers are the
// sort's, and a cached sort is read back only while it is valid (same file, same keys, intact).
#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"
#include "seis/ensembles/sortedsource.h"
#include "seis/ensembles/sortindex.h"
#include "seis/sources/opensource.h"
#include "sortcache.h" // internal: the entry format

#include <QCryptographicHash>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QtTest>

#include <array>
#include <cstring>
#include <memory>
#include <vector>

using namespace seis;

namespace {

QString sortData(const QString& name) {
    return qEnvironmentVariable("SEIS_TEST_DATA") + QStringLiteral("/sort/") + name;
}

std::vector<qint64> expectedOrder(const QString& name) {
    QFile f(sortData(name));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    std::vector<qint64> order;
    for (const QByteArray& line : f.readAll().split('\n'))
        if (!line.isEmpty())
            order.push_back(line.toLongLong());
    return order;
}

std::shared_ptr<const SortIndex> sortOf(const TraceSource& source, const QString& keys,
                                        const SortIndexOptions& options = {}) {
    std::unique_ptr<SortIndex> index;
    if (buildSortIndex(source, parseEnsembleKeys(keys), index, {}, options) !=
            LoadStatus::Completed ||
        !index)
        qFatal("the sort of %s did not complete", qPrintable(source.path()));
    return index;
}

SortIndexOptions cached(const QString& dir, qint64 bound = qint64(64) << 20) {
    SortIndexOptions o;
    o.useCache = true;
    o.cacheDir = dir;
    o.cacheMaxBytes = bound;
    return o;
}

bool sameSort(const SortIndex& a, const SortIndex& b) {
    if (a.gatherCount() != b.gatherCount() || a.traceCount() != b.traceCount())
        return false;
    for (qint64 g = 0; g < a.gatherCount(); ++g)
        if (!(a.gather(g) == b.gather(g)))
            return false;
    return std::equal(a.order().begin(), a.order().end(), b.order().begin(), b.order().end());
}

} // namespace

class TestSortedSource : public QObject {
    Q_OBJECT

private slots:
    void readsAreTheFilesInSortedOrder();
    void ensemblesAreTheGathers();
    void refusesAnotherFilesSort();
    void cacheRoundTrip();
    void cacheRejectsDamagedOrStaleEntries();
    void cacheBounds();
    void entryParserRefusesAnythingElse();
};

// Windows (whole, a sample range, decimated), header columns and trace headers of the view hold
// at position p what the file holds at trace order[p], numpy's order.
void TestSortedSource::readsAreTheFilesInSortedOrder() {
    const auto file = openSource(sortData(QStringLiteral("random.sgy")));
    const std::vector<qint64> order = expectedOrder(QStringLiteral("random.cdp_offset.order"));
    const SortedSource view(file, sortOf(*file, QStringLiteral("cdp,offset")));
    QCOMPARE(view.traceCount(), file->traceCount());
    QCOMPARE(view.sampleCount(), file->sampleCount());
    QCOMPARE(view.path(), file->path());
    QVERIFY(view.identity().startsWith(file->identity()));
    QVERIFY(view.identity() != file->identity());
    for (qint64 p = 0; p < view.traceCount(); p += 97) {
        QCOMPARE(view.fileTrace(p), order[std::size_t(p)]);
        QCOMPARE(fileTraceOf(view, p), order[std::size_t(p)]);
        QCOMPARE(fileTraceOf(*file, p), p);
    }
    QVERIFY_THROWS_EXCEPTION(ArgumentError, view.fileTrace(view.traceCount()));

    const qint64 ns = file->sampleCount();
    const auto expect = [&](TraceRange traces, SampleRange samples, qint64 factor) {
        const qint64 rows = TraceSource::decimatedCount(samples.count(), factor);
        std::vector<float> want(std::size_t(traces.count() * rows));
        for (qint64 p = traces.begin; p < traces.end; ++p) {
            const qint64 t = order[std::size_t(p)];
            file->readWindowDecimated({t, t + 1}, samples, factor,
                                      want.data() + (p - traces.begin) * rows);
        }
        return want;
    };
    for (const TraceRange traces :
         {TraceRange{0, 5000}, TraceRange{1234, 1300}, TraceRange{4999, 5000}}) {
        std::vector<float> got(std::size_t(traces.count() * ns));
        view.readWindow(traces, {0, ns}, got.data());
        QCOMPARE(got, expect(traces, {0, ns}, 1));
        got.assign(std::size_t(traces.count() * 5), 0);
        view.readWindow(traces, {3, 8}, got.data());
        QCOMPARE(got, expect(traces, {3, 8}, 1));
        got.assign(std::size_t(traces.count() * 4), 0);
        view.readWindowDecimated(traces, {1, ns}, 3, got.data());
        QCOMPARE(got, expect(traces, {1, ns}, 3));

        const auto fields = parseEnsembleKeys(QStringLiteral("cdp,offset"));
        std::vector<qint64> cdp(std::size_t(traces.count())), offset(cdp.size());
        const std::array<qint64*, 2> out{cdp.data(), offset.data()};
        view.readHeaderColumns(fields, traces, out);
        std::vector<std::byte> headers(std::size_t(traces.count() * kTraceHeaderBytes));
        view.readTraceHeaders(traces, headers.data());
        for (qint64 p = traces.begin; p < traces.end; ++p) {
            const qint64 t = order[std::size_t(p)];
            qint64 c = 0, o = 0;
            const std::array<qint64*, 2> one{&c, &o};
            file->readHeaderColumns(fields, {t, t + 1}, one);
            QCOMPARE(cdp[std::size_t(p - traces.begin)], c);
            QCOMPARE(offset[std::size_t(p - traces.begin)], o);
            std::vector<std::byte> h(kTraceHeaderBytes);
            file->readTraceHeaders({t, t + 1}, h.data());
            QVERIFY(std::equal(h.begin(), h.end(),
                               headers.begin() + (p - traces.begin) * kTraceHeaderBytes));
        }
    }
    // Ranges out of bounds are the file's errors.
    std::vector<float> none(static_cast<std::size_t>(ns));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, view.readWindow({5000, 5001}, {0, ns}, none.data()));
}

// sortedEnsembles: ensemble g is gather g's positions with its K1, and the index is complete.
void TestSortedSource::ensemblesAreTheGathers() {
    const auto file = openSource(sortData(QStringLiteral("shot.sgy")));
    const auto index = sortOf(*file, QStringLiteral("cdp,offset"));
    const auto ensembles = sortedEnsembles(*index);
    QVERIFY(ensembles->isComplete());
    QCOMPARE(ensembles->count(), index->gatherCount());
    QCOMPARE(ensembles->keys().size(), std::size_t(1));
    QCOMPARE(ensembles->keys().front().name, QStringLiteral("cdp"));
    for (qint64 g = 0; g < index->gatherCount(); ++g) {
        const SortedGather s = index->gather(g);
        const Ensemble e = ensembles->ensemble(g);
        QCOMPARE(e.traces.begin, s.firstPosition);
        QCOMPARE(e.traces.count(), s.traceCount);
        QCOMPARE(e.keys[0], s.key);
    }
    // The first and last CDPs of the shot file hold one trace each.
    QCOMPARE(ensembles->ensemble(0).traces.count(), qint64(1));
    QCOMPARE(ensembles->ensemble(ensembles->count() - 1).traces.count(), qint64(1));
}

void TestSortedSource::refusesAnotherFilesSort() {
    const auto shot = openSource(sortData(QStringLiteral("shot.sgy")));
    const auto single = openSource(sortData(QStringLiteral("single.sgy")));
    const auto index = sortOf(*single, QStringLiteral("cdp"));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, SortedSource(shot, index));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, SortedSource(shot, nullptr));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, SortedSource(nullptr, index));
}

// A sort built with the cache on is stored; the next build of the same sort reads it back (the
// same order and gathers), another key set does not.
void TestSortedSource::cacheRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto file = openSource(sortData(QStringLiteral("random.sgy")));
    const auto plain = sortOf(*file, QStringLiteral("cdp,offset"));
    QVERIFY(!plain->fromCache());
    const QString entry =
        sortCachePath(*file, parseEnsembleKeys(QStringLiteral("cdp,offset")), dir.path());
    QVERIFY(!QFile::exists(entry));

    const auto first = sortOf(*file, QStringLiteral("cdp,offset"), cached(dir.path()));
    QVERIFY(!first->fromCache());
    QVERIFY(QFile::exists(entry));
    QVERIFY(entry !=
            ensembleCachePath(*file, parseEnsembleKeys(QStringLiteral("cdp,offset")), dir.path()));
    // 8 bytes per trace and 32 per gather, and a header.
    QVERIFY(QFileInfo(entry).size() > 5000 * 8 + first->gatherCount() * 32);
    const auto second = sortOf(*file, QStringLiteral("cdp,offset"), cached(dir.path()));
    QVERIFY(second->fromCache());
    QVERIFY(sameSort(*second, *plain));
    // The same fields under other names share the entry; other keys do not.
    const auto byBytes = sortOf(*file, QStringLiteral("21:i4,37:i4"), cached(dir.path()));
    QVERIFY(byBytes->fromCache());
    const auto other = sortOf(*file, QStringLiteral("offset"), cached(dir.path()));
    QVERIFY(!other->fromCache());
    QVERIFY(sameSort(*other, *sortOf(*file, QStringLiteral("offset"))));
}

// A damaged entry (a flipped byte, a cut one) or one of a file that changed since is not used:
// the sort runs again, gives numpy's order and replaces the entry.
void TestSortedSource::cacheRejectsDamagedOrStaleEntries() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("shot.sgy"));
    QVERIFY(QFile::copy(sortData(QStringLiteral("shot.sgy")), copy));
    const std::vector<qint64> order = expectedOrder(QStringLiteral("shot.cdp_offset.order"));
    const auto check = [&](const SortIndex& index) {
        return std::equal(index.order().begin(), index.order().end(), order.begin(), order.end());
    };
    const QString cache = dir.filePath(QStringLiteral("cache"));
    auto file = openSource(copy);
    QVERIFY(!sortOf(*file, QStringLiteral("cdp,offset"), cached(cache))->fromCache());
    const QString entry =
        sortCachePath(*file, parseEnsembleKeys(QStringLiteral("cdp,offset")), cache);
    QVERIFY(sortOf(*file, QStringLiteral("cdp,offset"), cached(cache))->fromCache());

    const auto damage = [&](qint64 at) {
        QFile f(entry);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QByteArray b = f.readAll();
        b[qsizetype(at >= 0 ? at : b.size() + at)] ^= 0x01;
        f.seek(0);
        f.write(b);
    };
    // A flipped bit in the gathers near the end (the checksum catches it).
    damage(-20 - 144 * 4);
    auto again = sortOf(*file, QStringLiteral("cdp,offset"), cached(cache));
    QVERIFY(!again->fromCache());
    QVERIFY(check(*again));
    QVERIFY(sortOf(*file, QStringLiteral("cdp,offset"), cached(cache))->fromCache());
    // A cut entry.
    {
        QFile f(entry);
        QVERIFY(f.resize(f.size() - 100));
    }
    again = sortOf(*file, QStringLiteral("cdp,offset"), cached(cache));
    QVERIFY(!again->fromCache());
    QVERIFY(check(*again));
    // The file changed (its modification time): its identity is another, so is its entry.
    {
        QFile f(copy);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(QDateTime::currentDateTime().addSecs(-3600),
                              QFileDevice::FileModificationTime));
    }
    file = openSource(copy);
    QVERIFY(!sortOf(*file, QStringLiteral("cdp,offset"), cached(cache))->fromCache());
    // ...and the old entry went with the pruning of that store.
    QVERIFY(!QFile::exists(entry));
}

// Bound 0 stores nothing and empties the directory; an entry larger than the bound is not stored.
void TestSortedSource::cacheBounds() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto file = openSource(sortData(QStringLiteral("random.sgy")));
    QVERIFY(!sortOf(*file, QStringLiteral("cdp"), cached(dir.path()))->fromCache());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 1);
    QVERIFY(!sortOf(*file, QStringLiteral("offset"), cached(dir.path(), 0))->fromCache());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    // 5000 traces need 40 KB: a bound of 16 KB keeps nothing.
    QVERIFY(!sortOf(*file, QStringLiteral("cdp"), cached(dir.path(), 16384))->fromCache());
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 0);
    QVERIFY(!sortOf(*file, QStringLiteral("cdp"), cached(dir.path(), 16384))->fromCache());
}

// The entry parser takes the entry it was given and nothing else: every cut, every flipped byte,
// another identity, other keys or trace count, and entries with a right checksum but an order
// that is no permutation or gathers out of order.
void TestSortedSource::entryParserRefusesAnythingElse() {
    const auto file = openSource(sortData(QStringLiteral("shot.sgy")));
    const auto keys = parseEnsembleKeys(QStringLiteral("cdp,offset"));
    const auto index = sortOf(*file, QStringLiteral("cdp,offset"));
    const QString id = file->identity();
    const QByteArray entry = detail::encodeSortCacheEntry(*index, id, file->path());
    QVERIFY(!entry.isEmpty());
    const auto parse = [&](const QByteArray& b, const QString& identity = {},
                           const std::vector<HeaderField>& k = {}, qint64 n = 144) {
        return detail::parseSortCacheEntry(
            {reinterpret_cast<const std::byte*>(b.constData()), std::size_t(b.size())},
            identity.isEmpty() ? id : identity, k.empty() ? keys : k, n);
    };
    const auto parsed = parse(entry);
    QVERIFY(parsed);
    QVERIFY(std::equal(parsed->order.begin(), parsed->order.end(), index->order().begin(),
                       index->order().end()));
    QCOMPARE(qint64(parsed->gathers.size()), index->gatherCount() * 4);
    QVERIFY(entry.size() <= detail::maxSortEntryBytes(id.toUtf8().size(), 2, 144));
    for (qsizetype n = 0; n < entry.size(); ++n)
        QVERIFY(!parse(entry.left(n)));
    for (qsizetype i = 0; i < entry.size(); ++i) {
        QByteArray b = entry;
        b[i] = char(b[i] ^ 0x20);
        QVERIFY2(!parse(b), qPrintable(QString::number(i)));
    }
    QVERIFY(!parse(entry, id + QLatin1Char('x')));
    QVERIFY(!parse(entry, {}, parseEnsembleKeys(QStringLiteral("cdp"))));
    QVERIFY(!parse(entry, {}, parseEnsembleKeys(QStringLiteral("cdp,fldr"))));
    QVERIFY(!parse(entry, {}, {}, 145));
    // The checksum made right again after a change the structure must catch.
    const qsizetype body = entry.size() - 20;
    const qsizetype orderAt = body - index->gatherCount() * 32 - 144 * 8;
    const auto resign = [&](QByteArray b) {
        b.truncate(body);
        b.append(QCryptographicHash::hash(b, QCryptographicHash::Sha1));
        return b;
    };
    QVERIFY(parse(resign(entry))); // the offsets above are right
    const auto setQint = [](QByteArray& b, qsizetype at, qint64 v) {
        std::memcpy(b.data() + at, &v, 8); // little-endian, as the entry (x86 and arm64 here)
    };
    QByteArray dup = entry;
    setQint(dup, orderAt + 8, index->order()[0]); // a trace twice, another missing
    QVERIFY(!parse(resign(dup)));
    QByteArray out = entry;
    setQint(out, orderAt, 144); // beyond the traces
    QVERIFY(!parse(resign(out)));
    QByteArray swapped = entry; // gathers 0 and 1 swapped: keys and positions descending
    swapped.replace(body - index->gatherCount() * 32, 64,
                    entry.mid(body - index->gatherCount() * 32 + 32, 32) +
                        entry.mid(body - index->gatherCount() * 32, 32));
    QVERIFY(!parse(resign(swapped)));
}

QTEST_MAIN(TestSortedSource)
#include "tst_sortedsource.moc"
