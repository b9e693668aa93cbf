#include "progressline.h"

#include <cstdio>

namespace seis::cli {

void ProgressLine::show(const QString& text, bool force) {
    if (!m_enabled)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (!force && now - m_last < std::chrono::milliseconds(200))
        return;
    m_last = now;
    const QByteArray line = text.toLocal8Bit();
    std::fprintf(stderr, "\r%-79s", line.constData());
    std::fflush(stderr);
    m_shown = true;
}

void ProgressLine::finish() {
    if (m_shown)
        std::fputs("\r\033[K", stderr);
}

} // namespace seis::cli
