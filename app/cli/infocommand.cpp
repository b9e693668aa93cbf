// `info`: what the FILE is, as one JSON object. The layout and counts of any source; for SEG-Y,
// every header as well (this command shows SEG-Y headers, so it looks at the SEG-Y reader).
#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/segy/segyfile.h"
#include "seis/sources/opensource.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace seis::cli {

namespace {

// The SEG-Y file's own properties and headers.
void insertSegy(QJsonObject& o, const SegyFile& file) {
    o.insert(QStringLiteral("format"), static_cast<int>(file.format()));
    o.insert(QStringLiteral("format_name"), sampleFormatName(file.format()));
    o.insert(QStringLiteral("endianness"),
             file.byteOrder() == ByteOrder::Big ? QStringLiteral("big") : QStringLiteral("little"));
    o.insert(QStringLiteral("text_encoding"), textEncodingName(file.textEncoding()));
    o.insert(QStringLiteral("text_header"), file.textHeader());
    o.insert(QStringLiteral("extended_text_headers"),
             QJsonArray::fromStringList(file.extendedTextHeaders()));
    o.insert(QStringLiteral("binary_header"), file.binaryHeader().toJson());
    o.insert(QStringLiteral("first_trace_offset"), static_cast<double>(file.firstTraceOffset()));
    o.insert(QStringLiteral("trace_bytes"), static_cast<double>(file.traceBytes()));
    o.insert(QStringLiteral("file_size"), static_cast<double>(file.fileSize()));
    o.insert(QStringLiteral("warnings"), QJsonArray::fromStringList(file.warnings()));
}

} // namespace

int runInfo(const QStringList& argv) {
    const Arguments args(argv, {});
    const QString path = args.singleFile(QStringLiteral("info"));
    const auto source = openSource(path, args.openOptions());

    QJsonObject o;
    o.insert(QStringLiteral("file"), source->path());
    o.insert(QStringLiteral("traces"), static_cast<double>(source->traceCount()));
    o.insert(QStringLiteral("samples"), static_cast<double>(source->sampleCount()));
    o.insert(QStringLiteral("sample_interval_us"), source->sampleIntervalUs());
    if (const auto* segy = dynamic_cast<const SegyFile*>(source.get()))
        insertSegy(o, *segy);
    else // another format: what it says of itself, and no SEG-Y headers
        o.insert(QStringLiteral("format_name"), source->formatDescription());
    if (const QJsonObject layout = source->storageLayout(); !layout.isEmpty())
        o.insert(QStringLiteral("storage"), layout);
    // A store converted from SEG-Y keeps where it came from and its headers.
    if (!dynamic_cast<const SegyFile*>(source.get())) {
        if (const auto h = source->fileHeaders()) {
            o.insert(
                QStringLiteral("source"),
                QJsonObject{{QStringLiteral("path"), h->path},
                            {QStringLiteral("size"), double(h->size)},
                            {QStringLiteral("modified"), h->modified},
                            {QStringLiteral("format"), h->formatCode},
                            {QStringLiteral("format_name"), h->formatName},
                            {QStringLiteral("endianness"), h->byteOrder == ByteOrder::Big
                                                               ? QStringLiteral("big")
                                                               : QStringLiteral("little")},
                            {QStringLiteral("revision"),
                             QStringLiteral("%1.%2").arg(h->revisionMajor).arg(h->revisionMinor)}});
            o.insert(QStringLiteral("text_header"), h->textDecoded);
        }
    }
    OutputFile sink(QStringLiteral("-"), {.inputs = {path}}); // stdout, never appended to F
    sink.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    sink.commit();
    return 0;
}

} // namespace seis::cli
