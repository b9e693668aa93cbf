#include "filechangedbar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace seis::gui {

FileChangedBar::FileChangedBar(QWidget* parent)
    : QFrame(parent) {
    setObjectName(QStringLiteral("fileChangedBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, QColor(255, 243, 205)); // a warning's pale yellow
    p.setColor(QPalette::WindowText, Qt::black);
    setPalette(p);

    m_text = new QLabel(this);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_reopen = new QPushButton(tr("Reopen"), this);
    m_reopen->setObjectName(QStringLiteral("reopenButton"));
    m_reopen->setToolTip(tr("Open the file again as it is now"));
    auto* dismiss = new QPushButton(tr("Dismiss"), this);
    dismiss->setObjectName(QStringLiteral("dismissButton"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_reopen);
    layout->addWidget(dismiss);

    connect(m_reopen, &QPushButton::clicked, this, [this] {
        hide();
        emit reopenRequested();
    });
    connect(dismiss, &QPushButton::clicked, this, &QWidget::hide);
    hide();
}

void FileChangedBar::offer(const QString& message) {
    m_text->setText(message);
    show();
}

QString FileChangedBar::message() const {
    return m_text->text();
}

} // namespace seis::gui
