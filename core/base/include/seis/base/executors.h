// Every thread pool of seisview, and why it exists. New work picks one of these; nothing else
// starts threads. (QtConcurrent appears only at the API edge, as a wrapper that runs a plain job
// function on jobs() and returns a QFuture.)
//
// | pool                        | threads                 | runs                                  |
// |-----------------------------|-------------------------|---------------------------------------|
// | executors::parallel()       | one per core            | the items of one parallel loop        |
// |   (detail::WorkerPool)      |                         | (runParallel, parallel.h): decoding   |
// |                             |                         | windows, header columns, statistics   |
// |                             |                         | blocks, the blocks of copyTraces. The |
// |                             |                         | caller always works too, so a busy    |
// |                             |                         | pool slows a loop, never deadlocks it.|
// |                             |                         | std::thread + std::mutex: TSan sees   |
// |                             |                         | every hand-off (Qt is not             |
// |                             |                         | instrumented).                        |
// | executors::jobs()           | max(4, cores)           | long jobs the UI waits on through a   |
// |   (QThreadPool)             |                         | QFuture: ensemble scans, whole-file   |
// |                             |                         | statistics, loads, exports and        |
// |                             |                         | conversions. Apart from Qt's global   |
// |                             |                         | pool, which the raster paint engine   |
// |                             |                         | waits on: a minutes-long job there    |
// |                             |                         | would stall painting on 2 cores.      |
// | TileCache (per cache)       | 1 request thread and    | the viewer's window requests and the  |
// |                             | up to 2 prefetch threads| prefetch of neighbouring tiles, so a  |
// |                             |                         | prefetch never queues before a window |
// |                             |                         | the user waits for (tilecache.cpp).   |
// | GatherNavigator (per view)  | 1 (QThreadPool)         | the header values and the processing  |
// |                             |                         | (chain, clip sample) of each window,  |
// |                             |                         | apart from samples so labels never    |
// |                             |                         | wait behind a long read, and never on |
// |                             |                         | the GUI thread; one thread, so an     |
// |                             |                         | older window never overtakes a newer. |
// |                             |                         | The chain's blocks of traces run as a |
// |                             |                         | parallel loop (parallel()).           |
// | QThreadPool::globalInstance | Qt's                    | Qt's own use only (painting,          |
// |                             |                         | QtConcurrent's blocking helpers).     |
//
// Threads: the accessors may be called from any thread; the pools live until the process ends.
#pragma once

class QThreadPool;

namespace seis::detail {
class WorkerPool;
}

namespace seis::executors {

// The pool of parallel loops (runParallel). Never block on a QFuture from one of its threads.
detail::WorkerPool& parallel();

// The pool of long jobs: QtConcurrent::run(executors::jobs(), ...).
QThreadPool* jobs();

} // namespace seis::executors
