// Clipping as a processing step: samples with |x| > v become sign(x) * v, where v is a fixed
// value or, per trace, the quantile q of |x| over the trace's finite samples: the ceil(q n)-th
// smallest |x| of its n finite samples (nearest rank, 1-based; q in (0, 1]). Non-finite samples
// pass through; a trace without finite samples is left.
//
// Threads: immutable once built; apply() may run on any number of threads at once.
// Errors: seis/base/error.h (ArgumentError naming "clip" and the value).
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

namespace seis {

class ClipStep final : public ProcessingStep {
public:
    enum class Kind { Value, Quantile };
    // Value: `v` >= 0 (an amplitude); Quantile: 0 < `v` <= 1.
    ClipStep(Kind kind, double v);

    // From a flow entry: {"step": "clip", "value": v} or {"step": "clip", "quantile": q}
    // (exactly one of the two).
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);

    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;

private:
    Kind m_kind;
    double m_value;
};

} // namespace seis
