#include "seis/base/traceheaderfield.h"

#include "seis/base/error.h"

#include <array>

namespace seis {

namespace {

namespace tf = tracefield;

constexpr std::array<StandardTraceField, 91> kFields{{
    tf::tracl,  tf::tracr,   tf::fldr,   tf::tracf,  tf::ep,     tf::cdp,    tf::cdpt,   tf::trid,
    tf::nvs,    tf::nhs,     tf::duse,   tf::offset, tf::gelev,  tf::selev,  tf::sdepth, tf::gdel,
    tf::sdel,   tf::swdep,   tf::gwdep,  tf::scalel, tf::scalco, tf::sx,     tf::sy,     tf::gx,
    tf::gy,     tf::counit,  tf::wevel,  tf::swevel, tf::sut,    tf::gut,    tf::sstat,  tf::gstat,
    tf::tstat,  tf::laga,    tf::lagb,   tf::delrt,  tf::muts,   tf::mute,   tf::ns,     tf::dt,
    tf::gain,   tf::igc,     tf::igi,    tf::corr,   tf::sfs,    tf::sfe,    tf::slen,   tf::styp,
    tf::stas,   tf::stae,    tf::tatyp,  tf::afilf,  tf::afils,  tf::nofilf, tf::nofils, tf::lcf,
    tf::hcf,    tf::lcs,     tf::hcs,    tf::year,   tf::day,    tf::hour,   tf::minute, tf::sec,
    tf::timbas, tf::trwf,    tf::grnors, tf::grnofr, tf::grnlof, tf::gaps,   tf::otrav,  tf::cdpx,
    tf::cdpy,   tf::iline,   tf::xline,  tf::sp,     tf::scalsp, tf::trunit, tf::tdcm,   tf::tdcp,
    tf::tdunit, tf::trident, tf::scalt,  tf::stype,  tf::sedm,   tf::sede,   tf::smm,    tf::sme,
    tf::smunit, tf::unass1,  tf::unass2,
}};

HeaderField toField(const StandardTraceField& f, QStringView asked) {
    return HeaderField{asked.toString(), HeaderByte{f.byte}, f.type};
}

} // namespace

QString StandardTraceField::bytesText() const {
    return QStringLiteral("%1-%2").arg(byte).arg(byte + fieldTypeSize(type) - 1);
}

std::span<const StandardTraceField> standardTraceFields() {
    return kFields;
}

std::optional<HeaderField> findStandardTraceField(QStringView name) {
    for (const auto& f : kFields)
        if (name == QLatin1String(f.suName) || name == QLatin1String(f.segyioName))
            return toField(f, name);
    for (const auto& f : kFields)
        if (name.compare(QLatin1String(f.suName), Qt::CaseInsensitive) == 0 ||
            name.compare(QLatin1String(f.segyioName), Qt::CaseInsensitive) == 0)
            return toField(f, name);
    return std::nullopt;
}

HeaderField parseHeaderField(const QString& spec) {
    const QString text = spec.trimmed();
    if (text.isEmpty())
        throw ArgumentError(QStringLiteral("empty header field; expected a key name such as "
                                           "'cdp' or a byte position such as '189:i4'"));
    if (!text.front().isDigit()) {
        if (auto f = findStandardTraceField(text))
            return *f;
        throw ArgumentError(QStringLiteral("unknown header field '%1'; expected a trace header "
                                           "key such as fldr, cdp, offset, iline (or segyio's "
                                           "FieldRecord, CDP, INLINE_3D) or a byte position "
                                           "such as 189:i4")
                                .arg(text));
    }
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    const QString bytePart = colon < 0 ? text : text.left(colon);
    bool ok = false;
    const int byte = bytePart.toInt(&ok);
    if (!ok || byte < 1 || byte > kTraceHeaderBytes)
        throw ArgumentError(QStringLiteral("header field '%1': byte position '%2' is not an "
                                           "integer in 1..%3")
                                .arg(text, bytePart, QString::number(kTraceHeaderBytes)));
    FieldType type = FieldType::I4;
    if (colon >= 0) {
        const auto parsed = parseFieldType(QStringView(text).mid(colon + 1));
        if (!parsed)
            throw ArgumentError(QStringLiteral("header field '%1': unknown type '%2'; expected "
                                               "one of i1 u1 i2 u2 i4 u4 i8 u8 f4 f8")
                                    .arg(text, text.mid(colon + 1)));
        type = *parsed;
    }
    if (byte - 1 + fieldTypeSize(type) > kTraceHeaderBytes)
        throw ArgumentError(QStringLiteral("header field '%1': a %2-byte field at byte %3 runs "
                                           "past the %4-byte trace header")
                                .arg(text)
                                .arg(fieldTypeSize(type))
                                .arg(byte)
                                .arg(kTraceHeaderBytes));
    return HeaderField{text, HeaderByte{byte}, type};
}

} // namespace seis
