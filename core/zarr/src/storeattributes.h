// Internal to the Zarr module: the store's root attributes (.zattrs of the group), written by the
// sink and read by the source. Names are exact (README, "Zarr stores"):
//   sample_interval_us, start_time_ms, seisview_layout,
//   text_header (decoded, 40 lines joined by "\n"), text_header_raw, binary_header_raw,
//   extended_text_headers_raw (base64 of the file's bytes), extended_text_headers (decoded),
//   binary_header (object of named fields),
//   source {path, size, modified, format, format_name, byte_order, revision, text_encoding},
//   statistics {count, non_finite, zeros, min, max, mean, rms, abs_percentiles {"50": ...}}.
#pragma once

#include "seis/base/sourcefileheaders.h"
#include "seis/base/tracesink.h"

#include <QString>
#include <nlohmann/json.hpp>
#include <optional>

namespace seis {
struct AmplitudeStatistics;
}

namespace seis::zarr {

inline constexpr int kLayoutVersion = 1;

// The percentiles of |amplitude| kept in `statistics.abs_percentiles`.
inline constexpr double kStoredPercentiles[] = {50, 90, 95, 98, 99, 99.5, 99.9, 100};

nlohmann::json rootAttributes(const OutputLayout& layout,
                              const std::optional<SourceFileHeaders>& headers,
                              const AmplitudeStatistics& statistics);

// The source file's headers kept in `attrs`, or nullopt when the store has none (it was not
// converted from SEG-Y, or was written by another tool). Throws FormatError naming `where` when
// they are there but malformed.
std::optional<SourceFileHeaders> fileHeadersFromAttributes(const nlohmann::json& attrs,
                                                           const QString& where);

} // namespace seis::zarr
