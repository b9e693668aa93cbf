// Where the bundled demo data live.
#pragma once

#include <QString>

namespace seis::gui {

// The demo SEG-Y file: the build tree's copy, else one beside a moved build tree or an installed
// executable. If none exists, the build-tree path, so that the open error names a real place.
QString demoFilePath();

} // namespace seis::gui
