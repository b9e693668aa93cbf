#include "displaytoolbar.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalBlocker>

namespace seis::gui {

DisplayToolBar::DisplayToolBar(QWidget* parent)
    : QToolBar(tr("Display"), parent) {
    setObjectName(QStringLiteral("displayToolBar"));
    m_mode = new QComboBox(this);
    for (DisplayMode m : kAllDisplayModes)
        m_mode->addItem(displayModeName(m), int(m));
    m_colors = new QComboBox(this);
    for (ColorMapId c : kAllColorMaps)
        m_colors->addItem(colorMapName(c), int(c));
    m_clip = new QDoubleSpinBox(this);
    m_clip->setRange(50, 100);
    m_clip->setDecimals(1);
    m_clip->setSingleStep(0.5);
    m_clip->setSuffix(QStringLiteral(" %"));
    m_clip->setToolTip(tr("Clip at this percentile of |amplitude| in the window"));
    m_gain = new QDoubleSpinBox(this);
    m_gain->setRange(0.01, 1000);
    m_gain->setDecimals(2);
    m_gain->setToolTip(tr("Gain ([ and ] change it)"));

    addWidget(new QLabel(tr("Mode "), this));
    addWidget(m_mode);
    addWidget(new QLabel(tr(" Colours "), this));
    addWidget(m_colors);
    addWidget(new QLabel(tr(" Clip "), this));
    addWidget(m_clip);
    m_fileClip = addAction(tr("Whole file"));
    m_fileClip->setObjectName(QStringLiteral("fileClipAction"));
    m_fileClip->setCheckable(true);
    m_fileClip->setToolTip(tr("Clip at the percentile of the whole file rather than of the "
                              "window (computed once per file, in the background)"));
    addWidget(new QLabel(tr(" Gain "), this));
    addWidget(m_gain);

    setSettings(m_settings);
    connect(m_mode, &QComboBox::currentIndexChanged, this, &DisplayToolBar::readControls);
    connect(m_colors, &QComboBox::currentIndexChanged, this, &DisplayToolBar::readControls);
    connect(m_clip, &QDoubleSpinBox::valueChanged, this, &DisplayToolBar::readControls);
    connect(m_gain, &QDoubleSpinBox::valueChanged, this, &DisplayToolBar::readControls);
}

void DisplayToolBar::setSettings(const DisplaySettings& settings) {
    m_updating = true;
    m_mode->setCurrentIndex(m_mode->findData(int(settings.mode)));
    m_colors->setCurrentIndex(m_colors->findData(int(settings.colorMap)));
    m_clip->setValue(settings.clipPercentile);
    m_gain->setValue(settings.gain);
    m_updating = false;
    const bool changed = !(settings == m_settings);
    m_settings = settings;
    if (changed)
        emit settingsChanged(m_settings);
}

void DisplayToolBar::scaleGain(double factor) {
    m_gain->setValue(m_gain->value() * factor);
}

void DisplayToolBar::readControls() {
    if (m_updating)
        return;
    DisplaySettings s = m_settings;
    s.mode = DisplayMode(m_mode->currentData().toInt());
    s.colorMap = ColorMapId(m_colors->currentData().toInt());
    s.clipPercentile = m_clip->value();
    s.gain = m_gain->value();
    if (s == m_settings)
        return;
    m_settings = s;
    emit settingsChanged(m_settings);
}

} // namespace seis::gui
