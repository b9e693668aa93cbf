// The display controls: mode, colour map, clip percentile, gain, AGC window, normalisation.
//
// Threads: GUI thread only.
#pragma once

#include <seis/displaysettings.h>

#include <QToolBar>

class QComboBox;
class QDoubleSpinBox;
class QCheckBox;

namespace seis::gui {

class DisplayToolBar : public QToolBar {
    Q_OBJECT

public:
    explicit DisplayToolBar(QWidget* parent = nullptr);

    DisplaySettings settings() const { return m_settings; }
    // Shows `settings` in the controls (emits settingsChanged if they differ).
    void setSettings(const DisplaySettings& settings);
    // Multiplies the gain (the [ and ] shortcuts: a lower clip is a higher gain).
    void scaleGain(double factor);

signals:
    void settingsChanged(const seis::DisplaySettings& settings);

private:
    void readControls();

    DisplaySettings m_settings;
    QComboBox* m_mode = nullptr;
    QComboBox* m_colors = nullptr;
    QDoubleSpinBox* m_clip = nullptr;
    QDoubleSpinBox* m_gain = nullptr;
    QDoubleSpinBox* m_agc = nullptr;
    QCheckBox* m_normalize = nullptr;
    bool m_updating = false;
};

} // namespace seis::gui
