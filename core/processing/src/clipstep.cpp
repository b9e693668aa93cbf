#include "seis/processing/clipstep.h"

#include "seis/base/error.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace seis {

ClipStep::ClipStep(Kind kind, double v)
    : m_kind(kind)
    , m_value(v) {
    if (kind == Kind::Value && !(std::isfinite(v) && v >= 0.0))
        throw ArgumentError(QStringLiteral("clip: value %1 (expected a number >= 0)").arg(v));
    if (kind == Kind::Quantile && !(v > 0.0 && v <= 1.0))
        throw ArgumentError(QStringLiteral("clip: quantile %1 (expected 0 < q <= 1)").arg(v));
}

std::shared_ptr<const ProcessingStep> ClipStep::fromFlow(FlowEntry& entry) {
    const bool hasValue = entry.has("value");
    const bool hasQuantile = entry.has("quantile");
    if (hasValue == hasQuantile)
        entry.fail(hasValue ? "quantile" : "value",
                   QStringLiteral("exactly one of \"value\" and \"quantile\""));
    if (hasValue) {
        const double v = entry.number("value");
        if (!(v >= 0.0))
            entry.fail("value", QStringLiteral("a number >= 0"));
        return std::make_shared<const ClipStep>(Kind::Value, v);
    }
    const double q = entry.number("quantile");
    if (!(q > 0.0 && q <= 1.0))
        entry.fail("quantile", QStringLiteral("a number q with 0 < q <= 1"));
    return std::make_shared<const ClipStep>(Kind::Quantile, q);
}

QString ClipStep::name() const {
    return QStringLiteral("clip");
}

nlohmann::ordered_json ClipStep::toJson() const {
    return {{"step", "clip"}, {m_kind == Kind::Value ? "value" : "quantile", m_value}};
}

void ClipStep::apply(float* data, qint64 traces, qint64 samples, const ProcessingContext&) const {
    std::vector<float> mags;
    for (qint64 t = 0; t < traces; ++t) {
        float* x = data + t * samples;
        float limit = float(m_value);
        if (m_kind == Kind::Quantile) {
            mags.clear();
            for (qint64 i = 0; i < samples; ++i)
                if (std::isfinite(x[i]))
                    mags.push_back(std::fabs(x[i]));
            if (mags.empty())
                continue;
            const auto n = qint64(mags.size());
            const qint64 rank = std::clamp<qint64>(qint64(std::ceil(m_value * double(n))), 1, n);
            std::nth_element(mags.begin(), mags.begin() + (rank - 1), mags.end());
            limit = mags[std::size_t(rank - 1)];
        }
        for (qint64 i = 0; i < samples; ++i)
            if (std::isfinite(x[i]) && std::fabs(x[i]) > limit)
                x[i] = std::copysign(limit, x[i]);
    }
}

} // namespace seis
