// A progress line on stderr, rewritten in place at most five times a second: for the long
// commands (export, convert) when stderr is a terminal.
#pragma once

#include <QString>
#include <chrono>

namespace seis::cli {

class ProgressLine {
public:
    explicit ProgressLine(bool enabled)
        : m_enabled(enabled) {}
    // Shows `text` unless the last line went out less than 200 ms ago (or `force`).
    void show(const QString& text, bool force = false);
    // Clears the line (when one was shown).
    void finish();

private:
    bool m_enabled;
    bool m_shown = false;
    std::chrono::steady_clock::time_point m_last{};
};

} // namespace seis::cli
