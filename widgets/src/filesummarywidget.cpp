#include "seis/filesummarywidget.h"

#include "seis/segy/segyfile.h"

#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>

namespace seis {

namespace {

QLabel* valueLabel(QWidget* parent) {
    auto* label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

QString byteOrderName(ByteOrder order) {
    return order == ByteOrder::Big ? FileSummaryWidget::tr("big-endian")
                                   : FileSummaryWidget::tr("little-endian");
}

} // namespace

struct FileSummaryWidget::Impl {
    QLabel* path = nullptr;
    QLabel* traces = nullptr;
    QLabel* samples = nullptr;
    QLabel* interval = nullptr;
    QLabel* format = nullptr;
    QLabel* byteOrder = nullptr;
    QLabel* warnings = nullptr;
    QLabel* textTitle = nullptr;
    QPlainTextEdit* text = nullptr;
};

FileSummaryWidget::FileSummaryWidget(QWidget* parent)
    : QWidget(parent)
    , d(std::make_unique<Impl>()) {
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    d->path = valueLabel(this);
    d->traces = valueLabel(this);
    d->samples = valueLabel(this);
    d->interval = valueLabel(this);
    d->format = valueLabel(this);
    d->byteOrder = valueLabel(this);
    d->warnings = valueLabel(this);
    form->addRow(tr("File:"), d->path);
    form->addRow(tr("Traces:"), d->traces);
    form->addRow(tr("Samples per trace:"), d->samples);
    form->addRow(tr("Sample interval:"), d->interval);
    form->addRow(tr("Format:"), d->format);
    form->addRow(tr("Byte order:"), d->byteOrder);
    form->addRow(tr("Warnings:"), d->warnings);

    d->textTitle = new QLabel(this);
    d->text = new QPlainTextEdit(this);
    d->text->setReadOnly(true);
    d->text->setLineWrapMode(QPlainTextEdit::NoWrap);
    d->text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(d->textTitle);
    layout->addWidget(d->text, 1);
    clear();
}

FileSummaryWidget::~FileSummaryWidget() = default;

void FileSummaryWidget::showFile(const TraceSource& file) {
    const QLocale locale;
    d->path->setText(QDir::toNativeSeparators(QFileInfo(file.path()).absoluteFilePath()));
    d->traces->setText(locale.toString(file.traceCount()));
    d->samples->setText(locale.toString(file.sampleCount()));
    d->interval->setText(file.sampleIntervalUs() > 0
                             ? tr("%1 ms").arg(locale.toString(file.sampleIntervalUs() / 1000.0))
                             : tr("none (times are sample numbers)"));
    // The rest is SEG-Y's own: format code, byte order, the reader's warnings, the text header.
    const auto* segy = dynamic_cast<const SegyFile*>(&file);
    if (!segy) {
        const QString description = file.formatDescription();
        d->format->setText(description.isEmpty() ? QStringLiteral("-") : description);
        d->byteOrder->setText(QStringLiteral("-"));
        d->warnings->setText(tr("none"));
        // A store keeps the headers of the SEG-Y file it was converted from.
        const std::optional<SourceFileHeaders> kept = file.fileHeaders();
        if (kept && !kept->text.isEmpty()) {
            d->textTitle->setText(
                tr("Textual header of %1 (%2):")
                    .arg(QFileInfo(kept->path).fileName(), kept->textEncoding.toUpper()));
            d->text->setPlainText(kept->textDecoded);
            return;
        }
        d->textTitle->setText(tr("Textual header:"));
        d->text->setPlainText(tr("No SEG-Y headers: not a SEG-Y file."));
        return;
    }
    d->format->setText(
        tr("%1 (%2)").arg(static_cast<int>(segy->format())).arg(sampleFormatName(segy->format())));
    d->byteOrder->setText(byteOrderName(segy->byteOrder()));
    const QStringList warnings = segy->warnings();
    d->warnings->setText(warnings.isEmpty() ? tr("none") : warnings.join(QLatin1Char('\n')));
    d->textTitle->setText(
        tr("Textual header (%1):").arg(textEncodingName(segy->textEncoding()).toUpper()));
    d->text->setPlainText(segy->textHeader());
}

QSize FileSummaryWidget::sizeHint() const {
    constexpr int kColumns = 80;
    const QFontMetrics metrics(d->text->font());
    // One extra column plus the frame, document margin and a vertical scroll bar.
    const int textWidth = metrics.horizontalAdvance(QString(kColumns + 1, QLatin1Char('M'))) +
                          2 * d->text->frameWidth() +
                          2 * static_cast<int>(d->text->document()->documentMargin()) +
                          style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const QMargins margins = layout()->contentsMargins();
    const QSize base = QWidget::sizeHint();
    return {std::max(base.width(), textWidth + margins.left() + margins.right()), base.height()};
}

void FileSummaryWidget::clear() {
    const QString dash = QStringLiteral("-");
    for (QLabel* label :
         {d->path, d->traces, d->samples, d->interval, d->format, d->byteOrder, d->warnings})
        label->setText(dash);
    d->textTitle->setText(tr("Textual header:"));
    d->text->clear();
}

} // namespace seis
