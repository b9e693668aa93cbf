// The viewer's header settings: defaults, key resolution (custom names first, standard names,
// byte specs) and its errors, QSettings and JSON round trips, fallbacks on load, import/export.
#include "viewersettings.h"

#include "testsupport.h"

#include "seis/base/error.h"
#include "seis/base/traceheaderfield.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtTest>

#include <unistd.h>

using namespace seis;
using namespace seis::testsupport;
using seis::gui::ViewerSettings;

namespace {

// Settings using every member: a custom field used as a key, a byte spec and a segyio name.
ViewerSettings sample() {
    ViewerSettings s;
    s.custom.set(QStringLiteral("shot"), HeaderField{{}, HeaderByte{17}, FieldType::I2});
    s.custom.set(QStringLiteral("rcv"), HeaderField{{}, HeaderByte{181}, FieldType::U4});
    s.ensembleKeys = {QStringLiteral("shot"), QStringLiteral("189:i4")};
    s.labelKey = QStringLiteral("offset");
    s.cursorKeys = {QStringLiteral("rcv"), QStringLiteral("FieldRecord"), QStringLiteral("71:i2")};
    s.ensembleCacheMb = 7; // not the default
    return s;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestViewerSettings : public QObject {
    Q_OBJECT

private slots:
    void defaults();
    void resolvesKeys();
    void customNamesComeFirst();
    void resolveErrorsNameTheKey();
    void customNamesAreChecked();
    void cacheBoundIsChecked();
    void equality();
    void settingsRoundTrip();
    void settingsRoundTripOfShortLists();
    void loadFallsBackPerValue();
    void loadReadsAnIniFileWrittenElsewhere();
    void jsonRoundTrip();
    void fromJsonErrors_data();
    void fromJsonErrors();
    void fromJsonTakesAHeaderMappingFile();
    void exportImportRoundTrip();
    void importErrorsNameThePath();
    void exportFailuresLeaveNoFile();
    void exportToReadOnlyDirectory();
    void exportRefusesInvalidSettings();
    void exportRefusesTheOpenFile();
};

void TestViewerSettings::defaults() {
    const ViewerSettings s;
    QCOMPARE(s.ensembleKeys, QStringList{QStringLiteral("fldr")});
    QVERIFY(s.labelKey.isEmpty());
    QCOMPARE(s.cursorKeys, (QStringList{QStringLiteral("fldr"), QStringLiteral("cdp"),
                                        QStringLiteral("offset")}));
    QCOMPARE(s.custom.size(), 0);
    QCOMPARE(s.ensembleCacheMb, 64);
    QCOMPARE(s.ensembleCacheBytes(), kDefaultEnsembleCacheBytes);
    s.validate(); // must not throw
    QVERIFY(!s.resolveLabelKey().has_value());
    const auto cursor = s.resolveCursorKeys();
    QCOMPARE(cursor.size(), std::size_t(3));
    QCOMPARE(cursor[1].byte.position, 21); // cdp: bytes 21-24
    QCOMPARE(cursor[2].byte.position, 37); // offset: bytes 37-40
    QCOMPARE(cursor[2].type, FieldType::I4);
}

void TestViewerSettings::resolvesKeys() {
    const ViewerSettings s = sample();
    ViewerSettings f;
    f.ensembleKeys = {QStringLiteral("fldr")};
    const auto fldr = f.resolveEnsembleKeys();
    QCOMPARE(fldr.size(), std::size_t(1));
    // traceheaderfield.h's table: fldr is the field record number, bytes 9-12, a 4-byte int.
    const auto standard = findStandardTraceField(u"fldr");
    QVERIFY(standard.has_value());
    QCOMPARE(standard->byte.position, 9);
    QCOMPARE(standard->type, FieldType::I4);
    QCOMPARE(fldr[0].byte, standard->byte);
    QCOMPARE(fldr[0].type, standard->type);

    const auto ensemble = s.resolveEnsembleKeys();
    QCOMPARE(ensemble.size(), std::size_t(2));
    QCOMPARE(ensemble[0].name, QStringLiteral("shot"));
    QCOMPARE(ensemble[0].byte.position, 17);
    QCOMPARE(ensemble[0].type, FieldType::I2);
    QCOMPARE(ensemble[1].byte.position, 189);
    QCOMPARE(ensemble[1].type, FieldType::I4);

    const auto label = s.resolveLabelKey();
    QVERIFY(label.has_value());
    QCOMPARE(label->byte.position, 37);
    QCOMPARE(label->type, FieldType::I4);

    // Up to three annotation keys, comma-separated, a row each; a fourth is refused.
    ViewerSettings rows = s;
    rows.labelKey = QStringLiteral("fldr, offset ,shot");
    const auto keys = rows.resolveLabelKeys();
    QCOMPARE(keys.size(), std::size_t(3));
    QCOMPARE(keys[0].byte.position, 9);
    QCOMPARE(keys[1].byte.position, 37);
    QCOMPARE(keys[2].name, QStringLiteral("shot"));
    QCOMPARE(keys[2].byte.position, 17);
    QCOMPARE(rows.resolveLabelKey()->byte.position, 9);
    rows.validate();
    rows.labelKey = QStringLiteral("fldr,offset,cdp,tracf");
    const QString tooMany = messageOf<ArgumentError>([&] { rows.resolveLabelKeys(); });
    QVERIFY2(tooMany.contains(QStringLiteral("4 keys")) &&
                 tooMany.contains(QStringLiteral("at most 3")),
             qPrintable(tooMany));
    QVERIFY_THROWS_EXCEPTION(ArgumentError, rows.validate());
    rows.labelKey = QStringLiteral("fldr,,cdp");
    QVERIFY_THROWS_EXCEPTION(ArgumentError, rows.resolveLabelKeys());
    rows.labelKey.clear();
    QVERIFY(rows.resolveLabelKeys().empty());

    const auto cursor = s.resolveCursorKeys();
    QCOMPARE(cursor.size(), std::size_t(3));
    QCOMPARE(cursor[0].byte.position, 181);
    QCOMPARE(cursor[0].type, FieldType::U4);
    QCOMPARE(cursor[1].byte.position, 9); // segyio's name for fldr
    QCOMPARE(cursor[1].type, FieldType::I4);
    QCOMPARE(cursor[2].byte.position, 71);
    QCOMPARE(cursor[2].type, FieldType::I2);
    s.validate();
}

void TestViewerSettings::customNamesComeFirst() {
    ViewerSettings s;
    s.custom.set(QStringLiteral("cdp"), HeaderField{{}, HeaderByte{25}, FieldType::U2});
    s.cursorKeys = {QStringLiteral("cdp"), QStringLiteral("CDP")};
    const auto cursor = s.resolveCursorKeys();
    QCOMPARE(cursor[0].byte.position, 25); // the custom field hides the standard cdp...
    QCOMPARE(cursor[0].type, FieldType::U2);
    QCOMPARE(cursor[1].byte.position, 21); // ...but not segyio's name, which is not custom
    QCOMPARE(cursor[1].type, FieldType::I4);
}

void TestViewerSettings::resolveErrorsNameTheKey() {
    ViewerSettings s;
    s.ensembleKeys = {};
    QString m = messageOf<ArgumentError>([&] { s.resolveEnsembleKeys(); });
    QVERIFY2(m.contains(QLatin1String("0 keys given; expected one or two")), qPrintable(m));
    QCOMPARE(messageOf<ArgumentError>([&] { s.validate(); }), m);

    s.ensembleKeys = {QStringLiteral("fldr"), QStringLiteral("cdp"), QStringLiteral("offset")};
    m = messageOf<ArgumentError>([&] { s.resolveEnsembleKeys(); });
    QVERIFY2(m.contains(QLatin1String("'fldr,cdp,offset': 3 keys given")), qPrintable(m));

    s.ensembleKeys = {QStringLiteral("fldr"), QStringLiteral("foo")};
    m = messageOf<ArgumentError>([&] { s.resolveEnsembleKeys(); });
    QCOMPARE(m, QStringLiteral("ensemble key 'foo' is not a header field name or a byte:type spec "
                               "such as 189:i4"));

    s = ViewerSettings{};
    s.labelKey = QStringLiteral("239:i4");
    m = messageOf<ArgumentError>([&] { s.resolveLabelKey(); });
    QVERIFY2(m.startsWith(QLatin1String("label key '239:i4' is not")), qPrintable(m));
    QVERIFY2(m.contains(QLatin1String("runs past")), qPrintable(m)); // the byte spec's own reason
    QCOMPARE(messageOf<ArgumentError>([&] { s.validate(); }), m);

    s = ViewerSettings{};
    s.cursorKeys = {QStringLiteral("cdp"), QStringLiteral(" ")};
    m = messageOf<ArgumentError>([&] { s.resolveCursorKeys(); });
    QVERIFY2(m.startsWith(QLatin1String("cursor key is empty")), qPrintable(m));
}

void TestViewerSettings::customNamesAreChecked() {
    for (const char* name : {"9shot", "a,b", " shot"}) {
        ViewerSettings s;
        s.custom.set(QString::fromLatin1(name), HeaderField{{}, HeaderByte{17}, FieldType::I2});
        const QString m = messageOf<ArgumentError>([&] { s.validate(); });
        QVERIFY2(m.contains(QStringLiteral("'%1'").arg(QLatin1String(name))), qPrintable(m));
    }
}

void TestViewerSettings::equality() {
    const ViewerSettings a = sample();
    QVERIFY(a == sample());
    ViewerSettings b = a;
    b.custom.remove(QStringLiteral("rcv"));
    QVERIFY(a != b);
    b = a;
    b.ensembleKeys.removeLast();
    QVERIFY(a != b);
    b = a;
    b.labelKey.clear();
    QVERIFY(a != b);
    b = a;
    b.cursorKeys.append(QStringLiteral("cdp"));
    QVERIFY(a != b);
    b = a;
    b.ensembleCacheMb = 8;
    QVERIFY(a != b);
}

// The bound is 0 (store nothing) to 1 TiB in MB; anything else is refused naming the value.
void TestViewerSettings::cacheBoundIsChecked() {
    ViewerSettings s;
    for (qint64 mb : {qint64(0), qint64(1), ViewerSettings::kMaxEnsembleCacheMb}) {
        s.ensembleCacheMb = mb;
        s.validate(); // must not throw
        QCOMPARE(s.ensembleCacheBytes(), mb * 1024 * 1024);
    }
    for (qint64 mb : {qint64(-1), ViewerSettings::kMaxEnsembleCacheMb + 1}) {
        s.ensembleCacheMb = mb;
        const QString m = messageOf<ArgumentError>([&] { s.validate(); });
        QVERIFY2(m.contains(QStringLiteral("ensemble index cache size %1 MB").arg(mb)),
                 qPrintable(m));
        QVERIFY2(m.contains(QStringLiteral("from 0")) && m.contains(QStringLiteral("1048576")),
                 qPrintable(m));
    }
}

void TestViewerSettings::settingsRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("seisview.ini"));
    const ViewerSettings s = sample();
    {
        QSettings settings(ini, QSettings::IniFormat);
        s.save(settings);
        settings.setValue(QStringLiteral("other"), 1); // outside the group, left alone by load
    }
    QVERIFY(QFile::exists(ini));
    QSettings settings(ini, QSettings::IniFormat);
    QVERIFY(settings.childGroups().contains(QStringLiteral("headers")));
    QCOMPARE(settings.value(QStringLiteral("headers/labelKey")).toString(),
             QStringLiteral("offset"));
    const ViewerSettings loaded = ViewerSettings::load(settings);
    QCOMPARE(loaded.custom, s.custom);
    QCOMPARE(loaded.ensembleKeys, s.ensembleKeys);
    QCOMPARE(loaded.labelKey, s.labelKey);
    QCOMPARE(loaded.cursorKeys, s.cursorKeys);
    QCOMPARE(loaded.ensembleCacheMb, 7);
    QVERIFY(loaded == s);
    QVERIFY(settings.group().isEmpty()); // load leaves the group it entered

