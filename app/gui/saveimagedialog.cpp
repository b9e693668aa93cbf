#include "saveimagedialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QToolButton>

namespace seis::gui {

namespace {

// Images up to 16384 pixels a side (QPixmap's practical limit; 1 GiB of RGBA at the most).
constexpr int kMaxSide = 16384;

} // namespace

SaveImageDialog::SaveImageDialog(QSize screen, const QString& path, QWidget* parent)
    : QDialog(parent)
    , m_screen(screen) {
    setWindowTitle(tr("Save image"));
    auto* form = new QFormLayout(this);
    auto* file = new QHBoxLayout;
    m_path = new QLineEdit(path, this);
    m_path->setObjectName(QStringLiteral("imagePath"));
    m_path->setMinimumWidth(320);
    auto* browse = new QToolButton(this);
    browse->setObjectName(QStringLiteral("imageBrowse"));
    browse->setText(tr("..."));
    file->addWidget(m_path);
    file->addWidget(browse);
    form->addRow(tr("File:"), file);
    m_asOnScreen = new QRadioButton(
        tr("As on screen (%1 x %2 pixels)").arg(screen.width()).arg(screen.height()), this);
    m_asOnScreen->setObjectName(QStringLiteral("imageAsOnScreen"));
    m_asOnScreen->setChecked(true);
    auto* custom = new QRadioButton(tr("Width x height:"), this);
    custom->setObjectName(QStringLiteral("imageCustom"));
    m_width = new QSpinBox(this);
    m_width->setObjectName(QStringLiteral("imageWidth"));
    m_height = new QSpinBox(this);
    m_height->setObjectName(QStringLiteral("imageHeight"));
    for (QSpinBox* box : {m_width, m_height}) {
        box->setRange(16, kMaxSide);
        box->setSuffix(tr(" px"));
        box->setEnabled(false);
    }
    m_width->setValue(screen.width() * 2);
    m_height->setValue(screen.height() * 2);
    auto* sizes = new QHBoxLayout;
    sizes->addWidget(custom);
    sizes->addWidget(m_width);
    sizes->addWidget(m_height);
    form->addRow(tr("Size:"), m_asOnScreen);
    form->addRow(QString(), sizes);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    form->addRow(buttons);

    connect(custom, &QRadioButton::toggled, this, [this](bool on) {
        m_width->setEnabled(on);
        m_height->setEnabled(on);
    });
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString chosen =
            QFileDialog::getSaveFileName(this, tr("Save image"), m_path->text(),
                                         tr("Images (*.png *.jpg *.bmp);;All files (*)"));
        if (!chosen.isEmpty())
            m_path->setText(chosen);
    });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto updateSave = [this, buttons] {
        buttons->button(QDialogButtonBox::Save)->setEnabled(!m_path->text().trimmed().isEmpty());
    };
    connect(m_path, &QLineEdit::textChanged, this, updateSave);
    updateSave();
}

QString SaveImageDialog::path() const {
    return m_path->text().trimmed();
}

QSize SaveImageDialog::size() const {
    return m_asOnScreen->isChecked() ? m_screen : QSize(m_width->value(), m_height->value());
}

} // namespace seis::gui
