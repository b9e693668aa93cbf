#include "demofile.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace seis::gui {

QString demoFilePath() {
    const QString appDir = QCoreApplication::applicationDirPath();
    const QStringList candidates = {
        QStringLiteral(SEIS_DEMO_FILE),
        appDir + QStringLiteral("/../../resources/demo_shots.sgy"),   // build tree, moved
        appDir + QStringLiteral("/../share/seisview/demo_shots.sgy"), // installed
    };
    for (const QString& candidate : candidates) {
        if (QFileInfo::exists(candidate))
            return QDir::cleanPath(candidate);
    }
    return candidates.front();
}

} // namespace seis::gui
