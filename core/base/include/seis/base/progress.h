// The job types every long job of the core shares: how it reports progress and how it ends.
// The contract of signatures (what throws, what returns a status) is in seis/base/error.h.
#pragma once

#include <QtGlobal>

#include <functional>

namespace seis {

// Called on the thread that started the job, after each piece of work it finished, with the
// work done so far and the total (in the job's own unit: traces for loads and copies). Return
// false to cancel; the job then returns LoadStatus::Cancelled at its next check.
using ProgressCallback = std::function<bool(qint64 done, qint64 total)>;

// How a job that can be cancelled ended. Failures are exceptions, never a status.
enum class LoadStatus { Completed, Cancelled };

} // namespace seis