    // 0 (store nothing) is a value of its own, not "absent".
    ViewerSettings none = s;
    none.ensembleCacheMb = 0;
    none.save(settings);
    QCOMPARE(ViewerSettings::load(settings).ensembleCacheMb, 0);
}

void TestViewerSettings::settingsRoundTripOfShortLists() {
    // An INI file gives a one-entry list back as a string and stores an empty list specially.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("seisview.ini"));
    ViewerSettings s;
    s.ensembleKeys = {QStringLiteral("cdp")};
    s.cursorKeys = {};
    {
        QSettings settings(ini, QSettings::IniFormat);
        s.save(settings);
    }
    QSettings settings(ini, QSettings::IniFormat);
    const ViewerSettings loaded = ViewerSettings::load(settings);
    QCOMPARE(loaded.ensembleKeys, QStringList{QStringLiteral("cdp")});
    QCOMPARE(loaded.cursorKeys, QStringList{});
    QVERIFY(loaded == s);

    s.cursorKeys = {QStringLiteral("offset")};
    s.save(settings);
    QCOMPARE(ViewerSettings::load(settings).cursorKeys, QStringList{QStringLiteral("offset")});
}

void TestViewerSettings::loadFallsBackPerValue() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    {
        QSettings empty(dir.filePath(QStringLiteral("missing.ini")), QSettings::IniFormat);
        QVERIFY(ViewerSettings::load(empty) == ViewerSettings{});
    }
    const QString ini = dir.filePath(QStringLiteral("broken.ini"));
    {
        QSettings settings(ini, QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("headers"));
        settings.setValue(QStringLiteral("mapping"), QStringLiteral("{\"version\": 1, \"fields\""));
        settings.setValue(
            QStringLiteral("ensembleKeys"),
            QStringList{QStringLiteral("fldr"), QStringLiteral("cdp"), QStringLiteral("offset")});
        settings.setValue(QStringLiteral("labelKey"), QStringLiteral("nosuchkey"));
        // Valid only with the mapping that no longer parses.
        settings.setValue(QStringLiteral("cursorKeys"),
                          QStringList{QStringLiteral("cdp"), QStringLiteral("shot")});
        settings.setValue(QStringLiteral("ensembleCacheMB"), QStringLiteral("lots"));
    }
    {
        QSettings settings(ini, QSettings::IniFormat);
        const ViewerSettings loaded = ViewerSettings::load(settings);
        QCOMPARE(loaded.custom.size(), 0);
        QCOMPARE(loaded.ensembleKeys, ViewerSettings{}.ensembleKeys);
        QCOMPARE(loaded.labelKey, QString());
        QCOMPARE(loaded.cursorKeys, ViewerSettings{}.cursorKeys);
        QCOMPARE(loaded.ensembleCacheMb, ViewerSettings{}.ensembleCacheMb);
        loaded.validate();
    }
    {
        // A cache bound out of range, or not whole, falls back to the default.
        QSettings settings(ini, QSettings::IniFormat);
        for (const QVariant& bad : {QVariant(-1), QVariant(qint64(1) << 40), QVariant(2.5)}) {
            settings.setValue(QStringLiteral("headers/ensembleCacheMB"), bad);
            QCOMPARE(ViewerSettings::load(settings).ensembleCacheMb, 64);
        }
        settings.remove(QStringLiteral("headers/ensembleCacheMB"));
    }
    {
        // Good values next to bad ones are kept; a mapping with a bad name is dropped.
        QSettings settings(ini, QSettings::IniFormat);
        settings.beginGroup(QStringLiteral("headers"));
        settings.setValue(QStringLiteral("mapping"),
                          QStringLiteral("{\"version\": 1, \"fields\": [{\"name\": \"9x\", "
                                         "\"byte\": 17, \"type\": \"i2\"}]}"));
        settings.setValue(QStringLiteral("labelKey"), QStringLiteral("189:i4"));
        settings.setValue(QStringLiteral("ensembleKeys"), QStringList{QStringLiteral("9x")});
        settings.endGroup();
        const ViewerSettings loaded = ViewerSettings::load(settings);
        QCOMPARE(loaded.custom.size(), 0);
        QCOMPARE(loaded.labelKey, QStringLiteral("189:i4"));
        QCOMPARE(loaded.ensembleKeys, ViewerSettings{}.ensembleKeys);
    }
}

