#include "seis/zarr/zarrsource.h"

#include "seis/base/error.h"
#include "seis/base/fieldtype.h"
#include "seis/base/parallel.h"
#include "seis/zarr/arraymetadata.h"
#include "seis/zarr/codec.h"
#include "seis/zarr/storereaderv3.h"

#include "columnwriter.h"
#include "ensemblewriter.h"
#include "storeattributes.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace seis::zarr {

namespace {

using nlohmann::json;

// One array of the store: its metadata, codec and folder.
struct Array {
    QString dir; // the store path + "/" + name
    ArrayMetadata meta;
    std::unique_ptr<Codec> codec;
    double fill = 0; // the fill value as a number (NaN for "NaN"; 0 for null)
    std::shared_ptr<const ArrayReaderV3> v3; // a Zarr v3 array's chunks (storereaderv3.h)

    // The bytes of chunk `index` decoded (chunkBytes of them), or nullopt when the chunk's file
    // does not exist (the fill value).
    bool readChunk(std::span<const qint64> index, std::byte* out, std::size_t chunkBytes) const {
        if (v3)
            return v3->readChunk(index, out, chunkBytes, codec.get());
        const QString key = meta.chunkKey(index);
        const QString path = dir + QLatin1Char('/') + key;
        QFile f(path);
        if (!f.exists())
            return false;
        if (!f.open(QIODevice::ReadOnly))
            throw IoError(path, QStringLiteral("cannot read the chunk: %1").arg(f.errorString()));
        // Into a buffer each thread keeps: no allocation of a chunk's size for every read.
        thread_local QByteArray bytes;
        bytes.resize(qsizetype(f.size()));
        if (f.read(bytes.data(), bytes.size()) != bytes.size() || f.error() != QFileDevice::NoError)
            throw IoError(path, QStringLiteral("cannot read the chunk: %1").arg(f.errorString()));
        if (codec) {
            codec->decode(bytes, out, chunkBytes, path);
        } else {
            if (std::size_t(bytes.size()) != chunkBytes)
                throw FormatError(path,
                                  QStringLiteral("uncompressed chunk of %1 bytes; expected %2")
                                      .arg(bytes.size())
                                      .arg(chunkBytes));
            std::memcpy(out, bytes.constData(), chunkBytes);
        }
        return true;
    }
};

double fillNumber(const json& fill) {
    if (fill.is_number())
        return fill.get<double>();
    if (fill.is_string()) {
        const std::string s = fill.get<std::string>();
        if (s == "NaN")
            return std::numeric_limits<double>::quiet_NaN();
        if (s == "Infinity")
            return std::numeric_limits<double>::infinity();
        if (s == "-Infinity")
            return -std::numeric_limits<double>::infinity();
    }
    return 0;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw IoError(path, QStringLiteral("cannot read: %1").arg(f.errorString()));
    return f.readAll();
}

json parseJson(const QByteArray& bytes, const QString& where) {
    try {
        return json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const json::exception& e) {
        throw FormatError(where,
                          QStringLiteral("is not valid JSON: %1").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace

struct ZarrSource::Impl {
    QString path;
    json metadata; // key -> document: the consolidated metadata, or what was read from files
    Array amplitude;
    std::optional<Array> rawHeaders;
    // Decoded columns of headers/, by the field they hold (standard fields whose array has the
    // field's own type and one value per trace).
    std::vector<std::pair<HeaderField, Array>> columns;
    std::optional<SourceFileHeaders> fileHeaders;
    json attributes = json::object(); // the root's
    double intervalUs = 0;
    double startMs = 0;
    ByteOrder headerOrder = ByteOrder::Big;
    QString identity;
    bool v3 = false; // a Zarr v3 store: documents come from its zarr.json files

    // The document of `key` ("amplitude/.zarray"), or null when the store has none. For a v3
    // store, from its zarr.json files (v3Document; "<array>/.zarray" is the array's zarr.json).
    json document(const QString& key) const {
        if (v3)
            return v3Document(path, key);
        const std::string k = key.toStdString();
        if (metadata.contains(k))
            return metadata[k];
        const QString file = path + QLatin1Char('/') + key;
        if (!QFileInfo::exists(file))
            return nullptr;
        return parseJson(readAll(file), file);
    }

    Array openArray(const QString& name) const {
        Array a;
        a.dir = path + QLatin1Char('/') + name;
        const json z = document(name + QStringLiteral("/.zarray"));
        if (z.is_null())
            throw FormatError(
                path, QStringLiteral("has no array '%1' (no %1/%2)")
                          .arg(name, v3 ? QStringLiteral("zarr.json") : QStringLiteral(".zarray")));
        if (isV3Document(z)) {
            auto meta = ArrayMetadataV3::fromZarrJson(z, a.dir);
            a.meta = meta.array;
            a.v3 = std::make_shared<const ArrayReaderV3>(a.dir, std::move(meta));
        } else {
            a.meta = ArrayMetadata::fromZarray(z, a.dir);
        }
        a.codec = codecFromJson(a.meta.compressor, a.dir);
        a.fill = fillNumber(a.meta.fillValue);
        return a;
    }

    // Decodes rows [r0, r1) x columns [c0, c1) of 2-D `a` (element size `size`) into `dst`
    // (row-major, (c1 - c0) elements per row), one chunk per work item.
    template <class T>
    void readBlock(const Array& a, qint64 r0, qint64 r1, qint64 c0, qint64 c1, T* dst,
                   T fill) const {
        const qint64 cr = a.meta.chunks[0], cc = a.meta.chunks[1];
        const qint64 ci0 = r0 / cr, ci1 = (r1 - 1) / cr + 1;
        const qint64 cj0 = c0 / cc, cj1 = (c1 - 1) / cc + 1;
        const qint64 across = cj1 - cj0;
        const qint64 width = c1 - c0;
        detail::runParallel((ci1 - ci0) * across, detail::defaultThreads(), [&](qint64 item) {
            const qint64 ci = ci0 + item / across, cj = cj0 + item % across;
            const qint64 index[] = {ci, cj};
            const qint64 rs = std::max(r0, ci * cr), re = std::min(r1, (ci + 1) * cr);
            if (re - rs == cr && cj * cc == c0 && cc == width) {
                // The chunk is rows of the window, whole: decoded in place, no copy.
                T* out = dst + (rs - r0) * width;
                if (!a.readChunk(index, reinterpret_cast<std::byte*>(out),
                                 std::size_t(cr * cc) * sizeof(T)))
                    std::fill(out, out + cr * cc, fill);
                return;
            }
            thread_local std::vector<T> chunk; // kept, as readChunk's buffer
            chunk.resize(std::size_t(cr * cc));
            if (!a.readChunk(index, reinterpret_cast<std::byte*>(chunk.data()),
                             chunk.size() * sizeof(T)))
                std::fill(chunk.begin(), chunk.end(), fill);
            const qint64 cs = std::max(c0, cj * cc), ce = std::min(c1, (cj + 1) * cc);
            for (qint64 r = rs; r < re; ++r)
                std::memcpy(dst + (r - r0) * width + (cs - c0),
                            chunk.data() + (r - ci * cr) * cc + (cs - cj * cc),
                            std::size_t(ce - cs) * sizeof(T));
        });
    }

    // Values [t0, t1) of 1-D integer column `a` of type `type`, into `out`, one chunk per item.
    void readColumn(const Array& a, FieldType type, qint64 t0, qint64 t1, qint64* out) const {
        const qint64 c = a.meta.chunks[0];
        const qint64 width = fieldTypeSize(type);
        const qint64 first = t0 / c, last = (t1 - 1) / c + 1;
        detail::runParallel(last - first, detail::defaultThreads(), [&](qint64 item) {
            const qint64 ci = first + item;
            std::vector<std::byte> chunk(std::size_t(c * width), std::byte{0});
            const qint64 index[] = {ci};
            const bool present = a.readChunk(index, chunk.data(), chunk.size());
            const qint64 s = std::max(t0, ci * c), e = std::min(t1, (ci + 1) * c);
            for (qint64 t = s; t < e; ++t)
                out[t - t0] = present ? readIntField(chunk.data() + (t - ci * c) * width, type,
                                                     ByteOrder::Little)
                                      : qint64(a.fill);
        });
    }
};

ZarrSource::ZarrSource(const QString& path)
    : d(std::make_unique<Impl>()) {
    d->path = path;
    d->v3 = isV3Store(path);
    const QFileInfo info(path);
    if (!info.isDir())
        throw FormatError(path, QStringLiteral("is not a directory; expected a Zarr store"));
    const QString consolidated = path + QStringLiteral("/.zmetadata");
    if (QFileInfo::exists(consolidated)) {
        const json z = parseJson(readAll(consolidated), consolidated);
        if (!z.is_object() || !z.contains("metadata") || !z["metadata"].is_object())
            throw FormatError(consolidated, QStringLiteral("expected an object with \"metadata\""));
        d->metadata = z["metadata"];
    } else {
        d->metadata = json::object();
    }
    d->amplitude = d->openArray(QStringLiteral("amplitude"));
    const ArrayMetadata& m = d->amplitude.meta;
    if (m.shape.size() != 2 || m.dtype != QLatin1String("<f4"))
        throw FormatError(d->amplitude.dir,
                          QStringLiteral("amplitude is %1-D \"%2\"; expected 2-D \"<f4\" [trace, "
                                         "time]")
                              .arg(m.shape.size())
                              .arg(m.dtype));
    if (!d->document(QStringLiteral("raw_headers/.zarray")).is_null()) {
        Array h = d->openArray(QStringLiteral("raw_headers"));
        if (h.meta.shape.size() != 2 || h.meta.shape[0] != m.shape[0] ||
            h.meta.shape[1] != kTraceHeaderBytes || h.meta.itemSize() != 1)
            throw FormatError(
                h.dir, QStringLiteral("raw_headers is not 1-byte [%1, 240]").arg(m.shape[0]));
        d->rawHeaders = std::move(h);
    }
    for (const StandardTraceField& f : standardTraceFields()) {
        const QString name = QStringLiteral("headers/") + QString::fromLatin1(f.suName);
        if (d->document(name + QStringLiteral("/.zarray")).is_null())
            continue;
        Array column = d->openArray(name);
        // A column in another type or shape is not the field as the file has it: the field is
        // then read from raw_headers.
        if (column.meta.shape.size() != 1 || column.meta.shape[0] != m.shape[0] ||
            column.meta.dtype != ColumnWriter::dtype(f.type))
            continue;
        d->columns.emplace_back(
            HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type},
            std::move(column));
    }
    const json attrs = d->document(QStringLiteral(".zattrs"));
    if (attrs.is_object()) {
        d->attributes = attrs;
        d->fileHeaders = fileHeadersFromAttributes(attrs, path + QStringLiteral("/.zattrs"));
        // A root attribute of the wrong type is an error naming it, not a silent default.
        auto number = [&](const char* key) {
            if (!attrs.contains(key))
                return 0.0;
            if (!attrs[key].is_number())
                throw FormatError(
                    path + QStringLiteral("/.zattrs"),
                    QStringLiteral("root attribute %1 is %2; expected a number")
                        .arg(QLatin1String(key), QString::fromStdString(attrs[key].dump())));
            return attrs[key].get<double>();
        };
        d->intervalUs = number("sample_interval_us");
        d->startMs = number("start_time_ms");
        if (attrs.contains("source") && attrs["source"].is_object() &&
            attrs["source"].contains("byte_order") && attrs["source"]["byte_order"] == "little")
            d->headerOrder = ByteOrder::Little;
    }
    if (!(d->intervalUs > 0) && !d->document(QStringLiteral("time/.zarray")).is_null()) {
        const Array t = d->openArray(QStringLiteral("time"));
        if (t.meta.shape.size() == 1 && t.meta.dtype == QLatin1String("<f8") &&
            t.meta.shape[0] >= 2 && t.meta.chunks[0] >= 2) {
            std::vector<double> chunk(std::size_t(t.meta.chunks[0]));
            const qint64 zero[] = {0};
            if (t.readChunk(zero, reinterpret_cast<std::byte*>(chunk.data()),
                            chunk.size() * sizeof(double))) {
                d->startMs = chunk[0];
                d->intervalUs = (chunk[1] - chunk[0]) * 1000.0;
            }
        }
    }
    const QFileInfo stamp(QFileInfo::exists(consolidated)
                              ? consolidated
                              : d->amplitude.dir + (d->v3 ? QStringLiteral("/zarr.json")
                                                          : QStringLiteral("/.zarray")));
    d->identity = QStringLiteral("zarr:%1:%2:%3x%4:%5x%6")
                      .arg(info.absoluteFilePath())
                      .arg(stamp.lastModified().toMSecsSinceEpoch())
                      .arg(m.shape[0])
                      .arg(m.shape[1])
                      .arg(m.chunks[0])
                      .arg(m.chunks[1]);
}

ZarrSource::~ZarrSource() = default;

bool ZarrSource::isStore(const QString& path) {
    const QFileInfo info(path);
    return info.isDir() && (QFileInfo::exists(path + QStringLiteral("/.zgroup")) ||
                            QFileInfo::exists(path + QStringLiteral("/.zarray")) ||
                            QFileInfo::exists(path + QStringLiteral("/zarr.json")));
}

QString ZarrSource::path() const {
    return d->path;
}
qint64 ZarrSource::traceCount() const {
    return d->amplitude.meta.shape[0];
}
qint64 ZarrSource::sampleCount() const {
    return d->amplitude.meta.shape[1];
}
double ZarrSource::sampleIntervalUs() const {
    return d->intervalUs;
}
double ZarrSource::startTimeMs() const {
    return d->startMs;
}
ByteOrder ZarrSource::headerByteOrder() const {
    return d->headerOrder;
}
QString ZarrSource::identity() const {
    return d->identity;
}

std::optional<SourceFileHeaders> ZarrSource::fileHeaders() const {
    return d->fileHeaders;
}

std::optional<AmplitudeStatistics> ZarrSource::storedStatistics() const {
    const json& attrs = d->attributes;
    if (!attrs.contains("statistics") ||
        d->document(QStringLiteral("statistics/abs_histogram/.zarray")).is_null())
        return std::nullopt;
    const QString where = d->path + QStringLiteral("/statistics/abs_histogram");
    const Array h = d->openArray(QStringLiteral("statistics/abs_histogram"));
    const qint64 bins = AmplitudeStatistics::kHistogramBins;
    if (h.meta.shape != std::vector<qint64>{bins} || h.meta.chunks != std::vector<qint64>{bins} ||
        h.meta.dtype != QLatin1String("<u8"))
        throw FormatError(where, QStringLiteral("is not one chunk of %1 \"<u8\" counts").arg(bins));
    AmplitudeStatistics r;
    r.histogram.resize(std::size_t(bins));
    const qint64 zero[] = {0};
    if (!h.readChunk(zero, reinterpret_cast<std::byte*>(r.histogram.data()),
                     r.histogram.size() * sizeof(quint64)))
        return std::nullopt;
    try {
        const json& s = attrs["statistics"];
        auto number = [&](const char* key) {
            return s[key].is_number() ? s[key].get<double>()
                                      : std::numeric_limits<double>::quiet_NaN();
        };
        r.count = s.at("count").get<qint64>();
        r.nonFinite = s.at("non_finite").get<qint64>();
        r.zeros = s.at("zeros").get<qint64>();
        r.traces = traceCount();
        r.min = float(number("min"));
        r.max = float(number("max"));
        r.mean = number("mean");
        r.rms = number("rms");
    } catch (const json::exception& e) {
        throw FormatError(
            d->path + QStringLiteral("/.zattrs"),
            QStringLiteral("statistics are malformed: %1").arg(QString::fromUtf8(e.what())));
    }
    return r;
}

std::optional<StoredEnsembles>
ZarrSource::storedEnsembles(std::span<const HeaderField> keys) const {
    const json group = d->document(QStringLiteral("ensembles/.zattrs"));
    if (!group.is_object() || !group.contains("keys") || !group["keys"].is_array() ||
        group["keys"].size() != keys.size() || keys.empty() || keys.size() > 2)
        return std::nullopt;
    std::vector<QString> names;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const json& stored = group["keys"][k];
        // Written for other keys (or not understood): not these ensembles; a scan finds them.
        if (!stored.is_object() || !stored.contains("byte") ||
            !stored["byte"].is_number_integer() || !stored.contains("type") ||
            !stored["type"].is_string() || stored["byte"].get<qint64>() != keys[k].byte.position ||
            stored["type"].get<std::string>() != fieldTypeName(keys[k].type).toStdString())
            return std::nullopt;
        // The arrays are named by the key (ensemblewriter.h), never by a path the store gives.
        names.push_back(EnsembleWriter::keyName(keys[k]));
    }
    auto column = [&](const QString& name, FieldType type, std::vector<qint64>& out,
                      qint64 expected) {
        const Array a = d->openArray(QStringLiteral("ensembles/") + name);
        if (a.meta.shape.size() != 1 || (expected >= 0 && a.meta.shape[0] != expected) ||
            a.meta.shape[0] > traceCount() || a.meta.dtype != ColumnWriter::dtype(type))
            throw FormatError(a.dir, QStringLiteral("is not a 1-D \"%1\" array of %2 ensembles")
                                         .arg(ColumnWriter::dtype(type))
                                         .arg(expected));
        out.resize(std::size_t(a.meta.shape[0]));
        if (!out.empty())
            d->readColumn(a, type, 0, a.meta.shape[0], out.data());
        return a.meta.shape[0];
    };
    StoredEnsembles e;
    const qint64 count = column(QStringLiteral("first_trace"), FieldType::I8, e.firstTrace, -1);
    column(QStringLiteral("trace_count"), FieldType::I8, e.traceCount, count);
    column(names[0], keys[0].type, e.keys0, count);
    if (keys.size() == 2)
        column(names[1], keys[1].type, e.keys1, count);
    // They must cover every trace, in order: otherwise they are not this store's ensembles.
    qint64 next = 0;
    for (qint64 i = 0; i < count; ++i) {
        if (e.firstTrace[std::size_t(i)] != next || e.traceCount[std::size_t(i)] < 1)
            throw FormatError(d->path + QStringLiteral("/ensembles"),
                              QStringLiteral("ensemble %1 starts at trace %2 with %3 traces; "
                                             "expected trace %4 and at least one")
                                  .arg(i)
                                  .arg(e.firstTrace[std::size_t(i)])
                                  .arg(e.traceCount[std::size_t(i)])
                                  .arg(next));
        next += e.traceCount[std::size_t(i)];
    }
    if (next != traceCount())
        throw FormatError(
            d->path + QStringLiteral("/ensembles"),
            QStringLiteral("ensembles cover %1 traces; expected %2").arg(next).arg(traceCount()));
    return e;
}

QString ZarrSource::formatDescription() const {
    const ArrayMetadata& m = d->amplitude.meta;
    const json& c = m.compressor;
    QString codec = QStringLiteral("uncompressed");
    if (c.is_object()) {
        codec = QString::fromStdString(c.value("id", std::string("?")));
        if (c.contains("cname") && c["cname"].is_string())
            codec += QLatin1Char(' ') + QString::fromStdString(c["cname"].get<std::string>());
    }
    const ArrayMetadataV3* v3 = d->amplitude.v3 ? &d->amplitude.v3->metadata() : nullptr;
    return QStringLiteral("Zarr v%1 store, %2chunks %3 x %4, %5")
        .arg(d->v3 ? 3 : 2)
        .arg(v3 && v3->sharded() ? QStringLiteral("shards of %1 traces, ").arg(v3->shardShape[0])
                                 : QString())
        .arg(m.chunks[0])
        .arg(m.chunks[1])
        .arg(codec);
}

QJsonObject ZarrSource::storageLayout() const {
    const ArrayMetadata& m = d->amplitude.meta;
    auto array = [](const std::vector<qint64>& v) {
        QJsonArray a;
        for (const qint64 x : v)
            a.append(x);
        return a;
    };
    QJsonObject o;
    o.insert(QStringLiteral("zarr_format"), d->v3 ? 3 : 2);
    o.insert(QStringLiteral("shape"), array(m.shape));
    o.insert(QStringLiteral("chunks"), array(m.chunks));
    const ArrayMetadataV3* v3 = d->amplitude.v3 ? &d->amplitude.v3->metadata() : nullptr;
    if (v3 && v3->sharded())
        o.insert(QStringLiteral("shards"), array(v3->shardShape));
    o.insert(QStringLiteral("compressor"),
             QJsonDocument::fromJson(QByteArray::fromStdString(json{{"c", m.compressor}}.dump()))
                 .object()
                 .value(QStringLiteral("c")));
    o.insert(QStringLiteral("consolidated_metadata"), !d->metadata.empty());
    const json& storage = d->attributes.value("amplitude_storage", json::object());
    if (storage.is_object() && storage.contains("ratio") && storage["ratio"].is_number()) {
        for (const char* key : {"stored_bytes", "decoded_bytes"})
            if (storage.contains(key) && storage[key].is_number())
                o.insert(QStringLiteral("amplitude_") + QLatin1String(key),
                         storage[key].get<double>());
        o.insert(QStringLiteral("compression_ratio"), storage["ratio"].get<double>());
    }
    return o;
}

void ZarrSource::readWindow(TraceRange traces, SampleRange samples, float* dst) const {
    checkTraceRange(traces);
    checkSampleRange(samples);
    if (traces.count() == 0 || samples.count() == 0)
        return;
    d->readBlock<float>(d->amplitude, traces.begin, traces.end, samples.begin, samples.end, dst,
                        float(d->amplitude.fill));
}

void ZarrSource::readTraceHeaders(TraceRange traces, std::byte* dst) const {
    checkTraceRange(traces);
    if (traces.count() == 0)
        return;
    if (!d->rawHeaders) {
        // Built from the decoded columns the store has (each field at its byte, in the header
        // byte order), so that a copy keeps them; bytes no column covers are 0.
        std::memset(dst, 0, std::size_t(traces.count() * kTraceHeaderBytes));
        constexpr qint64 kBlock = 65536;
        std::vector<qint64> values;
        for (const auto& [field, column] : d->columns)
            for (qint64 b = traces.begin; b < traces.end; b += kBlock) {
                const qint64 e = std::min(traces.end, b + kBlock);
                values.resize(std::size_t(e - b));
                d->readColumn(column, field.type, b, e, values.data());
                for (qint64 t = b; t < e; ++t)
                    detail::storeIntField(dst + (t - traces.begin) * kTraceHeaderBytes +
                                              field.byte.position - 1,
                                          field.type, d->headerOrder, values[std::size_t(t - b)]);
            }
        return;
    }
    d->readBlock<std::byte>(*d->rawHeaders, traces.begin, traces.end, 0, kTraceHeaderBytes, dst,
                            std::byte{0});
}

void ZarrSource::readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                                   std::span<qint64* const> out) const {
    checkTraceRange(traces);
    if (out.size() != fields.size())
        throw ArgumentError(d->path, QStringLiteral("readHeaderColumns: %1 fields but %2 output "
                                                    "columns")
                                         .arg(fields.size())
                                         .arg(out.size()));
    for (const auto& f : fields)
        if (f.byte.position < 1 || f.byte.position - 1 + fieldTypeSize(f.type) > kTraceHeaderBytes)
            throw ArgumentError(d->path, QStringLiteral("header field '%1' at byte %2 does not fit "
                                                        "in the 240-byte trace header")
                                             .arg(f.name)
                                             .arg(f.byte.position));
    if (traces.count() == 0)
        return;
    // Fields the store has as decoded columns are read from them; the others from raw_headers
    // (absent fields read 0 when the store has neither).
    std::vector<std::size_t> fromRaw;
    for (std::size_t k = 0; k < fields.size(); ++k) {
        const auto column = std::find_if(d->columns.begin(), d->columns.end(), [&](const auto& c) {
            return c.first.byte == fields[k].byte && c.first.type == fields[k].type;
        });
        if (column != d->columns.end())
            d->readColumn(column->second, fields[k].type, traces.begin, traces.end, out[k]);
        else
            fromRaw.push_back(k);
    }
    if (fromRaw.empty())
        return;
    constexpr qint64 kBlock = 16384; // traces of headers decoded at a time (3.75 MB)
    std::vector<std::byte> headers;
    for (qint64 b = traces.begin; b < traces.end; b += kBlock) {
        const TraceRange block{b, std::min(traces.end, b + kBlock)};
        headers.resize(std::size_t(block.count() * kTraceHeaderBytes));
        readTraceHeaders(block, headers.data());
        for (const std::size_t k : fromRaw)
            for (qint64 t = 0; t < block.count(); ++t)
                out[k][b - traces.begin + t] = readIntField(headers.data() + t * kTraceHeaderBytes +
                                                                fields[k].byte.position - 1,
                                                            fields[k].type, d->headerOrder);
    }
}

} // namespace seis::zarr
