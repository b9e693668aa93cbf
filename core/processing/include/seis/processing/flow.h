// Flows: processing chains (processingchain.h) saved and loaded as JSON. The format (exact;
// README, "Processing"; scripts and tests rely on it):
//
//     {"version": 1, "steps": [{"step": "agc", "window_ms": 500}, {"step": "dc"}, ...]}
//
// Each entry names a step by "step" and gives its parameters, and may say "enabled": false (the
// step is checked but left out of the chain: the viewer's processing panel keeps switched-off
// steps so); the steps and their keys are listed
// in the README and built by the step classes (each step's fromFlow()/toJson()). Unknown steps or
// keys, missing or ill-typed values and values a step cannot take are ArgumentErrors naming the
// step's position (1-based), its name and the value: "flow step 2: agc: window_ms -5; expected
// a length > 0 ms". Values that depend on the data (a frequency beyond Nyquist) are checked by
// ProcessingChain::check() once the sample interval is known.
//
// Threads: functions of their arguments, any thread. Errors: seis/base/error.h (ArgumentError for
// a bad flow, IoError for a file that cannot be read or written; both name the file).
#pragma once

#include "seis/processing/processingchain.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>

namespace seis {

// The version written and the only one read.
constexpr int kFlowVersion = 1;

// The step names a flow can use, in the order the README lists them.
QStringList flowStepNames();
// The entry a new step of that name starts with in the viewer ({"step": name, parameters...}),
// one that parseFlowStep() accepts. Throws ArgumentError for an unknown name.
nlohmann::ordered_json defaultFlowEntry(const QString& step);
// Whether a flow entry is switched on (its optional "enabled", default true); throws
// ArgumentError for a value that is not true or false.
bool stepEnabled(const nlohmann::ordered_json& entry);
// One step from its flow entry ({"step": name, ...}), whether enabled or not.
std::shared_ptr<const ProcessingStep> parseFlowStep(const nlohmann::ordered_json& entry);
// A chain from a flow document.
ProcessingChain parseFlow(const nlohmann::ordered_json& flow);
// A chain from the text of a flow; `origin` (a path, or a description) names it in errors.
ProcessingChain parseFlowText(const QByteArray& text, const QString& origin);
// The flow document of a chain (parseFlow of it gives an equal chain).
nlohmann::ordered_json flowToJson(const ProcessingChain& chain);
// Reads a flow file. A pickmute step's relative "picks" path is taken from the flow file's
// folder (made absolute in the document read).
ProcessingChain loadFlow(const QString& path);
// Writes a flow file (indented JSON), replacing `path` only once it is written completely.
void saveFlow(const QString& path, const ProcessingChain& chain);
// The same with the document itself (switched-off steps kept): read and checked by parseFlow(),
// written as given.
nlohmann::ordered_json readFlowDocument(const QString& path);
void writeFlowDocument(const QString& path, const nlohmann::ordered_json& flow);

} // namespace seis
