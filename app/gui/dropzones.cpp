#include "dropzones.h"

#include "jobqueue.h"

#include <QFileInfo>
#include <QPainter>
#include <QPainterPath>

namespace seis::gui {

DropZones::DropZones(QWidget* window)
    : QWidget(window) {
    setObjectName(QStringLiteral("dropZones"));
    // The window handles the drag; the overlay only shows it.
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAcceptDrops(false);
    hide();
}

void DropZones::begin(const QStringList& paths, bool convert) {
    m_paths = paths;
    m_convert = convert;
    m_firstTarget = convert && !paths.isEmpty()
                        ? QFileInfo(JobQueue::storePathFor(paths.front())).fileName()
                        : QString();
    m_highlighted = Zone::None;
    m_active = true;
    setGeometry(parentWidget()->rect());
    raise();
    show();
    update();
}

void DropZones::end() {
    m_active = false;
    m_highlighted = Zone::None;
    hide();
}

DropZones::Zone DropZones::zoneAt(QPoint pos) const {
    if (!m_active || !rect().contains(pos))
        return Zone::None;
    if (!m_convert)
        return Zone::Open;
    return pos.x() < width() / 2 ? Zone::Open : Zone::Convert;
}

void DropZones::setHighlighted(Zone zone) {
    if (zone == m_highlighted)
        return;
    m_highlighted = zone;
    update();
}

QRect DropZones::zoneRect(Zone zone) const {
    const int margin = 24;
    const QRect all = rect().adjusted(margin, margin, -margin, -margin);
    if (!m_convert || zone == Zone::None)
        return all;
    const int half = width() / 2;
    return zone == Zone::Open
               ? QRect(QPoint(all.left(), all.top()), QPoint(half - margin / 2, all.bottom()))
               : QRect(QPoint(half + margin / 2, all.top()), all.bottomRight());
}

void DropZones::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.fillRect(rect(), QColor(20, 24, 32, 200));

    const QColor accent = palette().color(QPalette::Highlight);
    QFont title = font();
    title.setPointSizeF(title.pointSizeF() * 2.0);
    title.setBold(true);
    QFont detail = font();
    detail.setPointSizeF(detail.pointSizeF() * 1.2);

    const QString first = m_paths.isEmpty() ? QString() : QFileInfo(m_paths.front()).fileName();
    const qsizetype n = m_paths.size();
    auto drawZone = [&](Zone zone, const QString& heading, const QString& text) {
        const QRectF box = QRectF(zoneRect(zone)).adjusted(0.5, 0.5, -0.5, -0.5);
        const bool lit = m_highlighted == zone;
        QPainterPath path;
        path.addRoundedRect(box, 16, 16);
        p.fillPath(path, lit ? QColor(accent.red(), accent.green(), accent.blue(), 150)
                             : QColor(255, 255, 255, 28));
        QPen pen(lit ? QColor(255, 255, 255) : QColor(255, 255, 255, 150), lit ? 3 : 2,
                 lit ? Qt::SolidLine : Qt::DashLine);
        p.setPen(pen);
        p.drawPath(path);
        p.setPen(Qt::white);
        const QRectF inner = box.adjusted(24, 0, -24, 0);
        const qreal mid = box.center().y();
        p.setFont(title);
        p.drawText(QRectF(inner.left(), mid - 60, inner.width(), 50),
                   Qt::AlignHCenter | Qt::AlignBottom, heading);
        p.setFont(detail);
        p.drawText(QRectF(inner.left(), mid + 4, inner.width(), box.bottom() - mid - 8),
                   Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
    };
    const QString openText =
        n > 1 ? tr("Show %1\n(the first of %2 files)").arg(first).arg(n) : tr("Show %1").arg(first);
    drawZone(Zone::Open, tr("Open"), openText);
    if (m_convert)
        drawZone(Zone::Convert, tr("Convert to Zarr"),
                 n > 1 ? tr("%1 files, each to NAME.zarr beside it,\nin the background").arg(n)
                       : tr("%1 to %2 beside it,\nin the background").arg(first, m_firstTarget));
}

} // namespace seis::gui
