#include "steptable.h"

#include "seis/processing/agcstep.h"
#include "seis/processing/butterworthstep.h"
#include "seis/processing/gainstep.h"
#include "seis/processing/trapezoidstep.h"

namespace seis::detail {

const std::vector<FlowStepKind>& flowStepKinds() {
    static const std::vector<FlowStepKind> kinds = {
        {"agc", &AgcStep::fromFlow, R"({"window_ms": 500})"},
        {"gain", &GainStep::fromFlow, R"({"tpow": 2.0, "epow": 0.0})"},
        {"butterworth", &ButterworthStep::fromFlow,
         R"({"low_hz": 8, "low_order": 4, "high_hz": 60, "high_order": 4})"},
        {"trapezoid", &TrapezoidStep::fromFlow, R"({"corners_hz": [5, 10, 50, 70]})"},
    };
    return kinds;
}

} // namespace seis::detail
