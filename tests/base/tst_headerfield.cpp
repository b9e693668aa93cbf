// Header field specs (names in both namings, byte specs, errors), the standard field table and
// the JSON header mapping (round trip, errors, files).
#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/base/headermapping.h"
#include "seis/base/traceheaderfield.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using namespace seis;
using namespace seis::testsupport;

Q_DECLARE_METATYPE(seis::FieldType)

namespace {} // namespace

class TestHeaderField : public QObject {
    Q_OBJECT

private slots:
    void parseValid_data();
    void parseValid();
    void parseErrors_data();
    void parseErrors();
    void standardTable();
    void findStandard();
    void fieldTypes();
    void readFields_data();
    void readFields();

    void mappingRoundTrip();
    void mappingEditing();
    void mappingResolve();
    void mappingFromJsonErrors_data();
    void mappingFromJsonErrors();
    void mappingFromJsonDefaults();
    void mappingFiles();
};

void TestHeaderField::parseValid_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<int>("byte");
    QTest::addColumn<FieldType>("type");
    QTest::addColumn<QString>("name");
    auto row = [](const char* spec, int byte, FieldType type, const char* name = nullptr) {
        QTest::newRow(spec) << QString::fromLatin1(spec) << byte << type
                            << QString::fromLatin1(name ? name : spec);
    };
    row("fldr", 9, FieldType::I4);
    row("FieldRecord", 9, FieldType::I4);
    row("cdp", 21, FieldType::I4);
    row("CDP", 21, FieldType::I4);
    row("Cdp", 21, FieldType::I4); // case-insensitive fallback
    row("iline", 189, FieldType::I4);
    row("INLINE_3D", 189, FieldType::I4);
    row("xline", 193, FieldType::I4);
    row("CROSSLINE_3D", 193, FieldType::I4);
    row("offset", 37, FieldType::I4);
    row("scalco", 71, FieldType::I2);
    row("SourceGroupScalar", 71, FieldType::I2);
    row("ns", 115, FieldType::U2);
    row("TRACE_SAMPLE_COUNT", 115, FieldType::U2);
    row("dt", 117, FieldType::U2);
    row("sx", 73, FieldType::I4);
    row("GroupX", 81, FieldType::I4);
    row("tracl", 1, FieldType::I4);
    row("unass2", 237, FieldType::I4);
    row("189", 189, FieldType::I4);
    row("189:i4", 189, FieldType::I4);
    row("71:i2", 71, FieldType::I2);
    row("181:u4", 181, FieldType::U4);
    row("115:u2", 115, FieldType::U2);
    row("1:u1", 1, FieldType::U1);
    row("240:i1", 240, FieldType::I1);
    row("233:i8", 233, FieldType::I8);
    row("233:U8", 233, FieldType::U8);
    row("237:f4", 237, FieldType::F4);
    row("9:F8", 9, FieldType::F8);
    row("237", 237, FieldType::I4);
    row(" 189:i4 ", 189, FieldType::I4, "189:i4");
    row(" cdp", 21, FieldType::I4, "cdp");
}

void TestHeaderField::parseValid() {
    QFETCH(QString, spec);
    QFETCH(int, byte);
    QFETCH(FieldType, type);
    QFETCH(QString, name);
    const HeaderField f = parseHeaderField(spec);
    QCOMPARE(f.byte.position, byte);
    QCOMPARE(f.type, type);
    QCOMPARE(f.name, name);
}

void TestHeaderField::parseErrors_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown name") << "nosuchfield"
                                  << "'nosuchfield'";
    QTest::newRow("byte 0") << "0"
                            << "'0'";
    QTest::newRow("byte 241") << "241"
                              << "'241'";
    QTest::newRow("past the end") << "239:i4"
                                  << "'239:i4'";
    QTest::newRow("unknown type i8x") << "233:i8x"
                                      << "'i8x'";
    QTest::newRow("i8 at 234") << "234:i8"
                               << "'234:i8'";
    QTest::newRow("unknown type") << "12:q7"
                                  << "'q7'";
    QTest::newRow("empty type") << "12:"
                                << "'12:'";
    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("blank") << "   "
                           << "empty";
    QTest::newRow("not a number") << "1x:i4"
                                  << "'1x'";
    QTest::newRow("negative") << "-5"
                              << "'-5'";
    QTest::newRow("huge") << "99999999999"
                          << "'99999999999'";
}

