#include "steptable.h"

#include "seis/processing/agcstep.h"
#include "seis/processing/butterworthstep.h"
#include "seis/processing/gainstep.h"
#include "seis/processing/trapezoidstep.h"

namespace seis::detail {

const std::vector<FlowStepKind>& flowStepKinds() {
    static const std::vector<FlowStepKind> kinds = {
        {"agc", &AgcStep::fromFlow},
        {"gain", &GainStep::fromFlow},
        {"butterworth", &ButterworthStep::fromFlow},
        {"trapezoid", &TrapezoidStep::fromFlow},
    };
    return kinds;
}

} // namespace seis::detail
