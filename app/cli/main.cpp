// seisview-cli: the viewer's capabilities without a GUI. See cliarguments.cpp for the usage text.
#include "cliarguments.h"
#include "commands.h"

#include <seis/segyerror.h>

#include <QCoreApplication>
#include <cstdio>
#include <new>

namespace {

void printError(const QString& message) {
    std::fprintf(stderr, "error: %s\n", message.toLocal8Bit().constData());
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    // The viewer's name, so both share one cache directory (the ensemble indexes).
    QCoreApplication::setApplicationName(QStringLiteral("seisview"));
    QStringList args = QCoreApplication::arguments().mid(1);
    using namespace seis::cli;
    try {
        if (args.isEmpty() || args.front() == QLatin1String("--help") ||
            args.front() == QLatin1String("-h")) {
            std::fputs(usage().toLocal8Bit().constData(), args.isEmpty() ? stderr : stdout);
            return args.isEmpty() ? 2 : 0;
        }
        const QString command = args.takeFirst();
        if (command == QLatin1String("info"))
            return runInfo(args);
        if (command == QLatin1String("dump"))
            return runDump(args);
        if (command == QLatin1String("headers"))
            return runHeaders(args);
        if (command == QLatin1String("ensembles"))
            return runEnsembles(args);
        if (command == QLatin1String("scroll"))
            return runScroll(args);
        if (command == QLatin1String("stats"))
            return runStats(args);
        throw UsageError(QStringLiteral("unknown command '%1'").arg(command));
    } catch (const UsageError& e) {
        printError(QString::fromStdString(e.what()));
        std::fputs(usage().toLocal8Bit().constData(), stderr);
        return 2;
    } catch (const seis::SegyError& e) {
        printError(QString::fromStdString(e.what()));
    } catch (const seis::ArgumentError& e) {
        printError(QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        printError(QStringLiteral("out of memory"));
    } catch (const std::exception& e) {
        printError(QString::fromStdString(e.what()));
    }
    return 1;
}
