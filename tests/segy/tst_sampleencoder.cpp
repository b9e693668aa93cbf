// The sample encoders checked against independent references: IBM words against a Python script
// using exact rational arithmetic (tests/data/ibm_reference.py) byte for byte, ties included, and
// over every mantissa of each hexadecimal alignment against floatToIbm; integer bytes against an
// expectation computed here (floor-based rounding, explicit limits); round trips through
// decodeSamples for every format and both byte orders; the vector path against the scalar path
// on random data of odd lengths at unaligned addresses; counts exactly; refusals. Ends with a
// throughput print (no time limit).
#include "seis/base/error.h"
#include "seis/segy/sampleencoder.h"
#include "seis/segy/sampleformat.h"

#include "processrun.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <bit>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

using namespace seis;

namespace {

const QList<SampleFormat> kEncodable{
    SampleFormat::IbmFloat32,  SampleFormat::Int32,       SampleFormat::Int16,
    SampleFormat::IeeeFloat32, SampleFormat::IeeeFloat64, SampleFormat::Int24,
    SampleFormat::Int8,        SampleFormat::Int64,       SampleFormat::UInt32,
    SampleFormat::UInt16,      SampleFormat::UInt64,      SampleFormat::UInt24,
    SampleFormat::UInt8};

const QList<SampleFormat> kIntegers{
    SampleFormat::Int8,  SampleFormat::UInt8,  SampleFormat::Int16, SampleFormat::UInt16,
    SampleFormat::Int24, SampleFormat::UInt24, SampleFormat::Int32, SampleFormat::UInt32,
    SampleFormat::Int64, SampleFormat::UInt64};

constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kNaN = std::numeric_limits<float>::quiet_NaN();

QString hex(quint64 v, int digits = 8) {
    return QStringLiteral("0x%1").arg(v, digits, 16, QLatin1Char('0'));
}

QString describe(float v) {
    return QStringLiteral("%1 (%2)").arg(double(v), 0, 'g', 9).arg(hex(std::bit_cast<quint32>(v)));
}

QString orderName(ByteOrder o) {
    return o == ByteOrder::Big ? QStringLiteral("big") : QStringLiteral("little");
}

float fromBits(quint32 b) {
    return std::bit_cast<float>(b);
}

using Bytes = std::vector<std::byte>;

Bytes encode(SampleFormat f, ByteOrder o, const std::vector<float>& v, double scale,
             EncodeCounts& counts, bool scalar = false) {
    Bytes out(v.size() * std::size_t(bytesPerSample(f)));
    if (scalar)
        encodeSamplesScalar(f, o, v.data(), out.data(), v.size(), scale, counts);
    else
        encodeSamples(f, o, v.data(), out.data(), v.size(), scale, counts);
    return out;
}

std::vector<float> decode(SampleFormat f, ByteOrder o, const Bytes& b) {
    std::vector<float> out(b.size() / std::size_t(bytesPerSample(f)));
    decodeSamples(f, o, b.data(), out.data(), out.size());
    return out;
}

// `n` bytes of the host-order value `v` laid out in `order`.
void putBytes(std::byte* p, quint64 v, int n, ByteOrder order) {
    for (int i = 0; i < n; ++i) {
        const int shift = 8 * (order == ByteOrder::Big ? n - 1 - i : i);
        p[i] = std::byte((v >> shift) & 0xff);
    }
}

quint32 wordAt(const Bytes& b, std::size_t i, ByteOrder order) {
    quint32 w = 0;
    for (int k = 0; k < 4; ++k) {
        const int idx = order == ByteOrder::Big ? k : 3 - k;
        w = (w << 8) | quint32(std::to_integer<unsigned>(b[4 * i + std::size_t(idx)]));
    }
    return w;
}

// The expectation for an integer format, computed independently of the library: the product in
// double, rounded half away from zero through floor, compared with the type's limits as
// integers.
struct IntExpect {
    quint64 bits = 0; // two's complement, low bytes written
    bool nan = false;
    bool saturated = false;
    long double value = 0; // the integer written
};

IntExpect expectInt(SampleFormat f, float x, double scale) {
    const int bits = 8 * bytesPerSample(f);
    const bool isSigned = f == SampleFormat::Int8 || f == SampleFormat::Int16 ||
                          f == SampleFormat::Int24 || f == SampleFormat::Int32 ||
                          f == SampleFormat::Int64;
    // Limits as long double (64-bit significand: every limit here is exact).
    const long double maxV = isSigned ? std::ldexp(1.0L, bits - 1) - 1 : std::ldexp(1.0L, bits) - 1;
    const long double minV = isSigned ? -std::ldexp(1.0L, bits - 1) : 0.0L;
    IntExpect e;
    if (std::isnan(x)) {
        e.nan = true;
        return e;
    }
    const double v = double(x) * scale;
    long double r;
    if (std::isinf(v)) {
        r = v > 0 ? maxV + 1 : minV - 1;
    } else {
        const double fl = std::floor(v);
        const double d = v - fl; // exact
        r = fl;
        if (d > 0.5 || (d == 0.5 && v > 0))
            r += 1;
    }
    if (r > maxV) {
        e.saturated = true;
        r = maxV;
    } else if (r < minV) {
        e.saturated = true;
        r = minV;
    }
    e.value = r;
    if (isSigned)
        e.bits = quint64(qint64(r));
    else
        e.bits = quint64(r);
    return e;
}

// Values around every interesting point of an integer format at `scale`.
std::vector<float> integerProbes(SampleFormat f, double scale) {
    const int bits = 8 * bytesPerSample(f);
    const bool isSigned = expectInt(f, -1.0f, 1.0).value < 0;
    const double maxV = isSigned ? std::ldexp(1.0, bits - 1) - 1 : std::ldexp(1.0, bits) - 1;
    const double minV = isSigned ? -std::ldexp(1.0, bits - 1) : 0.0;
    std::vector<float> v{0.0f,       -0.0f,       0x1p-149f,
                         -0x1p-149f, FLT_MIN,     0.49999997f,
                         0.5f,       -0.5f,       0.50000006f,
                         1.5f,       -1.5f,       2.5f,
                         -2.5f,      3.5f,        -3.5f,
                         1234.5678f, -1234.5678f, 1e-30f,
                         1e30f,      -1e30f,      FLT_MAX,
                         -FLT_MAX,   kInf,        -kInf,
                         kNaN,       -kNaN,       fromBits(0x7f800001u)};
    for (double limit : {maxV, minV})
        for (double delta : {-1.5, -1.0, -0.5, -0.25, 0.0, 0.25, 0.5, 0.75, 1.0, 1.5}) {
            const float x = float((limit + delta) / scale);
            v.push_back(x);
            v.push_back(std::nextafter(x, kInf));
            v.push_back(std::nextafter(x, -kInf));
        }
    // Ties of the product: k + 0.5 for small k, divided by the scale.
    for (int k = -20; k <= 20; ++k)
        v.push_back(float((k + 0.5) / scale));
    return v;
}

// IEEE/IBM probes: specials, every exponent with edge and tie mantissas, powers of 16 and their
// neighbours.
std::vector<float> floatProbes(QRandomGenerator& rng) {
    std::vector<float> v{0.0f,
                         -0.0f,
                         kInf,
                         -kInf,
                         kNaN,
                         -kNaN,
                         fromBits(0x7f800001u),
                         fromBits(0xffc00001u),
                         FLT_MAX,
                         -FLT_MAX,
                         FLT_MIN,
                         -FLT_MIN,
                         0x1p-149f,
                         -0x1p-149f,
                         fromBits(0x007fffffu),
                         1.0f,
                         -118.625f};
    // Low mantissa bits that make ties (or near ties) for s = 1, 2, 3 dropped bits, with the
    // kept bit even and odd.
    const quint32 lows[] = {0x0, 0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x7, 0xa, 0xb, 0xc, 0xd, 0xe};
    for (quint32 e = 0; e < 255; ++e) {
        for (quint32 sign : {0u, 0x80000000u}) {
            for (quint32 m : {0x0u, 0x1u, 0x7fffffu, 0x400000u, 0x7ffffcu, 0x7ffff4u})
                v.push_back(fromBits(sign | e << 23 | m));
            for (quint32 low : lows)
                v.push_back(fromBits(sign | e << 23 | (rng.generate() & 0x7ffff0u) | low));
        }
    }
    for (int k = -37; k <= 32; ++k) {
        const float p = std::ldexp(1.0f, 4 * k);
        if (p == 0.0f || std::isinf(p))
            continue;
        v.push_back(p);
        v.push_back(std::nextafter(p, 0.0f));
        v.push_back(std::nextafter(p, kInf));
        v.push_back(-std::nextafter(p, 0.0f));
    }
    return v;
}

} // namespace

