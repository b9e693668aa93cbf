#include "processingpanel.h"

#include "seis/base/error.h"
#include "seis/processing/flow.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace seis::gui {

using json = nlohmann::ordered_json;

namespace {

// How a number of a flow is edited: whole numbers for orders and sample counts, one decimal for
// milliseconds, two for hertz, more for the rest (quantiles, powers, clip values); never fewer
// than the value needs (up to 6), so a box never shows a value rounded from the flow's.
struct NumberStyle {
    int decimals = 4;
    double step = 0.1;
};

NumberStyle numberStyle(const std::string& key, double value) {
    const auto endsWith = [&](const char* tail) {
        const std::string t(tail);
        return key.size() >= t.size() && key.compare(key.size() - t.size(), t.size(), t) == 0;
    };
    NumberStyle style;
    if (endsWith("order") || endsWith("samples"))
        style = {0, 1.0};
    else if (endsWith("_ms"))
        style = {1, 10.0};
    else if (endsWith("_hz"))
        style = {2, 1.0};
    else if (key == "quantile")
        style = {3, 0.01};
    while (style.decimals < 6) {
        const double scaled = value * std::pow(10.0, style.decimals);
        if (std::abs(scaled - std::round(scaled)) <= 1e-9 * std::max(1.0, std::abs(scaled)))
            break;
        ++style.decimals;
    }
    return style;
}

QToolButton* toolButton(QWidget* parent, const QString& name, const QString& text,
                        const QString& tip) {
    auto* b = new QToolButton(parent);
    b->setObjectName(name);
    b->setText(text);
    b->setToolTip(tip);
    b->setAutoRaise(true);
    return b;
}

// The list's text for a step: its name and parameters, "agc  window_ms 500".
QString summary(const json& entry) {
    QString text = QString::fromStdString(entry.value("step", std::string("?")));
    for (const auto& [key, value] : entry.items()) {
        if (key == "step" || key == "enabled")
            continue;
        text += QStringLiteral("  %1 %2").arg(QString::fromStdString(key),
                                              QString::fromStdString(value.dump()));
    }
    return text;
}

json emptyFlow() {
    json flow;
    flow["version"] = kFlowVersion;
    flow["steps"] = json::array();
    return flow;
}

} // namespace

ProcessingPanel::ProcessingPanel(QWidget* parent)
    : QWidget(parent)
    , m_flow(emptyFlow()) {
    auto* layout = new QVBoxLayout(this);
    auto* buttons = new QHBoxLayout;
    auto* add = toolButton(this, QStringLiteral("addStep"), tr("Add"), tr("Add a step"));
    add->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(add);
    for (const QString& name : flowStepNames()) {
        QAction* a = menu->addAction(name);
        a->setObjectName(QStringLiteral("add_") + name);
        connect(a, &QAction::triggered, this, [this, name] { addStep(name); });
    }
    add->setMenu(menu);
    m_remove = toolButton(this, QStringLiteral("removeStep"), tr("Remove"),
                          tr("Remove the selected step"));
    m_up = toolButton(this, QStringLiteral("moveStepUp"), tr("Up"),
                      tr("Move the selected step earlier"));
    m_down = toolButton(this, QStringLiteral("moveStepDown"), tr("Down"),
                        tr("Move the selected step later"));
    auto* load =
        toolButton(this, QStringLiteral("loadFlow"), tr("Load..."), tr("Load a flow (JSON)"));
    auto* save =
        toolButton(this, QStringLiteral("saveFlow"), tr("Save..."), tr("Save the flow (JSON)"));
    for (QToolButton* b : {add, m_remove, m_up, m_down, load, save})
        buttons->addWidget(b);
    buttons->addStretch();
    layout->addLayout(buttons);

    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("stepList"));
    m_list->setToolTip(tr("The steps in the order they run; unchecked steps are switched off"));
    layout->addWidget(m_list, 1);

    m_parameters = new QWidget(this);
    m_parameters->setObjectName(QStringLiteral("stepParameters"));
    m_form = new QFormLayout(m_parameters);
    m_form->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_parameters);
    m_json = new QLineEdit(this);
    m_json->setObjectName(QStringLiteral("stepJson"));
    m_json->setToolTip(tr("The selected step as JSON: add or remove the keys a step may omit"));
    layout->addWidget(m_json);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("flowError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->hide();
    layout->addWidget(m_error);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (!m_updating)
            rebuildParameters();
    });
    connect(m_list, &QListWidget::itemChanged, this, [this](QListWidgetItem* item) {
        if (m_updating)
            return;
        const int row = m_list->row(item);
        json& entry = m_flow["steps"][std::size_t(row)];
        if (item->checkState() == Qt::Checked)
            entry.erase("enabled");
        else
            entry["enabled"] = false;
        flowEdited();
    });
    connect(m_remove, &QToolButton::clicked, this, &ProcessingPanel::removeSelected);
    connect(m_up, &QToolButton::clicked, this, [this] { moveSelected(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveSelected(1); });
    connect(m_json, &QLineEdit::editingFinished, this, [this] {
        const int row = selected();
        if (m_updating || row < 0)
            return;
        try {
            const json entry = json::parse(m_json->text().toStdString());
            if (entry == m_flow["steps"][std::size_t(row)])
                return;
            m_flow["steps"][std::size_t(row)] = entry;
        } catch (const json::exception& e) {
            m_error->setText(
                tr("Step %1: not JSON: %2").arg(row + 1).arg(QString::fromUtf8(e.what())));
            m_error->show();
            return;
        }
        flowEdited();
        rebuildList();
        rebuildParameters();
    });
    connect(load, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Load flow"), QString(),
                                                          tr("Flows (*.json);;All files (*)"));
        if (!path.isEmpty())
            loadFile(path);
    });
    connect(save, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save flow"), QString(),
                                                          tr("Flows (*.json);;All files (*)"));
        if (!path.isEmpty())
            saveFile(path);
    });
    rebuildList();
    rebuildParameters();
}