void TestHeaderField::parseErrors() {
    QFETCH(QString, spec);
    QFETCH(QString, mentions);
    const QString msg = messageOf<ArgumentError>([&] { parseHeaderField(spec); });
    QVERIFY2(!msg.startsWith(QLatin1String("FAIL")), qPrintable(msg));
    QVERIFY2(msg.contains(mentions),
             qPrintable(QStringLiteral("'%1' not in: %2").arg(mentions, msg)));
}

void TestHeaderField::standardTable() {
    const auto fields = standardTraceFields();
    QCOMPARE(fields.size(), std::size_t(91));
    QSet<QString> su, segyio;
    int previousEnd = 1; // first byte not yet covered
    for (const auto& f : fields) {
        QVERIFY2(f.byte >= previousEnd,
                 qPrintable(QStringLiteral("%1 at byte %2 overlaps the field before it")
                                .arg(QLatin1String(f.suName))
                                .arg(f.byte)));
        previousEnd = f.byte + fieldTypeSize(f.type);
        QVERIFY(previousEnd - 1 <= kTraceHeaderBytes);
        QVERIFY(!isFloatType(f.type));
        su << QLatin1String(f.suName);
        segyio << QLatin1String(f.segyioName);
    }
    QCOMPARE(su.size(), qsizetype(91));
    QCOMPARE(segyio.size(), qsizetype(91));
    QCOMPARE(previousEnd, 241); // the table covers the header to its last byte
}

void TestHeaderField::findStandard() {
    for (const auto& f : standardTraceFields()) {
        for (const char* name : {f.suName, f.segyioName}) {
            const auto found = findStandardTraceField(QString::fromLatin1(name));
            QVERIFY2(found, name);
            QCOMPARE(found->byte.position, f.byte);
            QCOMPARE(found->type, f.type);
            QCOMPARE(found->name, QLatin1String(name));
            // The parser agrees with the lookup.
            QCOMPARE(parseHeaderField(QLatin1String(name)), *found);
        }
    }
    QVERIFY(!findStandardTraceField(u"nosuchfield"));
    QVERIFY(!findStandardTraceField(u""));
    QVERIFY(!findStandardTraceField(u"189"));
}

void TestHeaderField::fieldTypes() {
    const QList<std::tuple<const char*, FieldType, int>> types{
        {"i1", FieldType::I1, 1}, {"u1", FieldType::U1, 1}, {"i2", FieldType::I2, 2},
        {"u2", FieldType::U2, 2}, {"i4", FieldType::I4, 4}, {"u4", FieldType::U4, 4},
        {"i8", FieldType::I8, 8}, {"u8", FieldType::U8, 8}, {"f4", FieldType::F4, 4},
        {"f8", FieldType::F8, 8}};
    for (const auto& [name, type, size] : types) {
        QCOMPARE(parseFieldType(QString::fromLatin1(name)), std::optional<FieldType>(type));
        QCOMPARE(parseFieldType(QString::fromLatin1(name).toUpper()),
                 std::optional<FieldType>(type));
        QCOMPARE(fieldTypeName(type), QLatin1String(name));
        QCOMPARE(fieldTypeSize(type), size);
        QCOMPARE(isFloatType(type), name[0] == 'f');
    }
    for (const char* bad : {"", "i3", "q7", "i", "int", "f2"})
        QVERIFY2(!parseFieldType(QString::fromLatin1(bad)), bad);
}

