#include "sortcache.h"

#include "cachebytes.h"
#include "ensemblecache.h"

#include <QCryptographicHash>
#include <QDir>

#include <QtEndian>
#include <bit>
#include <cstring>

namespace seis {

namespace detail {

namespace {

const QByteArray kIdentityTag = QByteArrayLiteral("sort\n");

} // namespace

QByteArray encodeSortCacheEntry(const SortIndex& index, const QString& identity,
                                const QString& sourcePath) {
    const QByteArray id = kIdentityTag + identity.toUtf8();
    EnsembleCacheSource source;
    if (!sourcePath.isEmpty())
        if (const auto s = statSource(sourcePath))
            source = *s;
    const QByteArray path = source.path.toUtf8();
    if (path.size() > qsizetype(kMaxSourcePath) || id.size() > qsizetype(kMaxIdentity))
        return {};
    const qint64 n = index.traceCount();
    const qint64 g = index.gatherCount();
    CacheWriter w(256 + path.size() + id.size() + n * 8 + g * 32 + kDigestBytes);
    w.raw(kMagic, sizeof kMagic);
    w.num<quint32>(kVersion);
    w.text(path);
    w.num<qint64>(source.size);
    w.num<qint64>(source.mtimeNs);
    w.text(id);
    w.num<quint32>(static_cast<quint32>(index.keys().size()));
    for (const HeaderField& k : index.keys()) {
        w.num<qint32>(k.byte.position);
        w.text(fieldTypeName(k.type).toLatin1().left(kMaxTypeName));
    }
    w.num<qint64>(n);
    w.num<qint64>(g);
    w.array(index.order());
    for (qint64 i = 0; i < g; ++i) {
        const SortedGather s = index.gather(i);
        const qint64 row[4] = {s.key, s.firstPosition, s.firstKey2, s.lastKey2};
        w.array(row);
    }
    QByteArray b = w.take();
    b.append(QCryptographicHash::hash(b, QCryptographicHash::Sha1));
    return b;
}

std::optional<SortCacheEntry> parseSortCacheEntry(std::span<const std::byte> bytes,
                                                  const QString& identity,
                                                  const std::vector<HeaderField>& keys,
                                                  qint64 traceCount) noexcept {
    try {
        if (keys.empty() || keys.size() > 2 || traceCount < 0)
            return std::nullopt;
        const qint64 size = qint64(bytes.size());
        if (size < qint64(sizeof kMagic) + kDigestBytes)
            return std::nullopt;
        const qint64 body = size - kDigestBytes;
        CacheReader r(bytes.first(static_cast<std::size_t>(body)));
        char magic[sizeof kMagic];
        quint32 version = 0;
        QByteArray path, id;
        qint64 srcSize = 0, srcTime = 0;
        if (!r.raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 ||
            !r.num(version) || version != kVersion || !r.text(path, kMaxSourcePath) ||
            !r.num(srcSize) || !r.num(srcTime) || !r.text(id, kMaxIdentity) ||
            id != kIdentityTag + identity.toUtf8())
            return std::nullopt;
        quint32 keyCount = 0;
        if (!r.num(keyCount) || keyCount != keys.size())
            return std::nullopt;
        for (const HeaderField& k : keys) {
            qint32 byte = 0;
            QByteArray type;
            if (!r.num(byte) || !r.text(type, kMaxTypeName) || byte != k.byte.position ||
                parseFieldType(QString::fromLatin1(type)) != k.type)
                return std::nullopt;
        }
        qint64 n = 0, g = 0;
        if (!r.num(n) || !r.num(g) || n != traceCount || g < 0 || g > n || (n > 0) != (g > 0))
            return std::nullopt;
        if (r.left() != n * 8 + g * 32)
            return std::nullopt;
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
        const QByteArray digest = QCryptographicHash::hash(
            QByteArrayView(reinterpret_cast<const char*>(bytes.data()), body),
            QCryptographicHash::Sha1);
        if (std::memcmp(digest.constData(), bytes.data() + body, kDigestBytes) != 0)
            return std::nullopt;
#endif
        SortCacheEntry entry;
        if (!r.array(entry.order, n) || !r.array(entry.gathers, g * 4))
            return std::nullopt;
        std::vector<bool> seen(static_cast<std::size_t>(n));
        for (qint64 t : entry.order) {
            if (t < 0 || t >= n || seen[std::size_t(t)])
                return std::nullopt;
            seen[std::size_t(t)] = true;
        }
        for (qint64 i = 0; i < g; ++i) {
            const qint64* row = entry.gathers.data() + i * 4;
            if (i == 0 ? row[1] != 0 : (row[1] <= row[-3] || row[0] <= row[-4]) || row[1] >= n)
                return std::nullopt;
        }
        return entry;
    } catch (...) {
        return std::nullopt;
    }
}

qint64 maxSortEntryBytes(qint64 identityBytes, std::size_t keyCount, qint64 traceCount) {
    return 8 + 4 + 4 + kMaxSourcePath + 16 + 4 + qint64(kIdentityTag.size()) + identityBytes + 4 +
           qint64(keyCount) * (4 + 4 + kMaxTypeName) + 16 + traceCount * (8 + 32) + kDigestBytes;
}

} // namespace detail

QString sortCachePath(const TraceSource& source, const std::vector<HeaderField>& keys,
                      const QString& cacheDir) {
    const QString identity = source.identity();
    if (identity.isEmpty())
        return {};
    const QString dir = cacheDir.isEmpty() ? ensembleCacheDirectory() : cacheDir;
    if (dir.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(detail::kIdentityTag);
    hash.addData(identity.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(detail::keySpec(keys).toUtf8());
    // The ensemble entries' name pattern, so that pruning counts and evicts sort entries too.
    return QDir(dir).filePath(QString::fromLatin1(hash.result().toHex()) +
                              QStringLiteral(".ensidx"));
}

} // namespace seis
