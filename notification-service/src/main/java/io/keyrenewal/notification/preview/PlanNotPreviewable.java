package io.keyrenewal.notification.preview;

/** A plan whose messages cannot be previewed at all: it names no alias, no partner, or an unknown playbook. */
public class PlanNotPreviewable extends RuntimeException {

    public PlanNotPreviewable(String reason) {
        super(reason);
    }
}
