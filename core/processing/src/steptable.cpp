#include "steptable.h"

#include "seis/processing/agcstep.h"
#include "seis/processing/balancestep.h"
#include "seis/processing/butterworthstep.h"
#include "seis/processing/clipstep.h"
#include "seis/processing/dcstep.h"
#include "seis/processing/gainstep.h"
#include "seis/processing/mutestep.h"
#include "seis/processing/pickmutestep.h"
#include "seis/processing/polaritystep.h"
#include "seis/processing/trapezoidstep.h"

namespace seis::detail {

const std::vector<FlowStepKind>& flowStepKinds() {
    static const std::vector<FlowStepKind> kinds = {
        {"agc", &AgcStep::fromFlow, R"({"window_ms": 500})"},
        {"gain", &GainStep::fromFlow, R"({"tpow": 2.0, "epow": 0.0})"},
        {"butterworth", &ButterworthStep::fromFlow,
         R"({"low_hz": 8, "low_order": 4, "high_hz": 60, "high_order": 4})"},
        {"trapezoid", &TrapezoidStep::fromFlow, R"({"corners_hz": [5, 10, 50, 70]})"},
        {"pickmute", &PickMuteStep::fromFlow,
         R"({"picks": "picks.csv", "key": "offset", "absolute": true, "mode": "top",
             "taper_ms": 20, "shift_ms": 0})"},
        {"mute", &MuteStep::fromFlow,
         R"({"mode": "top", "key": "offset", "absolute": true,
             "points": [[0, 0], [3000, 1500]], "taper_samples": 10})"},
        {"balance", &BalanceStep::fromFlow, R"({"method": "rms"})"},
        {"clip", &ClipStep::fromFlow, R"({"quantile": 0.99})"},
        {"polarity", &PolarityStep::fromFlow},
        {"dc", &DcStep::fromFlow},
    };
    return kinds;
}

} // namespace seis::detail
