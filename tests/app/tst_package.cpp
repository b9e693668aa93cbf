// The Debian package end to end, never installed onto this system: `cpack -G DEB` in the build
// tree, `dpkg-deb -x` into a scratch root, then what a clean Debian 12 would get checked there:
// the programs and the demo data, Depends naming the package of every library the programs
// link, the desktop entry (desktop-file-validate where desktop-file-utils is installed), the
// MIME types (shared-mime-info's own update-mime-database reads them; Qt's QMimeDatabase then
// names *.sgy files by them), the icon, a double-click as GIO file managers do it (gio: the demo
// data typed application/x-segy, seisview.desktop its default application), and
// `seisview --screenshot` run from the scratch root.
// Skipped, saying why, where dpkg-deb is missing.
#include "processrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QMimeDatabase>
#include <QRegularExpression>
#include <QSet>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

using seis::testsupport::ProcessOptions;
using seis::testsupport::ProcessRun;
using seis::testsupport::runProcess;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The keys of the [Desktop Entry] group of a desktop file.
QMap<QString, QString> desktopEntry(const QString& path) {
    QMap<QString, QString> keys;
    bool inGroup = false;
    for (const QByteArray& raw : readAll(path).split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (line.startsWith(QLatin1Char('['))) {
            inGroup = line == QStringLiteral("[Desktop Entry]");
            continue;
        }
        const qsizetype eq = line.indexOf(QLatin1Char('='));
        if (inGroup && eq > 0 && !line.startsWith(QLatin1Char('#')))
            keys.insert(line.left(eq).trimmed(), line.mid(eq + 1).trimmed());
    }
    return keys;
}

// type -> its globs, from a shared-mime-info package; an XML error fails the test.
QMap<QString, QStringList> mimeGlobs(const QString& path, QString* error) {
    QMap<QString, QStringList> globs;
    QXmlStreamReader xml(readAll(path));
    QString type;
    bool rootSeen = false;
    while (!xml.atEnd()) {
        if (xml.readNext() != QXmlStreamReader::StartElement)
            continue;
        if (!rootSeen) {
            rootSeen = true;
            if (xml.name() != QStringLiteral("mime-info") ||
                xml.namespaceUri() !=
                    QStringLiteral("http://www.freedesktop.org/standards/shared-mime-info")) {
                *error = QStringLiteral("root element %1 in namespace %2, expected mime-info of "
                                        "shared-mime-info")
                             .arg(xml.name(), xml.namespaceUri());
                return {};
            }
        } else if (xml.name() == QStringLiteral("mime-type")) {
            type = xml.attributes().value(QStringLiteral("type")).toString();
            globs[type];
        } else if (xml.name() == QStringLiteral("glob")) {
            globs[type] << xml.attributes().value(QStringLiteral("pattern")).toString();
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 at line %2").arg(xml.errorString()).arg(xml.lineNumber());
    return globs;
}

// The shared libraries a program needs (objdump -p's NEEDED lines).
QStringList neededLibraries(const QString& program, QString* error) {
    const ProcessRun r = runProcess(QStringLiteral("objdump"), {QStringLiteral("-p"), program});
    if (r.code != 0) {
        *error = QStringLiteral("objdump -p %1: %2").arg(program, r.describe());
        return {};
    }
    QStringList needed;
    static const QRegularExpression re(QStringLiteral(R"(^\s*NEEDED\s+(\S+)\s*$)"),
                                       QRegularExpression::MultilineOption);
    for (auto it = re.globalMatch(QString::fromLocal8Bit(r.out)); it.hasNext();)
        needed << it.next().captured(1);
    return needed;
}

// The packages (without ":arch") that hold a file named `soname` in a library directory, from
// this system's dpkg database.
QSet<QString> packagesHolding(const QString& soname) {
    QSet<QString> packages;
    const ProcessRun r = runProcess(QStringLiteral("dpkg"), {QStringLiteral("-S"), soname});
    for (const QByteArray& raw : r.out.split('\n')) {
        const QString line = QString::fromLocal8Bit(raw);
        const qsizetype colon = line.indexOf(QStringLiteral(": /"));
        if (colon < 0 || !line.endsWith(QLatin1Char('/') + soname) ||
            line.contains(QStringLiteral("diversion")))
            continue;
        for (const QString& p : line.left(colon).split(QStringLiteral(", ")))
            packages.insert(p.section(QLatin1Char(':'), 0, 0).trimmed());
    }
    return packages;
}

} // namespace

class TestPackage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void holdsTheProgramsAndData();
    void dependsNameEveryLinkedLibrary();
    void desktopEntry();
    void mimeTypes();
    void icon();
    void doubleClickOpensSegyInSeisview();
    void screenshotFromTheExtractedTree();

private:
    QString root(const QString& relative) const { return m_root + QLatin1Char('/') + relative; }

    QTemporaryDir m_dir;
    QString m_deb;
    QString m_root;
};