void TestHeaderField::readFields_data() {
    QTest::addColumn<FieldType>("type");
    QTest::addColumn<QByteArray>("big");  // the field's bytes, big-endian
    QTest::addColumn<qint64>("integer");  // readIntField
    QTest::addColumn<double>("floating"); // readFloatField
    const qint64 max = std::numeric_limits<qint64>::max();
    const qint64 min = std::numeric_limits<qint64>::min();
    auto row = [](const char* name, FieldType t, const char* hex, qint64 i, double d) {
        QTest::newRow(name) << t << QByteArray::fromHex(hex) << i << d;
    };
    row("i1 -1", FieldType::I1, "FF", -1, -1);
    row("u1 255", FieldType::U1, "FF", 255, 255);
    row("i2 -2", FieldType::I2, "FFFE", -2, -2);
    row("u2 65534", FieldType::U2, "FFFE", 65534, 65534);
    row("i2 258", FieldType::I2, "0102", 258, 258);
    row("i4 min", FieldType::I4, "80000000", -2147483648LL, -2147483648.0);
    row("u4 2^31", FieldType::U4, "80000000", 2147483648LL, 2147483648.0);
    row("u4 max", FieldType::U4, "FFFFFFFF", 4294967295LL, 4294967295.0);
    row("i4 0x01020304", FieldType::I4, "01020304", 0x01020304, 0x01020304);
    row("i8 -2", FieldType::I8, "FFFFFFFFFFFFFFFE", -2, -2);
    row("i8 0x0102030405060708", FieldType::I8, "0102030405060708", 0x0102030405060708LL,
        double(0x0102030405060708LL));
    row("u8 max int64", FieldType::U8, "7FFFFFFFFFFFFFFF", max, double(max));
    row("u8 wraps", FieldType::U8, "FFFFFFFFFFFFFFFF", -1, -1); // documented: wraps
    row("f4 -2.75", FieldType::F4, "C0300000", -2, -2.75);
    row("f4 2.75", FieldType::F4, "40300000", 2, 2.75);
    row("f4 nan", FieldType::F4, "7FC00000", 0, std::numeric_limits<double>::quiet_NaN());
    row("f4 1e30", FieldType::F4, "7149F2CA", max, double(1e30f));
    row("f8 -1e30", FieldType::F8, "C6293E5939A08CEA", min, -1e30);
    row("f8 -118.625", FieldType::F8, "C05DA80000000000", -118, -118.625);
    row("f8 -inf", FieldType::F8, "FFF0000000000000", min,
        -std::numeric_limits<double>::infinity());
}

void TestHeaderField::readFields() {
    QFETCH(FieldType, type);
    QFETCH(QByteArray, big);
    QFETCH(qint64, integer);
    QFETCH(double, floating);
    QCOMPARE(big.size(), qsizetype(fieldTypeSize(type)));
    QByteArray little = big;
    std::reverse(little.begin(), little.end());
    for (const auto& [order, bytes] :
         {std::pair{ByteOrder::Big, big}, std::pair{ByteOrder::Little, little}}) {
        // At an odd address, as fields in a header are.
        QByteArray buffer = QByteArray(1, '\x55') + bytes;
        const auto* p = reinterpret_cast<const std::byte*>(buffer.constData() + 1);
        QCOMPARE(readIntField(p, type, order), integer);
        const double d = readFloatField(p, type, order);
        if (std::isnan(floating))
            QVERIFY(std::isnan(d));
        else
            QCOMPARE(d, floating);
    }
}

void TestHeaderField::mappingRoundTrip() {
    const HeaderMapping standard = HeaderMapping::standard();
    QCOMPARE(standard.size(), qsizetype(91));
    for (std::size_t i = 0; i < standardTraceFields().size(); ++i) {
        const auto& f = standardTraceFields()[i];
        QCOMPARE(standard.fields()[i],
                 (HeaderField{QLatin1String(f.suName), HeaderByte{f.byte}, f.type}));
    }
    QCOMPARE(HeaderMapping::fromJson(standard.toJson()), standard);

    HeaderMapping m;
    m.set(QStringLiteral("shot"), parseHeaderField(QStringLiteral("9:i4")));
    m.set(QStringLiteral("receiver x"), parseHeaderField(QStringLiteral("81")));
    m.set(QStringLiteral("scalar"), parseHeaderField(QStringLiteral("71:i2")));
    m.set(QStringLiteral("ns16"), parseHeaderField(QStringLiteral("115:u2")));
    m.set(QStringLiteral("wide"), parseHeaderField(QStringLiteral("233:u8")));
    m.set(QStringLiteral("double"), parseHeaderField(QStringLiteral("233:f8")));
    m.set(QStringLiteral("float"), parseHeaderField(QStringLiteral("237:f4")));
    m.set(QStringLiteral("last byte"), parseHeaderField(QStringLiteral("240:u1")));
    m.set(QStringLiteral("ünïcödé name"), parseHeaderField(QStringLiteral("1:i1")));
    QCOMPARE(m.size(), qsizetype(9));
    const QByteArray json = m.toJson();
    const HeaderMapping back = HeaderMapping::fromJson(json);
    QCOMPARE(back, m);
    QCOMPARE(back.fields().front().name, QStringLiteral("shot")); // order kept

    // The documented JSON form.
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QLatin1String("version")).toInt(), 1);
    const QJsonArray fields = root.value(QLatin1String("fields")).toArray();
    QCOMPARE(fields.size(), qsizetype(9));
    QCOMPARE(fields.at(0).toObject().value(QLatin1String("name")).toString(),
             QStringLiteral("shot"));
    QCOMPARE(fields.at(0).toObject().value(QLatin1String("byte")).toInt(), 9);
    QCOMPARE(fields.at(0).toObject().value(QLatin1String("type")).toString(), QStringLiteral("i4"));
    QCOMPARE(fields.at(4).toObject().value(QLatin1String("type")).toString(), QStringLiteral("u8"));
}

