#include "seis/base/headerscalars.h"

#include <cmath>

namespace seis {

namespace {

bool at(const HeaderField& field, const StandardTraceField& standard) {
    return field.byte.position == standard.byte && field.type == standard.type;
}

} // namespace

HeaderScalar headerScalarOf(const HeaderField& field) {
    namespace tf = tracefield;
    for (const StandardTraceField& f : {tf::sx, tf::sy, tf::gx, tf::gy, tf::cdpx, tf::cdpy})
        if (at(field, f))
            return HeaderScalar::Coordinate;
    for (const StandardTraceField& f :
         {tf::gelev, tf::selev, tf::sdepth, tf::gdel, tf::sdel, tf::swdep, tf::gwdep})
        if (at(field, f))
            return HeaderScalar::Elevation;
    return HeaderScalar::None;
}

HeaderField scalarField(HeaderScalar kind) {
    const StandardTraceField& f =
        kind == HeaderScalar::Elevation ? tracefield::scalel : tracefield::scalco;
    return HeaderField{QString::fromLatin1(f.suName), HeaderByte{f.byte}, f.type};
}

double applySegyScalar(qint64 value, qint64 scalar) {
    if (scalar > 0)
        return double(value) * double(scalar);
    if (scalar < 0)
        return double(value) / -double(scalar);
    return double(value);
}

QString formatScaledValue(double value) {
    if (std::isfinite(value) && value == std::round(value) && std::fabs(value) < 9.0e15)
        return QString::number(qint64(value));
    QString text = QString::number(value, 'f', 6);
    while (text.endsWith(QLatin1Char('0')))
        text.chop(1);
    if (text.endsWith(QLatin1Char('.')))
        text.chop(1);
    return text;
}

} // namespace seis
