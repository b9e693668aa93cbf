#include "seis/base/residentpages.h"

#include <algorithm>
#include <vector>

namespace seis::detail {

namespace {
constexpr qint64 kAround = qint64(2) << 20;
}

ResidentPages::ResidentPages(qint64 budgetBytes, std::function<void(qint64, qint64)> release)
    : m_budget(std::max<qint64>(0, budgetBytes))
    , m_release(std::move(release)) {}

void ResidentPages::touched(qint64 offset, qint64 length) {
    if (length <= 0)
        return;
    const qint64 begin = offset / kAround * kAround;
    const qint64 end = (offset + length + kAround - 1) / kAround * kAround;
    if (m_budget == 0) {
        m_release(begin, end - begin);
        return;
    }
    std::vector<Range> released;
    {
        std::lock_guard lock(m_mutex);
        // A sequential pass extends the newest range instead of adding one per block.
        if (!m_ranges.empty() && begin <= m_ranges.back().end && end >= m_ranges.back().begin) {
            Range& last = m_ranges.back();
            const qint64 before = last.end - last.begin;
            last.begin = std::min(last.begin, begin);
            last.end = std::max(last.end, end);
            m_total += (last.end - last.begin) - before;
        } else {
            m_ranges.push_back({begin, end});
            m_total += end - begin;
        }
        while (m_total > m_budget && !m_ranges.empty()) {
            Range& oldest = m_ranges.front();
            // Release whole 2 MB pieces from the front of the oldest range: a single long
            // sequential range is trimmed rather than dropped whole.
            const qint64 excess = (m_total - m_budget / 2 + kAround - 1) / kAround * kAround;
            const qint64 cut = std::min(excess, oldest.end - oldest.begin);
            released.push_back({oldest.begin, oldest.begin + cut});
            oldest.begin += cut;
            m_total -= cut;
            if (oldest.begin >= oldest.end)
                m_ranges.pop_front();
        }
    }
    // Outside the lock: a release walks page tables and flushes TLBs.
    for (const Range& r : released)
        m_release(r.begin, r.end - r.begin);
}

void ResidentPages::releaseAll() {
    std::deque<Range> ranges;
    {
        std::lock_guard lock(m_mutex);
        ranges.swap(m_ranges);
        m_total = 0;
    }
    for (const Range& r : ranges)
        m_release(r.begin, r.end - r.begin);
}

qint64 ResidentPages::recordedBytes() const {
    std::lock_guard lock(m_mutex);
    return m_total;
}

} // namespace seis::detail
