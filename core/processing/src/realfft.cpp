#include "seis/processing/realfft.h"

#include "seis/base/error.h"

#include <kiss_fftr.h>

#include <QMutex>
#include <QMutexLocker>

#include <vector>

namespace seis {

static_assert(sizeof(kiss_fft_cpx) == sizeof(std::complex<float>));

struct RealFft::Plan {
    qint64 length = 0;
    // kiss_fftr's state for each direction: the half-length complex FFT's twiddles, a scratch
    // buffer and the real-FFT twiddles, 10 bytes per point.
    qint64 bytes() const { return 2 * 10 * length; }
    kiss_fftr_cfg forward = nullptr;
    kiss_fftr_cfg inverse = nullptr;
    ~Plan() {
        kiss_fftr_free(forward);
        kiss_fftr_free(inverse);
    }
};

namespace {

// Idle plans, most recently returned last.
struct PlanCache {
    QMutex mutex;
    std::vector<std::unique_ptr<RealFft::Plan>> idle;
    qint64 idleBytes = 0;
};

PlanCache& planCache() {
    static PlanCache cache;
    return cache;
}

} // namespace

qint64 fftLength(qint64 samples) {
    if (samples <= 0)
        return 0;
    // The smallest even 2^a 3^b 5^c >= 2 * samples is 2 * (the smallest 2^a 3^b 5^c >= samples).
    qint64 best = -1;
    for (qint64 p5 = 1;; p5 *= 5) {
        for (qint64 p35 = p5;; p35 *= 3) {
            qint64 n = p35;
            while (n < samples)
                n *= 2;
            if (best < 0 || n < best)
                best = n;
            if (p35 >= samples)
                break;
        }
        if (p5 >= samples)
            break;
    }
    return 2 * best;
}

RealFft::RealFft(qint64 length)
    : m_length(length) {
    if (length < 2 || length % 2 != 0 || length > (qint64(1) << 30))
        throw ArgumentError(
            QStringLiteral("RealFft: length %1; expected an even number from 2 to 2^30")
                .arg(length));
    {
        PlanCache& cache = planCache();
        QMutexLocker lock(&cache.mutex);
        for (auto it = cache.idle.rbegin(); it != cache.idle.rend(); ++it) {
            if ((*it)->length == length) {
                cache.idleBytes -= (*it)->bytes();
                m_plan = std::move(*it);
                cache.idle.erase(std::next(it).base());
                return;
            }
        }
    }
    auto plan = std::make_unique<Plan>();
    plan->length = length;
    plan->forward = kiss_fftr_alloc(int(length), 0, nullptr, nullptr);
    plan->inverse = kiss_fftr_alloc(int(length), 1, nullptr, nullptr);
    if (!plan->forward || !plan->inverse)
        throw std::bad_alloc();
    m_plan = std::move(plan);
}

RealFft::~RealFft() {
    if (m_plan->bytes() > kMaxIdleBytes)
        return;                                 // too big to keep: freed with m_plan
    std::vector<std::unique_ptr<Plan>> dropped; // freed outside the lock
    PlanCache& cache = planCache();
    QMutexLocker lock(&cache.mutex);
    cache.idleBytes += m_plan->bytes();
    cache.idle.push_back(std::move(m_plan));
    while (cache.idle.size() > std::size_t(kMaxIdlePlans) || cache.idleBytes > kMaxIdleBytes) {
        cache.idleBytes -= cache.idle.front()->bytes(); // the least recently returned
        dropped.push_back(std::move(cache.idle.front()));
        cache.idle.erase(cache.idle.begin());
    }
    lock.unlock();
}

void RealFft::forward(const float* in, std::complex<float>* out) {
    kiss_fftr(m_plan->forward, in, reinterpret_cast<kiss_fft_cpx*>(out));
}

void RealFft::inverse(const std::complex<float>* in, float* out) {
    kiss_fftri(m_plan->inverse, reinterpret_cast<const kiss_fft_cpx*>(in), out);
}

} // namespace seis