void TestViewerSettings::loadReadsAnIniFileWrittenElsewhere() {
    // A file this process never opened, so QSettings parses it rather than its in-process cache:
    // a one-entry list then reads back as a string, an empty one as an invalid value.
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString ini = dir.filePath(QStringLiteral("other.ini"));
    {
        QFile f(ini);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[headers]\n"
                "mapping=\"{\\\"version\\\": 1, \\\"fields\\\": [{\\\"name\\\": \\\"shot\\\", "
                "\\\"byte\\\": 17, \\\"type\\\": \\\"i2\\\"}]}\"\n"
                "ensembleKeys=shot\n"
                "labelKey=offset\n"
                "cursorKeys=@Invalid()\n"
                "ensembleCacheMB=3\n");
    }
    QSettings settings(ini, QSettings::IniFormat);
    QCOMPARE(settings.status(), QSettings::NoError);
    const ViewerSettings loaded = ViewerSettings::load(settings);
    QCOMPARE(loaded.custom.size(), 1);
    QCOMPARE(loaded.custom.field(QStringLiteral("shot"))->byte.position, 17);
    QCOMPARE(loaded.custom.field(QStringLiteral("shot"))->type, FieldType::I2);
    QCOMPARE(loaded.ensembleKeys, QStringList{QStringLiteral("shot")});
    QCOMPARE(loaded.labelKey, QStringLiteral("offset"));
    QCOMPARE(loaded.cursorKeys, QStringList{});
    QCOMPARE(loaded.ensembleCacheMb, 3);
}

