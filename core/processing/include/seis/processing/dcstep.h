// DC removal as a processing step: each trace minus the mean of its finite samples (sum in
// double); non-finite samples pass through; a trace without finite samples is left.
// Flow entry: {"step": "dc"}.
//
// Threads: immutable; apply() may run on any number of threads at once. Never throws.
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

namespace seis {

class DcStep final : public ProcessingStep {
public:
    static std::shared_ptr<const ProcessingStep> fromFlow(FlowEntry& entry);
    QString name() const override;
    nlohmann::ordered_json toJson() const override;
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;
};

} // namespace seis
