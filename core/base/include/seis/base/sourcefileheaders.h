// What a source keeps of the file it came from: the file-level headers as stored and decoded,
// and where the data came from. A Zarr store keeps a SEG-Y file's (root attributes), so that it
// converts back to the same SEG-Y byte for byte and `info` can still say where it came from.
//
// Format-neutral: SEG-Y fills it from its file, a store from its attributes; writers take what
// they understand. Sizes: text 3200 bytes, binary 400 bytes, extended text 3200 bytes per block.
#pragma once

#include "seis/base/types.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace seis {

struct SourceFileHeaders {
    QByteArray text;         // the textual header as stored (3200 bytes), empty when unknown
    QString textDecoded;     // its 40 lines of 80 characters joined by "\n"
    QString textEncoding;    // "ebcdic" or "ascii"
    QByteArray binary;       // the binary header as stored (400 bytes, in byteOrder)
    QByteArray extendedText; // the extended textual headers as stored (3200 bytes each)
    QStringList extendedDecoded;
    // The binary header's named fields, decoded, in header order (e.g. {"format", 1}).
    std::vector<std::pair<QString, qint64>> binaryFields;
    int formatCode = 0; // the SEG-Y sample format code of the file (1: IBM float ...)
    QString formatName; // e.g. "4-byte IBM float"
    ByteOrder byteOrder = ByteOrder::Big;
    int revisionMajor = 0; // e.g. 1 for rev 1.0
    int revisionMinor = 0;
    QString path;     // the file as it was opened (absolute)
    qint64 size = 0;  // bytes
    QString modified; // its modification time, ISO 8601 UTC with milliseconds
};

} // namespace seis
