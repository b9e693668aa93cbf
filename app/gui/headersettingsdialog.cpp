#include "headersettingsdialog.h"

#include "seis/base/error.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <set>

namespace seis::gui {

namespace {

enum Column { NameColumn, ByteColumn, TypeColumn, ColumnCount };

constexpr FieldType kAllFieldTypes[] = {FieldType::I1, FieldType::U1, FieldType::I2, FieldType::U2,
                                        FieldType::I4, FieldType::U4, FieldType::I8, FieldType::U8,
                                        FieldType::F4, FieldType::F8};

QString noneText() {
    return HeaderSettingsDialog::tr("(none)");
}
QString traceNumberText() {
    return HeaderSettingsDialog::tr("trace number");
}
QString messageOf(const std::exception& e) {
    return QString::fromUtf8(e.what());
}

} // namespace

HeaderSettingsDialog::HeaderSettingsDialog(const ViewerSettings& settings, QWidget* parent)
    : QDialog(parent)
    , m_settings(settings) {
    setObjectName(QStringLiteral("headerSettingsDialog"));
    setWindowTitle(tr("Header Settings"));

    const auto keyCombo = [this](const QString& name, const QString& toolTip) {
        auto* combo = new QComboBox(this);
        combo->setObjectName(name);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->setToolTip(toolTip);
        return combo;
    };
    const QString keyHelp = tr("A custom field name, a standard key such as fldr, cdp or offset, "
                               "or a 1-based byte with a type such as 189:i4");
    m_ensembleKey1 = keyCombo(QStringLiteral("ensembleKey1"), keyHelp);
    m_ensembleKey2 = keyCombo(QStringLiteral("ensembleKey2"), keyHelp);
    m_labelKey = keyCombo(QStringLiteral("labelKey"),
                          tr("Up to three keys, comma-separated, annotating the traces above the "
                             "gather, a row each from the top (for example fldr, offset, cdp); ") +
                              keyHelp);
    m_cursorKeys = new QLineEdit(this);
    m_cursorKeys->setObjectName(QStringLiteral("cursorKeys"));
    m_cursorKeys->setPlaceholderText(tr("fldr, cdp, offset"));
    m_cursorKeys->setToolTip(tr("Header keys shown in the status bar for the trace under the "
                                "cursor, comma-separated"));

    m_cacheMb = new QSpinBox(this);
    m_cacheMb->setObjectName(QStringLiteral("ensembleCacheMb"));
    m_cacheMb->setRange(0, int(ViewerSettings::kMaxEnsembleCacheMb));
    m_cacheMb->setSuffix(tr(" MB"));
    m_cacheMb->setSpecialValueText(tr("do not store"));
    m_cacheMb->setToolTip(tr("Ensemble indexes are kept on disk (shared with seisview-cli) so "
                             "that reopening a file needs no scan. The least recently used are "
                             "removed beyond this size; 0 stores none and empties the cache."));

    auto* form = new QFormLayout;
    form->addRow(tr("&Ensemble key:"), m_ensembleKey1);
    form->addRow(tr("&Second ensemble key:"), m_ensembleKey2);
    form->addRow(tr("Trace &annotation (up to 3 keys):"), m_labelKey);
    form->addRow(tr("&Cursor keys:"), m_cursorKeys);
    form->addRow(tr("Ensemble index cache (&MB):"), m_cacheMb);

    m_fields = new QTableWidget(0, ColumnCount, this);
    m_fields->setObjectName(QStringLiteral("fieldsTable"));
    m_fields->setHorizontalHeaderLabels({tr("Name"), tr("Byte"), tr("Type")});
    m_fields->horizontalHeader()->setSectionResizeMode(NameColumn, QHeaderView::Stretch);
    m_fields->verticalHeader()->hide();
    m_fields->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_addField = new QPushButton(tr("&Add"), this);
    m_addField->setObjectName(QStringLiteral("addFieldButton"));
    m_removeField = new QPushButton(tr("&Remove"), this);
    m_removeField->setObjectName(QStringLiteral("removeFieldButton"));
    auto* fieldButtons = new QVBoxLayout;
    fieldButtons->addWidget(m_addField);
    fieldButtons->addWidget(m_removeField);
    fieldButtons->addStretch();
    auto* fieldsBox = new QGroupBox(tr("Custom header fields (byte positions are 1-based)"), this);
    auto* fieldsLayout = new QHBoxLayout(fieldsBox);
    fieldsLayout->addWidget(m_fields);
    fieldsLayout->addLayout(fieldButtons);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_error->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    m_error->setPalette(palette);
    m_error->hide();

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("buttonBox"));
    QPushButton* importButton =
        m_buttons->addButton(tr("&Import..."), QDialogButtonBox::ActionRole);
    importButton->setObjectName(QStringLiteral("importButton"));
    QPushButton* exportButton =
        m_buttons->addButton(tr("E&xport..."), QDialogButtonBox::ActionRole);
    exportButton->setObjectName(QStringLiteral("exportButton"));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(fieldsBox, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &HeaderSettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &HeaderSettingsDialog::reject);
    connect(importButton, &QPushButton::clicked, this, &HeaderSettingsDialog::chooseImportFile);
    connect(exportButton, &QPushButton::clicked, this, &HeaderSettingsDialog::chooseExportFile);
    connect(m_addField, &QPushButton::clicked, this, [this] {
        int n = m_fields->rowCount() + 1;
        const auto taken = [this](const QString& name) {
            for (int r = 0; r < m_fields->rowCount(); ++r)
                if (m_fields->item(r, NameColumn)->text().trimmed() == name)
                    return true;
            return false;
        };
        while (taken(QStringLiteral("field%1").arg(n)))
            ++n;
        addFieldRow(QStringLiteral("field%1").arg(n), 181, FieldType::I4);
        refreshKeyNames();
        const int row = m_fields->rowCount() - 1;
        m_fields->setCurrentCell(row, NameColumn);
        m_fields->editItem(m_fields->item(row, NameColumn));
    });
    connect(m_removeField, &QPushButton::clicked, this,
            &HeaderSettingsDialog::removeSelectedFields);
    connect(m_fields, &QTableWidget::itemChanged, this, [this](QTableWidgetItem* item) {
        if (item->column() == NameColumn)
            refreshKeyNames();
    });

