#include "exportdialog.h"

#include "seis/base/error.h"
#include "seis/ensembles/ensembleindex.h"
#include <seis/gathernavigator.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>
#include <limits>

namespace seis::gui {

namespace {

QString cellText(const QTableWidget* table, int row, int column) {
    const QTableWidgetItem* item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

// A bound of a header range: empty is unbounded (`fallback`).
qint64 parseBound(const QString& key, const QString& text, qint64 fallback) {
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const qint64 v = text.toLongLong(&ok);
    if (!ok)
        throw ArgumentError(QStringLiteral("header range %1: '%2' is not an integer; expected "
                                           "integer header values (empty: no bound)")
                                .arg(key, text));
    return v;
}

QComboBox* optionBox(const char* name, const QList<std::pair<QString, int>>& items) {
    auto* box = new QComboBox;
    box->setObjectName(QLatin1String(name));
    for (const auto& [text, data] : items)
        box->addItem(text, data);
    return box;
}

} // namespace

ExportDialog::Context ExportDialog::contextOf(std::shared_ptr<const TraceSource> file,
                                              const GatherNavigator& navigator,
                                              const ProcessingChain& chain) {
    const TraceSource& source = *file;
    Context c;
    c.sourcePath = source.path();
    c.traceCount = source.traceCount();
    c.sortedView = navigator.source() && navigator.source() != file.get();
    c.onScreen = c.sortedView ? TraceRange{} : navigator.view();
    c.currentEnsemble = c.sortedView ? -1 : navigator.currentEnsemble();
    if (const auto index = c.sortedView ? nullptr : navigator.ensembles()) {
        c.ensembleCount = index->count();
        c.ensembleKeys = index->keys();
    }
    c.startMs = source.startTimeMs();
    c.endMs = c.startMs + double(source.sampleCount()) * source.sampleIntervalUs() / 1000.0;
    c.chain = chain;
    c.source = std::move(file);
    return c;
}

ExportDialog::ExportDialog(Context context, QWidget* parent)
    : QDialog(parent)
    , m_context(std::move(context)) {
    setWindowTitle(tr("Export"));
    const QLocale locale;

    // Scope.
    auto* scope = new QGroupBox(tr("Traces"), this);
    auto* scopeLayout = new QGridLayout(scope);
    const TraceRange screen = m_context.onScreen;
    // Traces and ensembles are numbered from 1 here, as everywhere in the viewer.
    m_onScreen = new QRadioButton(tr("On screen (traces %1 to %2)")
                                      .arg(locale.toString(screen.begin + 1),
                                           locale.toString(std::max(screen.begin + 1, screen.end))),
                                  scope);
    m_onScreen->setObjectName(QStringLiteral("scopeOnScreen"));
    m_ensemble = new QRadioButton(
        m_context.currentEnsemble >= 0
            ? tr("The current ensemble (%1)").arg(locale.toString(m_context.currentEnsemble + 1))
            : tr("The current ensemble (none shown)"),
        scope);
    m_ensemble->setObjectName(QStringLiteral("scopeEnsemble"));
    m_ensembleRange = new QRadioButton(tr("Ensembles"), scope);
    m_ensembleRange->setObjectName(QStringLiteral("scopeEnsembleRange"));
    const int lastKnown = int(std::max<qint64>(1, m_context.ensembleCount)); // 1-based
    m_first = new QSpinBox(scope);
    m_first->setObjectName(QStringLiteral("ensembleFirst"));
    m_last = new QSpinBox(scope);
    m_last->setObjectName(QStringLiteral("ensembleLast"));
    for (QSpinBox* s : {m_first, m_last}) {
        s->setRange(1, lastKnown);
        s->setValue(int(std::max<qint64>(0, m_context.currentEnsemble) + 1));
    }
    m_headers = new QRadioButton(tr("Header ranges (all must hold; bounds inclusive, empty: "
                                    "none)"),
                                 scope);
    m_headers->setObjectName(QStringLiteral("scopeHeaders"));
    m_ranges = new QTableWidget(0, 3, scope);
    m_ranges->setObjectName(QStringLiteral("headerRanges"));
    m_ranges->setHorizontalHeaderLabels({tr("Key"), tr("Min"), tr("Max")});
    m_ranges->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_ranges->verticalHeader()->hide();
    m_ranges->setMaximumHeight(fontMetrics().height() * 7);
    auto* add = new QPushButton(tr("Add"), scope);
    add->setObjectName(QStringLiteral("addHeaderRange"));
    auto* remove = new QPushButton(tr("Remove"), scope);
    remove->setObjectName(QStringLiteral("removeHeaderRange"));
    connect(add, &QPushButton::clicked, this,
            [this] { addHeaderRange(QStringLiteral("offset"), QString(), QString()); });
    connect(remove, &QPushButton::clicked, this, [this] {
        if (m_ranges->currentRow() >= 0)
            m_ranges->removeRow(m_ranges->currentRow());
        else if (m_ranges->rowCount() > 0)
            m_ranges->removeRow(m_ranges->rowCount() - 1);
    });
    m_wholeFile = new QRadioButton(
        tr("The whole file (%1 traces)").arg(locale.toString(m_context.traceCount)), scope);
    m_wholeFile->setObjectName(QStringLiteral("scopeWholeFile"));

    QStringList keyNames;
    for (const HeaderField& k : m_context.ensembleKeys)
        keyNames << k.name;
    const QString keys = keyNames.isEmpty() ? tr("no keys") : keyNames.join(QLatin1Char(','));
    auto* range = new QHBoxLayout;
    range->addWidget(m_ensembleRange);
    range->addWidget(m_first);
    range->addWidget(new QLabel(tr("to"), scope));
    range->addWidget(m_last);
    range->addWidget(new QLabel(tr("of %1 by %2 (inclusive, numbered as the viewer shows)")
                                    .arg(locale.toString(m_context.ensembleCount), keys),
                                scope),
                     1);
    auto* rangeButtons = new QVBoxLayout;
    rangeButtons->addWidget(add);
    rangeButtons->addWidget(remove);
    rangeButtons->addStretch(1);
    auto* headerRow = new QHBoxLayout;
    headerRow->addWidget(m_ranges, 1);
    headerRow->addLayout(rangeButtons);
    scopeLayout->addWidget(m_onScreen, 0, 0);
    scopeLayout->addWidget(m_ensemble, 1, 0);
    scopeLayout->addLayout(range, 2, 0);
    scopeLayout->addWidget(m_headers, 3, 0);
    scopeLayout->addLayout(headerRow, 4, 0);
    scopeLayout->addWidget(m_wholeFile, 5, 0);
    m_onScreen->setChecked(true);
    if (m_context.sortedView) {
        // A sorted view's traces are not a range of the file: a selection cannot hold them.
        m_onScreen->setText(tr("On screen (not available in a sorted view)"));
        m_onScreen->setEnabled(false);
        m_wholeFile->setChecked(true);
    }
    m_ensemble->setEnabled(m_context.currentEnsemble >= 0);
    m_ensembleRange->setEnabled(m_context.ensembleCount > 0);

    // Time window.
    auto* time = new QGroupBox(tr("Time window (ms, recording time)"), this);
    auto* timeLayout = new QHBoxLayout(time);
    m_from = new QDoubleSpinBox(time);
    m_from->setObjectName(QStringLiteral("timeFrom"));
    m_to = new QDoubleSpinBox(time);
    m_to->setObjectName(QStringLiteral("timeTo"));
    for (QDoubleSpinBox* s : {m_from, m_to}) {
        s->setDecimals(3);
        s->setRange(m_context.startMs, m_context.endMs);
        s->setSuffix(QStringLiteral(" ms"));
    }
    m_from->setValue(m_context.startMs);
    m_to->setValue(m_context.endMs);
    timeLayout->addWidget(new QLabel(tr("From"), time));
    timeLayout->addWidget(m_from);
    timeLayout->addWidget(new QLabel(tr("to"), time));
    timeLayout->addWidget(m_to);
    timeLayout->addStretch(1);

    // Output.
    auto* output =
        new QGroupBox(tr("Output (NAME.zarr: a Zarr store; anything else: SEG-Y)"), this);
    auto* outputLayout = new QVBoxLayout(output);
    m_path = new QLineEdit(output);
    m_path->setObjectName(QStringLiteral("outputPath"));
    auto* browseButton = new QToolButton(output);
    browseButton->setObjectName(QStringLiteral("outputBrowse"));
    browseButton->setText(tr("Browse..."));
    connect(browseButton, &QToolButton::clicked, this, &ExportDialog::browse);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browseButton);
    outputLayout->addLayout(pathRow);
    m_segy = new QGroupBox(tr("SEG-Y"), output);
    m_segy->setObjectName(QStringLiteral("segyOptions"));
    const QString asSource = tr("As the source");
    m_format = optionBox("segyFormat", {{asSource, -1},
                                        {tr("1: IBM float"), 1},
                                        {tr("2: 32-bit integer"), 2},
                                        {tr("3: 16-bit integer"), 3},
                                        {tr("5: IEEE float"), 5},
                                        {tr("8: 8-bit integer"), 8}});
    m_byteOrder = optionBox("segyByteOrder",
                            {{asSource, -1}, {tr("Big-endian"), 0}, {tr("Little-endian"), 1}});
    m_revision = optionBox("segyRevision", {{asSource, -1}, {tr("1"), 1}, {tr("2"), 2}});
    auto* segyLayout = new QFormLayout(m_segy);
    segyLayout->addRow(tr("Sample format"), m_format);
    segyLayout->addRow(tr("Byte order"), m_byteOrder);
    segyLayout->addRow(tr("Revision"), m_revision);
    outputLayout->addWidget(m_segy);
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateEnabled);