class TestSampleEncoder : public QObject {
    Q_OBJECT

private slots:
    void ibmAgainstPython();
    void ibmEveryMantissa();
    void floatRoundTrips();
    void ibmWordsSurviveDecodeEncode();
    void integerBytesAndRoundTrips();
    void floatsIgnoreScale();
    void vectorMatchesScalar();
    void countsAccumulateAndRefusals();
    void throughput();
};

void TestSampleEncoder::ibmAgainstPython() {
    QRandomGenerator rng(20261130);
    std::vector<float> values = floatProbes(rng);
    for (int i = 0; i < 20000; ++i)
        values.push_back(fromBits(rng.generate()));
    // Random ties: the low 1, 2 or 3 bits of a random float set to exactly half.
    for (int i = 0; i < 6000; ++i) {
        const quint32 pattern[] = {0x1u, 0x2u, 0x4u};
        const quint32 b = (rng.generate() & ~0x7u) | pattern[i % 3];
        values.push_back(fromBits(b));
    }
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString in = dir.filePath(QStringLiteral("floats.bin"));
    const QString out = dir.filePath(QStringLiteral("ibm.bin"));
    {
        QFile f(in);
        QVERIFY(f.open(QIODevice::WriteOnly));
        // little-endian host: the floats' own bytes are '<f4'
        QCOMPARE(f.write(reinterpret_cast<const char*>(values.data()),
                         qint64(values.size() * sizeof(float))),
                 qint64(values.size() * sizeof(float)));
    }
    QString python = qEnvironmentVariable("SEIS_PYTHON");
    if (python.isEmpty())
        python = QStringLiteral("/usr/bin/python3");
    const auto run = testsupport::runProcess(
        python, {QStringLiteral(SEIS_TESTS_DIR "/data/ibm_reference.py"), in, out});
    QVERIFY2(!run.crashed && !run.hung && run.code == 0,
             qPrintable(QStringLiteral("ibm_reference.py failed: ") + run.describe()));
    const QJsonObject summary = QJsonDocument::fromJson(run.out).object();
    QCOMPARE(summary.value(QStringLiteral("values")).toInteger(), qint64(values.size()));
    const qint64 ties = summary.value(QStringLiteral("ties")).toInteger();
    QVERIFY2(ties > 5000, qPrintable(QStringLiteral("only %1 exact ties").arg(ties)));
    // A float32 mantissa never rounds up into a 25th bit (sampleencoder.h): the reference agrees.
    QCOMPARE(summary.value(QStringLiteral("renormalised")).toInteger(), qint64(0));
    qInfo("IBM reference: %lld values, %lld exact ties", qint64(values.size()), ties);

    QFile f(out);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray expected = f.readAll();
    QCOMPARE(qsizetype(expected.size()), qsizetype(values.size() * 4));

    qint64 nans = 0;
    qint64 infs = 0;
    for (float x : values) {
        nans += std::isnan(x);
        infs += std::isinf(x);
    }
    for (bool scalar : {false, true}) {
        for (ByteOrder o : {ByteOrder::Big, ByteOrder::Little}) {
            EncodeCounts counts;
            const Bytes got = encode(SampleFormat::IbmFloat32, o, values, 1.0, counts, scalar);
            for (std::size_t i = 0; i < values.size(); ++i) {
                for (int k = 0; k < 4; ++k) {
                    const int idx = o == ByteOrder::Big ? k : 3 - k;
                    if (std::to_integer<char>(got[4 * i + std::size_t(k)]) !=
                        expected[qsizetype(4 * i) + idx]) {
                        quint32 want = 0;
                        for (int j = 0; j < 4; ++j)
                            want = want << 8 | quint8(expected[qsizetype(4 * i) + j]);
                        QFAIL(qPrintable(QStringLiteral("%1 %2-endian: %3 -> %4, Python says %5")
                                             .arg(scalar ? "scalar" : "vector", orderName(o),
                                                  describe(values[i]), hex(wordAt(got, i, o)),
                                                  hex(want))));
                    }
                }
            }
            QCOMPARE(counts.nanZeroed, nans);
            QCOMPARE(counts.saturated, infs);
        }
    }
    // floatToIbm gives the same words.
    for (std::size_t i = 0; i < values.size(); ++i) {
        quint32 want = 0;
        for (int j = 0; j < 4; ++j)
            want = want << 8 | quint8(expected[qsizetype(4 * i) + j]);
        if (floatToIbm(values[i]) != want)
            QFAIL(qPrintable(QStringLiteral("floatToIbm(%1) = %2, Python says %3")
                                 .arg(describe(values[i]), hex(floatToIbm(values[i])), hex(want))));
    }
}

