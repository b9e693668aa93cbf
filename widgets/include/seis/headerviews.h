// Read-only views of a SEG-Y file's headers: the textual header (with any extended textual
// headers) and the binary header, field by field. They take any TraceSource; one that is not a
// SEG-Y file (a SegyFile) has no SEG-Y headers, and the views say so.
//
// Indexing: byte positions shown are 1-based file positions, as printed in the SEG-Y standard
// (the binary header is bytes 3201-3600).
// Ownership: QWidgets owned by their Qt parent. setFile() copies what it shows, so the source
// may be destroyed afterwards; neither view does I/O (SegyFile holds the headers from opening).
// Threads: GUI thread only, like every QWidget.
#pragma once

#include <QString>
#include <QStringView>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace seis {

class TraceSource;

// The 3200-byte textual header as 40 lines of 80 characters in a monospace, read-only editor,
// followed by each extended textual header under a separator line; the encoding (EBCDIC or
// ASCII) in a label above.
class TextHeaderView : public QWidget {
    Q_OBJECT

public:
    explicit TextHeaderView(QWidget* parent = nullptr);
    ~TextHeaderView() override;

    // Shows `source`'s textual headers, or that it has none when it is not a SEG-Y file.
    void setFile(const TraceSource& source);
    void clear();

    // What is shown, for tests and copying.
    QString text() const;
    QString encodingText() const;

    // Wide enough for 80 columns without scrolling.
    QSize sizeHint() const override;

private:
    QLabel* m_encoding = nullptr;
    QPlainTextEdit* m_text = nullptr;
};

// Every named rev 1 and rev 2 binary header field (binaryHeaderFields()) as a row: field name,
// byte range, value (decoded in the file's byte order; the rev 2 doubles as decimals) and the
// standard's description.
class BinaryHeaderView : public QWidget {
    Q_OBJECT

public:
    enum Column { NameColumn, BytesColumn, ValueColumn, DescriptionColumn, ColumnCount };

    explicit BinaryHeaderView(QWidget* parent = nullptr);
    ~BinaryHeaderView() override;

    // Shows `source`'s binary header, or (empty values and a note) that it has none when it is
    // not a SEG-Y file.
    void setFile(const TraceSource& source);
    void clear();
    // The note above the table: empty unless the source shown has no SEG-Y headers.
    QString noteText() const;

    // The row of a field by its short name ("format", "hns"); -1 if there is none.
    int rowOf(QStringView name) const;
    // The value cell's text of a field ("" if unknown or no file shown).
    QString valueText(QStringView name) const;
    const QTableWidget* table() const { return m_table; }

private:
    QLabel* m_note = nullptr;
    QTableWidget* m_table = nullptr;
};

} // namespace seis
