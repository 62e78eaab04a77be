// Headers the message builder puts on every edaran email. Transports may read them (the .eml outbox names
// its files by OPD) without the Mailer port knowing about OPDs. No Node or React imports: both runtimes load it.

/** The recipient OPD's id, e.g. "BKPSDM". */
export const OPD_ID_HEADER = "X-Edaran-Opd-Id";
/** The recipient OPD's name; only set when it is plain ASCII. */
export const OPD_NAME_HEADER = "X-Edaran-Opd-Name";
