#include "seis/base/progresstracker.h"

#include <QLocale>
#include <chrono>
#include <cmath>
#include <deque>

namespace seis {

// How the numbers are made
// ------------------------
// Throughput is the plain mean over the last kWindowMs of updates: the units done since the
// moment 5 s before the latest update (the count at that moment is interpolated between the two
// samples around it) divided by 5 s. A mean over a fixed span is right for jobs that report in
// bursts (several chunks finishing together, then nothing for a while), which a median or an
// outlier filter would badly misread, and a slow phase older than the window no longer counts.
//
// The ETA is remaining / R, where R is an exponential moving average of that window rate with a
// time constant of kSmoothMs (2 s), weighted by the time between updates so that it does not
// depend on how often the job reports. The window already bounds what one anomaly can do: a
// burst or a stall worth `s` seconds of work moves the window rate by s / 5 s, no more (the
// tests hold a 1 s burst to within 20 % of the true ETA and a 1 s stall to within 25 %). But it
// does so as a step when the anomaly enters the window and another when it leaves 5 s later; the
// moving average turns those steps into a glide (with updates 100 ms apart, no single update
// moves R by more than 5 % of the step), so the ETA settles instead of jumping. A lasting change
// of rate is fully in the window after 5 s and R follows within one to two and a half time
// constants more: the ETA is within 10 % of the new truth 7 s (rate x4) to 10 s (rate / 4) after
// the change. A longer time constant would damp anomalies a little more but follow real changes
// much later; a shorter one brings back the steps.
//
// Between updates the ETA counts down with the clock (the job is assumed to go on at R), so at a
// steady rate it moves smoothly and meets the next update's value. It counts down for at most
// max(1 s, two typical update intervals): once an update is overdue the job has probably stalled,
// and counting on to 0:00 would be a promise the job is not keeping. While overdue the shown
// throughput is measured up to now, so it decays to 0 during a real stall, and once nothing has
// been done for a whole window the ETA becomes unknown.
//
// Memory: updates closer than kCoalesceMs to the one before the latest are merged into the
// latest, so a window holds at most about 2 * kWindowMs / kCoalesceMs samples however often the
// job reports; older samples are dropped but for one, the anchor the interpolation needs.

namespace {

constexpr double kSmoothMs = 2000;       // time constant of the rate average the ETA uses
constexpr qint64 kCoalesceMs = 100;      // samples closer than this are merged
constexpr qint64 kMinCountdownMs = 1000; // the ETA counts down at least this long without updates
constexpr std::size_t kMaxSamples = 512; // a safety net: coalescing keeps the count near 100

struct Sample {
    qint64 t = 0; // ms
    qint64 done = 0;
};

qint64 steadyNowMs() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Units per second over the window that ends at `end`: samples.back() itself, or a later moment
// at which nothing more had been done (samples must not be empty). nullopt when the window spans
// no time.
std::optional<double> rateOver(const std::deque<Sample>& samples, Sample end) {
    const qint64 from = end.t - ProgressTracker::kWindowMs;
    double startT = double(samples.front().t);
    double startDone = double(samples.front().done);
    if (samples.front().t < from) {
        // The count at `from`, interpolated between the last sample at or before it and the
        // first after it (`end` when every sample is older).
        Sample before = samples.front();
        Sample after = end;
        for (const Sample& s : samples) {
            if (s.t <= from) {
                before = s;
            } else {
                after = s;
                break;
            }
        }
        const double f = double(from - before.t) / double(after.t - before.t);
        startT = double(from);
        startDone = double(before.done) + f * double(after.done - before.done);
    }
    const double span = double(end.t) - startT;
    if (span <= 0)
        return std::nullopt;
    return (double(end.done) - startDone) * 1000.0 / span;
}

QLocale numberLocale() {
    // Fixed "12,345.6" whatever the user's locale: the line also goes to terminals and logs.
    QLocale c = QLocale::c();
    c.setNumberOptions(QLocale::DefaultNumberOptions);
    return c;
}

} // namespace

struct ProgressTracker::State {
    State(qint64 total, qint64 bytesPerUnit, QString unit, Clock clock)
        : total(total)
        , bytesPerUnit(bytesPerUnit)
        , unit(std::move(unit))
        , clock(clock ? std::move(clock) : Clock(steadyNowMs))
        , start(this->clock()) {}

    // Everything a snapshot needs, plus whether a rate was ever measured (text() omits the
    // throughput until then). Called with `mutex` held.
    ProgressSnapshot snapshotLocked(bool* rateKnownOut) const;
    qint64 countdownLimitMs() const;

    const qint64 total;
    const qint64 bytesPerUnit;
    const QString unit;
    const Clock clock;
    const qint64 start;
    std::atomic<bool> cancelled{false};

