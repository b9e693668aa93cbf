// seis-demo-gen OUT.sgy: writes the viewer's bundled demo data, a small synthetic 2D land line of
// shot gathers, as SEG-Y rev 1 (IBM float, big-endian, EBCDIC textual header), through the
// project's SEG-Y writer (seis::SegyWriter): the headers are laid out here, the samples are
// encoded by the writer.
//
// Every trace is the sum of a direct wave, a refracted first arrival, dipping hyperbolic
// reflections (Ricker wavelets losing high frequencies with depth), dispersive ground roll and
// seeded random noise, with amplitudes decaying with time as in raw field records.
#include "seis/base/error.h"
#include "seis/base/outputfile.h"
#include "seis/base/traceheaderfield.h"
#include "seis/base/tracesink.h"
#include "seis/segy/binaryheader.h"
#include "seis/segy/sampleformat.h"
#include "seis/segy/segywriter.h"

#include <QByteArray>
#include <QString>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numbers>
#include <random>
#include <string_view>
#include <vector>

namespace {

constexpr int kShots = 8;
constexpr int kChannels = 96; // split spread: 48 either side of the shot, none at the shot
constexpr int kSamples = 1500;
constexpr int kIntervalUs = 2000;
constexpr double kDt = kIntervalUs * 1e-6;
constexpr int kGroupInterval = 25; // m
constexpr int kShotInterval = 200; // m
constexpr int kFirstShotX = 2000;  // m along the line
constexpr int kFirstShotRecord = 101;
constexpr double kLineCentreX = kFirstShotX + (kShots - 1) * kShotInterval / 2.0;
// Real-world-looking UTM coordinates; headers store centimetres (scalco -100).
constexpr int kEastingOrigin = 452000;
constexpr int kNorthing = 6731000;
constexpr int kCoordinateScalar = -100;
constexpr std::uint32_t kSeed = 20240611;

// --- EBCDIC (code page 037) for the characters the textual header uses -----------------------

unsigned char toEbcdic(char c) {
    if (c >= '0' && c <= '9')
        return static_cast<unsigned char>(0xF0 + (c - '0'));
    if (c >= 'A' && c <= 'I')
        return static_cast<unsigned char>(0xC1 + (c - 'A'));
    if (c >= 'J' && c <= 'R')
        return static_cast<unsigned char>(0xD1 + (c - 'J'));
    if (c >= 'S' && c <= 'Z')
        return static_cast<unsigned char>(0xE2 + (c - 'S'));
    if (c >= 'a' && c <= 'i')
        return static_cast<unsigned char>(0x81 + (c - 'a'));
    if (c >= 'j' && c <= 'r')
        return static_cast<unsigned char>(0x91 + (c - 'j'));
    if (c >= 's' && c <= 'z')
        return static_cast<unsigned char>(0xA2 + (c - 's'));
    switch (c) {
    case ' ':
        return 0x40;
    case '.':
        return 0x4B;
    case '<':
        return 0x4C;
    case '(':
        return 0x4D;
    case '+':
        return 0x4E;
    case '&':
        return 0x50;
    case '!':
        return 0x5A;
    case '*':
        return 0x5C;
    case ')':
        return 0x5D;
    case ';':
        return 0x5E;
    case '-':
        return 0x60;
    case '/':
        return 0x61;
    case ',':
        return 0x6B;
    case '%':
        return 0x6C;
    case '_':
        return 0x6D;
    case '>':
        return 0x6E;
    case '?':
        return 0x6F;
    case ':':
        return 0x7A;
    case '#':
        return 0x7B;
    case '@':
        return 0x7C;
    case '\'':
        return 0x7D;
    case '=':
        return 0x7E;
    case '"':
        return 0x7F;
    default:
        return 0x6F; // '?': the header text below is ours, so this never happens in practice
    }
}

// --- big-endian fields, by name (the field tables hold the byte positions and types) ---------

void set(QByteArray& binary, const seis::BinaryHeaderField& f, std::int64_t value) {
    seis::detail::storeIntField(reinterpret_cast<std::byte*>(binary.data()) + f.headerOffset(),
                                f.type, seis::ByteOrder::Big, value);
}

void set(QByteArray& trace, const seis::StandardTraceField& f, std::int64_t value) {
    seis::detail::storeIntField(reinterpret_cast<std::byte*>(trace.data()) + (f.byte - 1), f.type,
                                seis::ByteOrder::Big, value);
}

// --- headers ----------------------------------------------------------------------------------

QByteArray textHeader() {
    // Card images 1..40; each gets the "Cnn " prefix and is padded to 80 columns.
    static constexpr std::array<std::string_view, 40> kLines = {
        "SEISVIEW DEMO DATA - SYNTHETIC 2D LAND SHOT GATHERS, NOT REAL DATA",
        "WRITTEN BY SEIS-DEMO-GEN, THE SEISVIEW PROJECT'S OWN GENERATOR",
        "",
        "8 SHOTS X 96 CHANNELS = 768 TRACES, SORTED BY SHOT THEN CHANNEL",
        "1500 SAMPLES PER TRACE AT 2 MS (RECORD LENGTH 3.0 S)",
        "FORMAT 1: 4-BYTE IBM FLOATING POINT, BIG-ENDIAN, FIXED-LENGTH TRACES",
        "",
        "GEOMETRY: SPLIT SPREAD, 48 CHANNELS EITHER SIDE OF THE SHOT, NO ZERO OFFSET",
        "GROUP INTERVAL 25 M, OFFSETS -1200..-25 AND 25..1200 M, SHOT INTERVAL 200 M",
        "CDP INTERVAL 12.5 M. COORDINATES UTM-LIKE IN CENTIMETRES (SCALCO -100)",
        "LINE 1: ILINE = 1, XLINE = CDP",
        "",
        "WAVEFIELD:",
        "  DIRECT WAVE 1800 M/S; REFRACTION 3200 M/S, INTERCEPT 120 MS",
        "  8 HYPERBOLIC REFLECTIONS 0.3-2.7 S, SOME DIPPING, ONE ANTICLINE",
        "  RICKER WAVELETS, PEAK ABOUT 27 HZ SHALLOW FALLING TO 20 HZ DEEP",
        "  GROUND ROLL 320-550 M/S, 7-13 HZ, STRONG AT NEAR OFFSETS",
        "  SEEDED GAUSSIAN NOISE; AMPLITUDES DECAY WITH TIME (NO GAIN APPLIED)",
        "",
        "TRACE HEADER BYTES:",
        "  TRACL 1-4  TRACR 5-8  FLDR 9-12  TRACF 13-16  EP 17-20  CDP 21-24",
        "  TRID 29-30  OFFSET 37-40  SCALCO 71-72  SX 73-76  SY 77-80",
        "  GX 81-84  GY 85-88  COUNIT 89-90  NS 115-116  DT 117-118",
        "  CDPX 181-184  CDPY 185-188  ILINE 189-192  XLINE 193-196",
        "",
        "BINARY HEADER: HDT 3217 = 2000, HNS 3221 = 1500, FORMAT 3225 = 1,",
        "  REVISION 3501 = 0100 (HEX), FIXED LENGTH 3503 = 1",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "SEG Y REV1",
        "END TEXTUAL HEADER",
    };
    QByteArray block(qsizetype(seis::kTextHeaderBytes), static_cast<char>(toEbcdic(' ')));
    for (int i = 0; i < 40; ++i) {
        char card[81];
        std::snprintf(card, sizeof card, "C%2d %-76.76s", i + 1, kLines[i].data());
        for (int col = 0; col < 80; ++col)
            block[i * 80 + col] = static_cast<char>(toEbcdic(card[col]));
    }
    return block;
}

QByteArray binaryHeader() {
    QByteArray block(qsizetype(seis::kBinaryHeaderBytes), '\0');
    using namespace seis::binaryfield;
    set(block, jobid, 1);
    set(block, lino, 1);
    set(block, reno, 1);
    set(block, ntrpr, kChannels); // data traces per ensemble
    set(block, hdt, kIntervalUs); // sample interval
    set(block, dto, kIntervalUs); // field sample interval
    set(block, hns, kSamples);
    set(block, nso, kSamples);
    set(block, format, 1);       // IBM float
    set(block, fold, kChannels); // ensemble fold
    set(block, tsort, 1);        // sorting: as recorded
    set(block, mfeet, 1);        // metres
    set(block, rev_major, 1);    // SEG-Y rev 1.0
    set(block, rev_minor, 0);
    set(block, trflag, 1); // fixed-length traces
    set(block, exth, 0);   // no extended textual headers
    return block;
}

struct Trace {
    int shot = 0;    // 0-based
    int channel = 0; // 1-based
    int offset = 0;  // m, signed: negative before the shot
    int shotX = 0;   // m along the line
    double midpointX() const { return shotX + offset / 2.0; }
};

Trace traceAt(int shot, int channel) {
    const int half = kChannels / 2;
    const int offset = (channel <= half ? channel - half - 1 : channel - half) * kGroupInterval;
    return {shot, channel, offset, kFirstShotX + shot * kShotInterval};
}

QByteArray traceHeader(const Trace& t, int sequence) {
    QByteArray block(seis::kTraceHeaderBytes, '\0');
    using namespace seis::tracefield;
    const int receiverX = t.shotX + t.offset;
    // Midpoints fall on a 12.5 m grid; twice the midpoint is a whole number of metres.
    const int cdp = (t.shotX + receiverX - 2 * (kFirstShotX - kChannels / 2 * kGroupInterval)) /
                        kGroupInterval +
                    1;
    const auto cm = [](double metres) {
        return static_cast<std::int64_t>(std::lround(metres * 100));
    };
    set(block, tracl, sequence);
    set(block, tracr, sequence);
    set(block, fldr, kFirstShotRecord + t.shot);
    set(block, tracf, t.channel);
    set(block, ep, t.shotX / kGroupInterval); // energy source point = shot station
    set(block, seis::tracefield::cdp, cdp);
    set(block, trid, 1); // seismic data
    set(block, nvs, 1);
    set(block, nhs, 1);
    set(block, duse, 1); // production
    set(block, offset, t.offset);
    set(block, scalel, 1);
    set(block, scalco, kCoordinateScalar);
    set(block, sx, cm(kEastingOrigin + t.shotX));
    set(block, sy, cm(kNorthing));
    set(block, gx, cm(kEastingOrigin + receiverX));
    set(block, gy, cm(kNorthing));
    set(block, counit, 1); // length units
    set(block, ns, kSamples);
    set(block, dt, kIntervalUs);
    set(block, cdpx, cm(kEastingOrigin + t.midpointX()));
    set(block, cdpy, cm(kNorthing));
    set(block, iline, 1);
    set(block, xline, cdp);
    return block;
}

// --- the wavefield ------------------------------------------------------------------------------

// std::normal_distribution differs between standard libraries; this keeps the file identical
// wherever it is built.
class Noise {
public:
    explicit Noise(std::uint32_t seed)
        : m_engine(seed) {}
    double uniform() { return (m_engine() + 0.5) / 4294967296.0; }
    double gaussian() {
        const double r = std::sqrt(-2.0 * std::log(uniform()));
        return r * std::cos(2.0 * std::numbers::pi * uniform());
    }

private:
    std::mt19937 m_engine;
};

double ricker(double tau, double peakHz) {
    const double a = std::numbers::pi * peakHz * tau;
    return (1.0 - 2.0 * a * a) * std::exp(-a * a);
}

// Adds a Ricker wavelet centred at `time` seconds.
void addRicker(std::vector<double>& trace, double time, double peakHz, double amplitude) {
    const double halfWidth = 1.5 / peakHz;
    const int first = std::max(0, static_cast<int>(std::floor((time - halfWidth) / kDt)));
    const int last = std::min(kSamples - 1, static_cast<int>(std::ceil((time + halfWidth) / kDt)));
    for (int i = first; i <= last; ++i)
        trace[i] += amplitude * ricker(i * kDt - time, peakHz);
}

struct Reflector {
    double t0;        // zero-offset time at the line centre, s
    double velocity;  // stacking velocity, m/s
    double amplitude; // reflection strength and polarity
    double dip;       // s per m of midpoint
    double curvature; // s per m^2 of midpoint: negative is an anticline
};

constexpr std::array<Reflector, 8> kReflectors = {{
    {0.32, 1850, 0.9, 0.0, 0.0},
    {0.55, 1980, -0.6, 6e-5, 0.0},
    {0.82, 2120, 1.0, -4e-5, 0.0},
    {1.10, 2280, 0.7, 0.0, -9e-8},
    {1.42, 2420, -0.8, 0.0, -7e-8},
    {1.80, 2600, 0.9, 5e-5, 0.0},
    {2.25, 2800, 0.6, 0.0, 0.0},
    {2.65, 3000, 0.8, -3e-5, 0.0},
}};

struct SurfaceWave {
    double velocity; // m/s
    double hz;
    double amplitude;
};

constexpr std::array<SurfaceWave, 3> kGroundRoll = {{
    {320, 7.0, 1.0},
    {420, 10.0, 0.8},
    {550, 13.0, 0.55},
}};

void addGroundRoll(std::vector<double>& trace, double distance) {
    const double strength = 5.0 * std::exp(-distance / 1200.0) / std::sqrt(1.0 + distance / 200.0);
    for (const SurfaceWave& mode : kGroundRoll) {
        const double onset = distance / mode.velocity;
        const int first = std::max(0, static_cast<int>(onset / kDt));
        const int last = std::min(kSamples - 1, static_cast<int>((onset + 0.6) / kDt));
        for (int i = first; i <= last; ++i) {
            const double tau = i * kDt - onset;
            const double envelope = (1.0 - std::exp(-tau / 0.03)) * std::exp(-tau / 0.15);
            trace[i] += strength * mode.amplitude * envelope *
                        std::sin(2.0 * std::numbers::pi * mode.hz * tau);
        }
    }
}

std::vector<double> synthesize(const Trace& t, double gain, Noise& noise) {
    std::vector<double> trace(kSamples, 0.0);
    const double distance = std::abs(t.offset);

    addRicker(trace, distance / 1800.0, 32.0, 3.0 / (1.0 + distance / 250.0));
    // The head wave exists only beyond the critical distance; fade it in before the crossover.
    const double refractionTaper = std::clamp((distance - 250.0) / 250.0, 0.0, 1.0);
    addRicker(trace, 0.12 + distance / 3200.0, 28.0,
              -1.2 * refractionTaper / (1.0 + distance / 600.0));

    const double dx = t.midpointX() - kLineCentreX;
    for (const Reflector& r : kReflectors) {
        const double t0 = r.t0 + r.dip * dx + r.curvature * dx * dx;
        const double time = std::sqrt(t0 * t0 + (distance * distance) / (r.velocity * r.velocity));
        const double spreading = 0.6 / (0.25 + time);
        addRicker(trace, time, 28.0 - 3.0 * t0, r.amplitude * spreading);
    }

    addGroundRoll(trace, distance);

    for (double& v : trace)
        v = gain * v + 0.035 * noise.gaussian();
    return trace;
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: seis-demo-gen OUT.sgy\n");
        return 2;
    }
    // A failed or interrupted build must never leave a partial file that looks up to date: the
    // writer goes through seis::OutputFile (temporary, fsync, rename).
    seis::removeTemporaryOutputsOnSignals();
    const QString path = QString::fromLocal8Bit(argv[1]);
    try {
        seis::SegyHeaderTemplate headers;
        headers.text = textHeader();
        headers.binary = binaryHeader();
        headers.byteOrder = seis::ByteOrder::Big;
        headers.format = seis::SampleFormat::IbmFloat32;
        headers.revision = 1;
        headers.textEncoding = seis::TextEncoding::Ebcdic;
        headers.fromSegy = true; // a complete binary header: the writer keeps its fields
        seis::SegyWriter writer(path, headers);
        seis::OutputLayout layout;
        layout.traceCount = kShots * kChannels;
        layout.sampleCount = kSamples;
        layout.sampleIntervalUs = kIntervalUs;
        layout.sourceSampleCount = kSamples;
        layout.headerByteOrder = seis::ByteOrder::Big;
        writer.begin(layout);

        constexpr double kFieldUnits = 1000.0; // raw field data rarely sit near 1.0
        Noise noise(kSeed);
        int sequence = 1;
        std::vector<float> samples(std::size_t(kChannels) * kSamples);
        QByteArray headerBytes;
        for (int shot = 0; shot < kShots; ++shot) { // one block per shot gather
            const double shotGain = 0.85 + 0.3 * noise.uniform();
            headerBytes.clear();
            for (int channel = 1; channel <= kChannels; ++channel, ++sequence) {
                const Trace t = traceAt(shot, channel);
                const double coupling = 0.9 + 0.2 * noise.uniform();
                headerBytes += traceHeader(t, sequence);
                const std::vector<double> trace = synthesize(t, shotGain * coupling, noise);
                for (int i = 0; i < kSamples; ++i)
                    samples[std::size_t(channel - 1) * kSamples + std::size_t(i)] =
                        static_cast<float>(trace[std::size_t(i)] * kFieldUnits);
            }
            seis::TraceBlock block;
            block.first = qint64(shot) * kChannels;
            block.count = kChannels;
            block.samples = samples.data();
            block.headers = reinterpret_cast<const std::byte*>(headerBytes.constData());
            writer.write(block);
        }
        writer.commit();
    } catch (const seis::Error& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
    return 0;
}
