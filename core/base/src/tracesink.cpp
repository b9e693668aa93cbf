#include "seis/base/tracesink.h"

namespace seis {

TraceSink::~TraceSink() = default;

bool TraceSink::wantsDecodedSamples() const {
    return true;
}

} // namespace seis