void TestSampleEncoder::ibmEveryMantissa() {
    // The rounding depends only on the mantissa and on how many bits (0-3) the hexadecimal
    // alignment drops; binary exponents 0..3 (floats in [1, 16)) cover all four alignments with
    // every mantissa. The vector path against floatToIbm (frexp/nearbyint in double), both signs.
    std::vector<float> values(std::size_t(1) << 23);
    Bytes out(values.size() * 4);
    for (quint32 e : {127u, 128u, 129u, 130u}) {
        for (quint32 sign : {0u, 0x80000000u}) {
            for (quint32 m = 0; m < (1u << 23); ++m)
                values[m] = fromBits(sign | e << 23 | m);
            EncodeCounts counts;
            encodeSamples(SampleFormat::IbmFloat32, ByteOrder::Little, values.data(), out.data(),
                          values.size(), 1.0, counts);
            QCOMPARE(counts.nanZeroed, 0);
            QCOMPARE(counts.saturated, 0);
            for (std::size_t i = 0; i < values.size(); ++i) {
                quint32 w;
                std::memcpy(&w, out.data() + 4 * i, 4);
                if (w != floatToIbm(values[i]))
                    QFAIL(qPrintable(
                        QStringLiteral("%1 -> %2, floatToIbm %3")
                            .arg(describe(values[i]), hex(w), hex(floatToIbm(values[i])))));
            }
        }
    }
    // Denormals: every 97th mantissa.
    std::vector<float> tiny;
    for (quint32 m = 1; m < (1u << 23); m += 97)
        tiny.push_back(fromBits(m));
    EncodeCounts counts;
    const Bytes got = encode(SampleFormat::IbmFloat32, ByteOrder::Big, tiny, 1.0, counts);
    for (std::size_t i = 0; i < tiny.size(); ++i)
        QCOMPARE(hex(wordAt(got, i, ByteOrder::Big)), hex(floatToIbm(tiny[i])));
}

