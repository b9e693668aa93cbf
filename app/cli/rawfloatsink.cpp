#include "rawfloatsink.h"

#include "seis/base/error.h"

#include <bit>

namespace seis::cli {

RawFloatSink::RawFloatSink(const QString& path, const QStringList& inputs)
    : m_path(path) {
    m_file.emplace(path, OutputOptions{.inputs = inputs});
}

void RawFloatSink::begin(const OutputLayout& layout) {
    checkLayout(m_path, layout);
    m_layout = layout;
    m_written = 0;
}

void RawFloatSink::write(const TraceBlock& block) {
    checkBlock(m_path, m_layout, m_written, block);
    if (!m_file)
        throw IoError(m_path, QStringLiteral("the output was already closed"));
    // float32 little-endian is the host's own layout on every supported platform.
    static_assert(std::endian::native == std::endian::little);
    m_file->write(reinterpret_cast<const char*>(block.samples),
                  block.count * m_layout.sampleCount * qint64(sizeof(float)));
    m_written += block.count;
}

void RawFloatSink::commit() {
    if (!m_file)
        throw IoError(m_path, QStringLiteral("the output was already closed"));
    m_file->commit();
}

void RawFloatSink::abort() noexcept {
    m_file.reset(); // without commit(): the temporary is removed
}

} // namespace seis::cli
