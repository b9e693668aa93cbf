#include "seis/processing/flow.h"

#include "seis/base/error.h"
#include "steptable.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace seis {

QStringList flowStepNames() {
    QStringList names;
    for (const auto& kind : detail::flowStepKinds())
        names << QLatin1String(kind.name);
    return names;
}

nlohmann::ordered_json defaultFlowEntry(const QString& step) {
    for (const auto& kind : detail::flowStepKinds()) {
        if (step != QLatin1String(kind.name))
            continue;
        nlohmann::ordered_json entry;
        entry["step"] = kind.name;
        if (kind.defaults) {
            const auto defaults = nlohmann::ordered_json::parse(kind.defaults);
            for (const auto& [key, value] : defaults.items())
                entry[key] = value;
        }
        return entry;
    }
    throw ArgumentError(QStringLiteral("unknown step \"%1\"; expected one of %2")
                            .arg(step, flowStepNames().join(QStringLiteral(", "))));
}

bool stepEnabled(const nlohmann::ordered_json& entry) {
    if (!entry.is_object() || !entry.contains("enabled"))
        return true;
    if (!entry.at("enabled").is_boolean())
        throw ArgumentError(QStringLiteral("%1: enabled %2; expected true or false")
                                .arg(QString::fromStdString(entry.value("step", std::string("?"))),
                                     QString::fromStdString(entry.at("enabled").dump())));
    return entry.at("enabled").get<bool>();
}

std::shared_ptr<const ProcessingStep> parseFlowStep(const nlohmann::ordered_json& entry) {
    if (!entry.is_object() || !entry.contains("step") || !entry.at("step").is_string())
        throw ArgumentError(QStringLiteral("%1; expected an object with a \"step\" name")
                                .arg(QString::fromStdString(entry.dump())));
    const std::string name = entry.at("step").get<std::string>();
    for (const auto& kind : detail::flowStepKinds()) {
        if (name != kind.name)
            continue;
        FlowEntry e(entry, QString::fromStdString(name));
        auto step = kind.parse(e);
        e.finish();
        return step;
    }
    throw ArgumentError(
        QStringLiteral("unknown step \"%1\"; expected one of %2")
            .arg(QString::fromStdString(name), flowStepNames().join(QStringLiteral(", "))));
}

ProcessingChain parseFlow(const nlohmann::ordered_json& flow) {
    if (!flow.is_object())
        throw ArgumentError(
            QStringLiteral("flow: %1; expected an object with \"version\" and \"steps\"")
                .arg(QString::fromStdString(flow.dump()).left(80)));
    if (!flow.contains("version") || flow.at("version") != kFlowVersion)
        throw ArgumentError(QStringLiteral("flow: version %1; expected %2")
                                .arg(flow.contains("version")
                                         ? QString::fromStdString(flow.at("version").dump())
                                         : QStringLiteral("missing"))
                                .arg(kFlowVersion));
    if (!flow.contains("steps") || !flow.at("steps").is_array())
        throw ArgumentError(QStringLiteral("flow: steps %1; expected an array")
                                .arg(flow.contains("steps")
                                         ? QString::fromStdString(flow.at("steps").dump()).left(80)
                                         : QStringLiteral("missing")));
    for (const auto& [key, v] : flow.items())
        if (key != "version" && key != "steps")
            throw ArgumentError(
                QStringLiteral("flow: unknown key \"%1\"").arg(QString::fromStdString(key)));
    ProcessingChain chain;
    int position = 0;
    for (const auto& entry : flow.at("steps")) {
        ++position;
        try {
            auto step = parseFlowStep(entry);
            if (stepEnabled(entry))
                chain.append(std::move(step));
        } catch (const ArgumentError& e) {
            throw ArgumentError(QStringLiteral("flow step %1: %2").arg(position).arg(e.detail()));
        }
    }
    return chain;
}

namespace {

nlohmann::ordered_json parseDocument(const QByteArray& text, const QString& origin) {
    try {
        return nlohmann::ordered_json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& e) {
        throw ArgumentError(origin,
                            QStringLiteral("not JSON: %1").arg(QString::fromUtf8(e.what())));
    }
}

// A pickmute step's relative "picks" path names a file beside the flow file: made absolute
// against the flow's folder. Anything malformed is left for parseFlow() to name.
void resolvePickFiles(nlohmann::ordered_json& flow, const QString& folder) {
    if (!flow.is_object() || !flow.contains("steps") || !flow["steps"].is_array())
        return;
    for (auto& entry : flow["steps"]) {
        if (!entry.is_object() || entry.value("step", nlohmann::ordered_json()) != "pickmute" ||
            !entry.contains("picks") || !entry["picks"].is_string())
            continue;
        const QString picks = QString::fromStdString(entry["picks"].get<std::string>());
        if (!picks.isEmpty() && QFileInfo(picks).isRelative())
            entry["picks"] = QDir(folder).absoluteFilePath(picks).toStdString();
    }
}

ProcessingChain parseFrom(const nlohmann::ordered_json& flow, const QString& origin) {
    try {
        return parseFlow(flow);
    } catch (const ArgumentError& e) {
        throw ArgumentError(origin, e.detail());
    }
}

} // namespace

ProcessingChain parseFlowText(const QByteArray& text, const QString& origin) {
    return parseFrom(parseDocument(text, origin), origin);
}

nlohmann::ordered_json flowToJson(const ProcessingChain& chain) {
    nlohmann::ordered_json flow;
    flow["version"] = kFlowVersion;
    flow["steps"] = nlohmann::ordered_json::array();
    for (const auto& step : chain.steps())
        flow["steps"].push_back(step->toJson());
    return flow;
}

nlohmann::ordered_json readFlowDocument(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw IoError(path, QStringLiteral("cannot read the flow: %1").arg(f.errorString()));
    // A flow is a few hundred bytes; anything beyond 16 MiB is not one.
    constexpr qint64 kMaxFlowBytes = qint64(16) << 20;
    if (f.size() > kMaxFlowBytes)
        throw ArgumentError(path, QStringLiteral("flow of %1 bytes; expected at most %2")
                                      .arg(f.size())
                                      .arg(kMaxFlowBytes));
    nlohmann::ordered_json flow = parseDocument(f.readAll(), path);
    resolvePickFiles(flow, QFileInfo(path).absolutePath());
    parseFrom(flow, path);
    return flow;
}

void writeFlowDocument(const QString& path, const nlohmann::ordered_json& flow) {
    QSaveFile f(path);
    const std::string text = flow.dump(2) + "\n";
    if (!f.open(QIODevice::WriteOnly) ||
        f.write(text.data(), qint64(text.size())) != qint64(text.size()) || !f.commit())
        throw IoError(path, QStringLiteral("cannot write the flow: %1").arg(f.errorString()));
}

ProcessingChain loadFlow(const QString& path) {
    return parseFlow(readFlowDocument(path));
}

void saveFlow(const QString& path, const ProcessingChain& chain) {
    writeFlowDocument(path, flowToJson(chain));
}

} // namespace seis