void TestPackage::initTestCase() {
    if (QStandardPaths::findExecutable(QStringLiteral("dpkg-deb")).isEmpty())
        QSKIP("dpkg-deb is missing (Debian's dpkg package): the Debian package cannot be "
              "extracted here");
    QVERIFY(m_dir.isValid());
    const QString out = m_dir.filePath(QStringLiteral("cpack"));
    ProcessOptions building;
    building.workingDir = QStringLiteral(SEIS_BUILD_DIR);
    building.hangGuardMs = 600000;
    const ProcessRun pack = runProcess(QStringLiteral(SEIS_CPACK),
                                       {QStringLiteral("-G"), QStringLiteral("DEB"),
                                        QStringLiteral("-B"), out, QStringLiteral("--config"),
                                        QStringLiteral(SEIS_BUILD_DIR "/CPackConfig.cmake")},
                                       building);
    QVERIFY2(pack.code == 0, qPrintable(QStringLiteral("cpack -G DEB: ") + pack.describe()));
    const QStringList debs = QDir(out).entryList({QStringLiteral("seisview_*.deb")}, QDir::Files);
    QVERIFY2(debs.size() == 1, qPrintable(QStringLiteral("cpack made %1 in %2, expected one "
                                                         "seisview_*.deb")
                                              .arg(debs.join(QStringLiteral(", ")), out)));
    m_deb = out + QLatin1Char('/') + debs.front();
    m_root = m_dir.filePath(QStringLiteral("root"));
    const ProcessRun extract =
        runProcess(QStringLiteral("dpkg-deb"), {QStringLiteral("-x"), m_deb, m_root});
    QVERIFY2(extract.code == 0, qPrintable(QStringLiteral("dpkg-deb -x: ") + extract.describe()));
}

void TestPackage::holdsTheProgramsAndData() {
    for (const char* program : {"usr/bin/seisview", "usr/bin/seisview-cli"}) {
        const QFileInfo info(root(QString::fromLatin1(program)));
        QVERIFY2(info.isFile() && info.isExecutable(),
                 qPrintable(info.filePath() + QStringLiteral(": not an executable file")));
    }
    // The demo data, as the build made them.
    const QByteArray demo = readAll(root(QStringLiteral("usr/share/seisview/demo_shots.sgy")));
    QVERIFY(!demo.isEmpty());
    QVERIFY(demo == readAll(QStringLiteral(SEIS_DEMO_FILE)));
    // The CLI from the package runs (it needs only the packages Depends names).
    const ProcessRun info = runProcess(
        root(QStringLiteral("usr/bin/seisview-cli")),
        {QStringLiteral("info"), root(QStringLiteral("usr/share/seisview/demo_shots.sgy"))});
    QVERIFY2(info.code == 0, qPrintable(info.describe()));
}

