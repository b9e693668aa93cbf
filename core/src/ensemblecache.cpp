#include "ensemblecache.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QStandardPaths>

namespace seis {

namespace detail {

namespace {

Q_LOGGING_CATEGORY(lcEnsembles, "seis.ensembles")

} // namespace

QString keySpec(const std::vector<HeaderField>& keys) {
    QStringList parts;
    for (const auto& k : keys)
        parts << QStringLiteral("%1:%2").arg(k.byte.position).arg(fieldTypeName(k.type));
    return parts.join(QLatin1Char(','));
}

std::unique_ptr<EnsembleIndex> loadCached(const QString& path, const QString& identity,
                                          const std::vector<HeaderField>& keys, qint64 traceCount) {
    QFile file(path);
    if (!file.exists())
        return nullptr;
    if (!file.open(QIODevice::ReadOnly)) {
        qCWarning(lcEnsembles, "cannot read the ensemble cache %s: %s", qPrintable(path),
                  qPrintable(file.errorString()));
        return nullptr;
    }
    if (file.size() > maxCacheBytes(traceCount, keys.size())) {
        qCWarning(lcEnsembles, "ignoring the ensemble cache %s: %lld bytes is too large",
                  qPrintable(path), static_cast<long long>(file.size()));
        return nullptr;
    }
    auto index = EnsembleIndex::deserialize(file.readAll(), identity, keys, traceCount);
    if (!index)
        qCWarning(lcEnsembles, "ignoring the invalid ensemble cache %s; scanning again",
                  qPrintable(path));
    return index;
}

void storeCached(const QString& path, const QByteArray& bytes) {
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir)) {
        qCWarning(lcEnsembles, "cannot create the ensemble cache directory %s", qPrintable(dir));
        return;
    }
    // A temporary file renamed into place: a crash or a full disk never leaves a partial entry,
    // and concurrent writers of the same entry each rename a complete file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        qCWarning(lcEnsembles, "cannot write the ensemble cache %s: %s", qPrintable(path),
                  qPrintable(file.errorString()));
}
} // namespace detail

QString ensembleCachePath(const TraceSource& source, const std::vector<HeaderField>& keys,
                          const QString& cacheDir) {
    const QString identity = source.identity();
    if (identity.isEmpty())
        return {};
    QString dir = cacheDir;
    if (dir.isEmpty()) {
        const QString base = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
        if (base.isEmpty())
            return {};
        dir = base + QStringLiteral("/ensembles");
    }
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(identity.toUtf8());
    hash.addData(QByteArrayView("\n"));
    hash.addData(detail::keySpec(keys).toUtf8());
    return QDir(dir).filePath(QString::fromLatin1(hash.result().toHex()) +
                              QStringLiteral(".ensidx"));
}

} // namespace seis