void TestHeaderField::mappingEditing() {
    HeaderMapping m;
    m.set(QStringLiteral("a"),
          HeaderField{QStringLiteral("ignored"), HeaderByte{9}, FieldType::I4});
    QCOMPARE(m.field(QStringLiteral("a"))->name, QStringLiteral("a")); // name set to the key
    m.set(QStringLiteral("b"), HeaderField{{}, HeaderByte{21}, FieldType::I4});
    m.set(QStringLiteral("a"), HeaderField{{}, HeaderByte{13}, FieldType::I2}); // replaces
    QCOMPARE(m.size(), qsizetype(2));
    QCOMPARE(m.field(QStringLiteral("a"))->byte.position, 13);
    QCOMPARE(m.field(QStringLiteral("a"))->type, FieldType::I2);
    QCOMPARE(m.fields().front().name, QStringLiteral("a")); // replaced in place
    QVERIFY(m.remove(QStringLiteral("a")));
    QVERIFY(!m.remove(QStringLiteral("a")));
    QVERIFY(!m.field(QStringLiteral("a")));
    QCOMPARE(m.size(), qsizetype(1));
    // Fields that do not fit are refused with the name and byte in the message.
    for (const auto& [byte, type] : QList<std::pair<int, FieldType>>{{0, FieldType::I1},
                                                                     {241, FieldType::I1},
                                                                     {238, FieldType::I4},
                                                                     {233 + 1, FieldType::U8}}) {
        const QString msg = messageOf<ArgumentError>([&] {
            m.set(QStringLiteral("bad"), HeaderField{{}, HeaderByte{byte}, type});
        });
        QVERIFY2(msg.contains(QLatin1String("'bad'")) && msg.contains(QString::number(byte)),
                 qPrintable(msg));
    }
    QCOMPARE(m.size(), qsizetype(1));
}

void TestHeaderField::mappingResolve() {
    HeaderMapping m;
    m.set(QStringLiteral("shot"), HeaderField{{}, HeaderByte{9}, FieldType::I4});
    m.set(QStringLiteral("cdp"), HeaderField{{}, HeaderByte{25}, FieldType::I2}); // shadows SU
    QCOMPARE(m.resolve(QStringLiteral("shot")).byte.position, 9);
    QCOMPARE(m.resolve(QStringLiteral(" shot ")).byte.position, 9);
    QCOMPARE(m.resolve(QStringLiteral("cdp")).byte.position, 25);     // the mapping wins
    QCOMPARE(m.resolve(QStringLiteral("CDP")).byte.position, 21);     // the standard name
    QCOMPARE(m.resolve(QStringLiteral("iline")).byte.position, 189);  // a standard name
    QCOMPARE(m.resolve(QStringLiteral("17:i2")).type, FieldType::I2); // a byte spec
    const QString msg = messageOf<ArgumentError>([&] { m.resolve(QStringLiteral("nosuch")); });
    QVERIFY2(msg.contains(QLatin1String("'nosuch'")), qPrintable(msg));
}