    // Processing.
    m_applyFlow = new QCheckBox(tr("Apply the processing flow"), this);
    m_applyFlow->setObjectName(QStringLiteral("applyFlow"));
    QStringList steps;
    for (const auto& step : m_context.chain.steps())
        steps << step->name();
    auto* flowSteps = new QLabel(
        steps.isEmpty() ? tr("(the flow is empty)") : steps.join(QStringLiteral(" \u2192 ")), this);
    flowSteps->setObjectName(QStringLiteral("flowSteps"));
    flowSteps->setWordWrap(true);
    m_applyFlow->setEnabled(!steps.isEmpty());
    m_applyFlow->setChecked(!steps.isEmpty());
    auto* flowRow = new QHBoxLayout;
    flowRow->addWidget(m_applyFlow);
    flowRow->addWidget(flowSteps, 1);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020"));
    m_error->setWordWrap(true);
    m_error->hide();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(scope);
    layout->addWidget(time);
    layout->addWidget(output);
    layout->addLayout(flowRow);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // The proposed output: NAME-export.sgy beside the source.
    const QFileInfo source(QDir::cleanPath(m_context.sourcePath));
    setPath(
        source.absoluteDir().filePath(source.completeBaseName() + QStringLiteral("-export.sgy")));
}

QString ExportDialog::path() const {
    const QString typed = m_path->text().trimmed();
    if (typed.isEmpty() || typed == QLatin1String("-"))
        return typed;
    // A relative name is beside the open file, where the proposed name is.
    return QDir::cleanPath(QFileInfo(m_context.sourcePath).absoluteDir().absoluteFilePath(typed));
}

