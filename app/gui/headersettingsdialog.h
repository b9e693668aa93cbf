// Edits a ViewerSettings: the ensemble keys, the trace annotation keys (up to three), the
// status-bar cursor keys, the ensemble index cache's size bound and the custom header fields, with
// import and export as JSON.
//
// OK validates; an invalid setting keeps the dialog open and shows the problem in the error label
// (no message boxes), so it can be driven without a user. Widgets carry object names for tests:
//   ensembleKey1, ensembleKey2 (editable combos; ensembleKey2's first item "(none)"),
//   labelKey (editable combo; first item "trace number", then "fldr, offset, cdp"), cursorKeys
//   (line edit, comma-separated), ensembleCacheMb (QSpinBox, MB, 0 to
//   ViewerSettings::kMaxEnsembleCacheMb; 0 shows "do not store"), fieldsTable (columns name / byte
//   (QSpinBox, 1-based) / type (QComboBox)), addFieldButton, removeFieldButton, importButton,
//   exportButton, errorLabel, buttonBox.
//
// Threads: GUI thread only.
#pragma once

#include "viewersettings.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace seis::gui {

class HeaderSettingsDialog : public QDialog {
    Q_OBJECT

public:
    explicit HeaderSettingsDialog(const ViewerSettings& settings, QWidget* parent = nullptr);

    // The settings last accepted with OK; until then the ones given to the constructor.
    ViewerSettings settings() const { return m_settings; }
    // What the widgets show now, validated. Throws ArgumentError describing the first problem.
    ViewerSettings editedSettings() const;
    // Shows `settings` in the widgets (does not change settings() until OK).
    void setEditedSettings(const ViewerSettings& settings);

    // Import... and Export... without their file dialogs. Errors (unreadable file, bad JSON,
    // invalid settings, write failure) go to the error label; the return value says whether it
    // worked. An import replaces what the widgets show.
    bool importFile(const QString& path);
    bool exportFile(const QString& path);
    // Files an export must never write, through any name (the open SEG-Y file).
    void setProtectedFiles(const QStringList& files) { m_protected = files; }

    // The error shown, empty if none.
    QString errorText() const;

public slots:
    // Validates; on success stores the settings and closes, else shows the error and stays open.
    void accept() override;

private:
    void addFieldRow(const QString& name, int byte, FieldType type);
    void removeSelectedFields();
    // Fills the key combos with the custom names then the standard keys, keeping their text.
    void refreshKeyNames();
    void showError(const QString& message);
    void clearError();
    void chooseImportFile();
    void chooseExportFile();

    ViewerSettings m_settings;
    QComboBox* m_ensembleKey1 = nullptr;
    QComboBox* m_ensembleKey2 = nullptr;
    QComboBox* m_labelKey = nullptr;
    QLineEdit* m_cursorKeys = nullptr;
    QSpinBox* m_cacheMb = nullptr;
    QTableWidget* m_fields = nullptr;
    QPushButton* m_addField = nullptr;
    QPushButton* m_removeField = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QStringList m_protected; // never written by an export
};

} // namespace seis::gui