void TestViewerSettings::jsonRoundTrip() {
    const ViewerSettings s = sample();
    const QByteArray json = s.toJson();
    const QJsonObject root = QJsonDocument::fromJson(json).object();
    QCOMPARE(root.value(QStringLiteral("version")).toInt(), 1);
    QCOMPARE(root.value(QStringLiteral("ensembleKeys")).toArray(),
             (QJsonArray{QStringLiteral("shot"), QStringLiteral("189:i4")}));
    QCOMPARE(root.value(QStringLiteral("labelKey")).toString(), QStringLiteral("offset"));
    QCOMPARE(root.value(QStringLiteral("cursorKeys")).toArray().size(), 3);
    QCOMPARE(root.value(QStringLiteral("ensembleCacheMB")), QJsonValue(7));
    const QJsonArray fields = root.value(QStringLiteral("fields")).toArray();
    QCOMPARE(fields.size(), 2);
    QCOMPARE(fields.at(0).toObject(),
             (QJsonObject{{QStringLiteral("name"), QStringLiteral("shot")},
                          {QStringLiteral("byte"), 17},
                          {QStringLiteral("type"), QStringLiteral("i2")}}));
    // The same field objects as HeaderMapping's own JSON.
    QCOMPARE(fields, QJsonDocument::fromJson(s.custom.toJson())
                         .object()
                         .value(QStringLiteral("fields"))
                         .toArray());

    const ViewerSettings back = ViewerSettings::fromJson(json);
    QCOMPARE(back.ensembleCacheMb, 7);
    QVERIFY(back == s);
    QVERIFY(ViewerSettings::fromJson(ViewerSettings{}.toJson()) == ViewerSettings{});
    QCOMPARE(ViewerSettings::fromJson("{\"version\": 1, \"ensembleCacheMB\": 0}").ensembleCacheMb,
             0);
}

