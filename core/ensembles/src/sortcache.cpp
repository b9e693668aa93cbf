#include "sortcache.h"

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

void appendRaw(QByteArray& b, const void* p, qint64 n) {
    b.append(static_cast<const char*>(p), n);
}

template <class T> void appendNum(QByteArray& b, T v) {
    const T le = qToLittleEndian(v);
    appendRaw(b, &le, sizeof le);
}

void appendText(QByteArray& b, const QByteArray& s) {
    appendNum<quint32>(b, static_cast<quint32>(s.size()));
    b.append(s);
}

void appendArray(QByteArray& b, std::span<const qint64> v) {
    if constexpr (std::endian::native == std::endian::little)
        appendRaw(b, v.data(), qint64(v.size()) * 8);
    else
        for (qint64 x : v)
            appendNum<qint64>(b, x);
}

// Bounds-checked reading of untrusted bytes.
class Reader {
public:
    explicit Reader(std::span<const std::byte> bytes)
        : m_p(bytes.data())
        , m_left(qint64(bytes.size())) {}
    qint64 left() const { return m_left; }
    bool raw(void* dst, qint64 n) {
        if (n < 0 || n > m_left)
            return false;
        if (n > 0)
            std::memcpy(dst, m_p, static_cast<std::size_t>(n));
        m_p += n;
        m_left -= n;
        return true;
    }
    template <class T> bool num(T& v) {
        T le;
        if (!raw(&le, sizeof le))
            return false;
        v = qFromLittleEndian(le);
        return true;
    }
    bool text(QByteArray& s, quint32 max) {
        quint32 n = 0;
        if (!num(n) || n > max || qint64(n) > m_left)
            return false;
        s = QByteArray(reinterpret_cast<const char*>(m_p), n);
        m_p += n;
        m_left -= n;
        return true;
    }
    bool array(std::vector<qint64>& v, qint64 count) {
        if (count < 0 || count > m_left / 8)
            return false;
        v.resize(static_cast<std::size_t>(count));
        if (!raw(v.data(), count * 8))
            return false;
        if constexpr (std::endian::native != std::endian::little)
            for (auto& x : v)
                x = qFromLittleEndian(x);
        return true;
    }

private:
    const std::byte* m_p;
    qint64 m_left;
};

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
    QByteArray b;
    b.reserve(256 + path.size() + id.size() + n * 8 + g * 32 + kDigestBytes);
    appendRaw(b, kMagic, sizeof kMagic);
    appendNum<quint32>(b, kVersion);
    appendText(b, path);
    appendNum<qint64>(b, source.size);
    appendNum<qint64>(b, source.mtimeNs);
    appendText(b, id);
    appendNum<quint32>(b, static_cast<quint32>(index.keys().size()));
    for (const HeaderField& k : index.keys()) {
        appendNum<qint32>(b, k.byte.position);
        appendText(b, fieldTypeName(k.type).toLatin1().left(kMaxTypeName));
    }
    appendNum<qint64>(b, n);
    appendNum<qint64>(b, g);
    appendArray(b, index.order());
    for (qint64 i = 0; i < g; ++i) {
        const SortedGather s = index.gather(i);
        const qint64 row[4] = {s.key, s.firstPosition, s.firstKey2, s.lastKey2};
        appendArray(b, row);
    }
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
        Reader r(bytes.first(static_cast<std::size_t>(body)));
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
