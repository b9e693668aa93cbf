#include "seis/processing/normalizestep.h"

#include "seis/processing/normalize.h"

namespace seis {

QString NormalizeStep::name() const {
    return QStringLiteral("normalize");
}

nlohmann::ordered_json NormalizeStep::toJson() const {
    return {{"step", "balance"}, {"method", "max"}};
}

void NormalizeStep::apply(float* data, qint64 traces, qint64 samples,
                          const ProcessingContext&) const {
    normalizeTraces(data, traces, samples);
}

} // namespace seis
