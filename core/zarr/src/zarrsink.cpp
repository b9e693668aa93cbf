#include "seis/zarr/zarrsink.h"

#include "seis/base/error.h"
#include "seis/base/parallel.h"
#include "seis/base/workerpool.h"
#include "seis/stats/amplitudestatistics.h"
#include "seis/zarr/arraymetadata.h"
#include "seis/zarr/directorystore.h"
#include "seis/zarr/storewriter.h"

#include "columnwriter.h"
#include "ensemblewriter.h"
#include "storeattributes.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>

namespace seis::zarr {

namespace {

constexpr qint64 kTargetChunkBytes = qint64(1) << 20;
constexpr qint64 kHeaderChunkTraces = 65536;           // traces per chunk of a header column
constexpr qint64 kTargetShardBytes = qint64(64) << 20; // of samples, for the default v3 shard
// Rows in flight beyond the two needed to overlap filling with compressing, when rows are large.
constexpr qint64 kRowsInFlightBytes = qint64(128) << 20;

// The power of two traces nearest (in log scale) to kTargetChunkBytes of `samples` samples each:
// chunks then align with the tile cache's 128-trace tiles (tilecache.h), so a tile decodes one
// chunk, or a whole number of them, in place. With 104-trace chunks (1 MiB at 2500 samples) a
// tile decoded two chunks for 128 traces: scrolling with prefetch kept a p99 of 3.7-8.5 ms
// against 0.10-0.12 ms with 128 (README, "Benchmarks").
qint64 defaultChunkTraces(qint64 samples) {
    const double traces = double(kTargetChunkBytes) / double(samples * qint64(sizeof(float)));
    return traces <= 1 ? 1 : qint64(1) << std::lround(std::log2(traces));
}

std::unique_ptr<Codec> makeCodec(const ZarrSinkOptions& o) {
    if (o.cname == QLatin1String("none"))
        return nullptr;
    return std::make_unique<BloscCodec>(o.cname, o.level, o.shuffle, o.blocksize);
}

} // namespace

QStringList storeCodecNames() {
    return {QStringLiteral("zstd"), QStringLiteral("lz4"), QStringLiteral("blosclz"),
            QStringLiteral("zlib"), QStringLiteral("none")};
}

QString shuffleName(Shuffle shuffle) {
    switch (shuffle) {
    case Shuffle::None:
        return QStringLiteral("none");
    case Shuffle::Byte:
        return QStringLiteral("byte");
    case Shuffle::Auto: // numcodecs' AUTOSHUFFLE (read only)
        return QStringLiteral("auto");
    case Shuffle::Bit:
        break;
    }
    return QStringLiteral("bit");
}

std::optional<Shuffle> shuffleFromName(QStringView name) {
    for (const Shuffle s : {Shuffle::None, Shuffle::Byte, Shuffle::Bit})
        if (name == shuffleName(s))
            return s;
    return std::nullopt;
}

// A row of chunks: filled by write() on the calling thread, then compressed and written by a task
// on executors::parallel() (or by the calling thread, if the pool had not started it when the
// buffer is needed again) while the next rows are filled.
struct ZarrSink::Row {
    std::vector<float> samples;
    std::vector<std::byte> headers;
    qint64 row = 0;   // its chunk row
    qint64 count = 0; // traces it holds
    std::atomic<bool> encoded{true};
    std::optional<detail::Helper> task;
};

int ZarrSink::threads() const {
    return m_options.threads > 0 ? m_options.threads : detail::defaultThreads();
}

ZarrSink::Row& ZarrSink::currentRow() const {
    return *m_rows[std::size_t(m_row % qint64(m_rows.size()))];
}

ZarrSink::ZarrSink(QString target, ZarrSinkOptions options)
    : m_target(std::move(target))
    , m_options(std::move(options))
    , m_codec(makeCodec(m_options)) {
    if (m_options.chunkSamples < 0)
        throw ArgumentError(m_target, QStringLiteral("chunk of %1 samples; expected 1 or more (0: "
                                                     "the whole trace)")
                                          .arg(m_options.chunkSamples));
    if (m_options.chunkTraces < 0)
        throw ArgumentError(m_target, QStringLiteral("chunk of %1 traces; expected 1 or more (0: "
                                                     "about 1 MiB)")
                                          .arg(m_options.chunkTraces));
    if (m_options.headerColumns) {
        for (const HeaderField& f : *m_options.headerColumns)
            if (isFloatType(f.type))
                throw ArgumentError(m_target, QStringLiteral("header column %1 is a float field; "
                                                             "expected standard integer fields")
                                                  .arg(f.name));
        m_headerFields = *m_options.headerColumns;
    } else {
        for (const StandardTraceField& f : standardTraceFields())
            m_headerFields.push_back(
                HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type});
    }
    if (m_options.ensembleKeys.empty() || m_options.ensembleKeys.size() > 2)
        throw ArgumentError(m_target, QStringLiteral("%1 ensemble keys; expected one or two")
                                          .arg(m_options.ensembleKeys.size()));
    if (m_options.zarrFormat != 2 && m_options.zarrFormat != 3)
        throw ArgumentError(
            m_target, QStringLiteral("Zarr format %1; expected 2 or 3").arg(m_options.zarrFormat));
    if (m_options.shardTraces < 0 || (m_options.shardTraces > 0 && m_options.zarrFormat != 3))
        throw ArgumentError(m_target, QStringLiteral("shards of %1 traces; expected 1 or more (0: "
                                                     "about 64 MiB), with Zarr format 3 only")
                                          .arg(m_options.shardTraces));
    if (m_options.threads < 0)
        throw ArgumentError(m_target, QStringLiteral("%1 threads; expected 1 or more (0: one per "
                                                     "core)")
                                          .arg(m_options.threads));
}

