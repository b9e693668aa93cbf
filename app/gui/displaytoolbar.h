// The display controls: mode, colour map, clip percentile, gain. (Processing, AGC included, is
// the processing panel's: processingpanel.h.)
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
    // Multiplies the gain (the [ and ] shortcuts: a lower clip is a higher gain).
    void scaleGain(double factor);

    // "Whole file": take the clip percentile over every sample of the file instead of the
    // window. The main window computes the statistics and unchecks it if they are cancelled.
    QAction* fileClipAction() const { return m_fileClip; }

signals:
    void settingsChanged(const seis::DisplaySettings& settings);

private:
    void readControls();

    DisplaySettings m_settings;
    QComboBox* m_mode = nullptr;
    QComboBox* m_colors = nullptr;
    QDoubleSpinBox* m_clip = nullptr;
    QDoubleSpinBox* m_gain = nullptr;
    QAction* m_fileClip = nullptr;
    bool m_updating = false;
};

} // namespace seis::gui
