/**
 * How a notification leaves the platform. A transport sends one message to one address; the
 * platform has one per channel ('sms', 'email'). The default for both is `logTransport`, which
 * writes a structured log line with the recipient masked. A real provider (an SMS gateway, SMTP)
 * implements `Transport` and is installed with `setTransport` at start-up: see
 * docs/modules/notifications.md.
 */
export type Channel = 'sms' | 'email';

export interface OutgoingMessage {
  /** The plain address (phone number or email). Only the transport sees it; storage keeps it masked. */
  to: string;
  subject: string;
  body: string;
  locale: 'zh-CN' | 'en';
}

export interface Transport {
  name: string;
  /** Resolve when the provider accepted the message; throw (with a short reason) when it refused. */
  send(message: OutgoingMessage): Promise<void>;
}

/** 138****5678, z***@example.cn: what logs and the delivery table show of an address. */
export function maskRecipient(to: string): string {
  const at = to.indexOf('@');
  if (at > 0) return `${to.slice(0, 1)}***${to.slice(at)}`;
  const digits = to.replace(/[\s-]/g, '').replace(/^\+?86/, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

/** Writes `{"msg":"notification.send", channel, to: masked, subject, chars}` to stderr. */
export function logTransport(
  channel: Channel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Transport {
  return {
    name: `log:${channel}`,
    async send(message) {
      write(
        JSON.stringify({
          level: 'info',
          msg: 'notification.send',
          channel,
          to: maskRecipient(message.to),
          subject: message.subject,
          locale: message.locale,
          chars: message.body.length,
        }),
      );
    },
  };
}

const transports: Record<Channel, Transport> = { sms: logTransport('sms'), email: logTransport('email') };

export function setTransport(channel: Channel, transport: Transport): void {
  transports[channel] = transport;
}

export function transportFor(channel: Channel): Transport {
  return transports[channel];
}