ZarrSink::~ZarrSink() {
    abort();
}

qint64 ZarrSink::bytesWritten() const {
    return m_bytesBefore + (m_store ? m_store->bytesWritten() : 0);
}

qint64 ZarrSink::amplitudeChunks() const {
    if (m_chunkTraces < 1 || m_chunkSamples < 1)
        return 0;
    return (m_layout.traceCount + m_chunkTraces - 1) / m_chunkTraces *
           ((m_layout.sampleCount + m_chunkSamples - 1) / m_chunkSamples);
}

void ZarrSink::begin(const OutputLayout& layout) {
    if (m_store)
        throw ArgumentError(m_target, QStringLiteral("begin() called twice"));
    checkLayout(m_target, layout);
    m_layout = layout;
    const qint64 ns = layout.sampleCount;
    m_chunkSamples = m_options.chunkSamples > 0 ? std::min(m_options.chunkSamples, ns) : ns;
    m_chunkTraces =
        m_options.chunkTraces > 0 ? m_options.chunkTraces : defaultChunkTraces(m_chunkSamples);
    m_chunkTraces = std::min(m_chunkTraces, std::max<qint64>(1, layout.traceCount));
    m_store = std::make_unique<DirectoryStore>(m_target);
    if (m_options.zarrFormat == 3) {
        const qint64 shard = m_options.shardTraces > 0
                                 ? m_options.shardTraces
                                 : kTargetShardBytes / (ns * qint64(sizeof(float)));
        // Whole chunks, no more than the traces need.
        const qint64 chunks = std::min((shard + m_chunkTraces - 1) / m_chunkTraces,
                                       (layout.traceCount + m_chunkTraces - 1) / m_chunkTraces);
        m_shardTraces = std::max<qint64>(1, chunks) * m_chunkTraces;
    }
    m_writer = makeStoreWriter(*m_store, m_options.zarrFormat, m_shardTraces);
    declareArrays();
    if (layout.firstSourceSample != 0 || layout.sampleCount != layout.sourceSampleCount)
        m_window.emplace(layout.sampleCount,
                         double(layout.firstSourceSample) * layout.sampleIntervalUs / 1000.0);
    m_accumulator = std::make_unique<AmplitudeAccumulator>();
    // One row filled while one per core is compressed; fewer when rows are large.
    const qint64 rowBytes = m_chunkTraces * (ns * qint64(sizeof(float)) + kTraceHeaderBytes);
    const qint64 rows =
        std::clamp<qint64>(kRowsInFlightBytes / rowBytes, 2, std::max(2, threads() + 1));
    for (qint64 r = 0; r < rows; ++r) {
        auto row = std::make_unique<Row>();
        row->samples.assign(std::size_t(m_chunkTraces * ns),
                            std::numeric_limits<float>::quiet_NaN());
        row->headers.assign(std::size_t(m_chunkTraces * kTraceHeaderBytes), std::byte{0});
        m_rows.push_back(std::move(row));
    }
}

