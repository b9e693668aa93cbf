#include "seis/segy/binaryheader.h"

#include "seis/base/error.h"

#include <array>

namespace seis {

namespace {

using T = FieldType;

constexpr std::array<BinaryHeaderField, 45> kFields{{
    {"jobid", 3201, T::I4, "Job identification number"},
    {"lino", 3205, T::I4, "Line number"},
    {"reno", 3209, T::I4, "Reel number"},
    {"ntrpr", 3213, T::U2, "Number of data traces per ensemble"},
    {"nart", 3215, T::U2, "Number of auxiliary traces per ensemble"},
    {"hdt", 3217, T::U2, "Sample interval (microseconds or Hz or m or ft)"},
    {"dto", 3219, T::U2, "Sample interval of original field recording"},
    {"hns", 3221, T::U2, "Number of samples per data trace"},
    {"nso", 3223, T::U2, "Number of samples per data trace for original field recording"},
    {"format", 3225, T::I2, "Data sample format code"},
    {"fold", 3227, T::U2, "Ensemble fold"},
    {"tsort", 3229, T::I2, "Trace sorting code"},
    {"vscode", 3231, T::I2, "Vertical sum code"},
    {"hsfs", 3233, T::U2, "Sweep frequency at start (Hz)"},
    {"hsfe", 3235, T::U2, "Sweep frequency at end (Hz)"},
    {"hslen", 3237, T::U2, "Sweep length (ms)"},
    {"hstyp", 3239, T::I2, "Sweep type code"},
    {"schn", 3241, T::U2, "Trace number of sweep channel"},
    {"hstas", 3243, T::U2, "Sweep trace taper length at start (ms)"},
    {"hstae", 3245, T::U2, "Sweep trace taper length at end (ms)"},
    {"htatyp", 3247, T::I2, "Taper type"},
    {"hcorr", 3249, T::I2, "Correlated data traces"},
    {"bgrcv", 3251, T::I2, "Binary gain recovered"},
    {"rcvm", 3253, T::I2, "Amplitude recovery method"},
    {"mfeet", 3255, T::I2, "Measurement system (1 metres, 2 feet)"},
    {"polyt", 3257, T::I2, "Impulse signal polarity"},
    {"vpol", 3259, T::I2, "Vibratory polarity code"},
    {"ext_ntrpr", 3261, T::U4, "Extended number of data traces per ensemble (rev 2)"},
    {"ext_nart", 3265, T::U4, "Extended number of auxiliary traces per ensemble (rev 2)"},
    {"ext_hns", 3269, T::U4, "Extended number of samples per data trace (rev 2)"},
    {"ext_hdt", 3273, T::F8, "Extended sample interval, IEEE double (rev 2)"},
    {"ext_dto", 3281, T::F8, "Extended sample interval of original field recording (rev 2)"},
    {"ext_nso", 3289, T::U4, "Extended number of samples of original field recording (rev 2)"},
    {"ext_fold", 3293, T::U4, "Extended ensemble fold (rev 2)"},
    {"byte_order", 3297, T::U4, "Byte order constant 16909060 (rev 2)"},
    {"rev_major", 3501, T::U1, "SEG-Y format revision, major number"},
    {"rev_minor", 3502, T::U1, "SEG-Y format revision, minor number"},
    {"trflag", 3503, T::I2, "Fixed length trace flag"},
    {"exth", 3505, T::I2, "Number of 3200-byte extended textual file headers (-1: variable)"},
    {"max_add_trhdr", 3507, T::U4, "Maximum number of additional 240-byte trace headers (rev 2)"},
    {"time_basis", 3511, T::I2, "Time basis code (rev 2)"},
    {"ntraces", 3513, T::U8, "Number of traces in this file or stream (rev 2)"},
    {"first_trace_offset", 3521, T::U8, "Byte offset of first trace (rev 2)"},
    {"ntrailer", 3529, T::I4, "Number of 3200-byte data trailer stanza records (rev 2)"},
    {"rev", 3501, T::U2, "Format revision as one 2-byte word (rev 1: 0x0100 = 256)"},
}};

} // namespace

std::span<const BinaryHeaderField> binaryHeaderFields() {
    return kFields;
}

const BinaryHeaderField* findBinaryHeaderField(QStringView name) {
    for (const auto& f : kFields)
        if (name == QLatin1String(f.name))
            return &f;
    return nullptr;
}

BinaryHeader::BinaryHeader(const std::byte* bytes, ByteOrder order)
    : m_order(order) {
    std::copy(bytes, bytes + kBinaryHeaderBytes, m_bytes.begin());
}

qint64 BinaryHeader::value(const BinaryHeaderField& field) const {
    return readIntField(m_bytes.data() + (field.byte - 3201), field.type, m_order);
}

double BinaryHeader::doubleValue(const BinaryHeaderField& field) const {
    return readFloatField(m_bytes.data() + (field.byte - 3201), field.type, m_order);
}

static const BinaryHeaderField& requireField(QStringView name) {
    const auto* f = findBinaryHeaderField(name);
    if (!f)
        throw ArgumentError(QStringLiteral("unknown binary header field '%1'").arg(name));
    return *f;
}

qint64 BinaryHeader::value(QStringView name) const {
    return value(requireField(name));
}

double BinaryHeader::doubleValue(QStringView name) const {
    return doubleValue(requireField(name));
}

QJsonObject BinaryHeader::toJson() const {
    QJsonObject o;
    for (const auto& f : kFields) {
        if (isFloatType(f.type))
            o.insert(QLatin1String(f.name), doubleValue(f));
        else
            o.insert(QLatin1String(f.name), static_cast<double>(value(f)));
    }
    return o;
}

} // namespace seis