    setEditedSettings(settings);
    resize(560, 480);
}

void HeaderSettingsDialog::addFieldRow(const QString& name, int byte, FieldType type) {
    const QSignalBlocker blocker(m_fields);
    const int row = m_fields->rowCount();
    m_fields->insertRow(row);
    m_fields->setItem(row, NameColumn, new QTableWidgetItem(name));
    auto* byteBox = new QSpinBox(m_fields);
    byteBox->setRange(1, kTraceHeaderBytes);
    byteBox->setValue(byte);
    byteBox->setFrame(false);
    m_fields->setCellWidget(row, ByteColumn, byteBox);
    auto* typeBox = new QComboBox(m_fields);
    for (FieldType t : kAllFieldTypes)
        typeBox->addItem(fieldTypeName(t), int(t));
    typeBox->setCurrentIndex(typeBox->findData(int(type)));
    typeBox->setFrame(false);
    m_fields->setCellWidget(row, TypeColumn, typeBox);
}

void HeaderSettingsDialog::removeSelectedFields() {
    std::set<int> rows;
    for (const QModelIndex& index : m_fields->selectionModel()->selectedIndexes())
        rows.insert(index.row());
    if (rows.empty() && m_fields->currentRow() >= 0)
        rows.insert(m_fields->currentRow());
    for (auto it = rows.rbegin(); it != rows.rend(); ++it)
        m_fields->removeRow(*it);
    refreshKeyNames();
}

void HeaderSettingsDialog::refreshKeyNames() {
    QStringList names;
    for (int r = 0; r < m_fields->rowCount(); ++r) {
        const QString name = m_fields->item(r, NameColumn)->text().trimmed();
        if (!name.isEmpty() && !names.contains(name))
            names.append(name);
    }
    for (const StandardTraceField& f : standardTraceFields()) {
        const QString name = QString::fromLatin1(f.suName);
        if (!names.contains(name))
            names.append(name);
    }
    const auto refill = [&names](QComboBox* combo, const QString& first) {
        const QSignalBlocker blocker(combo);
        const QString text = combo->currentText();
        combo->clear();
        if (!first.isEmpty())
            combo->addItem(first);
        combo->addItems(names);
        combo->setCurrentText(text);
    };
    refill(m_ensembleKey1, QString());
    refill(m_ensembleKey2, noneText());
    refill(m_labelKey, traceNumberText());
    // Rows as SeiSee shows them: shot, offset and CDP.
    {
        const QSignalBlocker blocker(m_labelKey);
        const QString text = m_labelKey->currentText();
        m_labelKey->insertItem(1, QStringLiteral("fldr, offset, cdp"));
        m_labelKey->setCurrentText(text);
    }
}

