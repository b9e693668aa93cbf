#include "conversiondialog.h"

#include "jobqueue.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace seis::gui {

ConversionDialog::ConversionDialog(const ConversionSettings& settings, const QStringList& files,
                                   QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("conversionDialog"));
    setWindowTitle(tr("Convert to Zarr"));

    QStringList lines;
    QStringList reserved;
    constexpr int kListed = 8;
    for (const QString& f : files.mid(0, kListed)) {
        const QString target = JobQueue::storePathFor(f, reserved);
        reserved << target;
        lines << tr("%1 \u2192 %2").arg(QFileInfo(f).fileName(), QFileInfo(target).fileName());
    }
    if (files.size() > kListed)
        lines << tr("... and %1 more").arg(files.size() - kListed);
    auto* what = new QLabel(
        tr("Each file becomes a Zarr store beside it (an existing store is never replaced); "
           "the conversions run in the background, one after the other.") +
            QStringLiteral("\n\n") + lines.join(QLatin1Char('\n')),
        this);
    what->setWordWrap(true);
    if (!files.isEmpty())
        what->setToolTip(QDir::toNativeSeparators(QFileInfo(files.front()).absolutePath()));

    m_chunkTraces = new QSpinBox(this);
    m_chunkTraces->setObjectName(QStringLiteral("chunkTraces"));
    m_chunkTraces->setRange(0, int(ConversionSettings::kMaxChunk));
    m_chunkTraces->setSpecialValueText(tr("automatic (a power of two, about 1 MiB per chunk)"));
    m_chunkSamples = new QSpinBox(this);
    m_chunkSamples->setObjectName(QStringLiteral("chunkSamples"));
    m_chunkSamples->setRange(0, int(ConversionSettings::kMaxChunk));
    m_chunkSamples->setSpecialValueText(tr("whole trace"));
    m_codec = new QComboBox(this);
    m_codec->setObjectName(QStringLiteral("codec"));
    for (const QString& c : ConversionSettings::codecs())
        m_codec->addItem(
            c == QLatin1String("none") ? tr("none (uncompressed)") : tr("%1 (Blosc)").arg(c), c);
    m_level = new QSpinBox(this);
    m_level->setObjectName(QStringLiteral("level"));
    m_level->setRange(0, 9);
    m_shuffle = new QComboBox(this);
    m_shuffle->setObjectName(QStringLiteral("shuffle"));
    for (zarr::Shuffle s : {zarr::Shuffle::None, zarr::Shuffle::Byte, zarr::Shuffle::Bit})
        m_shuffle->addItem(ConversionSettings::shuffleName(s), int(s));
    connect(m_codec, &QComboBox::currentIndexChanged, this, &ConversionDialog::codecChanged);

    auto* form = new QFormLayout;
    form->addRow(tr("Traces per chunk:"), m_chunkTraces);
    form->addRow(tr("Samples per chunk:"), m_chunkSamples);
    form->addRow(tr("Codec:"), m_codec);
    form->addRow(tr("Level:"), m_level);
    form->addRow(tr("Shuffle:"), m_shuffle);

    auto* buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Convert"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this,
            [this] { setSettings(ConversionSettings{}); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(what);
    layout->addLayout(form);
    layout->addWidget(buttons);
    setSettings(settings);
}

void ConversionDialog::setSettings(const ConversionSettings& s) {
    m_chunkTraces->setValue(int(s.chunkTraces));
    m_chunkSamples->setValue(int(s.chunkSamples));
    m_codec->setCurrentIndex(std::max(0, m_codec->findData(s.codec)));
    m_level->setValue(s.level);
    m_shuffle->setCurrentIndex(std::max(0, m_shuffle->findData(int(s.shuffle))));
    codecChanged();
}

ConversionSettings ConversionDialog::settings() const {
    ConversionSettings s;
    s.chunkTraces = m_chunkTraces->value();
    s.chunkSamples = m_chunkSamples->value();
    s.codec = m_codec->currentData().toString();
    s.level = m_level->value();
    s.shuffle = zarr::Shuffle(m_shuffle->currentData().toInt());
    return s;
}

void ConversionDialog::codecChanged() {
    // Without a compressor, level and shuffle mean nothing.
    const bool compressed = m_codec->currentData().toString() != QLatin1String("none");
    m_level->setEnabled(compressed);
    m_shuffle->setEnabled(compressed);
}

} // namespace seis::gui
