// Internal: how much of a read-only file mapping stays resident after it was read.
//
// Releasing the pages of every block as soon as it is read keeps a process's resident memory
// flat, but a pass that comes back to the same pages (a second header pass, a scroll back) then
// faults them in again, and every release costs a page-table walk and a TLB flush on every core
// running the process. ResidentPages keeps the most recently read ranges mapped up to a budget and
// releases the oldest ones only beyond it, so small and repeated passes pay nothing while memory
// stays bounded by the budget whatever the file size. Past the budget it releases down to half
// of it, so a long pass releases in pieces of half the budget: each release interrupts every
// core running the process (a TLB flush), and fewer, larger ones measured faster.
//
// Ranges are widened to 2 MB boundaries: a fault maps more than the page it needs (fault-around,
// large page-cache folios). Releasing a range another thread is reading is harmless: the mapping
// is read-only and shared, so that thread only faults the page in again.
//
// Threads: every member may be called from any thread.
#pragma once

#include <QtGlobal>

#include <deque>
#include <functional>
#include <mutex>

namespace seis::detail {

class ResidentPages {
public:
    // `release(offset, length)` drops the page-table entries of a byte range of the mapping.
    ResidentPages(qint64 budgetBytes, std::function<void(qint64, qint64)> release);

    // [offset, offset + length) of the mapping has been read. When more than the budget is
    // recorded, releases the oldest recorded ranges down to half the budget.
    void touched(qint64 offset, qint64 length);
    // Releases everything recorded.
    void releaseAll();

    qint64 budget() const { return m_budget; }
    qint64 recordedBytes() const;

private:
    struct Range {
        qint64 begin;
        qint64 end;
    };
    const qint64 m_budget;
    const std::function<void(qint64, qint64)> m_release;
    mutable std::mutex m_mutex;
    std::deque<Range> m_ranges; // oldest first
    qint64 m_total = 0;         // bytes in m_ranges (overlaps counted twice: errs on releasing)
};

} // namespace seis::detail
