#include "seis/colorbar.h"

#include "seis/gatherview.h"

#include <QImage>
#include <QPainter>
#include <algorithm>
#include <cmath>

namespace seis {

namespace {

constexpr int kMargin = 4;     // px around everything
constexpr int kRampWidth = 14; // px
constexpr int kTick = 4;       // px of a tick mark beside the ramp

} // namespace

QString colorBarLabel(double value) {
    return QString::number(value, 'g', 4);
}

ColorBar::ColorBar(QWidget* parent)
    : QWidget(parent) {
    setObjectName(QStringLiteral("colorBar"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Preferred);
    setToolTip(tr("Amplitude scale: the amplitudes the ends of the colour map stand for (clip / "
                  "gain), in the units of the cursor readout"));
}

void ColorBar::follow(GatherView* view) {
    disconnect(m_connection);
    m_view = view;
    if (!view)
        return;
    m_connection = connect(view, &GatherView::scaleChanged, this, &ColorBar::followView);
    followView();
}

void ColorBar::followView() {
    if (!m_view)
        return;
    setScale(m_view->settings().colorMap, m_view->clipValue(), m_view->settings().gain,
             m_view->densityVisible());
}

void ColorBar::setScale(ColorMapId map, float clip, double gain, bool colours) {
    const double c = (std::isfinite(clip) && clip > 0.0f) ? double(clip) : 1.0;
    const double g = (std::isfinite(gain) && gain > 0.0) ? gain : 1.0;
    if (map != m_map)
        m_lut = colorLut(map);
    m_map = map;
    m_top = c / g;
    m_colours = colours;
    updateGeometry(); // the labels' width may have changed
    update();
}

QString ColorBar::topLabel() const {
    return colorBarLabel(top());
}

QString ColorBar::bottomLabel() const {
    return colorBarLabel(bottom());
}

QString ColorBar::caption() const {
    return m_colours ? tr("amplitude") : tr("clip: 1 trace");
}

QRect ColorBar::rampRect() const {
    const int line = fontMetrics().height();
    int top = kMargin + line + kMargin;
    int bottom = height() - 1 - kMargin - line / 2;
    // Beside the view: the ramp spans the plot area, so its ends sit level with the data's.
    if (m_view && m_view->window() == window() && m_view->isVisible()) {
        const QRect plot = m_view->plotRect();
        const int plotTop = mapFrom(window(), m_view->mapTo(window(), plot.topLeft())).y();
        const int plotBottom = mapFrom(window(), m_view->mapTo(window(), plot.bottomLeft())).y();
        if (plotBottom - plotTop > 2 * line) {
            top = std::max(top, plotTop);
            bottom = std::min(bottom, plotBottom);
        }
    }
    return QRect(kMargin, top, kRampWidth, std::max(2, bottom - top + 1));
}

QSize ColorBar::sizeHint() const {
    const QFontMetrics m = fontMetrics();
    const int labels =
        std::max({m.horizontalAdvance(topLabel()), m.horizontalAdvance(bottomLabel()),
                  m.horizontalAdvance(QStringLiteral("-0.0000e-00"))});
    // Room for either caption, so a change of mode does not move the view.
    const int captions =
        std::max(m.horizontalAdvance(tr("amplitude")), m.horizontalAdvance(tr("clip: 1 trace")));
    const int width =
        std::max(kMargin + kRampWidth + kTick + 2 + labels + kMargin, kMargin + captions + kMargin);
    return {width, 200};
}

QSize ColorBar::minimumSizeHint() const {
    return {sizeHint().width(), 4 * fontMetrics().height()};
}

void ColorBar::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QRect ramp = rampRect();
    const QFontMetrics m = fontMetrics();
    painter.setPen(palette().color(QPalette::WindowText));
    painter.drawText(QRect(0, ramp.top() - kMargin - m.height(), width(), m.height()),
                     Qt::AlignHCenter | Qt::AlignBottom, caption());

    const int h = ramp.height();
    if (m_colours) {
        // One row per LUT step: row y of the ramp shows entry round((h - 1 - y) * 255 / (h - 1)).
        QImage image(1, h, QImage::Format_RGB32);
        for (int y = 0; y < h; ++y) {
            const int k = int(std::lround(double(h - 1 - y) * 255.0 / double(h - 1)));
            image.setPixel(0, y, m_lut[std::size_t(k)]);
        }
        painter.drawImage(ramp, image);
        painter.setPen(palette().color(QPalette::Mid));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(ramp.adjusted(-1, -1, 0, 0));
    } else {
        // A scale line: the wiggle's full deflection either way.
        painter.setPen(palette().color(QPalette::WindowText));
        const int x = ramp.center().x();
        painter.drawLine(x, ramp.top(), x, ramp.bottom());
        painter.drawLine(ramp.left(), ramp.top(), ramp.right(), ramp.top());
        painter.drawLine(ramp.left(), ramp.bottom(), ramp.right(), ramp.bottom());
    }

    // Ticks and numbers at both ends and at zero.
    painter.setPen(palette().color(QPalette::WindowText));
    const int tx = ramp.right() + 1;
    const int lx = tx + kTick + 2;
    const auto mark = [&](int y, const QString& text, Qt::Alignment vertical) {
        painter.drawLine(tx, y, tx + kTick, y);
        QRect box(lx, y - m.height() / 2, width() - lx, m.height());
        if (vertical == Qt::AlignTop)
            box.moveTop(y - m.ascent() / 3);
        else if (vertical == Qt::AlignBottom)
            box.moveBottom(y + m.ascent() / 3);
        painter.drawText(box, Qt::AlignLeft | Qt::AlignVCenter, text);
    };
    mark(ramp.top(), topLabel(), Qt::AlignTop);
    mark(ramp.top() + (h - 1) / 2, QStringLiteral("0"), Qt::AlignVCenter);
    mark(ramp.bottom(), bottomLabel(), Qt::AlignBottom);
}

} // namespace seis
