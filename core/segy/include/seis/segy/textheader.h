// SEG-Y textual headers: 3200-byte card images, EBCDIC (standard) or ASCII (common in practice).
#pragma once

#include <QByteArray>
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

// The inverse of decodeTextHeader, for writers: `text` as up to 40 lines (split at "\n"; a "\r"
// before it is dropped; one final empty line after a last "\n" is not counted) of at most 80
// characters each, padded with spaces to 40 lines of 80 (3200 bytes) in `encoding` (EBCDIC:
// code page 037). Throws ArgumentError naming `origin` (the file the text came from), the line
// and what was expected for more than 40 lines, a longer line, or a character the encoding
// cannot hold (EBCDIC holds Latin-1; ASCII only printable ASCII), and for control characters
// (a tab included).
QByteArray encodeTextHeader(const QString& text, TextEncoding encoding, const QString& origin);

} // namespace seis
