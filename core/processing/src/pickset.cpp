#include "seis/processing/pickset.h"

#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"

#include <QFile>
#include <QLocale>
#include <QSaveFile>
#include <cmath>

namespace seis {

namespace {

constexpr const char* kTimeColumn = "time_ms";
// A pick file is a few values per trace; anything this large is not one.
constexpr qint64 kMaxBytes = qint64(1) << 30;

void checkKeys(const QStringList& keys, const QString& origin, int line) {
    const auto fail = [&](const QString& message) {
        throw FormatError(origin, line > 0 ? QStringLiteral("line %1: %2").arg(line).arg(message)
                                           : message);
    };
    if (keys.isEmpty())
        fail(QStringLiteral("no key columns; expected at least one key name before time_ms"));
    for (qsizetype i = 0; i < keys.size(); ++i) {
        const QString& k = keys[i];
        if (k.isEmpty())
            fail(QStringLiteral("key %1 is empty; expected a header key name").arg(i + 1));
        if (k == QLatin1String(kTimeColumn))
            fail(QStringLiteral("key \"%1\"; expected time_ms only as the last column").arg(k));
        if (keys.indexOf(k) != i)
            fail(QStringLiteral("key \"%1\" given twice; expected distinct key names").arg(k));
        if (k == QLatin1String(PickSet::kTraceKey))
            continue;
        try {
            parseHeaderField(k);
        } catch (const ArgumentError& e) {
            fail(QStringLiteral("key \"%1\"; expected a trace header key or \"trace\" (%2)")
                     .arg(k, e.detail()));
        }
    }
}

} // namespace

PickSet::PickSet(QStringList keys)
    : m_keys(std::move(keys)) {
    try {
        checkKeys(m_keys, {}, 0);
    } catch (const FormatError& e) {
        throw ArgumentError(QStringLiteral("pick set: %1").arg(e.detail()));
    }
}

std::optional<double> PickSet::time(const Key& key) const {
    const auto it = m_picks.find(key);
    if (it == m_picks.end())
        return std::nullopt;
    return it->second;
}

void PickSet::set(const Key& key, double timeMs) {
    if (qsizetype(key.size()) != m_keys.size())
        throw ArgumentError(QStringLiteral("pick set: %1 key values; expected %2 (%3)")
                                .arg(key.size())
                                .arg(m_keys.size())
                                .arg(m_keys.join(QLatin1Char(','))));
    if (!std::isfinite(timeMs))
        throw ArgumentError(
            QStringLiteral("pick set: time %1 ms; expected a finite time").arg(timeMs));
    m_picks[key] = timeMs;
}

bool PickSet::remove(const Key& key) {
    return m_picks.erase(key) > 0;
}

QByteArray PickSet::toCsv() const {
    QByteArray out = m_keys.join(QLatin1Char(',')).toUtf8() + ',' + kTimeColumn + '\n';
    for (const auto& [key, time] : m_picks) {
        for (const qint64 v : key)
            out += QByteArray::number(v) + ',';
        // The shortest text that reads back as the same double.
        out += QByteArray::number(time, 'g', QLocale::FloatingPointShortest) + '\n';
    }
    return out;
}

PickSet PickSet::fromCsv(const QByteArray& text, const QString& origin) {
    const QList<QByteArray> lines = text.split('\n');
    PickSet set;
    bool header = false;
    std::map<Key, int> lineOf; // where each key was picked, for the duplicate's message
    for (qsizetype n = 0; n < lines.size(); ++n) {
        const int line = int(n + 1);
        QByteArray raw = lines[n];
        if (raw.endsWith('\r'))
            raw.chop(1);
        const QByteArray trimmed = raw.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith('#'))
            continue;
        QStringList fields;
        for (const QByteArray& f : trimmed.split(','))
            fields << QString::fromUtf8(f.trimmed());
        const auto fail = [&](const QString& message) {
            throw FormatError(origin, QStringLiteral("line %1: %2").arg(line).arg(message));
        };
        if (!header) {
            if (fields.size() < 2 || fields.last() != QLatin1String(kTimeColumn))
                fail(QStringLiteral("header \"%1\"; expected key names then time_ms "
                                    "(e.g. fldr,offset,time_ms)")
                         .arg(QString::fromUtf8(trimmed)));
            fields.removeLast();
            checkKeys(fields, origin, line);
            set.m_keys = fields;
            header = true;
            continue;
        }
        if (fields.size() != set.m_keys.size() + 1)
            fail(QStringLiteral("%1 fields; expected %2 (%3,time_ms)")
                     .arg(fields.size())
                     .arg(set.m_keys.size() + 1)
                     .arg(set.m_keys.join(QLatin1Char(','))));
        Key key(std::size_t(set.m_keys.size()));
        for (qsizetype i = 0; i < set.m_keys.size(); ++i) {
            bool ok = false;
            key[std::size_t(i)] = fields[i].toLongLong(&ok);
            if (!ok)
                fail(
                    QStringLiteral("%1 \"%2\"; expected an integer").arg(set.m_keys[i], fields[i]));
        }
        bool ok = false;
        const double time = fields.last().toDouble(&ok);
        if (!ok || !std::isfinite(time))
            fail(QStringLiteral("time_ms \"%1\"; expected a finite number").arg(fields.last()));
        const auto [it, inserted] = lineOf.emplace(key, line);
        if (!inserted)
            fail(QStringLiteral("the trace of line %1 picked again; expected one pick per trace")
                     .arg(it->second));
        set.m_picks[key] = time;
    }
    if (!header)
        throw FormatError(origin, QStringLiteral("no header line; expected key names then "
                                                 "time_ms (e.g. fldr,offset,time_ms)"));
    return set;
}

PickSet PickSet::load(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw IoError(path, QStringLiteral("cannot read the picks: %1").arg(f.errorString()));
    if (f.size() > kMaxBytes)
        throw FormatError(path, QStringLiteral("%1 bytes; expected a pick file of at most %2")
                                    .arg(f.size())
                                    .arg(kMaxBytes));
    const QByteArray text = f.readAll();
    if (f.error() != QFileDevice::NoError)
        throw IoError(path, QStringLiteral("cannot read the picks: %1").arg(f.errorString()));
    return fromCsv(text, path);
}

void PickSet::save(const QString& path) const {
    QSaveFile f(path);
    const QByteArray text = toCsv();
    if (!f.open(QIODevice::WriteOnly) || f.write(text) != text.size() || !f.commit())
        throw IoError(path, QStringLiteral("cannot write the picks: %1").arg(f.errorString()));
}

} // namespace seis
