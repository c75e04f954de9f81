-- A message of the team's digest, written before it is tried: it is never lost, and goes again until it is sent.
-- Parameters: digest_key, recipient, language, kind, period, fingerprint, statuses, message, created_at.
insert into digest_outbox
    (digest_key, recipient, language, kind, period, fingerprint, statuses, message, created_at, sent_at, attempts,
     last_error)
values
    ($digest_key, $recipient, $language, $kind, $period, $fingerprint, $statuses, $message, $created_at, null, 0,
     null)
