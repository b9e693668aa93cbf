#include "cliarguments.h"
#include "commands.h"

#include "seis/base/outputfile.h"
#include "seis/segy/segyfile.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace seis::cli {

int runInfo(const QStringList& argv) {
    const Arguments args(argv, {});
    const QString path = args.singleFile(QStringLiteral("info"));
    const SegyFile file(path, args.openOptions());

    QJsonObject o;
    o.insert(QStringLiteral("file"), file.path());
    o.insert(QStringLiteral("traces"), static_cast<double>(file.traceCount()));
    o.insert(QStringLiteral("samples"), static_cast<double>(file.sampleCount()));
    o.insert(QStringLiteral("sample_interval_us"), file.sampleIntervalUs());
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
    OutputFile sink(QStringLiteral("-"), {.inputs = {path}}); // stdout, never appended to F
    sink.write(QJsonDocument(o).toJson(QJsonDocument::Indented));
    sink.commit();
    return 0;
}

} // namespace seis::cli
