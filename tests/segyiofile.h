// A file opened with libsegyio's C API (the reference reader) in a given byte order, with the
// layout and the reads the tests compare against. For the tests that link segyio.
#pragma once

#include "segyioreference.h" // asType

#include "seis/base/traceheaderfield.h"

#include <QFile>
#include <QString>

#include <segyio/segy.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <vector>

namespace seis::test {

class SegyioFile {
public:
    // Opens `path` for reading as little-endian (SEGY_LSB) or big-endian and reads its binary
    // header; ok() tells whether all of it worked.
    explicit SegyioFile(const QString& path, bool littleEndian = false)
        : m_lsb(littleEndian ? SEGY_LSB : 0) {
        const QByteArray native = QFile::encodeName(path);
        fp = segy_open(native.constData(), "rb");
        if (!fp)
            return;
        // With SEGY_LSB set first, segyio returns the binary header in big-endian byte order.
        if ((m_lsb && segy_set_format(fp, SEGY_LSB) != SEGY_OK) ||
            segy_binheader(fp, m_bin) != SEGY_OK)
            return;
        format = segy_format(m_bin);
        samples = segy_samples(m_bin);
        trace0 = segy_trace0(m_bin);
        trsize = segy_trsize(format, samples);
        m_ok = trsize > 0 && segy_set_format(fp, format | m_lsb) == SEGY_OK &&
               segy_traces(fp, &traces, trace0, trsize) == SEGY_OK;
    }
    ~SegyioFile() {
        if (fp)
            segy_close(fp);
    }
    SegyioFile(const SegyioFile&) = delete;
    SegyioFile& operator=(const SegyioFile&) = delete;

    bool ok() const { return m_ok; }
    const char* binheader() const { return m_bin; }

    // A binary header field at byte `pos` (segyio's SEGY_BIN_*), or -1.
    qint64 binaryField(int pos) const {
        int32_t v = 0;
        if (segy_get_bfield(m_bin, pos, &v) != SEGY_OK)
            return -1;
        return v;
    }

    // Trace `t` (0-based) as float32, converted the way the SEG-Y formats segyio knows are
    // defined; false for a format it cannot convert or a failed read.
    bool trace(int t, float* dst) const {
        std::vector<char> buf(static_cast<std::size_t>(trsize));
        if (segy_readtrace(fp, t, buf.data(), trace0, trsize) != SEGY_OK)
            return false;
        if (segy_to_native(format, samples, buf.data()) != SEGY_OK)
            return false;
        for (int i = 0; i < samples; ++i) {
            switch (format) {
            case SEGY_IBM_FLOAT_4_BYTE:
            case SEGY_IEEE_FLOAT_4_BYTE:
                std::memcpy(dst + i, buf.data() + 4 * i, 4);
                break;
            case SEGY_SIGNED_INTEGER_4_BYTE: {
                int32_t v;
                std::memcpy(&v, buf.data() + 4 * i, 4);
                dst[i] = static_cast<float>(v);
                break;
            }
            case SEGY_SIGNED_SHORT_2_BYTE: {
                int16_t v;
                std::memcpy(&v, buf.data() + 2 * i, 2);
                dst[i] = static_cast<float>(v);
                break;
            }
            case SEGY_SIGNED_CHAR_1_BYTE:
                dst[i] = static_cast<float>(static_cast<int8_t>(buf[std::size_t(i)]));
                break;
            default:
                return false;
            }
        }
        return true;
    }

    // The 240-byte header of trace `t` into `dst`.
    bool traceHeader(int t, char* dst) const {
        return segy_traceheader(fp, t, dst, trace0, trsize) == SEGY_OK;
    }

    // The value of trace header field `field` of trace `t` (0-based), or nullopt on failure.
    std::optional<qint64> field(int t, const HeaderField& field) const {
        char h[SEGY_TRACE_HEADER_SIZE] = {};
        if (!traceHeader(t, h))
            return std::nullopt;
        int32_t v = 0;
        if (segy_get_field(h, field.byte.position, &v) != SEGY_OK)
            return std::nullopt;
        return asType(v, field.type);
    }

    segy_file* fp = nullptr;
    int format = 0;
    int samples = 0;
    int traces = 0;
    int trsize = 0;
    long trace0 = 0;

private:
    char m_bin[SEGY_BINARY_HEADER_SIZE] = {};
    int m_lsb = 0;
    bool m_ok = false;
};

// One trace header field (1-based byte, 4-byte integer or as segyio types it) of every trace,
// read with libsegyio's segy_field_forall: independent of seis::SegyFile. Empty on failure.
inline std::vector<qint64> segyioColumn(const QString& path, bool littleEndian, int field) {
    SegyioFile f(path, littleEndian);
    if (!f.ok())
        return {};
    std::vector<int> column(std::size_t(f.traces), 0);
    if (segy_field_forall(f.fp, field, 0, f.traces, 1, column.data(), f.trace0, f.trsize) !=
        SEGY_OK)
        return {};
    return std::vector<qint64>(column.begin(), column.end());
}

} // namespace seis::test