void TestViewerSettings::fromJsonErrors_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QStringList>("expected"); // substrings of the message

    QTest::newRow("bad JSON") << QByteArray("{\"version\": 1, \"ensembleKeys\": [\"fldr\"")
                              << QStringList{QStringLiteral("not valid JSON at offset 38")};
    QTest::newRow("not an object")
        << QByteArray("[1]") << QStringList{QStringLiteral("expected a JSON object")};
    QTest::newRow("no version") << QByteArray("{\"ensembleKeys\": [\"fldr\"]}")
                                << QStringList{QStringLiteral("'version' is missing")};
    QTest::newRow("version 2") << QByteArray("{\"version\": 2}")
                               << QStringList{QStringLiteral("version 2 is not supported"),
                                              QStringLiteral("expected 1")};
    QTest::newRow("three ensemble keys")
        << QByteArray("{\"version\": 1, \"ensembleKeys\": [\"fldr\", \"cdp\", \"ep\"]}")
        << QStringList{QStringLiteral("'fldr,cdp,ep': 3 keys given"),
                       QStringLiteral("expected one or two")};
    QTest::newRow("unknown key")
        << QByteArray("{\"version\": 1, \"ensembleKeys\": [\"fldr\", \"nosuchkey\"]}")
        << QStringList{QStringLiteral("ensemble key 'nosuchkey' is not a header field name")};
    QTest::newRow("unknown cursor key")
        << QByteArray("{\"version\": 1, \"cursorKeys\": [\"cdp\", \"bogus\"]}")
        << QStringList{QStringLiteral("cursor key 'bogus'")};
    QTest::newRow("keys not an array")
        << QByteArray("{\"version\": 1, \"cursorKeys\": \"cdp\"}")
        << QStringList{QStringLiteral("'cursorKeys' must be an array of strings")};
    QTest::newRow("key not a string")
        << QByteArray("{\"version\": 1, \"ensembleKeys\": [9]}")
        << QStringList{QStringLiteral("'ensembleKeys' entry 0 is not a string")};
    QTest::newRow("label not a string") << QByteArray("{\"version\": 1, \"labelKey\": 37}")
                                        << QStringList{QStringLiteral("'labelKey' is 37")};
    QTest::newRow("bad field type")
        << QByteArray("{\"version\": 1, \"fields\": [{\"name\": \"s\", \"byte\": 9, "
                      "\"type\": \"x9\"}]}")
        << QStringList{QStringLiteral("entry 's' has unknown type 'x9'")};
    QTest::newRow("field past the header")
        << QByteArray("{\"version\": 1, \"fields\": [{\"name\": \"s\", \"byte\": 237, "
                      "\"type\": \"i8\"}]}")
        << QStringList{QStringLiteral("'s'"), QStringLiteral("byte 237")};
    // The cache bound: a whole number of MB from 0 to 1048576, named as written.
    const QStringList range{QStringLiteral("whole number of MB from 0"),
                            QStringLiteral("to 1048576")};
    QTest::newRow("negative cache bound")
        << QByteArray("{\"version\": 1, \"ensembleCacheMB\": -5}")
        << (QStringList{QStringLiteral("'ensembleCacheMB' is -5")} + range);
    QTest::newRow("fractional cache bound")
        << QByteArray("{\"version\": 1, \"ensembleCacheMB\": 2.5}")
        << (QStringList{QStringLiteral("'ensembleCacheMB' is 2.5")} + range);
    QTest::newRow("huge cache bound")
        << QByteArray("{\"version\": 1, \"ensembleCacheMB\": 1048577}")
        << (QStringList{QStringLiteral("'ensembleCacheMB' is 1048577")} + range);
    QTest::newRow("cache bound as text")
        << QByteArray("{\"version\": 1, \"ensembleCacheMB\": \"64\"}")
        << (QStringList{QStringLiteral("'ensembleCacheMB' is \"64\"")} + range);
}

