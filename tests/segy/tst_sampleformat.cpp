// Sample decoding checked against independent reference formulas: IBM over every exponent, IBM
// encoding, every format on random bytes (vector path against scalar path and against a
// reference decoder written here), hand-written known values and format-code validation.
#include "seis/segy/sampleformat.h"

#include <QRandomGenerator>
#include <QtTest>

#include <bit>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <vector>

using namespace seis;

namespace {

// Halfway between FLT_MAX and 2^128: doubles at or above it round to infinity (FLT_MAX's
// significand is odd, so the tie goes up); doubles between FLT_MAX and it round to FLT_MAX.
constexpr double kFloatOverflow = 0x1.ffffffp+127;

// A double to the nearest float (ties to even) without relying on the out-of-range conversion,
// which C++ leaves undefined.
float roundToFloat(double d) {
    if (std::isnan(d))
        return std::numeric_limits<float>::quiet_NaN();
    const double a = std::fabs(d);
    if (a >= kFloatOverflow)
        return std::copysign(std::numeric_limits<float>::infinity(), float(d < 0 ? -1 : 1));
    if (a > double(FLT_MAX))
        return d < 0 ? -FLT_MAX : FLT_MAX;
    return static_cast<float>(d); // in range: rounds to nearest, denormals included
}

// value = (-1)^s * m * 16^(e-64) / 2^24. The product is exact in double for every IBM word
// (m < 2^24, binary exponent between -280 and 228), so rounding to float happens once.
float ibmReference(quint32 w) {
    const bool negative = (w >> 31) != 0;
    const int e = int((w >> 24) & 0x7f);
    const quint32 m = w & 0xffffffu;
    const double d = std::ldexp(double(m), 4 * (e - 64) - 24);
    const float f = roundToFloat(d);
    return negative ? -f : f;
}

// The same computed in long double, as a check on the reference itself.
float ibmReferenceLong(quint32 w) {
    const int e = int((w >> 24) & 0x7f);
    long double v = static_cast<long double>(w & 0xffffffu);
    for (int i = 0; i < 24; ++i)
        v /= 2;
    for (int i = 64; i < e; ++i)
        v *= 16;
    for (int i = e; i < 64; ++i)
        v /= 16;
    const float f = roundToFloat(double(v)); // exact: v is a double value
    return (w >> 31) ? -f : f;
}

bool sameFloat(float a, float b) {
    if (std::isnan(a) && std::isnan(b))
        return true;
    return std::bit_cast<quint32>(a) == std::bit_cast<quint32>(b);
}

QString hex(quint64 v, int digits = 8) {
    return QStringLiteral("0x%1").arg(v, digits, 16, QLatin1Char('0'));
}

QString describe(float v) {
    return QStringLiteral("%1 (%2)").arg(double(v), 0, 'g', 9).arg(hex(std::bit_cast<quint32>(v)));
}

// Integer to the nearest float, ties to even, by integer arithmetic only.
float roundIntToFloat(bool negative, quint64 a) {
    int bits = 64 - std::countl_zero(a);
    if (bits > 24) {
        const int shift = bits - 24;
        quint64 q = a >> shift;
        const quint64 r = a & ((quint64(1) << shift) - 1);
        const quint64 half = quint64(1) << (shift - 1);
        if (r > half || (r == half && (q & 1)))
            ++q;
        // q * 2^shift, q <= 2^24: exact in float
        const float f = std::ldexp(float(q), shift);
        return negative ? -f : f;
    }
    const float f = float(a); // exact
    return negative ? -f : f;
}

float roundSigned(qint64 v) {
    return v < 0 ? roundIntToFloat(true, quint64(0) - quint64(v))
                 : roundIntToFloat(false, quint64(v));
}

// Reads `n` bytes at p as an unsigned integer in `order`.
quint64 loadUnsigned(const unsigned char* p, int n, ByteOrder order) {
    quint64 v = 0;
    for (int i = 0; i < n; ++i) {
        const int idx = order == ByteOrder::Big ? i : n - 1 - i;
        v = (v << 8) | p[idx];
    }
    return v;
}

qint64 signExtend(quint64 v, int bytes) {
    const int bits = 8 * bytes;
    if (bits == 64)
        return qint64(v);
    const quint64 sign = quint64(1) << (bits - 1);
    return qint64((v ^ sign) - sign);
}

// An independent decoder for one sample.
float referenceSample(SampleFormat format, ByteOrder order, const unsigned char* p) {
    const int n = bytesPerSample(format);
    const quint64 u = loadUnsigned(p, n, order);
    switch (format) {
    case SampleFormat::IbmFloat32:
        return ibmReference(quint32(u));
    case SampleFormat::IeeeFloat32:
        return std::bit_cast<float>(quint32(u));
    case SampleFormat::IeeeFloat64:
        return roundToFloat(std::bit_cast<double>(u));
    case SampleFormat::FixedPointGain32: {
        const int gain = int((u >> 16) & 0xff);
        const auto mantissa = qint16(quint16(u & 0xffff));
        return roundToFloat(std::ldexp(double(mantissa), -gain)); // exact, then one rounding
    }
    case SampleFormat::Int8:
    case SampleFormat::Int16:
    case SampleFormat::Int24:
    case SampleFormat::Int32:
    case SampleFormat::Int64:
        return roundSigned(signExtend(u, n));
    case SampleFormat::UInt8:
    case SampleFormat::UInt16:
    case SampleFormat::UInt24:
    case SampleFormat::UInt32:
    case SampleFormat::UInt64:
        return roundIntToFloat(false, u);
    }
    return 0;
}

const QList<int> kCodes{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16};

QList<SampleFormat> allFormats() {
    QList<SampleFormat> out;
    for (int c : kCodes)
        out << SampleFormat(c);
    return out;
}

QString orderName(ByteOrder o) {
    return o == ByteOrder::Big ? QStringLiteral("big") : QStringLiteral("little");
}

} // namespace

