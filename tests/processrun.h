// Runs a program to its end for the tests that drive seisview-cli and friends as a user would:
// stdin closed, stdout and stderr captured (or stdout to a file), with a guard against a hung
// process only (no test asserts on how long a run takes). Header-only.
#pragma once

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace seis::testsupport {

struct ProcessRun {
    int code = -1;
    QByteArray out;
    QByteArray err;
    bool crashed = false; // died of a signal, or could not be started
    bool hung = false;    // killed by the guard
    QString describe() const {
        return QStringLiteral("exit %1%2%3\n--- stdout:\n%4\n--- stderr:\n%5")
            .arg(code)
            .arg(crashed ? QStringLiteral(" (crashed)") : QString())
            .arg(hung ? QStringLiteral(" (hung, killed)") : QString())
            .arg(QString::fromLocal8Bit(out.left(2000)), QString::fromLocal8Bit(err.left(2000)));
    }
};

struct ProcessOptions {
    QString workingDir;
    QString stdoutFile;                             // empty: captured in ProcessRun::out
    bool append = false;                            // to stdoutFile
    std::optional<QProcessEnvironment> environment; // unset: the test's own
    int hangGuardMs = 60000;
};

inline ProcessRun runProcess(const QString& program, const QStringList& args,
                             const ProcessOptions& o = {}) {
    QProcess p;
    p.setProgram(program);
    p.setArguments(args);
    if (o.environment)
        p.setProcessEnvironment(*o.environment);
    if (!o.workingDir.isEmpty())
        p.setWorkingDirectory(o.workingDir);
    if (!o.stdoutFile.isEmpty())
        p.setStandardOutputFile(o.stdoutFile, o.append ? QIODevice::Append : QIODevice::Truncate);
    p.start();
    ProcessRun r;
    if (!p.waitForStarted(o.hangGuardMs)) {
        r.crashed = true;
        r.err = p.errorString().toLocal8Bit();
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(o.hangGuardMs)) {
        r.hung = true;
        p.kill();
        p.waitForFinished(o.hangGuardMs);
    }
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    r.crashed = p.exitStatus() != QProcess::NormalExit;
    r.code = p.exitCode();
    return r;
}

} // namespace seis::testsupport
