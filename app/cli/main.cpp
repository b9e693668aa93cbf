// seisview-cli: the viewer's capabilities without a GUI. See cliarguments.cpp for the usage text.
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/error.h"
#include "seis/base/outputfile.h"

#include <QCoreApplication>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <new>

namespace {

void printError(const QString& message) {
    std::fprintf(stderr, "error: %s\n", message.toLocal8Bit().constData());
}

// Every command's standard output, whatever wrote it (seis::OutputFile or stdio), is checked
// here once: the stdio buffer flushed, its error flag and the close of descriptor 1 checked. A
// failure (a full disk, a broken pipe) turns a successful run into exit status 1 with one error
// line; a run that already failed keeps its status and its one error line.
int finishStandardOutput(int status) {
    errno = 0;
    int error = std::fflush(stdout) != 0 ? errno : 0;
    const bool flagged = std::ferror(stdout) != 0;
    // Closing reports errors some file systems only give at close. EBADF: descriptor 1 was
    // never open, and nothing was written to it (that would have failed above).
    if (std::fclose(stdout) != 0 && error == 0 && errno != EBADF)
        error = errno;
    if ((error == 0 && !flagged) || status != 0)
        return status;
    printError(QStringLiteral("standard output: %1")
                   .arg(error ? QString::fromLocal8Bit(std::strerror(error))
                              : QStringLiteral("write error")));
    return 1;
}

int runCommand(QStringList args) {
    using namespace seis::cli;
    try {
        if (args.isEmpty() || args.front() == QLatin1String("--help") ||
            args.front() == QLatin1String("-h")) {
            if (args.isEmpty()) {
                std::fputs(usage().toLocal8Bit().constData(), stderr);
            } else { // asked for: on standard output, every write checked (a full disk says so)
                seis::OutputFile out(QStringLiteral("-"));
                out.write(usage().toLocal8Bit());
                out.commit();
            }
            return args.isEmpty() ? 2 : 0;
        }
        const QString command = args.takeFirst();
        if (command == QLatin1String("info"))
            return runInfo(args);
        if (command == QLatin1String("dump"))
            return runDump(args);
        if (command == QLatin1String("process"))
            return runProcess(args);
        if (command == QLatin1String("headers"))
            return runHeaders(args);
        if (command == QLatin1String("ensembles"))
            return runEnsembles(args);
        if (command == QLatin1String("gathers"))
            return runGathers(args);
        if (command == QLatin1String("scroll"))
            return runScroll(args);
        if (command == QLatin1String("stats"))
            return runStats(args);
        if (command == QLatin1String("spectrum"))
            return runSpectrum(args);
        if (command == QLatin1String("export"))
            return runExport(args);
        if (command == QLatin1String("convert"))
            return runConvert(args);
        throw UsageError(QStringLiteral("unknown command '%1'").arg(command));
    } catch (const UsageError& e) {
        printError(QString::fromStdString(e.what()));
        std::fputs(usage().toLocal8Bit().constData(), stderr);
        return 2;
    } catch (const seis::Error& e) {
        printError(QString::fromStdString(e.what()));
    } catch (const std::bad_alloc&) {
        printError(QStringLiteral("out of memory"));
    } catch (const std::exception& e) {
        printError(QString::fromStdString(e.what()));
    }
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    // A closed pipe on standard output is a write error (EPIPE) reported like any other, not a
    // silent death by SIGPIPE.
    std::signal(SIGPIPE, SIG_IGN);
    // Ctrl-C, SIGTERM or SIGHUP during `dump -o F` leave nothing partial behind, not even the
    // hidden temporary; the process still dies of the signal.
    seis::removeTemporaryOutputsOnSignals();
    QCoreApplication app(argc, argv);
    // The viewer's name, so both share one cache directory (the ensemble indexes).
    QCoreApplication::setApplicationName(QStringLiteral("seisview"));
    return finishStandardOutput(runCommand(QCoreApplication::arguments().mid(1)));
}
