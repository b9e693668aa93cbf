#include "ensemblecache.h"

#include "cachebytes.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QtEndian>

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <limits>

namespace seis {

namespace detail {

namespace {

// Debug and info are off unless enabled (QT_LOGGING_RULES): the CLI keeps stderr for errors.
Q_LOGGING_CATEGORY(lcEnsembles, "seis.ensembles", QtWarningMsg)

constexpr char kEntrySuffix[] = ".ensidx";
constexpr char kTempInfix[] = ".ensidx.tmp-";
// A writer takes well under a second; a temporary older than this was left by one that died.
constexpr time_t kStaleTempSeconds = 3600;

// The header up to and including the source; false if it is not one of this version.
bool readSource(CacheReader& r, EnsembleCacheSource& source) {
    char magic[sizeof kMagic];
    quint32 version = 0;
    if (!r.raw(magic, sizeof magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0 ||
        !r.num(version) || version != kVersion)
        return false;
    QByteArray path;
    if (!r.text(path, kMaxSourcePath) || !r.num(source.size) || !r.num(source.mtimeNs))
        return false;
    source.path = QString::fromUtf8(path);
    return true;
}

bool isHex(const char* p, std::size_t n) {
    return std::all_of(p, p + n,
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// "<40 hex digits>.ensidx"
bool isEntryName(const char* name) {
    const std::size_t n = std::strlen(name);
    return n == 40 + sizeof kEntrySuffix - 1 && isHex(name, 40) &&
           std::strcmp(name + 40, kEntrySuffix) == 0;
}

// ".<40 hex digits>.ensidx.tmp-XXXXXX"
bool isTempName(const char* name) {
    const std::size_t n = std::strlen(name);
    const std::size_t infix = sizeof kTempInfix - 1;
    return n == 1 + 40 + infix + 6 && name[0] == '.' && isHex(name + 1, 40) &&
           std::strncmp(name + 41, kTempInfix, infix) == 0;
}

qint64 nsOf(const struct timespec& t) {
    return qint64(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

QString errnoText(int error) {
    return QString::fromLocal8Bit(std::strerror(error));
}

// Opens `name` (relative to `dirFd`, or a path with AT_FDCWD) for reading as a regular file
// only; -1 with `why` set otherwise (empty if there is no such file). `size` is its size.
int openRegular(int dirFd, const char* name, qint64& size, QString& why) {
    const int fd = ::openat(dirFd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        const int e = errno;
        why = e == ENOENT  ? QString()
              : e == ELOOP ? QStringLiteral("it is a symbolic link")
                           : errnoText(e);
        return -1;
    }
    struct stat st;
    if (::fstat(fd, &st) != 0) {
        why = errnoText(errno);
        ::close(fd);
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        why = QStringLiteral("it is not a regular file");
        ::close(fd);
        return -1;
    }
    size = st.st_size;
    return fd;
}

// Reads up to `n` bytes from the start of `fd`; the bytes read (fewer at end of file).
std::optional<QByteArray> readPrefix(int fd, qint64 n) {
    QByteArray bytes(static_cast<qsizetype>(n), Qt::Uninitialized);
    qint64 got = 0;
    while (got < n) {
        const ssize_t r = ::pread(fd, bytes.data() + got, static_cast<std::size_t>(n - got), got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return std::nullopt;
        if (r == 0)
            break;
        got += r;
    }
    bytes.truncate(static_cast<qsizetype>(got));
    return bytes;
}

bool writeFully(int fd, const char* p, qint64 n) {
    while (n > 0) {
        const ssize_t w = ::write(fd, p, static_cast<std::size_t>(std::min<qint64>(n, 1 << 30)));
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= w;
    }
    return true;
}

std::span<const std::byte> spanOf(const QByteArray& b) {
    return {reinterpret_cast<const std::byte*>(b.constData()), static_cast<std::size_t>(b.size())};
}

} // namespace

QString keySpec(const std::vector<HeaderField>& keys) {
    QStringList parts;
    for (const auto& k : keys)
        parts << QStringLiteral("%1:%2").arg(k.byte.position).arg(fieldTypeName(k.type));
    return parts.join(QLatin1Char(','));
}

// ---- format -------------------------------------------------------------------------------------

QByteArray encodeEnsembleCacheEntry(const EnsembleCacheSource& source, const EnsembleCacheKey& key,
                                    std::span<const qint64> first, std::span<const qint64> key0,
                                    std::span<const qint64> key1) {
    const QByteArray path = source.path.toUtf8();
    if (path.size() > qsizetype(kMaxSourcePath) || key.identity.size() > qsizetype(kMaxIdentity))
        return {};
    const auto n = static_cast<qint64>(first.size());
    CacheWriter w(256 + path.size() + key.identity.size() + n * 8 * qint64(1 + key.keys.size()) +
                  kDigestBytes);
    w.raw(kMagic, sizeof kMagic);
    w.num<quint32>(kVersion);
    w.text(path);
    w.num<qint64>(source.size);
    w.num<qint64>(source.mtimeNs);
    w.text(key.identity);
    w.num<quint32>(static_cast<quint32>(key.keys.size()));
    for (const auto& k : key.keys) {
        w.num<qint32>(k.byte.position);
        w.text(fieldTypeName(k.type).toLatin1().left(kMaxTypeName));
        w.text(k.name.toUtf8().left(kMaxKeyName)); // informative only: may be cut
    }
    w.num<qint64>(key.traceCount);
    w.num<qint64>(n);
    w.array(first);
    w.array(key0);
    if (key.keys.size() == 2)
        w.array(key1);
    QByteArray bytes = w.take();
    bytes.append(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1));
    return bytes;
}

std::optional<EnsembleCacheEntry>
parseEnsembleCacheEntry(std::span<const std::byte> bytes,
                        const EnsembleCacheKey& expected) noexcept {
    // Every length is checked against what is left before anything is allocated, and allocation
    // failure is caught too.
    try {
        const auto& keys = expected.keys;
        const qint64 traceCount = expected.traceCount;
        if (keys.empty() || keys.size() > 2 || traceCount < 0)
            return std::nullopt;
        const auto size = static_cast<qint64>(bytes.size());
        if (size < qint64(sizeof kMagic) + kDigestBytes)
            return std::nullopt;
        const qint64 body = size - kDigestBytes;
        CacheReader r(bytes.first(static_cast<std::size_t>(body)));
        EnsembleCacheEntry entry;
        if (!readSource(r, entry.source))
            return std::nullopt;
        QByteArray storedIdentity;
        if (!r.text(storedIdentity, kMaxIdentity) || storedIdentity != expected.identity)
            return std::nullopt;
        quint32 keyCount = 0;
        if (!r.num(keyCount) || keyCount != keys.size())
            return std::nullopt;
        for (const auto& k : keys) {
            qint32 byte = 0;
            QByteArray type, name;
            if (!r.num(byte) || !r.text(type, kMaxTypeName) || !r.text(name, kMaxKeyName))
                return std::nullopt;
            if (byte != k.byte.position || parseFieldType(QString::fromLatin1(type)) != k.type)
                return std::nullopt;
        }
        qint64 storedTraces = 0, count = 0;
        if (!r.num(storedTraces) || !r.num(count) || storedTraces != traceCount)
            return std::nullopt;
        // Every trace is in exactly one ensemble: none when there are no traces, otherwise
        // between one and one per trace; the arrays fill the rest of the entry exactly.
        if (count < 0 || count > traceCount || (traceCount > 0) != (count > 0))
            return std::nullopt;
        const qint64 arrays = qint64(1 + keys.size());
        if (r.left() / 8 / arrays != count || r.left() != count * 8 * arrays)
            return std::nullopt;
#ifndef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
        const QByteArray digest = QCryptographicHash::hash(
            QByteArrayView(reinterpret_cast<const char*>(bytes.data()), body),
            QCryptographicHash::Sha1);
        if (std::memcmp(digest.constData(), bytes.data() + body, kDigestBytes) != 0)
            return std::nullopt;
#endif
        const bool two = keys.size() == 2;
        if (!r.array(entry.first, count) || !r.array(entry.key0, count) ||
            (two && !r.array(entry.key1, count)))
            return std::nullopt;
        if (count > 0 && entry.first[0] != 0)
            return std::nullopt;
        for (std::size_t i = 1; i < static_cast<std::size_t>(count); ++i) {
            if (entry.first[i] <= entry.first[i - 1] || entry.first[i] >= traceCount)
                return std::nullopt;
            // Neighbours with equal keys would have been one run.
            if (entry.key0[i] == entry.key0[i - 1] && (!two || entry.key1[i] == entry.key1[i - 1]))
                return std::nullopt;
        }
        return entry;
    } catch (...) {
        return std::nullopt;
    }
}

std::optional<EnsembleCacheSource>
parseEnsembleCacheSource(std::span<const std::byte> prefix) noexcept {
    try {
        CacheReader r(prefix);
        EnsembleCacheSource source;
        if (!readSource(r, source))
            return std::nullopt;
        return source;
    } catch (...) {
        return std::nullopt;
    }
}

qint64 maxEntryBytes(qint64 identityBytes, std::size_t keyCount, qint64 traceCount) {
    const qint64 header = kSourcePrefixBytes + 4 + std::max<qint64>(0, identityBytes) + 4 +
                          qint64(keyCount) * (4 + 4 + kMaxTypeName + 4 + kMaxKeyName) + 16 +
                          kDigestBytes;
    const qint64 perTrace = 8 * qint64(1 + keyCount);
    const qint64 traces = std::max<qint64>(0, traceCount);
    if (traces > (std::numeric_limits<qint64>::max() - header) / perTrace)
        return std::numeric_limits<qint64>::max();
    return header + traces * perTrace;
}

std::optional<EnsembleCacheSource> statSource(const QString& path) {
    if (path.isEmpty())
        return std::nullopt;
    const QString absolute = QFileInfo(path).absoluteFilePath();
    struct stat st;
    if (::stat(QFile::encodeName(absolute).constData(), &st) != 0)
        return std::nullopt;
    return EnsembleCacheSource{absolute, qint64(st.st_size), nsOf(st.st_mtim)};
}

// ---- on disk ------------------------------------------------------------------------------------

std::optional<QByteArray> readEntryFile(const QString& path, qint64 maxBytes) {
    qint64 size = 0;
    QString why;
    const int fd = openRegular(AT_FDCWD, QFile::encodeName(path).constData(), size, why);
    if (fd < 0) {
        if (!why.isEmpty())
            qCWarning(lcEnsembles, "ignoring the ensemble cache %s: %s", qPrintable(path),
                      qPrintable(why));
        return std::nullopt;
    }
    std::optional<QByteArray> bytes;
    if (size > maxBytes) {
        qCWarning(lcEnsembles,
                  "ignoring the ensemble cache %s: %lld bytes is too large (an entry for this "
                  "file is at most %lld bytes)",
                  qPrintable(path), static_cast<long long>(size), static_cast<long long>(maxBytes));
    } else {
        try {
            bytes = readPrefix(fd, size);
        } catch (const std::bad_alloc&) {
        }
        if (!bytes)
            qCWarning(lcEnsembles, "ignoring the ensemble cache %s: cannot read %lld bytes",
                      qPrintable(path), static_cast<long long>(size));
    }
    ::close(fd);
    return bytes;
}

void touchEntryFile(const QString& path) {
    const struct timespec times[2] = {{0, UTIME_OMIT}, {0, UTIME_NOW}};
    ::utimensat(AT_FDCWD, QFile::encodeName(path).constData(), times, AT_SYMLINK_NOFOLLOW);
}

bool writeEntryFile(const QString& path, const QByteArray& bytes) {
    const QFileInfo info(path);
    const QString dir = info.absolutePath();
    if (!QDir().mkpath(dir)) {
        qCWarning(lcEnsembles, "cannot create the ensemble cache directory %s", qPrintable(dir));
        return false;
    }
    QByteArray temp = QFile::encodeName(dir + QLatin1String("/.") + info.completeBaseName() +
                                        QLatin1String(kTempInfix) + QLatin1String("XXXXXX"));
    const int fd = ::mkostemp(temp.data(), O_CLOEXEC);
    if (fd < 0) {
        qCWarning(lcEnsembles, "cannot write the ensemble cache %s: %s", qPrintable(path),
                  qPrintable(errnoText(errno)));
        return false;
    }
    // Every step checked: a full disk fails the write or the fsync, and then nothing is renamed.
    bool ok = writeFully(fd, bytes.constData(), bytes.size()) && ::fsync(fd) == 0;
    int error = ok ? 0 : errno;
    if (::close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (ok && ::rename(temp.constData(), QFile::encodeName(path).constData()) != 0) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        ::unlink(temp.constData());
        qCWarning(lcEnsembles, "cannot write the ensemble cache %s: %s", qPrintable(path),
                  qPrintable(errnoText(error ? error : EIO)));
    }
    return ok;
}

void pruneEnsembleCache(const QString& dir, const QString& keep, qint64 maxBytes) {
    const int dirFd =
        ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dirFd < 0)
        return;
    DIR* listing = ::fdopendir(dirFd);
    if (!listing) {
        ::close(dirFd);
        return;
    }
    const QByteArray keepName = QFile::encodeName(keep);
    const time_t now = ::time(nullptr);
    struct Kept {
        qint64 usedNs;
        qint64 bytes;
        std::string name;
    };
    std::vector<Kept> kept;
    qint64 total = 0;
    auto drop = [&](const char* name, const char* why) {
        if (::unlinkat(dirFd, name, 0) == 0)
            qCDebug(lcEnsembles, "removed the ensemble cache entry %s/%s: %s", qPrintable(dir),
                    name, why);
    };
    while (const dirent* e = ::readdir(listing)) {
        const char* name = e->d_name;
        const bool entry = isEntryName(name);
        if (!entry && !isTempName(name))
            continue;
        struct stat st;
        if (::fstatat(dirFd, name, &st, AT_SYMLINK_NOFOLLOW) != 0 || S_ISDIR(st.st_mode))
            continue;
        if (!entry) {
            if (!S_ISREG(st.st_mode) || now - st.st_mtim.tv_sec > kStaleTempSeconds)
                drop(name, "a temporary left behind");
            continue;
        }
        if (!S_ISREG(st.st_mode)) {
            drop(name, "not a regular file"); // the link or node itself, never its target
            continue;
        }
        const qint64 bytes = countedEntryBytes(st.st_size);
        if (keepName == name) {
            total += bytes;
            continue;
        }
        qint64 size = 0;
        QString why;
        const int fd = openRegular(dirFd, name, size, why);
        if (fd < 0)
            continue; // replaced meanwhile: the next prune sees it
        std::optional<QByteArray> prefix;
        try {
            prefix = readPrefix(fd, std::min<qint64>(size, kSourcePrefixBytes));
        } catch (const std::bad_alloc&) {
        }
        ::close(fd);
        if (!prefix)
            continue;
        const auto source = parseEnsembleCacheSource(spanOf(*prefix));
        if (!source) {
            drop(name, "not an entry of this version");
            continue;
        }
        if (!source->path.isEmpty()) {
            struct stat current;
            if (::stat(QFile::encodeName(source->path).constData(), &current) != 0) {
                if (errno == ENOENT || errno == ENOTDIR) {
                    drop(name, "its file is gone");
                    continue;
                }
            } else if (qint64(current.st_size) != source->size ||
                       nsOf(current.st_mtim) != source->mtimeNs) {
                drop(name, "its file has changed");
                continue;
            }
        }
        kept.push_back(Kept{nsOf(st.st_mtim), bytes, name});
        total += bytes;
    }
    if (total > maxBytes) {
        std::sort(kept.begin(), kept.end(), [](const Kept& a, const Kept& b) {
            return a.usedNs != b.usedNs ? a.usedNs < b.usedNs : a.name < b.name;
        });
        for (const Kept& k : kept) {
            if (total <= maxBytes)
                break;
            drop(k.name.c_str(), "least recently used beyond the size bound");
            total -= k.bytes; // gone, or removed by another process meanwhile
        }
    }
    ::closedir(listing); // closes dirFd
}

std::unique_ptr<EnsembleIndex> loadCached(const QString& path, const QString& identity,
                                          const std::vector<HeaderField>& keys, qint64 traceCount) {
    const QByteArray id = identity.toUtf8();
    const auto bytes = readEntryFile(path, maxEntryBytes(id.size(), keys.size(), traceCount));
    if (!bytes)
        return nullptr;
    auto index = EnsembleIndex::deserialize(*bytes, identity, keys, traceCount);
    if (!index) {
        qCWarning(lcEnsembles, "ignoring the invalid ensemble cache %s; scanning again",
                  qPrintable(path));
        return nullptr;
    }
    touchEntryFile(path);
    return index;
}

void storeCached(const QString& path, const QByteArray& bytes, qint64 maxBytes) {
    if (bytes.isEmpty())
        return;
    if (countedEntryBytes(bytes.size()) > maxBytes) {
        qCInfo(lcEnsembles,
               "not caching the ensemble index %s: %lld bytes is more than the cache's bound of "
               "%lld bytes",
               qPrintable(path), static_cast<long long>(bytes.size()),
               static_cast<long long>(maxBytes));
        return;
    }
    try {
        if (writeEntryFile(path, bytes))
            pruneEnsembleCache(QFileInfo(path).absolutePath(), QFileInfo(path).fileName(),
                               maxBytes);
    } catch (const std::exception& e) { // out of memory: the cache stays optional
        qCWarning(lcEnsembles, "cannot store or prune the ensemble cache %s: %s", qPrintable(path),
                  e.what());
    }
}

} // namespace detail

QString ensembleCacheDirectory() {
    // Not QStandardPaths::CacheLocation: that depends on the organisation and application names,
    // which differ between the viewer and the command-line tool.
    QString base = qEnvironmentVariable("XDG_CACHE_HOME");
    if (base.isEmpty() || !QDir::isAbsolutePath(base)) { // the XDG spec ignores relative paths
        const QString home = QDir::homePath();
        if (home.isEmpty())
            return {};
        base = home + QStringLiteral("/.cache");
    }
    return QDir::cleanPath(base + QStringLiteral("/seisview/ensembles"));
}

QString ensembleCachePath(const TraceSource& source, const std::vector<HeaderField>& keys,
                          const QString& cacheDir) {
    const QString identity = source.identity();
    if (identity.isEmpty())
        return {};
    const QString dir = cacheDir.isEmpty() ? ensembleCacheDirectory() : cacheDir;
    if (dir.isEmpty())
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(identity.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(detail::keySpec(keys).toUtf8());
    return QDir(dir).filePath(QString::fromLatin1(hash.result().toHex()) +
                              QLatin1String(detail::kEntrySuffix));
}

} // namespace seis
