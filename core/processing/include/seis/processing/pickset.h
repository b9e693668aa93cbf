// A set of picked times: at most one time (ms) per trace, the trace named by the values of a few
// header keys (for example fldr and offset: the ensemble keys and the offset, which name a trace
// wherever a sort puts it), or by the pseudo key "trace" (the trace's 0-based index in the file)
// where headers cannot name it.
//
// CSV (exact; README, "Picking"): a header line of the key names then "time_ms", one row per
// pick, comma-separated, key values as integers, times in ms of recording time:
//
//     fldr,offset,time_ms
//     1,-150,212.5
//
// Blank lines and lines starting with '#' are skipped; fields may carry spaces around them.
// Rows are written in ascending order of the key values.
//
// Threads: a value type; const members may be called from any number of threads at once.
// Errors: seis/base/error.h. FormatError naming the file, the 1-based line and the value for a
// malformed CSV; IoError naming the file when it cannot be read or written.
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QtGlobal>

#include <map>
#include <optional>
#include <vector>

namespace seis {

class PickSet {
public:
    using Key = std::vector<qint64>; // one value per key name, in keys() order

    // The pseudo key naming a trace by its 0-based index in the file.
    static constexpr const char* kTraceKey = "trace";

    PickSet() = default;
    // `keys`: at least one name, no name twice, none "time_ms" (ArgumentError otherwise).
    explicit PickSet(QStringList keys);

    const QStringList& keys() const { return m_keys; }
    // The column of key `name`, or -1.
    qsizetype indexOf(const QString& name) const { return m_keys.indexOf(name); }
    bool empty() const { return m_picks.empty(); }
    std::size_t size() const { return m_picks.size(); }
    // Every pick, ascending by key.
    const std::map<Key, double>& picks() const { return m_picks; }

    // The time picked on the trace named by `key`, if any.
    std::optional<double> time(const Key& key) const;
    // Picks `timeMs` (finite) on that trace, replacing its earlier pick. ArgumentError for a key
    // of the wrong size or a non-finite time.
    void set(const Key& key, double timeMs);
    // Removes the trace's pick; returns whether there was one.
    bool remove(const Key& key);
    void clear() { m_picks.clear(); }

    bool operator==(const PickSet&) const = default;

    // The CSV text (see above).
    QByteArray toCsv() const;
    // Parses CSV text; `origin` (a path) names it in errors:
    // "picks.csv: line 3: time_ms \"abc\"; expected a number".
    static PickSet fromCsv(const QByteArray& text, const QString& origin);
    // Reads / writes a CSV file (written through a temporary file renamed when complete).
    static PickSet load(const QString& path);
    void save(const QString& path) const;

private:
    QStringList m_keys;
    std::map<Key, double> m_picks;
};

} // namespace seis
