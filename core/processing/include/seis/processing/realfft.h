// Real FFTs for the spectral steps (trapezoid) and the amplitude spectrum, on Debian's kissfft
// (BSD-3-Clause, float32). Plans are cached per length and shared by every thread: each RealFft
// holds one plan for its lifetime (a plan has scratch space, so one plan serves one thread at a
// time); idle plans are kept for reuse, at most kMaxIdlePlans of them and kMaxIdleBytes in all
// (a plan takes about 20 bytes per point; the least recently returned go first).
//
// Threads: a RealFft is used by one thread at a time; any number may exist at once.
// Errors: seis/base/error.h (ArgumentError for a bad length; std::bad_alloc).
#pragma once

#include <QtGlobal>

#include <complex>
#include <memory>

namespace seis {

// The FFT length for a trace of `samples` samples: the smallest even 2^a 3^b 5^c >= 2 * samples
// (0 for no samples). Twice the length, so that the zero-phase multiply's wrap-around lands in the
// padding.
qint64 fftLength(qint64 samples);

class RealFft {
public:
    static constexpr int kMaxIdlePlans = 32;
    static constexpr qint64 kMaxIdleBytes = qint64(64) << 20;
    // A plan for `length` points (even, >= 2, at most 2^30), from the cache or new.
    explicit RealFft(qint64 length);
    ~RealFft(); // the plan back to the cache
    RealFft(const RealFft&) = delete;
    RealFft& operator=(const RealFft&) = delete;

    qint64 length() const { return m_length; }
    // length() real values -> length() / 2 + 1 complex values (unnormalised).
    void forward(const float* in, std::complex<float>* out);
    // length() / 2 + 1 complex values -> length() real values, unnormalised (times length()).
    void inverse(const std::complex<float>* in, float* out);

    struct Plan;

private:
    qint64 m_length;
    std::unique_ptr<Plan> m_plan;
};

} // namespace seis
