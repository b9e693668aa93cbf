// Butterworth filters as second-order sections, and their zero-phase (forward then backward)
// application to float32 traces. No widgets, no format: functions of their arguments, any thread.
//
// The design is scipy.signal.butter(order, cutoff, btype, fs=rate, output='sos')'s: the analog
// prototype's poles, the cutoff prewarped (2 fs tan(pi f / fs)), the bilinear transform. The
// sections here carry the gain differently (each section has unit gain where its pass band
// peaks: 0 Hz for a low-pass, Nyquist for a high-pass), which is the same filter.
#pragma once

#include <QtGlobal>

#include <vector>

namespace seis {

// y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2] (a0 = 1), run in transposed
// direct form II as scipy.signal.sosfilt does.
struct Biquad {
    double b0, b1, b2, a1, a2;
};

// The sections of a Butterworth low-pass (highPass false) or high-pass of `order` (>= 1) with its
// -3 dB corner at `cutoffHz` (0 < cutoffHz < rateHz / 2), for samples at `rateHz`.
// ceil(order / 2) sections; an odd order's last section is of first order (b2 = a2 = 0).
std::vector<Biquad> butterworthSections(int order, double cutoffHz, double rateHz, bool highPass);

// Runs `sections` over each trace in place, forward from zero state, then over the reversed
// result from zero state (and reverses it back): the zero-phase filter |H|^2.
// `passes` lists sets of sections run that way one after the other (a high-pass forward and
// backward, then a low-pass forward and backward). Non-finite samples are taken as 0 by the
// filter and keep their value in the output. Sums in double; data[t * samples + s].
void filtfiltSections(float* data, qint64 traces, qint64 samples,
                      const std::vector<std::vector<Biquad>>& passes);

} // namespace seis
