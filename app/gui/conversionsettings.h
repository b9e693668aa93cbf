// The options of File > Convert to Zarr... and of dropped conversions: the chunk shape and the
// codec of the stores the viewer writes (seis::zarr::ZarrSinkOptions), kept in QSettings under
// the group "conversion":
//   chunkTraces   integer, traces per chunk (0: a power of two, about 1 MiB of samples)
//   chunkSamples  integer, samples per chunk (0: the whole trace)
//   codec         string: zstd, lz4, blosclz, zlib (Blosc compressors) or none
//   level         integer 0..9
//   shuffle       string: none, byte or bit
// Defaults are ZarrSinkOptions' (seisview-cli convert's), so a store converted in the viewer
// and one converted on the command line with no options are the same.
//
// Threads: a plain value type; load/save touch only the QSettings object given.
#pragma once

#include "seis/zarr/converttozarr.h"

#include <QString>
#include <QStringList>

class QSettings;

namespace seis::gui {

struct ConversionSettings {
    qint64 chunkTraces = zarr::ZarrSinkOptions{}.chunkTraces;
    qint64 chunkSamples = zarr::ZarrSinkOptions{}.chunkSamples;
    QString codec = zarr::ZarrSinkOptions{}.cname;
    int level = zarr::ZarrSinkOptions{}.level;
    zarr::Shuffle shuffle = zarr::ZarrSinkOptions{}.shuffle;

    static constexpr qint64 kMaxChunk = qint64(1) << 24;
    // The codecs offered, in the order shown: Blosc's compressors, then "none".
    static QStringList codecs();
    // The shuffle's name in the settings and in seisview-cli convert: none, byte or bit.
    static QString shuffleName(zarr::Shuffle shuffle);

    // Checks the values (chunks 0..kMaxChunk, a listed codec, level 0..9); throws ArgumentError
    // naming the value and what is expected.
    void validate() const;
    // The conversion options these settings make (every other option at its default).
    zarr::ConvertOptions convertOptions() const;

    // Reads the "conversion" group; never throws: a missing or invalid value takes its default.
    static ConversionSettings load(QSettings& settings);
    void save(QSettings& settings) const;

    friend bool operator==(const ConversionSettings&, const ConversionSettings&) = default;
};

} // namespace seis::gui
