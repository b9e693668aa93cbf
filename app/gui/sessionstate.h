// What the viewer remembers between runs (its "session"): the window's geometry and the layout
// of its docks and toolbars, the display settings (mode, colour map, clip, gain, whole-file
// clip), and the last file with the position in it. The ensemble keys, the flow and the
// conversion options are kept by their own settings (viewersettings.h, the processing panel,
// conversionsettings.h) and are remembered with them.
//
// Stored in QSettings under the group "session":
//   geometry      QMainWindow::saveGeometry()          (bytes)
//   windowState   QMainWindow::saveState(kStateVersion) (bytes: docks, toolbars)
//   splitter      QSplitter::saveState() of the headers | picture split (bytes)
//   mode, colorMap, clipMode   names (displayModeName, colorMapName, clipModeName)
//   clipPercentile (0 < p <= 100), clipAbsolute (> 0), gain (> 0), wholeFileClip (bool)
//   file          the last file shown (absolute path; empty: none)
//   sort          the sort chosen ("cdp,offset", as SortControl::chosenKeys; empty: file order)
//   ensemble      the ensemble shown (0-based; a sorted gather under a sort), or -1 when traces
//                 were shown by number
//   firstTrace, traceCount   the traces shown (0-based first trace and a count >= 1; positions
//                 in the sorted order under a sort)
//
// Threads: a plain value type; load/save touch only the QSettings object given.
#pragma once

#include <seis/displaysettings.h>

#include <QByteArray>
#include <QString>

class QSettings;

namespace seis::gui {

struct SessionState {
    static constexpr int kStateVersion = 1; // of QMainWindow::saveState's layout

    QByteArray geometry;
    QByteArray windowState;
    QByteArray splitter;
    DisplaySettings display; // absoluteClip is never stored (it is derived per file)
    bool wholeFileClip = false;
    QString file;
    QString sortKeys;
    qint64 ensemble = -1;
    qint64 firstTrace = 0;
    qint64 traceCount = 0; // 0: no position stored

    // Reads the "session" group. Never throws: each missing or invalid value (a name no longer
    // known, a clip out of range, a negative position) takes its default, so what was stored by
    // another version restores as much as it can.
    static SessionState load(QSettings& settings);
    // Writes the "session" group.
    void save(QSettings& settings) const;

    friend bool operator==(const SessionState&, const SessionState&) = default;
};

} // namespace seis::gui
