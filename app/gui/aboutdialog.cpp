#include "aboutdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QVBoxLayout>
#include <QtGlobal>

namespace seis::gui {

namespace {

struct Library {
    const char* name;
    const char* use;
    const char* licence;
};

// What the programs link (objdump -p) or include, and the licences of Debian 12's packages.
constexpr Library kLibraries[] = {
    {"Qt 6 (Core, Gui, Widgets, Concurrent)", "the user interface", "LGPL-3.0 or GPL-2.0/3.0"},
    {"QCustomPlot 2.1", "the plots", "GPL-3.0-or-later"},
    {"c-blosc", "Zarr chunk compression", "BSD-3-Clause"},
    {"zstd", "Zarr chunk compression", "BSD-3-Clause (or GPL-2.0)"},
    {"zlib", "Zarr chunk compression", "Zlib"},
    {"KISS FFT", "spectra and frequency filters", "BSD-3-Clause"},
    {"nlohmann/json", "Zarr metadata, processing flows", "MIT"},
    {"Boost (Interprocess)", "memory-mapped files", "BSL-1.0"},
};

} // namespace

QString aboutText() {
    QString text = QStringLiteral("<h3>seisview %1</h3>").arg(QStringLiteral(SEIS_VERSION));
    text += AboutDialog::tr("<p>A viewer for SEG-Y files and Zarr stores of any size.</p>");
    text += AboutDialog::tr("<p>Qt %1 (built with Qt %2)</p>")
                .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR));
    text += AboutDialog::tr("<p>Libraries used:</p>") + QStringLiteral("<ul>");
    for (const Library& l : kLibraries)
        text += QStringLiteral("<li>%1: %2; %3</li>")
                    .arg(QString::fromUtf8(l.name), QString::fromUtf8(l.use),
                         QString::fromUtf8(l.licence));
    text += QStringLiteral("</ul>");
    return text;
}

AboutDialog::AboutDialog(QWidget* parent)
    : QDialog(parent) {
    setObjectName(QStringLiteral("aboutDialog"));
    setWindowTitle(tr("About seisview"));
    auto* label = new QLabel(aboutText(), this);
    label->setObjectName(QStringLiteral("aboutText"));
    label->setTextFormat(Qt::RichText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(label);
    layout->addWidget(buttons);
}

} // namespace seis::gui
