// A bar above the gather that says the open file changed (or could not be read because it did)
// and offers to reopen it. Non-blocking: the window stays usable; the bar stays until reopened
// or dismissed. Object names for tests: "fileChangedBar", "reopenButton", "dismissButton".
//
// Threads: GUI thread only.
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace seis::gui {

class FileChangedBar : public QFrame {
    Q_OBJECT

public:
    explicit FileChangedBar(QWidget* parent = nullptr);
    // Shows the bar with `message` (replacing what it said).
    void offer(const QString& message);
    QString message() const;

signals:
    void reopenRequested();

private:
    QLabel* m_text = nullptr;
    QPushButton* m_reopen = nullptr;
};

} // namespace seis::gui
