// A TraceSink (seis/base/tracesink.h) that writes nothing: it sums the mean amplitude spectrum
// (seis/processing/amplitudespectrum.h) of the traces it is given, so that `seisview-cli
// spectrum` runs the copy pipeline (selection -> processing chain -> this sink) like an export.
//
// Memory: one trace's FFT, whatever the number of traces. Errors: seis/base/error.h (begin
// throws ArgumentError for a layout without a sample interval). Threads: one thread at a time,
// as every sink.
#pragma once

#include "seis/base/tracesink.h"
#include "seis/processing/amplitudespectrum.h"

#include <optional>

namespace seis {

class SpectrumSink : public TraceSink {
public:
    // `name`: what messages call the output (the source's path, say).
    explicit SpectrumSink(QString name);

    QString path() const override { return m_name; }
    void begin(const OutputLayout& layout) override;
    void write(const TraceBlock& block) override;
    void commit() override;
    void abort() noexcept override;

    // The mean spectrum of the traces written; after commit() only (ArgumentError otherwise).
    AmplitudeSpectrum result() const;

private:
    QString m_name;
    OutputLayout m_layout;
    qint64 m_written = 0;
    bool m_committed = false;
    std::optional<SpectrumAccumulator> m_sum;
};

} // namespace seis