    mutable std::mutex mutex; // guards everything below (and calls to `clock`)
    std::deque<Sample> samples;
    qint64 done = 0;
    bool rateKnown = false;  // two updates apart in time were seen
    double windowRate = 0;   // at the latest update, units/s
    double smoothedRate = 0; // the moving average of windowRate that the ETA uses
    qint64 smoothedAt = 0;   // time of the update that last moved smoothedRate
};

qint64 ProgressTracker::State::countdownLimitMs() const {
    if (samples.size() < 2)
        return kMinCountdownMs;
    const qint64 meanInterval = (samples.back().t - samples.front().t) / qint64(samples.size() - 1);
    return std::max(kMinCountdownMs, 2 * meanInterval);
}

ProgressSnapshot ProgressTracker::State::snapshotLocked(bool* rateKnownOut) const {
    const qint64 now = clock();
    ProgressSnapshot s;
    s.done = done;
    s.total = total;
    s.elapsedSeconds = double(std::max<qint64>(0, now - start)) / 1000.0;
    if (rateKnownOut)
        *rateKnownOut = rateKnown;
    if (total <= 0 || done >= total) {
        // Nothing (more) to do.
        s.percent = 100;
        s.etaSeconds = 0.0;
    } else {
        s.percent = std::clamp(100.0 * double(done) / double(total), 0.0, 100.0);
    }
    if (!rateKnown)
        return s;

    const Sample last = samples.back();
    const qint64 since = std::max<qint64>(0, now - last.t);
    const qint64 limit = countdownLimitMs();
    double rate = windowRate;
    qint64 countdown = since;
    if (since > limit) {
        // Overdue: probably a stall. Measure up to now, and stop counting the ETA down.
        rate = rateOver(samples, Sample{now, last.done}).value_or(0.0);
        countdown = limit;
    }
    s.unitsPerSecond = std::max(0.0, rate);
    s.bytesPerSecond = s.unitsPerSecond * double(bytesPerUnit);
    if (!s.etaSeconds && rate > 0 && smoothedRate > 0) {
        const double etaAtUpdate = double(total - done) / smoothedRate;
        s.etaSeconds = std::max(0.0, etaAtUpdate - double(countdown) / 1000.0);
    }
    return s;
}

ProgressTracker::ProgressTracker(qint64 total, qint64 bytesPerUnit, QString unit, Clock clock)
    : d(std::make_unique<State>(total, bytesPerUnit, std::move(unit), std::move(clock))) {}

ProgressTracker::~ProgressTracker() = default;

void ProgressTracker::update(qint64 done) {
    std::lock_guard lock(d->mutex);
    // Out of order (several threads reporting) or a repeated report of an earlier count.
    if (done < d->done)
        return;
    // Read under the lock, so samples are in time order even when threads race here.
    qint64 t = d->clock();
    auto& samples = d->samples;
    if (!samples.empty())
        t = std::max(t, samples.back().t);
    d->done = done;

    if (samples.size() >= 2 && t - samples[samples.size() - 2].t < kCoalesceMs)
        samples.back() = Sample{t, done};
    else
        samples.push_back(Sample{t, done});
    // Keep one sample at or before the window's start, for the interpolation.
    while (samples.size() > kMaxSamples || (samples.size() >= 2 && samples[1].t <= t - kWindowMs))
        samples.pop_front();

    const std::optional<double> rate = rateOver(samples, samples.back());
    if (!rate)
        return; // all samples at one moment: no rate yet
    d->windowRate = *rate;
    if (!d->rateKnown) {
        d->rateKnown = true;
        d->smoothedRate = *rate;
    } else {
        // Weighted by elapsed time, so the average does not depend on how often the job reports.
        const double alpha = 1.0 - std::exp(-double(t - d->smoothedAt) / kSmoothMs);
        d->smoothedRate += alpha * (*rate - d->smoothedRate);
    }
    d->smoothedAt = t;
}

void ProgressTracker::cancel() {
    d->cancelled.store(true, std::memory_order_release);
}

bool ProgressTracker::isCancelled() const {
    return d->cancelled.load(std::memory_order_acquire);
}

ProgressSnapshot ProgressTracker::snapshot() const {
    std::lock_guard lock(d->mutex);
    return d->snapshotLocked(nullptr);
}

QString ProgressTracker::text() const {
    bool rateKnown = false;
    ProgressSnapshot s;
    {
        std::lock_guard lock(d->mutex);
        s = d->snapshotLocked(&rateKnown);
    }
    const QLocale loc = numberLocale();
    const QString sep = QStringLiteral(" \u00B7 ");
    // Rounded down, so 100% means done (also where a double would round 99.99...% up).
    const int percent = s.done >= s.total ? 100 : std::min(99, int(std::floor(s.percent)));
    QString line = QString::number(percent) + QLatin1Char('%');
    if (rateKnown) {
        // Whole units when fast; a decimal when slow, where whole numbers would say little.
        const double r = s.unitsPerSecond;
        line += sep + (r >= 100 ? loc.toString(qint64(std::llround(r))) : loc.toString(r, 'f', 1)) +
                QLatin1Char(' ') + d->unit + QStringLiteral("/s");
        if (d->bytesPerUnit > 0) // decimal megabytes, as disks and networks are rated
            line += sep + loc.toString(s.bytesPerSecond / 1e6, 'f', 1) + QStringLiteral(" MB/s");
    }
    if (s.etaSeconds)
        line += sep + QStringLiteral("ETA ") + formatDuration(*s.etaSeconds);
    return line;
}

ProgressCallback ProgressTracker::callback() {
    return [this](qint64 done, qint64 /*total: the tracker's is used*/) {
        update(done);
        return !isCancelled();
    };
}

QString formatDuration(double seconds) {
    // !(x > 0) also catches NaN; the cap keeps llround defined (it is some 30,000 years).
    const qint64 total = seconds > 0 ? std::llround(std::min(seconds, 1e12)) : 0;
    const qint64 h = total / 3600;
    const qint64 m = total / 60 % 60;
    const qint64 s = total % 60;
    const auto two = [](qint64 v) { return QStringLiteral("%1").arg(v, 2, 10, QLatin1Char('0')); };
    if (h == 0)
        return QString::number(m) + QLatin1Char(':') + two(s);
    return QString::number(h) + QLatin1Char(':') + two(m) + QLatin1Char(':') + two(s);
}

} // namespace seis
