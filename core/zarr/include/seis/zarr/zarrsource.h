// A Zarr v2 or v3 store read as a TraceSource (seis/base/tracesource.h): the viewer, the tile
// cache, the CLI and the copy pipeline read stores as they read SEG-Y.
//
// Opening reads metadata only (.zmetadata when the store has consolidated metadata, else the
// .zarray/.zattrs files): a store of 10^8 traces opens as fast as a small one. Required:
// `amplitude`, 2-D little-endian float32 ("<f4"), C order. Optional: `headers/<key>` (decoded
// standard fields in their own type: header columns come from them first), `raw_headers` (|u1
// [traces, 240]: readTraceHeaders and the other header columns come from it; without either a
// header field reads 0), the root attributes `sample_interval_us` and `start_time_ms` (else the
// `time` coordinate's first two values, else 0), `source.byte_order` (of raw_headers; big-endian
// when absent). Windows decode the chunks they touch, in parallel on executors::parallel(); a
// missing chunk reads as the fill value. Nothing decoded is kept.
// Zarr v3 stores (a zarr.json at the root; storereaderv3.h) are read the same way from their
// zarr.json files (dimension_names, attributes), sharded or not: a chunk in a shard is read
// through the shard's index (checked against its CRC-32C) without reading the rest of the shard.
//
// Threads: immutable after construction; every const member may be called from any number of
// threads at once. Errors: seis/base/error.h (FormatError naming the store and the key or chunk
// for metadata or chunks this library does not read; IoError when a file cannot be read).
#pragma once

#include "seis/base/tracesource.h"

#include <memory>

namespace seis::zarr {

class ZarrSource final : public TraceSource {
public:
    explicit ZarrSource(const QString& path);
    ~ZarrSource() override;

    // True when `path` is a directory holding a Zarr v2 group or array (.zgroup or .zarray) or a
    // Zarr v3 node (zarr.json).
    static bool isStore(const QString& path);

    QString path() const override;
    qint64 traceCount() const override;
    qint64 sampleCount() const override;
    double sampleIntervalUs() const override;
    double startTimeMs() const override;
    void readWindow(TraceRange traces, SampleRange samples, float* dst) const override;
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override;
    void readTraceHeaders(TraceRange traces, std::byte* dst) const override;
    ByteOrder headerByteOrder() const override;
    QString identity() const override;
    QString formatDescription() const override;
    // The source file's headers kept in the root attributes (storeattributes.h), or nullopt.
    std::optional<SourceFileHeaders> fileHeaders() const override;
    // The statistics the writer kept (root attribute `statistics` and the histogram
    // statistics/abs_histogram), or nullopt when the store has none.
    std::optional<AmplitudeStatistics> storedStatistics() const override;
    // ensembles/ when it was written for exactly `keys` (its attribute `keys`: byte and type),
    // else nullopt. Throws FormatError when the arrays do not cover the traces in order.
    std::optional<StoredEnsembles>
    storedEnsembles(std::span<const HeaderField> keys) const override;

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace seis::zarr
