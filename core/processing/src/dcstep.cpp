#include "seis/processing/dcstep.h"

#include <cmath>

namespace seis {

std::shared_ptr<const ProcessingStep> DcStep::fromFlow(FlowEntry&) {
    return std::make_shared<const DcStep>();
}

QString DcStep::name() const {
    return QStringLiteral("dc");
}

nlohmann::ordered_json DcStep::toJson() const {
    return {{"step", "dc"}};
}

void DcStep::apply(float* data, qint64 traces, qint64 samples, const ProcessingContext&) const {
    for (qint64 t = 0; t < traces; ++t) {
        float* x = data + t * samples;
        double sum = 0.0;
        qint64 count = 0;
        for (qint64 i = 0; i < samples; ++i)
            if (std::isfinite(x[i])) {
                sum += x[i];
                ++count;
            }
        if (count == 0)
            continue;
        const double mean = sum / double(count);
        for (qint64 i = 0; i < samples; ++i)
            if (std::isfinite(x[i]))
                x[i] = float(double(x[i]) - mean);
    }
}

} // namespace seis
