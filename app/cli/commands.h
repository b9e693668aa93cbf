// The seisview-cli commands. Each returns the process exit status, throws UsageError for usage
// mistakes and lets seis::Error (see seis/base/error.h) through for bad input.
#pragma once

#include <QStringList>

namespace seis::zarr {
struct ConvertResult;
}

namespace seis::cli {

int runInfo(const QStringList& args);
int runDump(const QStringList& args);
int runProcess(const QStringList& args);
int runHeaders(const QStringList& args);
int runEnsembles(const QStringList& args);
int runScroll(const QStringList& args);
int runStats(const QStringList& args);
int runSpectrum(const QStringList& args);
int runExport(const QStringList& args);
int runConvert(const QStringList& args);
// The JSON summary of a conversion on stdout (convert, export to .zarr): traces, samples, chunks,
// bytes_in, bytes_out, ratio, seconds, warnings. Returns 0.
int printConvertSummary(const zarr::ConvertResult& result, const QString& input);
// A store's path as given, without trailing slashes ("out.zarr/" is "out.zarr").
QString cleanOutputPath(const QString& path);

} // namespace seis::cli
