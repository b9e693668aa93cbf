// libFuzzer target: the bytes are an ensemble cache entry given to the parser
// (parseEnsembleCacheEntry, parseEnsembleCacheSource, EnsembleIndex::deserialize). The first byte
// picks one or two keys, the next eight the trace count the entry must match (little-endian); the
// rest is the entry, expected for the identity "fuzz". The fuzz build skips only the checksum
// comparison (FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION), so the structural checks are reached.
// A parsed entry must satisfy what the parser promises; anything else is a finding.
#include "ensemblecache.h"

#include "seis/base/traceheaderfield.h"
#include "seis/ensembles/ensembleindex.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "fuzz_ensemblecache: parsed entry breaks its promise: %s\n", what);
        std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 9)
        return 0;
    static const std::vector<seis::HeaderField> one = {
        seis::parseHeaderField(QStringLiteral("fldr"))};
    static const std::vector<seis::HeaderField> two = {
        seis::parseHeaderField(QStringLiteral("fldr")),
        seis::parseHeaderField(QStringLiteral("cdp"))};
    seis::detail::EnsembleCacheKey key;
    key.identity = QByteArrayLiteral("fuzz");
    key.keys = (data[0] & 1) ? two : one;
    std::memcpy(&key.traceCount, data + 1, 8); // little-endian hosts only, like the format
    const auto entry = std::as_bytes(std::span(data + 9, size - 9));

    (void)seis::detail::parseEnsembleCacheSource(entry);
    const auto parsed = seis::detail::parseEnsembleCacheEntry(entry, key);
    if (parsed) {
        const size_t n = parsed->first.size();
        check(parsed->key0.size() == n, "key 0 count");
        check(parsed->key1.size() == (key.keys.size() == 2 ? n : 0), "key 1 count");
        check((n == 0) == (key.traceCount == 0), "ensembles iff traces");
        for (size_t i = 0; i < n; ++i) {
            check(i == 0 ? parsed->first[i] == 0 : parsed->first[i] > parsed->first[i - 1],
                  "runs increase from 0");
            check(parsed->first[i] < key.traceCount, "runs inside the traces");
        }
    }
    const QByteArray bytes(reinterpret_cast<const char*>(entry.data()), qsizetype(entry.size()));
    const auto index =
        seis::EnsembleIndex::deserialize(bytes, QStringLiteral("fuzz"), key.keys, key.traceCount);
    check(bool(index) == bool(parsed), "deserialize agrees with the parser");
    if (index) {
        check(index->isComplete() && index->fromCache(), "a parsed index is complete");
        const qint64 count = index->count();
        qint64 covered = 0;
        for (qint64 i = 0; i < std::min<qint64>(count, 64); ++i) {
            const seis::Ensemble e = index->ensemble(i);
            check(e.traces.count() > 0, "non-empty ensembles");
            covered += e.traces.count();
            check(index->ensembleOfTrace(e.traces.begin)->number == i, "ensembleOfTrace");
        }
        check(count > 64 || covered == index->traceCount(), "ensembles cover every trace");
    }
    return 0;
}