void ProcessingPanel::setFlow(const json& flow) {
    ProcessingChain chain = parseFlow(flow); // throws for a bad flow: nothing changes
    m_flow = flow;
    m_chain = std::move(chain);
    m_error->hide();
    rebuildList();
    rebuildParameters();
    emit chainChanged();
}

QString ProcessingPanel::error() const {
    return m_error->isHidden() ? QString() : m_error->text();
}

bool ProcessingPanel::loadFile(const QString& path) {
    try {
        setFlow(readFlowDocument(path));
        return true;
    } catch (const Error& e) {
        m_error->setText(QString::fromUtf8(e.what()));
        m_error->show();
        return false;
    }
}

bool ProcessingPanel::saveFile(const QString& path) {
    try {
        writeFlowDocument(path, m_flow);
        return true;
    } catch (const Error& e) {
        m_error->setText(QString::fromUtf8(e.what()));
        m_error->show();
        return false;
    }
}

int ProcessingPanel::selected() const {
    const int row = m_list->currentRow();
    return row >= 0 && row < int(m_flow["steps"].size()) ? row : -1;
}

void ProcessingPanel::rebuildList() {
    m_updating = true;
    const int row = m_list->currentRow();
    m_list->clear();
    for (const json& entry : m_flow["steps"]) {
        auto* item = new QListWidgetItem(summary(entry), m_list);
        item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
        item->setCheckState(entry.value("enabled", true) ? Qt::Checked : Qt::Unchecked);
    }
    const int count = m_list->count();
    m_list->setCurrentRow(count == 0 ? -1 : std::clamp(row, 0, count - 1));
    m_updating = false;
    const int at = selected();
    m_remove->setEnabled(at >= 0);
    m_up->setEnabled(at > 0);
    m_down->setEnabled(at >= 0 && at + 1 < count);
}

