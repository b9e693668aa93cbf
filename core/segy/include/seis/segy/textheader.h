// SEG-Y textual headers: 3200-byte card images, EBCDIC (standard) or ASCII (common in practice).
#pragma once

#include <QString>
#include <cstddef>

namespace seis {

enum class TextEncoding { Ebcdic, Ascii };

// A textual header is 40 card images (lines) of 80 characters.
constexpr std::size_t kTextHeaderLineBytes = 80;
constexpr std::size_t kTextHeaderBytes = 40 * kTextHeaderLineBytes; // 3200

// Guesses the encoding of a 3200-byte block: the one under which more bytes decode to printable
// characters wins; ties go to EBCDIC, the standard's encoding.
TextEncoding detectTextEncoding(const std::byte* block, std::size_t size = kTextHeaderBytes);

// Decodes `size` bytes (a multiple of 80 in practice) to lines of 80 characters joined by "\n".
// EBCDIC is read as code page 037; control characters become spaces; NUL becomes a space.
QString decodeTextHeader(const std::byte* block, TextEncoding encoding,
                         std::size_t size = kTextHeaderBytes);

QString textEncodingName(TextEncoding encoding);

} // namespace seis
