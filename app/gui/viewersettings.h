// The viewer's header-mapping settings: user-defined header fields and which header keys group
// traces into ensembles, label the trace axis and show in the status bar.
//
// A key is a custom field name (looked up first), a standard trace header key (Seismic Unix
// "fldr", segyio "FieldRecord"...) or a 1-based byte spec ("189", "189:i4"); see
// seis::parseHeaderField. Byte positions are 1-based, as in the SEG-Y standard.
//
// Stored in QSettings under the group "headers":
//   mapping       the custom fields as HeaderMapping JSON (a string)
//   ensembleKeys  string list of 1 or 2 keys
//   labelKey      string: up to three comma-separated keys annotating the traces, one row each
//                 ("fldr,offset,cdp"; empty: trace numbers)
//   cursorKeys    string list
//   ensembleCacheMB  integer: the ensemble index cache's size bound in MB (2^20 bytes)
// Exported and imported as one JSON object (version 1):
//   {"version": 1, "ensembleKeys": ["fldr"], "labelKey": "", "cursorKeys": ["fldr", "cdp"],
//    "ensembleCacheMB": 64, "fields": [{"name": "shot", "byte": 9, "type": "i4"}, ...]}
// "fields" holds the same objects as HeaderMapping's JSON.
//
// Threads: a plain value type; load/save touch only the QSettings object given.
#pragma once

#include "seis/base/headermapping.h"
#include "seis/ensembles/ensembleindex.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <optional>
#include <vector>

class QSettings;

namespace seis::gui {

struct ViewerSettings {
    HeaderMapping custom;                             // user-defined fields: name -> byte:type
    QStringList ensembleKeys{QStringLiteral("fldr")}; // 1 or 2 keys
    // Up to kMaxLabelKeys comma-separated keys annotating the traces above the gather, a row
    // each, top to bottom ("fldr,offset,cdp"); empty: trace numbers.
    QString labelKey;
    static constexpr int kMaxLabelKeys = 3;
    QStringList cursorKeys{QStringLiteral("fldr"), QStringLiteral("cdp"),
                           QStringLiteral("offset")}; // shown for the trace under the cursor
    // The size bound of the ensemble index cache (shared with seisview-cli), in MB of 2^20
    // bytes, from 0 to kMaxEnsembleCacheMb: scans store indexes there and remove the least
    // recently used beyond it. 0: indexes are neither stored nor read (every open scans) and
    // the cache is emptied. See EnsembleScanOptions::cacheMaxBytes.
    qint64 ensembleCacheMb = kDefaultEnsembleCacheBytes >> 20;
    static constexpr qint64 kMaxEnsembleCacheMb = qint64(1) << 20; // 1 TiB

    // The bound in bytes, for EnsembleScanOptions::cacheMaxBytes.
    qint64 ensembleCacheBytes() const { return ensembleCacheMb << 20; }

    // The fields the keys name, resolved through custom.resolve() (custom names first, then
    // standard names, then byte specs), in the order given. Each throws ArgumentError naming the
    // key that does not resolve and what is expected; resolveEnsembleKeys also throws for zero or
    // more than two keys.
    std::vector<HeaderField> resolveEnsembleKeys() const;
    // The annotation rows' keys (none: trace numbers); more than kMaxLabelKeys throws too.
    std::vector<HeaderField> resolveLabelKeys() const;
    std::optional<HeaderField> resolveLabelKey() const; // the first of them; nullopt: none
    std::vector<HeaderField> resolveCursorKeys() const;

    // Checks the custom field names (non-empty, no surrounding spaces, no comma, not starting
    // with a digit, which would hide a byte spec), resolves every key and checks the cache bound
    // (0 to kMaxEnsembleCacheMb). Throws ArgumentError describing the first problem.
    void validate() const;

    // Reads the "headers" group. Never throws: a missing or unreadable value, or one that no
    // longer resolves (a key naming a custom field that is gone), falls back to its default; a
    // stored mapping that does not parse or has invalid names is dropped to the empty default.
    // The result always passes validate().
    static ViewerSettings load(QSettings& settings);
    // Writes the "headers" group (the values are written as they are, valid or not).
    void save(QSettings& settings) const;

    // The versioned JSON form above (indented UTF-8).
    QByteArray toJson() const;
    // Parses and validates. Members other than "version" may be left out and then take their
    // defaults, so a plain HeaderMapping JSON file imports as its fields. Throws ArgumentError
    // naming what is wrong (bad JSON with its offset, a version other than 1, a member of the
    // wrong type, a key that does not resolve, a cache bound that is not a whole number of MB in
    // range, with the value).
    static ViewerSettings fromJson(const QByteArray& json);

    // Validates, then writes toJson() to `path` through seis::OutputFile (a failure leaves no
    // partial file behind and an existing file as it was; a device or FIFO is written in place).
    // `inputs` (the open SEG-Y file) are refused as targets through any name. Throws
    // ArgumentError (prefixed with the path) for invalid settings and IoError naming the path
    // on I/O errors and for an input given as the target.
    void exportTo(const QString& path, const QStringList& inputs = {}) const;
    // Reads `path` with fromJson(). Throws IoError naming the path if it cannot be read and
    // ArgumentError (prefixed with the path) for bad content.
    static ViewerSettings importFrom(const QString& path);

    friend bool operator==(const ViewerSettings&, const ViewerSettings&) = default;
};

} // namespace seis::gui
