// The processing panel: the flow (seis/processing/flow.h) the viewer applies to what it shows,
// edited as a list of steps. Add (a menu of every step a flow can name, each starting from
// defaultFlowEntry()), remove, move up and down, switch on and off (the list's check boxes: a
// switched-off step stays in the flow as "enabled": false), and edit the selected step's
// parameters: a field per key (numbers, true/false, text; arrays as JSON text), and the whole
// entry as JSON text for keys a step may omit. Flows load from and save to JSON files.
//
// Every change re-parses the flow: a valid flow replaces chain() and emits chainChanged(); an
// invalid one is named in the panel's error line (the step, the key and the value) and leaves
// chain() as it was, so the view keeps showing the last valid processing.
//
// Children, by objectName, for tests: "stepList" (QListWidget), "addStep" (QToolButton; its
// menu's actions have objectName "add_<step>"), "removeStep", "moveStepUp", "moveStepDown",
// "loadFlow", "saveFlow" (QToolButton), "stepParameters" (QWidget: a QDoubleSpinBox, QCheckBox or
// QLineEdit per key, named by the key), "stepJson" (QLineEdit), "flowError" (QLabel).
//
// Ownership: a QWidget owned by its Qt parent. Threads: GUI thread only; parsing a flow is cheap
// (no data is touched here).
#pragma once

#include "seis/processing/processingchain.h"

#include <QWidget>
#include <nlohmann/json.hpp>

class QLabel;
class QLineEdit;
class QListWidget;
class QToolButton;
class QFormLayout;

namespace seis::gui {

class ProcessingPanel : public QWidget {
    Q_OBJECT

public:
    explicit ProcessingPanel(QWidget* parent = nullptr);

    // The flow shown, switched-off steps included.
    const nlohmann::ordered_json& flow() const { return m_flow; }
    // Shows `flow`. Throws ArgumentError (naming the step and value) for an invalid flow, which
    // is then not shown.
    void setFlow(const nlohmann::ordered_json& flow);
    // The chain of the last valid flow's switched-on steps.
    const ProcessingChain& chain() const { return m_chain; }
    // The error of the flow being edited; empty while it is valid.
    QString error() const;

    // Reads a flow file into the panel; false (and the error shown) when it cannot.
    bool loadFile(const QString& path);
    // Writes the flow to a file; false (and the error shown) when it cannot.
    bool saveFile(const QString& path);

signals:
    // chain() changed (after an edit that left a valid flow, setFlow or loadFile).
    void chainChanged();

private:
    void rebuildList();       // the list from m_flow, keeping the selection
    void rebuildParameters(); // the selected step's fields
    void flowEdited();        // m_flow changed: re-parse, show the error or emit
    void addStep(const QString& name);
    void removeSelected();
    void moveSelected(int by);
    void setParameter(int step, const std::string& key, nlohmann::ordered_json value);
    int selected() const; // index of the selected step, -1 for none

    nlohmann::ordered_json m_flow;
    ProcessingChain m_chain;
    QListWidget* m_list = nullptr;
    QWidget* m_parameters = nullptr;
    QFormLayout* m_form = nullptr;
    QLineEdit* m_json = nullptr;
    QLabel* m_error = nullptr;
    QToolButton* m_remove = nullptr;
    QToolButton* m_up = nullptr;
    QToolButton* m_down = nullptr;
    bool m_updating = false; // the widgets are being filled from m_flow: no edits
};

} // namespace seis::gui