ViewerSettings HeaderSettingsDialog::editedSettings() const {
    ViewerSettings s;
    s.custom = HeaderMapping();
    for (int r = 0; r < m_fields->rowCount(); ++r) {
        const QString name = m_fields->item(r, NameColumn)->text().trimmed();
        if (name.isEmpty())
            throw ArgumentError(tr("custom field in row %1 has no name; expected a name such as "
                                   "'shot'")
                                    .arg(r + 1));
        if (s.custom.field(name))
            throw ArgumentError(tr("custom field name '%1' is used twice; expected each name "
                                   "once")
                                    .arg(name));
        const int byte = static_cast<QSpinBox*>(m_fields->cellWidget(r, ByteColumn))->value();
        const auto type = static_cast<FieldType>(
            static_cast<QComboBox*>(m_fields->cellWidget(r, TypeColumn))->currentData().toInt());
        s.custom.set(name, HeaderField{name, HeaderByte{byte}, type}); // throws if it does not fit
    }
    s.ensembleKeys = QStringList{m_ensembleKey1->currentText().trimmed()};
    const QString second = m_ensembleKey2->currentText().trimmed();
    if (!second.isEmpty() && second != noneText())
        s.ensembleKeys.append(second);
    const QString label = m_labelKey->currentText().trimmed();
    s.labelKey = label == traceNumberText() ? QString() : label;
    s.cursorKeys.clear();
    for (const QString& key : m_cursorKeys->text().split(QLatin1Char(',')))
        if (!key.trimmed().isEmpty())
            s.cursorKeys.append(key.trimmed());
    s.ensembleCacheMb = m_cacheMb->value();
    s.validate();
    return s;
}

void HeaderSettingsDialog::setEditedSettings(const ViewerSettings& settings) {
    {
        const QSignalBlocker blocker(m_fields);
        m_fields->setRowCount(0);
        for (const HeaderField& f : settings.custom.fields())
            addFieldRow(f.name, f.byte.position, f.type);
    }
    refreshKeyNames();
    m_ensembleKey1->setCurrentText(settings.ensembleKeys.value(0));
    m_ensembleKey2->setCurrentText(settings.ensembleKeys.size() > 1 ? settings.ensembleKeys.at(1)
                                                                    : noneText());
    m_labelKey->setCurrentText(settings.labelKey.isEmpty() ? traceNumberText() : settings.labelKey);
    m_cursorKeys->setText(settings.cursorKeys.join(QStringLiteral(", ")));
    // Valid settings are in the box's range; anything else shows clamped, and OK stores that.
    m_cacheMb->setValue(
        int(std::clamp<qint64>(settings.ensembleCacheMb, 0, ViewerSettings::kMaxEnsembleCacheMb)));
}

bool HeaderSettingsDialog::importFile(const QString& path) {
    try {
        setEditedSettings(ViewerSettings::importFrom(path));
    } catch (const std::exception& e) { // FormatError or ArgumentError, both naming the path
        showError(messageOf(e));
        return false;
    }
    clearError();
    return true;
}

bool HeaderSettingsDialog::exportFile(const QString& path) {
    ViewerSettings s;
    try {
        s = editedSettings();
    } catch (const ArgumentError& e) {
        showError(QStringLiteral("%1: %2").arg(path, messageOf(e)));
        return false;
    }
    try {
        s.exportTo(path, m_protected);
    } catch (const std::exception& e) { // FormatError or ArgumentError, both naming the path
        showError(messageOf(e));
        return false;
    }
    clearError();
    return true;
}

QString HeaderSettingsDialog::errorText() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

void HeaderSettingsDialog::accept() {
    try {
        m_settings = editedSettings();
    } catch (const ArgumentError& e) {
        showError(messageOf(e));
        return;
    }
    clearError();
    QDialog::accept();
}

void HeaderSettingsDialog::showError(const QString& message) {
    m_error->setText(message);
    m_error->show();
}

void HeaderSettingsDialog::clearError() {
    m_error->clear();
    m_error->hide();
}

void HeaderSettingsDialog::chooseImportFile() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Header Settings"), QString(),
                                                      tr("JSON files (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void HeaderSettingsDialog::chooseExportFile() {
    QFileDialog dialog(this, tr("Export Header Settings"), QString(),
                       tr("JSON files (*.json);;All files (*)"));
    dialog.setAcceptMode(QFileDialog::AcceptSave);
    dialog.setDefaultSuffix(QStringLiteral("json"));
    if (dialog.exec() == QDialog::Accepted && !dialog.selectedFiles().isEmpty())
        exportFile(dialog.selectedFiles().constFirst());
}

} // namespace seis::gui
