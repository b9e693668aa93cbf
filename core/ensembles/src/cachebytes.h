// Bounded, little-endian byte encoding of the on-disk index caches (ensemble and sort entries):
// a Writer appends, a Reader reads untrusted bytes and fails (returns false) instead of running
// past the end. Private to core/ensembles. Threads: plain values, one thread each.
#pragma once

#include <QByteArray>
#include <QtEndian>
#include <QtGlobal>
#include <bit>
#include <cstddef>
#include <cstring>
#include <span>
#include <vector>

namespace seis::detail {

class CacheWriter {
public:
    explicit CacheWriter(qint64 reserve) { m_bytes.reserve(reserve); }
    void raw(const void* p, qint64 n) { m_bytes.append(static_cast<const char*>(p), n); }
    template <class T> void num(T v) {
        const T le = qToLittleEndian(v);
        raw(&le, sizeof le);
    }
    void text(const QByteArray& s) {
        num<quint32>(static_cast<quint32>(s.size()));
        m_bytes.append(s);
    }
    void array(std::span<const qint64> v) {
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

class CacheReader {
public:
    explicit CacheReader(std::span<const std::byte> bytes)
        : m_p(bytes.data())
        , m_left(static_cast<qint64>(bytes.size())) {}
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
    bool skip(qint64 n) {
        if (n < 0 || n > m_left)
            return false;
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
    // A string of at most `max` bytes.
    bool text(QByteArray& s, quint32 max) {
        quint32 n = 0;
        if (!num(n) || n > max || n > m_left)
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

} // namespace seis::detail
