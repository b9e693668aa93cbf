#include "seis/processing/balancestep.h"

#include "seis/base/error.h"

#include <algorithm>
#include <cmath>

namespace seis {

BalanceStep::BalanceStep(Method method, std::optional<std::pair<double, double>> windowMs)
    : m_method(method)
    , m_window(windowMs) {
    if (m_window && !(std::isfinite(m_window->first) && std::isfinite(m_window->second) &&
                      m_window->first >= 0.0 && m_window->first < m_window->second))
        throw ArgumentError(QStringLiteral("balance: window_ms [%1, %2] (expected 0 <= t0 < t1)")
                                .arg(m_window->first)
                                .arg(m_window->second));
}

std::shared_ptr<const ProcessingStep> BalanceStep::fromFlow(FlowEntry& entry) {
    const QString methodText = entry.string("method", QStringLiteral("rms"));
    Method method = Method::Rms;
    if (methodText == QLatin1String("max"))
        method = Method::Max;
    else if (methodText != QLatin1String("rms"))
        entry.fail("method", QStringLiteral("\"rms\" or \"max\""));
    std::optional<std::pair<double, double>> window;
    if (const auto w = entry.optionalNumbers("window_ms", 2)) {
        if (!((*w)[0] >= 0.0 && (*w)[0] < (*w)[1]))
            entry.fail("window_ms", QStringLiteral("[t0, t1] ms with 0 <= t0 < t1"));
        window = std::make_pair((*w)[0], (*w)[1]);
    }
    return std::make_shared<const BalanceStep>(method, window);
}

QString BalanceStep::name() const {
    return QStringLiteral("balance");
}

nlohmann::ordered_json BalanceStep::toJson() const {
    nlohmann::ordered_json j = {{"step", "balance"},
                                {"method", m_method == Method::Rms ? "rms" : "max"}};
    if (m_window)
        j["window_ms"] = {m_window->first, m_window->second};
    return j;
}

void BalanceStep::check(const ProcessingContext& context) const {
    if (m_window && !(context.sampleIntervalUs > 0.0))
        throw ArgumentError(
            QStringLiteral("balance: sample interval %1 us (expected > 0 for window_ms)")
                .arg(context.sampleIntervalUs));
}

void BalanceStep::apply(float* data, qint64 traces, qint64 samples,
                        const ProcessingContext& context) const {
    check(context);
    qint64 begin = 0;
    qint64 end = samples;
    if (m_window) {
        const double dtMs = context.sampleIntervalUs / 1000.0;
        auto time = [&](qint64 i) { return context.startTimeMs + double(i) * dtMs; };
        begin = 0;
        while (begin < samples && !(time(begin) >= m_window->first))
            ++begin;
        end = begin;
        while (end < samples && time(end) < m_window->second)
            ++end;
    }
    for (qint64 t = 0; t < traces; ++t) {
        float* x = data + t * samples;
        double acc = 0.0;
        qint64 count = 0;
        for (qint64 i = begin; i < end; ++i) {
            if (!std::isfinite(x[i]))
                continue;
            const double v = x[i];
            if (m_method == Method::Rms)
                acc += v * v;
            else
                acc = std::max(acc, std::fabs(v));
            ++count;
        }
        const double divisor =
            m_method == Method::Rms ? (count ? std::sqrt(acc / double(count)) : 0.0) : acc;
        if (!(divisor > 0.0))
            continue;
        for (qint64 i = 0; i < samples; ++i)
            if (std::isfinite(x[i]))
                x[i] = float(double(x[i]) / divisor);
    }
}

} // namespace seis
