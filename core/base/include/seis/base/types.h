// Strong index and range types shared by the whole core.
//
// Indexing convention (everywhere in seis): traces and samples are 0-based; ranges are half-open
// [begin, end). Header byte positions are 1-based, as printed in the SEG-Y standard.
#pragma once

#include <QtGlobal>

namespace seis {

// A half-open range of traces [begin, end), 0-based.
struct TraceRange {
    qint64 begin = 0;
    qint64 end = 0;
    constexpr qint64 count() const { return end - begin; }
    friend constexpr bool operator==(TraceRange, TraceRange) = default;
};

// A half-open range of samples [begin, end) within a trace, 0-based.
struct SampleRange {
    qint64 begin = 0;
    qint64 end = 0;
    constexpr qint64 count() const { return end - begin; }
    friend constexpr bool operator==(SampleRange, SampleRange) = default;
};

// A 1-based byte position inside a header block, as the SEG-Y standard numbers them
// (trace header bytes 1..240).
struct HeaderByte {
    int position = 1;
    friend constexpr bool operator==(HeaderByte, HeaderByte) = default;
};

enum class ByteOrder { Big, Little };

} // namespace seis
