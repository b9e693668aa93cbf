// The display controls: mode, colour map, clip (a percentile of the window, or an absolute value
// in amplitude units kept for every gather and file), gain. (Processing, AGC included, is the
// processing panel's: processingpanel.h.)
//
// Gain steps: the gain spin box's arrows and the [ and ] keys (stepGain) multiply or divide the
// gain by kGainStep (about 2 dB). The absolute clip's arrows do the same to the clip.
//
// Threads: GUI thread only.
#pragma once

#include <seis/displaysettings.h>

#include <QToolBar>

class QAction;
class QComboBox;
class QDoubleSpinBox;

namespace seis::gui {

class DisplayToolBar : public QToolBar {
    Q_OBJECT

public:
    explicit DisplayToolBar(QWidget* parent = nullptr);

    DisplaySettings settings() const { return m_settings; }
    // Shows `settings` in the controls (emits settingsChanged if they differ).
    void setSettings(const DisplaySettings& settings);
    static constexpr double kGainStep = 1.25;
    // Steps the gain as the spin box's arrows do: `steps` > 0 raises it (the ] key), < 0 lowers
    // it (the [ key), kGainStep a step, within the spin box's range (0.01 to 1000).
    void stepGain(int steps);
    // The clip the view uses now (amplitude units): where the absolute clip starts when the clip
    // mode is switched from percentile to absolute, so the picture does not jump. Ignored in
    // absolute mode.
    void setClipInUse(float clip);

    // "Whole file": take the clip percentile over every sample of the file instead of the
    // window. The main window computes the statistics and unchecks it if they are cancelled.
    QAction* fileClipAction() const { return m_fileClip; }

signals:
    void settingsChanged(const seis::DisplaySettings& settings);

private:
    void readControls();
    void showClipMode(ClipMode mode);

    DisplaySettings m_settings;
    QComboBox* m_mode = nullptr;
    QComboBox* m_colors = nullptr;
    QAction* m_percentileMode = nullptr; // clip modes, in the Clip button's menu
    QAction* m_absoluteMode = nullptr;
    QDoubleSpinBox* m_clip = nullptr;         // percentile
    QDoubleSpinBox* m_clipAbsolute = nullptr; // amplitude units
    QAction* m_clipAction = nullptr;          // shows m_clip in the toolbar
    QAction* m_clipAbsoluteAction = nullptr;  // shows m_clipAbsolute
    QDoubleSpinBox* m_gain = nullptr;
    QAction* m_fileClip = nullptr;
    bool m_updating = false;
};

} // namespace seis::gui
