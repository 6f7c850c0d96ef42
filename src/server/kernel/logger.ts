/** pino JSON logs with request ids; credentials and cookies are redacted (A.8.15; no secrets in logs). */
import pino, { type Logger } from 'pino';

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'custos' },
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]', '*.password', '*.token', '*.secret'],
        censor: '[redacted]',
      },
    },
    destination ?? pino.destination(2),
  );
}
