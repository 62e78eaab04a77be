// The letter, reminder and withdrawal emails as subject, HTML and text. Only ever loaded through lazyEmailBodies(): React
// Email's components cost a server ~40 MiB on load, and most processes (pages, acknowledgements) never send.
import { createElement } from "react";
import { LetterEmail, type LetterEmailProps, letterEmailSubject } from "../emails/letter-email.js";
import { ReminderEmail, type ReminderEmailProps, reminderEmailSubject } from "../emails/reminder-email.js";
import { WithdrawalEmail, type WithdrawalEmailProps, withdrawalEmailSubject } from "../emails/withdrawal-email.js";
import { type RenderedEmail, renderEmail } from "./render-email.js";

export interface EmailBody extends RenderedEmail {
  subject: string;
}

export async function letterEmailBody(props: LetterEmailProps): Promise<EmailBody> {
  return { subject: letterEmailSubject(props), ...(await renderEmail(createElement(LetterEmail, props))) };
}

export async function reminderEmailBody(props: ReminderEmailProps): Promise<EmailBody> {
  return { subject: reminderEmailSubject(props), ...(await renderEmail(createElement(ReminderEmail, props))) };
}

export async function withdrawalEmailBody(props: WithdrawalEmailProps): Promise<EmailBody> {
  return { subject: withdrawalEmailSubject(props), ...(await renderEmail(createElement(WithdrawalEmail, props))) };
}
