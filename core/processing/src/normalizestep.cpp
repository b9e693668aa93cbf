#include "seis/processing/normalizestep.h"

#include "seis/processing/normalize.h"

namespace seis {

QString NormalizeStep::name() const {
    return QStringLiteral("normalize");
}

void NormalizeStep::apply(float* data, qint64 traces, qint64 samples,
                          const ProcessingContext&) const {
    normalizeTraces(data, traces, samples);
}

} // namespace seis
