#include "seis/segy/textheader.h"

#include "seis/base/error.h"

#include <QStringList>

#include <array>
#include <cstdint>

namespace seis {

namespace {

// Code page 037 to Latin-1; control codes map to a space. Generated from Python's cp037 codec.
constexpr std::array<std::uint8_t, 256> kEbcdicToLatin1{
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20, 0x20,
    0x20, 0xa0, 0xe2, 0xe4, 0xe0, 0xe1, 0xe3, 0xe5, 0xe7, 0xf1, 0xa2, 0x2e, 0x3c, 0x28, 0x2b, 0x7c,
    0x26, 0xe9, 0xea, 0xeb, 0xe8, 0xed, 0xee, 0xef, 0xec, 0xdf, 0x21, 0x24, 0x2a, 0x29, 0x3b, 0xac,
    0x2d, 0x2f, 0xc2, 0xc4, 0xc0, 0xc1, 0xc3, 0xc5, 0xc7, 0xd1, 0xa6, 0x2c, 0x25, 0x5f, 0x3e, 0x3f,
    0xf8, 0xc9, 0xca, 0xcb, 0xc8, 0xcd, 0xce, 0xcf, 0xcc, 0x60, 0x3a, 0x23, 0x40, 0x27, 0x3d, 0x22,
    0xd8, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0x69, 0xab, 0xbb, 0xf0, 0xfd, 0xfe, 0xb1,
    0xb0, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0xaa, 0xba, 0xe6, 0xb8, 0xc6, 0xa4,
    0xb5, 0x7e, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0xa1, 0xbf, 0xd0, 0xdd, 0xde, 0xae,
    0x5e, 0xa3, 0xa5, 0xb7, 0xa9, 0xa7, 0xb6, 0xbc, 0xbd, 0xbe, 0x5b, 0x5d, 0xaf, 0xa8, 0xb4, 0xd7,
    0x7b, 0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0xad, 0xf4, 0xf6, 0xf2, 0xf3, 0xf5,
    0x7d, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50, 0x51, 0x52, 0xb9, 0xfb, 0xfc, 0xf9, 0xfa, 0xff,
    0x5c, 0xf7, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0xb2, 0xd4, 0xd6, 0xd2, 0xd3, 0xd5,
    0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0xb3, 0xdb, 0xdc, 0xd9, 0xda, 0x20};

bool isPrintableLatin1(std::uint8_t c) {
    return (c >= 0x20 && c < 0x7f) || c >= 0xa0;
}

std::uint8_t asciiByte(std::uint8_t c) {
    return (c < 0x20 || c == 0x7f) ? 0x20 : c;
}

} // namespace

TextEncoding detectTextEncoding(const std::byte* block, std::size_t size) {
    // Printable ASCII letters/digits/spaces score for ASCII; EBCDIC letters, digits and the EBCDIC
    // space (0x40) score for EBCDIC. 0x40 is '@' in ASCII, which is rare in headers.
    std::size_t ascii = 0;
    std::size_t ebcdic = 0;
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<std::uint8_t>(block[i]);
        if ((c >= 0x20 && c < 0x7f) && c != 0x40)
            ++ascii;
        if (c == 0x40 || (c >= 0x81 && c <= 0xa9) || (c >= 0xc1 && c <= 0xf9) || c == 0x4b ||
            c == 0x6b || c == 0x7a || c == 0x60 || c == 0x61)
            ++ebcdic;
    }
    return ascii > ebcdic ? TextEncoding::Ascii : TextEncoding::Ebcdic;
}

QString decodeTextHeader(const std::byte* block, TextEncoding encoding, std::size_t size) {
    QByteArray latin1;
    latin1.reserve(static_cast<qsizetype>(size + size / kTextHeaderLineBytes));
    for (std::size_t i = 0; i < size; ++i) {
        if (i > 0 && i % kTextHeaderLineBytes == 0)
            latin1.append('\n');
        const auto c = static_cast<std::uint8_t>(block[i]);
        const std::uint8_t d = encoding == TextEncoding::Ebcdic ? kEbcdicToLatin1[c] : asciiByte(c);
        latin1.append(static_cast<char>(isPrintableLatin1(d) ? d : 0x20));
    }
    return QString::fromLatin1(latin1);
}

QString textEncodingName(TextEncoding encoding) {
    return encoding == TextEncoding::Ebcdic ? QStringLiteral("ebcdic") : QStringLiteral("ascii");
}

QByteArray encodeTextHeader(const QString& text, TextEncoding encoding, const QString& origin) {
    // Latin-1 to code page 037: the inverse of the table above over its printable characters
    // (0x40 for the space; control codes are refused below, so the collapsed ones never matter).
    static const std::array<std::uint8_t, 256> kLatin1ToEbcdic = [] {
        std::array<std::uint8_t, 256> t{};
        for (int e = 255; e >= 0; --e)
            t[kEbcdicToLatin1[std::size_t(e)]] = static_cast<std::uint8_t>(e);
        t[0x20] = 0x40;
        return t;
    }();
    constexpr int kLines = 40;
    constexpr int kColumns = 80;
    QStringList lines = text.split(QLatin1Char('\n'));
    if (lines.size() > 1 && lines.back().isEmpty())
        lines.removeLast();
    if (lines.size() > kLines)
        throw ArgumentError(origin, QStringLiteral("textual header has %1 lines; expected at "
                                                   "most 40 lines of at most 80 characters")
                                        .arg(lines.size()));
    QByteArray block(qsizetype(kTextHeaderBytes),
                     encoding == TextEncoding::Ebcdic ? char(0x40) : ' ');
    for (int i = 0; i < lines.size(); ++i) {
        QString line = lines[i];
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
        if (line.size() > kColumns)
            throw ArgumentError(origin, QStringLiteral("textual header line %1 has %2 "
                                                       "characters; expected at most 80")
                                            .arg(i + 1)
                                            .arg(line.size()));
        for (int col = 0; col < line.size(); ++col) {
            const char16_t c = line[col].unicode();
            const bool printable =
                encoding == TextEncoding::Ebcdic
                    ? isPrintableLatin1(c < 0x100 ? std::uint8_t(c) : 0) && c < 0x100
                    : c >= 0x20 && c < 0x7f;
            if (!printable)
                throw ArgumentError(
                    origin, QStringLiteral("textual header line %1, column %2: character U+%3 "
                                           "cannot be written in %4; expected %5")
                                .arg(i + 1)
                                .arg(col + 1)
                                .arg(uint(c), 4, 16, QLatin1Char('0'))
                                .arg(textEncodingName(encoding),
                                     encoding == TextEncoding::Ebcdic
                                         ? QStringLiteral("printable Latin-1 characters")
                                         : QStringLiteral("printable ASCII characters")));
            block[i * kColumns + col] = static_cast<char>(
                encoding == TextEncoding::Ebcdic ? kLatin1ToEbcdic[c] : std::uint8_t(c));
        }
    }
    return block;
}

} // namespace seis
