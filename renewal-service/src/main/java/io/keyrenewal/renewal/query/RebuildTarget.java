package io.keyrenewal.renewal.query;

import java.util.List;

/**
 * Where a read-model rebuild writes the views it folded. Batches are written by writer threads while the fold goes
 * on; a view written earlier can be taken back when more events of its renewal follow, and is then written again.
 */
interface RebuildTarget extends AutoCloseable {

    /** Writes refolded views, each at most once until it is taken back. */
    void write(List<RenewalView> views);

    /** The view as written for {@code renewalId}, or as the live projection has moved it on since; null if none. */
    RenewalView takeBack(String renewalId);

    /** Every view is written: they become the read model. */
    void complete();

    /** Releases what the rebuild held; a rebuild not completed leaves the read model as it was. */
    @Override
    void close();
}
