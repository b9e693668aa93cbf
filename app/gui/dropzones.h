// What the main window shows while files are dragged over it: where to drop them to open the
// first, and where to convert them all to Zarr stores. An overlay over the whole window (it
// takes no mouse or drag events itself: the window gets them and asks zoneAt()): the left half
// is "Open", the right half "Convert to Zarr"; the zone under the cursor is highlighted. When
// only opening makes sense (a Zarr store, a directory, is dragged) the whole window is "Open".
//
// Ownership: a QWidget child of the window it covers. Threads: GUI thread only.
#pragma once

#include <QStringList>
#include <QWidget>

namespace seis::gui {

class DropZones : public QWidget {
    Q_OBJECT

public:
    enum class Zone { None, Open, Convert };

    explicit DropZones(QWidget* window);

    // Covers the window and shows the zones for `paths` (the dragged files);
    // `convert`: whether the Convert zone is offered.
    void begin(const QStringList& paths, bool convert);
    // Hides the overlay.
    void end();

    // Between begin() and end().
    bool isActive() const { return m_active; }
    // The zone at `pos` (the window's coordinates): None outside the window or when not active.
    Zone zoneAt(QPoint pos) const;
    // Highlights `zone` (None: neither).
    void setHighlighted(Zone zone);
    Zone highlighted() const { return m_highlighted; }
    bool offersConvert() const { return m_convert; }

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    QRect zoneRect(Zone zone) const; // the drawn box (zoneAt uses the whole half)

    QStringList m_paths;
    QString m_firstTarget; // the store the first path would become (its name)
    bool m_convert = false;
    bool m_active = false;
    Zone m_highlighted = Zone::None;
};

} // namespace seis::gui