void ExportDialog::setPath(const QString& path) {
    m_path->setText(path);
}

void ExportDialog::addHeaderRange(const QString& key, const QString& min, const QString& max) {
    const int row = m_ranges->rowCount();
    m_ranges->insertRow(row);
    m_ranges->setItem(row, 0, new QTableWidgetItem(key));
    m_ranges->setItem(row, 1, new QTableWidgetItem(min));
    m_ranges->setItem(row, 2, new QTableWidgetItem(max));
}

SelectionSpec ExportDialog::selectionSpec() const {
    SelectionSpec spec;
    if (m_onScreen->isChecked()) {
        spec.traces = m_context.onScreen;
    } else if (m_ensemble->isChecked()) {
        spec.ensembles = TraceRange{m_context.currentEnsemble, m_context.currentEnsemble + 1};
        spec.ensembleKeys = m_context.ensembleKeys;
    } else if (m_ensembleRange->isChecked()) {
        if (m_first->value() > m_last->value())
            throw ArgumentError(QStringLiteral("ensembles %1 to %2: the first comes after the "
                                               "last")
                                    .arg(m_first->value())
                                    .arg(m_last->value()));
        spec.ensembles = TraceRange{m_first->value() - 1, qint64(m_last->value())};
        spec.ensembleKeys = m_context.ensembleKeys;
    } else if (m_headers->isChecked()) {
        if (m_ranges->rowCount() == 0)
            throw ArgumentError(QStringLiteral("no header range: add a row of key, min and max"));
        for (int row = 0; row < m_ranges->rowCount(); ++row) {
            const QString key = cellText(m_ranges, row, 0);
            HeaderValueRange r;
            r.field = parseHeaderField(key); // ArgumentError naming the key
            r.min = parseBound(key, cellText(m_ranges, row, 1), std::numeric_limits<qint64>::min());
            r.max = parseBound(key, cellText(m_ranges, row, 2), std::numeric_limits<qint64>::max());
            if (r.min > r.max)
                throw ArgumentError(QStringLiteral("header range %1: min %2 is above max %3")
                                        .arg(key)
                                        .arg(r.min)
                                        .arg(r.max));
            spec.where.push_back(r);
        }
    } // the whole file: no ranges
    const double from = m_from->value();
    const double to = m_to->value();
    if (from >= to)
        throw ArgumentError(
            QStringLiteral("time window %1 to %2 ms: expected from < to").arg(from).arg(to));
    if (from > m_context.startMs || to < m_context.endMs)
        spec.timeMs = std::make_pair(from, to);
    return spec;
}

