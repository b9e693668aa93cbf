// The 400-byte SEG-Y binary file header (file bytes 3201-3600): every rev 1 and rev 2 field, named.
#pragma once

#include "seis/base/fieldtype.h"
#include "seis/base/types.h"
#include "seis/segy/textheader.h"

#include <QJsonObject>
#include <QString>
#include <array>
#include <cstddef>
#include <optional>
#include <span>

namespace seis {

// The file header: the textual header, then the binary header; extended textual headers (if
// any) follow it, then the first trace.
constexpr std::size_t kBinaryHeaderBytes = 400;
constexpr qint64 kBinaryHeaderOffset = qint64(kTextHeaderBytes); // 0-based file offset (3200)
constexpr qint64 kFileHeaderBytes = kBinaryHeaderOffset + qint64(kBinaryHeaderBytes); // 3600
// The value of the rev 2 byte-order word (binaryfield::byte_order) read in the file's own byte
// order.
constexpr quint32 kByteOrderMagic = 0x01020304u;

struct BinaryHeaderField {
    const char* name; // short key, e.g. "hns" (Seismic Unix names where SU has one)
    int byte;         // 1-based file byte position, e.g. 3221
    FieldType type;
    const char* description; // as in the standard

    // 0-based offset of the field in the file, and in the 400-byte binary header.
    constexpr qint64 fileOffset() const { return byte - 1; }
    constexpr qint64 headerOffset() const { return fileOffset() - kBinaryHeaderOffset; }
    // The 1-based file bytes it covers as the standard prints them, e.g. "3225-3226".
    QString bytesText() const;
};

// Every named binary header field, written once here: the table (binaryHeaderFields()) and
// every reader and writer use these, never a literal byte.
namespace binaryfield {
inline constexpr BinaryHeaderField jobid{"jobid", 3201, FieldType::I4, "Job identification number"};
inline constexpr BinaryHeaderField lino{"lino", 3205, FieldType::I4, "Line number"};
inline constexpr BinaryHeaderField reno{"reno", 3209, FieldType::I4, "Reel number"};
inline constexpr BinaryHeaderField ntrpr{"ntrpr", 3213, FieldType::U2,
                                         "Number of data traces per ensemble"};
inline constexpr BinaryHeaderField nart{"nart", 3215, FieldType::U2,
                                        "Number of auxiliary traces per ensemble"};
inline constexpr BinaryHeaderField hdt{"hdt", 3217, FieldType::U2,
                                       "Sample interval (microseconds or Hz or m or ft)"};
inline constexpr BinaryHeaderField dto{"dto", 3219, FieldType::U2,
                                       "Sample interval of original field recording"};
inline constexpr BinaryHeaderField hns{"hns", 3221, FieldType::U2,
                                       "Number of samples per data trace"};
inline constexpr BinaryHeaderField nso{
    "nso", 3223, FieldType::U2, "Number of samples per data trace for original field recording"};
inline constexpr BinaryHeaderField format{"format", 3225, FieldType::I2, "Data sample format code"};
inline constexpr BinaryHeaderField fold{"fold", 3227, FieldType::U2, "Ensemble fold"};
inline constexpr BinaryHeaderField tsort{"tsort", 3229, FieldType::I2, "Trace sorting code"};
inline constexpr BinaryHeaderField vscode{"vscode", 3231, FieldType::I2, "Vertical sum code"};
inline constexpr BinaryHeaderField hsfs{"hsfs", 3233, FieldType::U2,
                                        "Sweep frequency at start (Hz)"};
inline constexpr BinaryHeaderField hsfe{"hsfe", 3235, FieldType::U2, "Sweep frequency at end (Hz)"};
inline constexpr BinaryHeaderField hslen{"hslen", 3237, FieldType::U2, "Sweep length (ms)"};
inline constexpr BinaryHeaderField hstyp{"hstyp", 3239, FieldType::I2, "Sweep type code"};
inline constexpr BinaryHeaderField schn{"schn", 3241, FieldType::U2,
                                        "Trace number of sweep channel"};
inline constexpr BinaryHeaderField hstas{"hstas", 3243, FieldType::U2,
                                         "Sweep trace taper length at start (ms)"};
inline constexpr BinaryHeaderField hstae{"hstae", 3245, FieldType::U2,
                                         "Sweep trace taper length at end (ms)"};
inline constexpr BinaryHeaderField htatyp{"htatyp", 3247, FieldType::I2, "Taper type"};
inline constexpr BinaryHeaderField hcorr{"hcorr", 3249, FieldType::I2, "Correlated data traces"};
inline constexpr BinaryHeaderField bgrcv{"bgrcv", 3251, FieldType::I2, "Binary gain recovered"};
inline constexpr BinaryHeaderField rcvm{"rcvm", 3253, FieldType::I2, "Amplitude recovery method"};
inline constexpr BinaryHeaderField mfeet{"mfeet", 3255, FieldType::I2,
                                         "Measurement system (1 metres, 2 feet)"};
inline constexpr BinaryHeaderField polyt{"polyt", 3257, FieldType::I2, "Impulse signal polarity"};
inline constexpr BinaryHeaderField vpol{"vpol", 3259, FieldType::I2, "Vibratory polarity code"};
inline constexpr BinaryHeaderField ext_ntrpr{"ext_ntrpr", 3261, FieldType::U4,
                                             "Extended number of data traces per ensemble (rev 2)"};
inline constexpr BinaryHeaderField ext_nart{
    "ext_nart", 3265, FieldType::U4, "Extended number of auxiliary traces per ensemble (rev 2)"};
inline constexpr BinaryHeaderField ext_hns{"ext_hns", 3269, FieldType::U4,
                                           "Extended number of samples per data trace (rev 2)"};
inline constexpr BinaryHeaderField ext_hdt{"ext_hdt", 3273, FieldType::F8,
                                           "Extended sample interval, IEEE double (rev 2)"};
inline constexpr BinaryHeaderField ext_dto{
    "ext_dto", 3281, FieldType::F8, "Extended sample interval of original field recording (rev 2)"};
inline constexpr BinaryHeaderField ext_nso{
    "ext_nso", 3289, FieldType::U4,
    "Extended number of samples of original field recording (rev 2)"};
inline constexpr BinaryHeaderField ext_fold{"ext_fold", 3293, FieldType::U4,
                                            "Extended ensemble fold (rev 2)"};
inline constexpr BinaryHeaderField byte_order{"byte_order", 3297, FieldType::U4,
                                              "Byte order constant 16909060 (rev 2)"};
inline constexpr BinaryHeaderField rev_major{"rev_major", 3501, FieldType::U1,
                                             "SEG-Y format revision, major number"};
inline constexpr BinaryHeaderField rev_minor{"rev_minor", 3502, FieldType::U1,
                                             "SEG-Y format revision, minor number"};
inline constexpr BinaryHeaderField trflag{"trflag", 3503, FieldType::I2, "Fixed length trace flag"};
inline constexpr BinaryHeaderField exth{
    "exth", 3505, FieldType::I2,
    "Number of 3200-byte extended textual file headers (-1: variable)"};
inline constexpr BinaryHeaderField max_add_trhdr{
    "max_add_trhdr", 3507, FieldType::U4,
    "Maximum number of additional 240-byte trace headers (rev 2)"};
inline constexpr BinaryHeaderField time_basis{"time_basis", 3511, FieldType::I2,
                                              "Time basis code (rev 2)"};
inline constexpr BinaryHeaderField ntraces{"ntraces", 3513, FieldType::U8,
                                           "Number of traces in this file or stream (rev 2)"};
inline constexpr BinaryHeaderField first_trace_offset{"first_trace_offset", 3521, FieldType::U8,
                                                      "Byte offset of first trace (rev 2)"};
inline constexpr BinaryHeaderField ntrailer{
    "ntrailer", 3529, FieldType::I4, "Number of 3200-byte data trailer stanza records (rev 2)"};
inline constexpr BinaryHeaderField rev{"rev", 3501, FieldType::U2,
                                       "Format revision as one 2-byte word (rev 1: 0x0100 = 256)"};
} // namespace binaryfield

// All named fields, in byte order.
std::span<const BinaryHeaderField> binaryHeaderFields();
const BinaryHeaderField* findBinaryHeaderField(QStringView name);

// A copy of the binary header bytes plus the byte order used to interpret them. Cheap to copy.
class BinaryHeader {
public:
    BinaryHeader() = default;
    BinaryHeader(const std::byte* bytes, ByteOrder order);

    ByteOrder byteOrder() const { return m_order; }
    const std::byte* bytes() const { return m_bytes.data(); }

    // Integer value of a named field; throws ArgumentError for an unknown name.
    qint64 value(QStringView name) const;
    double doubleValue(QStringView name) const;
    qint64 value(const BinaryHeaderField& field) const;
    double doubleValue(const BinaryHeaderField& field) const;

    // Every named field; integers as JSON numbers, the rev 2 doubles as numbers.
    QJsonObject toJson() const;

private:
    std::array<std::byte, kBinaryHeaderBytes> m_bytes{};
    ByteOrder m_order = ByteOrder::Big;
};

} // namespace seis
