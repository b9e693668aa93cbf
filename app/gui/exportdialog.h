// File > Export...: what to export of the open file and how, for JobQueue::enqueueExport
// (the job is seis::exportTraces, the one `seisview-cli export` runs).
//
// Scope, one of: the traces on screen (the navigator's view), the current ensemble, an ensemble
// range A..B (inclusive, 1-based as the navigation toolbar numbers them; only when ensembles
// are known), header-key ranges (rows of key, min, max: inclusive, an empty bound unbounded, all
// rows must hold, like `--where`), or the whole file. Time window: from / to in ms of recording
// time (half-open, snapped to samples as SelectionSpec::timeMs says); the whole trace by default.
// Output: a path (NAME.zarr: a Zarr store, anything else SEG-Y) and, for SEG-Y, the sample
// format (1 IBM, 2 int32, 3 int16, 5 IEEE, 8 int8, or as the source), byte order and revision
// (each "as the source" by default: see SegyWriter). "Apply the processing flow" (the viewer's
// chain, its steps named beside it; disabled when the flow is empty).
//
// OK validates; a problem keeps the dialog open and shows it in the error label (no message
// boxes), so it can be driven without a user: an empty path, the open file as the target
// (through any name), an existing Zarr store, a bad header key or bound, an empty time window,
// SEG-Y options the source cannot be written with (little-endian with revision 1...) or a flow
// that cannot run on it.
//
// Children, by objectName, for tests: "scopeOnScreen", "scopeEnsemble", "scopeEnsembleRange",
// "scopeHeaders", "scopeWholeFile" (QRadioButton); "ensembleFirst", "ensembleLast" (QSpinBox);
// "headerRanges" (QTableWidget, columns key / min / max as text), "addHeaderRange",
// "removeHeaderRange" (QPushButton); "timeFrom", "timeTo" (QDoubleSpinBox, ms); "outputPath"
// (QLineEdit), "outputBrowse" (QToolButton); "segyOptions" (QGroupBox, disabled for .zarr) with
// "segyFormat", "segyByteOrder", "segyRevision" (QComboBox: item data the format code, 0 for
// big / 1 for little, the revision; -1 for "as the source"); "applyFlow" (QCheckBox),
// "flowSteps" (QLabel); "errorLabel" (QLabel); the QDialogButtonBox "buttonBox".
//
// Ownership: a QDialog owned by its Qt parent. Threads: GUI thread only.
#pragma once

#include "seis/base/traceheaderfield.h"
#include "seis/base/types.h"
#include "seis/pipeline/selection.h"
#include "seis/processing/processingchain.h"
#include "seis/sources/exportjob.h"

#include <QDialog>
#include <memory>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace seis {
class GatherNavigator;
}

namespace seis::gui {

class ExportDialog : public QDialog {
    Q_OBJECT

public:
    // What the viewer shows, which the scopes refer to.
    struct Context {
        QString sourcePath;
        qint64 traceCount = 0;
        TraceRange onScreen;         // the traces on screen, 0-based, half-open
        qint64 currentEnsemble = -1; // 0-based; -1 when no ensemble is shown
        qint64 ensembleCount = 0;    // ensembles known so far (the scan may still run)
        std::vector<HeaderField> ensembleKeys;
        double startMs = 0; // the traces' recording time: [startMs, endMs)
        double endMs = 0;
        ProcessingChain chain; // the viewer's flow
        // The open file, when given: OK checks the SEG-Y options and the flow against it
        // (ExportJob's checks, which create nothing).
        std::shared_ptr<const TraceSource> source;
        // The navigator shows a sorted view (sortcontrol.h): what is on screen and its gathers
        // are not ranges of the file, which a selection needs, so only header ranges and the
        // whole file are offered (onScreen and the ensembles are left empty).
        bool sortedView = false;
    };

    // The context of `source` as `navigator` shows it (the navigator's source), with `chain`
    // as the flow.
    static Context contextOf(std::shared_ptr<const TraceSource> source,
                             const GatherNavigator& navigator, const ProcessingChain& chain);

    ExportDialog(Context context, QWidget* parent = nullptr);

    // What the widgets say now. selectionSpec() throws ArgumentError naming the first problem
    // of the scope or time window (a bad key or bound, min > max, from >= to).
    SelectionSpec selectionSpec() const;
    // The output path: absolute (a relative name is taken beside the open file), cleaned.
    QString path() const;
    // The output path, the SEG-Y options (the open file among the inputs never written) and
    // the chain when "Apply the processing flow" is checked.
    ExportRequest request() const;

    // Sets the output path (as typed, for tests and the Browse... button).
    void setPath(const QString& path);
    // Adds a row of the header-range table.
    void addHeaderRange(const QString& key, const QString& min, const QString& max);

    QString errorText() const;

public slots:
    // Validates; on success closes, else shows the problem and stays open.
    void accept() override;

private:
    QString problem() const; // empty when the dialog can be accepted
    void browse();
    void updateEnabled();

    Context m_context;
    QRadioButton* m_onScreen = nullptr;
    QRadioButton* m_ensemble = nullptr;
    QRadioButton* m_ensembleRange = nullptr;
    QRadioButton* m_headers = nullptr;
    QRadioButton* m_wholeFile = nullptr;
    QSpinBox* m_first = nullptr;
    QSpinBox* m_last = nullptr;
    QTableWidget* m_ranges = nullptr;
    QDoubleSpinBox* m_from = nullptr;
    QDoubleSpinBox* m_to = nullptr;
    QLineEdit* m_path = nullptr;
    QGroupBox* m_segy = nullptr;
    QComboBox* m_format = nullptr;
    QComboBox* m_byteOrder = nullptr;
    QComboBox* m_revision = nullptr;
    QCheckBox* m_applyFlow = nullptr;
    QLabel* m_error = nullptr;
};

} // namespace seis::gui
