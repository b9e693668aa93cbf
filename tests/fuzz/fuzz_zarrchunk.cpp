// libFuzzer target: the bytes are a Zarr chunk handed to one of the chunk codecs' decode (the
// path every chunk a store holds takes). Input: one byte choosing the codec (Blosc, zlib, gzip,
// zstd; Blosc's header names its inner compressor), the decoded size (u16 little-endian, 1 to
// 65536 bytes), then the chunk. FormatError is the expected answer to a bad chunk; anything else
// (a crash, a sanitizer report, another exception, a write past the decoded size) is a finding.
#include "seis/base/error.h"
#include "seis/zarr/bloscodec.h"
#include "seis/zarr/zlibcodec.h"
#include "seis/zarr/zstdcodec.h"

#include <QByteArray>
#include <QString>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

namespace {

const std::vector<std::unique_ptr<seis::zarr::Codec>>& codecs() {
    static const auto list = [] {
        std::vector<std::unique_ptr<seis::zarr::Codec>> v;
        v.push_back(std::make_unique<seis::zarr::BloscCodec>(QStringLiteral("lz4"), 5,
                                                             seis::zarr::Shuffle::Byte));
        v.push_back(std::make_unique<seis::zarr::ZlibCodec>(1));
        v.push_back(
            std::make_unique<seis::zarr::ZlibCodec>(1, seis::zarr::ZlibCodec::Wrapper::Gzip));
        v.push_back(std::make_unique<seis::zarr::ZstdCodec>(1));
        return v;
    }();
    return list;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 3)
        return 0;
    const auto& codec = *codecs()[data[0] % codecs().size()];
    const std::size_t outSize = std::size_t(data[1] | (data[2] << 8)) + 1;
    const QByteArray chunk(reinterpret_cast<const char*>(data + 3), qsizetype(size - 3));
    // A guard after the chunk's bytes: a decoder that writes past outSize changes it.
    std::vector<std::byte> out(outSize + 64, std::byte{0x5a});
    try {
        codec.decode(chunk, out.data(), outSize, QStringLiteral("fuzz.zarr/amplitude/0.0"));
    } catch (const seis::FormatError&) {
    }
    for (std::size_t i = outSize; i < out.size(); ++i)
        if (out[i] != std::byte{0x5a}) {
            std::fprintf(stderr, "decode wrote past the %zu bytes it was given\n", outSize);
            std::abort();
        }
    return 0;
}
