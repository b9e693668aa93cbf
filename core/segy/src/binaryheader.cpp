#include "seis/segy/binaryheader.h"

#include "seis/base/error.h"

#include <array>

namespace seis {

namespace {

namespace bf = binaryfield;

constexpr std::array<BinaryHeaderField, 45> kFields{{
    bf::jobid,
    bf::lino,
    bf::reno,
    bf::ntrpr,
    bf::nart,
    bf::hdt,
    bf::dto,
    bf::hns,
    bf::nso,
    bf::format,
    bf::fold,
    bf::tsort,
    bf::vscode,
    bf::hsfs,
    bf::hsfe,
    bf::hslen,
    bf::hstyp,
    bf::schn,
    bf::hstas,
    bf::hstae,
    bf::htatyp,
    bf::hcorr,
    bf::bgrcv,
    bf::rcvm,
    bf::mfeet,
    bf::polyt,
    bf::vpol,
    bf::ext_ntrpr,
    bf::ext_nart,
    bf::ext_hns,
    bf::ext_hdt,
    bf::ext_dto,
    bf::ext_nso,
    bf::ext_fold,
    bf::byte_order,
    bf::rev_major,
    bf::rev_minor,
    bf::trflag,
    bf::exth,
    bf::max_add_trhdr,
    bf::time_basis,
    bf::ntraces,
    bf::first_trace_offset,
    bf::ntrailer,
    bf::rev,
}};

} // namespace

QString BinaryHeaderField::bytesText() const {
    return QStringLiteral("%1-%2").arg(byte).arg(byte + fieldTypeSize(type) - 1);
}

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
    return readIntField(m_bytes.data() + field.headerOffset(), field.type, m_order);
}

double BinaryHeader::doubleValue(const BinaryHeaderField& field) const {
    return readFloatField(m_bytes.data() + field.headerOffset(), field.type, m_order);
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
