// Which traces and samples of a source a job works on: trace ranges, ensemble ranges, header
// value ranges, every Nth trace and a time window, combined as an intersection. A selection is
// resolved from header columns only, never by reading samples.
//
// Indexing: traces and ensembles 0-based, ranges half-open (seis/base/types.h); header value
// ranges inclusive at both ends, like Seismic Unix's `suwind key= min= max=`.
// Errors: seis/base/error.h (ArgumentError naming the source and the value for a range outside
// the source, an unknown key, a time window outside the traces).
#pragma once

#include "seis/base/progress.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesource.h"
#include "seis/base/types.h"

#include <QtGlobal>
#include <cstdint>
#include <optional>
#include <vector>

namespace seis {

// Traces whose header field lies in [min, max] (inclusive).
struct HeaderValueRange {
    HeaderField field;
    qint64 min = 0;
    qint64 max = 0;
};

// What the user asked for. Everything optional; an empty spec selects the whole source.
struct SelectionSpec {
    std::optional<TraceRange> traces;      // source traces [begin, end)
    std::optional<TraceRange> ensembles;   // ensemble numbers [begin, end) by ensembleKeys
    std::vector<HeaderField> ensembleKeys; // one or two keys; empty means fldr
    std::vector<HeaderValueRange> where;   // all must hold
    qint64 every = 1; // keep the 1st, (N+1)th, (2N+1)th... of the traces selected by the above
    // Recording time window [t0, t1) in ms (the delay plus the sample's time): each end snaps to
    // the nearest sample (half-way between two: the later); the result keeps samples
    // [round((t0 - start) / dt), round((t1 - start) / dt)) clipped to the trace. The delay is the
    // source's startTimeMs() (trace 0's, for SEG-Y).
    std::optional<std::pair<double, double>> timeMs;
};

class TraceSelection;

// Resolves `spec` on `source`: ensemble ranges through the ensemble index (scanned, or taken
// from the ensemble cache), header ranges from header columns read in blocks. `progress` gets
// source traces examined and the total to examine. Returns nullopt if cancelled. Throws
// ArgumentError for a selection of no traces or no samples ("the selection is empty: ..."
// naming what was asked) and for ranges outside the source.
std::optional<TraceSelection> resolveSelection(const TraceSource& source, const SelectionSpec& spec,
                                               const ProgressCallback& progress = {});

// A resolved selection: the selected source traces in ascending order and the sample range.
// Memory: a bitmap of one bit per trace between the first and the last candidate when header
// ranges are used (125 MB for 10^9 traces); nothing per trace otherwise.
class TraceSelection {
public:
    // Every trace and sample of a source of `traces` x `samples`.
    TraceSelection(qint64 traces, qint64 samples);

    qint64 traceCount() const { return m_count; } // selected traces
    SampleRange samples() const { return m_samples; }
    bool isEverything(qint64 sourceTraces, qint64 sourceSamples) const;

    // Walks the selection in order. next() fills `out` with the source indices of up to `max`
    // following selected traces and returns how many (0 at the end).
    class Cursor {
    public:
        explicit Cursor(const TraceSelection& selection)
            : m_selection(&selection) {}
        qint64 next(qint64 max, qint64* out);
        qint64 position() const { return m_done; } // selected traces returned so far

    private:
        const TraceSelection* m_selection;
        qint64 m_trace = -1; // next source trace to consider; -1 before the start
        qint64 m_done = 0;
    };

private:
    friend std::optional<TraceSelection> resolveSelection(const TraceSource&, const SelectionSpec&,
                                                          const ProgressCallback&);
    friend class Cursor;
    TraceRange m_bounds;               // candidates
    std::vector<std::uint64_t> m_bits; // bit i: trace m_bounds.begin + i selected; empty = all
    qint64 m_every = 1;                // applied on top of m_bounds when m_bits is empty
    qint64 m_count = 0;
    SampleRange m_samples;
};

} // namespace seis
