-- OptiEvent transactional outbox, MySQL 8.0+ / MariaDB 10.6+ (InnoDB). NOT TESTED in the build yet:
-- no MySQL server could be started there. Copy it into your migrations or let
-- optimove.outbox.initialize-schema run it. Times are milliseconds since the epoch (UTC).
CREATE TABLE IF NOT EXISTS optimove_outbox (
  id              BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
  tenant          BIGINT        NOT NULL,
  event_key       VARCHAR(255)  NOT NULL,
  body            MEDIUMTEXT    NOT NULL,
  accepted_at     BIGINT        NOT NULL,
  next_attempt_at BIGINT        NOT NULL,
  attempts        INT           NOT NULL DEFAULT 0,
  lease_owner     VARCHAR(64),
  blocked         BOOLEAN       NOT NULL DEFAULT FALSE,
  last_answer     VARCHAR(2000),
  version         BIGINT        NOT NULL DEFAULT 0,
  INDEX optimove_outbox_due (blocked, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
