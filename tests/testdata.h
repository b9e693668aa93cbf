// The generated test files (SEIS_TEST_DATA) and what the generators wrote into them, from their
// manifests (manifest.json: python segyio's ensemble runs; long_traces.json). Header-only.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QtGlobal>

#include <vector>

namespace seis::testdata {

inline QString dataPath(const QString& name) {
    return qEnvironmentVariable("SEIS_TEST_DATA") + QLatin1Char('/') + name;
}

// The runs [first, count, value...] of ensemble file `file` for `keys` ("fldr", "cdp",
// "fldr,cdp"), as segyio wrote them; empty if the manifest has none.
inline QJsonArray expectedRuns(const QString& file, const QString& keys) {
    QFile f(dataPath(QStringLiteral("manifest.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const auto& e :
         QJsonDocument::fromJson(f.readAll()).object()[QLatin1String("ensembles")].toArray())
        if (e.toObject()[QLatin1String("name")].toString() == file)
            return e.toObject()[QLatin1String("runs")].toObject()[keys].toArray();
    return {};
}

// The long-trace files' manifest (tests/data/make_long_traces.py): the files and the expected
// decimated reads; empty if it is missing.
inline QJsonObject longTracesManifest() {
    QFile f(dataPath(QStringLiteral("long_traces.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

// The first key's value of every trace, expanded from single-key runs.
inline std::vector<qint64> valuePerTrace(const QJsonArray& runs) {
    std::vector<qint64> values;
    for (const auto& r : runs)
        values.insert(values.end(), std::size_t(r.toArray()[1].toInteger()),
                      r.toArray()[2].toInteger());
    return values;
}

} // namespace seis::testdata
