#include "seis/processing/butterworthstep.h"

#include "seis/base/error.h"
#include "seis/processing/butterworth.h"

#include <cmath>

namespace seis {

ButterworthStep::ButterworthStep(std::optional<double> lowHz, int lowOrder,
                                 std::optional<double> highHz, int highOrder)
    : m_lowHz(lowHz)
    , m_lowOrder(lowOrder)
    , m_highHz(highHz)
    , m_highOrder(highOrder) {
    const auto fail = [](const QString& what) {
        throw ArgumentError(QStringLiteral("butterworth: %1").arg(what));
    };
    if (!lowHz && !highHz)
        fail(QStringLiteral("neither low_hz nor high_hz; expected at least one corner"));
    for (const auto& [key, f] : {std::pair{"low_hz", lowHz}, {"high_hz", highHz}})
        if (f && !(std::isfinite(*f) && *f > 0.0))
            fail(QStringLiteral("%1 %2; expected a frequency > 0 Hz")
                     .arg(QLatin1String(key))
                     .arg(*f));
    for (const auto& [key, n] : {std::pair{"low_order", lowOrder}, {"high_order", highOrder}})
        if (n < 1 || n > kMaxOrder)
            fail(QStringLiteral("%1 %2; expected an integer from 1 to %3")
                     .arg(QLatin1String(key))
                     .arg(n)
                     .arg(kMaxOrder));
    if (lowHz && highHz && !(*lowHz < *highHz))
        fail(QStringLiteral("low_hz %1 >= high_hz %2; expected low_hz < high_hz")
                 .arg(*lowHz)
                 .arg(*highHz));
}

std::shared_ptr<const ProcessingStep> ButterworthStep::fromFlow(FlowEntry& entry) {
    const auto low = entry.optionalNumber("low_hz");
    const auto high = entry.optionalNumber("high_hz");
    const int lowOrder =
        int(entry.optionalInteger("low_order", 1, kMaxOrder).value_or(kDefaultOrder));
    const int highOrder =
        int(entry.optionalInteger("high_order", 1, kMaxOrder).value_or(kDefaultOrder));
    if (!low && !high)
        entry.fail("low_hz", QStringLiteral("low_hz or high_hz (a corner in Hz)"));
    for (const auto& [key, f] : {std::pair{"low_hz", low}, {"high_hz", high}})
        if (f && !(*f > 0.0))
            entry.fail(key, QStringLiteral("a frequency > 0 Hz"));
    if (low && high && !(*low < *high))
        entry.fail("low_hz", QStringLiteral("less than high_hz %1").arg(*high));
    // An order for a side that is off would be dropped silently: say so instead.
    if (!low && entry.has("low_order"))
        entry.fail("low_order", QStringLiteral("no low_order without low_hz (that side is off)"));
    if (!high && entry.has("high_order"))
        entry.fail("high_order",
                   QStringLiteral("no high_order without high_hz (that side is off)"));
    return std::make_shared<const ButterworthStep>(low, lowOrder, high, highOrder);
}

QString ButterworthStep::name() const {
    return QStringLiteral("butterworth");
}

nlohmann::ordered_json ButterworthStep::toJson() const {
    nlohmann::ordered_json j{{"step", "butterworth"}};
    if (m_lowHz) {
        j["low_hz"] = *m_lowHz;
        j["low_order"] = m_lowOrder;
    }
    if (m_highHz) {
        j["high_hz"] = *m_highHz;
        j["high_order"] = m_highOrder;
    }
    return j;
}

void ButterworthStep::check(const ProcessingContext& context) const {
    if (!(context.sampleIntervalUs > 0.0))
        throw ArgumentError(
            QStringLiteral("butterworth: sample interval %1 us (expected > 0 for the corners)")
                .arg(context.sampleIntervalUs));
    const double nyquist = 500000.0 / context.sampleIntervalUs;
    for (const auto& [key, f] : {std::pair{"low_hz", m_lowHz}, {"high_hz", m_highHz}})
        if (f && !(*f < nyquist))
            throw ArgumentError(
                QStringLiteral("butterworth: %1 %2; expected below Nyquist, %3 Hz for a %4 us "
                               "sample interval")
                    .arg(QLatin1String(key))
                    .arg(*f)
                    .arg(nyquist)
                    .arg(context.sampleIntervalUs));
}

void ButterworthStep::apply(float* data, qint64 traces, qint64 samples,
                            const ProcessingContext& context) const {
    check(context);
    const double rate = 1e6 / context.sampleIntervalUs;
    std::vector<std::vector<Biquad>> passes;
    if (m_lowHz)
        passes.push_back(butterworthSections(m_lowOrder, *m_lowHz, rate, true));
    if (m_highHz)
        passes.push_back(butterworthSections(m_highOrder, *m_highHz, rate, false));
    filtfiltSections(data, traces, samples, passes);
}

} // namespace seis
