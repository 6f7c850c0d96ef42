/**
 * TOTP second factor (RFC 6238; A.8.5 secure authentication). Secrets are 160-bit, stored only
 * envelope-encrypted; a code is accepted once (replay refused by remembering the last time step),
 * within ±1 step of clock drift.
 */
import { generateSecret, generateURI, verify, generate } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_ISSUER = 'Custos';

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

export async function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/** The matched time step, or null. `afterStep` refuses codes at or before the last one used. */
export async function checkTotp(secret: string, code: string, options: { now: Date; afterStep: number | null }): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(options.now.getTime() / 1000),
    epochTolerance: 30,
    ...(options.afterStep !== null ? { afterTimeStep: options.afterStep } : {}),
  });
  if (!result.valid) return null;
  const { timeStep } = result as { timeStep?: number };
  return typeof timeStep === 'number' ? timeStep : Math.floor(options.now.getTime() / 30000);
}

/** For tests, the CLI and the browser journeys. */
export async function currentTotp(secret: string, now: Date = new Date()): Promise<string> {
  return generate({ secret, epoch: Math.floor(now.getTime() / 1000) });
}
