// Polarity reversal as a processing step: every finite sample x becomes -x; non-finite samples
// pass through. Flow entry: {"step": "polarity"}.
//
// Threads: immutable; apply() may run on any number of threads at once. Never throws.
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

namespace seis {

class PolarityStep final : public ProcessingStep {
public:
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);
    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;
};

} // namespace seis
