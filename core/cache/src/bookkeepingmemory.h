// Internal: the memory of the tile cache's long-lived small objects (each tile's header and
// shared_ptr control block, the nodes of its maps and LRU list), from pages of its own rather
// than from malloc's heaps.
//
// Why: a tile lives from its read to its eviction, and its small objects are allocated on the
// thread that reads it, around the decoder's own scratch allocations. c-blosc 1.x takes a
// scratch buffer of two blocks (2 MiB for the 1 MiB blocks Blosc picks for chunks of 1.28 MB at
// lz4 level 9, 1 MiB at zarr-python's default level 5) with posix_memalign for every chunk and
// frees it on return; glibc (2.36) serves such a request from a free chunk of the size plus the
// alignment plus 32 bytes and frees the few bytes in front of it into the thread's tcache, where
// the next small allocation takes them. A tile header placed there outlives the scratch buffer, and
// the freed buffer, now a little too small for the next request, stays behind it: each tile held
// kept up to one scratch buffer of free, resident heap (a 64 MB cache of 1 MiB-block chunks peaked
// at 186 MB, 89 MB for the same SEG-Y file). With nothing long-lived in the heaps the freed buffers
// merge again and are reused (120 MB). What remains is the tcache's own: it holds up to 7 freed
// pieces of each small size per thread, each of which can still strand one buffer, whatever the
// run's length (with the tcache off, GLIBC_TUNABLES=glibc.malloc.tcache_count=0, the same run peaks
// at 96 MB).
//
// The pool keeps the pages it was given for the life of the process: as many as the most objects
// ever live at once need (a few hundred bytes per tile held: under a megabyte for a 1 GB cache);
// larger requests (hash buckets) are mapped and unmapped on their own.
//
// Threads: the resource may be used from any thread.
#pragma once

#include <memory_resource>

namespace seis::detail {

std::pmr::memory_resource* cacheBookkeepingMemory();

} // namespace seis::detail
