#include "displaytoolbar.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QSignalBlocker>
#include <QToolButton>
#include <QValidator>
#include <cmath>

namespace seis::gui {

namespace {

// A spin box whose steps multiply: one step up multiplies the value by `factor`, one step down
// divides it (a step that rounding would undo moves the last decimal instead).
class ScaleSpinBox : public QDoubleSpinBox {
public:
    ScaleSpinBox(double factor, QWidget* parent)
        : QDoubleSpinBox(parent)
        , m_factor(factor) {}

    void stepBy(int steps) override {
        const double old = value();
        setValue(old * std::pow(m_factor, steps));
        if (steps != 0 && value() == old)
            setValue(old + (steps > 0 ? 1.0 : -1.0) * std::pow(10.0, -decimals()));
    }

private:
    double m_factor;
};

// Amplitudes of any magnitude: shown with 6 significant digits ("0.00125", "3.5e+07"), typed
// the same way (C locale), stepped by a factor.
class AmplitudeSpinBox final : public ScaleSpinBox {
public:
    AmplitudeSpinBox(double factor, QWidget* parent)
        : ScaleSpinBox(factor, parent) {
        setDecimals(323); // no rounding to decimals: the value is kept as given
        setRange(1e-30, 1e30);
    }

    QString textFromValue(double value) const override { return QString::number(value, 'g', 6); }
    double valueFromText(const QString& text) const override { return text.trimmed().toDouble(); }
    QValidator::State validate(QString& text, int&) const override {
        const QString t = text.trimmed();
        bool ok = false;
        const double v = t.toDouble(&ok);
        if (ok)
            return v >= minimum() && v <= maximum() ? QValidator::Acceptable
                                                    : QValidator::Intermediate;
        // What a number looks like while it is typed: "", "1e", "2.", "1e-".
        for (QChar c : t)
            if (!c.isDigit() && !QStringLiteral(".eE+-").contains(c))
                return QValidator::Invalid;
        return QValidator::Intermediate;
    }
};

} // namespace

DisplayToolBar::DisplayToolBar(QWidget* parent)
    : QToolBar(tr("Display"), parent) {
    setObjectName(QStringLiteral("displayToolBar"));
    m_mode = new QComboBox(this);
    for (DisplayMode m : kAllDisplayModes)
        m_mode->addItem(displayModeName(m), int(m));
    m_colors = new QComboBox(this);
    for (ColorMapId c : kAllColorMaps)
        m_colors->addItem(colorMapName(c), int(c));
    // The clip mode is the menu of the "Clip" button (a combo box would push the toolbar's last
    // actions out of a 1280 px window); the spin box shown says which mode is on ("99.0 %").
    auto* clipModes = new QActionGroup(this);
    m_percentileMode = clipModes->addAction(tr("Percentile of the amplitudes shown"));
    m_percentileMode->setObjectName(QStringLiteral("clipPercentileMode"));
    m_percentileMode->setToolTip(tr("The clip follows each window (or the whole file)"));
    m_absoluteMode = clipModes->addAction(tr("Absolute amplitude"));
    m_absoluteMode->setObjectName(QStringLiteral("clipAbsoluteMode"));
    m_absoluteMode->setToolTip(tr("One clip in amplitude units, kept for every gather and file"));
    for (QAction* a : clipModes->actions())
        a->setCheckable(true);
    m_percentileMode->setChecked(true);
    auto* clipMenu = new QMenu(this);
    clipMenu->addActions(clipModes->actions());
    auto* clipButton = new QToolButton(this);
    clipButton->setObjectName(QStringLiteral("clipMode"));
    clipButton->setText(tr("Clip"));
    clipButton->setMenu(clipMenu);
    clipButton->setPopupMode(QToolButton::InstantPopup);
    clipButton->setToolTip(tr("Clip at a percentile of the amplitudes shown, or at one absolute "
                              "amplitude kept for every gather and file"));
    m_clip = new QDoubleSpinBox(this);
    m_clip->setObjectName(QStringLiteral("clipPercentile"));
    m_clip->setRange(50, 100);
    m_clip->setDecimals(1);
    m_clip->setSingleStep(0.5);
    m_clip->setSuffix(QStringLiteral(" %"));
    m_clip->setToolTip(tr("Clip at this percentile of |amplitude| in the window"));
    m_clipAbsolute = new AmplitudeSpinBox(kGainStep, this);
    m_clipAbsolute->setObjectName(QStringLiteral("clipAbsolute"));
    m_clipAbsolute->setToolTip(tr("Clip at this amplitude (after processing, before gain), the "
                                  "same for every gather and file"));
    m_gain = new ScaleSpinBox(kGainStep, this);
    m_gain->setObjectName(QStringLiteral("gain"));
    m_gain->setRange(0.01, 1000);
    m_gain->setDecimals(2);
    m_gain->setToolTip(tr("Gain (] raises it, [ lowers it)"));

    addWidget(new QLabel(tr("Mode "), this));
    addWidget(m_mode);
    addWidget(new QLabel(tr(" Colours "), this));
    addWidget(m_colors);
    addWidget(clipButton);
    m_clipAction = addWidget(m_clip);
    m_clipAbsoluteAction = addWidget(m_clipAbsolute);
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
    connect(clipModes, &QActionGroup::triggered, this, &DisplayToolBar::readControls);
    connect(m_clip, &QDoubleSpinBox::valueChanged, this, &DisplayToolBar::readControls);
    connect(m_clipAbsolute, &QDoubleSpinBox::valueChanged, this, &DisplayToolBar::readControls);
    connect(m_gain, &QDoubleSpinBox::valueChanged, this, &DisplayToolBar::readControls);
}

void DisplayToolBar::setSettings(const DisplaySettings& settings) {
    m_updating = true;
    m_mode->setCurrentIndex(m_mode->findData(int(settings.mode)));
    m_colors->setCurrentIndex(m_colors->findData(int(settings.colorMap)));
    (settings.clipMode == ClipMode::Absolute ? m_absoluteMode : m_percentileMode)->setChecked(true);
    m_clip->setValue(settings.clipPercentile);
    m_clipAbsolute->setValue(settings.clipAbsolute);
    m_gain->setValue(settings.gain);
    showClipMode(settings.clipMode);
    m_updating = false;
    const bool changed = !(settings == m_settings);
    m_settings = settings;
    if (changed)
        emit settingsChanged(m_settings);
}

void DisplayToolBar::stepGain(int steps) {
    m_gain->stepBy(steps);
}

void DisplayToolBar::setClipInUse(float clip) {
    if (m_settings.clipMode == ClipMode::Absolute || !(std::isfinite(clip) && clip > 0.0f))
        return;
    const QSignalBlocker block(m_clipAbsolute);
    m_clipAbsolute->setValue(clip);
}

void DisplayToolBar::showClipMode(ClipMode mode) {
    m_clipAction->setVisible(mode == ClipMode::Percentile);
    m_clipAbsoluteAction->setVisible(mode == ClipMode::Absolute);
    // The whole file's statistics give a percentile; an absolute clip needs none.
    m_fileClip->setEnabled(mode == ClipMode::Percentile);
}

void DisplayToolBar::readControls() {
    if (m_updating)
        return;
    DisplaySettings s = m_settings;
    s.mode = DisplayMode(m_mode->currentData().toInt());
    s.colorMap = ColorMapId(m_colors->currentData().toInt());
    s.clipMode = m_absoluteMode->isChecked() ? ClipMode::Absolute : ClipMode::Percentile;
    s.clipPercentile = m_clip->value();
    // In percentile mode the absolute spin box follows the clip in use (setClipInUse), so a
    // switch to absolute starts from the picture as it is.
    if (s.clipMode == ClipMode::Absolute)
        s.clipAbsolute = float(m_clipAbsolute->value());
    showClipMode(s.clipMode);
    s.gain = m_gain->value();
    if (s == m_settings)
        return;
    m_settings = s;
    emit settingsChanged(m_settings);
}

} // namespace seis::gui
