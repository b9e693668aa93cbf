#include "seis/segyerror.h"

namespace seis {

SegyError::SegyError(const QString& file, const QString& message)
    : std::runtime_error((file + QStringLiteral(": ") + message).toStdString())
    , m_file(file)
    , m_detail(message) {}

ArgumentError::ArgumentError(const QString& message)
    : std::invalid_argument(message.toStdString()) {}

} // namespace seis
