// Internal: explicit read-ahead for sequential passes over a file that may not be in the page
// cache.
#pragma once

#include "seis/base/parallel.h"
#include "seis/segy/segyfile.h"

#include <algorithm>
#include <atomic>

namespace seis::detail {

// The mapping is advised random, so page faults never read ahead: on a file that is not in the
// page cache every 4 KB page would be one synchronous read. A ReadAhead wraps each block of a
// pass; once a block takes faults that went to disk, it asks the kernel for the blocks ahead, so
// the disk streams while the CPU works. On a cached file it asks nothing (asking costs about
// 25 ms per GB even when everything is cached). Shared by the threads of one pass.
class ReadAhead {
public:
    // Nothing at or past byte `end` of the file is ever requested.
    ReadAhead(const SegyFile& file, qint64 end)
        : m_file(file)
        , m_end(end) {}

    // Runs `read()` over the bytes [offset, offset + length); when cold, keeps `blocksAhead`
    // blocks of that length requested beyond it.
    template <class Read> void run(qint64 offset, qint64 length, qint64 blocksAhead, Read&& read) {
        if (m_cold.load(std::memory_order_relaxed))
            request(offset + blocksAhead * length, length);
        const long majorBefore = threadMajorFaults();
        read();
        if (!m_cold.load(std::memory_order_relaxed) && threadMajorFaults() > majorBefore) {
            m_cold.store(true, std::memory_order_relaxed);
            request(offset + length, blocksAhead * length);
        }
    }

    void request(qint64 offset, qint64 length) const {
        if (offset < m_end)
            m_file.prefetchPages(offset, std::min(length, m_end - offset));
    }

private:
    const SegyFile& m_file;
    qint64 m_end;
    std::atomic<bool> m_cold{false};
};

} // namespace seis::detail
