// Trace header fields: the standard rev 1 table and custom fields given by byte and type.
#pragma once

#include "seis/base/fieldtype.h"
#include "seis/base/types.h"

#include <QString>
#include <optional>
#include <span>

namespace seis {

constexpr int kTraceHeaderBytes = 240;

// One field of the 240-byte trace header. `byte` is 1-based (1..240).
struct HeaderField {
    QString name; // the key it was asked for by (a standard name, or the spec text for customs)
    HeaderByte byte;
    FieldType type = FieldType::I4;
    friend bool operator==(const HeaderField&, const HeaderField&) = default;
};

struct StandardTraceField {
    const char* suName;     // Seismic Unix key, e.g. "fldr"
    const char* segyioName; // segyio TraceField name, e.g. "FieldRecord"
    int byte;               // 1-based
    FieldType type;

    // 0-based offset of the field in the 240-byte header.
    constexpr int offset() const { return byte - 1; }
    // The 1-based bytes it covers as the standard prints them, e.g. "115-116".
    QString bytesText() const;
};

// Every standard rev 1 trace header field by its Seismic Unix name, written once here: the
// table below (standardTraceFields()) and every reader use these, never a literal byte.
namespace tracefield {
inline constexpr StandardTraceField tracl{"tracl", "TRACE_SEQUENCE_LINE", 1, FieldType::I4};
inline constexpr StandardTraceField tracr{"tracr", "TRACE_SEQUENCE_FILE", 5, FieldType::I4};
inline constexpr StandardTraceField fldr{"fldr", "FieldRecord", 9, FieldType::I4};
inline constexpr StandardTraceField tracf{"tracf", "TraceNumber", 13, FieldType::I4};
inline constexpr StandardTraceField ep{"ep", "EnergySourcePoint", 17, FieldType::I4};
inline constexpr StandardTraceField cdp{"cdp", "CDP", 21, FieldType::I4};
inline constexpr StandardTraceField cdpt{"cdpt", "CDP_TRACE", 25, FieldType::I4};
inline constexpr StandardTraceField trid{"trid", "TraceIdentificationCode", 29, FieldType::I2};
inline constexpr StandardTraceField nvs{"nvs", "NSummedTraces", 31, FieldType::I2};
inline constexpr StandardTraceField nhs{"nhs", "NStackedTraces", 33, FieldType::I2};
inline constexpr StandardTraceField duse{"duse", "DataUse", 35, FieldType::I2};
inline constexpr StandardTraceField offset{"offset", "offset", 37, FieldType::I4};
inline constexpr StandardTraceField gelev{"gelev", "ReceiverGroupElevation", 41, FieldType::I4};
inline constexpr StandardTraceField selev{"selev", "SourceSurfaceElevation", 45, FieldType::I4};
inline constexpr StandardTraceField sdepth{"sdepth", "SourceDepth", 49, FieldType::I4};
inline constexpr StandardTraceField gdel{"gdel", "ReceiverDatumElevation", 53, FieldType::I4};
inline constexpr StandardTraceField sdel{"sdel", "SourceDatumElevation", 57, FieldType::I4};
inline constexpr StandardTraceField swdep{"swdep", "SourceWaterDepth", 61, FieldType::I4};
inline constexpr StandardTraceField gwdep{"gwdep", "GroupWaterDepth", 65, FieldType::I4};
inline constexpr StandardTraceField scalel{"scalel", "ElevationScalar", 69, FieldType::I2};
inline constexpr StandardTraceField scalco{"scalco", "SourceGroupScalar", 71, FieldType::I2};
inline constexpr StandardTraceField sx{"sx", "SourceX", 73, FieldType::I4};
inline constexpr StandardTraceField sy{"sy", "SourceY", 77, FieldType::I4};
inline constexpr StandardTraceField gx{"gx", "GroupX", 81, FieldType::I4};
inline constexpr StandardTraceField gy{"gy", "GroupY", 85, FieldType::I4};
inline constexpr StandardTraceField counit{"counit", "CoordinateUnits", 89, FieldType::I2};
inline constexpr StandardTraceField wevel{"wevel", "WeatheringVelocity", 91, FieldType::I2};
inline constexpr StandardTraceField swevel{"swevel", "SubWeatheringVelocity", 93, FieldType::I2};
inline constexpr StandardTraceField sut{"sut", "SourceUpholeTime", 95, FieldType::I2};
inline constexpr StandardTraceField gut{"gut", "GroupUpholeTime", 97, FieldType::I2};
inline constexpr StandardTraceField sstat{"sstat", "SourceStaticCorrection", 99, FieldType::I2};
inline constexpr StandardTraceField gstat{"gstat", "GroupStaticCorrection", 101, FieldType::I2};
inline constexpr StandardTraceField tstat{"tstat", "TotalStaticApplied", 103, FieldType::I2};
inline constexpr StandardTraceField laga{"laga", "LagTimeA", 105, FieldType::I2};
inline constexpr StandardTraceField lagb{"lagb", "LagTimeB", 107, FieldType::I2};
inline constexpr StandardTraceField delrt{"delrt", "DelayRecordingTime", 109, FieldType::I2};
inline constexpr StandardTraceField muts{"muts", "MuteTimeStart", 111, FieldType::I2};
inline constexpr StandardTraceField mute{"mute", "MuteTimeEND", 113, FieldType::I2};
inline constexpr StandardTraceField ns{"ns", "TRACE_SAMPLE_COUNT", 115, FieldType::U2};
inline constexpr StandardTraceField dt{"dt", "TRACE_SAMPLE_INTERVAL", 117, FieldType::U2};
inline constexpr StandardTraceField gain{"gain", "GainType", 119, FieldType::I2};
inline constexpr StandardTraceField igc{"igc", "InstrumentGainConstant", 121, FieldType::I2};
inline constexpr StandardTraceField igi{"igi", "InstrumentInitialGain", 123, FieldType::I2};
inline constexpr StandardTraceField corr{"corr", "Correlated", 125, FieldType::I2};
inline constexpr StandardTraceField sfs{"sfs", "SweepFrequencyStart", 127, FieldType::I2};
inline constexpr StandardTraceField sfe{"sfe", "SweepFrequencyEnd", 129, FieldType::I2};
inline constexpr StandardTraceField slen{"slen", "SweepLength", 131, FieldType::I2};
inline constexpr StandardTraceField styp{"styp", "SweepType", 133, FieldType::I2};
inline constexpr StandardTraceField stas{"stas", "SweepTraceTaperLengthStart", 135, FieldType::I2};
inline constexpr StandardTraceField stae{"stae", "SweepTraceTaperLengthEnd", 137, FieldType::I2};
inline constexpr StandardTraceField tatyp{"tatyp", "TaperType", 139, FieldType::I2};
inline constexpr StandardTraceField afilf{"afilf", "AliasFilterFrequency", 141, FieldType::I2};
inline constexpr StandardTraceField afils{"afils", "AliasFilterSlope", 143, FieldType::I2};
inline constexpr StandardTraceField nofilf{"nofilf", "NotchFilterFrequency", 145, FieldType::I2};
inline constexpr StandardTraceField nofils{"nofils", "NotchFilterSlope", 147, FieldType::I2};
inline constexpr StandardTraceField lcf{"lcf", "LowCutFrequency", 149, FieldType::I2};
inline constexpr StandardTraceField hcf{"hcf", "HighCutFrequency", 151, FieldType::I2};
inline constexpr StandardTraceField lcs{"lcs", "LowCutSlope", 153, FieldType::I2};
inline constexpr StandardTraceField hcs{"hcs", "HighCutSlope", 155, FieldType::I2};
inline constexpr StandardTraceField year{"year", "YearDataRecorded", 157, FieldType::I2};
inline constexpr StandardTraceField day{"day", "DayOfYear", 159, FieldType::I2};
inline constexpr StandardTraceField hour{"hour", "HourOfDay", 161, FieldType::I2};
inline constexpr StandardTraceField minute{"minute", "MinuteOfHour", 163, FieldType::I2};
inline constexpr StandardTraceField sec{"sec", "SecondOfMinute", 165, FieldType::I2};
inline constexpr StandardTraceField timbas{"timbas", "TimeBaseCode", 167, FieldType::I2};
inline constexpr StandardTraceField trwf{"trwf", "TraceWeightingFactor", 169, FieldType::I2};
inline constexpr StandardTraceField grnors{"grnors", "GeophoneGroupNumberRoll1", 171,
                                           FieldType::I2};
inline constexpr StandardTraceField grnofr{"grnofr", "GeophoneGroupNumberFirstTraceOrigField", 173,
                                           FieldType::I2};
inline constexpr StandardTraceField grnlof{"grnlof", "GeophoneGroupNumberLastTraceOrigField", 175,
                                           FieldType::I2};
inline constexpr StandardTraceField gaps{"gaps", "GapSize", 177, FieldType::I2};
inline constexpr StandardTraceField otrav{"otrav", "OverTravel", 179, FieldType::I2};
inline constexpr StandardTraceField cdpx{"cdpx", "CDP_X", 181, FieldType::I4};
inline constexpr StandardTraceField cdpy{"cdpy", "CDP_Y", 185, FieldType::I4};
inline constexpr StandardTraceField iline{"iline", "INLINE_3D", 189, FieldType::I4};
inline constexpr StandardTraceField xline{"xline", "CROSSLINE_3D", 193, FieldType::I4};
inline constexpr StandardTraceField sp{"sp", "ShotPoint", 197, FieldType::I4};
inline constexpr StandardTraceField scalsp{"scalsp", "ShotPointScalar", 201, FieldType::I2};
inline constexpr StandardTraceField trunit{"trunit", "TraceValueMeasurementUnit", 203,
                                           FieldType::I2};
inline constexpr StandardTraceField tdcm{"tdcm", "TransductionConstantMantissa", 205,
                                         FieldType::I4};
inline constexpr StandardTraceField tdcp{"tdcp", "TransductionConstantPower", 209, FieldType::I2};
inline constexpr StandardTraceField tdunit{"tdunit", "TransductionUnit", 211, FieldType::I2};
inline constexpr StandardTraceField trident{"trident", "TraceIdentifier", 213, FieldType::I2};
inline constexpr StandardTraceField scalt{"scalt", "ScalarTraceHeader", 215, FieldType::I2};
inline constexpr StandardTraceField stype{"stype", "SourceType", 217, FieldType::I2};
inline constexpr StandardTraceField sedm{"sedm", "SourceEnergyDirectionMantissa", 219,
                                         FieldType::I4};
inline constexpr StandardTraceField sede{"sede", "SourceEnergyDirectionExponent", 223,
                                         FieldType::I2};
inline constexpr StandardTraceField smm{"smm", "SourceMeasurementMantissa", 225, FieldType::I4};
inline constexpr StandardTraceField sme{"sme", "SourceMeasurementExponent", 229, FieldType::I2};
inline constexpr StandardTraceField smunit{"smunit", "SourceMeasurementUnit", 231, FieldType::I2};
inline constexpr StandardTraceField unass1{"unass1", "UnassignedInt1", 233, FieldType::I4};
inline constexpr StandardTraceField unass2{"unass2", "UnassignedInt2", 237, FieldType::I4};
} // namespace tracefield

// Every standard rev 1 trace header field, in byte order (iline/xline at 189/193).
std::span<const StandardTraceField> standardTraceFields();

// Looks up a standard field by SU name or segyio name (case-sensitive SU names first, then a
// case-insensitive match on either naming). The returned field's name is the text given.
std::optional<HeaderField> findStandardTraceField(QStringView name);

// Parses a field spec as used on the command line and in mappings:
//   a key name ("cdp", "CDP", "offset"), or a 1-based byte with optional type ("189", "189:i4",
//   "71:i2", "181:u4"; default i4). Throws ArgumentError naming the spec and what was expected
//   (unknown name, byte outside 1..240, field running past byte 240, unknown type).
HeaderField parseHeaderField(const QString& spec);

} // namespace seis
