#include "seis/zarr/arraymetadata.h"

#include "seis/base/error.h"

#include <QStringList>

namespace seis::zarr {

namespace {

bool validDtype(const QString& d) {
    // Byte order (<, >, |), kind (f, i, u, b), size in bytes.
    if (d.size() < 3 || !QStringLiteral("<>|").contains(d[0]) ||
        !QStringLiteral("fiub").contains(d[1]))
        return false;
    bool ok = false;
    const int size = d.mid(2).toInt(&ok);
    return ok && (size == 1 || size == 2 || size == 4 || size == 8);
}

} // namespace

int ArrayMetadata::itemSize() const {
    return dtype.mid(2).toInt();
}

qint64 ArrayMetadata::chunkCount(int dim) const {
    const auto d = std::size_t(dim);
    return (shape[d] + chunks[d] - 1) / chunks[d];
}

QString ArrayMetadata::chunkKey(std::span<const qint64> index) const {
    QStringList parts;
    for (qint64 i : index)
        parts << QString::number(i);
    return parts.join(dimensionSeparator);
}

nlohmann::json ArrayMetadata::toZarray() const {
    return {{"zarr_format", 2},
            {"shape", shape},
            {"chunks", chunks},
            {"dtype", dtype.toStdString()},
            {"compressor", compressor},
            {"fill_value", fillValue},
            {"order", "C"},
            {"filters", nullptr},
            {"dimension_separator", dimensionSeparator.toStdString()}};
}

ArrayMetadata ArrayMetadata::fromZarray(const nlohmann::json& z, const QString& where) {
    auto bad = [&](const QString& what) {
        return FormatError(where, QStringLiteral(".zarray: %1").arg(what));
    };
    if (!z.is_object())
        throw bad(QStringLiteral("expected a JSON object"));
    try {
        if (z.value("zarr_format", 0) != 2)
            throw bad(
                QStringLiteral("zarr_format %1; expected 2")
                    .arg(QString::fromStdString(z.value("zarr_format", nlohmann::json()).dump())));
        if (z.value("order", std::string("C")) != "C")
            throw bad(QStringLiteral("order \"%1\"; expected \"C\" (F order is not read)")
                          .arg(QString::fromStdString(z["order"].get<std::string>())));
        if (z.contains("filters") && !z["filters"].is_null() &&
            !(z["filters"].is_array() && z["filters"].empty()))
            throw bad(QStringLiteral("filters %1; expected none")
                          .arg(QString::fromStdString(z["filters"].dump())));
        ArrayMetadata m;
        m.shape = z.at("shape").get<std::vector<qint64>>();
        m.chunks = z.at("chunks").get<std::vector<qint64>>();
        m.dtype = QString::fromStdString(z.at("dtype").get<std::string>());
        m.fillValue = z.value("fill_value", nlohmann::json());
        m.compressor = z.value("compressor", nlohmann::json());
        m.dimensionSeparator =
            QString::fromStdString(z.value("dimension_separator", std::string(".")));
        if (m.shape.empty() || m.shape.size() != m.chunks.size())
            throw bad(QStringLiteral("shape and chunks of ranks %1 and %2; expected equal ranks "
                                     "of at least 1")
                          .arg(m.shape.size())
                          .arg(m.chunks.size()));
        for (std::size_t i = 0; i < m.shape.size(); ++i)
            if (m.shape[i] < 0 || m.chunks[i] < 1)
                throw bad(QStringLiteral("shape %1 with chunks %2 in dimension %3; expected "
                                         "shape >= 0 and chunks >= 1")
                              .arg(m.shape[i])
                              .arg(m.chunks[i])
                              .arg(i));
        if (!validDtype(m.dtype))
            throw bad(QStringLiteral("dtype \"%1\"; expected a numeric type such as \"<f4\"")
                          .arg(m.dtype));
        if (m.dimensionSeparator != QLatin1String(".") &&
            m.dimensionSeparator != QLatin1String("/"))
            throw bad(QStringLiteral("dimension_separator \"%1\"; expected \".\" or \"/\"")
                          .arg(m.dimensionSeparator));
        return m;
    } catch (const nlohmann::json::exception& e) {
        throw bad(QStringLiteral("malformed (%1)").arg(QString::fromUtf8(e.what())));
    }
}

} // namespace seis::zarr
