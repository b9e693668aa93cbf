// The ensemble index cache: its file format and where and how entries are stored (internal).
//
// Threads: everything here may be called from any thread.
#pragma once

#include "seis/ensembleindex.h"

#include <QByteArray>
#include <QString>
#include <QtEndian>

#include <bit>
#include <cstring>
#include <memory>
#include <vector>

namespace seis::detail {

// Cache file layout, all integers little-endian:
//   magic "SVENSIDX" (8 bytes), u32 version,
//   u32 identity length + identity (UTF-8),
//   u32 key count, per key: i32 byte, u32 type-name length + type name ("i4"),
//                           u32 name length + name (UTF-8; informative only),
//   i64 trace count, i64 ensemble count,
//   i64 first trace[count], i64 key 0[count], (i64 key 1[count] with two keys),
//   SHA-1 (20 bytes) of everything before it.
// The checksum catches what the structural checks cannot (a flipped bit in a key value); the
// version changes whenever the layout does, so an old entry is rejected and rewritten.
constexpr char kMagic[8] = {'S', 'V', 'E', 'N', 'S', 'I', 'D', 'X'};
constexpr quint32 kVersion = 1;
constexpr qint64 kDigestBytes = 20;
// Bounds for the variable-length strings: far beyond anything real, small enough that a corrupt
// length can never make the reader allocate much.
constexpr quint32 kMaxText = 1 << 20;

// The part of a key that decides what is read: the same field asked for by different names
// ("fldr", "FieldRecord", "9:i4") shares one cache entry.
QString keySpec(const std::vector<HeaderField>& keys);

class Writer {
public:
    explicit Writer(qint64 reserve) { m_bytes.reserve(reserve); }
    void raw(const void* p, qint64 n) { m_bytes.append(static_cast<const char*>(p), n); }
    template <class T> void num(T v) {
        const T le = qToLittleEndian(v);
        raw(&le, sizeof le);
    }
    void text(const QByteArray& s) {
        num<quint32>(static_cast<quint32>(s.size()));
        m_bytes.append(s);
    }
    void array(const std::vector<qint64>& v) {
        if constexpr (std::endian::native == std::endian::little) {
            raw(v.data(), static_cast<qint64>(v.size() * sizeof(qint64)));
        } else {
            for (qint64 x : v)
                num<qint64>(x);
        }
    }
    QByteArray take() { return std::move(m_bytes); }

private:
    QByteArray m_bytes;
};

// Bounds-checked reading of untrusted bytes: every read fails (returns false) instead of running
// past the end.
class Reader {
public:
    Reader(const char* p, qint64 n)
        : m_p(p)
        , m_left(n) {}
    qint64 left() const { return m_left; }
    bool raw(void* dst, qint64 n) {
        if (n < 0 || n > m_left)
            return false;
        if (n > 0) // an empty array's data() may be null, which memcpy must not get
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
    bool text(QByteArray& s) {
        quint32 n = 0;
        if (!num(n) || n > kMaxText || n > m_left)
            return false;
        s = QByteArray(m_p, n);
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
    const char* m_p;
    qint64 m_left;
};

// bigger is not read at all.
inline qint64 maxCacheBytes(qint64 traceCount, std::size_t keys) {
    return 4 * qint64(kMaxText) + 4096 + (traceCount + 1) * 8 * qint64(1 + keys) + kDigestBytes;
}

// The index stored at `path` if it is a valid entry for `identity`, `keys` and `traceCount`;
// nullptr (with a warning for a bad entry) otherwise.
std::unique_ptr<EnsembleIndex> loadCached(const QString& path, const QString& identity,
                                          const std::vector<HeaderField>& keys, qint64 traceCount);
// A cache that cannot be written costs the next open a scan, nothing more.
void storeCached(const QString& path, const QByteArray& bytes);

} // namespace seis::detail
