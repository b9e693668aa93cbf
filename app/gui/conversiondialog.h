// The options of File > Convert to Zarr...: the files to convert (and the stores they become),
// the chunk shape (traces and samples per chunk, 0 for the automatic choice), the codec, its
// level and the shuffle. The caller stores the accepted settings (ConversionSettings::save).
//
// Children, by objectName, for tests: "chunkTraces", "chunkSamples", "level" (QSpinBox),
// "codec", "shuffle" (QComboBox).
//
// Ownership: a QDialog owned by its Qt parent (or the caller). Threads: GUI thread only.
#pragma once

#include "conversionsettings.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QSpinBox;

namespace seis::gui {

class ConversionDialog : public QDialog {
    Q_OBJECT

public:
    ConversionDialog(const ConversionSettings& settings, const QStringList& files,
                     QWidget* parent = nullptr);

    ConversionSettings settings() const;
    void setSettings(const ConversionSettings& settings);

private:
    void codecChanged();

    QSpinBox* m_chunkTraces = nullptr;
    QSpinBox* m_chunkSamples = nullptr;
    QComboBox* m_codec = nullptr;
    QSpinBox* m_level = nullptr;
    QComboBox* m_shuffle = nullptr;
};

} // namespace seis::gui
