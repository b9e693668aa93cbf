// The sorted view of the open file: which sort is chosen (none: file order, the ensembles are
// runs of the ensemble keys), building its index on a worker behind a progress dialog, and the
// sorted source the navigator shows once it is built.
//
// A sort is one or two header keys (`cdp,offset`: CDP gathers ordered by offset). Choosing one
// builds its SortIndex with buildSortIndexAsync (jobs pool; the ensemble index cache's directory
// and bound, so a second open of the same sort of the same file is read back, not sorted); the
// dialog (JobProgressDialog: percent, ETA, Cancel) shows after half a second, and the window
// stays usable in the order it had meanwhile. A sort can only give gathers once every key is
// read and sorted, so nothing of it is shown before it finishes. Cancelling, or a failure, keeps
// the view as it was, and its sort (or file order) chosen. A new file keeps the chosen keys and
// builds their sort for it.
//
// The "Sort" action (action()) has a menu: file order, cdp and offset, fldr and offset, iline
// and xline, offset, and "Other keys..." (any one or two keys, as parseEnsembleKeys reads them).
//
// Ownership: a QObject; its dialogs are children of the widget given. Threads: GUI thread only.
#pragma once

#include "seis/base/traceheaderfield.h"

#include <QFutureWatcher>
#include <QObject>
#include <memory>
#include <vector>

class QAction;
class QActionGroup;
class QMenu;
class QToolBar;
class QWidget;

namespace seis {
class JobProgressDialog;
class SortIndex;
class SortedSource;
class TraceSource;
} // namespace seis

namespace seis::gui {

class SortControl : public QObject {
    Q_OBJECT

public:
    explicit SortControl(QWidget* dialogParent);
    ~SortControl() override; // cancels a running build

    // A new file (or none): its sort is forgotten (sortChanged() if one was shown) and the
    // chosen keys, if any, are sorted for it. `cacheMaxBytes`: the cache's bound (the ensemble
    // index cache's setting).
    void setFile(std::shared_ptr<const TraceSource> file, qint64 cacheMaxBytes);
    // Chooses a sort ("cdp,offset"; empty: file order) and starts building it. Throws
    // ArgumentError for keys parseEnsembleKeys refuses.
    void setKeys(const QString& keys);
    // The keys of the sort shown ("" in file order) and of the one chosen (built or building).
    QString shownKeys() const;
    QString chosenKeys() const { return m_chosen; }

    // The sorted view of the open file, or nullptr in file order.
    std::shared_ptr<const SortedSource> sorted() const { return m_sorted; }
    bool isBuilding() const { return m_waiting; }
    // The build's dialog while one runs (nullptr otherwise), and its future.
    JobProgressDialog* dialog() const { return m_dialog; }
    QFuture<std::shared_ptr<const SortIndex>> future() const { return m_build.future(); }
    // Waits for a running build and applies its result at once (tests and screenshots only).
    // A failure is thrown as a seis::Error with the build's message, instead of sortFailed().
    void waitForSort();

    QAction* action() const { return m_action; }
    // Puts action() on `toolBar` as a button that opens the menu.
    void addTo(QToolBar* toolBar);

signals:
    // sorted() changed: a sort was built (or read from the cache), or the view went back to file
    // order.
    void sortChanged();
    // A build failed; the message names the file and the problem.
    void sortFailed(const QString& message);
    // A build was cancelled; the view stays as it was.
    void sortCancelled();

private:
    void start();
    void finished();
    void chooseOther();
    void checkMenu();
    // A build did not end in a sort: the sort shown (or file order) is the one chosen again.
    void keepShown();

    QWidget* m_parent;
    QAction* m_action = nullptr;
    QMenu* m_menu = nullptr;
    QActionGroup* m_group = nullptr;
    std::shared_ptr<const TraceSource> m_file;
    qint64 m_cacheMaxBytes = 0;
    QString m_chosen;
    std::vector<HeaderField> m_chosenFields;
    std::shared_ptr<const SortedSource> m_sorted;
    QFutureWatcher<std::shared_ptr<const SortIndex>> m_build;
    JobProgressDialog* m_dialog = nullptr;
    bool m_waiting = false; // m_build holds a build whose end is not handled yet
};

} // namespace seis::gui
