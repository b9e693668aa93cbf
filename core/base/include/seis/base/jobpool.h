// Internal: executors::jobs() (seis/base/executors.h lists every pool). The thread pool that long
// background jobs (ensemble scans, whole-file statistics, loads) run on, apart from
// QThreadPool::globalInstance().
//
// Why: Qt's raster paint engine and QtConcurrent's blocking helpers use the global pool and wait
// for it. A job that holds a global-pool thread for minutes (a scan of a terabyte file) would
// then stall painting on a 2-core machine, where the global pool has two threads.
//
// Threads: any thread may use the pool. It lives until the end of the process.
#pragma once

class QThreadPool;

namespace seis::detail {

QThreadPool* jobPool();

} // namespace seis::detail
