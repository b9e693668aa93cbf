#include "seis/headerviews.h"

#include "seis/base/fieldtype.h"
#include "seis/base/tracesource.h"
#include "seis/segy/binaryheader.h"
#include "seis/segy/textheader.h"

#include <QFileInfo>
#include <QFontDatabase>
#include <QFontMetrics>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStyle>
#include <QTableWidget>
#include <QTextDocument>
#include <QVBoxLayout>
#include <algorithm>

namespace seis {

// --- TextHeaderView -----------------------------------------------------------------------------

TextHeaderView::TextHeaderView(QWidget* parent)
    : QWidget(parent) {
    m_encoding = new QLabel(this);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    // Card images are column-aligned: wrapping would break the 80-column layout.
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_encoding);
    layout->addWidget(m_text, 1);
    clear();
}

TextHeaderView::~TextHeaderView() = default;

namespace {

QString noSegyHeaders(const TraceSource& source) {
    const QString description = source.formatDescription();
    return QObject::tr("No SEG-Y headers: %1 is not a SEG-Y file%2.")
        .arg(QFileInfo(source.path()).fileName(),
             description.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(description));
}

} // namespace

void TextHeaderView::setFile(const TraceSource& source) {
    // A SEG-Y file's headers, or those a store kept of the file it was converted from.
    const std::optional<SourceFileHeaders> headers = source.fileHeaders();
    if (!headers || headers->text.isEmpty()) {
        m_encoding->setText(tr("Textual header"));
        m_text->setPlainText(noSegyHeaders(source));
        return;
    }
    m_encoding->setText(tr("Textual header (%1)").arg(headers->textEncoding.toUpper()));
    QString text = headers->textDecoded;
    const QStringList& extended = headers->extendedDecoded;
    for (qsizetype i = 0; i < extended.size(); ++i) {
        text += QLatin1Char('\n');
        text += tr("---- extended textual header %1 of %2 ----").arg(i + 1).arg(extended.size());
        text += QLatin1Char('\n');
        text += extended[i];
    }
    m_text->setPlainText(text);
}

void TextHeaderView::clear() {
    m_encoding->setText(tr("Textual header"));
    m_text->clear();
}

QString TextHeaderView::text() const {
    return m_text->toPlainText();
}

QString TextHeaderView::encodingText() const {
    return m_encoding->text();
}

QSize TextHeaderView::sizeHint() const {
    constexpr int kColumns = 80;
    const QFontMetrics metrics(m_text->font());
    // One extra column plus the frame, document margin and a vertical scroll bar.
    const int textWidth = metrics.horizontalAdvance(QString(kColumns + 1, QLatin1Char('M'))) +
                          2 * m_text->frameWidth() +
                          2 * static_cast<int>(m_text->document()->documentMargin()) +
                          style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const QMargins margins = layout()->contentsMargins();
    const QSize base = QWidget::sizeHint();
    return {std::max(base.width(), textWidth + margins.left() + margins.right()),
            std::max(base.height(), 24 * metrics.lineSpacing())};
}

// --- BinaryHeaderView ---------------------------------------------------------------------------

namespace {

QTableWidgetItem* readOnlyItem(const QString& text) {
    auto* item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    return item;
}

} // namespace

BinaryHeaderView::BinaryHeaderView(QWidget* parent)
    : QWidget(parent) {
    const auto fields = binaryHeaderFields();
    m_table = new QTableWidget(static_cast<int>(fields.size()), ColumnCount, this);
    m_table->setHorizontalHeaderLabels({tr("Field"), tr("Bytes"), tr("Value"), tr("Description")});
    m_table->verticalHeader()->hide();
    // About 100 fields: one text line per row keeps most of them on screen at once.
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 6);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Names, bytes and descriptions never change with the file: fill them once.
    for (int row = 0; row < static_cast<int>(fields.size()); ++row) {
        const BinaryHeaderField& field = fields[static_cast<std::size_t>(row)];
        const int last = field.byte + fieldTypeSize(field.type) - 1;
        m_table->setItem(row, NameColumn, readOnlyItem(QString::fromLatin1(field.name)));
        auto* bytes = readOnlyItem(tr("%1-%2").arg(field.byte).arg(last));
        bytes->setToolTip(fieldTypeName(field.type));
        m_table->setItem(row, BytesColumn, bytes);
        auto* value = readOnlyItem(QString());
        value->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(row, ValueColumn, value);
        m_table->setItem(row, DescriptionColumn,
                         readOnlyItem(QString::fromUtf8(field.description)));
    }
    m_note = new QLabel(this);
    m_note->setWordWrap(true);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_note);
    layout->addWidget(m_table);
    clear();
}

BinaryHeaderView::~BinaryHeaderView() = default;

void BinaryHeaderView::setFile(const TraceSource& source) {
    // A SEG-Y file's binary header, or the one a store kept of the file it was converted from.
    const std::optional<SourceFileHeaders> headers = source.fileHeaders();
    if (!headers || headers->binary.size() != qsizetype(kBinaryHeaderBytes)) {
        clear();
        m_note->setText(noSegyHeaders(source));
        m_note->show();
        return;
    }
    m_note->clear();
    m_note->hide();
    const BinaryHeader header(reinterpret_cast<const std::byte*>(headers->binary.constData()),
                              headers->byteOrder);
    const auto fields = binaryHeaderFields();
    for (int row = 0; row < static_cast<int>(fields.size()); ++row) {
        const BinaryHeaderField& field = fields[static_cast<std::size_t>(row)];
        // The rev 2 sample intervals are IEEE doubles; truncating them would hide e.g. 250.5.
        const QString text = isFloatType(field.type)
                                 ? QString::number(header.doubleValue(field), 'g', 17)
                                 : QString::number(header.value(field));
        m_table->item(row, ValueColumn)->setText(text);
    }
    m_table->resizeColumnsToContents();
}

void BinaryHeaderView::clear() {
    m_note->clear();
    m_note->hide();
    for (int row = 0; row < m_table->rowCount(); ++row)
        m_table->item(row, ValueColumn)->setText(QString());
    m_table->resizeColumnsToContents();
}

QString BinaryHeaderView::noteText() const {
    return m_note->text();
}

int BinaryHeaderView::rowOf(QStringView name) const {
    const auto fields = binaryHeaderFields();
    for (std::size_t i = 0; i < fields.size(); ++i)
        if (name == QLatin1StringView(fields[i].name))
            return static_cast<int>(i);
    return -1;
}

QString BinaryHeaderView::valueText(QStringView name) const {
    const int row = rowOf(name);
    return row < 0 ? QString() : m_table->item(row, ValueColumn)->text();
}

} // namespace seis
