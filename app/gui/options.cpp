#include "options.h"

#include "seis/processing/flow.h"

#include <QCommandLineParser>
#include <QRegularExpression>
#include <cstring>

namespace seis::gui {

bool wantsScreenshot(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--screenshot") == 0 ||
            std::strncmp(argv[i], "--screenshot=", 13) == 0)
            return true;
    }
    return false;
}

namespace {

QSize parseSize(const QString& text) {
    static const QRegularExpression pattern(QStringLiteral("^(\\d{1,5})x(\\d{1,5})$"));
    const QRegularExpressionMatch match = pattern.match(text);
    const QSize size =
        match.hasMatch() ? QSize(match.captured(1).toInt(), match.captured(2).toInt()) : QSize();
    if (size.width() < 1 || size.height() < 1)
        throw UsageError(
            QStringLiteral("--size '%1': expected WIDTHxHEIGHT in pixels, e.g. 1280x800")
                .arg(text)
                .toStdString());
    return size;
}

} // namespace

Options parseOptions(const QStringList& arguments) {
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Viewer for SEG-Y seismic files."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"),
                                 QStringLiteral("SEG-Y file or Zarr store to open (default: the "
                                                "last file of the session, else the demo data)."),
                                 QStringLiteral("[FILE]"));
    const QCommandLineOption screenshot(
        QStringLiteral("screenshot"),
        QStringLiteral("Render the main window once without a display, save it and exit."),
        QStringLiteral("OUT.png"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size in pixels (default 1280x800)."),
                                  QStringLiteral("WxH"));
    const QCommandLineOption ensemble(
        QStringLiteral("ensemble"),
        QStringLiteral("Show ensemble N (0-based; ensembles by fldr) once the scan has found it."),
        QStringLiteral("N"));
    const QCommandLineOption mode(QStringLiteral("mode"),
                                  QStringLiteral("Display mode: density, wiggle, va or "
                                                 "density+wiggle (default density)."),
                                  QStringLiteral("MODE"));
    const QCommandLineOption agc(QStringLiteral("agc"),
                                 QStringLiteral("AGC window length in ms (default off)."),
                                 QStringLiteral("MS"));
    const QCommandLineOption normalize(QStringLiteral("normalize"),
                                       QStringLiteral("Scale each trace to a peak of 1."));
    const QCommandLineOption flow(QStringLiteral("flow"),
                                  QStringLiteral("Processing flow (JSON) to start with."),
                                  QStringLiteral("FLOW.json"));
    const QCommandLineOption sort(
        QStringLiteral("sort"),
        QStringLiteral("Show sorted gathers: every trace of equal K1, ordered by K2 (e.g. "
                       "cdp,offset); --ensemble then counts them."),
        QStringLiteral("K1[,K2]"));
    parser.addOptions({screenshot, size, ensemble, sort, mode, flow, agc, normalize});

    if (!parser.parse(arguments))
        throw UsageError(parser.errorText().toStdString());
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();

    Options options;
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1)
        throw UsageError("expected at most one FILE, got " + std::to_string(files.size()));
    if (!files.isEmpty())
        options.file = files.front();
    options.screenshot = parser.value(screenshot);
    if (parser.isSet(screenshot) && options.screenshot.isEmpty())
        throw UsageError("--screenshot needs an output file name");
    if (parser.isSet(size)) {
        options.size = parseSize(parser.value(size));
        options.sizeGiven = true;
    }
    if (parser.isSet(ensemble)) {
        bool ok = false;
        options.ensemble = parser.value(ensemble).toLongLong(&ok);
        if (!ok || *options.ensemble < 0)
            throw UsageError(QStringLiteral("--ensemble '%1': expected an ensemble number, 0 or "
                                            "more")
                                 .arg(parser.value(ensemble))
                                 .toStdString());
    }
    options.sort = parser.value(sort);
    if (parser.isSet(sort) && options.sort.isEmpty())
        throw UsageError("--sort needs one or two keys, e.g. cdp,offset");
    if (parser.isSet(mode)) {
        options.mode = displayModeFromName(parser.value(mode));
        if (!options.mode)
            throw UsageError(QStringLiteral("--mode '%1': expected density, wiggle, va or "
                                            "density+wiggle")
                                 .arg(parser.value(mode))
                                 .toStdString());
    }
    if (parser.isSet(agc)) {
        bool ok = false;
        const double ms = parser.value(agc).toDouble(&ok);
        if (!ok || !(ms > 0.0 && ms <= 1.0e6))
            throw UsageError(
                QStringLiteral("--agc '%1': expected a window length in ms, more than 0")
                    .arg(parser.value(agc))
                    .toStdString());
        options.agcWindowMs = ms;
    }
    options.normalize = parser.isSet(normalize);
    options.flow = parser.value(flow);
    if (parser.isSet(flow) && options.flow.isEmpty())
        throw UsageError("--flow needs a flow file name");
    return options;
}

nlohmann::ordered_json startFlow(const Options& options) {
    nlohmann::ordered_json flow;
    if (!options.flow.isEmpty()) {
        flow = readFlowDocument(options.flow);
    } else {
        flow["version"] = kFlowVersion;
        flow["steps"] = nlohmann::ordered_json::array();
    }
    if (options.agcWindowMs > 0)
        flow["steps"].push_back({{"step", "agc"}, {"window_ms", options.agcWindowMs}});
    if (options.normalize)
        flow["steps"].push_back({{"step", "balance"}, {"method", "max"}});
    return flow;
}

} // namespace seis::gui
