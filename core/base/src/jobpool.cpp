#include "seis/base/jobpool.h"

#include <QThread>
#include <QThreadPool>

#include <algorithm>

namespace seis::detail {

QThreadPool* jobPool() {
    // Jobs mostly wait for the disk or fan out on their own workers: a few threads suffice, and
    // more jobs than threads queue rather than oversubscribe the cores.
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool; // never deleted: jobs may still run while statics go away
        p->setMaxThreadCount(std::max(4, QThread::idealThreadCount()));
        p->setObjectName(QStringLiteral("seis job pool"));
        return p;
    }();
    return pool;
}

} // namespace seis::detail
