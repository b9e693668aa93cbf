// Small helpers several tests share: a gate to hold a worker at a known point, a trace source
// that forwards to another and runs a hook before each read, and the message of an expected
// exception. Header-only.
#pragma once

#include "seis/base/error.h"
#include "seis/base/tracesource.h"

#include <QString>

#include <atomic>
#include <condition_variable>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace seis::testsupport {

// Threads wait() at the gate until open() is called; it then stays open.
class Gate {
public:
    void wait() {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [&] { return m_open; });
    }
    void open() {
        {
            std::lock_guard lock(m_mutex);
            m_open = true;
        }
        m_changed.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    bool m_open = false;
};

// Forwards every read to `inner`. beforeRead / beforeHeaders, when set, run on the reading
// thread before each sample / header read with the call's number (1, 2, ...), so a test can
// hold a job at a known point or make a read fail. identityOverride replaces the identity.
class HookedSource final : public TraceSource {
public:
    explicit HookedSource(std::shared_ptr<const TraceSource> inner)
        : m_inner(std::move(inner)) {}
    QString path() const override { return m_inner->path(); }
    qint64 traceCount() const override { return m_inner->traceCount(); }
    qint64 sampleCount() const override { return m_inner->sampleCount(); }
    double sampleIntervalUs() const override { return m_inner->sampleIntervalUs(); }
    double startTimeMs() const override { return m_inner->startTimeMs(); }
    void readWindow(TraceRange t, SampleRange s, float* dst) const override {
        const int call = ++m_reads;
        if (beforeRead)
            beforeRead(call);
        m_inner->readWindow(t, s, dst);
    }
    void readHeaderColumns(std::span<const HeaderField> fields, TraceRange traces,
                           std::span<qint64* const> out) const override {
        const int call = ++m_headerReads;
        if (beforeHeaders)
            beforeHeaders(call);
        m_inner->readHeaderColumns(fields, traces, out);
    }
    QString identity() const override { return identityOverride.value_or(m_inner->identity()); }
    int readCalls() const { return m_reads; }
    int headerCalls() const { return m_headerReads; }

    std::function<void(int)> beforeRead;
    std::function<void(int)> beforeHeaders;
    std::optional<QString> identityOverride;

private:
    std::shared_ptr<const TraceSource> m_inner;
    mutable std::atomic<int> m_reads{0};
    mutable std::atomic<int> m_headerReads{0};
};

// Runs `call`, which must throw E; returns its message, or a description of what went wrong
// prefixed with "FAIL: ".
template <class E, class F> QString messageOf(F&& call) {
    try {
        call();
    } catch (const E& e) {
        return QString::fromUtf8(e.what());
    } catch (const std::exception& e) {
        return QStringLiteral("FAIL: threw another exception: %1").arg(e.what());
    }
    return QStringLiteral("FAIL: did not throw");
}

// The message of the ArgumentError `call` throws; empty when it throws none.
template <class F> QString argumentError(F&& call) {
    try {
        call();
    } catch (const ArgumentError& e) {
        return QString::fromUtf8(e.what());
    }
    return {};
}

} // namespace seis::testsupport
