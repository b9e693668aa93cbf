// Top and bottom mute as a processing step, driven by a trace header key.
//
// Per trace: the mute time t_m (ms) is interpolated linearly in the points (key value, time ms),
// sorted by key value, from the trace's header key value (its absolute value when `absolute`),
// and constant beyond the first and last points. t_i = startTimeMs + i * dt (ms, i 0-based).
// - top: every sample with t_i < t_m becomes 0; the next L kept samples are multiplied by
//   sin^2(pi (k + 1) / (2 L)), k = 0..L-1 (k = 0 the first kept sample).
// - bottom: every sample with t_i > t_m becomes 0; the L kept samples before them are multiplied
//   by the same factors mirrored (k = 0 the last kept sample).
// Non-finite samples pass through unchanged.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError naming "mute" and the value).
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

#include <utility>
#include <vector>

namespace seis {

class MuteStep final : public ProcessingStep {
public:
    enum class Mode { Top, Bottom };
    // `key`: a header field (parseHeaderField(): a Seismic Unix name such as "offset", or a
    // 1-based byte with type). `points`: (key value, mute time ms), at least one, distinct key
    // values, any order. `taperSamples` >= 0. Throws ArgumentError otherwise.
    MuteStep(Mode mode, HeaderField key, bool absolute,
             std::vector<std::pair<double, double>> points, qint64 taperSamples);

    // From a flow entry: {"step": "mute", "mode": "top"|"bottom", "key": "offset",
    // "absolute": true, "points": [[key, ms], ...], "taper_samples": L} ("mode" default "top",
    // "key" default "offset", "absolute" default true, "taper_samples" default 0).
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    // The mute time (ms) for a header key value (before taking the absolute value).
    double muteTimeMs(double keyValue) const;

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    // Needs the headers and a sample interval > 0.
    void check(const ProcessingContext& context) const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    Mode m_mode;
    HeaderField m_key;
    bool m_absolute;
    std::vector<std::pair<double, double>> m_points; // sorted by key value
    qint64 m_taper;
};

} // namespace seis
