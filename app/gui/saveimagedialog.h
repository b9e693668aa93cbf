// File > Save image...: where to save the view as an image, and at what size: as on screen, or a
// chosen width and height in pixels (the plot is drawn again at that size, not scaled).
//
// Children, by objectName, for tests: "imagePath" (QLineEdit), "imageBrowse" (QToolButton),
// "imageAsOnScreen" and "imageCustom" (QRadioButton), "imageWidth" and "imageHeight" (QSpinBox),
// and the dialog's QDialogButtonBox.
//
// Ownership: a QDialog owned by its Qt parent. Threads: GUI thread only.
#pragma once

#include <QDialog>
#include <QSize>

class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace seis::gui {

class SaveImageDialog : public QDialog {
    Q_OBJECT

public:
    // `screen`: the view's size on screen; `path`: the file proposed.
    SaveImageDialog(QSize screen, const QString& path, QWidget* parent = nullptr);

    QString path() const;
    // The size chosen: the screen size, or the custom width and height.
    QSize size() const;

private:
    QSize m_screen;
    QLineEdit* m_path = nullptr;
    QRadioButton* m_asOnScreen = nullptr;
    QSpinBox* m_width = nullptr;
    QSpinBox* m_height = nullptr;
};

} // namespace seis::gui
