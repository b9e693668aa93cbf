// The steps a flow can name (flow.h), each with the function that builds it from its entry.
// Internal to core/processing: a new step adds its row in steptable.cpp.
#pragma once

#include "seis/processing/flowentry.h"
#include "seis/processing/processingchain.h"

#include <memory>
#include <vector>

namespace seis::detail {

struct FlowStepKind {
    const char* name;
    // Reads the step's keys from the entry (FlowEntry::finish() is called by the caller).
    std::shared_ptr<const ProcessingStep> (*parse)(FlowEntry& entry);
    // The parameters a new step starts with in the viewer (JSON object text without "step";
    // null: none).
    const char* defaults = nullptr;
};

// In the README's order.
const std::vector<FlowStepKind>& flowStepKinds();

} // namespace seis::detail
