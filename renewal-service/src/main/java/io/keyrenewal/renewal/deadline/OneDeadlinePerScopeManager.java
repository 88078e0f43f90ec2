package io.keyrenewal.renewal.deadline;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import org.axonframework.common.IdentifierFactory;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.deadline.GenericDeadlineMessage;
import org.axonframework.deadline.dbscheduler.DbSchedulerBinaryDeadlineDetails;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineToken;
import org.axonframework.messaging.ScopeAwareProvider;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Axon's db-scheduler deadline manager, with one deadline of each name per aggregate, kept under a task instance id
 * made of the two ({@code <deadline name>:<aggregate id>}). Cancelling a deadline within an aggregate's scope is then
 * one delete by primary key, where Axon's own manager reads and deserializes every scheduled deadline of every
 * aggregate to find the ones to cancel: a cost that grows with the number of open renewals on every partner
 * confirmation. Scheduling a deadline under a name the aggregate already has replaces it (its time and payload).
 * <p>
 * A deadline that is executing at that moment cannot be replaced or cancelled (db-scheduler refuses): the new one
 * then gets an id of its own, and the executing one runs to its end. Deadline handlers therefore check that what
 * they are about still holds, as the {@code Renewal}'s do. Deadlines outside an aggregate's scope behave as in Axon.
 */
public class OneDeadlinePerScopeManager extends DbSchedulerDeadlineManager {

    private static final Logger log = LoggerFactory.getLogger(OneDeadlinePerScopeManager.class);
    private static final String TASK_NAME = new DbSchedulerDeadlineToken("").getTaskName();
    private static final TaskDescriptor<DbSchedulerBinaryDeadlineDetails> TASK =
            TaskDescriptor.of(TASK_NAME, DbSchedulerBinaryDeadlineDetails.class);

    private final Scheduler scheduler;
    private final Serializer serializer;

    public OneDeadlinePerScopeManager(Scheduler scheduler, ScopeAwareProvider scopes, Serializer serializer,
                                      TransactionManager transactionManager) {
        super(DbSchedulerDeadlineManager.builder()
                .scheduler(scheduler)
                .scopeAwareProvider(scopes)
                .serializer(serializer)
                .transactionManager(transactionManager)
                // the binary task Axon's auto-configuration registers runs what is scheduled here
                .useBinaryPojo(true)
                .startScheduler(false)
                .stopScheduler(false));
        this.scheduler = scheduler;
        this.serializer = serializer;
    }

    /** The task instance id of the deadline {@code deadlineName} of the aggregate {@code aggregateId}. */
    static String instanceId(String deadlineName, String aggregateId) {
        return deadlineName + ":" + aggregateId;
    }

    @Override
    public String schedule(Instant triggerDateTime, String deadlineName,
                           Object messageOrPayload, ScopeDescriptor deadlineScope) {
        if (!(deadlineScope instanceof AggregateScopeDescriptor aggregate)) {
            return super.schedule(triggerDateTime, deadlineName, messageOrPayload, deadlineScope);
        }
        String id = instanceId(deadlineName, String.valueOf(aggregate.getIdentifier()));
        DeadlineMessage<Object> message =
                GenericDeadlineMessage.asDeadlineMessage(deadlineName, messageOrPayload, triggerDateTime);
        runOnPrepareCommitOrNow(() -> {
            DbSchedulerBinaryDeadlineDetails details =
                    details(deadlineName, deadlineScope, processDispatchInterceptors(message));
            try {
                scheduler.schedule(TASK.instance(id).data(details).build(), triggerDateTime,
                        SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
            } catch (TaskInstanceCurrentlyExecutingException executing) {
                String ownId = id + ":" + IdentifierFactory.getInstance().generateIdentifier();
                log.debug("Deadline {} is executing; the new one is scheduled as {}", id, ownId);
                scheduler.schedule(TASK.instance(ownId).data(details).build(), triggerDateTime);
            }
        });
        return id;
    }

    @Override
    public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
        if (!(scope instanceof AggregateScopeDescriptor aggregate)) {
            super.cancelAllWithinScope(deadlineName, scope);
            return;
        }
        cancelSchedule(deadlineName, instanceId(deadlineName, String.valueOf(aggregate.getIdentifier())));
    }

    @Override
    public void cancelSchedule(String deadlineName, String scheduleId) {
        runOnPrepareCommitOrNow(() -> {
            try {
                scheduler.cancel(TaskInstanceId.of(TASK_NAME, scheduleId));
            } catch (TaskInstanceNotFoundException alreadyGone) {
                // fired or cancelled before
            } catch (TaskInstanceCurrentlyExecutingException executing) {
                log.debug("Deadline {} is executing and runs to its end; its handler finds it moot", scheduleId);
            }
        });
    }

    private DbSchedulerBinaryDeadlineDetails details(String deadlineName, ScopeDescriptor scope,
                                                      DeadlineMessage<?> message) {
        SerializedObject<byte[]> serializedScope = serializer.serialize(scope, byte[].class);
        SerializedObject<byte[]> payload = serializer.serialize(message.getPayload(), byte[].class);
        SerializedObject<byte[]> metaData = serializer.serialize(message.getMetaData(), byte[].class);
        return new DbSchedulerBinaryDeadlineDetails(deadlineName, serializedScope.getData(),
                serializedScope.getType().getName(), payload.getData(), payload.getType().getName(),
                payload.getType().getRevision(), metaData.getData());
    }
}