class TestSampleFormat : public QObject {
    Q_OBJECT

private slots:
    void referenceSelfCheck();
    void ibmAllExponents();
    void ibmRoundTrip();
    void ibmEncodeNearest();
    void ibmEncodeSpecials();
    void vectorMatchesScalar();
    void decodeMatchesReference();
    void knownValues_data();
    void knownValues();
    void formatCodes();
};

void TestSampleFormat::referenceSelfCheck() {
    // The two reference formulas agree with each other and with textbook values.
    QCOMPARE(ibmReference(0xC276A000u), -118.625f);
    QCOMPARE(ibmReference(0x41100000u), 1.0f);
    QCOMPARE(ibmReference(0x7FFFFFFFu), std::numeric_limits<float>::infinity());
    QCOMPARE(roundToFloat(double(FLT_MAX) * (1 + 0x1p-25)), FLT_MAX);
    QCOMPARE(roundToFloat(kFloatOverflow), std::numeric_limits<float>::infinity());
    QCOMPARE(roundIntToFloat(false, (1u << 24) + 1), 16777216.0f);
    QCOMPARE(roundIntToFloat(false, (1u << 24) + 3), 16777220.0f);
    QCOMPARE(roundSigned(std::numeric_limits<qint64>::min()), -0x1p63f);
    QRandomGenerator rng(7);
    for (int i = 0; i < 20000; ++i) {
        const quint32 w = rng.generate();
        QVERIFY(sameFloat(ibmReference(w), ibmReferenceLong(w)));
    }
    for (int e = 0; e < 128; ++e)
        for (quint32 m : {0u, 1u, 0xffffffu, 0x800000u})
            QVERIFY(sameFloat(ibmReference(quint32(e) << 24 | m),
                              ibmReferenceLong(quint32(e) << 24 | m)));
}

