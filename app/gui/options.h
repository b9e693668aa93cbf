// The viewer's command line:
//   seisview [FILE] [--size WxH]
//   seisview --screenshot OUT.png [FILE] [--sort K1[,K2]] [--ensemble N]
//            [--mode density|wiggle|va|density+wiggle] [--flow FLOW.json] [--agc MS]
//            [--normalize] [--size WxH]
// --sort shows sorted gathers (sortcontrol.h); --ensemble then numbers those.
// Processing options make the processing panel's flow: the flow file's steps, then an AGC step,
// then a balance by the peak (--normalize); a screenshot without them shows the data unprocessed
// (never the flow kept in the settings).
#pragma once

#include <seis/displaysettings.h>

#include <QSize>
#include <QString>
#include <QStringList>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

namespace seis::gui {

struct Options {
    QString file;                    // empty: the session's last file, else the demo data
    QString screenshot;              // empty: run interactively
    QSize size{1280, 800};           // initial window size
    bool sizeGiven = false;          // --size was given (it then overrides the session's size)
    std::optional<qint64> ensemble;  // show this ensemble (0-based) instead of the first traces
    QString sort;                    // sorted gathers by these keys ("cdp,offset"); empty: none
    std::optional<DisplayMode> mode; // display mode to start in
    QString flow;                    // a flow file (seis/processing/flow.h) to start with
    double agcWindowMs = 0;          // AGC window (ms) to add to it; 0: none
    bool normalize = false;          // add a balance of each trace by its peak
    // Whether any of the three above was given.
    bool processing() const { return !flow.isEmpty() || agcWindowMs > 0 || normalize; }
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

// The processing panel's flow the options ask for (empty without processing options). Throws
// what readFlowDocument() throws for the flow file (an error naming it).
nlohmann::ordered_json startFlow(const Options& options);

} // namespace seis::gui
