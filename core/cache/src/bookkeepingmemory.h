// Internal: the memory of the tile cache's long-lived small objects (each tile's header and
// shared_ptr control block, the nodes of its maps and LRU list), from pages of its own rather
// than from malloc's heaps.
//
// Why: a tile lives from its read to its eviction, and its small objects are allocated on the
// thread that reads it, around the decoder's own scratch allocations. c-blosc 1.x takes a
// scratch buffer of two blocks (2 MiB for zarr-python's default 1 MiB blocks) with
// posix_memalign for every chunk and frees it on return; glibc (2.36) serves such a request
// from a free chunk of the size plus the alignment plus 32 bytes and frees the few bytes in
// front of it into the thread's tcache, where the next small allocation takes them. A tile
// header placed there outlives the scratch buffer, and the freed buffer, now a little too small
// for the next request, stays behind it: each tile held kept up to one scratch buffer of free,
// resident heap (a 64 MB cache of 1 MiB-block chunks peaked at 186 MB, 89 MB for the same SEG-Y
// file). With nothing long-lived in the heaps the freed buffers merge again and are reused.
//
// The pool keeps what it was given (at most one page per 4096 bytes of objects live at once, a
// few hundred KB for any budget) for the life of the process; larger requests (hash buckets)
// are mapped and unmapped on their own.
//
// Threads: the resource may be used from any thread.
#pragma once

#include <memory_resource>

namespace seis::detail {

std::pmr::memory_resource* cacheBookkeepingMemory();

} // namespace seis::detail
