#include "seis/base/executors.h"

#include "seis/base/jobpool.h"
#include "seis/base/workerpool.h"

namespace seis::executors {

detail::WorkerPool& parallel() {
    return detail::WorkerPool::global();
}

QThreadPool* jobs() {
    return detail::jobPool();
}

} // namespace seis::executors