void TestPackage::dependsNameEveryLinkedLibrary() {
    const ProcessRun field = runProcess(QStringLiteral("dpkg-deb"),
                                        {QStringLiteral("-f"), m_deb, QStringLiteral("Depends")});
    QCOMPARE(field.code, 0);
    QSet<QString> depends;
    for (const QString& alternatives : QString::fromUtf8(field.out).split(QLatin1Char(',')))
        for (const QString& d : alternatives.split(QLatin1Char('|')))
            depends.insert(d.trimmed().section(QLatin1Char(' '), 0, 0));
    depends.remove(QString());
    QVERIFY2(!depends.isEmpty(), "the package has no Depends (dpkg-shlibdeps did not run?)");
    for (const char* program : {"usr/bin/seisview", "usr/bin/seisview-cli"}) {
        QString error;
        const QStringList needed = neededLibraries(root(QString::fromLatin1(program)), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(!needed.isEmpty());
        for (const QString& soname : needed) {
            const QSet<QString> holders = packagesHolding(soname);
            QVERIFY2(!holders.isEmpty(),
                     qPrintable(QStringLiteral("%1 needs %2, which no installed package holds")
                                    .arg(QString::fromLatin1(program), soname)));
            QVERIFY2(
                holders.intersects(depends),
                qPrintable(
                    QStringLiteral("%1 needs %2 (package %3), not in Depends: %4")
                        .arg(QString::fromLatin1(program), soname,
                             QStringList(holders.begin(), holders.end()).join(QLatin1Char('/')),
                             QString::fromUtf8(field.out).trimmed())));
        }
    }
}

void TestPackage::desktopEntry() {
    const QString file = root(QStringLiteral("usr/share/applications/seisview.desktop"));
    QVERIFY(QFileInfo::exists(file));
    const QString validate =
        QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate"));
    if (validate.isEmpty()) {
        qWarning("desktop-file-validate is missing (Debian's desktop-file-utils): the entry's "
                 "syntax is not validated, only the keys below");
    } else {
        const ProcessRun r = runProcess(validate, {file});
        // It exits 0 with hints only; errors and warnings fail.
        QVERIFY2(r.code == 0 && !r.out.contains("error:") && !r.out.contains("warning:"),
                 qPrintable(r.describe()));
    }
    const QMap<QString, QString> keys = ::desktopEntry(file);
    QCOMPARE(keys.value(QStringLiteral("Type")), QStringLiteral("Application"));
    // A double-click passes the file (or store) as the one argument.
    QCOMPARE(keys.value(QStringLiteral("Exec")), QStringLiteral("seisview %f"));
    QVERIFY(QFileInfo(root(QStringLiteral("usr/bin/seisview"))).isExecutable());
    const QString icon = keys.value(QStringLiteral("Icon"));
    QVERIFY2(QFileInfo::exists(
                 root(QStringLiteral("usr/share/icons/hicolor/scalable/apps/%1.svg").arg(icon))),
             qPrintable(QStringLiteral("no hicolor icon named %1").arg(icon)));
    // Every type it opens is one the package declares (or one shared-mime-info knows).
    QString error;
    const auto globs =
        mimeGlobs(root(QStringLiteral("usr/share/mime/packages/seisview.xml")), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QStringList types =
        keys.value(QStringLiteral("MimeType")).split(QLatin1Char(';'), Qt::SkipEmptyParts);
    QCOMPARE(types, (QStringList{QStringLiteral("application/x-segy"),
                                 QStringLiteral("application/x-zarr")}));
    for (const QString& t : types)
        QVERIFY2(globs.contains(t), qPrintable(t + QStringLiteral(" is not declared")));
}

void TestPackage::mimeTypes() {
    QString error;
    const auto globs =
        mimeGlobs(root(QStringLiteral("usr/share/mime/packages/seisview.xml")), &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(globs.value(QStringLiteral("application/x-segy")),
             (QStringList{QStringLiteral("*.sgy"), QStringLiteral("*.segy")}));
    QCOMPARE(globs.value(QStringLiteral("application/x-zarr")),
             QStringList{QStringLiteral("*.zarr")});

    const QString update = QStandardPaths::findExecutable(QStringLiteral("update-mime-database"));
    if (update.isEmpty())
        QSKIP("update-mime-database is missing (Debian's shared-mime-info): the package's XML "
              "parsed, but the MIME cache is not built from it");
    // What Debian's trigger does on installation, into a scratch data directory.
    const QString share = m_dir.filePath(QStringLiteral("share"));
    QVERIFY(QDir().mkpath(share + QStringLiteral("/mime/packages")));
    QVERIFY(QFile::copy(root(QStringLiteral("usr/share/mime/packages/seisview.xml")),
                        share + QStringLiteral("/mime/packages/seisview.xml")));
    // Applications find it through XDG_DATA_DIRS (update-mime-database notes it otherwise).
    const QByteArray dirs = qgetenv("XDG_DATA_DIRS");
    const QByteArray searched = share.toLocal8Bit() + ':' +
                                (dirs.isEmpty() ? QByteArray("/usr/local/share:/usr/share") : dirs);
    ProcessOptions o;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_DIRS"), QString::fromLocal8Bit(searched));
    o.environment = env;
    const ProcessRun r = runProcess(update, {share + QStringLiteral("/mime")}, o);
    QVERIFY2(r.code == 0 && r.err.isEmpty(), qPrintable(r.describe()));
    const QByteArray globs2 = readAll(share + QStringLiteral("/mime/globs2"));
    for (const char* line :
         {"application/x-segy:*.sgy", "application/x-segy:*.segy", "application/x-zarr:*.zarr"})
        QVERIFY2(globs2.contains(line), globs2.constData());

    // Qt's MIME database (what Qt file dialogs and Dolphin use) with that cache: names match
    // case-insensitively; a directory is inode/directory whatever its name (so a double-click on
    // a .zarr store in a file manager opens the folder: the limit the XML's comment explains).
    qputenv("XDG_DATA_DIRS", searched);
    const QMimeDatabase db;
    QCOMPARE(
        db.mimeTypeForFile(QStringLiteral("line_12.sgy"), QMimeDatabase::MatchExtension).name(),
        QStringLiteral("application/x-segy"));
    QCOMPARE(
        db.mimeTypeForFile(QStringLiteral("LINE_12.SEGY"), QMimeDatabase::MatchExtension).name(),
        QStringLiteral("application/x-segy"));
    QCOMPARE(
        db.mimeTypeForFile(QStringLiteral("survey.zarr"), QMimeDatabase::MatchExtension).name(),
        QStringLiteral("application/x-zarr"));
    const QString store = m_dir.filePath(QStringLiteral("survey.zarr"));
    QVERIFY(QDir().mkpath(store));
    QCOMPARE(db.mimeTypeForFile(store).name(), QStringLiteral("inode/directory"));
    qputenv("XDG_DATA_DIRS", dirs);
}

void TestPackage::icon() {
    const QString file = root(QStringLiteral("usr/share/icons/hicolor/scalable/apps/seisview.svg"));
    QXmlStreamReader xml(readAll(file));
    while (!xml.atEnd() && xml.readNext() != QXmlStreamReader::StartElement) {
    }
    QCOMPARE(xml.name(), QStringLiteral("svg"));
    QCOMPARE(xml.namespaceUri(), QStringLiteral("http://www.w3.org/2000/svg"));
    while (!xml.atEnd())
        xml.readNext();
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
}

void TestPackage::doubleClickOpensSegyInSeisview() {
    // What a GIO file manager (Nautilus, Thunar...) does on a double-click, once Debian's
    // triggers have built the MIME and desktop caches from the package's files: type the file,
    // then start the default application of that type.
    QStringList missing;
    QMap<QString, QString> tools;
    for (const char* tool : {"update-mime-database", "update-desktop-database", "gio"}) {
        const QString path = QStandardPaths::findExecutable(QString::fromLatin1(tool));
        if (path.isEmpty())
            missing << QString::fromLatin1(tool);
        tools.insert(QString::fromLatin1(tool), path);
    }
    if (!missing.isEmpty())
        QSKIP(qPrintable(QStringLiteral("%1 missing (Debian's shared-mime-info, "
                                        "desktop-file-utils, libglib2.0-bin): the double-click "
                                        "is not simulated")
                             .arg(missing.join(QStringLiteral(", ")))));
    const QString share = m_dir.filePath(QStringLiteral("desktop/share"));
    const QString home = m_dir.filePath(QStringLiteral("desktop/home"));
    for (const char* sub : {"mime/packages", "applications"})
        QVERIFY(QDir().mkpath(share + QLatin1Char('/') + QString::fromLatin1(sub)));
    QVERIFY(QDir().mkpath(home));
    for (const char* file : {"mime/packages/seisview.xml", "applications/seisview.desktop"})
        QVERIFY(QFile::copy(root(QStringLiteral("usr/share/") + QString::fromLatin1(file)),
                            share + QLatin1Char('/') + QString::fromLatin1(file)));
    ProcessOptions o;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString dirs =
        env.value(QStringLiteral("XDG_DATA_DIRS"), QStringLiteral("/usr/local/share:/usr/share"));
    env.insert(QStringLiteral("XDG_DATA_DIRS"), share + QLatin1Char(':') + dirs);
    env.insert(QStringLiteral("XDG_DATA_HOME"), home);   // no user associations
    env.insert(QStringLiteral("XDG_CONFIG_HOME"), home); // (mimeapps.list) in the way
    // GIO offers only applications whose program is on PATH: the packaged one.
    env.insert(QStringLiteral("PATH"), root(QStringLiteral("usr/bin")) + QLatin1Char(':') +
                                           env.value(QStringLiteral("PATH")));
    o.environment = env;
    for (const auto& [tool, dir] :
         {std::pair{QStringLiteral("update-mime-database"), share + QStringLiteral("/mime")},
          std::pair{QStringLiteral("update-desktop-database"),
                    share + QStringLiteral("/applications")}}) {
        const ProcessRun r = runProcess(tools.value(tool), {dir}, o);
        QVERIFY2(r.code == 0, qPrintable(tool + QStringLiteral(": ") + r.describe()));
    }
    // A real SEG-Y file (the packaged demo data) under both extensions, in either case.
    for (const char* name : {"line.sgy", "LINE.SEGY"}) {
        const QString file = m_dir.filePath(QString::fromLatin1(name));
        QVERIFY(QFile::copy(root(QStringLiteral("usr/share/seisview/demo_shots.sgy")), file));
        const ProcessRun info = runProcess(tools.value(QStringLiteral("gio")),
                                           {QStringLiteral("info"), QStringLiteral("-a"),
                                            QStringLiteral("standard::content-type"), file},
                                           o);
        QVERIFY2(info.code == 0 &&
                     info.out.contains("standard::content-type: application/x-segy\n"),
                 qPrintable(info.describe()));
    }
    const ProcessRun mime =
        runProcess(tools.value(QStringLiteral("gio")),
                   {QStringLiteral("mime"), QStringLiteral("application/x-segy")}, o);
    // "Default application for 'application/x-segy': seisview.desktop" (quotes by locale).
    bool isDefault = false;
    for (const QByteArray& line : mime.out.split('\n'))
        isDefault = isDefault || (line.startsWith("Default application for") &&
                                  line.contains("application/x-segy") &&
                                  line.trimmed().endsWith(": seisview.desktop"));
    QVERIFY2(mime.code == 0 && isDefault, qPrintable(mime.describe()));
}

void TestPackage::screenshotFromTheExtractedTree() {
    const QString png = m_dir.filePath(QStringLiteral("packaged.png"));
    ProcessOptions o;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("XDG_CACHE_HOME"), m_dir.filePath(QStringLiteral("home"))); // never
    env.insert(QStringLiteral("XDG_CONFIG_HOME"),
               m_dir.filePath(QStringLiteral("home"))); // the user's
    o.environment = env;
    o.workingDir = m_dir.path(); // nothing relative to the build tree
    o.hangGuardMs = 120000;
    const ProcessRun r = runProcess(root(QStringLiteral("usr/bin/seisview")),
                                    {QStringLiteral("--screenshot"), png,
                                     root(QStringLiteral("usr/share/seisview/demo_shots.sgy"))},
                                    o);
    QVERIFY2(r.code == 0, qPrintable(r.describe()));
    QImage image(png);
    QVERIFY2(!image.isNull(), qPrintable(png + QStringLiteral(" is not a readable PNG")));
    QVERIFY(image.width() >= 400 && image.height() >= 300);
    // A gather drawn, not an empty window: many colours, and the middle of the image (the plot)
    // not one flat colour.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 64, qPrintable(QStringLiteral("%1 colours").arg(colours.size())));
    QSet<QRgb> middle;
    for (int y = image.height() / 3; y < 2 * image.height() / 3; ++y)
        middle.insert(image.pixel(image.width() / 2, y));
    QVERIFY2(middle.size() > 8,
             qPrintable(QStringLiteral("%1 colours down the middle column").arg(middle.size())));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
