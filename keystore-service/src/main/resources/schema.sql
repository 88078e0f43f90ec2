CREATE TABLE IF NOT EXISTS processed_message (
    message_id   VARCHAR(200)    NOT NULL PRIMARY KEY,
    renewal_id   VARCHAR(200)    NOT NULL,
    report_json  VARCHAR(100000) NOT NULL,
    processed_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE IF NOT EXISTS key_generation (
    renewal_id         VARCHAR(200)  NOT NULL PRIMARY KEY,
    alias              VARCHAR(200)  NOT NULL,
    certificate_sha256 CHAR(64)      NOT NULL,
    previous_json      VARCHAR(2000),
    recorded_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
