// Writes traces as a Zarr v2 store (a TraceSink, seis/base/tracesink.h), in this layout
// (README, "Zarr stores"; names exact):
//   .zgroup, .zattrs (storeattributes.h: sample interval, start time, the source file's headers
//   raw and decoded, where it came from, amplitude statistics, seisview_layout), .zmetadata
//   (consolidated, written last);
//   amplitude    <f4 [traces, samples], chunks [chunkTraces, chunkSamples], fill "NaN",
//                _ARRAY_DIMENSIONS ["trace", "time"], the codec below;
//   raw_headers  |u1 [traces, 240], the 240-byte trace headers as the source stores them (of a
//                time window: ns and the delay rewritten for it, tracewindowheaders.h);
//   headers/<key> one per decoded standard field (Seismic Unix key), its own integer type;
//   ensembles/first_trace, ensembles/trace_count (<i8) and ensembles/<key>: the runs of equal
//                key values (ensembleKeys);
//   trace        <i8 [traces], 0..N-1;  time  <f8 [samples], recording time of each sample, ms.
// Integer arrays have no fill value (every chunk is written; xarray would otherwise mask a 0
// header byte or trace 0 as missing).
// Chunk keys use "/". Edge chunks are full size, padded with the fill value. The store is written
// to a temporary directory beside the target and renamed by commit() (DirectoryStore): a
// cancelled or failed conversion leaves nothing. Memory: rows of chunks (chunkTraces traces
// each): the one being filled by write() and those being compressed and written on
// executors::parallel() meanwhile, one row per thread (options.threads; fewer when rows are
// large: at least two rows, about 128 MiB of them beyond that), plus one chunk of each header
// column (65536 traces) and of the ensemble arrays.
// With zarrFormat 3 the same layout is written as Zarr v3 (storewriterv3.h): zarr.json files
// (dimension_names instead of _ARRAY_DIMENSIONS, fill value 0 for the integer arrays), and the
// arrays along traces in shards of shardTraces traces (chunks inside the shards as above); memory
// then adds the compressed chunks of one shard row. Every array goes through one StoreWriter
// (storewriter.h), so the layout is written once for both formats.
// Threads: one thread at a time (TraceSink).
#pragma once

#include "seis/base/sourcefileheaders.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesink.h"
#include "seis/base/tracewindowheaders.h"
#include "seis/zarr/bloscodec.h"

#include <QString>
#include <QStringList>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace seis {
struct AmplitudeStatistics;
class AmplitudeAccumulator;
} // namespace seis

namespace seis::zarr {

struct ArrayMetadata;
class DirectoryStore;
class StoreWriter;
class ColumnWriter;
class EnsembleWriter;

struct ZarrSinkOptions {
    // Traces per chunk; 0: the power of two nearest to 1 MiB of samples per chunk (128 traces of
    // 2500 samples), so that chunks align with the tile cache's tiles.
    qint64 chunkTraces = 0;
    qint64 chunkSamples = 0; // samples per chunk; 0: the whole trace
    // The codec: a Blosc compressor, or "none" (uncompressed). The default, lz4 level 9 (LZ4's
    // own speed: Blosc accelerates lz4 by 10 - level) with byte shuffle, was chosen by measurement
    // (README, "Choosing the codec"): it compresses several times faster than this machine's
    // disk writes and decompresses at 3 GB/s, within a few percent of zstd 3's ratio.
    QString cname = QStringLiteral("lz4");
    int level = 9;
    // Byte shuffle: the store's windows decode 1.3-1.4x faster than with bit shuffle (a 1000-trace
    // window within 2x of the SEG-Y file's, bit shuffle at 1.9-2.1x) for 3 % of size (README,
    // "Choosing the codec").
    Shuffle shuffle = Shuffle::Byte;
    // Block size passed to Blosc (the compressor's "blocksize"): 0 lets Blosc choose, as
    // zarr-python writes. c-blosc 1.21 picks 1 MiB blocks for these chunks at lz4 level 9 (512 KiB
    // at level 5, 128 KiB for zstd 3); a size forced here is multiplied by the type size when Blosc
    // splits blocks by byte (lz4 does: 32768 makes 128 KiB blocks of float32). Readers' memory does
    // not depend on it: c-blosc takes a scratch buffer of two blocks per chunk it decodes, and
    // since the tile cache keeps its long-lived objects out of malloc's heaps
    // (core/cache/src/bookkeepingmemory.h) scrolling peaked at 96 / 288 MB with 128 KiB blocks
    // and 120 / 312 MB with 1 MiB blocks (64 / 256 MB cache; 89 / 281 MB for the SEG-Y file).
    int blocksize = 0;
    // Decoded header columns (headers/<key>): nullopt writes every standard field
    // (standardTraceFields()), an empty list none. raw_headers is written in every case.
    std::optional<std::vector<HeaderField>> headerColumns{};
    // The ensembles written to ensembles/ (runs of equal key values; one or two keys).
    std::vector<HeaderField> ensembleKeys = {
        HeaderField{QStringLiteral("fldr"), HeaderByte{tracefield::fldr.byte}, FieldType::I4}};
    // The source file's headers, kept in the root attributes (TraceSource::fileHeaders()).
    std::optional<SourceFileHeaders> sourceHeaders{};
    int zarrFormat = 2;     // 2 or 3 (the same layout as Zarr v3, zarr.json files)
    qint64 shardTraces = 0; // v3: traces per shard of the arrays along traces, in whole chunks
                            // (rounded up); 0: about 64 MiB of samples per shard
    int threads = 0;        // rows compressed at once (and threads per row); 0: one per core
};

// The compressors the sink writes, by the names the CLI and the viewer offer: Blosc's "zstd",
// "lz4", "blosclz", "zlib", and "none" (uncompressed).
QStringList storeCodecNames();
// The shuffle names "none", "byte" and "bit", and back (nullopt for another name).
QString shuffleName(Shuffle shuffle);
std::optional<Shuffle> shuffleFromName(QStringView name);

class ZarrSink final : public TraceSink {
public:
    // Checks the options (ArgumentError); creates nothing until begin().
    ZarrSink(QString target, ZarrSinkOptions options = {});
    ~ZarrSink() override;