void TestViewerSettings::fromJsonErrors() {
    QFETCH(QByteArray, json);
    QFETCH(QStringList, expected);
    const QString m = messageOf<ArgumentError>([&] { ViewerSettings::fromJson(json); });
    for (const QString& part : expected)
        QVERIFY2(m.contains(part), qPrintable(m));
    QVERIFY2(m.startsWith(QLatin1String("viewer settings")), qPrintable(m));
}

void TestViewerSettings::fromJsonTakesAHeaderMappingFile() {
    HeaderMapping mapping;
    mapping.set(QStringLiteral("shot"), HeaderField{{}, HeaderByte{17}, FieldType::I2});
    const ViewerSettings s = ViewerSettings::fromJson(mapping.toJson());
    QCOMPARE(s.custom, mapping);
    QCOMPARE(s.ensembleKeys, ViewerSettings{}.ensembleKeys);
    QCOMPARE(s.cursorKeys, ViewerSettings{}.cursorKeys);
}

void TestViewerSettings::exportImportRoundTrip() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("headers.json"));
    const ViewerSettings s = sample();
    s.exportTo(path);
    QCOMPARE(readAll(path), s.toJson());
    QVERIFY(ViewerSettings::importFrom(path) == s);
    // Overwriting replaces the whole file.
    ViewerSettings::fromJson(ViewerSettings{}.toJson()).exportTo(path);
    QVERIFY(ViewerSettings::importFrom(path) == ViewerSettings{});
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{QStringLiteral("headers.json")});
}

