#include "seis/gathernavigator.h"

#include "seis/base/error.h"
#include "seis/ensembles/ensembleneighbours.h"

#include <algorithm>
#include <exception>

namespace seis {

qsizetype WindowHeaders::indexOf(const QString& name) const {
    for (std::size_t k = 0; k < fields.size(); ++k)
        if (fields[k].name == name)
            return qsizetype(k);
    return -1;
}

std::optional<qint64> WindowHeaders::value(qsizetype field, qint64 trace) const {
    if (field < 0 || std::size_t(field) >= columns.size() || trace < traces.begin ||
        trace >= traces.end)
        return std::nullopt;
    return columns[std::size_t(field)][std::size_t(trace - traces.begin)];
}

GatherNavigator::GatherNavigator(QObject* parent)
    : QObject(parent) {
    m_windowPool.setMaxThreadCount(1);
    connect(&m_window, &QFutureWatcher<Delivery>::finished, this, &GatherNavigator::deliver);
    connect(&m_scan, &QFutureWatcher<void>::progressValueChanged, this, &GatherNavigator::scanStep);
    connect(&m_scan, &QFutureWatcher<void>::finished, this, [this] {
        try {
            m_scan.waitForFinished(); // finished: rethrows a scan failure, never blocks
        } catch (...) {
            emit scanFailed(errorMessage(std::current_exception()));
        }
        if (m_index)
            emit ensemblesChanged(m_index->count(), m_index->isComplete());
    });
}

GatherNavigator::~GatherNavigator() {
    clear();
}

void GatherNavigator::setSource(std::shared_ptr<const TraceSource> source,
                                std::vector<HeaderField> keys, TileCacheOptions cache,
                                EnsembleScanOptions scan) {
    clear();
    m_source = std::move(source);
    if (!m_source)
        return;
    m_cache = std::make_unique<TileCache>(m_source, cache);
    if (!keys.empty()) {
        m_index = std::make_shared<EnsembleIndex>(std::move(keys), m_source->traceCount());
        // PgUp/PgDn are the likely next moves: prefetch the neighbouring ensembles.
        m_cache->setNeighbourFunction(neighbouringEnsembles(m_index));
        m_scan.setFuture(scanEnsemblesAsync(m_source, m_index, std::move(scan)));
    }
}

void GatherNavigator::setSourceWithEnsembles(std::shared_ptr<const TraceSource> source,
                                             std::shared_ptr<EnsembleIndex> ensembles,
                                             TileCacheOptions cache) {
    clear();
    m_source = std::move(source);
    if (!m_source)
        return;
    m_cache = std::make_unique<TileCache>(m_source, cache);
    if (ensembles) {
        m_index = std::move(ensembles);
        m_cache->setNeighbourFunction(neighbouringEnsembles(m_index));
        QMetaObject::invokeMethod(
            this,
            [this, index = std::weak_ptr<EnsembleIndex>(m_index)] {
                if (const auto i = index.lock(); i && i == m_index)
                    emit ensemblesChanged(i->count(), i->isComplete());
            },
            Qt::QueuedConnection);
    }
}

void GatherNavigator::clear() {
    m_read.cancel();
    m_window.cancel();
    // A failed request rethrows here; it was reported (or superseded) already.
    try {
        m_window.waitForFinished();
    } catch (...) {
    }
    try {
        m_read.waitForFinished();
    } catch (...) {
    }
    m_window.setFuture({});
    m_read = {};
    m_headers = {};
    m_processed = {};
    if (m_scan.isRunning()) {
        m_scan.cancel();
        try {
            m_scan.waitForFinished();
        } catch (...) {
            // A failing scan of a file being closed is of no interest any more.
        }
    }
    m_scan.setFuture({});
    m_cache.reset(); // waits for its prefetch thread's current tile only
    m_index.reset();
    m_source.reset();
    m_mode = Mode::Traces;
    m_view = {};
    m_ensemble = -1;
    m_visible = {};
    m_requestedSamples = {};
    m_requestedFactor = 1;
    m_requestedCover = {};
    m_refining = false;
    m_startedRefine = false;
    m_inFlight = false;
    m_pending = false;
    m_delivered = {};
}

bool GatherNavigator::isScanning() const {
    return m_scan.isRunning();
}

void GatherNavigator::waitForScan() {
    try {
        m_scan.waitForFinished();
    } catch (...) {
        // Reported through scanFailed() when the event loop delivers the finish.
    }
}

void GatherNavigator::showTraces(qint64 first, qint64 width) {
    if (!m_source)
        return;
    const qint64 n = m_source->traceCount();
    // A window of traces x rows stays within the cache's budget (256 MB without one): a view
    // asked to show more traces than that shows as many as fit.
    width = std::clamp<qint64>(std::min(width, maxTraces()), 0, n);
    first = std::clamp<qint64>(first, 0, n - width);
    m_mode = Mode::Traces;
    request({first, first + width});
}

bool GatherNavigator::showEnsemble(qint64 number) {
    if (!m_index || number < 0 || number >= m_index->count())
        return false;
    m_mode = Mode::Ensembles;
    m_ensemble = number;
    request(m_index->ensemble(number).traces);
    return true;
}

bool GatherNavigator::showLastEnsemble() {
    return m_index && showEnsemble(m_index->count() - 1);
}

bool GatherNavigator::showNextEnsemble() {
    if (m_mode != Mode::Ensembles) {
        // From trace mode: the ensemble after the one the view starts in.
        if (!m_index || m_view.count() == 0)
            return showFirstEnsemble();
        const auto e = m_index->ensembleOfTrace(m_view.begin);
        return e && showEnsemble(e->number + 1);
    }
    return showEnsemble(m_ensemble + 1);
}

bool GatherNavigator::showPreviousEnsemble() {
    if (m_mode != Mode::Ensembles) {
        if (!m_index || m_view.count() == 0)
            return showFirstEnsemble();
        const auto e = m_index->ensembleOfTrace(m_view.begin);
        return e && showEnsemble(std::max<qint64>(0, e->number - 1));
    }
    return showEnsemble(m_ensemble - 1);
}

bool GatherNavigator::showEnsembleByKeys(std::span<const qint64> keys, bool after) {
    if (!m_index)
        return false;
    const qint64 from = after && m_mode == Mode::Ensembles ? m_ensemble + 1 : 0;
    const auto e = m_index->findByKeys(keys, from);
    return e && showEnsemble(e->number);
}

void GatherNavigator::setHeaderKeys(std::vector<HeaderField> keys) {
    m_headerKeys = std::move(keys);
}

qint64 GatherNavigator::maxTraces() const {
    const auto [samples, factor] = plan();
    const qint64 rowBytes =
        std::max<qint64>(1, TraceSource::decimatedCount(samples.count(), factor)) *
        qint64(sizeof(float));
    const qint64 budget =
        m_cache->options().budgetBytes > 0 ? m_cache->options().budgetBytes : qint64(256) << 20;
    return std::max<qint64>(1, budget / rowBytes);
}

void GatherNavigator::requestAgain() {
    if (!m_source || m_view.count() == 0)
        return;
    // Whole traces at full resolution may not fit as many traces as the decimated ones did.
    if (m_mode == Mode::Traces && m_view.count() > maxTraces())
        showTraces(m_view.begin, m_view.count());
    else
        request(m_view, true); // the window on screen again, processed anew; the zoom stays
}

void GatherNavigator::setProcessing(ProcessingChain chain) {
    m_processing = std::move(chain);
    invalidate(); // a window processed with the old chain is not shown
    requestAgain();
}

void GatherNavigator::setSpectrumWanted(bool wanted) {
    if (wanted == m_spectrumWanted)
        return;
    m_spectrumWanted = wanted;
    // Off: the window on screen stays as it is; the next ones come without spectra.
    if (wanted) {
        invalidate(); // one without spectra is not shown
        requestAgain();
    }
}

std::pair<SampleRange, qint64> GatherNavigator::plan() const {
    const qint64 n = m_source->sampleCount();
    // Whole traces at full resolution, as always when they fit; and whenever there is processing:
    // steps see every sample of the trace, as in an export (a filter on decimated samples, or on
    // a part of the trace, would show something else).
    if (n <= m_rows || !m_processing.empty() || m_spectrumWanted)
        return {{0, n}, 1};
    SampleRange v{std::clamp<qint64>(m_visible.begin, 0, n),
                  std::clamp<qint64>(m_visible.end, 0, n)};
    if (v.count() <= 0)
        v = {0, n};
    return {v, TileCache::factorFor(v.count(), m_rows)};
}

void GatherNavigator::setVisibleSamples(SampleRange visible, int plotHeight) {
    m_visible = visible;
    m_rows = std::max<qint64>(kMinRows, 2 * qint64(std::max(0, plotHeight)));
    if (!m_source || m_view.count() == 0)
        return;
    const auto [want, factor] = plan();
    const bool covered = m_requestedCover.begin <= want.begin && want.end <= m_requestedCover.end;
    if (covered && m_requestedFactor <= factor)
        return; // the window asked for already shows this well enough
    request(m_view, true);
}

void GatherNavigator::request(TraceRange traces, bool refine) {
    m_view = traces;
    m_refining = refine;
    // One window at a time: while one is read and processed, the latest request waits for it
    // (the ones before it are never read), and the window in flight is still shown when it
    // comes. Moving faster than windows come thus shows a window every time one is ready,
    // rather than none until the moving stops.
    if (m_inFlight) {
        m_pending = true;
        return;
    }
    start();
}

void GatherNavigator::invalidate() {
    // Work begun for the old settings is skipped on the worker and its window dropped.
    ++*m_generation;
}

void GatherNavigator::start() {
    const TraceRange traces = m_view;
    m_pending = false;
    m_inFlight = true;
    m_startedRefine = m_refining;
    m_read.cancel();
    m_window.cancel();
    const auto [samples, factor] = plan();
    m_requestedSamples = samples;
    m_requestedFactor = factor;
    m_requestedCover = {samples.begin / factor * factor,
                        std::min(m_source->sampleCount(),
                                 TraceSource::decimatedCount(samples.end, factor) * factor)};
    m_read = m_cache->requestWindow(traces, samples, factor);
    const quint64 generation = ++*m_generation;
    // The headers are read and the window processed right after the samples, on the
    // navigator's own worker thread: a few pages of headers for the traces on screen, so the
    // labels and the data always arrive together, and the processing (the chain over blocks of
    // traces in parallel, then the clip sample), so the GUI thread only draws.
    // On the navigator's own thread: a continuation attached to a future that has already
    // finished (a cache hit) would otherwise run right here, on the GUI thread.
    m_window.setFuture(
        m_read.then(&m_windowPool, [source = m_source, fields = m_headerKeys, chain = m_processing,
                                    spectrum = m_spectrumWanted, latest = m_generation,
                                    generation](TraceWindow window) {
            Delivery d;
            d.generation = generation;
            if (latest->load() != generation)
                return d; // superseded while it waited: not worth processing
            d.headers.traces = window.traces();
            d.headers.fields = fields;
            const auto n = std::size_t(d.headers.traces.count());
            d.headers.columns.assign(fields.size(), std::vector<qint64>(n));
            if (!fields.empty() && n > 0) {
                std::vector<qint64*> out;
                for (auto& c : d.headers.columns)
                    out.push_back(c.data());
                source->readHeaderColumns(fields, d.headers.traces, out);
            }
            // The steps may use header values (a mute by offset): the raw headers of the window.
            std::vector<std::byte> raw;
            if (!chain.empty() && n > 0) {
                raw.resize(n * kTraceHeaderBytes);
                source->readTraceHeaders(d.headers.traces, raw.data());
            }
            d.window = processWindow(std::move(window), chain, source->sampleIntervalUs(),
                                     source->startTimeMs(), raw.empty() ? nullptr : raw.data(),
                                     source->headerByteOrder());
            // The spectra before and after processing, from the window and its processed copy
            // in place (windowspectra.h), unless superseded meanwhile.
            if (spectrum && latest->load() == generation) {
                const double dtUs =
                    source->sampleIntervalUs() > 0.0 ? source->sampleIntervalUs() : 1000.0;
                const ProcessedWindow& p = d.window;
                d.window.spectra = std::make_shared<const WindowSpectra>(
                    windowSpectra(p.window, p.values ? p.values->data() : nullptr, dtUs));
            }
            return d;
        }));
}

void GatherNavigator::deliver() {
    m_inFlight = false;
    show(m_window.future());
    if (m_pending && m_source)
        start(); // the latest request, which waited for this one
}

void GatherNavigator::show(QFuture<Delivery> f) {
    // A future holding an exception also counts as cancelled: look for the exception first.
    // Finished, so this never blocks.
    try {
        f.waitForFinished();
    } catch (...) {
        emit readFailed(errorMessage(std::current_exception()));
        return;
    }
    if (f.resultCount() == 0)
        return; // cancelled
    Delivery d = f.result();
    const TraceWindow& w = d.window.window;
    // Shown unless the settings changed since it was asked for (invalidate()), or it is not what
    // was asked (a cancelled read). A window for traces the view has since moved from is shown
    // while a newer request waits for it (see request()).
    if (d.generation == m_generation->load() && (w.traces() == m_view || m_pending) &&
        w.factor() == m_requestedFactor &&
        w.inputSamples(m_source->sampleCount()) == m_requestedCover) {
        m_headers = std::move(d.headers);
        m_processed = std::move(d.window);
        const bool refined = m_startedRefine && m_delivered == m_processed.window.traces();
        m_delivered = m_processed.window.traces();
        // A copy: a slot may clear() the navigator, which resets m_processed.
        const TraceWindow shown = m_processed.window;
        const std::shared_ptr<const WindowSpectra> spectra = m_processed.spectra;
        if (refined)
            emit windowRefined(shown);
        else
            emit windowReady(shown);
        if (spectra)
            emit spectraReady(spectra);
    }
}

void GatherNavigator::scanStep() {
    emit scanProgress(m_scan.progressMaximum() > 0
                          ? int(100.0 * m_scan.progressValue() / m_scan.progressMaximum())
                          : 0,
                      m_scan.progressText());
    if (m_index)
        emit ensemblesChanged(m_index->count(), m_index->isComplete());
}

} // namespace seis