    QString path() const override { return m_target; }
    void begin(const OutputLayout& layout) override;
    void write(const TraceBlock& block) override;
    void commit() override;
    void abort() noexcept override;

    qint64 chunkTraces() const { return m_chunkTraces; }   // after begin()
    qint64 chunkSamples() const { return m_chunkSamples; } // after begin()
    qint64 shardTraces() const { return m_shardTraces; }   // after begin(); 0 with Zarr v2
    // Bytes of the store's files written so far (from the sink's thread, or any thread between
    // begin() and commit()).
    qint64 bytesWritten() const;
    // Chunk files of `amplitude` in the store: rows x columns of chunks (after begin()).
    qint64 amplitudeChunks() const;
    // What the reader of the result should know: delays that a time window could not move
    // exactly (float32 holds every sample).
    QStringList warnings() const;
    // The amplitude statistics of every sample written (after commit()).
    const AmplitudeStatistics& statistics() const;

private:
    struct Row; // a row of chunks, being filled or compressed (zarrsink.cpp)
    Row& currentRow() const;
    int threads() const;
    void flushRow();          // hands the filled row to the workers
    void encodeRow(Row& row); // compresses and writes a row (once; any thread)
    void waitRow(Row& row);   // until the row is written; rethrows what that threw
    void declareArrays();

    QString m_target;
    ZarrSinkOptions m_options;
    std::unique_ptr<Codec> m_codec; // null: uncompressed
    std::unique_ptr<DirectoryStore> m_store;
    std::unique_ptr<StoreWriter> m_writer; // into m_store: every array's chunks and metadata
    OutputLayout m_layout;
    qint64 m_chunkTraces = 0;
    qint64 m_chunkSamples = 0;
    qint64 m_shardTraces = 0;
    qint64 m_traces = 0;                      // traces received
    qint64 m_row = 0;                         // next chunk row
    qint64 m_inRow = 0;                       // traces buffered in the row
    std::vector<std::unique_ptr<Row>> m_rows; // ring: row r is in m_rows[r % size]
    std::vector<HeaderField> m_headerFields;
    std::vector<std::unique_ptr<ColumnWriter>> m_headerColumns;
    std::unique_ptr<EnsembleWriter> m_ensembles;
    std::unique_ptr<AmplitudeAccumulator> m_accumulator; // under m_accumulatorMutex
    std::mutex m_accumulatorMutex;
    std::unique_ptr<AmplitudeStatistics> m_statistics;
    // raw_headers of a time window: ns and delrt rewritten as the SEG-Y writer does (the store
    // then converts back to the same SEG-Y as the window's export); none without a cut.
    std::optional<TraceWindowHeaders> m_window;
    qint64 m_bytesBefore = 0; // bytes of the committed store (the store object is gone)
    std::atomic<qint64> m_amplitudeBytes{0}; // compressed amplitude chunks written
};

} // namespace seis::zarr
