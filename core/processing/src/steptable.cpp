#include "steptable.h"

#include "seis/processing/agcstep.h"

namespace seis::detail {

const std::vector<FlowStepKind>& flowStepKinds() {
    static const std::vector<FlowStepKind> kinds = {
        {"agc", &AgcStep::fromFlow},
    };
    return kinds;
}

} // namespace seis::detail
