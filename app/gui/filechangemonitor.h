// Notices when the open file changes on disk under the viewer: its size, modification time or
// inode differ from when it was opened (rewritten, grown, shrunk, replaced or deleted). One
// stat() on the GUI thread per check, every second; each changed state is reported once.
//
// Threads: GUI thread only. Ownership: a QObject.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace seis::gui {

class FileChangeMonitor : public QObject {
    Q_OBJECT

public:
    // Checks every `intervalMs` milliseconds while a file is watched.
    explicit FileChangeMonitor(QObject* parent = nullptr, int intervalMs = 1000);

    // Watches `path` from now on: its state now is the state "as opened". An empty path stops.
    void watch(const QString& path);
    QString path() const { return m_path; }

    // Compares the file with how it was opened; emits changed() if it differs in a way not
    // reported yet. Returns whether it differs from how it was opened (reported or not).
    bool check();

signals:
    // `description`: one sentence naming the file and what changed (its size now and then).
    void changed(const QString& path, const QString& description);

private:
    struct State {
        bool exists = false;
        qint64 size = 0;
        qint64 mtimeNs = 0;
        quint64 device = 0;
        quint64 inode = 0;
        friend bool operator==(const State&, const State&) = default;
    };
    State stat() const;
    QString describe(const State& now) const;

    QString m_path;
    State m_opened;
    State m_reported; // the last state changed() was emitted for (m_opened at first)
    QTimer m_timer;
};

} // namespace seis::gui
