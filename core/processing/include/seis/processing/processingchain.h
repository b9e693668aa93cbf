// A processing chain: an ordered list of steps that work trace by trace on float32 samples.
// The same chain runs in the viewer (on the window it shows), the CLI and the export
// (copyTraces). Nothing here knows Qt widgets or a file format.
//
// Threads: steps and chains are immutable once built; apply() may run on any number of threads
// at once (each call on its own data). Errors: seis/base/error.h.
#pragma once

#include "seis/base/types.h"

#include <QString>
#include <nlohmann/json.hpp>

#include <cstddef>
#include <memory>
#include <vector>

namespace seis {

// What a step may need to know about the traces it processes.
struct ProcessingContext {
    double sampleIntervalUs = 0; // microseconds
    double startTimeMs = 0;      // recording time of sample 0 of the data given, ms
    // The traces' 240-byte headers (traces * 240 bytes, in headerByteOrder), or null when the
    // caller has none (steps that need header values then throw ArgumentError).
    const std::byte* headers = nullptr;
    ByteOrder headerByteOrder = ByteOrder::Big;
};

class ProcessingStep {
public:
    virtual ~ProcessingStep();
    // The step's name as in a flow ("agc", "balance"...).
    virtual QString name() const = 0;
    // The step's entry in a flow (flow.h): {"step": name(), parameters...}; parseFlowStep() of it
    // builds an equal step.
    virtual nlohmann::ordered_json toJson() const = 0;
    // Throws ArgumentError naming the step and the value when the step cannot run on data with
    // this context (a frequency beyond Nyquist, a context without the sample interval or the
    // headers it needs). apply() may assume check() passed for the same context.
    virtual void check(const ProcessingContext& context) const;
    // Processes `traces` traces of `samples` samples in place (trace-major).
    virtual void apply(float* data, qint64 traces, qint64 samples,
                       const ProcessingContext& context) const = 0;
};

class ProcessingChain {
public:
    bool empty() const { return m_steps.empty(); }
    std::size_t size() const { return m_steps.size(); }
    void append(std::shared_ptr<const ProcessingStep> step);
    const std::vector<std::shared_ptr<const ProcessingStep>>& steps() const { return m_steps; }
    // check() of every step, in order.
    void check(const ProcessingContext& context) const;
    // Every step in order.
    void apply(float* data, qint64 traces, qint64 samples, const ProcessingContext& context) const;

private:
    std::vector<std::shared_ptr<const ProcessingStep>> m_steps;
};

} // namespace seis
