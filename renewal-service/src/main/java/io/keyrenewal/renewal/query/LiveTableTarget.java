package io.keyrenewal.renewal.query;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.hibernate.Session;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the rebuilt views straight into {@code renewal_view}, batch by batch, each view unless the live projection
 * has moved it past meanwhile. Works on every database; {@link SwappedTableTarget} is the faster way on PostgreSQL.
 */
final class LiveTableTarget implements RebuildTarget {

    private static final int WRITE_ATTEMPTS = 3;

    private final EntityManager entityManager;
    private final TransactionTemplate transaction;
    private final Set<String> existedAtStart;

    LiveTableTarget(JdbcTemplate jdbc, EntityManager entityManager, TransactionTemplate transaction) {
        this.entityManager = entityManager;
        this.transaction = transaction;
        this.existedAtStart = ConcurrentHashMap.newKeySet();
        existedAtStart.addAll(jdbc.queryForList("select renewal_id from renewal_view", String.class));
    }

    /**
     * Writes a batch in one transaction, except the views the live projection has moved past. Only renewals whose
     * view existed when the rebuild started are looked up and locked: the live projection creates a view with the
     * renewal's first event, so no other view can appear meanwhile (should one all the same, the batch is written
     * again, looking up every view).
     */
    @Override
    public void write(List<RenewalView> views) {
        for (int attempt = 1; ; attempt++) {
            boolean lookUpAll = attempt > 1;
            try {
                transaction.executeWithoutResult(status -> writeUnlessNewer(views.stream()
                        .filter(view -> lookUpAll || existedAtStart.contains(view.getRenewalId())).toList(), views));
                return;
            } catch (DataIntegrityViolationException insertedMeanwhile) {
                if (attempt == WRITE_ATTEMPTS) {
                    throw insertedMeanwhile;
                }
            }
        }
    }

    private void writeUnlessNewer(List<RenewalView> existing, List<RenewalView> rebuilt) {
        entityManager.unwrap(Session.class).setJdbcBatchSize(rebuilt.size());
        Map<String, RenewalView> live = existing.isEmpty() ? Map.of() : entityManager.createQuery(
                        "select v from RenewalView v where v.renewalId in :ids", RenewalView.class)
                .setParameter("ids", existing.stream().map(RenewalView::getRenewalId).toList())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream().collect(Collectors.toMap(RenewalView::getRenewalId, Function.identity()));
        for (RenewalView view : rebuilt) {
            RenewalView current = live.get(view.getRenewalId());
            if (current == null) {
                entityManager.persist(view);
            } else if (current.getLastSequence() == null || current.getLastSequence() <= view.getLastSequence()) {
                entityManager.merge(view);
            }
        }
    }

    @Override
    public RenewalView takeBack(String renewalId) {
        RenewalView written = transaction.execute(status -> entityManager.find(RenewalView.class, renewalId));
        if (written != null) {
            existedAtStart.add(renewalId);
        }
        return written;
    }

    @Override
    public void complete() {
        // every batch went into the live table as it was written
    }

    @Override
    public void close() {
        // nothing held
    }
}