void TestSampleFormat::ibmAllExponents() {
    QRandomGenerator rng(20240607);
    std::vector<quint32> mantissas{0,        1,        2,        3,        0xf,      0x10,
                                   0xff,     0xfff,    0xffff,   0xfffff,  0x100000, 0x100001,
                                   0x7fffff, 0x800000, 0x800001, 0xfffffe, 0xffffff, 0x123456,
                                   0xabcdef, 0x0fffff, 0x000100, 0x080000};
    for (int i = 0; i < 300; ++i)
        mantissas.push_back(rng.generate() & 0xffffffu);
    for (int i = 0; i < 50; ++i) // unnormalized: leading hex digit zero
        mantissas.push_back(rng.generate() & 0x0fffffu);
    qint64 checked = 0;
    for (quint32 sign : {0u, 0x80000000u}) {
        for (quint32 e = 0; e < 128; ++e) {
            for (quint32 m : mantissas) {
                const quint32 w = sign | e << 24 | m;
                const float got = ibmToFloat(w);
                const float want = ibmReference(w);
                if (!sameFloat(got, want))
                    QFAIL(qPrintable(QStringLiteral("ibmToFloat(%1) = %2, expected %3")
                                         .arg(hex(w), describe(got), describe(want))));
                QVERIFY(!std::isnan(got));
                ++checked;
            }
        }
    }
    QCOMPARE(checked, qint64(2 * 128 * mantissas.size()));
    // The same words through the bulk decoder, big- and little-endian.
    std::vector<unsigned char> be, le;
    std::vector<float> want;
    for (quint32 e = 0; e < 128; ++e)
        for (quint32 m : mantissas) {
            const quint32 w = 0x80000000u * (m & 1) | e << 24 | m;
            for (int b = 0; b < 4; ++b)
                be.push_back((w >> (24 - 8 * b)) & 0xff);
            for (int b = 0; b < 4; ++b)
                le.push_back((w >> (8 * b)) & 0xff);
            want.push_back(ibmReference(w));
        }
    for (auto order : {ByteOrder::Big, ByteOrder::Little}) {
        std::vector<float> got(want.size());
        const auto& bytes = order == ByteOrder::Big ? be : le;
        decodeSamples(SampleFormat::IbmFloat32, order,
                      reinterpret_cast<const std::byte*>(bytes.data()), got.data(), got.size());
        for (std::size_t i = 0; i < got.size(); ++i)
            QVERIFY2(sameFloat(got[i], want[i]),
                     qPrintable(QStringLiteral("%1-endian word %2: %3 != %4")
                                    .arg(orderName(order))
                                    .arg(i)
                                    .arg(describe(got[i]), describe(want[i]))));
    }
}

void TestSampleFormat::ibmRoundTrip() {
    // Every normalized IBM value in the normal float range is a float; encoding it gives back
    // the same word.
    QRandomGenerator rng(99);
    qint64 checked = 0;
    for (quint32 sign : {0u, 0x80000000u}) {
        for (quint32 e = 0; e < 128; ++e) {
            for (int i = 0; i < 400; ++i) {
                quint32 m = 0x100000u + rng.bounded(0xf00000u);
                if (i == 0)
                    m = 0x100000u;
                if (i == 1)
                    m = 0xffffffu;
                const quint32 w = sign | e << 24 | m;
                const double exact = std::ldexp(double(m), 4 * (int(e) - 64) - 24);
                if (exact < double(FLT_MIN) || exact > double(FLT_MAX))
                    continue;
                const float f = ibmToFloat(w);
                QCOMPARE(std::fabs(double(f)), exact); // exact, no rounding needed
                const quint32 back = floatToIbm(f);
                if (back != w)
                    QFAIL(qPrintable(
                        QStringLiteral("floatToIbm(ibmToFloat(%1)) = %2").arg(hex(w), hex(back))));
                ++checked;
            }
        }
    }
    QVERIFY(checked > 20000);
}

void TestSampleFormat::ibmEncodeNearest() {
    // floatToIbm gives a normalized word within half an IBM unit of the float, for random floats
    // over the whole finite range (denormals included).
    QRandomGenerator rng(4242);
    for (int i = 0; i < 200000; ++i) {
        const float x = std::bit_cast<float>(rng.generate());
        if (!std::isfinite(x) || x == 0.0f)
            continue;
        const quint32 w = floatToIbm(x);
        const quint32 m = w & 0xffffffu;
        const int e = int((w >> 24) & 0x7f);
        QVERIFY2(
            m >= 0x100000u,
            qPrintable(
                QStringLiteral("floatToIbm(%1) = %2 is not normalized").arg(describe(x), hex(w))));
        QCOMPARE(bool(w >> 31), std::signbit(x));
        const double value = std::ldexp(double(m), 4 * (e - 64) - 24);
        // The IBM spacing in x's own hexadecimal binade.
        int e2 = 0;
        std::frexp(std::fabs(double(x)), &e2);         // |x| in [2^(e2-1), 2^e2)
        const int hexExp = (e2 + 3 + 4 * 64) / 4 - 64; // |x| < 16^hexExp, |x| >= 16^(hexExp-1)
        const double spacing = std::ldexp(1.0, 4 * hexExp - 24);
        const double err = std::fabs(value - std::fabs(double(x)));
        QVERIFY2(err <= spacing / 2,
                 qPrintable(QStringLiteral("floatToIbm(%1) = %2 is %3 away; IBM spacing there %4")
                                .arg(describe(x), hex(w))
                                .arg(err)
                                .arg(spacing)));
    }
}