void ZarrSink::write(const TraceBlock& block) {
    if (!m_store || !block.samples)
        throw ArgumentError(m_target, QStringLiteral("write() outside begin() .. commit(), or a "
                                                     "block without samples"));
    checkBlock(m_target, m_layout, m_traces, block);
    const qint64 ns = m_layout.sampleCount;
    const ByteOrder order = m_layout.headerByteOrder;
    for (qint64 t = 0; t < block.count;) {
        const qint64 n = std::min(block.count - t, m_chunkTraces - m_inRow);
        Row& row = currentRow();
        std::memcpy(row.samples.data() + m_inRow * ns, block.samples + t * ns,
                    std::size_t(n * ns) * sizeof(float));
        std::byte* headers = row.headers.data() + m_inRow * kTraceHeaderBytes;
        std::memcpy(headers, block.headers + t * kTraceHeaderBytes,
                    std::size_t(n * kTraceHeaderBytes));
        // The columns and ensembles from the headers as stored.
        for (qint64 i = 0; i < n; ++i) {
            std::byte* h = headers + i * kTraceHeaderBytes;
            if (m_window)
                m_window->apply(h, order);
            for (std::size_t k = 0; k < m_headerFields.size(); ++k) {
                const HeaderField& f = m_headerFields[k];
                m_headerColumns[k]->append(readIntField(h + f.byte.position - 1, f.type, order));
            }
        }
        m_ensembles->add(headers, n, order);
        m_inRow += n;
        t += n;
        if (m_inRow == m_chunkTraces)
            flushRow();
    }
    m_traces += block.count;
}

void ZarrSink::flushRow() {
    if (m_inRow == 0)
        return;
    Row& row = currentRow();
    // Edge chunks are full size: what the last row lacks is the fill value.
    std::fill(row.samples.begin() + std::ptrdiff_t(m_inRow * m_layout.sampleCount),
              row.samples.end(), std::numeric_limits<float>::quiet_NaN());
    std::fill(row.headers.begin() + std::ptrdiff_t(m_inRow * kTraceHeaderBytes), row.headers.end(),
              std::byte{0});
    row.row = m_row;
    row.count = m_inRow;
    row.encoded = false;
    row.task.emplace(executors::parallel(), [this, &row] { encodeRow(row); });
    ++m_row;
    m_inRow = 0;
    waitRow(currentRow()); // the next row's buffers are free
}

void ZarrSink::waitRow(Row& row) {
    if (!row.task)
        return;
    std::exception_ptr error = row.task->revokeOrWait();
    row.task.reset();
    if (error)
        std::rethrow_exception(error);
    encodeRow(row); // taken back before it started: here (nothing to do if it ran)
}

