import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface LocalMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string | null;
  receivedAt: string;
}

export interface LocalSmtp {
  /** `smtp://127.0.0.1:<port>`. */
  url: string;
  /** The mails accepted, newest last (at most the last 500). */
  mails: LocalMail[];
  close(): Promise<void>;
}

/** A real local SMTP server (no TLS, no auth) that keeps what it receives: the e-mail channel's stand-in. */
export async function startLocalSmtp(port: number, host = '127.0.0.1'): Promise<LocalSmtp> {
  const mails: LocalMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          mails.push({
            from: mail.from?.text ?? session.envelope.mailFrom?.toString() ?? '',
            to: session.envelope.rcptTo.map((r) => r.address),
            subject: mail.subject ?? '',
            text: mail.text ?? '',
            messageId: mail.messageId ?? null,
            receivedAt: new Date().toISOString(),
          });
          if (mails.length > 500) mails.shift();
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://${host}:${actual}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
