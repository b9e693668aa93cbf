#include "steptable.h"

#include "seis/processing/agcstep.h"
#include "seis/processing/balancestep.h"
#include "seis/processing/clipstep.h"
#include "seis/processing/dcstep.h"
#include "seis/processing/mutestep.h"
#include "seis/processing/polaritystep.h"

namespace seis::detail {

const std::vector<FlowStepKind>& flowStepKinds() {
    static const std::vector<FlowStepKind> kinds = {
        {"agc", &AgcStep::fromFlow},           {"mute", &MuteStep::fromFlow},
        {"balance", &BalanceStep::fromFlow},   {"clip", &ClipStep::fromFlow},
        {"polarity", &PolarityStep::fromFlow}, {"dc", &DcStep::fromFlow},
    };
    return kinds;
}

} // namespace seis::detail
