// A file opened with libsegyio's C API (the reference reader) in a given byte order, with the
// layout every reference read needs. For the tests that link segyio.
#pragma once

#include <QFile>
#include <QString>

#include <segyio/segy.h>

namespace seis::test {

class SegyioFile {
public:
    // Opens `path` for reading as little-endian (SEGY_LSB) or big-endian and reads its binary
    // header; ok() tells whether all of it worked.
    SegyioFile(const QString& path, bool littleEndian)
        : m_lsb(littleEndian ? SEGY_LSB : 0) {
        const QByteArray native = QFile::encodeName(path);
        fp = segy_open(native.constData(), "rb");
        if (!fp)
            return;
        char bin[SEGY_BINARY_HEADER_SIZE] = {};
        // With SEGY_LSB set first, segyio returns the binary header in big-endian byte order.
        if ((m_lsb && segy_set_format(fp, SEGY_LSB) != SEGY_OK) ||
            segy_binheader(fp, bin) != SEGY_OK)
            return;
        format = segy_format(bin);
        samples = segy_samples(bin);
        trace0 = segy_trace0(bin);
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

    segy_file* fp = nullptr;
    int format = 0;
    int samples = 0;
    int traces = 0;
    int trsize = 0;
    long trace0 = 0;

private:
    int m_lsb = 0;
    bool m_ok = false;
};

} // namespace seis::test
