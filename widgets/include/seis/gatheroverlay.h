// Something drawn over a GatherView's data that may take the view's mouse events: picks, for
// example (pickoverlay.h). The view owns nothing of it; an overlay removes itself from the view
// (GatherView::removeOverlay) before it goes, or lives as long as the view.
//
// Coordinates: the view's own widget coordinates (GatherView::pointOf, traceAt, timeAt convert).
// Threads: GUI thread only.
#pragma once

class QMouseEvent;
class QPainter;

namespace seis {

class GatherView;

class GatherOverlay {
public:
    virtual ~GatherOverlay();
    // Draws over the data, clipped to the plot area; called on every redraw of the view and of
    // its overlays (GatherView::updateOverlays).
    virtual void paint(QPainter& painter, const GatherView& view) = 0;
    // A mouse press, move, release or double-click over the view, in the view's coordinates,
    // before the view pans or zooms with it. Returns true when the overlay took it (the view
    // then ignores it). The default takes nothing.
    virtual bool mouseEvent(QMouseEvent& event);
};

} // namespace seis
