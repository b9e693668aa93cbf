#include "seis/processing/processingchain.h"

#include "seis/base/error.h"

namespace seis {

ProcessingStep::~ProcessingStep() = default;

void ProcessingStep::check(const ProcessingContext&) const {}

void ProcessingChain::check(const ProcessingContext& context) const {
    for (const auto& step : m_steps)
        step->check(context);
}

void ProcessingChain::append(std::shared_ptr<const ProcessingStep> step) {
    if (!step)
        throw ArgumentError(QStringLiteral("ProcessingChain::append: no step given"));
    m_steps.push_back(std::move(step));
}

void ProcessingChain::apply(float* data, qint64 traces, qint64 samples,
                            const ProcessingContext& context) const {
    for (const auto& step : m_steps)
        step->apply(data, traces, samples, context);
}

} // namespace seis