void TestSampleEncoder::floatRoundTrips() {
    QRandomGenerator rng(77);
    std::vector<float> values = floatProbes(rng);
    for (int i = 0; i < 50000; ++i)
        values.push_back(fromBits(rng.generate()));
    qint64 nans = 0;
    qint64 infs = 0;
    for (float x : values) {
        nans += std::isnan(x);
        infs += std::isinf(x);
    }
    for (ByteOrder o : {ByteOrder::Big, ByteOrder::Little}) {
        // IEEE float32: the same bits, NaN included; nothing counted.
        {
            EncodeCounts c;
            const Bytes b = encode(SampleFormat::IeeeFloat32, o, values, 1.0, c);
            const std::vector<float> back = decode(SampleFormat::IeeeFloat32, o, b);
            for (std::size_t i = 0; i < values.size(); ++i) {
                const quint32 want = std::bit_cast<quint32>(values[i]);
                QCOMPARE(hex(wordAt(b, i, o)), hex(want));
                QCOMPARE(hex(std::bit_cast<quint32>(back[i])), hex(want));
            }
            QCOMPARE(c.nanZeroed, 0);
            QCOMPARE(c.saturated, 0);
        }
        // IEEE float64: the float widened exactly (a NaN stays NaN); back to the same float.
        {
            EncodeCounts c;
            const Bytes b = encode(SampleFormat::IeeeFloat64, o, values, 1.0, c);
            const std::vector<float> back = decode(SampleFormat::IeeeFloat64, o, b);
            for (std::size_t i = 0; i < values.size(); ++i) {
                quint64 got = 0;
                for (int k = 0; k < 8; ++k)
                    got = got << 8 | std::to_integer<unsigned>(
                                         b[8 * i + std::size_t(o == ByteOrder::Big ? k : 7 - k)]);
                const double want = double(values[i]);
                QCOMPARE(hex(got, 16), hex(std::bit_cast<quint64>(want), 16));
                if (std::isnan(values[i])) { // widened and read back by the hardware: still NaN
                    QVERIFY(std::isnan(std::bit_cast<double>(got)));
                    QVERIFY(std::isnan(back[i]));
                } else {
                    QCOMPARE(hex(std::bit_cast<quint32>(back[i])),
                             hex(std::bit_cast<quint32>(float(want))));
                }
            }
            QCOMPARE(c.nanZeroed, 0);
            QCOMPARE(c.saturated, 0);
        }
        // IBM: back within half an IBM unit (relative 2^-21), sign kept, zeros exact, inf back
        // to inf (the largest IBM value is beyond the float range), NaN -> +0.
        {
            EncodeCounts c;
            const Bytes b = encode(SampleFormat::IbmFloat32, o, values, 1.0, c);
            const std::vector<float> back = decode(SampleFormat::IbmFloat32, o, b);
            for (std::size_t i = 0; i < values.size(); ++i) {
                const float x = values[i];
                const float y = back[i];
                const QString what = QStringLiteral("%1 -> %2 -> %3")
                                         .arg(describe(x), hex(wordAt(b, i, o)), describe(y));
                if (std::isnan(x)) {
                    QVERIFY2(std::bit_cast<quint32>(y) == 0u, qPrintable(what));
                    continue;
                }
                QVERIFY2(std::signbit(x) == std::signbit(y), qPrintable(what));
                if (std::isinf(x) || x == 0.0f) {
                    QVERIFY2(std::bit_cast<quint32>(x) == std::bit_cast<quint32>(y),
                             qPrintable(what));
                    continue;
                }
                const double err = std::fabs(double(y) - double(x));
                QVERIFY2(err <= std::ldexp(std::fabs(double(x)), -21), qPrintable(what));
            }
            QCOMPARE(c.nanZeroed, nans);
            QCOMPARE(c.saturated, infs);
        }
    }
}

