#include "seis/base/traceheaderfield.h"

#include "seis/base/error.h"

#include <array>

namespace seis {

namespace {

using T = FieldType;

constexpr std::array<StandardTraceField, 91> kFields{{
    {"tracl", "TRACE_SEQUENCE_LINE", 1, T::I4},
    {"tracr", "TRACE_SEQUENCE_FILE", 5, T::I4},
    {"fldr", "FieldRecord", 9, T::I4},
    {"tracf", "TraceNumber", 13, T::I4},
    {"ep", "EnergySourcePoint", 17, T::I4},
    {"cdp", "CDP", 21, T::I4},
    {"cdpt", "CDP_TRACE", 25, T::I4},
    {"trid", "TraceIdentificationCode", 29, T::I2},
    {"nvs", "NSummedTraces", 31, T::I2},
    {"nhs", "NStackedTraces", 33, T::I2},
    {"duse", "DataUse", 35, T::I2},
    {"offset", "offset", 37, T::I4},
    {"gelev", "ReceiverGroupElevation", 41, T::I4},
    {"selev", "SourceSurfaceElevation", 45, T::I4},
    {"sdepth", "SourceDepth", 49, T::I4},
    {"gdel", "ReceiverDatumElevation", 53, T::I4},
    {"sdel", "SourceDatumElevation", 57, T::I4},
    {"swdep", "SourceWaterDepth", 61, T::I4},
    {"gwdep", "GroupWaterDepth", 65, T::I4},
    {"scalel", "ElevationScalar", 69, T::I2},
    {"scalco", "SourceGroupScalar", 71, T::I2},
    {"sx", "SourceX", 73, T::I4},
    {"sy", "SourceY", 77, T::I4},
    {"gx", "GroupX", 81, T::I4},
    {"gy", "GroupY", 85, T::I4},
    {"counit", "CoordinateUnits", 89, T::I2},
    {"wevel", "WeatheringVelocity", 91, T::I2},
    {"swevel", "SubWeatheringVelocity", 93, T::I2},
    {"sut", "SourceUpholeTime", 95, T::I2},
    {"gut", "GroupUpholeTime", 97, T::I2},
    {"sstat", "SourceStaticCorrection", 99, T::I2},
    {"gstat", "GroupStaticCorrection", 101, T::I2},
    {"tstat", "TotalStaticApplied", 103, T::I2},
    {"laga", "LagTimeA", 105, T::I2},
    {"lagb", "LagTimeB", 107, T::I2},
    {"delrt", "DelayRecordingTime", 109, T::I2},
    {"muts", "MuteTimeStart", 111, T::I2},
    {"mute", "MuteTimeEND", 113, T::I2},
    {"ns", "TRACE_SAMPLE_COUNT", 115, T::U2},
    {"dt", "TRACE_SAMPLE_INTERVAL", 117, T::U2},
    {"gain", "GainType", 119, T::I2},
    {"igc", "InstrumentGainConstant", 121, T::I2},
    {"igi", "InstrumentInitialGain", 123, T::I2},
    {"corr", "Correlated", 125, T::I2},
    {"sfs", "SweepFrequencyStart", 127, T::I2},
    {"sfe", "SweepFrequencyEnd", 129, T::I2},
    {"slen", "SweepLength", 131, T::I2},
    {"styp", "SweepType", 133, T::I2},
    {"stas", "SweepTraceTaperLengthStart", 135, T::I2},
    {"stae", "SweepTraceTaperLengthEnd", 137, T::I2},
    {"tatyp", "TaperType", 139, T::I2},
    {"afilf", "AliasFilterFrequency", 141, T::I2},
    {"afils", "AliasFilterSlope", 143, T::I2},
    {"nofilf", "NotchFilterFrequency", 145, T::I2},
    {"nofils", "NotchFilterSlope", 147, T::I2},
    {"lcf", "LowCutFrequency", 149, T::I2},
    {"hcf", "HighCutFrequency", 151, T::I2},
    {"lcs", "LowCutSlope", 153, T::I2},
    {"hcs", "HighCutSlope", 155, T::I2},
    {"year", "YearDataRecorded", 157, T::I2},
    {"day", "DayOfYear", 159, T::I2},
    {"hour", "HourOfDay", 161, T::I2},
    {"minute", "MinuteOfHour", 163, T::I2},
    {"sec", "SecondOfMinute", 165, T::I2},
    {"timbas", "TimeBaseCode", 167, T::I2},
    {"trwf", "TraceWeightingFactor", 169, T::I2},
    {"grnors", "GeophoneGroupNumberRoll1", 171, T::I2},
    {"grnofr", "GeophoneGroupNumberFirstTraceOrigField", 173, T::I2},
    {"grnlof", "GeophoneGroupNumberLastTraceOrigField", 175, T::I2},
    {"gaps", "GapSize", 177, T::I2},
    {"otrav", "OverTravel", 179, T::I2},
    {"cdpx", "CDP_X", 181, T::I4},
    {"cdpy", "CDP_Y", 185, T::I4},
    {"iline", "INLINE_3D", 189, T::I4},
    {"xline", "CROSSLINE_3D", 193, T::I4},
    {"sp", "ShotPoint", 197, T::I4},
    {"scalsp", "ShotPointScalar", 201, T::I2},
    {"trunit", "TraceValueMeasurementUnit", 203, T::I2},
    {"tdcm", "TransductionConstantMantissa", 205, T::I4},
    {"tdcp", "TransductionConstantPower", 209, T::I2},
    {"tdunit", "TransductionUnit", 211, T::I2},
    {"trident", "TraceIdentifier", 213, T::I2},
    {"scalt", "ScalarTraceHeader", 215, T::I2},
    {"stype", "SourceType", 217, T::I2},
    {"sedm", "SourceEnergyDirectionMantissa", 219, T::I4},
    {"sede", "SourceEnergyDirectionExponent", 223, T::I2},
    {"smm", "SourceMeasurementMantissa", 225, T::I4},
    {"sme", "SourceMeasurementExponent", 229, T::I2},
    {"smunit", "SourceMeasurementUnit", 231, T::I2},
    {"unass1", "UnassignedInt1", 233, T::I4},
    {"unass2", "UnassignedInt2", 237, T::I4},
}};

HeaderField toField(const StandardTraceField& f, QStringView asked) {
    return HeaderField{asked.toString(), HeaderByte{f.byte}, f.type};
}

} // namespace

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
                                           "integer in 1..240")
                                .arg(text, bytePart));
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
                                           "past the 240-byte trace header")
                                .arg(text)
                                .arg(fieldTypeSize(type))
                                .arg(byte));
    return HeaderField{text, HeaderByte{byte}, type};
}

} // namespace seis