void TestHeaderField::mappingFromJsonErrors_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not json") << QByteArray("{\"fields\": [") << "not valid JSON";
    QTest::newRow("garbage") << QByteArray("hello") << "not valid JSON";
    QTest::newRow("array root") << QByteArray("[]") << "'fields'";
    QTest::newRow("no fields") << QByteArray("{\"version\": 1}") << "'fields'";
    QTest::newRow("fields not array") << QByteArray("{\"fields\": {}}") << "'fields'";
    QTest::newRow("version 2") << QByteArray("{\"version\": 2, \"fields\": []}") << "version 2";
    QTest::newRow("no name") << QByteArray("{\"fields\": [{\"byte\": 9}]}") << "entry 0";
    QTest::newRow("empty name") << QByteArray("{\"fields\": [{\"name\": \"\", \"byte\": 9}]}")
                                << "entry 0";
    QTest::newRow("no byte")
        << QByteArray("{\"fields\": [{\"name\": \"a\", \"byte\": 9}, {\"name\": \"b\"}]}")
        << "entry 1";
    QTest::newRow("byte string") << QByteArray("{\"fields\": [{\"name\": \"a\", \"byte\": \"9\"}]}")
                                 << "entry 0";
    QTest::newRow("bad type")
        << QByteArray("{\"fields\": [{\"name\": \"a\", \"byte\": 9, \"type\": \"q7\"}]}") << "'q7'";
    QTest::newRow("byte 0") << QByteArray("{\"fields\": [{\"name\": \"zero\", \"byte\": 0}]}")
                            << "'zero'";
    QTest::newRow("past end")
        << QByteArray("{\"fields\": [{\"name\": \"late\", \"byte\": 239, \"type\": \"i4\"}]}")
        << "'late'";
    QTest::newRow("byte 241")
        << QByteArray("{\"fields\": [{\"name\": \"far\", \"byte\": 241, \"type\": \"i1\"}]}")
        << "'far'";
}

void TestHeaderField::mappingFromJsonErrors() {
    QFETCH(QByteArray, json);
    QFETCH(QString, mentions);
    const QString msg = messageOf<ArgumentError>([&] { HeaderMapping::fromJson(json); });
    QVERIFY2(!msg.startsWith(QLatin1String("FAIL")), qPrintable(msg));
    QVERIFY2(msg.contains(mentions),
             qPrintable(QStringLiteral("'%1' not in: %2").arg(mentions, msg)));
}

void TestHeaderField::mappingFromJsonDefaults() {
    // Type defaults to i4, version to 1; a later entry with the same name replaces the earlier.
    const HeaderMapping m = HeaderMapping::fromJson(
        "{\"fields\": [{\"name\": \"a\", \"byte\": 9}, {\"name\": \"b\", \"byte\": 71, "
        "\"type\": \"I2\"}, {\"name\": \"a\", \"byte\": 13, \"type\": \"u4\"}]}");
    QCOMPARE(m.size(), qsizetype(2));
    QCOMPARE(*m.field(QStringLiteral("a")),
             (HeaderField{QStringLiteral("a"), HeaderByte{13}, FieldType::U4}));
    QCOMPARE(*m.field(QStringLiteral("b")),
             (HeaderField{QStringLiteral("b"), HeaderByte{71}, FieldType::I2}));
    QCOMPARE(HeaderMapping::fromJson("{\"version\": 1, \"fields\": []}").size(), qsizetype(0));
}

void TestHeaderField::mappingFiles() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    HeaderMapping m = HeaderMapping::standard();
    m.set(QStringLiteral("shot"), parseHeaderField(QStringLiteral("9")));
    m.set(QStringLiteral("trace x"), parseHeaderField(QStringLiteral("181:u4")));
    const QString path = dir.filePath(QStringLiteral("mapping.json"));
    m.save(path);
    QVERIFY(QFile::exists(path));
    QCOMPARE(HeaderMapping::load(path), m);
    // Saving again replaces the file.
    HeaderMapping small;
    small.set(QStringLiteral("only"), parseHeaderField(QStringLiteral("1:u1")));
    small.save(path);
    QCOMPARE(HeaderMapping::load(path), small);

    // A missing file and an unwritable place: IoError naming the path.
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    try {
        HeaderMapping::load(missing);
        QFAIL("loading a missing file did not throw");
    } catch (const IoError& e) {
        QCOMPARE(e.file(), missing);
        QVERIFY(QString::fromUtf8(e.what()).contains(missing));
    }
    const QString nowhere = dir.filePath(QStringLiteral("no/such/dir/m.json"));
    try {
        small.save(nowhere);
        QFAIL("saving into a missing directory did not throw");
    } catch (const IoError& e) {
        QCOMPARE(e.file(), nowhere);
    }
    // Bad content: ArgumentError.
    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    QFile f(bad);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("{\"fields\": [{\"name\": \"x\", \"byte\": 300}]}");
    f.close();
    const QString msg = messageOf<ArgumentError>([&] { HeaderMapping::load(bad); });
    QVERIFY2(msg.contains(QLatin1String("'x'")), qPrintable(msg));
}

QTEST_GUILESS_MAIN(TestHeaderField)
#include "tst_headerfield.moc"
