#include "seis/base/error.h"

#include <QUnhandledException>

namespace seis {

Error::Error(const QString& file, const QString& message)
    : std::runtime_error(
          (file.isEmpty() ? message : file + QStringLiteral(": ") + message).toStdString())
    , m_file(file)
    , m_detail(message) {}

ArgumentError::ArgumentError(const QString& message)
    : Error(QString(), message) {}

ArgumentError::ArgumentError(const QString& file, const QString& message)
    : Error(file, message) {}

QString errorMessage(std::exception_ptr error) {
    try {
        std::rethrow_exception(error);
    } catch (const QUnhandledException& wrapped) {
        if (wrapped.exception())
            return errorMessage(wrapped.exception());
    } catch (const std::exception& e) {
        return QString::fromUtf8(e.what());
    } catch (...) {
    }
    return QStringLiteral("unknown error");
}

} // namespace seis
