#include "seis/base/tracesink.h"

namespace seis {

TraceSink::~TraceSink() = default;

} // namespace seis
