// Prefetch hints from the ensemble index, for the tile cache: when a view shows (part of) an
// ensemble, the previous and the next ensembles are the likely next views (PgUp/PgDn).
#pragma once

#include "seis/cache/tilecache.h"
#include "seis/ensembles/ensembleindex.h"

#include <memory>

namespace seis {

// A TileCache::NeighbourFunction returning the ensembles just before and just after the ones the
// view overlaps, as far as `index` knows them (it may still be scanning). Keeps `index` alive.
inline TileCache::NeighbourFunction
neighbouringEnsembles(std::shared_ptr<const EnsembleIndex> index) {
    return [index = std::move(index)](TraceRange view) {
        std::vector<TraceRange> out;
        if (view.count() <= 0 || view.end > index->traceCount())
            return out;
        const auto first = index->ensembleOfTrace(view.begin);
        const auto last = index->ensembleOfTrace(view.end - 1);
        if (first && first->number > 0)
            out.push_back(index->ensemble(first->number - 1).traces);
        if (last && last->number + 1 < index->count())
            out.push_back(index->ensemble(last->number + 1).traces);
        return out;
    };
}

} // namespace seis
