#include "conversionsettings.h"

#include "seis/base/error.h"

#include <QSettings>
#include <QThread>
#include <algorithm>

namespace seis::gui {

namespace {

const QString kGroup = QStringLiteral("conversion");
const QString kChunkTraces = QStringLiteral("chunkTraces");
const QString kChunkSamples = QStringLiteral("chunkSamples");
const QString kCodec = QStringLiteral("codec");
const QString kLevel = QStringLiteral("level");
const QString kShuffle = QStringLiteral("shuffle");

} // namespace

QStringList ConversionSettings::codecs() {
    return {QStringLiteral("zstd"), QStringLiteral("lz4"), QStringLiteral("blosclz"),
            QStringLiteral("zlib"), QStringLiteral("none")};
}

QString ConversionSettings::shuffleName(zarr::Shuffle shuffle) {
    switch (shuffle) {
    case zarr::Shuffle::None:
        return QStringLiteral("none");
    case zarr::Shuffle::Byte:
        return QStringLiteral("byte");
    case zarr::Shuffle::Bit:
        break;
    }
    return QStringLiteral("bit");
}

void ConversionSettings::validate() const {
    const QString where = QStringLiteral("Zarr conversion settings");
    if (chunkTraces < 0 || chunkTraces > kMaxChunk)
        throw ArgumentError(where, QStringLiteral("chunk of %1 traces; expected 0 (automatic) "
                                                  "to %2")
                                       .arg(chunkTraces)
                                       .arg(kMaxChunk));
    if (chunkSamples < 0 || chunkSamples > kMaxChunk)
        throw ArgumentError(where, QStringLiteral("chunk of %1 samples; expected 0 (whole "
                                                  "trace) to %2")
                                       .arg(chunkSamples)
                                       .arg(kMaxChunk));
    if (!codecs().contains(codec))
        throw ArgumentError(where, QStringLiteral("codec '%1'; expected one of %2")
                                       .arg(codec, codecs().join(QStringLiteral(", "))));
    if (level < 0 || level > 9)
        throw ArgumentError(where,
                            QStringLiteral("compression level %1; expected 0 to 9").arg(level));
}

zarr::ConvertOptions ConversionSettings::convertOptions() const {
    zarr::ConvertOptions options;
    options.store.chunkTraces = chunkTraces;
    options.store.chunkSamples = chunkSamples;
    options.store.cname = codec;
    options.store.level = level;
    options.store.shuffle = shuffle;
    // One core left to the GUI thread and the tile cache, so the viewer stays smooth while a
    // conversion runs (as for the whole-file statistics, fileclip.h).
    options.threads = std::max(1, QThread::idealThreadCount() - 1);
    return options;
}

ConversionSettings ConversionSettings::load(QSettings& settings) {
    ConversionSettings s;
    settings.beginGroup(kGroup);
    bool ok = false;
    if (const qint64 v = settings.value(kChunkTraces).toLongLong(&ok);
        ok && v >= 0 && v <= kMaxChunk)
        s.chunkTraces = v;
    if (const qint64 v = settings.value(kChunkSamples).toLongLong(&ok);
        ok && v >= 0 && v <= kMaxChunk)
        s.chunkSamples = v;
    if (const QString c = settings.value(kCodec).toString(); codecs().contains(c))
        s.codec = c;
    if (const int v = settings.value(kLevel).toInt(&ok); ok && v >= 0 && v <= 9)
        s.level = v;
    const QString shuffle = settings.value(kShuffle).toString();
    for (zarr::Shuffle candidate : {zarr::Shuffle::None, zarr::Shuffle::Byte, zarr::Shuffle::Bit})
        if (shuffle == shuffleName(candidate))
            s.shuffle = candidate;
    settings.endGroup();
    return s;
}

void ConversionSettings::save(QSettings& settings) const {
    settings.beginGroup(kGroup);
    settings.setValue(kChunkTraces, chunkTraces);
    settings.setValue(kChunkSamples, chunkSamples);
    settings.setValue(kCodec, codec);
    settings.setValue(kLevel, level);
    settings.setValue(kShuffle, shuffleName(shuffle));
    settings.endGroup();
}

} // namespace seis::gui
