// The viewer's command line:
//   seisview [FILE] [--size WxH]
//   seisview --screenshot OUT.png [FILE] [--ensemble N] [--mode density|wiggle|va|density+wiggle]
//            [--agc MS] [--normalize] [--size WxH]
#pragma once

#include <seis/displaysettings.h>

#include <QSize>
#include <QString>
#include <QStringList>
#include <optional>
#include <stdexcept>

namespace seis::gui {

struct Options {
    QString file;                    // empty: the bundled demo data
    QString screenshot;              // empty: run interactively
    QSize size{1280, 800};           // initial window size
    std::optional<qint64> ensemble;  // show this ensemble (0-based) instead of the first traces
    std::optional<DisplayMode> mode; // display mode to start in
    double agcWindowMs = 0;          // AGC window (ms) to start with; 0: off
    bool normalize = false;          // start with per-trace normalisation
};

// A command-line mistake; what() says what was wrong.
class UsageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// True if `--screenshot` is among the raw arguments. Needed before QApplication exists, to pick a
// display-less platform.
bool wantsScreenshot(int argc, char** argv);

// Parses QCoreApplication::arguments(). --help and --version print and exit the process;
// anything malformed throws UsageError.
Options parseOptions(const QStringList& arguments);

} // namespace seis::gui
