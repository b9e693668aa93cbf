#include "bookkeepingmemory.h"

#include <sys/mman.h>
#include <unistd.h>

#include <new>

namespace seis::detail {

namespace {

// Whole pages straight from mmap: never in malloc's heaps.
class PageResource final : public std::pmr::memory_resource {
    static std::size_t rounded(std::size_t bytes) {
        static const std::size_t page = std::size_t(::sysconf(_SC_PAGESIZE));
        return (bytes + page - 1) / page * page;
    }
    void* do_allocate(std::size_t bytes, std::size_t alignment) override {
        if (alignment > std::size_t(::sysconf(_SC_PAGESIZE)))
            throw std::bad_alloc();
        void* p = ::mmap(nullptr, rounded(bytes), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            throw std::bad_alloc();
        return p;
    }
    void do_deallocate(void* p, std::size_t bytes, std::size_t) override {
        ::munmap(p, rounded(bytes));
    }
    bool do_is_equal(const std::pmr::memory_resource& other) const noexcept override {
        return this == &other;
    }
};

} // namespace

std::pmr::memory_resource* cacheBookkeepingMemory() {
    // Never destroyed: tiles (and their control blocks) may outlive every cache and static.
    static auto* pages = new PageResource;
    static auto* pool = new std::pmr::synchronized_pool_resource(
        std::pmr::pool_options{.max_blocks_per_chunk = 64, .largest_required_pool_block = 1024},
        pages);
    return pool;
}

} // namespace seis::detail