void TestSampleEncoder::ibmWordsSurviveDecodeEncode() {
    // What a same-format copy of an IBM file relies on: every normalized IBM word whose value is
    // a normal float, and both zeros, come back byte-identical through decodeSamples and
    // encodeSamples, in both byte orders.
    QRandomGenerator rng(1130);
    std::vector<quint32> words{0x00000000u, 0x80000000u};
    for (quint32 sign : {0u, 0x80000000u})
        for (quint32 e = 0; e < 128; ++e)
            for (int i = 0; i < 300; ++i) {
                const quint32 m = i == 0   ? 0x100000u
                                  : i == 1 ? 0xffffffu
                                           : 0x100000u + rng.bounded(0xf00000u);
                const double value = std::ldexp(double(m), 4 * (int(e) - 64) - 24);
                if (value >= double(FLT_MIN) && value <= double(FLT_MAX))
                    words.push_back(sign | e << 24 | m);
            }
    QVERIFY(words.size() > 20000);
    for (ByteOrder o : {ByteOrder::Big, ByteOrder::Little}) {
        Bytes in(words.size() * 4);
        for (std::size_t i = 0; i < words.size(); ++i)
            putBytes(in.data() + 4 * i, words[i], 4, o);
        const std::vector<float> floats = decode(SampleFormat::IbmFloat32, o, in);
        EncodeCounts c;
        const Bytes out = encode(SampleFormat::IbmFloat32, o, floats, 1.0, c);
        for (std::size_t i = 0; i < words.size(); ++i)
            if (wordAt(out, i, o) != words[i])
                QFAIL(qPrintable(QStringLiteral("%1-endian %2 -> %3 -> %4")
                                     .arg(orderName(o), hex(words[i]), describe(floats[i]),
                                          hex(wordAt(out, i, o)))));
        QCOMPARE(c.nanZeroed, 0);
        QCOMPARE(c.saturated, 0);
    }
}

