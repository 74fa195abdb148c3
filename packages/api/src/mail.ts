import { createTransport, type Transporter } from 'nodemailer';

// Email through the SMTP server a deployment configures, for the domains that send some (a
// customer's email invites). Without one, nothing is sent by Flywheel: the tenant's own system
// sends them from the webhook event instead.

export type MailOptions = {
  /** `smtp://user:pass@host:587` or `smtps://…:465`. */
  smtpUrl: string;
  /** The sender, e.g. `Acme <invites@acme.example>`. */
  from: string;
};

export type Mail = { to: string; subject: string; text: string; replyTo?: string | undefined };

const transports = new Map<string, Transporter>();

/** Sends one plain-text email (no HTML: nothing a customer typed can become markup). */
export async function sendMail(options: MailOptions, mail: Mail): Promise<void> {
  let transport = transports.get(options.smtpUrl);
  if (!transport) {
    transport = createTransport(options.smtpUrl);
    transports.set(options.smtpUrl, transport);
  }
  await transport.sendMail({ from: options.from, to: mail.to, subject: mail.subject, text: mail.text, replyTo: mail.replyTo });
}

/**
 * The SMTP server from the environment (`SMTP_URL`, `MAIL_FROM`), for the BFF and the worker
 * alike; undefined without SMTP_URL. Throws naming the variable that is wrong.
 */
export function mailOptionsFromEnv(env: { SMTP_URL?: string | undefined; MAIL_FROM?: string | undefined }): MailOptions | undefined {
  const smtpUrl = env.SMTP_URL;
  if (!smtpUrl) return undefined;
  if (!/^smtps?:\/\/[^/\s]+/.test(smtpUrl)) throw new Error('SMTP_URL: must be smtp://user:pass@host:port or smtps://…');
  const from = env.MAIL_FROM;
  if (!from) throw new Error('MAIL_FROM: is required when SMTP_URL is set, e.g. "Acme <invites@acme.example>"');
  return { smtpUrl, from };
}
