// Per-trace normalisation as a processing step (seis/processing/normalize.h): each trace scaled
// to a largest finite |amplitude| of 1.
//
// Threads: immutable; apply() may run on any number of threads at once. Never throws.
#pragma once

#include "seis/processing/processingchain.h"

namespace seis {

class NormalizeStep final : public ProcessingStep {
public:
    QString name() const override;
    // {"step": "balance", "method": "max"}: the same scaling as a flow step.
    nlohmann::ordered_json toJson() const override;
    // normalizeTraces(); the context is not used.
    void apply(float* data, qint64 traces, qint64 samples,
               const ProcessingContext& context) const override;
};

} // namespace seis