void TestSampleEncoder::integerBytesAndRoundTrips() {
    for (SampleFormat f : kIntegers) {
        const int n = bytesPerSample(f);
        for (double scale : {1.0, 0.25, 3.0, 1000.0, 1e-6}) {
            const std::vector<float> values = integerProbes(f, scale);
            qint64 nans = 0;
            qint64 saturated = 0;
            std::vector<IntExpect> want;
            for (float x : values) {
                want.push_back(expectInt(f, x, scale));
                nans += want.back().nan;
                saturated += want.back().saturated;
            }
            QVERIFY(saturated > 0);
            for (ByteOrder o : {ByteOrder::Big, ByteOrder::Little}) {
                for (bool scalar : {false, true}) {
                    EncodeCounts c;
                    const Bytes b = encode(f, o, values, scale, c, scalar);
                    const std::vector<float> back = decode(f, o, b);
                    for (std::size_t i = 0; i < values.size(); ++i) {
                        std::byte expected[8];
                        putBytes(expected, want[i].bits, n, o);
                        const auto ctx = [&] {
                            return QStringLiteral("format %1 %2-endian %3 scale %4: %5 -> ")
                                .arg(int(f))
                                .arg(orderName(o), scalar ? "scalar" : "vector")
                                .arg(scale)
                                .arg(describe(values[i]));
                        };
                        if (std::memcmp(expected, b.data() + i * std::size_t(n), std::size_t(n)))
                            QFAIL(qPrintable(ctx() + QStringLiteral("wrong bytes, want %1")
                                                         .arg(hex(want[i].bits, 2 * n))));
                        // decodeSamples gives the integer rounded to float.
                        const float wantBack = float(want[i].value);
                        if (std::bit_cast<quint32>(back[i]) != std::bit_cast<quint32>(wantBack) &&
                            !(back[i] == 0.0f && wantBack == 0.0f))
                            QFAIL(qPrintable(ctx() + QStringLiteral("decoded %1, want %2")
                                                         .arg(double(back[i]))
                                                         .arg(double(wantBack))));
                    }
                    QCOMPARE(c.nanZeroed, nans);
                    QCOMPARE(c.saturated, saturated);
                }
            }
        }
    }
    // Hand-written points: int16 at its limits, ties away from zero, uint8 below zero.
    EncodeCounts c;
    const std::vector<float> v{32767.4f, 32767.5f, -32768.5f, -32768.49f, 2.5f, -2.5f, -0.4f};
    const Bytes b = encode(SampleFormat::Int16, ByteOrder::Big, v, 1.0, c);
    const std::vector<int> want{32767, 32767, -32768, -32768, 3, -3, 0};
    for (std::size_t i = 0; i < v.size(); ++i) {
        const int got = qint16(quint16(std::to_integer<unsigned>(b[2 * i]) << 8 |
                                       std::to_integer<unsigned>(b[2 * i + 1])));
        QCOMPARE(got, want[i]);
    }
    QCOMPARE(c.saturated, 2); // 32767.5 -> 32768 and -32768.5 -> -32769 are beyond the range
    EncodeCounts u;
    const std::vector<float> neg{-0.49f, -0.5f, -1.0f, 255.49f, 255.5f};
    const Bytes ub = encode(SampleFormat::UInt8, ByteOrder::Little, neg, 1.0, u);
    QCOMPARE(std::to_integer<int>(ub[0]), 0);
    QCOMPARE(std::to_integer<int>(ub[1]), 0);
    QCOMPARE(std::to_integer<int>(ub[2]), 0);
    QCOMPARE(std::to_integer<int>(ub[3]), 255);
    QCOMPARE(std::to_integer<int>(ub[4]), 255);
    QCOMPARE(u.saturated, 3);
}

void TestSampleEncoder::floatsIgnoreScale() {
    QRandomGenerator rng(5);
    std::vector<float> v;
    for (int i = 0; i < 1000; ++i)
        v.push_back(fromBits(rng.generate()));
    for (SampleFormat f :
         {SampleFormat::IbmFloat32, SampleFormat::IeeeFloat32, SampleFormat::IeeeFloat64}) {
        EncodeCounts a;
        EncodeCounts b;
        QVERIFY(encode(f, ByteOrder::Big, v, 1.0, a) == encode(f, ByteOrder::Big, v, 1000.0, b));
        // A scale integers would refuse is ignored too.
        EncodeCounts c;
        QVERIFY(encode(f, ByteOrder::Big, v, 1.0, a) == encode(f, ByteOrder::Big, v, 0.0, c));
    }
}