void ProcessingPanel::rebuildParameters() {
    m_updating = true;
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    const int row = selected();
    m_json->setEnabled(row >= 0);
    m_json->setText(row >= 0 ? QString::fromStdString(m_flow["steps"][std::size_t(row)].dump())
                             : QString());
    if (row >= 0) {
        const json& entry = m_flow["steps"][std::size_t(row)];
        for (const auto& [k, v] : entry.items()) {
            if (k == "step" || k == "enabled")
                continue;
            const std::string key = k;
            const QString name = QString::fromStdString(key);
            QWidget* field = nullptr;
            if (v.is_number()) {
                auto* box = new QDoubleSpinBox(m_parameters);
                const NumberStyle style = numberStyle(key, v.get<double>());
                box->setDecimals(style.decimals);
                box->setSingleStep(style.step);
                box->setRange(-1e9, 1e9);
                box->setValue(v.get<double>());
                box->setKeyboardTracking(false);
                connect(box, &QDoubleSpinBox::valueChanged, this, [this, row, key](double value) {
                    // Whole numbers stay integers in the flow ("taper_samples": 10).
                    setParameter(row, key,
                                 value == std::floor(value) && std::abs(value) < 1e15
                                     ? json(qint64(value))
                                     : json(value));
                });
                field = box;
            } else if (v.is_boolean()) {
                auto* box = new QCheckBox(m_parameters);
                box->setChecked(v.get<bool>());
                connect(box, &QCheckBox::toggled, this,
                        [this, row, key](bool on) { setParameter(row, key, on); });
                field = box;
            } else {
                auto* edit = new QLineEdit(m_parameters);
                const bool text = v.is_string();
                edit->setText(text ? QString::fromStdString(v.get<std::string>())
                                   : QString::fromStdString(v.dump()));
                connect(edit, &QLineEdit::editingFinished, this, [this, row, key, edit, text] {
                    if (m_updating)
                        return;
                    if (text) {
                        setParameter(row, key, edit->text().toStdString());
                        return;
                    }
                    try {
                        setParameter(row, key, json::parse(edit->text().toStdString()));
                    } catch (const json::exception&) {
                        m_error->setText(tr("Step %1: %2 \"%3\" is not JSON")
                                             .arg(row + 1)
                                             .arg(QString::fromStdString(key), edit->text()));
                        m_error->show();
                    }
                });
                field = edit;
            }
            field->setObjectName(name);
            m_form->addRow(name, field);
        }
    }
    m_updating = false;
}

void ProcessingPanel::setParameter(int step, const std::string& key, json value) {
    if (m_updating || step < 0 || step >= int(m_flow["steps"].size()))
        return;
    json& entry = m_flow["steps"][std::size_t(step)];
    if (entry.contains(key) && entry[key] == value)
        return;
    entry[key] = std::move(value);
    flowEdited();
    // The list and the JSON line follow; the fields stay (the one being edited keeps focus).
    m_updating = true;
    if (QListWidgetItem* item = m_list->item(step))
        item->setText(summary(entry));
    if (step == selected())
        m_json->setText(QString::fromStdString(entry.dump()));
    m_updating = false;
}

void ProcessingPanel::flowEdited() {
    try {
        m_chain = parseFlow(m_flow);
    } catch (const ArgumentError& e) {
        m_error->setText(QString::fromUtf8(e.what()));
        m_error->show();
        return;
    }
    m_error->hide();
    m_error->clear();
    emit chainChanged();
}

void ProcessingPanel::addStep(const QString& name) {
    const int at = selected() + 1; // after the selected step; at the end with none selected
    json& steps = m_flow["steps"];
    const int row = at > 0 ? at : int(steps.size());
    steps.insert(steps.begin() + row, defaultFlowEntry(name));
    flowEdited();
    rebuildList();
    m_updating = true;
    m_list->setCurrentRow(row);
    m_updating = false;
    rebuildList();
    rebuildParameters();
}

void ProcessingPanel::removeSelected() {
    const int row = selected();
    if (row < 0)
        return;
    m_flow["steps"].erase(std::size_t(row));
    flowEdited();
    rebuildList();
    rebuildParameters();
}

void ProcessingPanel::moveSelected(int by) {
    const int row = selected();
    json& steps = m_flow["steps"];
    const int to = row + by;
    if (row < 0 || to < 0 || to >= int(steps.size()))
        return;
    std::swap(steps[std::size_t(row)], steps[std::size_t(to)]);
    flowEdited();
    rebuildList();
    m_updating = true;
    m_list->setCurrentRow(to);
    m_updating = false;
    rebuildList();
    rebuildParameters();
}

} // namespace seis::gui
