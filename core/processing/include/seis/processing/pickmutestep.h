// A top or bottom mute along picked times (pickset.h): the mute of each trace follows a pick set
// saved from the viewer, interpolated in a header key (offset by default).
//
// {"step": "pickmute", "picks": "picks.csv", "key": "offset", "absolute": true, "mode": "top",
//  "taper_ms": 20, "shift_ms": 0}
//
// The pick file is read when the step is built (a relative path from the flow file's folder
// when the flow is read from a file, readFlowDocument(); from the current directory otherwise);
// `key` must be one of its columns. Each pick gives a point (its key value, its absolute value
// when `absolute`; its time + shift_ms); picks of equal key value (the same offset on several
// gathers) give one point at the mean of their times. The mute time of a trace is then what
// MuteStep (mutestep.h) makes of those points at the trace's header value of `key`: linear
// between points, constant beyond the first and last; `top` zeroes the samples before it,
// `bottom` those after it, with a sin^2 taper of L = round(taper_ms / dt) samples on the kept
// side. Defaults: key offset, absolute true, mode top, taper_ms 0, shift_ms 0.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError naming "pickmute", the key and the value; a pick file
// that cannot be read or parsed is an ArgumentError quoting the file's own error).
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/processing/flowentry.h"
#include "seis/processing/mutestep.h"
#include "seis/processing/pickset.h"
#include "seis/processing/processingchain.h"

#include <utility>
#include <vector>

namespace seis {

class PickMuteStep final : public ProcessingStep {
public:
    // `picksPath` is kept for toJson(); `picks` must hold a column named `key.name` and at least
    // one pick; taperMs >= 0. Throws ArgumentError otherwise.
    PickMuteStep(QString picksPath, const PickSet& picks, HeaderField key, bool absolute,
                 MuteStep::Mode mode, double taperMs, double shiftMs);

    // Reads the entry and the pick file it names.
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    // The points (key value, mute time ms) made of the picks, ascending by key value.
    const std::vector<std::pair<double, double>>& points() const { return m_points; }

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // Needs the headers and a sample interval > 0.
    void check(const ProcessingContext& context) const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    QString m_path;
    HeaderField m_key;
    bool m_absolute;
    MuteStep::Mode m_mode;
    double m_taperMs;
    double m_shiftMs;
    std::vector<std::pair<double, double>> m_points;
};

} // namespace seis
