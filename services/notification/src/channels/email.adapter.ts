import nodemailer, { type Transporter } from 'nodemailer';

export interface EmailRequest {
  /** Our message id; becomes the Message-ID header (`<id@motcua>`), so a resend is recognisable. */
  messageId: string;
  to: string;
  subject: string;
  text: string;
}

export type EmailSendResult = { ok: true; providerMessageId: string } | { ok: false; retryable: boolean; error: string };

/** Port to an e-mail relay. Implementations never throw: every outcome is a result. */
export abstract class EmailAdapter {
  abstract send(req: EmailRequest): Promise<EmailSendResult>;
  abstract close(): void;
}

export interface SmtpEmailOptions {
  /** `smtp://user:pass@host:port` or `smtps://…`. */
  url: string;
  from: string;
  timeoutMs: number;
}

/** E-mail over SMTP (nodemailer, UTF-8 headers and body). A 5xx SMTP reply is permanent; the rest may be retried. */
export class SmtpEmailAdapter extends EmailAdapter {
  private readonly transport: Transporter;

  constructor(private readonly opts: SmtpEmailOptions) {
    super();
    const u = new URL(opts.url);
    this.transport = nodemailer.createTransport({
      host: u.hostname,
      port: Number(u.port) || (u.protocol === 'smtps:' ? 465 : 25),
      secure: u.protocol === 'smtps:',
      auth: u.username ? { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) } : undefined,
      connectionTimeout: opts.timeoutMs,
      greetingTimeout: opts.timeoutMs,
      socketTimeout: opts.timeoutMs,
      tls: { rejectUnauthorized: u.searchParams.get('tlsVerify') !== 'false' },
    });
  }

  async send(req: EmailRequest): Promise<EmailSendResult> {
    try {
      const info = await this.transport.sendMail({
        from: this.opts.from,
        to: req.to,
        subject: req.subject,
        text: req.text,
        messageId: `<${req.messageId}@motcua>`,
        textEncoding: 'base64',
      });
      return { ok: true, providerMessageId: String(info.messageId) };
    } catch (err) {
      const e = err as Error & { responseCode?: number };
      const permanent = typeof e.responseCode === 'number' && e.responseCode >= 500;
      return { ok: false, retryable: !permanent, error: `SMTP: ${e.message.slice(0, 300)}` };
    }
  }

  close(): void {
    this.transport.close();
  }
}