void ZarrSink::encodeRow(Row& row) {
    if (row.encoded.exchange(true))
        return;
    // The row's chunks, compressed and written in parallel: one item per amplitude chunk, then
    // the raw headers and the trace numbers.
    const qint64 ns = m_layout.sampleCount;
    const qint64 cs = m_chunkSamples;
    const qint64 columns = (ns + cs - 1) / cs;
    std::vector<qint64> index(std::size_t(m_chunkTraces), 0);
    for (qint64 i = 0; i < row.count; ++i)
        index[std::size_t(i)] = row.row * m_chunkTraces + i;
    // The statistics of the row's samples go along with the chunks (one item).
    detail::runParallel(columns + 3, threads(), [&](qint64 item) {
        if (item == columns) {
            const qint64 at[] = {row.row, 0};
            m_writer->writeChunk(
                QStringLiteral("raw_headers"), at,
                encodeChunk(m_codec.get(), row.headers.data(), row.headers.size(), 1));
            return;
        }
        if (item == columns + 1) {
            const qint64 at[] = {row.row};
            m_writer->writeChunk(QStringLiteral("trace"), at,
                                 encodeChunk(m_codec.get(), index.data(),
                                             index.size() * sizeof(qint64), sizeof(qint64)));
            return;
        }
        if (item == columns + 2) {
            const std::lock_guard lock(m_accumulatorMutex);
            m_accumulator->add(row.samples.data(), row.count * ns);
            return;
        }
        const float* src = row.samples.data();
        std::vector<float> chunk;
        if (columns > 1) { // gather the chunk's columns; the edge chunk is padded with NaN
            chunk.assign(std::size_t(m_chunkTraces * cs), std::numeric_limits<float>::quiet_NaN());
            const qint64 c0 = item * cs, n = std::min(cs, ns - c0);
            for (qint64 t = 0; t < m_chunkTraces; ++t)
                std::memcpy(chunk.data() + t * cs, row.samples.data() + t * ns + c0,
                            std::size_t(n) * sizeof(float));
            src = chunk.data();
        }
        const qint64 at[] = {row.row, item};
        QByteArray encoded = encodeChunk(
            m_codec.get(), src, std::size_t(m_chunkTraces * cs) * sizeof(float), sizeof(float));
        m_amplitudeBytes.fetch_add(encoded.size(), std::memory_order_relaxed);
        m_writer->writeChunk(QStringLiteral("amplitude"), at, std::move(encoded));
    });
}

void ZarrSink::declareArrays() {
    // Every array goes through the store writer (storewriter.h), in the store's format.
    const qint64 n = m_layout.traceCount;
    const qint64 ns = m_layout.sampleCount;
    const nlohmann::json codec = m_codec ? m_codec->toJson() : nlohmann::json(nullptr);
    auto array = [&](std::vector<qint64> shape, std::vector<qint64> chunks, const char* dtype,
                     nlohmann::json fill, std::vector<QString> dimensions) {
        ArrayMetadata m;
        m.shape = std::move(shape);
        m.chunks = std::move(chunks);
        m.dtype = QString::fromLatin1(dtype);
        m.fillValue = std::move(fill);
        m.compressor = codec;
        m.dimensionSeparator = QStringLiteral("/");
        m.dimensions = std::move(dimensions);
        return m;
    };
    const QString trace = QStringLiteral("trace");
    const QString time = QStringLiteral("time");
    m_writer->addArray(QStringLiteral("amplitude"), array({n, ns}, {m_chunkTraces, m_chunkSamples},
                                                          "<f4", "NaN", {trace, time}));
    // No fill value for the integer arrays: xarray would mask a 0 header byte or trace 0 as
    // missing; every chunk of them is written. (Zarr v3 requires one: 0 there.)
    m_writer->addArray(QStringLiteral("raw_headers"),
                       array({n, kTraceHeaderBytes}, {m_chunkTraces, kTraceHeaderBytes}, "|u1",
                             nullptr, {trace, QStringLiteral("header_byte")}));
    m_writer->addArray(trace, array({n}, {m_chunkTraces}, "<i8", nullptr, {trace}));
    // The recording time of each sample, ms: one chunk, written by commit().
    m_writer->addArray(time, array({ns}, {ns}, "<f8", "NaN", {time}), {{"units", "ms"}});
    // Decoded header columns and the ensembles, written as their chunks fill.
    const qint64 headerChunk = std::min(kHeaderChunkTraces, std::max<qint64>(1, n));
    for (const HeaderField& f : m_headerFields)
        m_headerColumns.push_back(std::make_unique<ColumnWriter>(
            QStringLiteral("headers/") + EnsembleWriter::keyName(f), f.type, headerChunk, n, trace,
            m_codec.get(), *m_writer));
    m_ensembles =
        std::make_unique<EnsembleWriter>(m_options.ensembleKeys, n, m_codec.get(), *m_writer);
    nlohmann::json keys = nlohmann::json::array();
    for (const HeaderField& k : m_options.ensembleKeys)
        keys.push_back({{"name", EnsembleWriter::keyName(k).toStdString()},
                        {"byte", k.byte.position},
                        {"type", fieldTypeName(k.type).toStdString()}});
    m_writer->setAttributes(QStringLiteral("ensembles"), {{"keys", keys}});
    // The histogram of |amplitude| behind statistics.abs_percentiles (AmplitudeStatistics), so
    // a reader gets any percentile without a pass; written by commit().
    m_writer->addArray(QStringLiteral("statistics/abs_histogram"),
                       array({AmplitudeStatistics::kHistogramBins},
                             {AmplitudeStatistics::kHistogramBins}, "<u8", nullptr,
                             {QStringLiteral("abs_bin")}),
                       {{"bin_shift", AmplitudeStatistics::kBinShift},
                        {"description", "counts of nonzero finite |amplitude| by bit pattern >> "
                                        "bin_shift; zeros are counted in statistics.zeros"}});
}

