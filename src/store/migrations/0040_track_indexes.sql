-- Lookups of issue #5's tracking side:
-- the delivery webhook finds a recipient by Resend's email id, and the per-OPD history reads by opd.
CREATE INDEX recipients_provider_message ON recipients(provider_message_id);
CREATE INDEX recipients_opd ON recipients(opd_id, created_at);
