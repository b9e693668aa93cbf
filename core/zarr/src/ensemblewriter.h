// Internal to the Zarr sink: the ensembles (runs of consecutive traces with equal key values,
// as seis/ensembles/ensembleindex.h defines them) found in the traces as they are written, kept
// as ensembles/first_trace and ensembles/trace_count (<i8) and ensembles/<key> (the key's own
// type), chunk by chunk: memory is one chunk of each whatever the number of ensembles.
// Threads: one thread at a time.
#pragma once

#include "columnwriter.h"

#include "seis/base/traceheaderfield.h"

#include <array>
#include <memory>
#include <vector>

namespace seis::zarr {

class EnsembleWriter {
public:
    // `keys`: one or two fields; at most `traces` traces will come. Arrays are declared in and
    // written to `writer` with `codec` (may be null).
    EnsembleWriter(std::vector<HeaderField> keys, qint64 traces, const Codec* codec,
                   StoreWriter& writer);

    // The headers of the next `count` traces (kTraceHeaderBytes each, in `order`).
    void add(const std::byte* headers, qint64 count, ByteOrder order);
    // Ends the last ensemble and writes the arrays' last chunks and lengths.
    void finish();

    // The array name of a key: its Seismic Unix name, or "byte_189_i4" for a custom field.
    static QString keyName(const HeaderField& key);

private:
    void endRun();

    std::vector<HeaderField> m_keys;
    std::vector<std::unique_ptr<ColumnWriter>> m_columns; // first_trace, trace_count, keys...
    std::array<qint64, 2> m_values = {};
    qint64 m_runStart = 0;
    qint64 m_traces = 0;
};

} // namespace seis::zarr
