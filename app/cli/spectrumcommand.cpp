// `spectrum`: the mean amplitude spectrum (seis/processing/amplitudespectrum.h) of a range of
// traces, optionally after a processing flow, as JSON {"frequency_hz", "amplitude",
// "amplitude_db"} or as text lines "frequency_hz amplitude amplitude_db". The traces go through
// the copy pipeline (seis/pipeline/copytraces.h) into a SpectrumSink, as an export would: the
// flow's steps get the traces' headers and run on every core; memory stays bounded.
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/pipeline/copytraces.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/flow.h"
#include "seis/processing/spectrumsink.h"
#include "seis/sources/opensource.h"

#include <nlohmann/json.hpp>

namespace seis::cli {

int runSpectrum(const QStringList& argv) {
    const QString flowOption = QStringLiteral("--flow");
    const Arguments args(argv, {QStringLiteral("--traces"), flowOption},
                         {QStringLiteral("--json")});
    const QString path = args.singleFile(QStringLiteral("spectrum"));
    const RangeSpec traceSpec = args.range(QStringLiteral("--traces"));
    const SourceOptions options = args.openOptions();
    const auto flowPath = args.value(flowOption);
    // The flow is read before the data: a bad flow fails before anything is opened.
    const ProcessingChain chain = flowPath ? loadFlow(*flowPath) : ProcessingChain();

    const auto source = openSource(path, options);
    const TraceSource& file = *source;
    const TraceRange traces = resolveTraces(traceSpec, file);
    const SampleRange samples{0, file.sampleCount()};
    checkChain(file, samples, chain);

    AmplitudeSpectrum r;
    if (traces.count() == 0 || samples.count() == 0) {
        r = SpectrumAccumulator(samples.count(), file.sampleIntervalUs()).result(); // no trace
    } else {
        SelectionSpec spec;
        spec.traces = traces;
        const std::optional<TraceSelection> selection = resolveSelection(file, spec);
        SpectrumSink sink(path);
        copyTraces(file, *selection, chain, sink); // nothing cancels it: it completes or throws
        r = sink.result();
    }

    std::string text;
    if (args.flag(QStringLiteral("--json"))) {
        const nlohmann::ordered_json o{{"frequency_hz", r.frequencyHz},
                                       {"amplitude", r.amplitude},
                                       {"amplitude_db", r.amplitudeDb}};
        text = o.dump() + "\n";
    } else {
        text = "frequency_hz amplitude amplitude_db\n";
        for (std::size_t k = 0; k < r.amplitude.size(); ++k)
            text += nlohmann::json(r.frequencyHz[k]).dump() + " " +
                    nlohmann::json(r.amplitude[k]).dump() + " " +
                    nlohmann::json(r.amplitudeDb[k]).dump() + "\n";
    }
    OutputFile sink(QStringLiteral("-"), {.inputs = {path}}); // stdout, checked like any output
    sink.write(text.data(), qint64(text.size()));
    sink.commit();
    return 0;
}

} // namespace seis::cli
