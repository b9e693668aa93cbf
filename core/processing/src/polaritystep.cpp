#include "seis/processing/polaritystep.h"

#include <cmath>

namespace seis {

std::shared_ptr<const ProcessingStep> PolarityStep::fromFlow(FlowEntry&) {
    return std::make_shared<const PolarityStep>();
}

QString PolarityStep::name() const {
    return QStringLiteral("polarity");
}

nlohmann::ordered_json PolarityStep::toJson() const {
    return {{"step", "polarity"}};
}

void PolarityStep::apply(float* data, qint64 traces, qint64 samples,
                         const ProcessingContext&) const {
    const qint64 count = traces * samples;
    for (qint64 i = 0; i < count; ++i)
        if (std::isfinite(data[i]))
            data[i] = -data[i];
}

} // namespace seis