void TestSampleFormat::ibmEncodeSpecials() {
    QCOMPARE(floatToIbm(-118.625f), 0xC276A000u);
    QCOMPARE(floatToIbm(1.0f), 0x41100000u);
    QCOMPARE(floatToIbm(0.0f), 0u);
    QCOMPARE(floatToIbm(-0.0f), 0x80000000u); // sign kept, as segyio writes it
    QVERIFY(std::signbit(ibmToFloat(0x80000000u)));
    QCOMPARE(floatToIbm(std::numeric_limits<float>::quiet_NaN()), 0u);
    QCOMPARE(floatToIbm(std::numeric_limits<float>::infinity()), 0x7fffffffu);
    QCOMPARE(floatToIbm(-std::numeric_limits<float>::infinity()), 0xffffffffu);
    QCOMPARE(floatToIbm(FLT_MAX), 0x60ffffffu); // FLT_MAX = 0xffffff * 16^32 / 2^24... exactly
    QCOMPARE(ibmToFloat(0x60ffffffu), FLT_MAX);
    QCOMPARE(ibmToFloat(floatToIbm(0x1p-149f)), 0x1p-149f);
}

void TestSampleFormat::vectorMatchesScalar() {
    qInfo("CPU has AVX2: %s (decodeSamples uses it when present)",
          __builtin_cpu_supports("avx2") ? "yes" : "no");
    QRandomGenerator rng(31337);
    const QList<int> lengths{0,  1,  2,  3,  4,  5,  6,   7,   8,   9,   15,  16,  17,   31,
                             32, 33, 63, 64, 65, 99, 127, 128, 129, 255, 256, 257, 1000, 4099};
    for (SampleFormat fmt : allFormats()) {
        const int bps = bytesPerSample(fmt);
        for (auto order : {ByteOrder::Big, ByteOrder::Little}) {
            for (int n : lengths) {
                for (int srcOff = 0; srcOff < 8; ++srcOff) {
                    const int dstOff = (srcOff * 3) % 8;
                    std::vector<unsigned char> bytes(std::size_t(n * bps + srcOff));
                    for (auto& b : bytes)
                        b = static_cast<unsigned char>(rng.generate());
                    const auto* src = reinterpret_cast<const std::byte*>(bytes.data() + srcOff);
                    std::vector<float> vec(std::size_t(n + dstOff + 1), -7.0f);
                    std::vector<float> sca(vec);
                    decodeSamples(fmt, order, src, vec.data() + dstOff, std::size_t(n));
                    decodeSamplesScalar(fmt, order, src, sca.data() + dstOff, std::size_t(n));
                    QCOMPARE(vec.back(), -7.0f); // nothing written past the end
                    QCOMPARE(sca.back(), -7.0f);
                    for (int k = 0; k < dstOff; ++k)
                        QCOMPARE(vec[std::size_t(k)], -7.0f); // nor before the start
                    for (int i = 0; i < n; ++i) {
                        const float a = vec[std::size_t(dstOff + i)];
                        const float b = sca[std::size_t(dstOff + i)];
                        if (!sameFloat(a, b))
                            QFAIL(qPrintable(QStringLiteral("format %1 %2-endian n=%3 offset %4 "
                                                            "sample %5: vector %6, scalar %7")
                                                 .arg(int(fmt))
                                                 .arg(orderName(order))
                                                 .arg(n)
                                                 .arg(srcOff)
                                                 .arg(i)
                                                 .arg(describe(a), describe(b))));
                    }
                }
            }
        }
    }
}

