#include "steptable.h"

#include "seis/processing/agcstep.h"

namespace seis::detail {

const std::vector<FlowStepKind>& flowStepKinds() {
    static const std::vector<FlowStepKind> kinds = {
        {"agc", &AgcStep::fromFlow, R"({"window_ms": 500})"},
    };
    return kinds;
}

} // namespace seis::detail
