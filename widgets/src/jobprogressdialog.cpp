#include "seis/jobprogressdialog.h"

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace seis {

namespace {

constexpr int kDefaultMinimumDurationMs = 400;
// QFuture drops progress signals that come less than 40 ms after the previous one (at most 25 a
// second), so the last value before a pause may never be signalled; the dialog also reads the
// future's current progress this often.
constexpr int kPollMs = 200;

} // namespace

struct JobProgressDialog::Impl {
    QLabel* label = nullptr;
    QProgressBar* bar = nullptr;
    QLabel* text = nullptr;
    QPushButton* cancel = nullptr;
    QTimer showTimer;
    QTimer pollTimer;
    // Replaced on every watch(), so that a signal still queued from an earlier future can never
    // reach this dialog's slots.
    std::unique_ptr<QFutureWatcher<void>> watcher;
    QFuture<void> future;
    bool watching = false;
    int minimumDuration = kDefaultMinimumDurationMs;
    int rangeMinimum = 0;
    int rangeMaximum = 0;
    int value = 0;
};

JobProgressDialog::JobProgressDialog(const QString& title, const QString& label, QWidget* parent)
    : QDialog(parent)
    , d(std::make_unique<Impl>()) {
    setObjectName(QStringLiteral("jobProgressDialog"));
    setWindowTitle(title);
    setModal(false);
    setWindowModality(Qt::NonModal);

    d->label = new QLabel(label, this);
    d->label->setObjectName(QStringLiteral("jobProgressLabel"));
    d->label->setWordWrap(true);
    d->bar = new QProgressBar(this);
    d->bar->setObjectName(QStringLiteral("jobProgressBar"));
    d->bar->setRange(0, 100);
    d->bar->setValue(0);
    d->text = new QLabel(this);
    d->text->setObjectName(QStringLiteral("jobProgressText"));
    d->text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->cancel = new QPushButton(tr("Cancel"), this);
    d->cancel->setObjectName(QStringLiteral("jobProgressCancel"));
    d->cancel->setAutoDefault(false);
    connect(d->cancel, &QPushButton::clicked, this, &JobProgressDialog::cancel);

    auto* buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(d->cancel);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(d->label);
    layout->addWidget(d->bar);
    layout->addWidget(d->text);
    layout->addLayout(buttons);
    // Room for "42% · 12,345 traces/s · 120.5 MB/s · ETA 0:35" without the dialog resizing.
    setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 60);

    d->showTimer.setSingleShot(true);
    connect(&d->showTimer, &QTimer::timeout, this, &JobProgressDialog::showIfRunning);
    d->pollTimer.setInterval(kPollMs);
    connect(&d->pollTimer, &QTimer::timeout, this, &JobProgressDialog::poll);
}

JobProgressDialog::~JobProgressDialog() = default;

void JobProgressDialog::watchFuture(const QFuture<void>& future) {
    d->showTimer.stop();
    d->pollTimer.stop();
    d->watcher = std::make_unique<QFutureWatcher<void>>();
    QFutureWatcher<void>* w = d->watcher.get();
    d->future = future;
    d->watching = true;
    d->rangeMinimum = d->rangeMaximum = d->value = 0;
    d->bar->setRange(0, 100);
    d->bar->setValue(0);
    d->text->clear();
    d->cancel->setText(tr("Cancel"));
    d->cancel->setEnabled(true);
    connect(w, &QFutureWatcherBase::progressRangeChanged, this,
            &JobProgressDialog::onProgressRange);
    connect(w, &QFutureWatcherBase::progressValueChanged, this,
            &JobProgressDialog::onProgressValue);
    connect(w, &QFutureWatcherBase::progressTextChanged, d->text, &QLabel::setText);
    connect(w, &QFutureWatcherBase::finished, this, &JobProgressDialog::onFinished);
    // After the connections: the watcher replays the future's state (finished included) from
    // the event loop.
    w->setFuture(future);
    if (future.isFinished())
        return;
    d->pollTimer.start();
    if (d->minimumDuration <= 0)
        show();
    else
        d->showTimer.start(d->minimumDuration);
}

QFuture<void> JobProgressDialog::future() const {
    return d->future;
}

bool JobProgressDialog::isWatching() const {
    return d->watching;
}

void JobProgressDialog::setMinimumDuration(int ms) {
    d->minimumDuration = std::max(0, ms);
}

int JobProgressDialog::minimumDuration() const {
    return d->minimumDuration;
}

void JobProgressDialog::setLabelText(const QString& text) {
    d->label->setText(text);
}

QString JobProgressDialog::labelText() const {
    return d->label->text();
}

void JobProgressDialog::cancel() {
    if (!d->watching)
        return;
    d->future.cancel();
    d->cancel->setText(tr("Cancelling..."));
    d->cancel->setEnabled(false);
}

void JobProgressDialog::reject() {
    if (d->watching)
        cancel();
    else
        QDialog::reject();
}

void JobProgressDialog::onProgressRange(int minimum, int maximum) {
    d->rangeMinimum = minimum;
    d->rangeMaximum = maximum;
    updateBar();
}

void JobProgressDialog::onProgressValue(int value) {
    d->value = value;
    updateBar();
}

void JobProgressDialog::updateBar() {
    if (d->rangeMaximum <= d->rangeMinimum) {
        d->bar->setRange(0, 0); // total unknown (yet): a busy indicator
        return;
    }
    d->bar->setRange(0, 100);
    const qint64 span = qint64(d->rangeMaximum) - d->rangeMinimum;
    const qint64 done = std::clamp<qint64>(qint64(d->value) - d->rangeMinimum, 0, span);
    d->bar->setValue(int(done * 100 / span));
}

void JobProgressDialog::poll() {
    if (!d->watching)
        return;
    const int minimum = d->future.progressMinimum();
    const int maximum = d->future.progressMaximum();
    const int value = d->future.progressValue();
    if (minimum != d->rangeMinimum || maximum != d->rangeMaximum || value != d->value) {
        d->rangeMinimum = minimum;
        d->rangeMaximum = maximum;
        d->value = value;
        updateBar();
    }
    const QString text = d->future.progressText();
    if (text != d->text->text())
        d->text->setText(text);
}

void JobProgressDialog::showIfRunning() {
    if (d->watching && !d->future.isFinished())
        show();
}

void JobProgressDialog::onFinished() {
    d->showTimer.stop();
    d->pollTimer.stop();
    d->watching = false;
    hide();
    emit finished(d->future.isCanceled());
}

} // namespace seis
