// The status bar's readouts: what is under the cursor (trace, time, amplitude and the chosen
// header keys) and which traces are on screen. Numbers shown to people are 1-based (trace 1 is
// the file's first); coordinates and elevations among the keys are shown with their scalars
// applied (scalco, scalel: seis/base/headerscalars.h), which come with the window's headers.
//
// Threads: GUI thread only. Header values come from the window's headers (read on the
// navigator's worker), never from the file.
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/base/types.h"

#include <QObject>
#include <QString>
#include <optional>
#include <vector>

class QLabel;

namespace seis {
struct WindowHeaders;
}

namespace seis::gui {

class StatusReadout : public QObject {
    Q_OBJECT

public:
    // Writes into `cursor` and `view` (not owned; they live in the status bar).
    StatusReadout(QLabel* cursor, QLabel* view, QObject* parent = nullptr);

    // The header keys shown for the trace under the cursor (resolved).
    void setKeys(std::vector<HeaderField> keys);
    const std::vector<HeaderField>& keys() const { return m_keys; }
    // The fields a window must carry: `have`, the keys, then scalco and scalel where a
    // coordinate or elevation among all of them needs one (each field once).
    std::vector<HeaderField> fieldsNeeded(std::vector<HeaderField> have) const;

    // The text for the cursor over trace `trace` (0-based, of the source shown) at `timeMs`,
    // `amplitude`, with the keys' values from `headers`: "trace 12   fldr 3   sx 612345.5
    // 250.0 ms   amplitude 0.5" (trace 12 is 0-based trace 11). `fileTrace` (0-based) is the
    // number shown when it differs from `trace` (a sorted view); -1: `trace`.
    QString cursorText(qint64 trace, double timeMs, float amplitude, const WindowHeaders& headers,
                       qint64 fileTrace = -1) const;
    void showCursor(qint64 trace, double timeMs, float amplitude, const WindowHeaders& headers,
                    qint64 fileTrace = -1);
    // Nothing under the cursor (it left the plot, or a new file is opening).
    void clearCursor();

    // The traces on screen, [traces.begin, traces.end) 0-based, of `total`, and the ensemble
    // shown (0-based) if any: "traces 1001-2000 of 8500", "ensemble 4: traces 289-384 of 768".
    // In a sorted view (`sortKeys` not empty: "cdp,offset") positions are not the file's trace
    // numbers, so a gather is named by its count: "gather 114 by cdp,offset: 6 traces of 768".
    static QString viewText(TraceRange traces, qint64 total, std::optional<qint64> ensemble,
                            const QString& sortKeys = {});
    void showView(TraceRange traces, qint64 total, std::optional<qint64> ensemble,
                  const QString& sortKeys = {});
    void clearView();

private:
    QLabel* m_cursor;
    QLabel* m_view;
    std::vector<HeaderField> m_keys;
};

} // namespace seis::gui