void TestSampleFormat::decodeMatchesReference() {
    // Random bytes in every format and order through both paths, against the reference decoder.
    QRandomGenerator rng(8675309);
    const int n = 5000;
    for (SampleFormat fmt : allFormats()) {
        const int bps = bytesPerSample(fmt);
        for (auto order : {ByteOrder::Big, ByteOrder::Little}) {
            std::vector<unsigned char> bytes(std::size_t(n * bps + 1));
            for (auto& b : bytes)
                b = static_cast<unsigned char>(rng.generate());
            // Some samples with small exponents / magnitudes, where random bits rarely go.
            for (int i = 0; i < n; i += 7)
                bytes[std::size_t(i * bps + (order == ByteOrder::Big ? 0 : bps - 1) + 1)] &= 0x41;
            const auto* src = reinterpret_cast<const std::byte*>(bytes.data() + 1);
            std::vector<float> got(static_cast<std::size_t>(n)), scalar(got);
            decodeSamples(fmt, order, src, got.data(), std::size_t(n));
            decodeSamplesScalar(fmt, order, src, scalar.data(), std::size_t(n));
            for (int i = 0; i < n; ++i) {
                const float want = referenceSample(fmt, order, bytes.data() + 1 + i * bps);
                if (!sameFloat(got[std::size_t(i)], want) ||
                    !sameFloat(scalar[std::size_t(i)], want)) {
                    quint64 raw = loadUnsigned(bytes.data() + 1 + i * bps, bps, ByteOrder::Big);
                    QFAIL(qPrintable(QStringLiteral("format %1 %2-endian bytes %3: decoded %4 "
                                                    "(scalar %5), expected %6")
                                         .arg(int(fmt))
                                         .arg(orderName(order))
                                         .arg(hex(raw, 2 * bps))
                                         .arg(describe(got[std::size_t(i)]),
                                              describe(scalar[std::size_t(i)]), describe(want))));
                }
            }
        }
    }
}

void TestSampleFormat::knownValues_data() {
    QTest::addColumn<int>("code");
    QTest::addColumn<bool>("little");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<float>("expected");
    auto row = [](const char* name, int code, bool little, const char* hexBytes, float v) {
        QTest::newRow(name) << code << little << QByteArray::fromHex(hexBytes) << v;
    };
    const float inf = std::numeric_limits<float>::infinity();
    row("ibm -118.625", 1, false, "C276A000", -118.625f);
    row("ibm -118.625 le", 1, true, "00A076C2", -118.625f);
    row("ibm 1", 1, false, "41100000", 1.0f);
    row("ibm 0.5 unnormalized", 1, false, "41080000", 0.5f);
    row("ibm 1/16", 1, false, "40100000", 0.0625f);
    row("ibm -0", 1, false, "80000000", -0.0f);
    row("ibm max", 1, false, "7FFFFFFF", inf);
    row("ibm -max", 1, false, "FFFFFFFF", -inf);
    row("ibm tiny", 1, false, "00100000", 0.0f);
    row("ibm 2^-149", 1, false, "1B800000", 0x1p-149f); // 2^23 * 16^(27-64) / 2^24
    row("i4 -2", 2, false, "FFFFFFFE", -2.0f);
    row("i4 max", 2, false, "7FFFFFFF", 2147483648.0f);
    row("i4 le min+1", 2, true, "01000080", -2147483648.0f);
    row("i4 le 2^24+1", 2, true, "01000001", 16777216.0f);
    row("i2 min", 3, false, "8000", -32768.0f);
    row("i2 le -2", 3, true, "FEFF", -2.0f);
    row("fixed -16 gain 3", 4, false, "0003FFF0", -2.0f);
    row("fixed le -16 gain 3", 4, true, "F0FF0300", -2.0f);
    row("fixed 32767 gain 0", 4, false, "00007FFF", 32767.0f);
    row("fixed 1 gain 16", 4, false, "00100001", 0x1p-16f);
    row("fixed -32768 gain 255", 4, false, "00FF8000", -0.0f);
    row("fixed 3 gain 150", 4, false, "00960003", 0x1p-148f); // 1.5 * 2^-149: tie, to even
    row("ieee 1", 5, false, "3F800000", 1.0f);
    row("ieee le -inf", 5, true, "000080FF", -inf);
    row("ieee denormal", 5, false, "00000001", 0x1p-149f);
    row("ieee le -0", 5, true, "00000080", -0.0f);
    row("f8 1", 6, false, "3FF0000000000000", 1.0f);
    row("f8 -118.625", 6, false, "C05DA80000000000", -118.625f);
    row("f8 le 1", 6, true, "000000000000F03F", 1.0f);
    row("f8 1e300", 6, false, "7E37E43C8800759C", inf);
    row("f8 -1e-300", 6, false, "81A56E1FC2F8F359", -0.0f);
    row("f8 0.1", 6, false, "3FB999999999999A", 0.1f);
    row("f8 1+2^-24 tie", 6, false, "3FF0000010000000", 1.0f);
    row("f8 1+3*2^-24 tie", 6, false, "3FF0000030000000", 1.0f + 0x1p-22f);
    row("i3 min", 7, false, "800000", -8388608.0f);
    row("i3 max", 7, false, "7FFFFF", 8388607.0f);
    row("i3 le -1", 7, true, "FFFFFF", -1.0f);
    row("i3 le min+1", 7, true, "010080", -8388607.0f);
    row("i1 min", 8, false, "80", -128.0f);
    row("i1 -1", 8, true, "FF", -1.0f);
    row("i1 max", 8, false, "7F", 127.0f);
    row("i8 min", 9, false, "8000000000000000", -0x1p63f);
    row("i8 2^24+1", 9, false, "0000000001000001", 16777216.0f);
    row("i8 2^24+3", 9, false, "0000000001000003", 16777220.0f);
    row("i8 le -1", 9, true, "FFFFFFFFFFFFFFFF", -1.0f);
    row("i8 le max", 9, true, "FFFFFFFFFFFFFF7F", 0x1p63f);
    row("u4 max", 10, false, "FFFFFFFF", 4294967296.0f);
    row("u4 le 2^24+1", 10, true, "01000001", 16777216.0f);
    row("u4 2^31", 10, false, "80000000", 2147483648.0f);
    row("u2 max", 11, false, "FFFF", 65535.0f);
    row("u2 le 32768", 11, true, "0080", 32768.0f);
    row("u8 max", 12, false, "FFFFFFFFFFFFFFFF", 0x1p64f);
    row("u8 le 2^63+1", 12, true, "0100000000000080", 0x1p63f);
    row("u8 2^63+2^39+1", 12, false, "8000008000000001", 0x1p63f + 0x1p40f);
    row("u3 max", 15, false, "FFFFFF", 16777215.0f);
    row("u3 le 2^23", 15, true, "000080", 8388608.0f);
    row("u1 max", 16, false, "FF", 255.0f);
    row("u1 128", 16, true, "80", 128.0f);
}