void ZarrSink::commit() {
    if (!m_store)
        throw ArgumentError(m_target, QStringLiteral("commit() without begin()"));
    if (m_traces != m_layout.traceCount)
        throw ArgumentError(m_target, QStringLiteral("commit() after %1 of %2 traces")
                                          .arg(m_traces)
                                          .arg(m_layout.traceCount));
    flushRow();
    for (auto& row : m_rows)
        waitRow(*row);
    const qint64 ns = m_layout.sampleCount;
    std::vector<double> times(static_cast<std::size_t>(ns));
    for (qint64 i = 0; i < ns; ++i)
        times[std::size_t(i)] =
            m_layout.startTimeMs + double(i) * m_layout.sampleIntervalUs / 1000.0;
    const qint64 zero[] = {0};
    m_writer->writeChunk(
        QStringLiteral("time"), zero,
        encodeChunk(m_codec.get(), times.data(), times.size() * sizeof(double), sizeof(double)));
    for (auto& column : m_headerColumns)
        column->finish();
    m_ensembles->finish();

    m_statistics =
        std::make_unique<AmplitudeStatistics>(m_accumulator->result(m_layout.traceCount));
    const qint64 zeroBin[] = {0};
    const std::vector<quint64>& histogram = m_statistics->histogram;
    m_writer->writeChunk(QStringLiteral("statistics/abs_histogram"), zeroBin,
                         encodeChunk(m_codec.get(), histogram.data(),
                                     histogram.size() * sizeof(quint64), sizeof(quint64)));
    nlohmann::json attributes = rootAttributes(m_layout, m_options.sourceHeaders, *m_statistics);
    // How well the samples compressed, for `info` (metadata only): the chunks' bytes against
    // the float32 samples they hold (edge chunks count whole).
    const qint64 stored = m_amplitudeBytes.load();
    const qint64 decoded =
        amplitudeChunks() * m_chunkTraces * m_chunkSamples * qint64(sizeof(float));
    attributes["amplitude_storage"] = {
        {"stored_bytes", stored},
        {"decoded_bytes", decoded},
        {"ratio", stored > 0 ? double(decoded) / double(stored) : 0.0}};
    m_writer->setAttributes(QString(), attributes);
    m_writer->finish(); // the metadata last: a reader that finds it finds every array complete
    m_headerColumns.clear();
    m_ensembles.reset();
    m_writer.reset();
    m_store->commit();
    m_bytesBefore = m_store->bytesWritten();
    m_accumulator.reset();
    m_store.reset();
    m_rows.clear();
}

QStringList ZarrSink::warnings() const {
    return m_window ? m_window->warnings() : QStringList();
}

const AmplitudeStatistics& ZarrSink::statistics() const {
    if (!m_statistics)
        throw ArgumentError(m_target, QStringLiteral("statistics() before commit()"));
    return *m_statistics;
}

void ZarrSink::abort() noexcept {
    for (auto& row : m_rows) // the rows' tasks refer to the writer: taken back or waited for
        if (row->task)
            row->task->revokeOrWait(); // what they threw is dropped: the store goes
    m_rows.clear();
    m_headerColumns.clear(); // they refer to the writer
    m_ensembles.reset();
    m_writer.reset(); // refers to the store
    m_store.reset();  // removes the temporary directory unless committed
}

} // namespace seis::zarr