ExportRequest ExportDialog::request() const {
    ExportRequest r;
    r.target = path();
    if (const int f = m_format->currentData().toInt(); f > 0)
        r.segy.format = f;
    if (const int order = m_byteOrder->currentData().toInt(); order >= 0)
        r.segy.byteOrder = order == 0 ? ByteOrder::Big : ByteOrder::Little;
    if (const int revision = m_revision->currentData().toInt(); revision > 0)
        r.segy.revision = revision;
    r.segy.output.inputs = {m_context.sourcePath};
    if (m_applyFlow->isEnabled() && m_applyFlow->isChecked())
        r.chain = m_context.chain;
    return r;
}

QString ExportDialog::problem() const {
    const QString target = path();
    if (target.isEmpty() || target == QLatin1String("-"))
        return tr("Choose the file to write.");
    const QFileInfo out(QDir::cleanPath(target));
    const QFileInfo in(QDir::cleanPath(m_context.sourcePath));
    // Through any name (a link, "./"): the export never writes over the open file.
    const QString outCanonical = out.canonicalFilePath();
    if (out.absoluteFilePath() == in.absoluteFilePath() ||
        (!outCanonical.isEmpty() && outCanonical == in.canonicalFilePath()))
        return tr("%1 is the open file: choose another output.")
            .arg(QDir::toNativeSeparators(target));
    if (isZarrPath(target) && (out.exists() || out.isSymLink()))
        return tr("%1 exists: a Zarr store is never written over; choose another name.")
            .arg(QDir::toNativeSeparators(target));
    if (!isZarrPath(target) && out.isDir())
        return tr("%1 is a directory: choose a file.").arg(QDir::toNativeSeparators(target));
    try {
        selectionSpec();
        if (m_context.source)
            ExportJob(m_context.source, request()); // checks; creates nothing
    } catch (const Error& e) {
        return e.detail();
    }
    return {};
}

void ExportDialog::accept() {
    const QString p = problem();
    if (!p.isEmpty()) {
        m_error->setText(p);
        m_error->show();
        return;
    }
    m_error->clear();
    m_error->hide();
    QDialog::accept();
}

QString ExportDialog::errorText() const {
    return m_error->isVisible() || !m_error->text().isEmpty() ? m_error->text() : QString();
}

void ExportDialog::browse() {
    const QString chosen = QFileDialog::getSaveFileName(
        this, tr("Export to"), path(),
        tr("SEG-Y (*.sgy *.segy);;Zarr store (*.zarr);;All files (*)"));
    if (!chosen.isEmpty())
        setPath(chosen);
}

void ExportDialog::updateEnabled() {
    m_segy->setEnabled(!isZarrPath(path()));
}

} // namespace seis::gui
