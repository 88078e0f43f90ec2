package io.keyrenewal.messaging;

import io.keyrenewal.contracts.MalformedMessage;
import org.apache.kafka.common.errors.RetriableException;
import org.springframework.core.convert.ConversionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.handler.invocation.MethodArgumentResolutionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Tells a passing failure from a refusal, walking the whole cause chain of what a listener threw. A transient cause
 * anywhere in the chain wins: an exception that wraps a database outage is an outage, whatever wraps it. Otherwise
 * the outermost exception a service declared permanent (or {@link MalformedMessage}) decides. Anything else is
 * {@link FailureKind#UNKNOWN}.
 *
 * <p>Types of libraries a service may not have (Hibernate, Axon, H2) are recognised by name, so this module needs
 * none of them.
 */
public final class FailureClassifier {

    /** SQLState classes: connection exception, insufficient resources, operator intervention (e.g. admin shutdown). */
    private static final Set<String> TRANSIENT_SQL_STATE_CLASSES = Set.of("08", "53", "57");
    /** SQLStates: serialization failure, deadlock (PostgreSQL). */
    private static final Set<String> TRANSIENT_SQL_STATES = Set.of("40001", "40P01");
    /**
     * H2 error codes (org.h2.api.ErrorCode) for a database that is closed, closing, broken or busy: it cannot answer
     * now, and no record is to blame. DATABASE_IS_CLOSED, DATABASE_CALLED_AT_SHUTDOWN, CONNECTION_BROKEN_1,
     * OUT_OF_MEMORY, IO_EXCEPTION_1, IO_EXCEPTION_2, FILE_CORRUPTED_1, LOCK_TIMEOUT_1, DEADLOCK_1,
     * CONCURRENT_UPDATE_1, DATABASE_IS_IN_EXCLUSIVE_MODE.
     */
    private static final Set<Integer> TRANSIENT_H2_ERROR_CODES = Set.of(90098, 90121, 90067, 90108, 90028, 90031,
            90030, 50200, 40001, 90131, 90135);
    private static final List<String> TRANSIENT_TYPE_NAMES = List.of(
            // Hibernate: the JDBC connection failed
            "org.hibernate.exception.JDBCConnectionException",
            // Axon: another writer appended to the aggregate first (the unique aggregate id + sequence key), or
            // its lock was held too long; handled again, the command meets the new state
            "org.axonframework.modelling.command.ConcurrencyException",
            "org.axonframework.common.lock.LockAcquisitionFailedException",
            // H2's storage engine failed (it then closes the database)
            "org.h2.mvstore.MVStoreException");
    private static final String HIKARI_CLOSED_CONNECTION = "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection";
    /** Records no listener can read: permanent in every service. */
    private static final List<Class<? extends Throwable>> UNREADABLE = List.of(MalformedMessage.class,
            DeserializationException.class, MessageConversionException.class, ConversionException.class,
            MethodArgumentResolutionException.class);

    private final List<PermanentFailures> permanent;

    public FailureClassifier(List<PermanentFailures> permanent) {
        this.permanent = List.copyOf(permanent);
    }

    /** Only the refusals every service shares ({@link MalformedMessage} and unreadable records). */
    public static FailureClassifier withoutServiceRefusals() {
        return new FailureClassifier(List.of());
    }

    public FailureKind kindOf(Throwable failure) {
        return classify(failure).kind();
    }

    public Classification classify(Throwable failure) {
        List<Throwable> chain = causeChain(failure);
        for (Throwable cause : chain) {
            if (isTransient(cause)) {
                return new Classification(FailureKind.TRANSIENT, cause);
            }
        }
        for (Throwable cause : chain) {
            if (isPermanent(cause)) {
                return new Classification(FailureKind.PERMANENT, cause);
            }
        }
        return new Classification(FailureKind.UNKNOWN, chain.stream()
                .filter(cause -> !(cause instanceof ListenerExecutionFailedException))
                .findFirst().orElse(failure));
    }

    /** The reason a service gives for a permanent failure of one of its own types, if it describes it itself. */
    Optional<String> serviceReason(Throwable cause) {
        return permanent.stream().map(failures -> failures.reason(cause)).flatMap(Optional::stream).findFirst();
    }

    private boolean isPermanent(Throwable cause) {
        return UNREADABLE.stream().anyMatch(type -> type.isInstance(cause))
                || permanent.stream().anyMatch(failures -> failures.matches(cause));
    }

    static boolean isTransient(Throwable cause) {
        if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
            return true;
        }
        if (cause instanceof SQLException sql && (transientSqlState(sql.getSQLState()) || transientOnH2(sql)
                || closedByThePool(sql))) {
            return true;
        }
        if (cause instanceof TransientDataAccessException || cause instanceof RecoverableDataAccessException
                || cause instanceof DataAccessResourceFailureException
                || cause instanceof CannotCreateTransactionException) {
            return true;
        }
        // Kafka's retriable errors include its TimeoutException; a send awaited with a timeout throws the JDK's
        if (cause instanceof RetriableException || cause instanceof TimeoutException) {
            return true;
        }
        return isAnyOf(cause, TRANSIENT_TYPE_NAMES);
    }

    private static boolean transientSqlState(String state) {
        return state != null && state.length() == 5
                && (TRANSIENT_SQL_STATE_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_SQL_STATES.contains(state));
    }

    private static boolean transientOnH2(SQLException sql) {
        return sql.getClass().getName().startsWith("org.h2.") && TRANSIENT_H2_ERROR_CODES.contains(sql.getErrorCode());
    }

    /**
     * HikariCP closes a connection that broke (the server went away in the middle of a transaction) and answers every
     * later call on it with a bare "Connection is closed", without SQLState; the break itself is often not in the
     * chain any more.
     */
    private static boolean closedByThePool(SQLException sql) {
        StackTraceElement[] frames = sql.getStackTrace();
        return sql.getSQLState() == null && frames.length > 0
                && frames[0].getClassName().startsWith(HIKARI_CLOSED_CONNECTION);
    }

    private static boolean isAnyOf(Throwable cause, List<String> typeNames) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (typeNames.contains(type.getName())) {
                return true;
            }
        }
        return false;
    }

    /** The failure, its causes and, for SQL exceptions, the exceptions chained to them; each once. */
    private static List<Throwable> causeChain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            chain.add(cause);
            if (cause instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null && seen.add(next);
                     next = next.getNextException()) {
                    chain.add(next);
                }
            }
        }
        return chain;
    }
}
