// The colour bar beside the gather view: the amplitude scale of the picture, with the clip and
// the gain applied. Its ends are the amplitudes the colour map's ends stand for, +clip / gain at
// the top (LUT entry 255) and -clip / gain at the bottom (entry 0), 0 in the middle, in the units
// of the processed amplitudes the cursor readout shows (after processing, before gain); see
// GatherView ("Scale").
//
// Display modes: in the density modes (and in a wiggle mode fallen back to density because
// traces are too narrow) it shows the colour map. Where only wiggles are drawn (wiggle and
// variable area at a zoom that shows them) there are no colours to explain, so the ramp gives way
// to a plain scale line with the same numbers and the caption "clip: 1 trace": a wiggle deflects
// one trace spacing at +-clip / gain. The clip stays readable in every mode.
//
// Ownership: a QWidget owned by its Qt parent; follow() keeps no ownership of the view.
// Threads: GUI thread only.
#pragma once

#include "seis/displaysettings.h"

#include <QPointer>
#include <QWidget>

namespace seis {

class GatherView;

class ColorBar : public QWidget {
    Q_OBJECT

public:
    explicit ColorBar(QWidget* parent = nullptr);

    // Shows the scale of `view` and follows it (GatherView::scaleChanged) from now on: its
    // colour map, clip in use, gain and whether it draws colours; the ramp is aligned with the
    // view's plot area where both are in one window. nullptr: stops following, keeps the scale.
    void follow(GatherView* view);

    // Shows colour map `map` for a clip `clip` (amplitude units, > 0; anything else counts as 1,
    // as the view does) and `gain` (> 0): the ends stand for -+clip / gain. `colours` false: the
    // wiggle scale (see above).
    void setScale(ColorMapId map, float clip, double gain, bool colours);

    // The amplitudes at the ends: +clip / gain at the top, -clip / gain at the bottom.
    double top() const { return m_top; }
    double bottom() const { return -m_top; }
    // The numbers written at the ends, as shown.
    QString topLabel() const;
    QString bottomLabel() const;
    ColorMapId colorMap() const { return m_map; }
    bool showsColours() const { return m_colours; }
    QString caption() const;
    // Where the ramp is drawn, in the widget's coordinates: row y shows LUT entry
    // round((bottom - y) * 255 / (height - 1)) (bottom = the rect's last row: entry 0; top: 255).
    QRect rampRect() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;

private:
    void followView();

    QPointer<GatherView> m_view;
    QMetaObject::Connection m_connection;
    ColorMapId m_map = ColorMapId::Grey;
    ColorLut m_lut = colorLut(ColorMapId::Grey);
    double m_top = 1.0;
    bool m_colours = true;
};

// The number written for an amplitude of the scale: 4 significant digits.
QString colorBarLabel(double value);

} // namespace seis
