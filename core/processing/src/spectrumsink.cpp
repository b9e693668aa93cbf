#include "seis/processing/spectrumsink.h"

#include "seis/base/error.h"

#include <utility>

namespace seis {

SpectrumSink::SpectrumSink(QString name)
    : m_name(std::move(name)) {}

void SpectrumSink::begin(const OutputLayout& layout) {
    checkLayout(m_name, layout);
    m_layout = layout;
    m_written = 0;
    m_committed = false;
    m_sum.emplace(layout.sampleCount, layout.sampleIntervalUs);
}

void SpectrumSink::write(const TraceBlock& block) {
    checkBlock(m_name, m_layout, m_written, block);
    m_sum->add(block.samples, block.count);
    m_written += block.count;
}

void SpectrumSink::commit() {
    m_committed = true;
}

void SpectrumSink::abort() noexcept {
    m_sum.reset();
    m_committed = false;
}

AmplitudeSpectrum SpectrumSink::result() const {
    if (!m_committed || !m_sum)
        throw ArgumentError(m_name, QStringLiteral("the spectrum was asked for before every "
                                                   "trace was added"));
    return m_sum->result();
}

} // namespace seis
