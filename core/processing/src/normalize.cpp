#include "seis/processing/normalize.h"

#include <algorithm>
#include <cmath>

namespace seis {

void normalizeTraces(float* data, qint64 traces, qint64 samples) {
    for (qint64 t = 0; t < traces; ++t) {
        float* trace = data + t * samples;
        float peak = 0.0f;
        for (qint64 s = 0; s < samples; ++s)
            if (std::isfinite(trace[s]))
                peak = std::max(peak, std::fabs(trace[s]));
        if (peak > 0.0f) {
            const float scale = 1.0f / peak;
            for (qint64 s = 0; s < samples; ++s)
                trace[s] *= scale;
        }
    }
}

} // namespace seis