void TestSampleEncoder::vectorMatchesScalar() {
    qInfo("CPU has AVX2: %s (encodeSamples uses it when present)",
          __builtin_cpu_supports("avx2") ? "yes" : "no");
    QRandomGenerator rng(424242);
    const QList<int> lengths{0,  1,  2,   3,   5,   7,   9,    15,   17,   31,   33,
                             63, 65, 127, 129, 255, 257, 1001, 8191, 8193, 16387};
    for (SampleFormat f : kEncodable) {
        const int bytes = bytesPerSample(f);
        const double typeMax = f == SampleFormat::Int8     ? 127
                               : f == SampleFormat::UInt8  ? 255
                               : f == SampleFormat::Int16  ? 32767
                               : f == SampleFormat::UInt16 ? 65535
                               : f == SampleFormat::Int24  ? 8388607
                               : f == SampleFormat::UInt24 ? 16777215
                               : f == SampleFormat::Int32  ? 2147483647.0
                               : f == SampleFormat::UInt32 ? 4294967295.0
                               : f == SampleFormat::Int64  ? 0x1p63
                               : f == SampleFormat::UInt64 ? 0x1p64
                                                           : 1e6;
        for (double scale : {1.0, 0.37, 1000.0}) {
            for (ByteOrder o : {ByteOrder::Big, ByteOrder::Little}) {
                for (int len : lengths) {
                    // Unaligned: the floats one element past an aligned start, the output
                    // 1..7 bytes past one.
                    std::vector<float> src(std::size_t(len) + 1);
                    for (int i = 0; i < len; ++i) {
                        float x;
                        switch (rng.bounded(5)) {
                        case 0:
                            x = fromBits(rng.generate());
                            break;
                        case 1:
                            x = float((rng.generateDouble() * 2.6 - 1.3) * typeMax / scale);
                            break;
                        case 2:
                            x = float((int(rng.bounded(2001)) - 1000 + 0.5) / scale);
                            break;
                        case 3:
                            x = float(rng.generateDouble() * 200 - 100);
                            break;
                        default:
                            x = fromBits(rng.bounded(0x00800000u) | (rng.generate() & 0x80000000u));
                        }
                        src[std::size_t(i) + 1] = x;
                    }
                    const std::size_t shift = 1 + rng.bounded(7);
                    Bytes vec(std::size_t(len) * std::size_t(bytes) + shift);
                    Bytes ref(vec.size());
                    EncodeCounts cv;
                    EncodeCounts cs;
                    encodeSamples(f, o, src.data() + 1, vec.data() + shift, std::size_t(len), scale,
                                  cv);
                    encodeSamplesScalar(f, o, src.data() + 1, ref.data() + shift, std::size_t(len),
                                        scale, cs);
                    for (int i = 0; i < len; ++i) {
                        const std::size_t at = shift + std::size_t(i) * std::size_t(bytes);
                        if (std::memcmp(vec.data() + at, ref.data() + at, std::size_t(bytes)))
                            QFAIL(qPrintable(
                                QStringLiteral("format %1 %2-endian scale %3 length %4 index %5: "
                                               "%6 encodes differently")
                                    .arg(int(f))
                                    .arg(orderName(o))
                                    .arg(scale)
                                    .arg(len)
                                    .arg(i)
                                    .arg(describe(src[std::size_t(i) + 1]))));
                    }
                    QCOMPARE(cv.nanZeroed, cs.nanZeroed);
                    QCOMPARE(cv.saturated, cs.saturated);
                }
            }
        }
    }
}

