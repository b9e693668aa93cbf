#include "statusreadout.h"

#include "seis/base/headerscalars.h"
#include <seis/gathernavigator.h>

#include <QLabel>
#include <algorithm>

namespace seis::gui {

StatusReadout::StatusReadout(QLabel* cursor, QLabel* view, QObject* parent)
    : QObject(parent)
    , m_cursor(cursor)
    , m_view(view) {}

void StatusReadout::setKeys(std::vector<HeaderField> keys) {
    m_keys = std::move(keys);
}

std::vector<HeaderField> StatusReadout::fieldsNeeded(std::vector<HeaderField> have) const {
    const auto add = [&](const HeaderField& f) {
        const bool held = std::any_of(have.begin(), have.end(), [&](const HeaderField& h) {
            return h.name == f.name || (h.byte == f.byte && h.type == f.type);
        });
        if (!held)
            have.push_back(f);
    };
    for (const HeaderField& k : m_keys)
        add(k);
    const std::vector<HeaderField> fields = have;
    for (const HeaderField& k : fields)
        if (const HeaderScalar s = headerScalarOf(k); s != HeaderScalar::None)
            add(scalarField(s));
    return have;
}

namespace {

// The column of `field` in `headers`: by name, or by the same bytes and type.
qsizetype columnOf(const WindowHeaders& headers, const HeaderField& field) {
    if (const qsizetype k = headers.indexOf(field.name); k >= 0)
        return k;
    for (std::size_t k = 0; k < headers.fields.size(); ++k)
        if (headers.fields[k].byte == field.byte && headers.fields[k].type == field.type)
            return qsizetype(k);
    return -1;
}

} // namespace

QString StatusReadout::cursorText(qint64 trace, double timeMs, float amplitude,
                                  const WindowHeaders& headers, qint64 fileTrace) const {
    QString keys;
    for (const HeaderField& f : m_keys) {
        const auto v = headers.value(columnOf(headers, f), trace);
        if (!v)
            continue;
        QString text = QString::number(*v);
        if (const HeaderScalar s = headerScalarOf(f); s != HeaderScalar::None) {
            // Without its scalar in the window the value is shown as stored.
            if (const auto scalar = headers.value(columnOf(headers, scalarField(s)), trace))
                text = formatScaledValue(applySegyScalar(*v, *scalar));
        }
        keys += QStringLiteral("   %1 %2").arg(f.name, text);
    }
    return tr("trace %1%2   %3 ms   amplitude %4")
        .arg((fileTrace >= 0 ? fileTrace : trace) + 1)
        .arg(keys)
        .arg(timeMs, 0, 'f', 1)
        .arg(amplitude, 0, 'g', 5);
}

void StatusReadout::showCursor(qint64 trace, double timeMs, float amplitude,
                               const WindowHeaders& headers, qint64 fileTrace) {
    m_cursor->setText(cursorText(trace, timeMs, amplitude, headers, fileTrace));
}

void StatusReadout::clearCursor() {
    m_cursor->clear();
}

QString StatusReadout::viewText(TraceRange traces, qint64 total, std::optional<qint64> ensemble,
                                const QString& sortKeys) {
    if (traces.count() <= 0)
        return {};
    if (!sortKeys.isEmpty()) {
        const QString count = tr("%1 traces of %2").arg(traces.count()).arg(total);
        return ensemble ? tr("gather %1 by %2: %3").arg(*ensemble + 1).arg(sortKeys, count)
                        : tr("sorted by %1: %2").arg(sortKeys, count);
    }
    const QString range = tr("traces %1-%2 of %3").arg(traces.begin + 1).arg(traces.end).arg(total);
    return ensemble ? tr("ensemble %1: %2").arg(*ensemble + 1).arg(range) : range;
}

void StatusReadout::showView(TraceRange traces, qint64 total, std::optional<qint64> ensemble,
                             const QString& sortKeys) {
    m_view->setText(viewText(traces, total, ensemble, sortKeys));
}

void StatusReadout::clearView() {
    m_view->clear();
}

} // namespace seis::gui