void TestViewerSettings::importErrorsNameThePath() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString missing = dir.filePath(QStringLiteral("missing.json"));
    try {
        ViewerSettings::importFrom(missing);
        QFAIL("importFrom of a missing file did not throw");
    } catch (const IoError& e) {
        QCOMPARE(e.file(), missing);
        QVERIFY2(QString::fromUtf8(e.what()).startsWith(missing + QLatin1String(": cannot read")),
                 e.what());
    }

    const QString bad = dir.filePath(QStringLiteral("bad.json"));
    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\": 1, \"ensembleKeys\": [\"nosuch\"]}");
    }
    QString m = messageOf<ArgumentError>([&] { ViewerSettings::importFrom(bad); });
    QVERIFY2(m.startsWith(bad + QLatin1String(": viewer settings: ensemble key 'nosuch'")),
             qPrintable(m));

    {
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("not json");
    }
    m = messageOf<ArgumentError>([&] { ViewerSettings::importFrom(bad); });
    QVERIFY2(m.startsWith(bad + QLatin1String(": viewer settings are not valid JSON at offset")),
             qPrintable(m));

    // A directory is no settings file.
    m = messageOf<IoError>([&] { ViewerSettings::importFrom(dir.path()); });
    QVERIFY2(m.startsWith(dir.path() + QLatin1String(": cannot read")), qPrintable(m));
}

void TestViewerSettings::exportFailuresLeaveNoFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString target = dir.filePath(QStringLiteral("taken"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("taken")));
    QString m = messageOf<IoError>([&] { sample().exportTo(target); });
    QVERIFY2(m.startsWith(target + QLatin1String(": cannot write viewer settings")), qPrintable(m));
    QVERIFY(QFileInfo(target).isDir());
    // Nothing else left in the directory (no temporary file from QSaveFile).
    QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
             QStringList{QStringLiteral("taken")});

    const QString nowhere = dir.filePath(QStringLiteral("no/such/dir/headers.json"));
    m = messageOf<IoError>([&] { sample().exportTo(nowhere); });
    QVERIFY2(m.startsWith(nowhere + QLatin1String(": cannot write viewer settings")),
             qPrintable(m));
    QVERIFY(!QFile::exists(nowhere));
}

void TestViewerSettings::exportToReadOnlyDirectory() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString sub = dir.filePath(QStringLiteral("readonly"));
    QVERIFY(QDir(dir.path()).mkdir(QStringLiteral("readonly")));
    QVERIFY(QFile::setPermissions(sub, QFile::ReadOwner | QFile::ExeOwner));
    const auto restore = qScopeGuard([&] {
        QFile::setPermissions(sub, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    });
    {
        QFile probe(sub + QLatin1String("/probe"));
        if (probe.open(QIODevice::WriteOnly)) {
            probe.remove();
            QSKIP("this user (root?) can write to a read-only directory");
        }
    }
    const QString path = sub + QLatin1String("/headers.json");
    const QString m = messageOf<IoError>([&] { sample().exportTo(path); });
    QVERIFY2(m.startsWith(path + QLatin1String(": cannot write viewer settings")), qPrintable(m));
    QVERIFY(QDir(sub).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden).isEmpty());
}

void TestViewerSettings::exportRefusesInvalidSettings() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("headers.json"));
    ViewerSettings s;
    s.labelKey = QStringLiteral("nosuch");
    const QString m = messageOf<ArgumentError>([&] { s.exportTo(path); });
    QVERIFY2(m.startsWith(path + QLatin1String(": label key 'nosuch'")), qPrintable(m));
    QVERIFY(!QFile::exists(path));
}

// The open SEG-Y file given as the export target, through a link or a hard link: refused before
// anything is written, its bytes unchanged.
void TestViewerSettings::exportRefusesTheOpenFile() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString open = dir.filePath(QStringLiteral("open.sgy"));
    const QByteArray bytes(3600, 'S');
    {
        QFile f(open);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(bytes), bytes.size());
    }
    const QString link = dir.filePath(QStringLiteral("settings.json"));
    QVERIFY(QFile::link(open, link));
    const QString hard = dir.filePath(QStringLiteral("hard.json"));
    QCOMPARE(::link(QFile::encodeName(open).constData(), QFile::encodeName(hard).constData()), 0);
    for (const QString& target : {open, link, hard}) {
        const QString m = messageOf<IoError>([&] { sample().exportTo(target, {open}); });
        QVERIFY2(m.startsWith(target + QLatin1String(": cannot write viewer settings: ")) &&
                     m.contains(QLatin1String("never overwritten")),
                 qPrintable(m));
        QFile f(open);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), bytes);
    }
}

QTEST_GUILESS_MAIN(TestViewerSettings)
#include "tst_viewersettings.moc"
