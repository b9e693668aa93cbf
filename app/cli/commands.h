// The seisview-cli commands. Each returns the process exit status, throws UsageError for usage
// mistakes and lets seis::Error (see seis/base/error.h) through for bad input.
#pragma once

#include <QStringList>
#include <memory>
#include <vector>

#include "seis/base/traceheaderfield.h"

namespace seis {
class SortIndex;
class TraceSource;
} // namespace seis

namespace seis::zarr {
struct ConvertResult;
}

namespace seis::cli {

int runInfo(const QStringList& args);
int runDump(const QStringList& args);
int runProcess(const QStringList& args);
int runHeaders(const QStringList& args);
int runEnsembles(const QStringList& args);
int runGathers(const QStringList& args);
int runScroll(const QStringList& args);
int runStats(const QStringList& args);
int runSpectrum(const QStringList& args);
int runExport(const QStringList& args);
int runConvert(const QStringList& args);

class Arguments;
// The sort of `gathers` and `dump --gather`: --sort K1[,K2] and --sort-kb N (memory budget).
struct SortRequest {
    std::vector<HeaderField> keys;
    qint64 memoryBytes = 0;
};
// Reads --sort (UsageError when missing or empty, ArgumentError naming `path` and the key for a
// bad key) and --sort-kb (UsageError below 1).
SortRequest sortRequest(const Arguments& args, const QString& path);
// The sorted gathers of `source` (no progress output; temporary files in QDir::tempPath()).
std::unique_ptr<SortIndex> buildSortedGathers(const TraceSource& source, const SortRequest& sort);

// The JSON summary of a conversion on stdout (convert, export to .zarr): traces, samples, chunks,
// bytes_in, bytes_out, ratio, seconds, warnings. Returns 0.
int printConvertSummary(const zarr::ConvertResult& result, const QString& input);
// A store's path as given, without trailing slashes ("out.zarr/" is "out.zarr").
QString cleanOutputPath(const QString& path);

} // namespace seis::cli