void TestSampleEncoder::countsAccumulateAndRefusals() {
    const std::vector<float> v{kNaN, 1.0f, kInf, -kInf, 70000.0f, kNaN};
    EncodeCounts c;
    encode(SampleFormat::Int16, ByteOrder::Big, v, 1.0, c);
    QCOMPARE(c.nanZeroed, 2);
    QCOMPARE(c.saturated, 3);
    encode(SampleFormat::IbmFloat32, ByteOrder::Little, v, 1.0, c);
    QCOMPARE(c.nanZeroed, 4);
    QCOMPARE(c.saturated, 5);
    encode(SampleFormat::IeeeFloat32, ByteOrder::Little, v, 1.0, c); // IEEE keeps NaN and inf
    QCOMPARE(c.nanZeroed, 4);
    QCOMPARE(c.saturated, 5);

    QVERIFY(!canEncode(SampleFormat::FixedPointGain32));
    for (SampleFormat f : kEncodable)
        QVERIFY(canEncode(f));
    Bytes out(64);
    EncodeCounts r;
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             encodeSamples(SampleFormat::FixedPointGain32, ByteOrder::Big, v.data(),
                                           out.data(), v.size(), 1.0, r));
    QVERIFY_THROWS_EXCEPTION(ArgumentError,
                             encodeSamplesScalar(SampleFormat::FixedPointGain32, ByteOrder::Big,
                                                 v.data(), out.data(), v.size(), 1.0, r));
    for (double bad : {0.0, -1.0, double(kNaN), double(kInf)}) {
        QVERIFY_THROWS_EXCEPTION(ArgumentError,
                                 encodeSamples(SampleFormat::Int16, ByteOrder::Big, v.data(),
                                               out.data(), v.size(), bad, r));
        QVERIFY_THROWS_EXCEPTION(ArgumentError,
                                 encodeSamplesScalar(SampleFormat::Int32, ByteOrder::Big, v.data(),
                                                     out.data(), v.size(), bad, r));
    }
    try {
        encodeSamples(SampleFormat::FixedPointGain32, ByteOrder::Big, v.data(), out.data(),
                      v.size(), 1.0, r);
    } catch (const ArgumentError& e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains(QLatin1String("format 4")), e.what());
    }
    QCOMPARE(r.nanZeroed, 0);
    QCOMPARE(r.saturated, 0);
}

void TestSampleEncoder::throughput() {
    // 64 MB of float32 (16 Mi samples) like seismic amplitudes; best of three runs each. Not a
    // timed test: figures only.
    const std::size_t n = std::size_t(16) << 20;
    std::vector<float> src(n);
    QRandomGenerator rng(1);
    for (std::size_t i = 0; i < n; ++i)
        src[i] = float(std::sin(double(i) * 0.01) * 50.0 + (rng.generateDouble() - 0.5));
    Bytes dst(n * 8);
    const double mb = double(n * 4) / 1e6;
    auto best = [&](auto&& fn) {
        double s = 1e30;
        for (int r = 0; r < 3; ++r) {
            QElapsedTimer t;
            t.start();
            fn();
            s = std::min(s, double(t.nsecsElapsed()) / 1e9);
        }
        return s;
    };
    const double copy = best([&] { std::memcpy(dst.data(), src.data(), n * 4); });
    qInfo("memcpy of 64 MB: %.0f MB/s", mb / copy);
    struct Case {
        const char* name;
        SampleFormat f;
        ByteOrder o;
        double scale;
    };
    const Case cases[] = {
        {"IBM big-endian", SampleFormat::IbmFloat32, ByteOrder::Big, 1.0},
        {"IEEE float32 big-endian", SampleFormat::IeeeFloat32, ByteOrder::Big, 1.0},
        {"IEEE float32 little-endian", SampleFormat::IeeeFloat32, ByteOrder::Little, 1.0},
        {"int16 big-endian (scale 100)", SampleFormat::Int16, ByteOrder::Big, 100.0},
        {"int32 big-endian (scale 1000)", SampleFormat::Int32, ByteOrder::Big, 1000.0},
        {"int8 (scale 1)", SampleFormat::Int8, ByteOrder::Big, 1.0},
        {"IEEE float64 big-endian", SampleFormat::IeeeFloat64, ByteOrder::Big, 1.0}};
    for (const Case& c : cases) {
        EncodeCounts counts;
        const double s =
            best([&] { encodeSamples(c.f, c.o, src.data(), dst.data(), n, c.scale, counts); });
        qInfo("encode %s: %.0f MB/s of float32 input (%.2fx the memcpy time)", c.name, mb / s,
              s / copy);
    }
    EncodeCounts counts;
    QElapsedTimer t;
    t.start();
    encodeSamplesScalar(SampleFormat::IbmFloat32, ByteOrder::Big, src.data(), dst.data(), n, 1.0,
                        counts);
    qInfo("scalar reference IBM big-endian: %.0f MB/s", mb / (double(t.nsecsElapsed()) / 1e9));
    QCOMPARE(counts.nanZeroed, 0);
}

QTEST_GUILESS_MAIN(TestSampleEncoder)
#include "tst_sampleencoder.moc"