void TestSampleFormat::knownValues() {
    QFETCH(int, code);
    QFETCH(bool, little);
    QFETCH(QByteArray, bytes);
    QFETCH(float, expected);
    const auto fmt = sampleFormatFromCode(code);
    QVERIFY(fmt);
    QCOMPARE(bytes.size(), qsizetype(bytesPerSample(*fmt)));
    const ByteOrder order = little ? ByteOrder::Little : ByteOrder::Big;
    const auto* src = reinterpret_cast<const std::byte*>(bytes.constData());
    float got = -7.0f, scalar = -7.0f;
    decodeSamples(*fmt, order, src, &got, 1);
    decodeSamplesScalar(*fmt, order, src, &scalar, 1);
    QVERIFY2(sameFloat(got, expected),
             qPrintable(QStringLiteral("%1, expected %2").arg(describe(got), describe(expected))));
    QVERIFY(sameFloat(scalar, expected));
    // The reference decoder agrees, so the random-byte comparison rests on checked ground.
    QVERIFY(sameFloat(
        referenceSample(*fmt, order, reinterpret_cast<const unsigned char*>(bytes.constData())),
        expected));
}

void TestSampleFormat::formatCodes() {
    const QMap<int, int> sizes{{1, 4}, {2, 4}, {3, 2},  {4, 4},  {5, 4},  {6, 8},  {7, 3},
                               {8, 1}, {9, 8}, {10, 4}, {11, 2}, {12, 8}, {15, 3}, {16, 1}};
    QStringList names;
    for (auto it = sizes.begin(); it != sizes.end(); ++it) {
        const auto fmt = sampleFormatFromCode(it.key());
        QVERIFY2(fmt, qPrintable(QString::number(it.key())));
        QCOMPARE(int(*fmt), it.key());
        QCOMPARE(bytesPerSample(*fmt), it.value());
        QVERIFY(!sampleFormatName(*fmt).isEmpty());
        names << sampleFormatName(*fmt);
        QVERIFY(
            supportedFormatCodes().split(QStringLiteral(", ")).contains(QString::number(it.key())));
    }
    names.removeDuplicates();
    QCOMPARE(names.size(), qsizetype(14));
    QCOMPARE(supportedFormatCodes().split(QStringLiteral(", ")).size(), qsizetype(14));
    for (int bad : {0, 13, 14, 17, -1, 255, 256, 1000, std::numeric_limits<int>::min()})
        QVERIFY2(!sampleFormatFromCode(bad), qPrintable(QString::number(bad)));
}

QTEST_GUILESS_MAIN(TestSampleFormat)
#include "tst_sampleformat.moc"
